"""stable_sitemap on a scratch site built for real: dates come from the sources' metadata,
pages without one carry no <lastmod>, odd slugs stay well-formed, bad settings stop the build.

Expected values are written here from the Markdown below, never read from the plugin.
"""

import os
import time
from pathlib import Path
from urllib.parse import unquote

from defusedxml import ElementTree as ET

from .conftest import PLUGINS_DIR, assert_stopped, build_site, run_site

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITEURL = "https://practice.example"

CONF = f"""\
PATH = "content"
THEME = "simple"
TIMEZONE = "Europe/Dublin"
SITEURL = "{SITEURL}"
RELATIVE_URLS = False
PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
PLUGINS = ["stable_sitemap"]
ARTICLE_URL = "blog/{{slug}}/"
ARTICLE_SAVE_AS = "blog/{{slug}}/index.html"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
DIRECT_TEMPLATES = ["index", "tags"]
TEMPLATE_PAGES = {{"notes.txt": "notes.txt"}}
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
SITEMAP = {{"exclude": [r"^private-area/"],
            "changefreqs": {{"articles": "monthly", "indexes": "weekly"}},
            "priorities": {{"pages": 0.7}}}}
"""

SOURCES = {
    # name: (front matter, the <lastmod> expected from it, or None)
    "posts/edited.md": ("Title: Edited later\nDate: 2025-03-01 09:30\n"
                        "Modified: 2025-11-02 14:05\nSlug: edited", "2025-11-02T14:05:00+00:00"),
    "posts/summer.md": ("Title: Summer time\nDate: 2025-07-15 08:00\nSlug: summer",
                        "2025-07-15T08:00:00+01:00"),
    "posts/offset.md": ("Title: Given with a zone\nDate: 2025-01-10T23:15:00-05:00\n"
                        "Slug: offset", "2025-01-10T23:15:00-05:00"),
    "posts/odd.md": ('Title: Fees & "hours" <now>\nDate: 2025-02-02\n'
                     'Slug: fees-&-<hours>-café', "2025-02-02T00:00:00+00:00"),
    "posts/unfinished.md": ("Title: Not yet\nDate: 2025-02-03\nStatus: draft\nSlug: nope",
                            None),
    "pages/about.md": ("Title: About\nSlug: about", None),
    "pages/fees.md": ("Title: Fees\nSlug: fees\nDate: 2024-12-31 18:00",
                      "2024-12-31T18:00:00+00:00"),
    "pages/secret.md": ("Title: Hidden\nSlug: secret\nStatus: hidden", None),
    "pages/inside.md": ("Title: Inside\nSlug: private-area/inside", None),
}


def make_site(root):
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    for name, (meta, _) in SOURCES.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(meta + "\n\nSome words.\n", encoding="utf-8")
    # A template page that is not HTML (like the project's robots.txt): never listed.
    (root / "content" / "notes.txt").write_text("Notes for {{ SITENAME }}\n")
    return root


def sitemap_of(output):
    tree = ET.parse(output / "sitemap.xml")
    found = {}
    for url in tree.getroot().iter(f"{NS}url"):
        found[url.findtext(f"{NS}loc")] = {child.tag.removeprefix(NS): child.text
                                           for child in url if child.tag != f"{NS}loc"}
    return found


def test_lastmod_comes_from_modified_or_date_and_is_left_out_otherwise(tmp_path):
    root = make_site(tmp_path)
    output = build_site(root)
    listed = sitemap_of(output)
    assert listed, "the sitemap lists nothing"
    expected = {f"{SITEURL}/blog/edited/": "2025-11-02T14:05:00+00:00",
                f"{SITEURL}/blog/summer/": "2025-07-15T08:00:00+01:00",
                f"{SITEURL}/blog/offset/": "2025-01-10T23:15:00-05:00",
                f"{SITEURL}/fees/": "2024-12-31T18:00:00+00:00",
                f"{SITEURL}/about/": None, f"{SITEURL}/": None,
                f"{SITEURL}/tags.html": None}
    for loc, stamp in expected.items():
        assert loc in listed, f"{loc} missing from {sorted(listed)}"
        assert listed[loc].get("lastmod") == stamp, (loc, listed[loc])
    # The odd slug: one <loc>, percent-encoded, that decodes back to the slug as typed.
    odd = [loc for loc in listed if "hours" in loc]
    assert len(odd) == 1 and unquote(odd[0]) == f"{SITEURL}/blog/fees-&-<hours>-café/"
    assert not set(odd[0]) & set('<>"') and "é" not in odd[0]
    assert (output / "notes.txt").is_file()
    assert listed[odd[0]]["lastmod"] == "2025-02-02T00:00:00+00:00"
    # Drafts, hidden pages, excluded paths and non-HTML files are not listed.
    for gone in ("/blog/nope/", "/secret/", "/private-area/inside/", "robots", ".txt"):
        assert not [loc for loc in listed if gone in loc], gone
    # changefreq and priority come from SITEMAP, per kind, and only where set.
    assert listed[f"{SITEURL}/blog/summer/"]["changefreq"] == "monthly"
    assert "priority" not in listed[f"{SITEURL}/blog/summer/"]
    assert listed[f"{SITEURL}/about/"]["priority"] == "0.7"
    assert listed[f"{SITEURL}/"]["changefreq"] == "weekly"
    # No build time anywhere: every <lastmod> is one of the dates written above.
    stamps = {v.get("lastmod") for v in listed.values()} - {None}
    assert stamps <= {stamp for _, stamp in SOURCES.values()}


def test_the_sitemap_is_the_same_bytes_in_another_clone_built_later(tmp_path):
    first = make_site(tmp_path / "one")
    second = make_site(tmp_path / "two")
    for path in second.rglob("*"):
        os.utime(path, (981173106, 981173106))  # 2001: file times differ per clone
    a = (build_site(first) / "sitemap.xml").read_bytes()
    time.sleep(1.1)  # a build-time stamp would now differ by at least a second
    b = (build_site(second) / "sitemap.xml").read_bytes()
    assert a.count(b"<url>") > 5
    assert a == b


def test_a_wrong_sitemap_setting_stops_the_build_with_its_name(tmp_path):
    cases = ['SITEMAP = {"exclude": [], "changefreq": {}}',
             'SITEMAP = {"changefreqs": {"articles": "sometimes"}}',
             'SITEMAP = {"priorities": {"pages": 7}}',
             'SITEMAP = {"format": "txt"}']
    for number, line in enumerate(cases):
        root = make_site(tmp_path / str(number))
        conf = root / "conf.py"
        conf.write_text(conf.read_text() + line + "\n")
        # (make html shows this message without a traceback:
        # `tests/kit_stable_sitemap_on_sample.py`)
        assert_stopped(run_site(root), "SITEMAP", "pelicanconf.py")
