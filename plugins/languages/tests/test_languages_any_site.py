"""The languages plugin on a plain Pelican site: Pelican's `simple` theme with one template
of ours that uses the i18n extension, a catalog written here, and two posts, one in the
site's language and one in French (written under fr/, at the default's address). One build serves every case; the error, a second.

Every build runs in a subprocess: Pelican's signal receivers outlive a build.
"""

import textwrap

import pytest
from bs4 import BeautifulSoup

from .conftest import PLUGINS_DIR, assert_stopped, build_site, run_site

ARTICLE = """\
<!DOCTYPE html>
<html lang="{{ html_lang() }}">
<head><meta charset="utf-8"><title>{{ article.title }}</title>
<meta property="og:locale" content="{{ og_locale() }}"></head>
<body><main>
<p class="words">{{ _("Read more") }}</p>
<p class="missing">{{ _("Not in the catalog") }}</p>
<p class="count">{% trans count=3 %}{{ count }} post{% pluralize %}{{ count }} posts{% endtrans %}</p>
<p class="one">{% trans count=1 %}{{ count }} post{% pluralize %}{{ count }} posts{% endtrans %}</p>
<p class="escaped">{{ _("By %(name)s", name=article.title) }}</p>
<time datetime="{{ article.date.isoformat() }}">{{ article.date|local_date }}</time>
<p class="list">{{ ["A", "B", "C"]|local_list }}</p>
<p class="menu">{{ translated("Fees") }}</p>
<p class="empty">{{ translated("") }}{{ translated(" ") }}</p>
</main></body></html>
"""

CATALOG = r'''msgid ""
msgstr ""
"Language: fr\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"
"Content-Type: text/plain; charset=utf-8\n"

msgid "Read more"
msgstr "Lire la suite"

msgid "%(count)s post"
msgid_plural "%(count)s posts"
msgstr[0] "%(count)s billet"
msgstr[1] "%(count)s billets"

msgid "By %(name)s"
msgstr "Par %(name)s"

msgid "Fees"
msgstr "Tarifs"

#, fuzzy
msgid "Not in the catalog"
msgstr "Pas encore relu"
'''


