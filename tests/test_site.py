"""The sample site, built for real with Pelican in both configurations and read back.

These tests check the foundation: every source file becomes a page, every page has the
shared frame (skip link, navigation, footer), feeds and sitemap exist only where they
should, drafts stay out of the live site, and hostile titles stay text.
"""

import json
import os
import re
import shlex
import subprocess
import xml.etree.ElementTree as ET

import pytest
from pelican.utils import slugify

from tools.child_build import TOOLS_BUILD
from conftest import (PUBLISH_SITEURL, ROOT, SAMPLE_ENV, build_or_fail, copy_project, html_files,
                      read_meta, sample_settings,
                      run_pelican, soup_of)

CONTENT = ROOT / "sample" / "content"
ATOM = "{http://www.w3.org/2005/Atom}"




def expected_path(source):
    """Where the built page of a content file should land, from its own front matter."""
    meta = read_meta(source)
    if meta.get("save_as"):
        return meta["save_as"]
    slug = meta.get("slug") or slugify(meta["title"])
    if source.parent.name == "posts":
        return f"blog/{slug}/index.html"
    return f"{slug}/index.html"


def sources(folder, *, published_only=True):
    """The sample's files in `folder` that its site builds: those in the site's languages
    (the sample's French and Spanish files are for sites in those languages)."""
    settings = sample_settings()
    languages = settings["LANGUAGES"]
    files = [f for f in sorted((CONTENT / folder).glob("*.md"))
             if read_meta(f).get("lang", settings["DEFAULT_LANG"]) in languages]
    if published_only:
        files = [f for f in files if read_meta(f).get("status", "published") == "published"]
    return files


def all_sources():
    return sources("posts") + sources("pages") + sources("policies")


def draft_sources():
    return [f for f in sources("posts", published_only=False)
            if read_meta(f).get("status") == "draft"]


# --- every source file produced its page ----------------------------------------------

@pytest.mark.parametrize("config", ["dev_site", "publish_site"])
def test_every_source_file_produced_its_page(config, request):
    site = request.getfixturevalue(config)
    missing = [str(s.relative_to(CONTENT)) for s in all_sources()
               if not (site / expected_path(s)).is_file()]
    assert not missing, f"no page built for: {missing}"
    # ...and the page carries the source's title.
    checked = list(all_sources())
    assert checked, "nothing to check"
    for source in checked:
        title = read_meta(source)["title"]
        page = soup_of(site / expected_path(source))
        assert title in page.title.get_text(), source


def test_sample_has_six_posts_in_three_categories_a_quote_six_policies_all_marked_sample():
    posts = sources("posts")
    categories = {read_meta(p)["category"] for p in posts}
    assert len(posts) >= 6 and len(categories) >= 3
    assert any(read_meta(p).get("type") == "quote" for p in posts)
    policy_keys = {read_meta(p)["policy"] for p in sources("policies")}
    assert {"social-media", "online-therapy", "electronic-communication", "website-privacy",
            "good-faith-estimate", "notice-of-privacy-practices"} <= policy_keys
    checked = list(all_sources())
    assert checked, "nothing to check"
    for source in checked:
        assert read_meta(source).get("sample") == "yes", f"{source} is not marked as a sample"


# --- the shared frame on every page ---------------------------------------------------

@pytest.mark.parametrize("config", ["dev_site", "publish_site"])
def test_every_page_has_the_frame(config, request):
    site = request.getfixturevalue(config)
    pages = html_files(site)
    assert len(pages) > 40
    for path in pages:
        soup = soup_of(path)
        name = path.relative_to(site)
        # The sample practice is in the US: its English is en-US (docs/languages.md).
        assert soup.html.get("lang") == "en-US", name
        first_focusable = soup.body.find(["a", "button", "input", "select", "textarea"])
        assert first_focusable is not None and "skip-link" in first_focusable.get("class", []), name
        assert first_focusable["href"] == "#main", name
        mains = soup.find_all("main")
        assert len(mains) == 1 and mains[0].get("id") == "main", name
        nav = soup.find("nav", attrs={"aria-label": "Main"})
        assert nav is not None, f"{name}: no main navigation"
        labels = [a.get_text(strip=True) for a in nav.find_all("a")]
        assert labels == ["About", "Services", "Fees", "Online therapy", "Blog", "Resources",
                          "Contact"], name
        footer = soup.find("footer", class_="site-footer")
        assert footer is not None, f"{name}: no footer"
        assert footer.find("a", href=re.compile(r"^tel:")), f"{name}: footer has no phone link"
        assert soup.find("meta", attrs={"name": "description"})["content"].strip(), name
        assert soup.find("link", rel="icon", href=re.compile(r"favicon\.svg$")), name


@pytest.mark.parametrize("config", ["dev_site", "publish_site"])
def test_no_script_but_json_ld(config, request):
    site = request.getfixturevalue(config)
    checked = list(html_files(site))
    assert checked, "nothing to check"
    for path in checked:
        for script in soup_of(path).find_all("script"):
            assert script.get("type") == "application/ld+json", path.relative_to(site)
            json.loads(script.string)  # and it is valid JSON


