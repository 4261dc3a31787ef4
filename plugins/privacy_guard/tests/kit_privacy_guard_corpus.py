"""The hostile and benign corpora (corpus/*.txt), built for real.

Every hostile snippet goes into a scratch copy of the project as a post (Markdown or
reStructuredText), a page, a page template or a static file, all in one build: the build
(`make html`'s command) and `make publish` must both refuse, name every snippet's file,
and `make publish` must leave output/ exactly as it was. Every benign post (Markdown and
reStructuredText) must build with zero findings; in the same build, what the build cleans
(corpus/cleaned.txt: comments) must be in no published file."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import (ROOT, add_benign, add_hostile, copy_project, read_corpus,
                      run_pelican)
from tools.pelican_adapter import plugin_module
from tools.child_build import TOOLS_BUILD

audit = plugin_module("privacy_guard.audit")

SITEURL = "https://harborlight.example"
HOSTILE, BENIGN, BENIGN_RST, CLEANED = (read_corpus(name) for name in (
    "hostile.txt", "benign.txt", "benign_rst.txt", "cleaned.txt"))


def scratch(tmp_path, *, photos=True):
    project = copy_project(tmp_path / "site", tools=True)
    if not photos:
        # The hostile corpus judges the privacy guard. The photos plugin refuses a picture
        # that does not exist on its own (its tests), before anything is written, so with
        # it several snippets would never reach the audit.
        conf = project / "pelicanconf.py"
        conf.write_text(conf.read_text(encoding="utf-8") +
                        '\nPLUGINS = [p for p in PLUGINS if p != "photos"]\n', encoding="utf-8")
    return project


def test_the_corpora_are_big_enough_and_well_formed():
    assert len(HOSTILE) >= 80 and len(BENIGN) >= 40
    assert len(BENIGN_RST) >= 10 and len(CLEANED) >= 10
    ids = [e[0] for e in HOSTILE + BENIGN + BENIGN_RST + CLEANED]
    assert len(ids) == len(set(ids))
    assert all(body.strip() for _i, _k, _w, body in HOSTILE + BENIGN + BENIGN_RST + CLEANED)
    assert all(f"secret-{i}" in body for i, _k, _w, body in CLEANED)


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def _named(ident, text):
    return re.search(rf"\b{ident}\b", text) is not None


def test_every_hostile_snippet_stops_make_html_and_is_named(tmp_path):
    project = scratch(tmp_path, photos=False)
    add_hostile(project)
    result = run_pelican(tmp_path / "out", conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project,
                         settings={"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False},
                         launcher=TOOLS_BUILD)  # make html's build
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    missing = [i for i, _k, _w, _b in HOSTILE if not _named(i, output)]
    assert not missing, f"not reported: {missing}\n{output}"
    # Each post is named by its source file, with its built page.
    assert re.search(r"content/posts/h001\.md \(page blog/h001/index\.html\)",
                     " ".join(output.split()))
    # The refused files are not left in the output to be served.
    assert not (tmp_path / "out" / "blog" / "h001" / "index.html").exists()
    assert not (tmp_path / "out" / "extra" / "h029.js").exists()


def test_every_hostile_snippet_stops_make_publish_and_output_is_unchanged(tmp_path):
    project = scratch(tmp_path, photos=False)
    output = project / "output"
    output.mkdir()
    (output / "index.html").write_text("the site as it was\n", encoding="utf-8")
    before = _snapshot(output)
    add_hostile(project)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "SITEURL": SITEURL}
    for name in ("DEPLOY", "DRY_RUN"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "tools.publish"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    report = result.stdout + result.stderr
    assert result.returncode == 1, report
    assert "Traceback" not in report
    missing = [i for i, _k, _w, _b in HOSTILE if not _named(i, report)]
    assert not missing, f"not reported: {missing}\n{report}"
    assert re.search(r"content/posts/h001\.md \(page blog/h001/index\.html\)", report)
    # Feeds carry remote images to every feed reader: refused too.
    assert re.search(r"content/posts/h041\.md \(page feeds/\S+\.atom\.xml\).*in the feed "
                     r"entry \"Hostile h041\"", report), report
    assert _snapshot(output) == before


def test_benign_posts_build_with_zero_findings(tmp_path):
    project = scratch(tmp_path)
    add_benign(project)
    out = tmp_path / "out"
    result = run_pelican(out, conf=project / "publishconf.py", content=project / "content",
                         cwd=project, env={"SITEURL": SITEURL})
    assert result.returncode == 0, result.stdout + result.stderr
    every = [e[0] for e in BENIGN + BENIGN_RST + CLEANED]
    built = [i for i in every if (out / "blog" / i / "index.html").is_file()]
    assert built == every
    # The same audit, from outside the build, over every file: nothing at all.
    assert audit.audit_tree(str(out), audit.AuditRules(SITEURL, [])) == []
    # What the build cleans is in no published file: pages, lists, feeds.
    published = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for ident, _k, _w, _b in CLEANED:
        marker = f"secret-{ident}".encode()
        assert not [p for p, data in published.items() if marker in data], ident
    assert not [p for p, data in published.items() if b"<!--" in data]
    # Normalised, not refused: docutils' <tt> and image sizes, ids named like the theme's.
    r001 = (out / "blog" / "r001" / "index.html").read_text(encoding="utf-8")
    assert "<tt" not in r001 and '<code class="docutils literal">sleep diary</code>' in r001
    r002 = (out / "blog" / "r002" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img[^>]*width="600" height="450"', r002), r002
    assert 'width="320"' in r002 and "style=" not in r002
    b047 = (out / "blog" / "b047" / "index.html").read_text(encoding="utf-8")
    assert "begins with &lt;?php echo" in b047
    for ident in ("b046", "r009"):
        check_renamed_ids(out / "blog" / ident / "index.html")


def check_renamed_ids(page):
    """The headings "Main" and "Emergency notice" keep ids of their own, and the post's
    links to them follow; the theme's own ids stay unique."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page.read_bytes())
    ids = [n.attributes["id"] for n in tree.css("[id]")]
    assert len(ids) == len(set(ids)), ids
    headings = {n.text(strip=True): n for n in tree.css("h1, h2, h3")}
    for title, theirs in (("Main", "main"), ("Emergency notice", "emergency-notice")):
        heading = headings[title]
        own = heading.attributes.get("id") or heading.parent.attributes.get("id")
        assert own and own != theirs and own.startswith(theirs + "-"), (title, own)
        assert tree.css_first(f'a[href="#{own}"]') is not None, (page, own)
