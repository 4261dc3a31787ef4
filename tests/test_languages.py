"""The site in French and in Spanish: every word the theme and the plugins write comes from
the catalogs, dates and lists are Babel's, and each page says its own language.

Two builds of the sample, shared by every case here: a French site (languages =
["fr", "en"]: the sample in French, plus one post of its own marked `Lang: en`, the
English site's only post, which gives English its own lists under /en/) and a Spanish one
(["es"]). What "English" means is read from the catalogs, not
from a word list: every catalog string whose translation differs must not show as is.
"""

import re
import shutil
from datetime import datetime

import pytest
from babel.dates import format_date, format_skeleton
from babel.messages.catalog import Catalog
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, SAMPLE, build_or_fail
from tools.pelican_adapter import plugin_module
from tools import translations
from tools.checks.site import SiteChecks

load_regions = plugin_module("emergency_notice.regions").load_regions
catalogs = plugin_module("languages.catalogs")
A = plugin_module("practice.answers")
origin_of = plugin_module("privacy_guard.urls").origin_of

# Under `make test` (xdist, --dist loadgroup) every case here runs on one worker, so each
# language's site is built once, not once per worker.
pytestmark = pytest.mark.xdist_group("languages")

REGIONS = load_regions()
FOLDER = ROOT / "theme" / "translations"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|<[^>]+>")
# What a practice writes (its pages, posts, names, answers) is not the theme's: these
# parts of a page hold it, and are left out of the "no English word" rule.
CONTENT = (".prose", ".hero__lede", ".card__summary", ".card__title", ".quote-card", "h1",
           "title", ".policy-nav a", ".policy-notice__title", ".policy-notice p:first-of-type",
           ".eyebrow a", ".card__meta a", ".tag", ".clinician__title", ".clinician__name",
           ".archive-list a", ".related-posts li", ".term-list a", ".draft-list li",
           ".brand", ".site-footer__contact p", ".site-footer__registration",
           ".clinician__facts dd", "script", "style", "svg", "code",
           # Words marked as another language's (the switcher's "English"): not the page's.
           "body [lang]")
ENGLISH_POST = """Title: A note in English
Date: 2026-03-05 10:00
Category: Encouragement
Lang: en
Slug: a-note-in-english

A short post in English on a French site, with the crisis lines:

{{ crisis_lines }}
"""


def _site(tmp, language, extra_post=False):
    practice = tmp / f"practice-{language}.toml"
    languages = f'"{language}", "en"' if extra_post else f'"{language}"'
    practice.write_text((SAMPLE / "practice.toml").read_text(encoding="utf-8").replace(
        "[[clinicians]]", f'languages = [{languages}]\n\n[[clinicians]]', 1),
        encoding="utf-8")
    # The English sample as the site's own language (its `Lang: en` lines taken out, its
    # translated copies left behind): the theme's words around it must all be French or
    # Spanish, whatever language the sample's own text is in.
    content = tmp / f"content-{language}"
    shutil.copytree(SAMPLE / "content", content, ignore=lambda _dir, names: [
        n for n in names if re.search(r"\.(fr|es)\.md$", n)])
    for path in content.rglob("*.md"):
        head, sep, body = path.read_text(encoding="utf-8").partition("\n\n")
        head = "\n".join(line for line in head.split("\n")
                         if not re.fullmatch(r"Lang:\s*en\s*", line))
        path.write_text(head + sep + body, encoding="utf-8")
    if extra_post:
        (content / "posts" / "a-note-in-english.md").write_text(ENGLISH_POST, encoding="utf-8")
    out = build_or_fail(tmp / f"out-{language}", content=content,
                        env={"PRACTICE_FILE": str(practice)})
    locale = A.locale_of(language, "US")  # the sample practice is in the US
    return {"out": out, "lang": language, "locale": locale,
            "t": catalogs.load(FOLDER, catalogs.catalog_name(locale))}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("languages")
    return {"fr": _site(tmp, "fr", extra_post=True), "es": _site(tmp, "es")}


