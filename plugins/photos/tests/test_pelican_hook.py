"""How the plugin takes part in writing pages, through Pelican's public API only.

A picture's srcset holds several addresses, which Pelican's own link rewriting ({static}
in a single-address attribute) does not handle, and with RELATIVE_URLS each page needs
its own. The plugin keeps a marker (markup.TOKEN) in the post's text and fills it in as the page
is rendered: its writer (offered through the get_writer signal) for pages, feed_generated
for feeds. One scratch build shows that every address on a post's page, on the home page
(the post's text again, one folder up) and in the feed leads to the file it names, and
that a writer's own text holding the marker is left as text, with no warning from
Pelican about a marker it does not know.
"""

import html
import posixpath
import re
import shutil
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .. import markup
from . import photo_spyfiles as spy
from .conftest import PLUGINS_DIR, assert_stopped, run_site

SITEURL = "https://therapy.example"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hook")
    content = root / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "office.jpg").write_bytes(spy.spy_jpeg())
    (content / "office.md").write_text(textwrap.dedent("""\
        Title: Our office
        Date: 2026-01-02

        ![The office]({static}/images/office.jpg)

        To show a picture, this plugin writes MARKERimages/x.jpg in the page for a moment.
        """).replace("MARKER", markup.TOKEN), encoding="utf-8")
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        SITENAME = "Photo test"
        SITEURL = {SITEURL!r}
        RELATIVE_URLS = True
        PATH = "content"
        STATIC_PATHS = ["images"]
        TIMEZONE = "UTC"
        ARTICLE_URL = ARTICLE_SAVE_AS = "blog/{{slug}}/index.html"
        FEED_ALL_ATOM = "feeds/all.atom.xml"
        CATEGORY_FEED_ATOM = None
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["photos"]
        PHOTOS_SHARE_CARDS = False
        PHOTOS_CACHE_PATH = {str(root / "photo-cache")!r}
        """), encoding="utf-8")
    result = run_site(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr, result.stdout + result.stderr
    return root / "output"


def srcset_addresses(text):
    found = []
    for value in re.findall(r'srcset="([^"]*)"', text):
        found += [candidate.split()[0] for candidate in html.unescape(value).split(",")]
    return found


@pytest.mark.parametrize("page", ["blog/our-office/index.html", "index.html"])
def test_every_srcset_address_of_a_page_leads_to_its_file(site, page):
    text = (site / page).read_text(encoding="utf-8")
    addresses = srcset_addresses(text)
    assert len(addresses) >= 2, text  # the <source> and the <img>, each with its sizes
    folder = posixpath.dirname(page)
    for address in addresses:
        assert "://" not in address and not address.startswith("/"), address
        target = posixpath.normpath(posixpath.join(folder, unquote(address)))
        assert (site / target).is_file(), (page, address)


def test_the_feed_names_each_picture_by_its_full_address(site):
    feed = (site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    addresses = srcset_addresses(html.unescape(feed))
    assert addresses, feed
    for address in addresses:
        assert address.startswith(SITEURL + "/"), address
        assert (site / unquote(urlsplit(address).path).lstrip("/")).is_file(), address


def test_no_marker_is_left_and_a_writers_own_marker_text_stays_text(site):
    for path in Path(site).rglob("*"):
        if path.suffix in (".html", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert markup.TOKEN not in text, path
    page = (site / "blog" / "our-office" / "index.html").read_text(encoding="utf-8")
    assert f"writes {markup.TOKEN_AS_TEXT}images/x.jpg in the page" in page


def test_a_plugin_whose_writer_wins_stops_the_build_rather_than_leave_markers(tmp_path):
    """Pelican uses the first writer offered: another plugin's, listed before this one,
    would leave the pictures' markers in every page. The build stops, saying so."""
    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "writer_plugin", tmp_path / "plugins" / "own_writer")
    (site / "content" / "images").mkdir(parents=True)
    (site / "content" / "images" / "office.jpg").write_bytes(spy.spy_jpeg())
    (site / "content" / "office.md").write_text(
        "Title: Our office\nDate: 2026-01-02\n\n![The office]({static}/images/office.jpg)\n",
        encoding="utf-8")
    (site / "conf.py").write_text(textwrap.dedent(f"""\
        SITENAME = "Photo test"
        PATH = "content"
        STATIC_PATHS = ["images"]
        TIMEZONE = "UTC"
        FEED_ALL_ATOM = CATEGORY_FEED_ATOM = None
        PLUGIN_PATHS = [{str(tmp_path / "plugins")!r}, {str(PLUGINS_DIR)!r}]
        PLUGINS = ["own_writer", "photos"]
        PHOTOS_SHARE_CARDS = False
        PHOTOS_CACHE_PATH = {str(tmp_path / "photo-cache")!r}
        """), encoding="utf-8")
    assert_stopped(run_site(site), "another plugin", "writer", "PLUGINS")
