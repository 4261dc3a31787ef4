"""Drafts and scheduled posts: visible and marked in the preview, absent from the live site.

A scratch copy of the project gains a draft post, a draft page and a post dated in the
future, and is built with both configurations (pelicanconf.py and publishconf.py).
"""

import datetime
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import PUBLISH_SITEURL, build_or_fail, copy_project, html_files, soup_of
from tools import stress_publish as stress

SOON = (datetime.date.today() + datetime.timedelta(days=45)).isoformat()
SLUGS = {"draft": "an-unfinished-thought", "page": "groups-coming-soon",
         "scheduled": "a-post-for-next-month"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("drafts-project"))
    posts, pages = root / "content" / "posts", root / "content" / "pages"
    (posts / "unfinished.md").write_text(
        f"Title: An unfinished thought\nDate: 2026-01-20 09:00\nCategory: Wellbeing\n"
        f"Tags: self-care\nSlug: {SLUGS['draft']}\nSummary: Not ready yet.\nStatus: draft\n\n"
        "Still writing this one.\n", encoding="utf-8")
    (posts / "next-month.md").write_text(
        f"Title: A post for next month\nDate: {SOON} 08:00\nCategory: Wellbeing\n"
        f"Tags: self-care\nSlug: {SLUGS['scheduled']}\nSummary: Goes live later.\n\n"
        "Written ahead of time.\n", encoding="utf-8")
    (pages / "groups.md").write_text(
        f"Title: Groups coming soon\nSlug: {SLUGS['page']}\nSummary: Not ready.\n"
        "Status: draft\n\nPlans for groups.\n", encoding="utf-8")
    # A draft post and page linking a PDF ({attach}), a photo and notes ({static}), one
    # of them shared with a published post (tools/stress_publish.py's scenario).
    stress.add_drafts(root)
    return root


