"""`make check` in one pass (issue 20): one production build in the tool's own process, in
which every built page is read once and parsed once (a page the privacy guard rewrites,
to remove a theme's comment, once more as published), no file is rewritten after Pelican
wrote it unless by the one plugin that makes that change, and nothing is left beside or
inside the site for the tool to read back.

The counting is done in a child process that runs the real check (tools.checks'
build_and_check, as `python -m tools.check` does) with the parser entry points and
`open` wrapped: every document given to an HTML parser (Lexbor, the standard library's
HTMLParser) and every file opened is recorded, then matched to the built pages by the
bytes each version of a page held. That is counting, not mocking: the wrapped functions
do their usual work. One build serves every assertion.
"""

import json
import os
import subprocess
import sys
import time

import pytest

from conftest import copy_project

COUNTER = r"""
import builtins, hashlib, html.parser, io, json, os, sys
from pathlib import Path
import selectolax.lexbor as lexbor

project, out = Path(sys.argv[1]), Path(sys.argv[2])
real_open, real_lexbor = builtins.open, lexbor.LexborHTMLParser
real_feed = html.parser.HTMLParser.feed
parsed, opened = [], []          # digests of parsed documents; (path, mode) of every open


def digest(data):
    data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return hashlib.sha256(data).hexdigest()


versions = {}                    # path -> digest of each version written to it


def remember_on_close(fh, path):
    # A file opened for writing: once closed, its bytes are one version of the file.
    close = fh.close

    def closing():
        close()
        with real_open(path, "rb") as written:
            versions.setdefault(path, []).append(digest(written.read()))
    fh.close = closing
    return fh


def counting_open(file, mode="r", *args, **kwargs):
    fh = real_open(file, mode, *args, **kwargs)
    if isinstance(file, (str, os.PathLike)):
        path = os.path.realpath(os.fspath(file))
        opened.append((path, mode))
        if any(c in mode for c in "wax+"):
            return remember_on_close(fh, path)
    return fh


def counting_lexbor(data, *args, **kwargs):
    parsed.append(digest(data))
    return real_lexbor(data, *args, **kwargs)


def counting_feed(self, data):
    parsed.append(digest(data))
    return real_feed(self, data)


builtins.open = io.open = counting_open
lexbor.LexborHTMLParser = counting_lexbor
html.parser.HTMLParser.feed = counting_feed

from tools.checks import Project, build_and_check, format_report  # after the wrapping

findings, facts = build_and_check(Project(project), out)
builtins.open = io.open = real_open
pages = {}
for page in sorted(out.rglob("*.html")):
    path = str(page.resolve())
    final = digest(page.read_bytes())
    mine = set(versions.get(path, [])) | {final}
    modes = [m for p, m in opened if p == path]
    pages[page.relative_to(out).as_posix()] = {
        "parses": sum(d in mine for d in parsed),
        "writes": sum(any(c in m for c in "wax+") for m in modes),
        "reads": sum(not any(c in m for c in "wax+") for m in modes)}
written = {}
for path, mode in opened:
    if any(c in mode for c in "wax+") and path.startswith(str(out.resolve()) + os.sep):
        rel = os.path.relpath(path, out.resolve()).replace(os.sep, "/")
        written[rel] = written.get(rel, 0) + 1
beside = sorted(p.name for p in out.parent.iterdir() if p != out)
rewritten = {rel: n - 1 for rel, n in written.items() if n > 1}
print(json.dumps({"pages": pages, "rewritten": rewritten, "findings": findings,
                  "facts_pages": facts.get("pages"),
                  "report": format_report(findings, facts), "beside": beside,
                  "files": sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                                  if p.is_file())}))
"""

# A comment in the tag pages' template: the privacy guard strips comments from built pages
# (it is the one writer of that change), so these pages are rewritten, and parsed once more
# as published (a serialised tree does not always parse back to itself).
TAG_COMMENT = "<!-- a note the theme's author left -->"