def pages_of(site):
    return sorted(p for p in site["out"].rglob("*.html") if "drafts" not in p.parts)


def tree(path):
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def in_english(path):
    # The English site of the French one lives under /en/ (its post and its lists).
    return "en" in path.parts


# --- the catalogs -------------------------------------------------------------------

def test_every_string_has_a_translation_in_every_language():
    template = translations.extract()
    ids = {m.id for m in template if m.id}
    contexts = {m.context for m in template if m.context}
    # Each source is read: templates, plugin code, pelicanconf.py's menu, region data.
    assert {"Skip to main content", "Share this post", "Policies", "About",
            "In an emergency", "go to the nearest A&E"} <= ids
    assert ("%(count)s min read", "%(count)s min read") in ids
    assert {"ca-988", "qc-811", "us-988 note", "country words"} <= contexts
    for language in translations.LANGUAGES:
        catalog = translations.read(language)
        assert translations.missing(template, catalog) == [], language
        assert catalogs.problems(catalog, language) == []  # each can be filled in


def test_a_string_without_a_translation_is_reported():
    template = Catalog()
    template.add("Share this post")
    template.add(("%(count)s post", "%(count)s posts"))
    template.add("Samaritans", context="gb-samaritans")
    catalog = Catalog(locale="fr")
    catalog.add("Share this post", "", flags=["fuzzy"])           # fuzzy: not reviewed
    catalog.add(("%(count)s post", "%(count)s posts"), ("%(count)s billet", ""))
    catalog.add("Samaritans", "Samaritans")                       # wrong context
    assert translations.missing(template, catalog) == [
        (None, "Share this post"), (None, ("%(count)s post", "%(count)s posts")),
        ("gb-samaritans", "Samaritans")]
    catalog = Catalog(locale="fr")
    catalog.add("Share this post", "Partager ce billet")
    catalog.add(("%(count)s post", "%(count)s posts"), ("%(count)s billet", "%(count)s billets"))
    catalog.add("Samaritans", "Samaritans", context="gb-samaritans")
    assert translations.missing(template, catalog) == []


def _english_fragments(t, template):
    """(whole strings, longer fragments) of every catalog string whose translation in `t`
    differs: a page in that language shows neither."""
    wholes, fragments = set(), set()
    for message in template:
        if not message.id:
            continue
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.context:
            translated = t.pgettext(message.context, singular)
        elif isinstance(message.id, tuple):
            translated = t.ngettext(*message.id, 5)
            singular = message.id[1]
        else:
            translated = t.gettext(singular)
        if translated == singular:
            continue  # the same in both languages ("Blog" in Spanish, "Samaritans")
        for part in PLACEHOLDER.split(singular):
            part = " ".join(part.split()).strip(" .,:;")
            # A proper name the translation keeps ("988 Suicide & Crisis Lifeline") is
            # the translation's own word.
            if len(part) >= 3 and part.lower() not in translated.lower():
                (fragments if " " in part else wholes).add(part)
    return wholes, fragments


@pytest.mark.parametrize("language", ["fr", "es"])
def test_no_english_catalog_string_on_any_page(sites, language):
    site = sites[language]
    wholes, fragments = _english_fragments(site["t"], translations.extract())
    assert len(wholes) > 20 and len(fragments) > 50
    checked = 0
    for path in pages_of(site):
        if in_english(path):
            continue
        page = tree(path)
        labels = [n.attributes.get(a) or "" for a in ("aria-label", "title", "alt")
                  for n in page.css(f"[{a}]")]
        written = set()  # the practice's own words, also where the theme quotes them
        for selector in CONTENT:
            for node in page.css(selector):
                written.add(" ".join(node.text().split()))
                node.decompose()
        written = sorted((w for w in written if len(w) > 2), key=len, reverse=True)
        body = page.body
        texts = [" ".join(t.split()) for t in body.text(separator="\n").split("\n")]
        for text in [t for t in texts if t] + labels:
            for words in written:
                text = text.replace(words, " ")
            assert text not in wholes, (path, text)
            found = [f for f in fragments if f in text]
            assert not found, (path.relative_to(site["out"]), text, found)
            checked += 1
    assert checked > 500


