"""The sentences the kit makes from practice.toml's answers ({{ who }}, {{ signature }},
the description, lists of names and places, the booking button's default label) come
out in the page's language, from the catalogs; the practice's own words stay as written.

Plain function calls on the real catalogs and the real answers files: no build needed.
"""

import pytest

from conftest import ROOT
from tests.test_setup import DATA, REGIONS
from tools.pelican_adapter import plugin_module

A = plugin_module("practice.answers")
placeholders = plugin_module("practice.placeholders")
catalogs = plugin_module("languages.catalogs")
FOLDER = ROOT / "theme" / "translations"


def settings_for(answers_file):
    answers = A.load(DATA / answers_file, REGIONS)
    settings = A.settings_from(answers, REGIONS)
    locales = settings["LOCALES"]
    settings["GETTEXT"] = lambda lang: catalogs.load(
        FOLDER, catalogs.catalog_name(locales.get(lang, lang)))
    return settings


@pytest.mark.parametrize("lang", ["fr", "es", "en"])
def test_a_groups_sentences_are_in_the_pages_language(lang):
    settings = settings_for("answers-qc-group.toml")  # three clinicians, no description
    t = settings["GETTEXT"](lang)
    values = placeholders.values_from(settings, lang)
    word = t.gettext("three")
    assert values["who"] == t.ngettext("our team of %(count)s clinician",
                                       "our team of %(count)s clinicians", 3) % {
                                           "count": word}
    assert values["signature"] == t.gettext("The team at %(practice)s") % {
        "practice": "Clinique Rivière Calme"}
    assert values["booking_label"] == t.gettext("Book a free consultation")
    names = ["Sophie Tremblay", "Marc-André Gagnon", "Amina Haddad"]
    assert all(n in values["clinician"] for n in names)
    if lang != "en":
        # Nothing of the English sentences is left around the names.
        for english in ("our team", "The team at", " and ", "therapy with", "Book a"):
            assert english not in " ".join(str(v) for v in values.values()), english
        assert word != "three" and word in values["who"]
    else:
        assert values["who"] == "our team of three clinicians"
        assert values["clinician"] == "Sophie Tremblay, Marc-André Gagnon and Amina Haddad"
    assert values["description"].startswith("Clinique Rivière Calme")
    assert values["who"] in values["description"]


def test_the_practices_own_words_stay_as_written():
    settings = settings_for("answers-qc-group.toml")
    settings["PRACTICE"]["own_description"] = "Une clinique à Montréal."
    settings["PRACTICE"]["booking_label"] = "Prendre rendez-vous"
    for lang in ("fr", "es", "en"):
        values = placeholders.values_from(settings, lang)
        assert values["description"] == "Une clinique à Montréal."
        assert values["booking_label"] == "Prendre rendez-vous"


def test_english_settings_are_unchanged_by_the_catalogs():
    """pelicanconf.py's PRACTICE stays the English sentences (the theme's default)."""
    settings = settings_for("answers-qc-group.toml")
    practice = settings["PRACTICE"]
    assert practice["who"] == "our team of three clinicians"
    assert practice["signature"] == "The team at Clinique Rivière Calme"
    assert practice["booking_label"] == "Book a free consultation"
    assert practice["description"] == ("Clinique Rivière Calme: therapy with our team of "
                                       "three clinicians, for clients in Québec and Ontario.")


def test_templates_get_the_sentences_in_the_pages_language():
    """practice_text(name), the practice plugin's template global, reads the page's
    language from the theme's page_language() (a stand-in here: the languages plugin's
    needs a whole build)."""
    from jinja2 import Environment, pass_context
    practice = plugin_module("practice.practice")
    settings = settings_for("answers-qc-group.toml")
    env = Environment()

    class Generator:
        pass
    generator = Generator()
    generator.settings, generator.env = settings, env
    practice.install_text(generator)
    env.globals["page_language"] = pass_context(lambda context: context.get("lang"))
    template = env.from_string("{{ practice_text('who') }}|{{ practice_text('booking_label') }}")
    for lang in ("fr", "es", "en"):
        t = settings["GETTEXT"](lang)
        who, label = template.render(lang=lang).split("|")
        assert who == placeholders.values_from(settings, lang)["who"]
        assert label == t.gettext("Book a free consultation")
    assert template.render(lang=None).split("|")[0] == "our team of three clinicians"
