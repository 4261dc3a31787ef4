"""Each page knows its translations (issue 19): two live builds shared by every case here.

- `qc`: a Québec group practice, French first (`languages = ["fr", "en"]`): the group
  sample in English (every file marked `Lang: en`), and a few French files of this test's
  own: the home, about (`Lang: fr-CA`, a regional form) and fees pages (same `Slug:`),
  one post translating an English one and one French-only post whose title has accents
  and no `Slug:`.
- `us`: the solo sample practice in English and Spanish (`["en", "es"]`): Spanish has a
  home and a fees page and no post, so it gets no blog lists and links none.

On EVERY page of both: `lang`, reciprocal hreflang (every alternate exists and lists the
same set back), the switcher's targets, `canonical` and `og:url` the page's own, JSON-LD
`inLanguage`, and every internal link finds a built file. Then the sitemap's alternates,
the feeds per language, and what is never written (`<slug>-en.html`, other languages'
files on a one-language site).
"""

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from defusedxml import ElementTree
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, SAMPLE, build_or_fail
from tools.pelican_adapter import plugin_module

pytestmark = pytest.mark.xdist_group("language-sites")

DATA = ROOT / "tests" / "data"
SITEURL = {"qc": "https://rivierecalme.example", "us": "https://harborlight.example"}
# What <html lang> each language's pages say, per site (the practice's country decides).
TAGS = {"qc": {"fr": "fr-CA", "en": "en-CA"}, "us": {"en": "en-US", "es": "es-US"}}
DEFAULT = {"qc": "fr", "us": "en"}
NAMES = {"en": "English", "fr": "Français", "es": "Español"}

HOME_FR = """Title: Thérapie en personne et en ligne
Slug: home
Lang: fr
Template: home
Save_as: index.html
URL:
Summary: {{ practice_name }} offre une thérapie attentive et concrète, en personne et en ligne.

## Qui nous aidons

Des adultes qui se sentent épuisés ou coincés. Voir [nos tarifs](fees/).
"""
ABOUT_FR = """Title: À propos
Slug: about
Lang: fr-CA
Summary: Qui nous sommes.

Une pratique de groupe à Montréal. [Notre équipe](../team/).
"""
FEES_FR = """Title: Tarifs
Slug: fees
Lang: fr
Summary: Les tarifs des séances.

Une séance de 55 minutes.
"""
POST_FR = """Title: Un exercice d'ancrage pour les jours difficiles
Date: 2026-07-21 09:00
Category: Wellbeing
Tags: anxiété, self-care
Slug: a-grounding-practice-for-hard-days
Lang: fr
Summary: Un exercice de cinq minutes.

Certains jours, le stress monte.
"""
ONLY_FR = """Title: Été à Montréal
Date: 2026-06-01 09:00
Category: Encouragement
Tags: saisons
Lang: fr
Summary: Un billet en français seulement.

Le soleil revient.
"""
HOME_ES = """Title: Terapia en persona y en línea
Slug: home
Lang: es
Template: home
Save_as: index.html
URL:
Summary: {{ practice_name }} ofrece terapia en persona y en línea.

Adultos que se sienten agotados.
"""
FEES_ES = """Title: Tarifas
Slug: fees
Lang: es
Summary: Las tarifas de las sesiones.

Una sesión de 55 minutos.
"""


def _translated_sample(source, dest):
    """A copy of a sample content folder with every file in English (`Lang: en`) and no
    translated copy of anyone else's (the samples' own .fr.md/.es.md files)."""
    shutil.copytree(source, dest, dirs_exist_ok=True,
                    ignore=lambda _dir, names: [n for n in names
                                                if re.search(r"\.(fr|es)\.md$", n)])
    for path in dest.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"(?m)^Lang:", text.split("\n\n", 1)[0]):
            head, _, body = text.partition("\n")
            path.write_text(f"{head}\nLang: en\n{body}", encoding="utf-8")


