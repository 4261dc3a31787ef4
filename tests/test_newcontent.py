"""`make newpost` / `make newpage` on a scratch copy of the project, through the real Makefile.

The path a therapist follows: create a post, preview it as a draft, try to publish it
with the placeholder summary (refused, with a clear message), write a summary, publish.
And any title at all (300 characters, only emoji, right-to-left, only punctuation, a line
break, a control character, bytes that are not UTF-8, an address already taken) ends in
a file that builds or in one sentence saying why not, never a traceback. The new files
are built in the one preview build this module makes.
"""

import datetime
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from pelican.utils import slugify

from conftest import (build_or_fail, copy_project, run_pelican, run_python, sample_settings,
                      soup_of)
from conftest import read_meta as header

TITLE = "Finding calm on hard days"
PAGE_TITLE = "Groups & workshops"

# Titles a therapist could type, each created through the real command (make or python
# -m), then built: {name: (kind, runner, title)}.
ODD_TITLES = {
    # 300+ characters: the file name would be too long for the file system.
    "long": ("post", "make", " ".join(["Finding calm and quiet strength on the hardest "
                                       "days of winter, one small step at a time"] * 4)),
    # No letters or numbers for an address: a flag with tag characters, a family joined
    # with zero-width joiners, a plant.
    "emoji": ("post", "make", "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E"
              "\U000E0067\U000E007F \U0001F468\u200d\U0001F469\u200d\U0001F467 \U0001F331"),
    "hebrew": ("page", "make", "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"),
    # Arabic with a right-to-left mark, Persian with a zero-width non-joiner.
    "arabic": ("post", "python", "\u0627\u0644\u0633\u0644\u0627\u0645\u200f "
               "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),
    "punctuation": ("post", "python", "?! \u2026 \u2014 ... \u00bf\u00a1"),
    "line break": ("post", "make", "Two lines\nbecome one"),
    # What make and the shell would read as their own: it must arrive as typed, run nothing.
    "make syntax": ("post", "make", "Fees & $(HOME) $$ `date` 'it's' \"calm\" "
                    "$(shell touch RAN-SHELL) ${PATH}"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("newcontent-project"), tools=True,
                        makefile=True)
    # English first, French second: LANG=fr and TRANSLATES have a language to write in.
    practice = root / "practice.toml"
    practice.write_text(practice.read_text(encoding="utf-8").replace(
        "[[clinicians]]", 'languages = ["en", "fr"]\n\n[[clinicians]]', 1), encoding="utf-8")
    # The sample's own French fees page goes: a test writes it again with TRANSLATES.
    (root / "content" / "pages" / "fees.fr.md").unlink()
    # A stamp newer than requirements.txt: make must not try to (re)install anything.
    (root / ".stamp").touch()
    return root


def make(project, target, *args):
    return subprocess.run(
        ["make", "-s", target, *args, f"PY={sys.executable}", f"STAMP={project / '.stamp'}"],
        cwd=project, capture_output=True, text=True, timeout=120)


def tool(project, kind, title):
    """`python -m tools.newcontent kind title`; `title` may be bytes (not UTF-8)."""
    cmd = [sys.executable, "-m", "tools.newcontent", kind, title]
    if isinstance(title, bytes):  # an argument that is not text: a real process
        return subprocess.run(cmd, cwd=project, capture_output=True, timeout=120,
                              text=True, errors="replace")
    return run_python(cmd, cwd=project, timeout=120, errors="replace")


def create(project, kind, runner, title):
    if runner == "make":
        return make(project, f"new{kind}", f"TITLE={title}")
    return tool(project, kind, title)


def content_files(project):
    return sorted(p.relative_to(project) for p in (project / "content").rglob("*")
                  if p.is_file())


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


@pytest.fixture(scope="module")
def odd(project):
    """{name: (kind, title, CompletedProcess, the file it wrote)} for ODD_TITLES."""
    made = {}
    for name, (kind, runner, title) in ODD_TITLES.items():
        result = create(project, kind, runner, title)
        written = [line.split()[1] for line in result.stdout.splitlines()
                   if line.startswith("Created ")]
        made[name] = (kind, title, result, project / written[0] if written else None)
    return made


# Translations and posts in French: {name: (kind, make arguments)}. TRANSLATES names the
# translated post by its address or its file; any title still gives a file.
IN_FRENCH = {
    "translation": ("post", [f"TITLE=Trouver le calme", "LANG=fr",
                             f"TRANSLATES={slug_of(TITLE)}"]),
    "page by file": ("page", ["TITLE=Honoraires \u200f\u0633\u0644\u0627\u0645", "LANG=FR",
                              "TRANSLATES=content/pages/fees.md"]),
    "emoji, new": ("post", ["TITLE=\U0001F331 \u2600\ufe0f", "LANG=fr"]),
}


@pytest.fixture(scope="module")
def in_french(project, new_post):
    """{name: (kind, CompletedProcess, the file it wrote)} for IN_FRENCH."""
    made = {}
    for name, (kind, args) in IN_FRENCH.items():
        result = make(project, f"new{kind}", *args)
        written = [line.split()[1] for line in result.stdout.splitlines()
                   if line.startswith("Created ")]
        made[name] = (kind, result, project / written[0] if written else None)
    yield made
    for _, _, path in made.values():
        if path:
            path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def preview(project, new_post, odd, in_french, tmp_path_factory):
    """The one preview build: the new post, a new page and the odd titles, as drafts."""
    result = make(project, "newpage", f"TITLE={PAGE_TITLE}")
    assert result.returncode == 0, result.stderr
    page_source = project / "content" / "pages" / f"{slug_of(PAGE_TITLE)}.md"
    site = build_or_fail(tmp_path_factory.mktemp("newcontent-preview") / "out",
                         conf=project / "pelicanconf.py", content=project / "content",
                         cwd=project)
    yield site, page_source
    # Leave the project as the other tests expect: the odd drafts go too.
    page_source.unlink()
    for _, _, _, path in odd.values():
        if path:
            path.unlink(missing_ok=True)


def test_newpage_and_newpost_show_up_in_the_preview(preview):
    site, page_source = preview
    meta = header(page_source)
    assert meta["title"] == PAGE_TITLE and meta["status"] == "draft" and meta["summary"]
    post = soup_of(site / "drafts" / slug_of(TITLE) / "index.html")
    assert post.h1.get_text(strip=True) == TITLE
    assert post.select_one(".marker--draft")
    page = soup_of(site / "drafts" / "pages" / slug_of(PAGE_TITLE) / "index.html")
    assert page.h1.get_text(strip=True) == PAGE_TITLE


@pytest.mark.parametrize("name", ODD_TITLES)
def test_any_title_gives_a_file_that_builds(project, odd, preview, name):
    from tools.pelican_adapter import plugin_module
    MAX_BYTES = plugin_module("front_matter.slugs").MAX_BYTES
    kind, title, result, path = odd[name]
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert path and path.is_file(), result.stdout
    meta = header(path)
    typed = " ".join(title.split())  # a header field is one line
    assert meta["title"] == typed and meta["status"] == "draft"
    # The address is the file's name, short enough for any file system, made of
    # letters, digits and hyphens (a URL path segment as typed).
    assert meta["slug"] == path.stem
    assert len(path.name.encode("utf-8")) <= MAX_BYTES + len(".md")
    assert path.stem.replace("-", "").isalnum() and path.stem.isascii()
    site, _ = preview
    folder = ("drafts/" if kind == "post" else "drafts/pages/") + path.stem
    assert f"{folder}/" in result.stdout, "tells the writer where to preview"
    built = soup_of(site / folder / "index.html")
    assert built.h1.get_text(strip=True) == typed
    assert not (project / "RAN-SHELL").exists(), "a $(shell ...) in a title ran"


def test_a_long_title_is_cut_between_words_and_keeps_its_start(odd):
    _, title, _, path = odd["long"]
    assert len(title) > 255 and len(path.stem) < len(title) / 2
    start = path.stem.rsplit("-", 1)[0]   # the words kept, before the digest
    assert slug_of(title).startswith(start + "-")


@pytest.mark.parametrize("name", ["emoji", "punctuation"])
def test_a_title_without_letters_gets_an_address_it_names(odd, name):
    kind, _, result, path = odd[name]
    assert path.stem.startswith(f"{kind}-")
    assert f'the address is "{path.stem}"' in result.stdout
    assert "Slug line" in result.stdout


def test_the_same_title_again_is_refused_and_nothing_changes(project, odd):
    kind, runner, title = ODD_TITLES["long"]
    path = odd["long"][3]
    before = path.read_bytes()
    result = create(project, kind, runner, title)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"content/posts/{path.name} already exists" in result.stderr
    assert path.read_bytes() == before


# A title that cannot be used: (kind, title, what the one sentence must say). Through
# python -m; make passes the same argument on (the tests above use both).
REFUSED = {
    "not UTF-8": ("post", b"Calm \xff days", "not UTF-8 text (byte 0xFF)"),
    "a policy's address": ("page", "Social media policy",
                           'content/policies/social-media.md already uses the address '
                           '"social-media-policy"'),
    "the blog's address": ("page", "Blog", "(Pelican's INDEX_SAVE_AS setting)"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_title_that_cannot_be_used_is_refused_in_one_sentence(project, name):
    kind, title, says = REFUSED[name]
    before = content_files(project)
    result = tool(project, kind, title)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith("Nothing created: ") and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert content_files(project) == before


# Characters that would hide text or break the header. The title is judged before any
# setting is read, so these run the tool's entry point in this process (a NUL cannot be
# passed any other way: the OS ends a command-line argument there).
HIDDEN = {
    "NUL": ("Calm\x00days", "a control character (U+0000)"),
    "escape code": ("Calm \x1b[31mdays", "a control character (U+001B)"),
    "bidi override": ("Calm \u202edays", "an invisible formatting character (U+202E)"),
    "zero-width space only": ("\u200b", "an invisible formatting character (U+200B)"),
}


@pytest.mark.parametrize("name", HIDDEN)
def test_a_title_with_hidden_characters_is_refused(capsys, name):
    from tools.newcontent import main
    title, says = HIDDEN[name]
    assert main(["post", title]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("Nothing created: ")
    assert says in captured.err


def test_no_command_line_can_carry_a_nul():
    with pytest.raises(ValueError):
        subprocess.run([sys.executable, "-c", "", "Calm\x00days"], check=False)


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


def test_a_translation_gets_its_language_and_the_translated_posts_address(
        project, new_post, in_french, preview):
    english, _ = new_post
    kind, result, path = in_french["translation"]
    assert result.returncode == 0, result.stderr
    assert path == english.with_name(f"{english.stem}.fr.md")  # next to it
    meta = header(path)
    assert (meta["lang"], meta["slug"], meta["title"]) == ("fr", slug_of(TITLE),
                                                          "Trouver le calme")
    assert meta["category"] == header(english)["category"] and meta["status"] == "draft"
    kind, result, page = in_french["page by file"]
    assert result.returncode == 0, result.stderr
    assert page == project / "content" / "pages" / "fees.fr.md"
    assert header(page)["slug"] == header(project / "content" / "pages" / "fees.md")["slug"]
    assert header(page)["lang"] == "fr"
    kind, result, new = in_french["emoji, new"]
    assert result.returncode == 0, result.stderr
    assert new.name.endswith(".fr.md") and header(new)["lang"] == "fr"
    assert header(new)["slug"] == new.name[:-len(".fr.md")]
    # Each builds, in French, where the command said to preview it.
    site, _ = preview
    for name, (kind, result, path) in in_french.items():
        url = result.stdout.split("http://127.0.0.1:8000/")[1].split()[0]
        built = site / url / "index.html" if url.endswith("/") else site / url
        tree = soup_of(built)
        assert tree.html["lang"].startswith("fr"), name
        assert tree.h1.get_text(strip=True) == header(path)["title"], name


@pytest.mark.parametrize("args, says", [
    (["LANG=de"], "LANG=de is not one of the site's languages (en, fr"),
    ([f"TRANSLATES={slug_of(TITLE)}"], "needs the new text's language too: add LANG=fr"),
    (["LANG=fr", "TRANSLATES=no-such-post"], "TRANSLATES=no-such-post: no post has that"),
    (["LANG=en", f"TRANSLATES={slug_of(TITLE)}"], "is already in en"),
])
def test_a_translation_that_cannot_be_made_is_refused_in_one_sentence(project, new_post,
                                                                       args, says):
    before = content_files(project)
    result = make(project, "newpost", "TITLE=Un autre billet", *args)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert says in result.stderr, result.stderr
    assert content_files(project) == before


def test_the_same_translation_twice_is_refused(project, in_french):
    _, _, path = in_french["translation"]
    before = path.read_bytes()
    result = make(project, "newpost", "TITLE=Encore", "LANG=fr",
                  f"TRANSLATES={slug_of(TITLE)}")
    assert result.returncode != 0
    assert f"content/posts/{path.name} is already the fr version" in result.stderr
    assert path.read_bytes() == before


def test_the_shells_locale_variable_is_not_taken_for_lang(project):
    """LANG is also the shell's locale: only one given on make's command line counts."""
    import os
    result = subprocess.run(
        ["make", "-s", "newpost", "TITLE=Locale only", f"PY={sys.executable}",
         f"STAMP={project / '.stamp'}"], cwd=project, capture_output=True, text=True,
        timeout=120, env={**os.environ, "LANG": "fr_CA.UTF-8"})
    path = project / "content" / "posts" / "locale-only.md"
    try:
        assert result.returncode == 0, result.stderr
        assert "lang" not in header(path)
    finally:
        path.unlink(missing_ok=True)