def test_dev_links_are_relative_and_publish_links_absolute(dev_site, publish_site):
    dev = soup_of(dev_site / "blog" / "index.html")
    css = dev.find("link", rel="stylesheet")["href"]
    assert css.startswith("../"), css
    live = soup_of(publish_site / "blog" / "index.html")
    assert live.find("link", rel="stylesheet")["href"].startswith(PUBLISH_SITEURL + "/")
    assert live.find("link", rel="canonical")["href"] == PUBLISH_SITEURL + "/blog/"
    assert dev.find("link", rel="canonical") is None


# --- home page, blog, quotes, head metadata -------------------------------------------

def test_home_page_welcomes_and_is_not_the_blog_index(publish_site):
    home = soup_of(publish_site / "index.html")
    blog = soup_of(publish_site / "blog" / "index.html")
    assert home.h1.get_text(strip=True) != blog.h1.get_text(strip=True)
    settings = read_settings()
    booking = home.find_all("a", href=settings["PRACTICE"]["booking_url"])
    assert any("button" in a.get("class", []) for a in booking), "no booking call to action"
    headings = [h.get_text(strip=True) for h in home.find_all("h2")]
    assert "Who I help" in headings and "How to start" in headings
    ld = [json.loads(s.string) for s in home.find_all("script", type="application/ld+json")]
    service = [d for d in ld if d["@type"] == "ProfessionalService"]
    assert service and service[0]["telephone"] == settings["PRACTICE"]["phone"]
    assert service[0]["url"] == PUBLISH_SITEURL + "/"


def read_settings():
    return sample_settings()


def test_blog_index_paginates(dev_site):
    posts = sources("posts")
    per_page = read_settings()["DEFAULT_PAGINATION"]
    pages_expected = -(-len(posts) // per_page)
    assert pages_expected >= 2, "the sample needs enough posts to show pagination"
    listed = []
    for n in range(1, pages_expected + 1):
        path = dev_site / "blog" / ("index.html" if n == 1 else f"page/{n}/index.html")
        soup = soup_of(path)
        listed += [a["href"] for a in soup.select(".card__title a")]
        nav = soup.find("nav", class_="pagination")
        assert nav is not None and f"Page {n} of {pages_expected}" in nav.get_text()
    assert len(listed) == len(posts)
    assert not (dev_site / "blog" / f"page/{pages_expected + 1}").exists()


def test_quote_posts_render_as_quote_cards(dev_site):
    quotes = [s for s in sources("posts") if read_meta(s).get("type") == "quote"]
    assert quotes
    practice = sample_settings()["PRACTICE"]
    for source in quotes:
        page = soup_of(dev_site / expected_path(source))
        card = page.select_one("main figure.quote-card")
        assert card is not None, source
        assert card.blockquote.get_text(strip=True)
        # The attribution as written, its {{ placeholders }} the sample practice's details.
        attribution = re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: practice[m.group(1)],
                             read_meta(source)["attribution"])
        assert card.figcaption.get_text(strip=True) == attribution
    index = soup_of(dev_site / "blog" / "index.html")
    assert index.select("article.card--quote figure.quote-card blockquote")


def test_post_head_has_canonical_description_and_open_graph(publish_site):
    source = CONTENT / "posts" / "is-online-therapy-a-good-fit.md"
    meta = read_meta(source)
    page = soup_of(publish_site / expected_path(source))
    url = f"{PUBLISH_SITEURL}/{expected_path(source).removesuffix('index.html')}"
    assert page.find("meta", attrs={"name": "description"})["content"] == meta["summary"]
    assert page.find("link", rel="canonical")["href"] == url
    assert page.find("meta", property="og:type")["content"] == "article"
    assert page.find("meta", property="og:url")["content"] == url
    assert page.find("meta", property="og:title")["content"] == meta["title"]
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["@type"] == "BlogPosting" and ld["headline"] == meta["title"]
    assert ld["url"] == url and ld["datePublished"].startswith(meta["date"][:10])
    assert page.find("link", rel="alternate", type="application/atom+xml")["href"] == \
        f"{PUBLISH_SITEURL}/feeds/all.atom.xml"


# --- feeds, sitemap, robots, favicons -------------------------------------------------

