"""`make setup ANSWERS=...` for a practice in two languages, then `make html`, once each:
a French/English Québec practice (tests/data/answers-qc-fr-en.toml, French first by
Québec's default) and a Spanish/English US one (answers-us-es-en.toml).

Setup copies the samples of the practice's languages only (the English files and their
`*.fr.md` / `*.es.md` translations) and the US-only policies only for the US. On every
page of both sites: its language, its policies' words, reciprocal hreflang, the
switcher's targets, and no English string of the catalogs on a French or Spanish page.
"""

from urllib.parse import unquote, urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT
from tools.pelican_adapter import plugin_module
from tests.test_setup import DATA, fresh_clone, make

catalogs = plugin_module("languages.catalogs")
translations = __import__("tools.translations", fromlist=["extract"])
REGIONS = plugin_module("emergency_notice.regions").load_regions()
FOLDER = ROOT / "theme" / "translations"

# A page and two policies (one US-only) whose French and Spanish samples setup copies.
STEMS = ["pages/fees", "policies/social-media", "policies/good-faith-estimate"]


def header(path):
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {k.strip().lower(): v.strip() for k, _, v in
            (line.partition(":") for line in head.splitlines())}


# Their titles in each language, read from the kit's sample files.
TRANSLATIONS = {stem: {lang: header(path)["title"] for lang in ("fr", "es")
                       for path in [ROOT / "sample" / "content" / f"{stem}.{lang}.md"]
                       if path.is_file()} for stem in STEMS}


def set_up(tmp, answers):
    project = fresh_clone(tmp)
    result = make(project, "setup", f"ANSWERS={DATA / answers}")
    assert result.returncode == 0, result.stdout + result.stderr
    said = result.stdout
    result = make(project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {}
    for path in sorted((project / "output").rglob("*.html")):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        lang = (tree.css_first("html").attributes.get("lang") or "")
        pages[path.relative_to(project / "output").as_posix()] = (lang, tree)
    return {"project": project, "said": said, "pages": pages,
            "out": (project / "output").resolve()}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    return {"qc": set_up(tmp_path_factory.mktemp("qc"), "answers-qc-fr-en.toml"),
            "us": set_up(tmp_path_factory.mktemp("us"), "answers-us-es-en.toml")}


def copied(site):
    content = site["project"] / "content"
    return sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))


def test_quebec_setup_makes_french_first_and_copies_french_and_english_only(sites):
    site = sites["qc"]
    assert "French comes first" in site["said"]  # Québec's default, and why
    toml = (site["project"] / "practice.toml").read_text(encoding="utf-8")
    assert 'languages = ["fr", "en"]' in toml
    files = copied(site)
    assert "pages/fees.fr.md" in files and "policies/social-media.fr.md" in files
    assert "pages/fees.md" in files and "policies/social-media.md" in files
    assert not [f for f in files if f.endswith(".es.md")], files
    assert not [f for f in files if "good-faith" in f], files  # US-only: not in Canada


def test_us_setup_copies_spanish_and_english_and_the_us_policy_in_both(sites):
    files = copied(sites["us"])
    assert "pages/fees.es.md" in files and "policies/good-faith-estimate.es.md" in files
    assert "policies/good-faith-estimate.md" in files
    assert not [f for f in files if f.endswith(".fr.md")], files


@pytest.mark.parametrize("name, first, other", [("qc", "fr", "en"), ("us", "es", "en")])
def test_every_page_is_in_a_language_of_the_practice_with_its_own_policy_words(
        sites, name, first, other):
    site = sites[name]
    country = "CA" if name == "qc" else "US"
    locales = {lang: plugin_module("practice.answers").locale_of(lang, country)
               for lang in (first, other)}
    seen = set()
    for page, (lang, tree) in site["pages"].items():
        if page.startswith("drafts/"):
            continue
        code = lang.split("-")[0]
        assert lang == locales[code].replace("_", "-"), page
        words = catalogs.load(FOLDER, catalogs.catalog_name(locales[code]))
        navs = tree.css(f'footer nav[aria-label="{words.gettext("Policies")}"]')
        assert len(navs) == 1, page
        titles = {a.text() for a in navs[0].css("a")}
        own = TRANSLATIONS["policies/social-media"].get(code)
        if own:
            assert own in titles, page  # the page's language's policy, not the English
            assert "Social media policy" not in titles, page
        seen.add(code)
    assert seen == {first, other}