@pytest.fixture(scope="module")
def dev(project, tmp_path_factory):
    return build_or_fail(tmp_path_factory.mktemp("drafts-dev"), conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project,
                         settings={"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False})


@pytest.fixture(scope="module")
def live(project, tmp_path_factory):
    return build_or_fail(tmp_path_factory.mktemp("drafts-live"),
                         conf=project / "publishconf.py", content=project / "content",
                         cwd=project, env={"SITEURL": PUBLISH_SITEURL})


def test_preview_shows_the_draft_marked_as_draft(dev):
    page = soup_of(dev / "drafts" / SLUGS["draft"] / "index.html")
    assert page.h1.get_text(strip=True) == "An unfinished thought"
    assert page.select_one(".marker--draft"), "the draft is not marked as one"
    draft_page = soup_of(dev / "drafts" / "pages" / SLUGS["page"] / "index.html")
    assert draft_page.h1.get_text(strip=True) == "Groups coming soon"


def test_preview_lists_drafts_on_the_blog_index_only_there(dev):
    index = soup_of(dev / "blog" / "index.html")
    listed = index.select_one(".draft-list")
    assert listed is not None
    link = listed.find("a", href=re.compile(rf"drafts/{SLUGS['draft']}/$"))
    assert link is not None and link.get_text() == "An unfinished thought"
    assert "Draft" in [b.get_text() for b in listed.select(".badge")]
    # not as an ordinary post card, and not on the second page or a category page
    assert not [a for a in index.select(".card__title a") if SLUGS["draft"] in a["href"]]
    assert soup_of(dev / "blog" / "page" / "2" / "index.html").select_one(".draft-list") is None
    assert soup_of(dev / "blog" / "category" / "wellbeing" / "index.html").select_one(
        ".draft-list") is None


def test_preview_shows_the_scheduled_post_marked_as_scheduled(dev):
    page = soup_of(dev / "blog" / SLUGS["scheduled"] / "index.html")
    marker = page.select_one(".marker--scheduled")
    assert marker is not None and "Scheduled" in marker.get_text()
    index = soup_of(dev / "blog" / "index.html")
    card = next(c for c in index.select("article.card")
                if c.find("a", href=re.compile(rf"blog/{SLUGS['scheduled']}/$")))
    assert "Scheduled" in [b.get_text() for b in card.select(".badge")]
    # Other posts never point to it: the preview's links match the live site.
    checked = list((dev / "blog").glob("*/index.html"))
    assert checked, "nothing to check"
    for path in checked:
        if SLUGS["scheduled"] in str(path):
            continue
        hrefs = [a["href"] for a in soup_of(path).select(".related-posts a, .post-nav a")]
        assert not [h for h in hrefs if SLUGS["scheduled"] in h], path


def test_live_site_has_no_draft_and_no_scheduled_post(live):
    assert not (live / "drafts").exists()
    assert not (live / "blog" / SLUGS["scheduled"]).exists()
    assert not (live / SLUGS["page"]).exists()
    text_files = [p for p in live.rglob("*") if p.suffix in {".html", ".xml", ".txt"}]
    assert len(html_files(live)) > 40
    for path in text_files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for slug in SLUGS.values():
            assert slug not in text, f"{slug} appears in {path.relative_to(live)}"
        for title in ("An unfinished thought", "A post for next month", "Groups coming soon"):
            assert title not in text, f"{title!r} appears in {path.relative_to(live)}"
    assert soup_of(live / "blog" / "index.html").select_one(".draft-list") is None


def test_live_feeds_and_sitemap_list_only_live_posts(live):
    atom = ET.parse(live / "feeds" / "all.atom.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    links = [e.find(f"{ns}link").get("href") for e in atom.iter(f"{ns}entry")]
    assert links and all(link.startswith(f"{PUBLISH_SITEURL}/blog/") for link in links)
    rss = ET.parse(live / "feeds" / "all.rss.xml").getroot()
    assert {i.findtext("link") for i in rss.iter("item")} == set(links)
    locs = re.findall(r"<loc>(.*?)</loc>", (live / "sitemap.xml").read_text(encoding="utf-8"))
    assert f"{PUBLISH_SITEURL}/blog/" in locs
    assert not [loc for loc in locs if "drafts/" in loc]


def _files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file()}


def test_live_site_has_none_of_the_files_only_drafts_link(live, dev):
    """Pelican copies every {static}/{attach} file a post links, drafts' too, wherever it
    is; the live build leaves out what only drafts link, and keeps what a published post
    links as well. The preview shows the drafts with their files."""
    assert stress.leaks(_files(live)) == []
    shown = stress.leaks(_files(dev))
    for name in stress.DRAFT_FILES:
        assert any(name.split(".")[0] in path for path in shown), (name, shown)
    assert [p for p in _files(live) if p.endswith("/" + stress.SHARED_FILE)]


# --- robots.txt, read as crawlers read it (RFC 9309: longest match wins, * and $) --------

def _site_urls(site):
    """The address of every file of a built site, as a crawler would ask for it."""
    urls = set()
    for path in Path(site).rglob("*"):
        if path.is_file():
            rel = path.relative_to(site).as_posix()
            urls.add("/" + rel)
            if rel.endswith("index.html"):
                urls.add("/" + rel[: -len("index.html")])
    return sorted(urls)


def test_live_robots_txt_names_the_sitemap_and_closes_no_published_url(live):
    from protego import Protego
    text = (live / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLISH_SITEURL}/sitemap.xml" in text.splitlines()
    robots = Protego.parse(text)
    assert list(robots.sitemaps) == [f"{PUBLISH_SITEURL}/sitemap.xml"]
    urls = _site_urls(live)
    assert len(urls) > 80 and "/" in urls and "/blog/" in urls
    for agent in ("*", "Googlebot", "Bingbot", "SiteAuditBot"):
        closed = [u for u in urls if not robots.can_fetch(PUBLISH_SITEURL + u, agent)]
        assert closed == [], (agent, closed[:5], text)
    # No rule is written that could close anything: not even an empty-looking one.
    assert not [line for line in text.splitlines()
                if line.lower().startswith("disallow") and line.split(":", 1)[1].strip()]


def test_preview_robots_txt_closes_its_drafts_folder_only(dev):
    from protego import Protego
    robots = Protego.parse((dev / "robots.txt").read_text(encoding="utf-8"))
    urls = _site_urls(dev)
    closed = [u for u in urls if not robots.can_fetch("http://localhost" + u, "*")]
    assert closed and all(u.startswith("/drafts/") for u in closed), closed
    assert [u for u in urls if u.startswith("/drafts/")] == closed