def test_publish_has_feeds_and_sitemap_listing_every_post(publish_site):
    urls = {f"{PUBLISH_SITEURL}/{expected_path(s).removesuffix('index.html')}"
            for s in sources("posts")}
    atom = ET.parse(publish_site / "feeds" / "all.atom.xml").getroot()
    atom_links = {e.find(f"{ATOM}link").get("href") for e in atom.iter(f"{ATOM}entry")}
    assert atom_links == urls
    rss = ET.parse(publish_site / "feeds" / "all.rss.xml").getroot()
    assert {i.findtext("link") for i in rss.iter("item")} == urls
    sitemap = (publish_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>(.*?)</loc>", sitemap))
    assert urls <= locs
    assert f"{PUBLISH_SITEURL}/" in locs and f"{PUBLISH_SITEURL}/about/" in locs
    robots = (publish_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLISH_SITEURL}/sitemap.xml" in robots


def test_dev_build_has_no_feeds(dev_site):
    assert not (dev_site / "feeds").exists()
    assert not soup_of(dev_site / "index.html").find("link", type="application/atom+xml")
    assert "Sitemap:" not in (dev_site / "robots.txt").read_text(encoding="utf-8")


def test_favicons_and_404(publish_site):
    assert (publish_site / "favicon.svg").read_text().lstrip().startswith("<svg")
    assert (publish_site / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    not_found = soup_of(publish_site / "404.html")
    assert "could not find" in not_found.h1.get_text()


def test_drafts_never_reach_the_publish_build(publish_site, dev_site):
    drafts = draft_sources()
    assert drafts, "the sample site should show how drafts work"
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                           for p in publish_site.rglob("*") if p.is_file()
                           and p.suffix in {".html", ".xml", ".txt"})
    for source in drafts:
        meta = read_meta(source)
        slug = meta.get("slug") or slugify(meta["title"])
        assert slug not in everything, f"draft {source.name} leaked into the publish build"
        assert (dev_site / "drafts" / slug / "index.html").is_file()


# --- escaping and failures, on scratch copies -----------------------------------------

HOSTILE = 'Fear & "Hope" <b>now</b>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-project"))
    (project / "content" / "posts" / "hostile.md").write_text(
        f"Title: {HOSTILE}\nDate: 2026-05-01 10:00\nCategory: Wellbeing\n"
        f"Tags: {HOSTILE}\nSlug: hostile\nSummary: A summary for {HOSTILE.replace('<', '&lt;')}\n\n"
        "Body text.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    return build_or_fail(out, conf=project / "publishconf.py", content=project / "content",
                         env={"SITEURL": PUBLISH_SITEURL}, cwd=project)


def test_hostile_title_stays_text_everywhere(hostile_site):
    page = soup_of(hostile_site / "blog" / "hostile" / "index.html")
    assert page.h1.get_text() == HOSTILE and page.h1.find("b") is None
    assert page.title.get_text().startswith(HOSTILE)
    assert page.find("meta", property="og:title")["content"] == HOSTILE
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["headline"] == HOSTILE and HOSTILE in ld["keywords"]
    raw = (hostile_site / "blog" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<b>now</b>" not in raw
    tag_links = [a.get_text() for a in page.select("a.tag")]
    assert HOSTILE in tag_links
    index = soup_of(hostile_site / "blog" / "index.html")
    assert HOSTILE in [a.get_text() for a in index.select(".card__title a")]
    atom = ET.parse(hostile_site / "feeds" / "all.atom.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")]
    assert HOSTILE in titles
    rss = ET.parse(hostile_site / "feeds" / "all.rss.xml").getroot()
    assert HOSTILE in [i.findtext("title") for i in rss.iter("item")]


def make_html(tmp_path, content, **settings):
    """Run the real `make html` on another content folder and output folder. `settings`
    reach Pelican through PELICANOPTS (-e, JSON values, quoted for the shell); the build
    keeps its content cache to itself, as another test may be building here too."""
    out = tmp_path / "out"
    settings = {"CACHE_PATH": str(tmp_path / "cache"), **settings}
    opts = " ".join(shlex.quote(f"{k}={json.dumps(v)}") for k, v in settings.items())
    return subprocess.run(["make", "-s", "html", f"INPUTDIR={content}", f"OUTPUTDIR={out}",
                           f"PELICANOPTS=-e {opts}"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **SAMPLE_ENV})


def test_make_html_fails_on_an_unreadable_post(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "posts" / "broken-post.md").write_bytes(
        b"Title: Broken\nDate: 2026-05-01\n\n\xff\xfe not UTF-8 \xc3\x28\n")
    result = make_html(tmp_path, project / "content")
    assert result.returncode != 0
    assert "broken-post.md" in result.stdout + result.stderr


def test_make_html_fails_on_a_misspelled_plugin(tmp_path):
    result = make_html(tmp_path, CONTENT, PLUGINS=["stable_sitemap", "emergency_notise"])
    assert result.returncode != 0
    output = " ".join((result.stdout + result.stderr).split())
    assert 'PLUGINS names "emergency_notise"' in output
    assert 'Did you mean "emergency_notice"?' in output
    assert "Traceback" not in output


def test_make_html_names_a_plugin_that_cannot_be_imported(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "plugins" / "feed_titles" / "__init__.py").write_text(
        "import a_library_that_is_not_installed\n", encoding="utf-8")
    result = run_pelican(tmp_path / "out", conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project, launcher=TOOLS_BUILD)
    assert result.returncode != 0
    output = " ".join((result.stdout + result.stderr).split())
    assert 'The plugin "feed_titles" could not be loaded' in output
    assert "a_library_that_is_not_installed" in output
    assert "Did you mean" not in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_build_fails_on_a_template_error(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "theme" / "templates" / "page.html"
    page.write_text(page.read_text().replace("{% block content %}", "{% block content %}{% if %}", 1))
    result = run_pelican(tmp_path / "out", conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project)
    assert result.returncode != 0
    assert "TemplateSyntaxError" in result.stdout + result.stderr