def test_setup_can_be_answered_in_french(tmp_path):
    """The first question is the language of the others: answered `fr`, every question
    and message that follows is the French catalog's, and French answers (oui, non, moi
    seul) count. Expected words are read from the catalog, not written here."""
    import sys

    from conftest import run_python
    from tests.test_setup import clean_env
    A = plugin_module("practice.answers")
    S = plugin_module("practice.setup_texts")
    t = catalogs.load(FOLDER, "fr")
    project = fresh_clone(tmp_path)
    answers = {"practice_name": "Cabinet Boréal", "country": "CA", "region": "ON",
               "languages": "fr, en", "keep_sample_posts": "peut-être\n" + t.gettext("no"),
               "email": "pas-une-adresse\n"}  # refused, in French; then left empty
    # A language setup does not speak is asked again, in every language it does.
    typed = ["deutsch", "fr"] + [answers.get(key, "") for key in A.KEYS
                                 if key not in A.US_ONLY]
    typed.append(t.gettext(S.JUST_ME))
    clinician = {"name": "Élise Boucher", "credentials": "M.A.",
                 "job_title": "Psychothérapeute", "accepting_new_clients": t.gettext("yes")}
    typed += [clinician.get(key, "") for key in A.CLINICIAN_KEYS if key != "photo_alt"]
    result = run_python([sys.executable, "-m", "tools.practice_setup", "--project",
                         str(project)], input="\n".join(typed) + "\n", env=clean_env(),
                        timeout=120)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    for said in (S.INTRO, S.ABOUT_YOU, S.YES_OR_NO, A.KEYS["practice_name"][2],
                 A.CLINICIAN_KEYS["accepting_new_clients"][2]):
        assert t.gettext(said) != said and t.gettext(said) in out, said
        assert said not in out, said  # not in English
    assert S.CHOOSE_AGAIN in out
    assert t.gettext(A.BAD_EMAIL) % {"where": "email", "value": "'pas-une-adresse'"} in out
    assert t.gettext(S.WROTE) % {"file": "practice.toml"} in out
    assert t.gettext(S.NEXT).splitlines()[0] in out
    written = (project / "practice.toml").read_text(encoding="utf-8")
    assert "keep_sample_posts = false" in written and 'languages = ["fr", "en"]' in written
    assert "accepting_new_clients = true" in written
    # The profile to write is in the site's first language, French.
    profile = (project / "content" / "team" / "elise-boucher.md").read_text(encoding="utf-8")
    assert t.gettext(S.PROFILE_TO_WRITE) % {"name": "Élise Boucher"} in profile


def target_of(site, page, href):
    """The built page (its path in output/) an address on `page` leads to, or None."""
    parts = urlsplit(urljoin("/" + page, href))
    if parts.scheme or parts.netloc:
        return None
    rel = unquote(parts.path).lstrip("/")
    path = site["out"] / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path.relative_to(site["out"]).as_posix() if path.is_file() else None


def alternates(site, page):
    tree = site["pages"][page][1]
    return {link.attributes["hreflang"]: target_of(site, page, link.attributes["href"])
            for link in tree.css('link[rel="alternate"][hreflang]')}


@pytest.mark.parametrize("name", ["qc", "us"])
def test_every_page_links_its_translations_both_ways_and_the_switcher_lands(sites, name):
    site = sites[name]
    linked = 0
    for page, (lang, tree) in site["pages"].items():
        if page.startswith("drafts/"):
            continue
        found = alternates(site, page)
        assert None not in found.values(), (page, found)  # every alternate is built
        if found:
            linked += 1
            assert found[lang] == page and "x-default" in found, (page, found)
            for tag, other in found.items():
                assert alternates(site, other) == found, (page, other)  # points back
                if tag != "x-default":
                    assert site["pages"][other][0] == tag, (page, other)
        links = tree.css("nav.language-switcher a")
        assert len(links) == 1, page  # the one other language
        for link in links:
            to = target_of(site, page, link.attributes["href"])
            assert to is not None, (page, link.attributes["href"])
            assert link.attributes["hreflang"] == link.attributes["lang"] \
                == site["pages"][to][0], (page, to)
    assert linked >= 10


@pytest.mark.parametrize("name", ["qc", "us"])
def test_no_english_catalog_string_on_a_french_or_spanish_page(sites, name):
    from tests.test_languages import CONTENT, _english_fragments
    site = sites[name]
    extracted = translations.extract()  # every string the theme and plugins write
    checked, words = 0, {}  # each language's English words, worked out once
    for page, (lang, tree) in site["pages"].items():
        if lang.startswith("en") or page.startswith("drafts/"):
            continue
        if lang not in words:
            words[lang] = _english_fragments(catalogs.load(
                FOLDER, catalogs.catalog_name(lang.replace("-", "_"))), extracted)
        wholes, fragments = words[lang]
        tree = LexborHTMLParser(tree.html)
        labels = [n.attributes.get(a) or "" for a in ("aria-label", "title", "alt")
                  for n in tree.css(f"[{a}]")]
        for selector in CONTENT:
            for node in tree.css(selector):
                node.decompose()
        texts = [" ".join(t.split()) for t in tree.body.text(separator="\n").split("\n")]
        for text in [t for t in texts if t] + labels:
            assert text not in wholes, (page, text)
            found = [f for f in fragments if f in text]
            assert not found, (page, text, found)
            checked += 1
    assert checked > 200
