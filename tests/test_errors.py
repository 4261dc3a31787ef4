"""What a therapist can get wrong, built for real with `python -m tools.build` (what make
html, regenerate and devserver run): every message names the file, field or setting and
the fix, comes in one block, keeps file names whole at 80 columns, and never ends in a
Python traceback. Also: long titles, switched-off policies, and a preview without stale
pages.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, run_python


def build(project, out=None, *args, columns=80):
    """tools.build on a scratch copy, run from inside it like `make html`."""
    out = out or project / "output"
    env = {**os.environ, "COLUMNS": str(columns), "PYTHONDONTWRITEBYTECODE": "1"}
    result = run_python(
        [sys.executable, "-m", "tools.build", "content", "-o", str(out), "-s",
         "pelicanconf.py", *args], cwd=project, env=env)
    result.output = result.stdout + result.stderr
    return result


def stopped(result, *needles):
    """Failed, without a traceback, in one block, each needle present (wrapping undone)."""
    out = result.output
    assert result.returncode == 1, out
    assert "Traceback" not in out, out
    assert out.count("The site was not built.") == 1, out
    flat = " ".join(out.split())
    for needle in needles:
        assert needle in flat, f"{needle!r} not in:\n{out}"
    return out


def lines_fit(out, columns=80):
    """Every line fits, unless it is one unbreakable word (a long file name)."""
    for line in out.splitlines():
        assert len(line) <= columns or len(line.split()) == 1 or \
            len(line.strip().split()) <= 2, f"line over {columns} columns: {line!r}"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "site", tools=True)  # make html runs the copy's tools/


def write(project, relative, text, encoding="utf-8"):
    path = project / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


POST = """Title: {title}
Date: {date}
Category: Wellbeing
Summary: A short test post.

