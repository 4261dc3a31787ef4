"""Share links, tested on real Pelican builds and read back with BeautifulSoup.

- Pelican's built-in `simple` theme on a minimal site, every network switched on, a post
  whose title holds `&`, quotes, `#`, `+`, `%`, emoji and right-to-left text: each href is
  parsed with urllib.parse and must give back the exact title and the post's URL.
- Opt-in pages, opt-out posts, dev builds with SHARE_SITEURL, and every error.
The project theme on the sample site is tested in `tests/kit_share_buttons_on_sample.py`.

Every build runs in a subprocess: Pelican's signal receivers outlive a build.
"""

import textwrap
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import PLUGINS_DIR, assert_stopped
from .conftest import build_site as build_ok
from .conftest import run_site as build
SITE = "https://example.org"
ALL = ["facebook", "x", "linkedin", "pinterest", "bluesky", "threads", "reddit",
       "whatsapp", "telegram", "mastodon", "email"]
HOSTILE = 'Fear & "Hope" #1: it\'s 100% <fine> + more? 🌊 שלום עליכם'

# Written out from ../shared/DOMAIN.md, not read from the plugin: (accessible name, scheme,
# host, path, {parameter: what it must hold}). T is the title, U the post's URL.
T, U = "title", "url"
EXPECTED = {
    "facebook": ("Share on Facebook", "https", "www.facebook.com", "/sharer/sharer.php",
                 {"u": [U]}),
    "x": ("Share on X", "https", "twitter.com", "/intent/tweet", {"text": [T], "url": [U]}),
    "linkedin": ("Share on LinkedIn", "https", "www.linkedin.com",
                 "/sharing/share-offsite/", {"url": [U]}),
    "pinterest": ("Share on Pinterest", "https", "www.pinterest.com", "/pin/create/button/",
                  {"url": [U], "description": [T]}),
    "bluesky": ("Share on Bluesky", "https", "bsky.app", "/intent/compose",
                {"text": [T, " ", U]}),
    "threads": ("Share on Threads", "https", "www.threads.com", "/intent/post",
                {"text": [T], "url": [U]}),
    "reddit": ("Share on Reddit", "https", "www.reddit.com", "/submit",
               {"url": [U], "title": [T]}),
    "whatsapp": ("Share on WhatsApp", "https", "wa.me", "/", {"text": [T, " ", U]}),
    "telegram": ("Share on Telegram", "https", "t.me", "/share/url",
                 {"url": [U], "text": [T]}),
    "mastodon": ("Share on Mastodon", "https", "mastodon.social", "/share",
                 {"text": [T, " ", U]}),
    "email": ("Share on Email", "mailto", None, "", {"subject": [T], "body": [U]}),
}


def write_site(root, *, share_siteurl=None, siteurl=SITE, networks=ALL, extra_conf=""):
    root = Path(root)
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    posts = {
        "hostile": f"Title: {HOSTILE}\nCategory: Notes\nTags: care\n",
        "plain": "Title: A plain post\nCategory: Notes\nTags: care, rest\n",
        "private": "Title: Not for sharing\nCategory: Notes\nShare: no\n",
        "with-image": "Title: With a picture\nCategory: Notes\nImage: images/sea.jpg\n",
        "a-draft": "Title: Unfinished\nCategory: Notes\nStatus: draft\n",
    }
    for i, (slug, meta) in enumerate(posts.items(), start=1):
        (content / f"{slug}.md").write_text(
            f"{meta}Date: 2026-02-{i:02d} 09:00\nSlug: {slug}\n\n"
            f"Some text.\n\n<article><p>A nested article in the body.</p></article>\n\n"
            f"More text.\n", encoding="utf-8")
    (content / "pages" / "shared.md").write_text(
        "Title: Shared page\nSlug: shared\nShare: yes\n\nA page that opts in.\n",
        encoding="utf-8")
    (content / "pages" / "quiet.md").write_text(
        "Title: Quiet page\nSlug: quiet\n\nA page that does not.\n", encoding="utf-8")
    conf = textwrap.dedent(f"""\
        SITENAME = "Minimal"
        SITEURL = {siteurl!r}
        RELATIVE_URLS = {not siteurl.startswith('http')!r}
        PATH = "content"
        THEME = "simple"
        TIMEZONE = "UTC"
        DEFAULT_LANG = "en"
        DEFAULT_PAGINATION = 2
        FEED_ALL_ATOM = "feeds/all.atom.xml"
        CATEGORY_FEED_ATOM = None
        TRANSLATION_FEED_ATOM = None
        AUTHOR_FEED_ATOM = None
        AUTHOR_FEED_RSS = None
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["share_buttons"]
        SHARE_NETWORKS = {networks!r}
        SHARE_MASTODON_INSTANCE = "mastodon.social"
        CACHE_CONTENT = False
        LOAD_CONTENT_CACHE = False
        """)
    if share_siteurl:
        conf += f"SHARE_SITEURL = {share_siteurl!r}\n"
    (root / "conf.py").write_text(conf + extra_conf, encoding="utf-8")
    return root


