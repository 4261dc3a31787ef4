"""`make newpost` / `make newpage` on a scratch copy of the project, through the real Makefile.

The path a therapist follows: create a post, preview it as a draft, try to publish it
with the placeholder summary (refused, with a clear message), write a summary, publish.
"""

import datetime
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from pelican.utils import slugify

from conftest import (build_or_fail, copy_project, run_pelican, sample_settings,
                      soup_of)
from conftest import read_meta as header

TITLE = "Finding calm on hard days"
PAGE_TITLE = "Groups & workshops"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("newcontent-project"), tools=True,
                        makefile=True)
    # A stamp newer than requirements.txt: make must not try to (re)install anything.
    (root / ".stamp").touch()
    return root


def make(project, target, *args):
    return subprocess.run(
        ["make", "-s", target, *args, f"PY={sys.executable}", f"STAMP={project / '.stamp'}"],
        cwd=project, capture_output=True, text=True, timeout=120)




def settings():
    return sample_settings()


def slug_of(title):
    """The address Pelican gives a title, with the site's own slug rules."""
    return slugify(title, regex_subs=settings()["SLUG_REGEX_SUBSTITUTIONS"])


@pytest.fixture(scope="module")
def new_post(project):
    result = make(project, "newpost", f"TITLE={TITLE}")
    assert result.returncode == 0, result.stderr
    path = project / "content" / "posts" / f"{slug_of(TITLE)}.md"
    return path, result


def test_newpost_writes_complete_front_matter(new_post):
    path, result = new_post
    assert path.is_file()
    assert f"content/posts/{path.name}" in result.stdout
    meta = header(path)
    assert meta["title"] == TITLE
    assert meta["slug"] == slug_of(TITLE) == "finding-calm-on-hard-days"
    assert meta["status"] == "draft"
    assert meta["category"] in settings()["ALLOWED_CATEGORIES"]
    assert "tags" in meta and meta["summary"]
    # "now", in the practice's time zone
    written = datetime.datetime.strptime(meta["date"], "%Y-%m-%d %H:%M").replace(
        tzinfo=ZoneInfo(settings()["TIMEZONE"]))
    assert abs(datetime.datetime.now(datetime.UTC) - written) < datetime.timedelta(minutes=10)
    assert f"drafts/{slug_of(TITLE)}/" in result.stdout, "tells the writer where to preview"


def test_newpost_refuses_to_overwrite(project, new_post):
    path, _ = new_post
    before = path.read_bytes()
    result = make(project, "newpost", f"TITLE={TITLE}")
    assert result.returncode != 0
    assert f"content/posts/{path.name} already exists" in result.stderr
    assert path.read_bytes() == before


def test_newpost_refuses_an_address_another_post_uses(project):
    # The sample draft seasonal-stress-draft.md declares Slug: notes-on-seasonal-stress.
    result = make(project, "newpost", "TITLE=Notes on seasonal stress")
    assert result.returncode != 0
    assert "seasonal-stress-draft.md" in result.stderr
    assert "notes-on-seasonal-stress" in result.stderr
    assert not (project / "content" / "posts" / "notes-on-seasonal-stress.md").exists()


@pytest.mark.parametrize("target", ["newpost", "newpage"])
def test_missing_title_prints_usage(project, target):
    before = sorted(p.name for p in (project / "content").rglob("*.md"))
    result = make(project, target)
    assert result.returncode != 0
    assert "No title given" in result.stderr
    assert 'make newpost TITLE="' in result.stderr
    assert sorted(p.name for p in (project / "content").rglob("*.md")) == before


def test_newpage_and_newpost_show_up_in_the_preview(project, new_post, tmp_path):
    result = make(project, "newpage", f"TITLE={PAGE_TITLE}")
    assert result.returncode == 0, result.stderr
    page_source = project / "content" / "pages" / f"{slug_of(PAGE_TITLE)}.md"
    meta = header(page_source)
    assert meta["title"] == PAGE_TITLE and meta["status"] == "draft" and meta["summary"]
    site = build_or_fail(tmp_path / "out", conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project)
    post = soup_of(site / "drafts" / slug_of(TITLE) / "index.html")
    assert post.h1.get_text(strip=True) == TITLE
    assert post.select_one(".marker--draft")
    page = soup_of(site / "drafts" / "pages" / slug_of(PAGE_TITLE) / "index.html")
    assert page.h1.get_text(strip=True) == PAGE_TITLE
    page_source.unlink()  # leave the project as the other tests expect


def test_publishing_with_the_placeholder_summary_is_refused(project, new_post, tmp_path):
    path, _ = new_post
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("Status: draft", "Status: published"), encoding="utf-8")
        refused = run_pelican(tmp_path / "out1", conf=project / "pelicanconf.py",
                              content=project / "content", cwd=project, env={"COLUMNS": "1000"})
        out = " ".join((refused.stdout + refused.stderr).split())
        summary_line = next(n for n, line in enumerate(original.splitlines(), 1)
                            if line.startswith("Summary:"))
        assert refused.returncode != 0
        assert f'content/posts/{path.name}, line {summary_line}, field "Summary"' in out
        assert "placeholder" in out

        meta_summary = header(path)["summary"]
        path.write_text(path.read_text(encoding="utf-8").replace(
            meta_summary, "Three small things that help on a rough day."), encoding="utf-8")
        site = build_or_fail(tmp_path / "out2", conf=project / "pelicanconf.py",
                             content=project / "content", cwd=project)
        live = soup_of(site / "blog" / slug_of(TITLE) / "index.html")
        assert live.h1.get_text(strip=True) == TITLE
        assert live.select_one(".marker--draft") is None
    finally:
        path.write_text(original, encoding="utf-8")


def test_quotes_and_backticks_in_a_title_arrive_as_typed(project):
    title = 'Say "yes" to rest, don\'t rush `today`'
    result = make(project, "newpost", f"TITLE={title}")
    assert result.returncode == 0, result.stderr
    path = project / "content" / "posts" / f"{slug_of(title)}.md"
    try:
        assert header(path)["title"] == title
    finally:
        path.unlink()