Some words.
"""


# -- the sample builds clean ---------------------------------------------------------------

def test_the_sample_builds_without_a_warning(project):
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Warning" not in result.output and "Traceback" not in result.output
    assert (project / "output" / "index.html").is_file()


# -- files and fields ---------------------------------------------------------------------
# One build carries every mistake of this kind: the front_matter plugin reports them all,
# numbered, in its one block, so each case finds its own entry in that build's report.

LONG_NAME = "a-post-saved-by-an-old-word-processor-with-a-rather-long-file-name.md"
DATES = {"03/11/2026": "dated-slashes.md", "11.03.2026 10:00": "dated-dots.md",
         "25/12/2026": "dated-day-first.md", "December 25, 2026": "dated-words.md"}


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    """The build of a copy holding every file-and-field mistake below."""
    project = copy_project(tmp_path_factory.mktemp("mistakes") / "site", tools=True)
    write(project, f"posts/{LONG_NAME}",
          POST.format(title="Café “quoted”", date="2026-04-01"), encoding="cp1252")
    for date, name in DATES.items():
        write(project, f"posts/{name}", POST.format(title="Dated", date=date))
    write(project, "posts/typo.md", "Titel: Typo\nDate: 2026-04-01\nCategory: Wellbeing\n"
          "Summary: x\n\nText.\n")
    write(project, "posts/linking.md", POST.format(title="Linking", date="2026-04-01")
          + "\nSee [the old page]({filename}../pages/no-longer-here.md).\n")
    result = build(project)
    stopped(result, f"Front matter: {len(DATES) + 3} problems in {len(DATES) + 3} files")
    assert not (project / "output").exists()
    return result


def entry(result, name):
    """The reporter's item that names content/posts/NAME (its place, what, and fix), its
    wrapped lines joined and whitespace undone."""
    entries, current = [], None
    for line in result.output.splitlines():
        if line.startswith("  -") and line[3:4] in ("", " "):  # a long name may wrap
            current = [line.strip()[1:]]
            entries.append(current)
        elif current is not None and line.startswith("    "):
            current.append(line)
        else:
            current = None
    found = [" ".join(" ".join(e).split()) for e in entries
             if " ".join(" ".join(e).split()).startswith(f"content/posts/{name}")]
    assert len(found) == 1, f"{name}: {len(found)} entries in:\n{result.output}"
    return found[0]


def test_a_post_in_windows_1252_says_save_it_as_utf8(mistakes):
    text = entry(mistakes, LONG_NAME)
    assert f"content/posts/{LONG_NAME} line 1: this file is not saved as UTF-8" in text
    assert "save it as UTF-8" in text
    lines_fit(mistakes.output)
    assert any(f"content/posts/{LONG_NAME}" in line for line in mistakes.output.splitlines()), \
        "the file name was broken across lines"


@pytest.mark.parametrize("date, readings", [
    ("03/11/2026", ['"2026-03-11" (11 March 2026)', '"2026-11-03" (3 November 2026)']),
    ("11.03.2026 10:00", ['"2026-03-11 10:00" (11 March 2026)',
                          '"2026-11-03 10:00" (3 November 2026)']),
    ("25/12/2026", ['"2026-12-25"']),
    ("December 25, 2026", ['"2026-12-25"']),
])
def test_a_date_not_written_year_month_day_is_refused_with_its_iso_form(mistakes, date,
                                                                        readings):
    text = entry(mistakes, DATES[date])
    for needle in [f'content/posts/{DATES[date]} line 2, field "Date"', f'"{date}"',
                   *readings]:
        assert needle in text, f"{needle!r} not in {text!r}"


def test_a_misspelled_field_and_a_missing_title(mistakes):
    text = entry(mistakes, "typo.md")
    for needle in ('content/posts/typo.md line 1, field "Titel"', 'misspelling of "Title"',
                   'rename the line to start with "Title:"'):
        assert needle in text, f"{needle!r} not in {text!r}"


def test_a_link_to_a_file_that_is_gone_names_the_file_holding_it(mistakes):
    text = entry(mistakes, "linking.md")
    assert ("content/posts/linking.md line 8: the link to "
            '"{filename}../pages/no-longer-here.md" points at a file that does not exist'
            ) in text


# -- settings -------------------------------------------------------------------------------

def settings(project, text):
    conf = project / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


@pytest.mark.parametrize("line, needles", [
    ('EMERGENCY_REGION = "UK"', ["EMERGENCY_REGION is 'UK'", "Allowed values: US, CA, GB"]),
    ('SHARE_NETWORKS = ["facebok"]', ["SHARE_NETWORKS lists 'facebok'", "Known networks"]),
    ("PRIVACY_ALLOWED_ORIGINS = 'everything'", ["PRIVACY_ALLOWED_ORIGINS"]),
    ('READING_WORDS_PER_MINUTE = "fast"', ["READING_WORDS_PER_MINUTE", "a whole number"]),
    ('POLICIES_DISABLED = ["hipaa"]', ["POLICIES_DISABLED", "names 'hipaa'",
                                       "remove it from POLICIES_DISABLED"]),
])
def test_a_bad_setting_names_the_setting_and_the_fix(project, line, needles):
    settings(project, line)
    stopped(build(project), *needles)


def test_a_broken_settings_file_names_its_line(project):
    settings(project, 'MENU = [("About", "about/"')
    lines = (project / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    stopped(build(project), "pelicanconf.py line", "the settings file could not be read",
            "'(' was never closed")
    assert len(lines) > 100


# -- templates --------------------------------------------------------------------------------

@pytest.mark.parametrize("broken, needle", [
    ("{{ article.title | no_such_filter }}", "No filter named 'no_such_filter'"),
    ("{{ article.missing.deeper }}", "has no attribute 'missing'"),
    ("{% if article.title %}", "the template has an error"),
])
def test_a_template_error_names_the_template_and_line(project, broken, needle):
    template = project / "theme" / "templates" / "article.html"
    lines = template.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if "{% block title %}" in text)
    lines[at] = lines[at].replace("{{ article.title }}", broken, 1)
    assert broken in lines[at]
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = stopped(build(project), needle)
    assert "theme/templates/article.html line" in " ".join(out.split())


# -- long titles -------------------------------------------------------------------------------

LONG = ("When the days grow short and the evenings long we talk about rest sleep and "
        "the small routines that hold a week together ") * 4


def slugs_of(site):
    return sorted(p.name for p in (site / "blog").iterdir() if p.is_dir() and
                  p.name not in {"category", "tag", "tags", "categories", "authors",
                                 "archives", "author", "page"})


def test_long_titles_in_any_script_get_short_stable_distinct_addresses(project, tmp_path):
    titles = {
        "long-a.md": LONG + "part one",
        "long-b.md": LONG + "part two",          # same first 400 characters as long-a
        "greek.md": "Ψυχοθεραπεία και καθημερινή ζωή " * 20,
        "chinese.md": "心理治疗与日常生活中的小习惯" * 30,
        "emoji.md": "🌿" * 200,
    }
    for name, title in titles.items():
        assert len(title.encode("utf-8")) > 300
        write(project, f"posts/{name}", POST.format(title=title, date="2026-04-01"))
    first = build(project)
    assert first.returncode == 0, first.output
    before = slugs_of(project / "output")
    second = build(project, tmp_path / "again")
    assert second.returncode == 0, second.output
    assert slugs_of(tmp_path / "again") == before  # the same addresses on every build
    long_ones = [s for s in before if len(s.encode("utf-8")) > 40]
    assert len(long_ones) >= 4, before
    for slug in before:
        assert len(slug.encode("utf-8")) <= 80, slug
    a, b = (s for s in before if s.startswith("when-the-days"))
    assert a != b  # two titles alike for 400 characters still get their own pages
    assert not a.endswith("-") and "--" not in a


# -- switching a policy off ---------------------------------------------------------------------

def test_a_switched_off_policy_is_not_built_and_its_links_become_words(project):
    settings(project, 'POLICIES_DISABLED = ["online-therapy"]')
    result = build(project)
    assert result.returncode == 0, result.output
    site = project / "output"
    assert not (site / "online-therapy-policy").exists()
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert "online-therapy-policy/" not in page.read_text(encoding="utf-8"), page


def test_deleting_a_switched_off_policy_says_remove_it_from_the_setting(project):
    settings(project, 'POLICIES_DISABLED = ["good-faith-estimate"]')
    (project / "content" / "policies" / "good-faith-estimate.md").unlink()
    linking = [p for p in (project / "content").rglob("*.md")
               if "good-faith-estimate.md)" in p.read_text(encoding="utf-8")]
    if linking:  # first the pages that still link to it, by name
        shown = linking[0].relative_to(project).as_posix()
        stopped(build(project), f"{shown} line",
                '"{filename}../policies/good-faith-estimate.md" points at a file that does '
                "not exist")
        for path in linking:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("{filename}../policies/good-faith-estimate.md",
                                         "https://example.org/"), encoding="utf-8")
    stopped(build(project), "names 'good-faith-estimate'", "remove it from POLICIES_DISABLED")


# -- the preview shows the site as it is ----------------------------------------------------------

def test_a_page_whose_source_is_gone_does_not_linger(project):
    out = project / "output"
    write(project, "posts/soon-gone.md", POST.format(title="Soon gone", date="2026-04-01"))
    (out / "keep-me").mkdir(parents=True)
    settings(project, 'OUTPUT_RETENTION = ["keep-me"]')
    assert build(project).returncode == 0
    assert (out / "blog" / "soon-gone" / "index.html").is_file()
    (project / "content" / "posts" / "soon-gone.md").unlink()
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("Slug: about", "Slug: who"),
                     encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not (out / "blog" / "soon-gone").exists()
    assert (out / "who" / "index.html").is_file() and not (out / "about").exists()
    assert (out / "keep-me").is_dir()  # OUTPUT_RETENTION is honoured
    assert not list(project.glob(".output.building*"))


def test_a_failed_build_leaves_the_last_good_preview(project):
    out = project / "output"
    assert build(project).returncode == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    write(project, "posts/broken.md", POST.format(title="Broken", date="31/12/2026"))
    stopped(build(project), "content/posts/broken.md")
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_the_devserver_rebuild_drops_a_deleted_page(project, tmp_path):
    """`-r` (make regenerate / devserver): a deleted post disappears on the next rebuild."""
    import time

    out = project / "output"
    write(project, "posts/soon-gone.md", POST.format(title="Soon gone", date="2026-04-01"))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tools.build", "-r", "content", "-o", str(out), "-s",
         "pelicanconf.py"], cwd=project, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        page = out / "blog" / "soon-gone" / "index.html"
        deadline = time.monotonic() + 120
        while not page.exists():
            assert time.monotonic() < deadline and proc.poll() is None, "no first build"
            time.sleep(0.2)
        time.sleep(1.5)  # let the watcher start
        (project / "content" / "posts" / "soon-gone.md").unlink()
        deadline = time.monotonic() + 120
        while page.exists():
            assert time.monotonic() < deadline and proc.poll() is None, "no rebuild"
            time.sleep(0.2)
        assert (out / "index.html").is_file()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# --- two sources, one address; control characters (plugins/front_matter) --------------------

def _post(project, name, header="", title="A post"):
    write(project, f"posts/{name}", f"Title: {title}\nDate: 2026-01-20 09:00\n"
          f"Category: Wellbeing\nTags: self-care\nSummary: Something.\n{header}\nBody.\n")


def _page(project, name, header=""):
    write(project, f"pages/{name}", f"Title: A page\nSummary: Something.\n{header}\nBody.\n")


def test_colliding_addresses_are_refused_naming_both_sources_in_the_live_build(project):
    """Every kind of clash in one live build (feeds exist only there): each is reported
    with both sources, before anything is written."""
    _post(project, "tags.md", "Slug: tags")                        # the list of all tags
    _post(project, "one.md", "Slug: same-slug")                    # two posts, one slug
    _post(project, "two.md", "Slug: same-slug")
    _page(project, "blog-page.md", "Slug: blog")                   # the blog index
    _page(project, "lost.md", "Save_as: 404.html")                 # a direct template
    _page(project, "feed.md", "Save_as: feeds/all.atom.xml")       # a feed
    _page(project, "cat.md", "Save_as: blog/category/wellbeing/index.html")  # a category
    _page(project, "tag.md", "Save_as: blog/tag/self-care/index.html")       # a tag
    _page(project, "second.md", "Save_as: blog/page/2/index.html")  # pagination
    _page(project, "shout.md", "Save_as: ABOUT/index.html")        # case only (macOS)
    write(project, "extra/notes.txt", "notes")                     # a static file
    _page(project, "static.md", "Save_as: extra/notes.txt")
    out = stopped(build(project, None, "-s", "publishconf.py"),
                  "Front matter: 13 problems")
    flat = " ".join(out.split())
    pairs = [
        ("content/posts/tags.md (a post)", 'the "tags" page (TAGS_SAVE_AS)',
         "blog/tags/index.html"),
        ("content/posts/one.md (a post)", "content/posts/two.md (a post)",
         "blog/same-slug/index.html"),
        ('the "index" page (INDEX_SAVE_AS)', "content/pages/blog-page.md (a page)",
         "blog/index.html"),
        ('the "404" page (404_SAVE_AS)', "content/pages/lost.md (a page)", "404.html"),
        ("a feed (FEED_ALL_ATOM)", "content/pages/feed.md (a page)", "feeds/all.atom.xml"),
        ('the page of the category "Wellbeing"', "content/pages/cat.md (a page)",
         "blog/category/wellbeing/index.html"),
        ('the page of the tag "self-care"', "content/pages/tag.md (a page)",
         "blog/tag/self-care/index.html"),
        ('page 2 of the "index" page', "content/pages/second.md (a page)",
         "blog/page/2/index.html"),
        ("content/pages/about.md (a page)", "content/pages/shout.md (a page)",
         "ABOUT/index.html / about/index.html"),
        ("content/pages/static.md (a page)", "content/extra/notes.txt (a file copied",
         "extra/notes.txt"),
    ]
    for first, second, where in pairs:
        found = [line for line in flat.split(" Fix: ") if first in line and second in line]
        assert found and where in found[0], (first, second, out)
    assert "content/posts/tags.md line 6, field \"Slug\"" in flat
    assert "content/pages/lost.md line 3, field \"Save_as\"" in flat
    assert not (project / "output").exists()  # nothing half-written


def test_colliding_addresses_are_found_whatever_the_url_scheme(tmp_path):
    """Flat .html addresses and other list pages: the same clashes, computed from the
    *_SAVE_AS settings rather than from fixed names."""
    project = copy_project(tmp_path / "site", tools=True, settings=(
        'ARTICLE_URL = ARTICLE_SAVE_AS = "{slug}.html"\n'
        'PAGE_URL = PAGE_SAVE_AS = "pages/{slug}.html"\n'
        'TAGS_URL = TAGS_SAVE_AS = "all-tags.html"\n'
        'CATEGORY_URL = CATEGORY_SAVE_AS = "{slug}.html"\n'))
    _post(project, "all-tags.md", "Slug: all-tags")       # against TAGS_SAVE_AS
    _post(project, "wellbeing.md", "Slug: wellbeing")     # against a category page
    out = stopped(build(project), "Front matter: 2 problems")
    flat = " ".join(out.split())
    assert ("content/posts/all-tags.md (a post) and the \"tags\" page (TAGS_SAVE_AS) would "
            "both be written to the same address, all-tags.html") in flat
    assert "content/posts/wellbeing.md (a post)" in flat and "wellbeing.html" in flat


def test_a_control_character_in_any_field_names_file_line_and_field(project):
    _post(project, "nul.md", title="Hello\x00world")
    write(project, "posts/esc.md", "Title: Esc\nDate: 2026-01-20 09:00\nCategory: Wellbeing\n"
          "Summary: The first line, and\n    a second \x1b[31m red one.\n\nBody.\n")
    write(project, "pages/bell.rst", ":title: Bell\n:summary: ring \x07 ring\n\nText.\n")
    _post(project, "fine.md", "Author: Zoë\tLi", title="Sk\u00e5l \U0001F44B\u200d "
          "\u05e9\u05dc\u05d5\u05dd\u200f")                      # tab, ZWJ, RTL mark: fine
    out = stopped(build(project), "Front matter: 3 problems")
    flat = " ".join(out.split())
    assert ('content/posts/nul.md line 1, field "Title": this line holds an invisible '
            "control character (U+0000 NUL)") in flat
    assert 'content/posts/esc.md line 5, field "Summary"' in flat and "U+001B ESC" in flat
    assert 'content/pages/bell.rst line 2, field "summary"' in flat and "U+0007" in flat
    assert "fine.md" not in flat
    assert "Fix: delete the line and type it again by hand" in flat