# --- each page's language -----------------------------------------------------------

@pytest.mark.parametrize("language", ["fr", "es"])
def test_each_page_says_its_language_and_keeps_the_contracts_in_it(sites, language):
    site = sites[language]
    t = site["t"]
    expected = site["locale"].replace("_", "-")
    articles = 0
    for path in pages_of(site):
        page = tree(path)
        english = in_english(path)
        words = catalogs.SOURCE if english else t
        assert page.css_first("html").attributes["lang"] == ("en-US" if english else expected)
        skip = page.css_first("a.skip-link")
        assert skip.text() == words.gettext("Skip to main content")
        notice = page.css("#emergency-notice")
        assert len(notice) == 1
        assert notice[0].attributes["aria-label"] == words.gettext("Emergency help")
        text = " ".join(notice[0].text().split())
        assert words.gettext("In an emergency") in text
        assert words.pgettext("us-988", "Suicide & Crisis Lifeline") in text
        assert words.pgettext("us-988 note", "press 2 or text AYUDA for Spanish") in text
        assert words.gettext("call %(number)s") % {"number": "911"} in text
        assert [a.attributes["href"] for a in notice[0].css("a")][:2] == ["tel:911", "tel:988"]
        navs = page.css(f'footer nav[aria-label="{words.gettext("Policies")}"]')
        assert len(navs) == 1, path
        share = page.css_first("nav.share-buttons")
        if page.css_first("article.post") and "blog" in path.parts and share is None:
            assert "Share" not in path.read_text(encoding="utf-8")
        if share is not None:
            articles += 1
            assert share.attributes["aria-label"] == words.gettext("Share this post")
            for link in share.css("a"):
                name = link.text().strip()
                assert link.attributes["aria-label"] == (
                    words.gettext("Share on %(network)s") % {"network": name})
            assert share.css("a")[-1].text().strip() == words.gettext("Email")
        for ld in page.css('script[type="application/ld+json"]'):
            assert f'"inLanguage": "{"en-US" if english else expected}"' in ld.text()
        og = page.css_first('meta[property="og:locale"]')
        if og is not None:
            assert og.attributes["content"] == ("en_US" if english else site["locale"])
    assert articles >= 5


def test_a_post_in_another_language_than_the_site_has_its_own_words(sites):
    path, = [p for p in pages_of(sites["fr"]) if "a-note-in-english" in p.parts]
    page = tree(path)
    assert page.css_first("html").attributes["lang"] == "en-US"
    assert "min read" in page.css_first(".post__reading").text()
    assert page.css_first("time").text() == "March 5, 2026"
    # The kit's sentences in its body (a placeholder) follow the post's language too.
    assert "In danger right now?" in page.css_first(".prose .crisis-lines").text()
    assert path == sites["fr"]["out"] / "en" / "blog" / "a-note-in-english" / "index.html"
    # The lists around it are the English site's; the French blog does not list it.
    blog = tree(sites["fr"]["out"] / "en" / "blog" / "index.html")
    assert blog.css_first("html").attributes["lang"] == "en-US"
    assert [a.text() for a in blog.css(".card__title a")] == ["A note in English"]
    french = tree(sites["fr"]["out"] / "blog" / "index.html")
    assert french.css_first("html").attributes["lang"] == "fr-FR"
    assert "A note in English" not in french.text()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_dates_are_in_the_page_language_and_machine_dates_stay_iso(sites, language):
    site = sites[language]
    english_months = {"January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December"}
    shown = 0
    for path in pages_of(site):
        if in_english(path):
            continue
        archive = path.parent.name == "archives"
        for time in tree(path).css("time"):
            moment = datetime.fromisoformat(time.attributes["datetime"])  # ISO, as before
            text = time.text().strip()
            if archive:
                assert text == format_skeleton("MMMMd", moment, locale=site["locale"])
            else:
                assert text == format_date(moment, "long", locale=site["locale"])
            assert not set(text.split()) & english_months, (path, text)
            shown += 1
    assert shown > 20
    one = tree(site["out"] / "blog" / "a-grounding-practice-for-hard-days" / "index.html")
    # The hand-checked forms: "21 juillet 2026", "21 de julio de 2026".
    assert one.css_first("time").text() == {"fr": "21 juillet 2026",
                                            "es": "21 de julio de 2026"}[language]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_counts_use_the_language_plural_forms(sites, language):
    site, t = sites[language], sites[language]["t"]
    page = tree(site["out"] / "blog" / "authors" / "index.html")
    counts = [" ".join(n.text().split()) for n in page.css(".count")]
    assert counts
    for count in counts:
        number = int(re.search(r"\d+", count).group())
        assert count == "(" + t.ngettext("%(count)s post", "%(count)s posts", number) % {
            "count": number} + ")"
    post = tree(site["out"] / "blog" / "a-grounding-practice-for-hard-days" / "index.html")
    minutes = int(re.search(r"\d+", post.css_first(".post__reading").text()).group())
    assert t.ngettext("%(count)s min read", "%(count)s min read", minutes) % {
        "count": minutes} in post.css_first(".post__reading").text()