@pytest.fixture(scope="module")
def counted(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("one-pass")
    project = copy_project(tmp / "project", tools=True)
    tag = project / "theme" / "templates" / "tag.html"
    text = tag.read_text(encoding="utf-8")
    at = text.index("{% block list_intro %}") + len("{% block list_intro %}")
    tag.write_text(text[:at] + TAG_COMMENT + text[at:], encoding="utf-8")
    (tmp / "site").mkdir()
    out = tmp / "site" / "output"
    env = {**{k: v for k, v in os.environ.items() if k not in ("SITEURL", "DRY_RUN")},
           "ALLOW_SAMPLE": "1"}
    started = time.monotonic()
    # In the copy, as `make check` runs in the project: its own tools, plugins, settings.
    result = subprocess.run([sys.executable, "-c", COUNTER, str(project), str(out)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    data["seconds"] = time.monotonic() - started
    return data


def test_the_sample_passes_the_check_built_in_its_own_process(counted):
    assert counted["findings"] == [], counted["report"]
    assert "All checks passed: 0 findings." in counted["report"]
    assert counted["facts_pages"] == len(counted["pages"]) > 20


def test_every_page_is_parsed_once_and_read_once(counted):
    pages = counted["pages"]
    tags = {rel for rel in pages if rel.startswith("blog/tag/")}
    assert {rel for rel, c in pages.items() if c["parses"] != 1} == tags, pages
    # A page the guard rewrote: as Pelican wrote it, then as published; never more.
    assert {pages[rel]["parses"] for rel in tags} == {2}
    # Read once: by the privacy audit, which hands its tree to every other check.
    assert {rel for rel, c in pages.items() if c["reads"] != 1} == set(), pages


def test_only_the_writer_of_a_change_rewrites_a_page(counted):
    pages = counted["pages"]
    rewritten = {rel: c["writes"] - 1 for rel, c in pages.items() if c["writes"] != 1}
    tags = {rel for rel in pages if rel.startswith("blog/tag/")}
    assert tags, sorted(pages)
    # The tag pages, once each (the guard removing the template's comment); no other page,
    # and no other file of the site (feeds, sitemap, pictures...).
    assert rewritten == {rel: 1 for rel in tags}, rewritten
    assert counted["rewritten"] == rewritten, counted["rewritten"]
    once = len(pages) - len(rewritten)
    print(f"\n{len(rewritten)} of {len(pages)} pages rewritten after Pelican wrote them "
          f"(the tag pages, by the privacy guard); {once} parsed once, the rewritten ones "
          f"twice; build and check in {counted['seconds']:.1f} s")


def test_nothing_is_left_beside_or_inside_the_site_for_the_tools(counted):
    assert counted["beside"] == []
    hidden = [f for f in counted["files"] if "/." in "/" + f and f != ".htaccess"]
    assert hidden == [] and not [f for f in counted["files"] if f.endswith(".json")]


# ---- the site checks read the audit's tree: odd spellings, as a browser reads them ----

def _checked(pages, tmp_path, css=None):
    """Findings of the site checks over `pages` ({path: html}), each parsed once with
    Lexbor as the privacy audit does, and handed over as its page_parsed signal does."""
    from selectolax.lexbor import LexborHTMLParser

    from tools.checks.site import SiteChecks
    from tools.pelican_adapter import plugin_module
    origin_of = plugin_module("privacy_guard.urls").origin_of
    for rel, html in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(html, encoding="utf-8")
    site = SiteChecks(tmp_path, "https://site.example", origin_of)
    for rel, html in pages.items():
        data = html.encode()
        site.page(rel, LexborHTMLParser(data), data)
    for rel, urls in (css or {}).items():
        site.stylesheet(rel, urls, "\n".join(urls))
    return site.finish()


GOOD = ('<!DOCTYPE html><html><head><title>t</title></head><body>'
        '<aside id="emergency-notice">Call 911</aside><main><h2 id="fees">Fees</h2>{}</main>'
        '<footer><nav aria-label="Policies"><a href="/index.html">Privacy</a></nav></footer>'
        '</body></html>')


def _what(found, page):
    return sorted((f["check"], f["what"]) for f in found if f["page"] == page)


def test_odd_spellings_are_read_as_a_browser_reads_them(tmp_path):
    pages = {
        "index.html": GOOD.format(""),
        # Upper case names, a notice after <main>: the browser's document order counts.
        "upper/index.html": GOOD.format("").replace('<aside id="emergency-notice">Call 911'
                                                    '</aside>', "").replace(
            "</main>", '\n\n<DIV ID="emergency-notice">x</DIV></MAIN>'),
        # A notice inside a comment is no notice; a duplicated id keeps its first value.
        "comment/index.html": GOOD.format("").replace(
            '<aside id="emergency-notice">', '<!-- <aside id="emergency-notice"> -->'
            '<aside id="other" id="emergency-notice">'),
        # Entities and stray spaces in addresses and alt texts, as the parser resolves them.
        "entities/index.html": GOOD.format(
            '<a href="/no&#x2d;such/">a</a><a href=" /index.html#fe&#x65;s ">b</a>'
            '<a href="/index.html#gone">c</a><img src="/p.png" alt="&#x20;">'
            '<img src="/p.png" alt="IMG_0042.JPEG"><img src="/p.png">'
            '<img src="/p.png" alt="" role="presentation">'
            '<img src="/p.png" alt="A harbor at dawn">'),
    }
    (tmp_path / "p.png").write_bytes(b"")
    found = _checked(pages, tmp_path)
    assert _what(found, "index.html") == []
    assert _what(found, "upper/index.html") == [
        ("notice", "the emergency notice comes after <main>; it must come before the main "
                   "content, at the same place on every page")]
    assert [w for c, w in _what(found, "comment/index.html")] == [
        "this page has no emergency notice (#emergency-notice)"]
    what = _what(found, "entities/index.html")
    assert ("links", '<a> points to "/no-such/", which does not exist in the built site') \
        in what
    assert ("links", '<a> points to "/index.html#gone", but index.html has no element with '
                     'id="gone"') in what
    assert [w for c, w in what if c == "alt"] == [
        'the image "p.png" has alt text "IMG_0042.JPEG", which does not describe it',
        'the image "p.png" has an empty alt but is not marked as decoration',
        'the image "p.png" has no alt text']
    assert len(what) == 5, what  # the #fees link (entity, spaces) and the rest are fine
    # Each finding names the built page and its line there (the notice's, found only now).
    assert [f["line"] for f in found if f["page"] == "upper/index.html"] == [3]


def test_stylesheet_addresses_come_from_the_css_tokenizer(tmp_path):
    found = _checked({"index.html": GOOD.format("")}, tmp_path,
                     {"theme/css/site.css": ["../fonts/missing.woff2", "#clip", "data:,x",
                                             "/index.html"]})
    assert [f["what"] for f in found] == [
        'the stylesheet points to "../fonts/missing.woff2", which does not exist in the '
        "built site"]
    assert found[0]["line"] == 1 and found[0]["file"] == "theme/css/site.css"


def test_another_projects_settings_are_its_own(tmp_path):
    """`make check --project DIR` from another folder builds DIR's own pelicanconf.py
    (in this process's build, another pelicanconf.py may come first on the path)."""
    from conftest import ROOT
    project = copy_project(tmp_path / "project", tools=True)
    conf = project / "pelicanconf.py"
    lines = conf.read_text(encoding="utf-8").count("\n")
    conf.write_text(conf.read_text(encoding="utf-8") + "SITENAME = 'unfinished\n",
                    encoding="utf-8")
    env = {**{k: v for k, v in os.environ.items() if k not in ("SITEURL", "DRY_RUN")},
           "ALLOW_SAMPLE": "1"}
    result = subprocess.run([sys.executable, "-m", "tools.check", "--project", str(project)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"pelicanconf.py line {lines + 1}: the settings file could not be read" \
        in result.stdout, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
