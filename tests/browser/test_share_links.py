"""Share links, read from the rendered post pages: each one opens the network's own share
address with the post's absolute URL intact. The links are parsed, never followed.
"""

import runpy
from urllib.parse import parse_qsl, urlsplit

import pytest

from browsing import ROOT, is_post, report

pytestmark = pytest.mark.browser

# Where each network's share link must point: accepted hosts and path. "Share on <name>"
# is the accessible name the contract asks for. Email is a mailto: link.
NETWORKS = {
    "facebook": ("Facebook", {"www.facebook.com", "facebook.com"}, "/sharer/sharer.php"),
    "x": ("X", {"twitter.com", "x.com"}, "/intent/tweet"),
    "linkedin": ("LinkedIn", {"www.linkedin.com", "linkedin.com"}, "/sharing/share-offsite/"),
    "pinterest": ("Pinterest", {"www.pinterest.com", "pinterest.com"}, "/pin/create/button/"),
    "bluesky": ("Bluesky", {"bsky.app"}, "/intent/compose"),
    "threads": ("Threads", {"www.threads.com", "threads.com", "www.threads.net"}, "/intent/post"),
    "reddit": ("Reddit", {"www.reddit.com", "reddit.com"}, "/submit"),
    "whatsapp": ("WhatsApp", {"wa.me"}, "/"),
    "telegram": ("Telegram", {"t.me"}, "/share/url"),
    "email": ("email", {""}, ""),
}


def network_of(href):
    parts = urlsplit(href)
    if parts.scheme == "mailto":
        return "email"
    for key, (_, hosts, path) in NETWORKS.items():
        if key != "email" and parts.hostname in hosts:
            return key
    return None


def url_intact(href, page_url):
    """The page's URL is one whole parameter value, or one whole word of it."""
    for _, value in parse_qsl(urlsplit(href).query):
        if value == page_url or page_url in value.split():
            return True
    return False


def check_link(link, page_url):
    href, name = link["href"] or "", link["name"]
    parts = urlsplit(href)
    key = network_of(href)
    if key is None:
        return [f"{href}: not a known network's share address"]
    label, _, path = NETWORKS[key]
    problems = []
    if key != "email":
        if parts.scheme != "https":
            problems.append(f"{href}: not https")
        if parts.path != path:
            problems.append(f"{href}: path {parts.path!r}, expected {path!r} for {label}")
        rel = set(link["rel"].split())
        if not {"noopener", "noreferrer"} <= rel:
            problems.append(f"{href}: rel={link['rel']!r} lacks noopener/noreferrer")
    if not url_intact(href, page_url):
        problems.append(f"{href}: the post's URL {page_url} is not intact in the parameters")
    if "://" in parts.query:
        problems.append(f"{href}: the post's URL is not percent-encoded")
    if label.lower() not in name.lower():
        problems.append(f"{href}: accessible name {name!r} does not name {label}")
    return problems


@pytest.fixture(scope="module")
def networks():
    """The networks the practice chose (pelicanconf.SHARE_NETWORKS)."""
    return runpy.run_path(str(ROOT / "pelicanconf.py"))["SHARE_NETWORKS"]


def test_posts_found(crawl):
    assert any(is_post(path) for path in crawl["pages"]), "no post page was visited"


def test_every_post_has_the_chosen_share_links(crawl, networks):
    problems = []
    for path, r in crawl["pages"].items():
        if not is_post(path):
            continue
        found = [network_of(link["href"] or "") for link in r.views["light"].inspect["share"]]
        if sorted(map(str, found)) != sorted(networks):
            problems.append(f"{path}: share links for {found}, settings ask for {networks}")
    report(problems, "Share links that do not match SHARE_NETWORKS")


def test_share_links_carry_the_post_url(crawl, served_site):
    problems = []
    for path, r in crawl["pages"].items():
        for link in r.views["light"].inspect["share"]:
            problems += [f"{path}: {p}" for p in check_link(link, served_site.origin + path)]
    report(problems, "Share links that are wrong")