def test_the_resources_page_lists_the_lines_in_the_page_language(sites):
    for language, site in sites.items():
        t = site["t"]
        lines = " ".join(tree(site["out"] / "resources" / "index.html")
                         .css_first(".crisis-lines").text().split())
        assert t.gettext("In danger right now?") in lines
        assert t.pgettext("us-crisis-text-line", "Crisis Text Line") in lines
        assert (t.gettext("In %(languages)s.") % {"languages": t.gettext(
            "%(items)s and %(last)s") % {"items": t.pgettext("language", "English"),
                                         "last": t.pgettext("language", "Spanish")}}) in lines


@pytest.mark.parametrize("language", ["fr", "es"])
def test_make_check_finds_the_policy_nav_by_its_name_in_the_page_language(sites, language):
    def nav_findings(pages):
        """make check's policy-nav findings for `pages` ({rel: html}), each page handed
        over parsed, as the privacy audit's page_parsed signal does."""
        site = SiteChecks(sites[language]["out"], "https://site.example", origin_of)
        for rel, html in pages.items():
            data = html.encode()
            site.page(rel, LexborHTMLParser(data), data)
        return [f for f in site.finish() if f["check"] == "policy-nav"]

    out = sites[language]["out"]
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
             for p in pages_of(sites[language])}
    assert nav_findings(pages) == []
    rel, html = next(iter(pages.items()))
    broken = html.replace(f'aria-label="{sites[language]["t"].gettext("Policies")}"',
                          'aria-label="Policies"')
    assert broken != html
    # The English name on a page in another language is not its policy nav.
    assert [f["page"] for f in nav_findings({rel: broken})] == [rel]


# --- the answer -----------------------------------------------------------------------

def _answers(**extra):
    raw = {"practice_name": "Clinique", "country": "CA", "region": "QC",
           "privacy_officer": "Directrice", "privacy_officer_contact": "a@b.example",
           "clinicians": [{"name": "Sophie Tremblay", "credentials": "M.Ps.",
                           "job_title": "Psychologue", "accepting_new_clients": True}],
           **extra}
    return A.check(raw, REGIONS)