def _write(folder, files):
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def _qc(tmp):
    site = tmp / "qc"
    content = site / "content"
    # As make setup lays out a group's content: the group's pages over the sample's.
    _translated_sample(SAMPLE / "content" / "policies", content / "policies")
    _translated_sample(SAMPLE / "group", content)
    _translated_sample(SAMPLE / "content" / "posts", content / "posts")
    _translated_sample(SAMPLE / "content" / "images", content / "images")
    _translated_sample(SAMPLE / "content" / "extra", content / "extra")
    _write(content, {"pages/home.fr.md": HOME_FR, "pages/about.fr.md": ABOUT_FR,
                     "pages/fees.fr.md": FEES_FR, "posts/grounding.fr.md": POST_FR,
                     "posts/ete.fr.md": ONLY_FR})
    practice = (DATA / "answers-qc-group.toml").read_text(encoding="utf-8").replace(
        'languages = ["en", "fr"]', 'languages = ["fr", "en"]')
    assert 'languages = ["fr", "en"]' in practice
    (site / "practice.toml").write_text(practice, encoding="utf-8")
    return site


def _us(tmp):
    site = tmp / "us"
    content = site / "content"
    _translated_sample(SAMPLE / "content", content)
    _write(content, {"pages/home.es.md": HOME_ES, "pages/fees.es.md": FEES_ES,
                     # French, which this site does not list: not built.
                     "posts/grounding.fr.md": POST_FR})
    practice = (SAMPLE / "practice.toml").read_text(encoding="utf-8").replace(
        "[[clinicians]]", 'languages = ["en", "es"]\n\n[[clinicians]]', 1)
    (site / "practice.toml").write_text(practice, encoding="utf-8")
    return site


def _build(site, name):
    out = build_or_fail(site / "output", conf=ROOT / "publishconf.py",
                        content=site / "content",
                        env={"PRACTICE_FILE": str(site / "practice.toml"),
                             "SITEURL": SITEURL[name]})
    return {"name": name, "out": out, "siteurl": SITEURL[name]}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("language-sites")
    return {"qc": _build(_qc(tmp), "qc"), "us": _build(_us(tmp), "us")}


# --- reading a built site -------------------------------------------------------------

def pages_of(site):
    return sorted(site["out"].rglob("*.html"))


def parse(path):
    return LexborHTMLParser(path.read_bytes())


def own_url(site, path):
    """The address a built file is served at."""
    rel = path.relative_to(site["out"]).as_posix()
    return site["siteurl"] + "/" + re.sub(r"(^|/)index\.html$", r"\1", rel)


def file_of(site, url):
    """The built file an internal address serves, or None (not built, or not ours)."""
    parts = urlsplit(url)
    root = urlsplit(site["siteurl"])
    if parts.scheme not in ("http", "https") or parts.netloc != root.netloc:
        return None
    rel = unquote(parts.path).lstrip("/")
    path = site["out"] / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def language_of(site, path):
    """Which language a file is in, by where it lives: /<lang>/ or the default's root."""
    first = path.relative_to(site["out"]).parts[0]
    return first if first in TAGS[site["name"]] and first != DEFAULT[site["name"]] \
        else DEFAULT[site["name"]]


def hreflangs(page):
    return {link.attributes["hreflang"]: link.attributes["href"]
            for link in page.css('link[rel="alternate"][hreflang]')}


@pytest.fixture(scope="module")
def parsed(sites):
    return {name: {path: parse(path) for path in pages_of(site)}
            for name, site in sites.items()}


SITES = ["qc", "us"]


# --- on every page ---------------------------------------------------------------------

@pytest.mark.parametrize("name", SITES)
def test_every_page_says_its_own_language(sites, parsed, name):
    site = sites[name]
    seen = set()
    for path, page in parsed[name].items():
        lang = language_of(site, path)
        tag = TAGS[name][lang]
        assert page.css_first("html").attributes["lang"] == tag, path
        for ld in page.css('script[type="application/ld+json"]'):
            assert json.loads(ld.text())["inLanguage"] == tag, path
        og = page.css_first('meta[property="og:locale"]')
        if og is not None:
            assert og.attributes["content"] == tag.replace("-", "_"), path
        seen.add(lang)
    assert seen == set(TAGS[name])


