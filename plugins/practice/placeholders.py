"""Placeholders in Markdown: `{{ phone }}` in a page is replaced by the practice's phone.

How: before Markdown sees the text, each placeholder becomes a plain token of letters and
digits (Markdown leaves those alone in text, links and headings); after Markdown, each token
becomes the value, HTML-escaped. Metadata that is not Markdown (Title) gets the raw value:
the theme escapes it. A name that is not known stops the build naming file, line and the
known names. No Pelican import here: plain functions, tested on their own.
"""

import gettext
import re

from markupsafe import Markup, escape

from .answers import PracticeError, join_names, practice_words

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Something that looks like a placeholder but is not a plain name: told, not ignored.
LOOKS_LIKE = re.compile(r"\{\{(.*?)\}\}")
TOKEN = "zqplaceholder{}zq"
TOKEN_RE = re.compile(r"zqplaceholder(\d+)zq")



def _join(places, lang=None):
    """A list as a sentence in `lang`: "A, B and C", "A, B et C" (Babel's list patterns
    for a language other than English, which keeps the kit's own)."""
    places = [p for p in places if p]
    code = (lang or "en").replace("_", "-").split("-")[0]
    if code != "en" and len(places) > 1:
        try:
            from babel.lists import format_list  # the languages plugin's dependency
            return format_list(places, locale=code)
        except (ImportError, ValueError, LookupError):
            pass
    return join_names(places)


def N_(text):
    """Marks text for the catalogs (translated below, in the page's language)."""
    return text


ONLINE_ONLY = N_("The practice meets clients online only; there is no office to visit.")


def translations(settings, lang):
    """The kit's catalog for a page in `lang` (GETTEXT, from the languages plugin);
    without it, English."""
    find = settings.get("GETTEXT")
    return find(lang) if find and lang else gettext.NullTranslations()


def values_from(settings, lang=None):
    """name -> value (str, or Markup for the block placeholders) for these settings, the
    sentences the kit writes in `lang` (the page's language; default DEFAULT_LANG)."""
    practice = settings.get("PRACTICE") or {}
    t = translations(settings, lang or settings.get("DEFAULT_LANG"))
    t = t if hasattr(t, "pgettext") else gettext.NullTranslations()
    lang = lang or settings.get("DEFAULT_LANG")
    values = {}
    for key, value in practice.items():
        if isinstance(value, str):
            values[key] = value
        elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            # A list of places reads as a sentence; a list of records (the clinicians)
            # is not a placeholder: the theme shows each clinician.
            values[key] = _join(value, lang)
    if isinstance(practice.get("clinicians"), list) and practice["clinicians"]:
        # The sentences the kit makes from the answers ({{ who }}, {{ signature }}...),
        # in the page's language (answers.practice_words, their one home).
        values.update(practice_words(practice, t, lambda items: _join(items, lang)))
    values["practice_name"] = practice.get("name", settings.get("SITENAME", ""))
    # The country's facts and words come in PRACTICE too (pelicanconf.py puts them there
    # from the region data); a site without them still reads, with these left empty.
    for key in ("country_name", "privacy_law", "privacy_regulator"):
        values.setdefault(key, "")
    values["address"] = address_html(practice, t)
    values["privacy_officer"] = privacy_officer_html(practice, t)
    # Published by the emergency_notice plugin (the same data as the banner), in each of
    # the site's languages. Without that plugin the sentences still read true, with no
    # number in them.
    in_language = (settings.get("EMERGENCY_LINES_HTML_IN") or {}).get(lang)
    values["crisis_lines"] = Markup(in_language or settings.get("EMERGENCY_LINES_HTML") or Markup(
        "<p>Call your local emergency number, or go to the nearest {}.</p>").format(
            practice.get("emergency_department") or "emergency department"))
    values["emergency_number"] = settings.get("EMERGENCY_NUMBER") or "your local emergency number"
    return values


def address_html(practice, t=None):
    """The office address as lines, or a sentence for an online-only practice."""
    if not practice.get("street"):
        return Markup("<p>{}</p>").format((t or gettext.NullTranslations()).gettext(ONLINE_ONLY))
    town = " ".join(p for p in (practice.get("region"), practice.get("postal_code")) if p)
    last = ", ".join(p for p in (practice.get("city"), town) if p)
    lines = [practice.get("name", ""), practice["street"], last]
    return Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(x) for x in lines if x))


def privacy_officer_html(practice, t=None):
    """On a line of its own: who is in charge of personal information and how to reach
    them, under the region's name for the role; nothing when the practice gave no answer
    (the paragraph goes). Québec requires the answer (region data, required_answers)."""
    title = practice.get("privacy_officer")
    if not title:
        return Markup("")
    label = practice.get("privacy_officer_label") or "Privacy officer"
    # The region's word for the role, in the page's language (the catalogs' country words).
    label = (t or gettext.NullTranslations()).pgettext("country words", label)
    contact = practice.get("privacy_officer_contact")
    return Markup('<p class="privacy-officer"><strong>{}:</strong> {}{}</p>').format(
        label, title, Markup(". {}").format(contact) if contact else "")


def check(text, values, where):
    """Raise PracticeError for every placeholder in `text` that is not a known name."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for m in LOOKS_LIKE.finditer(line):
            name = m.group(1).strip()
            if PLACEHOLDER.fullmatch(m.group(0)) and name in values:
                continue
            problems.append({"check": "practice", "file": where, "line": number,
                             "field": "",
                             "what": f"{{{{{m.group(1)}}}}} is not a known placeholder.",
                             "fix": "", "page": ""})  # the fix, once every name is known
    if problems:
        fix = ("Correct the name, or remove the braces. Known placeholders: "
               + ", ".join("{{ " + n + " }}" for n in sorted(values))
               + " (see plugins/practice/README.md).")
        for problem in problems:
            problem["fix"] = fix
        raise PracticeError("\n".join(f"{where}, line {p['line']}: {p['what']}"
                                      for p in problems) + "\n" + fix, findings=problems)


def tokenize(text):
    """(text with tokens, [names in token order])."""
    names = []

    def swap(m):
        names.append(m.group(1))
        return TOKEN.format(len(names) - 1)

    return PLACEHOLDER.sub(swap, text), names


def fill_html(html, names, values):
    """Tokens in rendered HTML -> escaped values; a block value alone in a paragraph
    replaces the paragraph."""
    def block(m):
        value = values[names[int(m.group(1))]]
        return str(value) if isinstance(value, Markup) else m.group(0)

    html = re.sub(r"<p>\s*" + TOKEN_RE.pattern + r"\s*</p>", block, html)
    # A heading's id (made by Markdown's toc from the tokenized text) gets the value's
    # slug, so "## About {{ clinician }}" has id="about-priya-nair".
    html = re.sub(r'(\sid=")([^"]*)"', lambda m: m.group(1) + TOKEN_RE.sub(
        lambda t: _slug(values[names[int(t.group(1))]]), m.group(2)) + '"', html)
    def inline(m):
        value = values[names[int(m.group(1))]]
        return str(escape(value.striptags() if isinstance(value, Markup) else value))

    return TOKEN_RE.sub(inline, html)


def _slug(value):
    from markdown.extensions.toc import slugify  # the same slugs as Markdown's headings
    return slugify(value.striptags() if isinstance(value, Markup) else str(value), "-")


def fill_text(text, names, values):
    """Tokens in plain metadata (a title) -> raw values, with any markup removed."""
    def plain(m):
        value = values[names[int(m.group(1))]]
        return value.striptags() if isinstance(value, Markup) else value

    return TOKEN_RE.sub(plain, text)
