"""Every page in its own language: the theme's words from gettext catalogs, dates by Babel.

What a page's language is: its post's or page's `lang` (Pelican's `Lang:` field, else
DEFAULT_LANG); a list page (the blog, a category) is in DEFAULT_LANG, or in `page_lang`
when its template context names one. Its regional form (fr -> fr_CA for a Canadian
practice) comes from the LOCALES setting (pelicanconf.py fills it from practice.toml).

At `initialized` this plugin checks that every language of the site has its catalog and
publishes GETTEXT, a function `GETTEXT(lang)` returning that language's translations
(gettext, ngettext, pgettext): the plugins that write page text (the notice, share links,
policies) read it from the settings and stay in English without it, so each still travels
alone. At `generator_init` it installs Jinja's i18n extension with context-aware gettext
functions (`{% trans %}`, `_()`), the `local_date` filter (Babel, never the system
locale) and the globals `page_language()` ('fr'), `html_lang()` ('fr-CA') and
`og_locale()` ('fr_CA').

Settings: LANGUAGES, LOCALES, LANGUAGE_CATALOGS (see README.md).
"""

import hashlib
import os
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from . import catalogs, sites

NAMED_FORMATS = ("short", "medium", "long", "full")


# The plugin's one error lives with the catalogs, which raise it too.
LanguagesError = catalogs.LanguagesError


# This build's folder, locales and default; `memo`: each language's translations, looked
# up once per build (every `_()` of every page asks), read again on the next build.
_site = {"folder": "", "locales": {}, "default": "en", "memo": {}}


# --- what a page's language is -------------------------------------------------------

def locale_of(lang):
    """'fr' -> 'fr_CA' for this site; a language the site does not list is itself."""
    lang = (lang or _site["default"]).replace("-", "_")
    if "_" in lang:
        return lang  # a regional form given as such (Lang: fr-CA) is kept
    return _site["locales"].get(lang) or lang


def translations_for(lang):
    """The translations a page in `lang` reads (GETTEXT, for the other plugins)."""
    memo = _site["memo"]
    if lang not in memo:
        name = catalogs.catalog_name(locale_of(lang))
        if name and not catalogs.catalog_path(_site["folder"], name).is_file():
            name = None  # a language no catalog has: the source text
        memo[lang] = catalogs.load(_site["folder"], name)
    return memo[lang]


def language_of(context):
    explicit = context.get("page_lang")
    if explicit:
        return str(explicit)
    for name in ("article", "page"):
        lang = getattr(context.get(name), "lang", None)
        if lang:
            return str(lang)
    return context.get("DEFAULT_LANG") or _site["default"]


def _babel_locale(locale):
    try:
        return Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_US")


# --- what templates call -------------------------------------------------------------

@pass_context
def _gettext(context, message):
    return translations_for(language_of(context)).gettext(message)


@pass_context
def _ngettext(context, singular, plural, n):
    return translations_for(language_of(context)).ngettext(singular, plural, n)


@pass_context
def _pgettext(context, ctx, message):
    return translations_for(language_of(context)).pgettext(ctx, message)


@pass_context
def _npgettext(context, ctx, singular, plural, n):
    return translations_for(language_of(context)).npgettext(ctx, singular, plural, n)


@pass_context
def local_date(context, value, form="long"):
    """A date as the page's language writes it: `long` gives "December 3, 2026",
    "3 décembre 2026", "3 de diciembre de 2026"; a skeleton ("MMMMd") the best local
    pattern with those fields. Machine dates (`<time datetime>`, feeds) never use it."""
    locale = _babel_locale(locale_of(language_of(context)))
    if form in NAMED_FORMATS:
        return format_date(value, form, locale=locale)
    return format_skeleton(form, value, locale=locale)


@pass_context
def translated(context, text, ctx=""):
    """A string from the data (a menu label from pelicanconf.py, a country's words from
    the region data) in the page's language: looked up as is, never %-formatted, and
    itself when the catalog does not have it (a label the practice added)."""
    text = str(text)
    if not text.strip():
        return text  # gettext("") is the catalog's header, never a page's word
    translations = translations_for(language_of(context))
    return translations.pgettext(ctx, text) if ctx else translations.gettext(text)


@pass_context
def local_list(context, items):
    """"A, B and C" as the page's language joins a list (Babel: "A, B et C")."""
    items = [str(item) for item in items if str(item)]
    if not items:
        return ""
    return format_list(items, locale=_babel_locale(locale_of(language_of(context))))


@pass_context
def page_language(context):
    """'fr': the page's language, as the plugins' functions take it."""
    return language_of(context).replace("_", "-").split("-")[0]


@pass_context
def html_lang(context):
    """'fr-CA': the page's `<html lang>` (BCP 47)."""
    return Markup.escape(locale_of(language_of(context)).replace("_", "-"))


@pass_context
def og_locale(context):
    """'fr_CA': the page's og:locale (Open Graph's language_TERRITORY)."""
    return Markup.escape(locale_of(language_of(context)))


# --- each page and its translations (the sites module says which exist) -------------

@pass_context
def page_url(context):
    """The page's own URL path ('en/blog/a-post/'): its post's or page's, else the file
    being written's (a list page)."""
    for name in ("article", "page"):
        obj = context.get(name)
        if obj is not None and getattr(obj, "url", None) is not None:
            return str(obj.url)
    return sites.url_of(str(context.get("output_file") or ""))


def _language(code, url):
    locale = locale_of(code)
    name = _babel_locale(locale).get_language_name(_babel_locale(locale).language)
    return {"lang": code, "hreflang": locale.replace("_", "-"), "og_locale": locale,
            "url": url, "name": name[:1].upper() + name[1:]}