@pytest.mark.parametrize("name", SITES)
def test_hreflang_is_reciprocal_and_every_alternate_exists(sites, parsed, name):
    site = sites[name]
    pages = parsed[name]
    translated = 0
    for path, page in pages.items():
        found = hreflangs(page)
        if not found:
            continue
        translated += 1
        here = own_url(site, path)
        tags = set(TAGS[name].values())
        # Itself among them, x-default, and only the site's languages.
        assert found[TAGS[name][language_of(site, path)]] == here, path
        assert "x-default" in found and set(found) - {"x-default"} <= tags, found
        assert len(found) >= 3
        for tag, url in found.items():
            other = file_of(site, url)
            assert other is not None, (path, tag, url)
            assert hreflangs(pages[other]) == found, (path, other)
            if tag != "x-default":
                assert language_of(site, other) == {v: k for k, v in
                                                    TAGS[name].items()}[tag]
        default = DEFAULT[name]
        if TAGS[name][default] in found:
            assert found["x-default"] == found[TAGS[name][default]]
        # og:locale:alternate names the other languages, where a page has Open Graph.
        if page.css_first('meta[property="og:locale"]') is not None:
            alternates = {m.attributes["content"] for m in
                          page.css('meta[property="og:locale:alternate"]')}
            mine = TAGS[name][language_of(site, path)]
            assert alternates == {t.replace("-", "_") for t in found
                                  if t not in ("x-default", mine)}
    assert translated >= {"qc": 10, "us": 4}[name]


@pytest.mark.parametrize("name", SITES)
def test_the_switcher_links_the_matching_page_or_the_other_language_home(
        sites, parsed, name):
    site = sites[name]
    for path, page in parsed[name].items():
        if path.name == "404.html":
            continue
        nav = page.css("nav.language-switcher")
        assert len(nav) == 1, path
        assert nav[0].attributes["aria-label"]  # its name, from the catalog
        found = hreflangs(page)
        lang = language_of(site, path)
        links = nav[0].css("a")
        assert [a.attributes["lang"] for a in links] == [
            t for code, t in TAGS[name].items() if code != lang]
        for link in links:
            tag = link.attributes["lang"]
            assert link.attributes["hreflang"] == tag
            code = tag.split("-")[0]
            assert link.text().strip() == NAMES[code]
            target = file_of(site, urljoin(own_url(site, path), link.attributes["href"]))
            assert target is not None, (path, link.attributes["href"])
            assert language_of(site, target) == code
            if tag in found:
                assert urljoin(own_url(site, path), link.attributes["href"]) == found[tag]
            else:  # no copy: that language's home
                home = "" if code == DEFAULT[name] else f"{code}/"
                assert target == site["out"] / home / "index.html", (path, target)


@pytest.mark.parametrize("name", SITES)
def test_canonical_and_og_url_are_the_page_own(sites, parsed, name):
    site = sites[name]
    for path, page in parsed[name].items():
        if path.name == "404.html":
            continue
        here = own_url(site, path)
        assert page.css_first('link[rel="canonical"]').attributes["href"] == here, path
        og = page.css_first('meta[property="og:url"]')
        if og is not None:
            assert og.attributes["content"] == here, path


@pytest.mark.parametrize("name", SITES)
def test_every_internal_link_finds_a_page(sites, parsed, name):
    site = sites[name]
    checked = 0
    for path, page in parsed[name].items():
        base = own_url(site, path)
        for node in page.css("a[href], link[href]"):
            href = node.attributes["href"]
            url = urljoin(base, href)
            if urlsplit(url).netloc != urlsplit(site["siteurl"]).netloc:
                continue
            assert file_of(site, url) is not None, (path.relative_to(site["out"]), href)
            checked += 1
    assert checked > 500


# --- what each language gets -----------------------------------------------------------

