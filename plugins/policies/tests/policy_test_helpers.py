"""Small readers shared by the policies tests (its own and the kit_*.py ones beside
them): front matter of sources, link targets. Self-contained, so the plugin's folder
works on any site."""

import os
from pathlib import Path
from urllib.parse import urlparse


def read_meta(path):
    """The `Key: value` lines at the top of a Markdown file, keys lower-cased."""
    meta = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta


def policy_sources(content):
    """{key: (source file, front matter)} for every policy page of a content folder."""
    found = {}
    for source in sorted(Path(content).rglob("*.md")):
        meta = read_meta(source)
        if "policy" in meta:
            found[meta["policy"]] = (source, meta)
    return found


def target(site, page, href, siteurl=""):
    """The file a link on `page` (a written file in `site`) points to."""
    if siteurl and href.startswith(siteurl):
        path = Path(site) / urlparse(href).path.lstrip("/")
    elif href.startswith("/"):
        path = Path(site) / href.lstrip("/")
    else:
        path = Path(page).parent / urlparse(href).path
    path = Path(os.path.normpath(path))
    return path / "index.html" if href.endswith("/") or path.is_dir() else path