@pass_context
def alternates(context):
    """The page in each language it exists in, itself included, in the site's order;
    empty when it exists in one language only."""
    found = (context.get("LANGUAGE_ALTERNATES") or {}).get(page_url(context), ())
    return [_language(code, url) for code, url in found]


@pass_context
def x_default(context):
    """The address for a reader whose language the page is not in: the first copy in
    the site's language order (the default language's, when it has one)."""
    found = (context.get("LANGUAGE_ALTERNATES") or {}).get(page_url(context), ())
    return found[0][1] if found else page_url(context)


def _built(context, lang, url):
    return url in ((context.get("LANGUAGE_URLS") or {}).get(lang) or ())


@pass_context
def language_links(context):
    """The switcher's links: each other language of the site, to this page's copy in it,
    else to that language's home (its home page, else its blog); a language with
    neither built is left out."""
    here = page_language(context)
    found = dict((context.get("LANGUAGE_ALTERNATES") or {}).get(page_url(context), ()))
    default = context.get("DEFAULT_LANG") or _site["default"]
    links = []
    for code in context.get("LANGUAGES") or ():
        if code == here:
            continue
        url = found.get(code)
        if url is None:
            blog = sites.url_of(str(context.get("INDEX_SAVE_AS") or ""))
            homes = [""] if code == default else [f"{code}/", f"{code}/{blog}"]
            url = next((h for h in homes if code == default or _built(context, code, h)),
                       None)
        if url is not None:
            links.append(_language(code, url))
    return links


@pass_context
def language_posts(context):
    """The posts of the page's language, newest first: the context's `articles` on a
    site in one language or a page in the default one."""
    found = context.get("LANGUAGE_POSTS")
    if not found:
        return context.get("articles") or []
    return found.get(page_language(context)) or []


@pass_context
def local_url(context, path):
    """`path` of the default language's site ('fees/', 'blog/') as this page should link
    it: the page's own language's copy ('en/fees/') when built, else the default
    language's, else any other language's; `path` itself on a one-language site."""
    path = str(path or "")
    built = context.get("LANGUAGE_URLS")
    if not built:
        return path
    default = context.get("DEFAULT_LANG") or _site["default"]
    here = page_language(context)
    for code in (here, default, *(context.get("LANGUAGES") or ())):
        local = path if code == default else f"{code}/{path}"
        if local in (built.get(code) or ()):
            return local
    return path


# --- Pelican signals (module level: Pelican keeps only weak references) --------------

def check_settings(pelican):
    settings = pelican.settings
    default = str(settings.get("DEFAULT_LANG") or "en")
    languages = settings.get("LANGUAGES") or [default]
    locales = settings.get("LOCALES") or {}
    if not isinstance(languages, (list, tuple)) or not isinstance(locales, dict):
        fix = ("Write LANGUAGES as a list such as ['fr', 'en'] and LOCALES as a dict such "
               "as {'fr': 'fr_CA', 'en': 'en_CA'} (pelicanconf.py fills both from "
               "practice.toml's languages line).")
        field, value = (("LANGUAGES", languages) if not isinstance(languages, (list, tuple))
                        else ("LOCALES", locales))
        what = f"{field} is {value!r}."
        raise LanguagesError(f"{what} {fix}", [catalogs.finding("pelicanconf.py", what, fix,
                                                                field=field)])
    folder = settings.get("LANGUAGE_CATALOGS") or os.path.join(
        settings.get("THEME", ""), "translations")
    _site.update(folder=str(folder), default=default, memo={},
                 locales={str(k): str(v) for k, v in locales.items()})
    for lang in languages:
        name = catalogs.catalog_name(locale_of(lang))
        path = catalogs.catalog_path(folder, name) if name else None
        if path and not path.is_file():
            fix = (f"Add it (docs/languages.md: adding a language) or remove {lang!r} "
                   "from practice.toml's languages line.")
            raise LanguagesError(
                f"The site's languages include {lang!r}, but its catalog {path} does not "
                f"exist. {fix}", [catalogs.finding(
                    catalogs.shown(path), f"The site's languages include {lang!r}, but "
                    "this catalog does not exist.", fix, field="LANGUAGES")])
        catalogs.load(folder, name)  # a broken translation stops the build here
    settings["GETTEXT"] = translations_for
    # The catalogs' words end up in cached posts (the policies plugin's email note), and
    # the cache_key plugin keys the cache on the settings: a changed catalog changes this.
    digest = hashlib.sha256()
    for path in sorted(Path(folder).glob("*.po")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    settings["LANGUAGE_CATALOGS_DIGEST"] = digest.hexdigest()[:12]
    sites.reset(settings, locale_of)


def install(generator):
    env = generator.env
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    # {% trans %} blocks are written over several lines; their text is one sentence.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True,
                                  pgettext=_pgettext, npgettext=_npgettext)
    env.filters.update(local_date=local_date, local_list=local_list)
    env.globals.update(page_language=page_language, html_lang=html_lang,
                       og_locale=og_locale, translated=translated, page_url=page_url,
                       alternates=alternates, x_default=x_default,
                       language_links=language_links, local_url=local_url,
                       language_posts=language_posts)


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(install)
    signals.content_object_init.connect(sites.place)
    signals.article_generator_pretaxonomy.connect(sites.sort_articles)
    signals.page_generator_finalized.connect(sites.sort_pages)
    signals.get_generators.connect(sites.add_generator)
    signals.feed_generated.connect(sites.one_language_feeds)
