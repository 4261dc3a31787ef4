"""The verdict cache (verdicts.py): pages judged clean are not judged again in the next
build, a changed page always is, and a build with PRIVACY_GUARD_CACHE off (make check,
make publish) trusts no remembered verdict.

Two real builds of one scratch copy of the project, shared by the tests here. The first
remembers the clean pages; then one remembered page is edited into a hostile one, and the
cache file is poisoned with the digest of a hostile page the first build saw (every build
here runs with PRIVACY_GUARD_ENFORCE off, so it lists all it finds and the hostile page
stays in the output). The second build must catch the edited page and trust the
poisoned verdict: the proof that a remembered page is not judged again. With the
setting off, the same poisoned file is not read and the page is judged.
"""

from pathlib import Path

import pytest

from .. import audit, headers, verdicts

if not (Path(__file__).resolve().parents[3] / "tools" / "child_build.py").is_file():
    pytest.skip("needs the Harbor Light project around this plugin", allow_module_level=True)

from conftest import copy_project, run_pelican  # noqa: E402 (the project's own)

HEAD = "Date: 2026-02-01 10:00\nCategory: Wellbeing\nTags: rest\n"
QUIET = "Title: Quiet\n" + HEAD + "Slug: quiet\nSummary: Quiet.\n\nA calm, plain post.\n"
SPY = ("Title: Spy\n" + HEAD + "Slug: spy\nSummary: Spy.\n\n"
       '<img src="https://tracker.example/spy.gif" alt="">\n')
EDITED = QUIET.replace("A calm, plain post.",
                       '<img src="https://pixel.example/q.gif" alt="">')
QUIET_PAGE, SPY_PAGE = "blog/quiet/index.html", "blog/spy/index.html"


def _build(project, **settings):
    return run_pelican(project / "output", conf=project / "pelicanconf.py",
                       content=project / "content", cwd=project, settings=settings)


def _cache_files(project):
    return sorted((project / ".cache").rglob(verdicts.FILE))


def _pages(output):
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*.html")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("verdicts") / "site")
    posts = project / "content" / "posts"
    (posts / "quiet.md").write_text(QUIET, encoding="utf-8")
    (posts / "spy.md").write_text(SPY, encoding="utf-8")
    first = _build(project, PRIVACY_GUARD_ENFORCE=False)
    assert first.returncode == 0, first.stdout + first.stderr
    pages = _pages(project / "output")
    [cache] = _cache_files(project)
    remembered = cache.read_bytes()
    from conftest import sample_settings  # the settings file the build read
    checker = verdicts.Verdicts(str(cache), verdicts.rules_version(sample_settings()))
    known = set(checker.known)
    # Poison: the hostile page's digest, as if it had been judged clean.
    cache.write_bytes(remembered + checker.digest(pages[SPY_PAGE], SPY_PAGE))
    (posts / "quiet.md").write_text(EDITED, encoding="utf-8")
    # The same settings as the first build (another setting is another cache folder,
    # cache_key); not enforced, so the report lists every page with a finding.
    second = _build(project, PRIVACY_GUARD_ENFORCE=False)
    return {"project": project, "pages": pages, "checker": checker, "known": known,
            "second": second}


def test_every_clean_page_is_remembered_and_no_hostile_one(builds):
    checker, pages, known = builds["checker"], builds["pages"], builds["known"]
    remembered = {rel for rel in pages if checker.digest(pages[rel], rel) in known}
    assert remembered == set(pages) - {SPY_PAGE}
    assert len(known) == len(remembered)
    # Under CACHE_PATH, never in the output.
    assert not list((builds["project"] / "output").rglob(verdicts.FILE))


def test_a_hostile_edit_to_a_remembered_page_is_caught(builds):
    report = builds["second"].stdout + builds["second"].stderr
    assert QUIET_PAGE in report and "content/posts/quiet.md" in report, report


def test_a_remembered_page_is_not_judged_again(builds):
    # The poisoned verdict is trusted by the cache-on build: its page was not judged.
    report = builds["second"].stdout + builds["second"].stderr
    assert SPY_PAGE not in report, report


def test_with_the_cache_off_the_poisoned_file_is_not_read(builds):
    # The poisoned file, read as the guard's walk reads it with the setting on and off
    # (in this process: a third build would cost the suite more than it proves).
    cache = Path(builds["checker"].path)
    from conftest import sample_settings
    settings = {**sample_settings(), "CACHE_PATH": str(cache.parent),
                "PRIVACY_GUARD_CACHE": False}
    assert verdicts.for_build(settings) is verdicts.OFF
    auditor = audit.Auditor(audit.AuditRules("", []))
    auditor.verdicts = verdicts.for_build({**settings, "PRIVACY_GUARD_CACHE": True})
    page = builds["pages"][SPY_PAGE]
    assert auditor.html(page, SPY_PAGE) == []  # on: the poisoned verdict is trusted
    auditor.verdicts = verdicts.for_build(settings)
    assert any("tracker.example" in f.problem for f in auditor.html(page, SPY_PAGE))


def test_publish_and_check_build_with_the_cache_off(monkeypatch, tmp_path):
    from tools.checks import project as project_module

    seen = {}
    from types import SimpleNamespace

    def build_in_process(conf, override, listeners, cwd):
        seen.update(override)
        return SimpleNamespace(settings=None)

    monkeypatch.setattr(project_module, "build_in_process", build_in_process)
    project_module.Project(tmp_path).build(tmp_path / "out", {})
    assert seen["PRIVACY_GUARD_CACHE"] is False


# ---- the digest, in this process -----------------------------------------------------

def _page(body):
    meta = headers.meta_html([])
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{meta}<title>t</title>'
            f"</head><body>{body}</body></html>").encode()


@pytest.mark.parametrize("change", ["bytes", "path", "settings", "damaged"])
def test_a_verdict_holds_only_for_the_same_bytes_path_rules_and_settings(tmp_path, change):
    settings = {"CACHE_PATH": str(tmp_path), "SITEURL": "https://a.example"}
    first = verdicts.for_build(settings)
    auditor = audit.Auditor(audit.AuditRules("https://a.example", []))
    auditor.verdicts = first
    assert auditor.html(_page("<p>hello</p>"), "a/index.html", rewrite=None) == []
    first.save()
    page, rel = _page("<p>hello</p>"), "a/index.html"
    assert first.digest(page, rel) in verdicts.for_build(settings)
    if change == "bytes":
        page = _page("<p>hello!</p>")
    elif change == "path":
        rel = "b/index.html"
    elif change == "settings":
        settings = {**settings, "PRIVACY_ALLOWED_ORIGINS": ["https://img.example"]}
    else:
        path = Path(first.path)
        path.write_bytes(path.read_bytes()[:-3])
    again = verdicts.for_build(settings)
    assert again.digest(page, rel) not in again


def test_a_page_with_a_finding_or_repaired_is_never_remembered(tmp_path):
    auditor = audit.Auditor(audit.AuditRules("", []))
    auditor.verdicts = verdicts.for_build({"CACHE_PATH": str(tmp_path)})
    hostile = _page('<img src="https://t.example/x.gif" alt="">')
    assert auditor.html(hostile, "x.html")
    no_meta = b"<!DOCTYPE html><html><head><title>t</title></head><body></body></html>"
    path = tmp_path / "y.html"
    path.write_bytes(no_meta)
    assert auditor.html(no_meta, "y.html", rewrite=str(path)) == []  # repaired in place
    assert auditor.verdicts.kept == set()
