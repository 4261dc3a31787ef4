"""The plugin on a real Pelican build of a minimal site (Pelican's own theme, this plugin
alone): every kind of content object and every displayed field is scanned, findings map to
source lines, drafts are reported as drafts, and without a report file the build warns."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from .conftest import PLUGINS_DIR, run_pelican, run_site

FILES = {
    "posts/plain.md": """\
        Title: Sleep and worry
        Date: 2026-02-01
        Tags: sleep

        Worry often gets louder at night. Here is what helps.
        """,
    "posts/leaky-title.md": """\
        Title: What Callum, 27, an apprentice at Tesco, taught me
        Date: 2026-02-02
        Tags: work, Priya 29 nurse at Toronto General
        Slug: sarah-34-nurse

        A general post.

        ![A quiet beach]({static}/images/aoife-31-teacher.png)
        """,
    "posts/a-draft.md": """\
        Title: Not yet
        Date: 2026-02-03
        Status: draft

        Nothing to see.

        Ring her on 0113 496 0732 after five.
        """,
    "pages/hidden.md": """\
        Title: Hidden
        Status: hidden

        Her NHS number, 485 777 3457, was on the letter.
        """,
}


def make_site(root):
    root = Path(root)
    for rel, text in FILES.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "aoife-31-teacher.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        PATH = "content"
        ARTICLE_PATHS = ["posts"]
        PAGE_PATHS = ["pages"]
        STATIC_PATHS = ["images"]
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["confidentiality"]
        PRACTICE = {{"country": "GB", "phone": "020 7946 0958"}}
        TIMEZONE = "UTC"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        CACHE_CONTENT = False
        """), encoding="utf-8")
    return root


def test_every_object_and_field_is_scanned_and_mapped_to_its_line(tmp_path):
    root = make_site(tmp_path / "site")
    report = tmp_path / "scan.json"
    result = run_site(root, {"CONFIDENTIALITY_REPORT": str(report)})
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["scanned"] == 3 and data["drafts"] == 1
    got = {(Path(f["file"]).name, f["field"], f["line"], f["status"]) for f in data["findings"]}
    assert ("leaky-title.md", "title", 1, "published") in got
    assert ("leaky-title.md", "tags", 3, "published") in got
    assert ("leaky-title.md", "slug", 4, "published") in got
    assert ("leaky-title.md", "image file name", 0, "published") in got
    assert ("a-draft.md", "body", 7, "draft") in got
    assert ("hidden.md", "body", 4, "hidden") in got
    assert not [f for f in data["findings"] if Path(f["file"]).name == "plain.md"]
    checked = list(data["findings"])
    assert checked, "nothing to check"
    for f in checked:
        assert f["problem"] and f["fix"], f


def test_in_preview_setting_makes_the_build_warn_and_still_build(tmp_path):
    root = make_site(tmp_path / "site")
    # A wide console, whatever the test runner's: Pelican's log wraps long lines.
    result = run_pelican(root / "output", conf=root / "conf.py", content=root / "content",
                         settings={"CONFIDENTIALITY_IN_PREVIEW": True},
                         cwd=root, env={"COLUMNS": "1000"})
    output = result.stdout + result.stderr
    squeezed = "".join(output.split())
    assert result.returncode == 0, output
    assert "Confidentiality:content/pages/hidden.mdline4" in squeezed, output
    assert "(adraft)" in squeezed and "Traceback" not in output


def test_a_preview_build_skips_the_scan_unless_asked(tmp_path):
    """make html and the dev server (no report file, CONFIDENTIALITY_IN_PREVIEW unset or
    false) build without scanning: the same leaky site builds with no warning, and the
    scanner's phone and ID libraries are never imported."""
    root = make_site(tmp_path / "site")
    probe = tmp_path / "probe.py"
    # Pelican run in-process, then a look at what it imported.
    probe.write_text(textwrap.dedent("""\
        import sys
        from pelican import main
        main(sys.argv[1:])
        print("IMPORTED", sorted(m for m in sys.modules if m.split(".")[0] in
                                 ("phonenumbers", "stdnum", "confidentiality")))
        """), encoding="utf-8")
    for settings in ({}, {"CONFIDENTIALITY_IN_PREVIEW": False}):
        cmd = [sys.executable, str(probe), str(root / "content"), "-o", str(root / "output"),
               "-s", str(root / "conf.py"), "--fatal", "errors"]
        cmd += ["-e", *(f"{k}={json.dumps(v)}" for k, v in settings.items())] if settings else []
        result = subprocess.run(cmd, cwd=root, env={**os.environ, "COLUMNS": "1000"},
                                capture_output=True, text=True, timeout=600)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        assert (root / "output" / "index.html").exists()
        assert "Confidentiality" not in output, output
        imported = next(line for line in output.splitlines() if line.startswith("IMPORTED"))
        # The plugin itself was loaded (so the check above can fail), its scanner was not.
        assert "'confidentiality.confidentiality'" in imported, imported
        assert "phonenumbers" not in imported and "stdnum" not in imported, imported
        assert "confidentiality.scan" not in imported, imported