def make_site(root, catalog=CATALOG, extra=""):
    content = root / "content"
    content.mkdir(parents=True)
    (content / "english.md").write_text(
        "Title: <b>An English post</b>\nDate: 2026-03-02 10:00\nCategory: Notes\n\nWords.\n",
        encoding="utf-8")
    (content / "french.md").write_text(
        "Title: Un billet <i>en français</i>\nDate: 2026-03-02 10:00\nCategory: Notes\n"
        "Lang: fr\nSlug: un-billet\n\nDes mots.\n", encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / "article.html").write_text(ARTICLE, encoding="utf-8")
    (root / "translations").mkdir()
    if catalog:
        (root / "translations" / "fr.po").write_text(catalog, encoding="utf-8")
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        SITENAME = "Languages"
        SITEURL = ""
        PATH = "content"
        THEME = "simple"
        THEME_TEMPLATES_OVERRIDES = ["overrides"]
        TIMEZONE = "UTC"
        DEFAULT_LANG = "en"
        LANGUAGES = ["en", "fr"]
        LOCALES = {{"en": "en_US", "fr": "fr_CA"}}
        LANGUAGE_CATALOGS = "translations"
        JINJA_ENVIRONMENT = {{"autoescape": True}}
        ARTICLE_URL = "{{slug}}.html"
        ARTICLE_SAVE_AS = "{{slug}}.html"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        TRANSLATION_FEED_ATOM = None
        AUTHOR_FEED_ATOM = None
        AUTHOR_FEED_RSS = None
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["languages"]
        CACHE_CONTENT = False
        LOAD_CONTENT_CACHE = False
        """) + extra, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = build_site(make_site(tmp_path_factory.mktemp("languages")))
    return {name: BeautifulSoup((out / f"{name}.html").read_text(encoding="utf-8"),
                                "html.parser")
            for name in ("an-english-post", "fr/un-billet")}


def text(page, selector):
    return page.select_one(selector).get_text()


def test_a_page_in_the_site_language_is_in_the_source_words(site):
    page = site["an-english-post"]
    assert page.html["lang"] == "en-US"
    assert page.select_one('meta[property="og:locale"]')["content"] == "en_US"
    assert text(page, ".words") == "Read more"
    assert (text(page, ".count"), text(page, ".one")) == ("3 posts", "1 post")
    assert text(page, "time") == "March 2, 2026"
    assert page.time["datetime"].startswith("2026-03-02T10:00:00")  # ISO, for machines
    assert text(page, ".list") == "A, B, and C"
    assert text(page, ".menu") == "Fees"


def test_a_page_in_another_language_is_in_its_catalog_and_regional_forms(site):
    page = site["fr/un-billet"]
    assert page.html["lang"] == "fr-CA"
    assert page.select_one('meta[property="og:locale"]')["content"] == "fr_CA"
    assert text(page, ".words") == "Lire la suite"
    # French plural rule: 1 and 0 are singular, unlike English.
    assert (text(page, ".count"), text(page, ".one")) == ("3 billets", "1 billet")
    assert text(page, "time") == "2 mars 2026"
    assert text(page, ".list") == "A, B et C"
    assert text(page, ".menu") == "Tarifs"
    # A string the catalog lacks, or has only as fuzzy (not reviewed), stays in English.
    assert text(page, ".missing") == "Not in the catalog"


def test_values_put_in_a_translation_are_escaped(site):
    escaped = site["fr/un-billet"].select_one(".escaped")
    assert escaped.get_text() == "Par Un billet <i>en français</i>"
    assert escaped.find("i") is None


def test_a_language_without_its_catalog_stops_the_build_naming_the_file(tmp_path):
    result = run_site(make_site(tmp_path / "site", catalog=None))
    assert_stopped(result, "The site's languages include 'fr'", "translations/fr.po",
                   "does not exist")


def test_an_empty_data_string_stays_empty_never_the_catalog_header(site):
    # gettext("") returns a catalog's header ("Language: fr..."): a label left empty in
    # the data must not show it.
    assert "Plural-Forms" not in str(site["fr/un-billet"])


BROKEN = [
    ('msgstr "Par %(name)s"', 'msgstr "Par %(nom)s"'),           # a renamed placeholder
    ('msgstr "Lire la suite"', 'msgstr "Lire 100 % de la suite"'),  # a bare % sign
    ('msgstr[1] "%(count)s billets"', 'msgstr[1] "%(count)d billets"'),  # another type
]


@pytest.mark.parametrize("good, broken", BROKEN)
def test_a_translation_that_cannot_be_filled_in_is_found_on_its_line(good, broken):
    from babel.messages.pofile import read_po
    from io import BytesIO

    from ..catalogs import problems
    assert good in CATALOG
    text = CATALOG.replace(good, broken)
    line = text.splitlines().index(broken) + 1
    found = problems(read_po(BytesIO(text.encode()), locale="fr"), "fr.po")
    assert len(found) == 1
    # The msgid's line: the one just above the broken translation (or two for a plural).
    assert found[0].startswith(f"fr.po, line {line - (3 if '[1]' in broken else 1)}:")
    assert "placeholders of the English text" in found[0]
    assert problems(read_po(BytesIO(CATALOG.encode()), locale="fr"), "fr.po") == []


def test_a_translation_that_cannot_be_filled_in_stops_the_build(tmp_path):
    good, broken = BROKEN[0]
    result = run_site(make_site(tmp_path / "site", catalog=CATALOG.replace(good, broken)))
    assert_stopped(result, "translations/fr.po, line", "cannot be filled in", "%(nom)s")


def test_a_lang_that_is_no_language_stops_the_build_naming_the_file(tmp_path):
    root = make_site(tmp_path / "site")
    (root / "content" / "typo.md").write_text(
        "Title: Typo\nDate: 2026-03-03 10:00\nCategory: Notes\nLang: francais\n\nMots.\n",
        encoding="utf-8")
    result = run_site(root)
    assert_stopped(result, "content/typo.md, Lang:", "'francais' is not a language",
                   "one of the site's languages (en, fr)")


TWICE = """
import sys
from pelican import Pelican
from pelican.settings import read_settings
settings = read_settings("conf.py", override={"PATH": "content", "OUTPUT_PATH": "output"})
pelican = Pelican(settings)
pelican.run()
pelican.run()  # as the preview server does on a change: the same Pelican, run again
"""


def test_a_second_run_of_the_same_pelican_lists_each_post_once(tmp_path):
    # The preview server runs one Pelican again on every change, with no new
    # `initialized`: what a run gathers must not pile up from the run before.
    import subprocess
    import sys
    root = make_site(tmp_path / "site")
    (root / "conf.py").write_text((root / "conf.py").read_text(encoding="utf-8")
                                  + 'DIRECT_TEMPLATES = ["index"]\nFEED_ALL_ATOM = '
                                  '"feeds/all.atom.xml"\nSITEURL = "https://a.example"\n',
                                  encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", TWICE], cwd=root, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    feed = (root / "output" / "fr" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 1, feed
    english = (root / "output" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert english.count("<entry>") == 1, english  # its own language's post only