def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def blocks(path):
    return soup(path).select("nav.share-buttons")


def links_by_label(path):
    (nav,) = blocks(path)
    return {a["aria-label"]: a for a in nav.find_all("a")}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_ok(write_site(tmp_path_factory.mktemp("share")))


# --- every network, and the hostile title round-trips ------------------------------

@pytest.mark.parametrize("network", ALL)
def test_every_network_gets_its_address_and_parameters(site, network):
    name, scheme, host, path, params = EXPECTED[network]
    values = {T: HOSTILE, U: f"{SITE}/hostile.html", " ": " "}
    link = links_by_label(site / "hostile.html")[name]
    href = link["href"]
    parts = urlsplit(href)
    assert (parts.scheme, parts.hostname, parts.path) == (scheme, host, path)
    # parse_qs decodes every parameter; each must equal exactly what was shared.
    parsed = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert parsed == {key: ["".join(values[p] for p in parts_)]
                      for key, parts_ in params.items()}
    # Each value is fully percent-encoded: nothing but the separators is left raw.
    for pair in parts.query.split("&"):
        key, _, raw = pair.partition("=")
        assert not set(raw) & set(" &=?#/:'\"<>+"), (key, raw)
        assert unquote(raw) == parsed[key][0]
    # The visible name is part of the accessible name.
    assert link.get_text(strip=True) in name


def test_links_are_plain_and_private(site):
    (nav,) = blocks(site / "hostile.html")
    assert nav["aria-label"] == "Share this post"
    assert nav.find(["script", "iframe", "img", "object", "embed", "link", "style"]) is None
    assert not nav.select("[style]"), "the CSP forbids style attributes"
    assert not any(attr.startswith("on") for tag in nav.find_all(True) for attr in tag.attrs)
    anchors = nav.find_all("a")
    assert len(anchors) == len(ALL)
    for a in anchors:
        assert {"noopener", "noreferrer"} <= set(a["rel"]), a
        assert a["aria-label"].startswith("Share on ")
        assert a.get("target") is None
        icon = a.find("svg")
        assert icon is not None and icon["aria-hidden"] == "true"
        assert icon["focusable"] == "false"
        assert not icon.find(["image", "use", "foreignobject"])
        assert a["href"].startswith(("https://", "mailto:?"))


def test_email_link_follows_rfc_6068(site):
    href = links_by_label(site / "hostile.html")["Share on Email"]["href"]
    assert href.startswith("mailto:?subject=")
    assert " " not in href and "+" not in href  # spaces are %20, never "+"
    raw = (site / "hostile.html").read_text(encoding="utf-8")
    # In the HTML source the parameter separator is written &amp;
    assert "&amp;body=" in raw


def test_pinterest_gets_the_image_only_when_a_post_has_one(site):
    with_image = links_by_label(site / "with-image.html")["Share on Pinterest"]["href"]
    assert parse_qs(urlsplit(with_image).query)["media"] == [f"{SITE}/images/sea.jpg"]
    plain = links_by_label(site / "plain.html")["Share on Pinterest"]["href"]
    assert "media" not in parse_qs(urlsplit(plain).query)


# --- where the block lands ---------------------------------------------------------

