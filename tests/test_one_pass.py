"""`make check` in one pass (issue 20): one production build in the tool's own process, in
which every built page is parsed once and read once, no file is rewritten after Pelican
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

from conftest import ROOT, copy_project

COUNTER = r"""
import builtins, hashlib, html.parser, io, json, os, sys
from pathlib import Path
import selectolax.lexbor as lexbor

project, out = Path(sys.argv[1]), Path(sys.argv[2])
real_open, real_lexbor, real_feed = builtins.open, lexbor.LexborHTMLParser, html.parser.HTMLParser.feed
parsed, opened = [], []          # digests of parsed documents; (path, mode) of every open


def digest(data):
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else bytes(data)).hexdigest()


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
        path = os.path.abspath(os.fspath(file))
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
beside = sorted(p.name for p in out.parent.iterdir() if p != out)
print(json.dumps({"pages": pages, "findings": findings, "facts_pages": facts.get("pages"),
                  "report": format_report(findings, facts), "beside": beside,
                  "files": sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                                  if p.is_file())}))
"""

# A comment in the tag pages' template: the privacy guard strips comments from built pages
# (it is the one writer of that change), so these pages are rewritten, still parsed once.
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
    result = subprocess.run([sys.executable, "-c", COUNTER, str(project), str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
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
    assert {rel for rel, c in pages.items() if c["parses"] != 1} == set(), pages
    # Read once: by the privacy audit, which hands its tree to every other check.
    assert {rel for rel, c in pages.items() if c["reads"] != 1} == set(), pages


def test_only_the_writer_of_a_change_rewrites_a_page(counted):
    pages = counted["pages"]
    rewritten = {rel: c["writes"] - 1 for rel, c in pages.items() if c["writes"] != 1}
    tags = {rel for rel in pages if rel.startswith("blog/tag/")}
    assert tags, sorted(pages)
    # The tag pages, once each (the guard removing the template's comment); no other page.
    assert rewritten == {rel: 1 for rel in tags}, rewritten
    print(f"\n{len(rewritten)} of {len(pages)} pages rewritten after Pelican wrote them "
          f"(the tag pages, by the privacy guard); build and check in "
          f"{counted['seconds']:.1f} s")


def test_nothing_is_left_beside_or_inside_the_site_for_the_tools(counted):
    assert counted["beside"] == []
    hidden = [f for f in counted["files"] if "/." in "/" + f and f != ".htaccess"]
    assert hidden == [] and not [f for f in counted["files"] if f.endswith(".json")]
