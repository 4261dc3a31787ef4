"""Every documentation path the project names exists: the links in every Markdown file
(read by rendering the Markdown with python-markdown and reading the <a> and <img> of the
result, so code blocks and inline code are not taken for links), and every path of a
docs/ file or a plugin's README that the code, the Makefile or the docs mention."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from bs4 import BeautifulSoup

from conftest import ROOT

# Pelican content (the sample's and a set-up site's) links with {filename}: its links are
# checked by the front_matter plugin on every build.
# The scan's labelled posts (heldout/, heldout2/, dev/) are Pelican posts too: data, not docs.
SKIP = {".venv", "output", ".cache", ".git", "node_modules", "__pycache__", "sample", "content",
        "heldout", "heldout2", "dev"}
# A documentation path as code and prose write it: docs/<name>.<md|conf> or a plugin's README.
MENTION = re.compile(r"(?<![\w/.])(docs/[\w./-]+\.(?:md|conf)|plugins/\w+/README\.md)")


def project_files(*patterns):
    found = []
    for pattern in patterns:
        found += [p for p in ROOT.rglob(pattern)
                  if not SKIP & set(p.relative_to(ROOT).parts)]
    return sorted(set(found))


def local_links(md_file):
    html = markdown.markdown(md_file.read_text(encoding="utf-8"), extensions=["tables"])
    soup = BeautifulSoup(html, "html.parser")
    for tag, attr in (("a", "href"), ("img", "src")):
        for element in soup.find_all(tag):
            target = urlsplit(element.get(attr, ""))
            if target.scheme or target.netloc or not target.path:
                continue          # another site, mailto:, or a #fragment on this page
            yield unquote(target.path)


def test_every_markdown_link_points_to_a_file_that_exists():
    files = project_files("*.md")
    assert ROOT / "README.md" in files and len(files) >= 15
    links, broken = 0, []
    for md_file in files:
        for link in local_links(md_file):
            links += 1
            if not (md_file.parent / link).exists():
                broken.append(f"{md_file.relative_to(ROOT)}: {link}")
    assert links >= 20
    assert broken == []


def test_every_doc_path_named_in_code_and_docs_exists():
    files = project_files("*.py", "*.md", "Makefile", "*.html", "*.toml", "*.txt")
    assert ROOT / "Makefile" in files
    mentions, missing = 0, []
    for path in files:
        for name in MENTION.findall(path.read_text(encoding="utf-8", errors="replace")):
            name = name.rstrip(".")
            mentions += 1
            if not (ROOT / name).exists():
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert mentions >= 10
    assert missing == []


def test_the_readme_is_a_short_guide_that_links_every_doc_and_plugin_readme():
    readme = ROOT / "README.md"
    assert readme.stat().st_size < 12 * 1024
    linked = {Path(link).as_posix() for link in local_links(readme)}
    docs = {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")}
    readmes = {p.relative_to(ROOT).as_posix() for p in (ROOT / "plugins").glob("*/README.md")}
    assert docs and readmes
    assert docs - linked == set()
    assert readmes - linked == set()
