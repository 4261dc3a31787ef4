"""feed_titles on scratch sites built for real: every post title reaches the Atom and RSS
feeds exactly as written (ampersands, quotes, tag-like text, emoji, right-to-left text),
whatever form the site's address takes; without the plugin, Pelican strips the tags.

Expected titles are the ones written in the posts below, never read from the plugin.
"""

import pytest
from defusedxml import ElementTree as ET

from .conftest import PLUGINS_DIR, build_site

ATOM = "{http://www.w3.org/2005/Atom}"

# The title as typed in the post: what every feed must carry.
TITLES = {
    "tags": 'Fear & "Hope" <b>now</b>',
    "quotes": "Don't say 'never' \u2014 say \u201cnot yet\u201d",
    "emoji": "\U0001F331 Small steps \U0001F468\u200d\U0001F469\u200d\U0001F467",
    "entity": "Tom &amp; Jerry &lt;3 <3",
    "markup": "<script>alert(1)</script> & <i>still</i> text",
    "hebrew": "\u05e9\u05dc\u05d5\u05dd & <b>\u05e2\u05d5\u05dc\u05dd</b>",
}

# A French translation of one post, listed in the French translation feed.
TRANSLATION = ("tags", 'Peur & \u00ab espoir \u00bb <b>maintenant</b>')

# Two sites: an address with a sub-folder and a trailing "/", links made absolute, and
# "?ref=feed" appended; and relative links with no address at all, as in a preview
# (Pelican joins the address and the post's URL differently in each).
SITES = {
    "absolute": {"SITEURL": "https://practice.example/blog/", "RELATIVE_URLS": False,
                 "FEED_APPEND_REF": True},
    "relative": {"SITEURL": "", "RELATIVE_URLS": True},
}

CONF = """\
PATH = "content"
TIMEZONE = "UTC"
THEME = "simple"
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = {names!r}
ARTICLE_URL = "notes/{{slug}}/"
ARTICLE_LANG_URL = "{{lang}}/notes/{{slug}}/"
ARTICLE_LANG_SAVE_AS = "{{lang}}/notes/{{slug}}/index.html"
ARTICLE_SAVE_AS = "notes/{{slug}}/index.html"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = "feeds/translations-{{lang}}.atom.xml"
TRANSLATION_FEED_RSS = None
{extra}
"""


def scratch_site(root, names, settings):
    (root / "content").mkdir(parents=True)
    for number, (slug, title) in enumerate(TITLES.items(), start=1):
        (root / "content" / f"{slug}.md").write_text(
            f"Title: {title}\nDate: 2026-02-{number:02d} 10:00\nCategory: Notes\n"
            f"Slug: {slug}\n\nA short post.\n", encoding="utf-8")
    slug, title = TRANSLATION
    (root / "content" / f"{slug}-fr.md").write_text(
        f"Title: {title}\nDate: 2026-02-01 10:00\nCategory: Notes\nSlug: {slug}\n"
        "Lang: fr\n\nUn court billet.\n", encoding="utf-8")
    extra = "\n".join(f"{key} = {value!r}" for key, value in settings.items())
    (root / "conf.py").write_text(
        CONF.format(plugins=str(PLUGINS_DIR), names=names, extra=extra), encoding="utf-8")
    return build_site(root)


def post_of(link):
    """The post a feed link points to: its slug, "fr/<slug>" for the translation."""
    parts = link.split("?")[0].rstrip("/").split("/")
    return f"fr/{parts[-1]}" if parts[-3:-2] == ["fr"] else parts[-1]


def feed_titles(site):
    """{feed file: {post slug: title}} of every feed in the built site."""
    found = {}
    for path in sorted((site / "feeds").glob("*.xml")):
        root = ET.parse(path).getroot()
        if root.tag == f"{ATOM}feed":
            items = [(e.find(f"{ATOM}title").text,
                      e.find(f"{ATOM}link").get("href")) for e in root.iter(f"{ATOM}entry")]
        else:
            items = [(e.findtext("title"), e.findtext("link")) for e in root.iter("item")]
        found[path.name] = {post_of(link): title
                            for title, link in items}
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Each of SITES built once with the plugin: {name: output folder}."""
    return {name: scratch_site(tmp_path_factory.mktemp(f"feeds-{name}"), ["feed_titles"],
                               settings)
            for name, settings in SITES.items()}


@pytest.mark.parametrize("name", sorted(SITES))
def test_every_feed_carries_every_title_exactly(sites, name):
    built = feed_titles(sites[name])
    slug, french = TRANSLATION
    both = {**TITLES, f"fr/{slug}": french}
    # The whole-site feeds list the translation too; the category feed does not.
    assert built == {"all.atom.xml": both, "all.rss.xml": both, "notes.atom.xml": TITLES,
                     "translations-en.atom.xml": TITLES,
                     "translations-fr.atom.xml": {f"fr/{slug}": french}}


def test_the_xml_escapes_what_the_title_holds(sites):
    raw = (sites["absolute"] / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    # The tag-like text is text: escaped in the XML, never an element of it.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "<script>" not in raw
    assert "&amp;amp; Jerry" in raw  # "&amp;" as typed, escaped once more
    assert "\U0001F331 Small steps" in raw


def test_without_the_plugin_pelican_strips_the_tags(tmp_path):
    # What the plugin is for, on the same posts: Pelican alone loses the tag-like text.
    site = scratch_site(tmp_path, [], SITES["relative"])
    titles = feed_titles(site)["all.atom.xml"]
    assert titles["tags"] == 'Fear & "Hope" now'
    assert titles["quotes"] == TITLES["quotes"]  # nothing tag-like: left alone
