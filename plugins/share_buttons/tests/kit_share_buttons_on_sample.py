"""Share links in the project theme, on the sample site built once per session (the shared
`dev_site` / `publish_site` fixtures). The plugin's own tests, on Pelican's built-in
theme, are in plugins/share_buttons/tests/."""

from urllib.parse import parse_qs, urlsplit

from conftest import PUBLISH_SITEURL, ROOT, soup_of
from tools.pelican_adapter import plugin_module

catalogs = plugin_module("languages.catalogs")

def share_on(path, network):
    """"Share on LinkedIn" in the page's language, read from the catalog its `<html
    lang>` reads (DESIGN.md section 4), not from a word list."""
    locale = soup_of(path).html.get("lang", "en-US").replace("-", "_")
    words = catalogs.load(ROOT / "theme" / "translations", catalogs.catalog_name(locale))
    return words.gettext("Share on %(network)s") % {"network": network}


blocks = plugin_module("share_buttons.tests.test_share_buttons").blocks
links_by_label = plugin_module("share_buttons.tests.test_share_buttons").links_by_label

def project_posts(site):
    return sorted(p for p in (site / "blog").glob("*/index.html")
                  if p.parent.name not in ("category", "tag", "author", "archives",
                                           "categories", "tags", "authors", "page"))


def test_project_posts_have_one_block_in_the_post_footer(dev_site):
    posts = project_posts(dev_site)
    assert len(posts) >= 6
    for path in posts:
        (nav,) = blocks(path)
        assert nav.find_parent("footer") is not None, path   # rendered by the theme
        assert nav.find_parent("article") is not None, path
        # Dev build: the links carry the live address from SHARE_SITEURL.
        url = f"https://harborlight.example/blog/{path.parent.name}/"
        for a in nav.find_all("a"):
            assert url in " ".join(sum(parse_qs(urlsplit(a["href"]).query).values(), [])), a


def test_project_listings_have_no_block(dev_site):
    listings = [dev_site / "index.html", dev_site / "404.html"]
    listings += [p for p in (dev_site / "blog").rglob("index.html")
                 if p not in project_posts(dev_site)]
    assert len(listings) >= 8
    for path in listings:
        assert blocks(path) == [], path.relative_to(dev_site)


def test_project_publish_links_use_siteurl(publish_site):
    checked = list(project_posts(publish_site))
    assert checked, "nothing to check"
    for path in checked:
        url = f"{PUBLISH_SITEURL}/blog/{path.parent.name}/"
        href = links_by_label(path)[share_on(path, "LinkedIn")]["href"]
        assert parse_qs(urlsplit(href).query)["url"] == [url]