def test_a_quebec_practice_is_offered_french_first_and_told_why():
    answers = _answers()
    assert answers["languages"] == ["en"]  # an existing file keeps its English site...
    assert answers["proposed_languages"] == ["fr", "en"]  # ...setup writes French first
    assert any("Charter of the French language" in note for note in answers["notes"])
    wanted, why = A.default_languages(REGIONS["CA-QC"])
    assert wanted == ["fr", "en"] and "French" in why
    settings = A.settings_from(_answers(languages=["fr", "en"]), REGIONS)
    assert settings["DEFAULT_LANG"] == "fr"
    assert settings["LANGUAGES"] == ["fr", "en"]
    assert settings["LOCALES"] == {"fr": "fr_CA", "en": "en_CA", "es": "es_ES"}
    assert "\nlanguages = [\"fr\", \"en\"]\n" in A.dump(_answers(languages="fr, en"), REGIONS)
    # Elsewhere in Canada: English alone, no note.
    ontario = A.check({"practice_name": "Clinic", "country": "CA", "region": "ON",
                       "clinicians": [{"name": "Sam Lee", "credentials": "RP",
                                       "job_title": "Psychotherapist",
                                       "accepting_new_clients": True}]}, REGIONS)
    assert ontario["proposed_languages"] is None and ontario["notes"] == []


@pytest.mark.parametrize("typed, expected", [
    (" FR , en-CA ", ["fr", "en"]), (["es", "es_US", "en"], ["es", "en"]), ("en", ["en"])])
def test_the_languages_answer_accepts_codes_as_people_type_them(typed, expected):
    assert A.check_value("languages", typed) == expected


@pytest.mark.parametrize("typed, said", [
    ("de", "'de', which is not a supported language. Supported: en, fr, es"),
    ("français", "not a supported language"), (" , ", "is empty"), (3, "must be a list")])
def test_a_wrong_languages_answer_names_the_line_and_the_fix(typed, said):
    with pytest.raises(A.PracticeError) as error:
        A.check_value("languages", typed)
    assert "practice.toml, languages" in str(error.value) and said in str(error.value)


@pytest.mark.parametrize("language, country, locale", [
    ("en", "US", "en_US"), ("en", "CA", "en_CA"), ("en", "NZ", "en_NZ"), ("fr", "CA", "fr_CA"),
    ("fr", "GB", "fr_FR"), ("es", "US", "es_US"), ("es", "AU", "es_ES")])
def test_each_language_has_its_regional_form_and_catalog(language, country, locale):
    assert A.locale_of(language, country) == locale
    name = catalogs.catalog_name(locale)
    # The theme's source text is US English; English elsewhere reads the en_GB catalog.
    assert name == {"en_US": None}.get(locale, "en_GB" if language == "en" else language)
    assert name is None or (FOLDER / f"{name}.po").is_file()


def test_setup_writes_a_quebec_site_french_first_and_says_why(tmp_path):
    # `make setup ANSWERS=` with a Québec practice's answers without a languages line.
    from conftest import copy_project
    from tools import practice_setup as setup_tool
    project = copy_project(tmp_path / "project", sample_only=True)
    answers = (ROOT / "tests" / "data" / "answers-qc-group.toml").read_text(encoding="utf-8")
    without = "\n".join(line for line in answers.splitlines()
                        if not line.startswith("languages ="))
    (tmp_path / "answers.toml").write_text(without, encoding="utf-8")
    said = []
    setup_tool.setup(project, tmp_path / "answers.toml", say=said.append)
    written = (project / "practice.toml").read_text(encoding="utf-8")
    assert '\nlanguages = ["fr", "en"]\n' in written
    assert any("Charter of the French language" in line for line in said)
    assert not any("no languages line" in line for line in said)
    # Asked in person, the same default is offered with its reason.
    prompts, told = [], []

    def read(prompt):
        prompts.append(prompt)
        if prompt.startswith("The website's languages"):
            raise EOFError  # enough: setup stops there, writing nothing
        return ""

    current = setup_tool.current_answers(project / "practice.toml", told.append)
    current.pop("languages")
    with pytest.raises(setup_tool.Stop):
        setup_tool.ask(current, read=read, say=told.append)
    asked = [p for p in prompts if p.startswith("The website's languages")]
    assert asked and asked[0].endswith("[fr, en]: ")
    assert any("Charter of the French language" in line for line in told)
