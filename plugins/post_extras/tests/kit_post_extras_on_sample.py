"""Reading time, older/newer links and related posts, on real builds of the sample.

The sample site (the shared dev_site fixture) checks reading time and the chronological
chain against the Markdown sources; a scratch site with designed tags checks the
ranking of related posts, and that drafts and scheduled posts are never linked.
"""

import datetime
import re

import pytest

from conftest import ROOT, build_or_fail, copy_project, sample_settings, soup_of
from conftest import read_meta as header

CONTENT = ROOT / "sample" / "content"


def sample_posts():
    """(path, header) of the sample's posts that its site builds: those in its languages
    (the sample's French and Spanish posts are for sites in those languages)."""
    settings = sample_settings()
    for path in sorted((CONTENT / "posts").glob("*.md")):
        meta = header(path)
        if meta.get("lang", settings["DEFAULT_LANG"]) in settings["LANGUAGES"]:
            yield path, meta




def live_sample_posts():
    """(date, slug, title) of the sample posts the live site lists, oldest first."""
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    posts = []
    for _path, meta in sample_posts():
        if meta.get("status", "published") == "published" and meta["date"] <= now:
            posts.append((meta["date"], meta["slug"], meta["title"]))
    return sorted(posts)


def post_page(site, slug):
    return soup_of(site / "blog" / slug / "index.html")


def test_reading_time_matches_the_words_on_the_page(dev_site):
    checked = 0
    for path, meta in sample_posts():
        if meta.get("status") == "draft":
            continue
        page = post_page(dev_site, meta["slug"])
        shown = page.select_one(".post__reading")
        if meta.get("type") == "quote":
            assert shown is None, f"{path.name}: a quote needs no reading time"
            continue
        words = len(page.select_one(".prose").get_text(" ").split())
        minutes = max(1, int(words / 200 + 0.5))
        assert shown is not None, path.name
        assert re.search(rf"\b{minutes} min read", shown.get_text()), (path.name, words)
        checked += 1
    assert checked >= 4


def test_older_and_newer_links_follow_the_dates(dev_site):
    posts = live_sample_posts()
    assert len(posts) >= 3
    for i, (_, slug, title) in enumerate(posts):
        nav = post_page(dev_site, slug).find("nav", class_="post-nav")
        older = nav.find("a", rel="prev") if nav else None
        newer = nav.find("a", rel="next") if nav else None
        if i == 0:
            assert older is None
        else:
            assert older["href"].endswith(f"blog/{posts[i - 1][1]}/"), slug
            assert posts[i - 1][2] in older.get_text()
        if i == len(posts) - 1:
            assert newer is None
        else:
            assert newer["href"].endswith(f"blog/{posts[i + 1][1]}/"), slug
            assert posts[i + 1][2] in newer.get_text()


# --- related posts on designed tags ---------------------------------------------------

FUTURE = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
POSTS = {
    # slug: (date, tags, extra front matter)
    "anchor": ("2024-03-01", "sleep, stress, grief", ""),
    "two-old": ("2024-01-01", "sleep, stress", ""),
    "two-new": ("2024-02-01", "stress, grief", ""),
    "one-newest": ("2024-03-05", "sleep", ""),
    "one-older": ("2024-01-15", "grief, work", ""),
    "unrelated": ("2024-02-10", "work", ""),
    "draft-match": ("2024-02-20", "sleep, stress, grief", "Status: draft\n"),
    "scheduled-match": (FUTURE, "sleep, stress, grief", ""),
}


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("related-project"))
    for sample in (project / "content" / "posts").glob("*.md"):
        sample.unlink()
    # Links to the deleted posts by file name would stop the build (front_matter).
    for page in (project / "content").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "{filename}../posts/" in text:
            page.write_text(text.replace("{filename}../posts/", "https://example.org/"),
                            encoding="utf-8")
    for slug, (date, tags, extra) in POSTS.items():
        (project / "content" / "posts" / f"{slug}.md").write_text(
            f"Title: Post {slug}\nDate: {date} 09:00\nCategory: Wellbeing\nTags: {tags}\n"
            f"Slug: {slug}\nSummary: About {slug}.\n{extra}\n" + "word " * 30 + "\n",
            encoding="utf-8")
    out = tmp_path_factory.mktemp("related-out")
    return build_or_fail(out, conf=project / "pelicanconf.py", content=project / "content",
                         cwd=project, settings={"CACHE_CONTENT": False,
                                                "LOAD_CONTENT_CACHE": False})


def related_slugs(page):
    section = page.find("section", class_="related-posts")
    if section is None:
        return []
    links = section.find_all("a")
    for a in links:
        assert a.get_text().startswith("Post "), "link text is the post's title"
    return [re.search(r"blog/([^/]+)/$", a["href"]).group(1) for a in links]


def test_related_posts_rank_by_shared_tags_then_recency(tagged_site):
    # anchor shares 2 tags with two-old and two-new (newer first), then 1 with one-newest
    # and one-older: one-newest is the newer of those. Only three are shown.
    assert related_slugs(post_page(tagged_site, "anchor")) == ["two-new", "two-old",
                                                               "one-newest"]
    # one-older shares grief with anchor and two-new, work with unrelated: newest first.
    assert related_slugs(post_page(tagged_site, "one-older")) == ["anchor", "unrelated",
                                                                  "two-new"]


def test_drafts_and_scheduled_posts_are_never_linked(tagged_site):
    checked = list((tagged_site / "blog").glob("*/index.html"))
    assert checked, "nothing to check"
    for path in checked:
        page = soup_of(path)
        hrefs = [a["href"] for a in page.select(".related-posts a, .post-nav a")]
        assert not [h for h in hrefs if "draft-match" in h or "scheduled-match" in h], path
    # ...but a draft shows what it is related to, in the preview.
    draft = soup_of(tagged_site / "drafts" / "draft-match" / "index.html")
    assert related_slugs(draft) == ["anchor", "two-new", "two-old"]
    assert draft.find("nav", class_="post-nav") is None


def test_newest_live_post_has_no_newer_link_even_with_a_scheduled_post(tagged_site):
    newest = post_page(tagged_site, "one-newest").find("nav", class_="post-nav")
    assert newest.find("a", rel="next") is None
    assert newest.find("a", rel="prev")["href"].endswith("blog/anchor/")