def test_each_language_with_posts_has_its_own_lists(sites):
    out = sites["qc"]["out"]
    for lists in ("blog/", "blog/categories/", "blog/tags/", "blog/authors/",
                  "blog/archives/", "blog/category/encouragement/", "team/"):
        for prefix in ("", "en/"):
            assert (out / prefix / lists / "index.html").is_file(), prefix + lists
    # Each list holds its own language's posts: the French blog lists the French ones.
    french = parse(out / "blog" / "index.html")
    titles = {a.text().strip() for a in french.css(".card__title a")}
    assert titles == {"Un exercice d'ancrage pour les jours difficiles", "Été à Montréal"}
    english = parse(out / "en" / "blog" / "index.html")
    hrefs = [a.attributes["href"] for a in english.css(".card__title a")]
    assert hrefs and all(h.startswith(sites["qc"]["siteurl"] + "/en/blog/") for h in hrefs)
    # A topic only French posts have is a French page only; one of both languages, both.
    assert (out / "blog" / "tag" / "saisons" / "index.html").is_file()
    assert not (out / "en" / "blog" / "tag" / "saisons").exists()
    assert (out / "en" / "blog" / "tag" / "self-care" / "index.html").is_file()


def test_slugs_are_ascii_with_accents_folded(sites):
    out = sites["qc"]["out"]
    assert (out / "blog" / "ete-a-montreal" / "index.html").is_file()
    assert (out / "blog" / "tag" / "anxiete" / "index.html").is_file()
    for path in out.rglob("*"):
        assert path.relative_to(out).as_posix().isascii(), path


def test_no_translation_is_written_beside_its_original(sites):
    for site in sites.values():
        names = [p.name for p in site["out"].rglob("*.html")]
        assert not [n for n in names if re.search(r"-(en|fr|es)\.html$", n)], names
        assert (site["out"] / "index.html").is_file()
        assert (site["out"] / sorted(set(TAGS[site["name"]]) - {DEFAULT[site["name"]]})[0]
                / "index.html").is_file()


def test_a_language_without_posts_gets_no_blog_and_links_the_built_one(sites, parsed):
    site = sites["us"]
    out = site["out"]
    assert not (out / "es" / "blog").exists()
    assert not (out / "fr").exists()  # a language the site does not list
    assert (out / "es" / "team" / "index.html").is_file()
    page = parsed["us"][out / "es" / "fees" / "index.html"]
    menu = {a.text().strip(): a.attributes["href"] for a in page.css("nav.site-nav a")}
    blog = [href for href in menu.values() if urljoin(own_url(site, out / "es" / "fees"
                                                              / "index.html"), href)
            == site["siteurl"] + "/blog/"]
    assert len(blog) == 1, menu  # the English blog, which is built
    fees = [href for href in menu.values() if href.endswith("/es/fees/")]
    assert len(fees) == 1, menu  # and the Spanish fees page, its own copy


def test_the_sitemap_lists_each_page_alternates(sites):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    for site in sites.values():
        root = ElementTree.parse(site["out"] / "sitemap.xml").getroot()
        listed = {}
        for url in root.findall("s:url", ns):
            loc = url.find("s:loc", ns).text
            listed[loc] = {link.get("hreflang"): link.get("href")
                           for link in url.findall("x:link", ns)}
        with_alternates = {loc: links for loc, links in listed.items() if links}
        assert len(with_alternates) >= 4
        for loc, links in with_alternates.items():
            assert links[TAGS[site["name"]][language_of(site, file_of(site, loc))]] == loc
            for tag, href in links.items():
                assert listed.get(href) == links, (loc, tag, href)
        # Every page's hreflang in the sitemap is the one its head says.
        for loc, links in listed.items():
            page = parse(file_of(site, loc))
            assert hreflangs(page) == links, loc