def test_simple_theme_gets_the_block_inside_the_post(site):
    for name in ("hostile.html", "plain.html", "with-image.html"):
        page = soup(site / name)
        (nav,) = page.select("nav.share-buttons")
        article = nav.find_parent("article")
        assert article is not None and article.find_parent("main") is not None, name
        # The post's own article, not the nested one inside its text.
        assert article.find_parent("article") is None, name
        assert nav.find_next_sibling() is None, "the block closes the article"


def test_only_article_pages_and_opted_in_pages_get_links(site):
    assert blocks(site / "private.html") == [], "Share: no turns the links off"
    assert blocks(site / "pages" / "quiet.html") == []
    (nav,) = blocks(site / "pages" / "shared.html")
    assert nav["aria-label"] == "Share this page"
    href = nav.find("a", attrs={"aria-label": "Share on LinkedIn"})["href"]
    assert parse_qs(urlsplit(href).query)["url"] == [f"{SITE}/pages/shared.html"]
    for listing in ("index.html", "index2.html", "archives.html", "category/notes.html",
                    "tag/care.html", "tags.html"):
        assert blocks(site / listing) == [], listing
    assert not (site / "drafts" / "a-draft.html").exists() or \
        blocks(site / "drafts" / "a-draft.html") == []


def test_feeds_do_not_carry_the_links(site):
    feed = (site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "share-buttons" not in feed and "sharer.php" not in feed


# --- dev builds --------------------------------------------------------------------

def test_dev_build_uses_share_siteurl(tmp_path):
    root = write_site(tmp_path, siteurl="", share_siteurl="https://live.example/")
    out = build_ok(root)
    href = links_by_label(out / "plain.html")["Share on Facebook"]["href"]
    assert parse_qs(urlsplit(href).query)["u"] == ["https://live.example/plain.html"]
    # The page's own links stay relative: only the share links use the live address.
    assert 'href="./' in (out / "plain.html").read_text(encoding="utf-8")


def test_dev_build_without_any_address_warns_and_renders_no_links(tmp_path):
    root = write_site(tmp_path, siteurl="")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    output = " ".join((result.stdout + result.stderr).split())
    assert "SHARE_SITEURL" in output
    assert blocks(tmp_path / "output" / "plain.html") == []


def test_publish_siteurl_wins_over_share_siteurl(tmp_path):
    out = build_ok(write_site(tmp_path, share_siteurl="https://preview.example"))
    href = links_by_label(out / "plain.html")["Share on LinkedIn"]["href"]
    assert parse_qs(urlsplit(href).query)["url"] == [f"{SITE}/plain.html"]


def test_mastodon_share_page(tmp_path):
    root = write_site(tmp_path, networks=["mastodon"], extra_conf=(
        'SHARE_MASTODON_INSTANCE = ""\n'
        'SHARE_MASTODON_SHARE_PAGE = "https://share.example/toot?lang=en"\n'))
    out = build_ok(root)
    href = links_by_label(out / "plain.html")["Share on Mastodon"]["href"]
    parts = urlsplit(href)
    assert (parts.hostname, parts.path) == ("share.example", "/toot")
    assert parse_qs(parts.query) == {"lang": ["en"],
                                     "text": [f"A plain post {SITE}/plain.html"]}


# --- errors stop the build ---------------------------------------------------------

def test_unknown_network_stops_the_build(tmp_path):
    result = build(write_site(tmp_path), {"SHARE_NETWORKS": ["facebook", "myspace"]})
    assert_stopped(result, "SHARE_NETWORKS", "'myspace'",
                   "facebook, x, linkedin, pinterest, bluesky, threads, reddit, whatsapp, "
                   "telegram, mastodon, email")


def test_mastodon_without_instance_or_share_page_stops_the_build(tmp_path):
    result = build(write_site(tmp_path), {"SHARE_MASTODON_INSTANCE": ""})
    assert_stopped(result, "SHARE_MASTODON_INSTANCE", "SHARE_MASTODON_SHARE_PAGE")


def test_a_bad_share_value_stops_the_build_naming_the_file(tmp_path):
    root = write_site(tmp_path)
    (root / "content" / "plain.md").write_text(
        "Title: Typo\nDate: 2026-03-01\nShare: maybe\n\nText.\n", encoding="utf-8")
    assert_stopped(build(root), "plain.md", "Share: maybe", "'yes' or 'no'")