def test_each_language_has_its_own_feed(sites):
    site = sites["qc"]
    atom = "{http://www.w3.org/2005/Atom}"
    for prefix, lang, count in (("", "fr", 2), ("en/", "en", 9)):
        feed = ElementTree.parse(site["out"] / prefix / "feeds" / "all.atom.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        links = [e.find(f"{atom}link").get("href") for e in feed.findall(f"{atom}entry")]
        assert len(links) == count, links
        for link in links:
            assert language_of(site, file_of(site, link)) == lang
        # Each language's pages name their own feed.
        home = parse(site["out"] / prefix / "index.html")
        assert home.css_first('link[type="application/atom+xml"]').attributes["href"] == (
            site["siteurl"] + "/" + prefix + "feeds/all.atom.xml")


# --- the guard keeps the sitemap's alternates and nothing else of XHTML's ---------------

SITEMAP = ('<?xml version="1.0" encoding="utf-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n<url><loc>https://a.example/</loc>'
           '\n{}\n</url>\n</urlset>\n')


@pytest.mark.parametrize("link", [
    '<xhtml:link rel="alternate" hreflang="fr-CA" href="https://a.example/"/>',
    '<xhtml:link rel="alternate" hreflang="x-default" href="https://a.example/en/"/>',
    '<xhtml:link href="/en/blog/" hreflang="en-CA" rel="alternate"/>',  # the preview's
])
def test_the_guard_keeps_a_sitemap_language_alternate(link):
    assert _xml_problems(SITEMAP.format(link)) == []


@pytest.mark.parametrize("link", [
    '<xhtml:link rel="stylesheet" hreflang="fr" href="https://evil.example/a.css"/>',
    '<xhtml:link rel="alternate stylesheet" hreflang="fr" href="https://a.example/"/>',
    '<xhtml:link rel="Alternate" hreflang="fr" href="https://a.example/"/>',
    '<xhtml:link rel="alternate" href="https://a.example/"/>',
    '<xhtml:link rel="alternate" hreflang="fr" href="https://a.example/" type="text/css"/>',
    '<xhtml:link rel="alternate" hreflang="fr" href="javascript:alert(1)"/>',
    '<xhtml:link rel="alternate" hreflang="fr" href=" javascript:alert(1)"/>',
    '<xhtml:link rel="alternate" hreflang="fr" href="//evil.example/"/>',
    '<xhtml:link rel="alternate" hreflang="fr" href="data:text/html,x"/>',
    '<xhtml:link xmlns:x="http://www.w3.org/1999/xlink" rel="alternate" hreflang="fr" '
    'href="https://a.example/" x:href="https://evil.example/"/>',
    '<xhtml:script>alert(1)</xhtml:script>',
    '<xhtml:a href="https://a.example/">a</xhtml:a>',
    '<x:link xmlns:x="http://www.w3.org/2000/svg" rel="alternate" hreflang="fr" '
    'href="https://a.example/"/>',
])
def test_the_guard_refuses_anything_else_of_xhtml_in_a_sitemap(link):
    assert _xml_problems(SITEMAP.format(link)), link


def _xml_problems(text):
    svg_audit = plugin_module("privacy_guard.svg_audit")
    events, problem = svg_audit.read_xml(text.encode())
    assert problem is None, problem
    return list(svg_audit.audit_xml_events(events))


def test_older_newer_and_related_posts_stay_in_the_post_language(sites, parsed):
    site = sites["qc"]
    seen = 0
    for path, page in parsed["qc"].items():
        for link in page.css(".related-posts a, .post-nav a"):
            target = file_of(site, urljoin(own_url(site, path), link.attributes["href"]))
            assert language_of(site, target) == language_of(site, path), (path, target)
            seen += 1
    assert seen > 10


def test_a_home_page_lists_its_own_language_posts_only(sites, parsed):
    for name, prefix, expected in (("qc", "", "fr"), ("qc", "en/", "en"),
                                   ("us", "", "en"), ("us", "es/", None)):
        site = sites[name]
        path = site["out"] / prefix / "index.html"
        cards = parsed[name][path].css(".latest .card__title a")
        if expected is None:  # Spanish has no posts: no "recent posts" at all
            assert cards == [] and parsed[name][path].css_first(".latest") is None
            continue
        assert len(cards) == 2 if expected == "fr" else len(cards) == 3
        for card in cards:
            target = file_of(site, urljoin(own_url(site, path), card.attributes["href"]))
            assert language_of(site, target) == expected


def test_a_regional_lang_is_its_language_and_finds_its_translation(sites, parsed):
    # about.fr.md says `Lang: fr-CA`: a French page at /about/, the English one's copy.
    site = sites["qc"]
    found = hreflangs(parsed["qc"][site["out"] / "about" / "index.html"])
    assert found == {"fr-CA": site["siteurl"] + "/about/",
                     "en-CA": site["siteurl"] + "/en/about/",
                     "x-default": site["siteurl"] + "/about/"}
