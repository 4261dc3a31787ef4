"""One site per language, in one Pelican build: where each language's pages live, each
language's own blog lists and feeds, and which pages translate which.

Pelican's own translations do the matching (same `Slug:`, another `Lang:`) and its
`*_LANG_URL` settings the addresses; this module adds what Pelican leaves out:

- a page in another language than DEFAULT_LANG that sets its own address (the home
  page's `Save_as: index.html`) gets it under `<lang>/`, so it never takes the default
  language's place;
- content in a supported language the site does not list (the sample's French and
  Spanish copies on an English site) is left out of the build; a `Lang:` that is no
  language at all stops it, naming the file;
- the default language's blog lists hold its own posts only; each other language with
  posts gets the same lists (blog, categories, topics, authors, archive, each category
  and topic) under `<lang>/`, its own category and topic addresses and its own feeds;
- every page knows its translations: `LANGUAGE_ALTERNATES` in the context maps each
  page's URL to the URLs of the same page in the other languages (translations by slug;
  list pages by their path under the language's folder), read by the theme (hreflang,
  the switcher) and the sitemap.

A site with one language skips all of it except the filter (one pass over the content).
"""

import logging
import os
from collections import defaultdict
from operator import attrgetter
from urllib.parse import urlsplit

from pelican.contents import Article, Page
from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag
from pelican.utils import order_content

from . import catalogs

logger = logging.getLogger(__name__)

# The list pages a language gets, by the direct template that writes them (the
# default language's come from Pelican, with the same names).
LISTS = ("index", "tags", "categories", "authors", "archives")
# Direct templates written for every language that has a page or post: they list none.
ALWAYS = ("team",)
# The settings whose addresses move under <lang>/ for another language's categories
# and topics (a category page lists one language's posts).
WRAPPER_SETTINGS = ("CATEGORY_URL", "CATEGORY_SAVE_AS", "TAG_URL", "TAG_SAVE_AS")

# This build's state, reset at `initialized`: the site's languages, the other
# languages' posts (for their lists), every page's language by URL, which feed is
# being written.
_build = {}


# Pelican's addresses of the default language, each with the other languages' one that
# is made from it (X_LANG_URL from X_URL...).
PLACED = {"ARTICLE_URL": "ARTICLE_LANG_URL", "ARTICLE_SAVE_AS": "ARTICLE_LANG_SAVE_AS",
          "DRAFT_URL": "DRAFT_LANG_URL", "DRAFT_SAVE_AS": "DRAFT_LANG_SAVE_AS",
          "PAGE_URL": "PAGE_LANG_URL", "PAGE_SAVE_AS": "PAGE_LANG_SAVE_AS",
          "DRAFT_PAGE_URL": "DRAFT_PAGE_LANG_URL",
          "DRAFT_PAGE_SAVE_AS": "DRAFT_PAGE_LANG_SAVE_AS"}
# The all-posts feeds each other language gets under <lang>/, with its type.
FEEDS = {"FEED_ALL_ATOM": "atom", "FEED_ALL_RSS": "rss"}


def lang_setting(settings, base):
    """Another language's X_LANG_ setting for the default's X (`base`, e.g. "DRAFT_URL"):
    the same address under <lang>/, nothing where the default writes nothing, or the
    site's own X_LANG_ value when it sets one. (Tools that show an address, such as
    `make newpost`, read it here.)"""
    for name, key in PLACED.items():  # the table's names, as the settings docs test reads them
        if name == base:
            if settings.get(key) != DEFAULT_CONFIG.get(key):
                return settings.get(key)
            value = settings.get(name)
            return f"{{lang}}/{value}" if value else ""
    raise KeyError(base)


def reset(settings, locale_of):
    """At `initialized`: this build's languages, and another language's addresses made
    from the default's (blog/a-post/ -> en/blog/a-post/); where the default writes
    nothing (drafts in a live build) neither does any other language. A site that sets
    an X_LANG_ setting itself keeps it."""
    for base, key in PLACED.items():
        settings[key] = lang_setting(settings, base)
    default = str(settings.get("DEFAULT_LANG") or "en").lower()
    listed = [str(code).lower() for code in (settings.get("LANGUAGES") or [default])]
    _build.clear()
    _build.update(default=default, languages=listed,
                  supported=set(listed) | {str(k).lower() for k in
                                           (settings.get("LOCALES") or {})},
                  tags={code: locale_of(code).replace("_", "-") for code in listed})
    start_run()


def start_run():
    """What one run gathers, emptied before each: the preview server runs the same
    Pelican again on every change, without a new `initialized`."""
    _build.update(posts=defaultdict(list), contents=[], lang_of_url={}, feed_lang=None,
                  wrappers={}, unknown=[])


def code_of(lang):
    """'fr-CA', 'FR_ca' -> 'fr'."""
    return str(lang or "").replace("_", "-").split("-")[0].strip().lower()


def multilingual():
    return len(_build.get("languages", ())) > 1


# --- each content file: its language and its address -------------------------------

def place(content):
    """content_object_init: a regional `Lang:` (fr-CA) is its language (fr), so it
    matches and lives with the site's French pages; another language's page that sets
    its own address gets it under <lang>/."""
    if not isinstance(content, (Article, Page)) or not _build:
        return
    code = code_of(getattr(content, "lang", ""))
    if code in _build["supported"]:
        content.lang = code
        content.in_default_lang = code == _build["default"]
    if content.in_default_lang:
        return
    prefix = f"{content.lang}/"
    for key in ("override_url", "override_save_as"):
        value = getattr(content, key, None)
        if value is not None and not str(value).startswith(prefix):
            setattr(content, key, prefix + str(value).lstrip("/"))


def _shown(content):
    """content/posts/x.md: the content folder's name, then the file's path in it."""
    root = os.path.abspath(content.settings["PATH"])
    rel = os.path.relpath(os.path.abspath(content.source_path), root)
    return os.path.join(os.path.basename(root), rel).replace(os.sep, "/")


def _keep(items):
    """Items in one of the site's languages; the others are remembered (unknown
    languages stop the build) or dropped (a supported language the site does not list)."""
    kept = []
    for item in items:
        if item.lang in _build["languages"]:
            kept.append(item)
        elif item.lang not in _build["supported"]:
            _build["unknown"].append(item)
        else:
            logger.info("languages: %s is in %r, not one of the site's languages (%s): "
                        "not built", item.source_path, item.lang,
                        ", ".join(_build["languages"]))
    return kept


def _stop_on_unknown():
    unknown, _build["unknown"] = _build["unknown"], []
    if not unknown:
        return
    listed = ", ".join(_build["languages"])
    supported = ", ".join(sorted(_build["supported"]))
    fix = (f"Write the code of one of the site's languages ({listed}). A page in another "
           f"supported language ({supported}) is built once the site's languages (the "
           "languages line of practice.toml) include it.")
    findings = [catalogs.finding(_shown(item), f"Lang: {item.lang!r} is not a language "
                                 "this site knows.", fix, field="Lang") for item in unknown]
    raise catalogs.LanguagesError("\n".join(f"{f['file']}, {f['field']}: {f['what']} "
                                            f"{f['fix']}" for f in findings), findings)


def _regroup(originals, translations):
    """(this site's default-language items, its other-language items), each item's
    `translations` keeping only the site's languages."""
    everything = _keep(list(originals) + list(translations))
    listed = set(map(id, everything))
    for item in everything:
        item.translations = [t for t in getattr(item, "translations", ()) if id(t) in listed]
    return ([i for i in everything if i.in_default_lang],
            [i for i in everything if not i.in_default_lang])


def _wrapper(kind, name, lang, settings):
    """The category or topic `name` of language `lang`: its address under <lang>/."""
    key = (kind, name, lang)
    if key not in _build["wrappers"]:
        local = dict(settings)
        for setting in WRAPPER_SETTINGS:
            if local.get(setting):
                local[setting] = f"{lang}/{local[setting]}"
        _build["wrappers"][key] = kind(name, local)
    return _build["wrappers"][key]


def sort_articles(generator):
    """article_generator_pretaxonomy: Pelican lists a post in another language as an
    original when the default language has no copy; here every list is one language's."""
    for originals, translations in (("articles", "translations"),
                                    ("hidden_articles", "hidden_translations"),
                                    ("drafts", "drafts_translations")):
        mine, others = _regroup(getattr(generator, originals),
                                getattr(generator, translations))
        getattr(generator, originals)[:] = mine
        getattr(generator, translations)[:] = others
        for article in others:
            if hasattr(article, "category"):
                article.category = _wrapper(Category, article.category.name, article.lang,
                                            generator.settings)
            if getattr(article, "tags", None):
                article.tags = [_wrapper(Tag, tag.name, article.lang, generator.settings)
                                for tag in article.tags]
        if originals == "articles":
            for article in others:
                _build["posts"][article.lang].append(article)
        if originals != "drafts":
            _build["contents"].extend(mine + others)
    _stop_on_unknown()


def sort_pages(generator):
    """page_generator_finalized: pages in a language the site does not list are not built."""
    for originals, translations in (("pages", "translations"),
                                    ("hidden_pages", "hidden_translations"),
                                    ("draft_pages", "draft_translations")):
        kept = _keep(getattr(generator, originals))
        kept_translations = _keep(getattr(generator, translations))
        listed = set(map(id, kept + kept_translations))
        for item in kept + kept_translations:
            item.translations = [t for t in getattr(item, "translations", ())
                                 if id(t) in listed]
        getattr(generator, originals)[:] = kept
        getattr(generator, translations)[:] = kept_translations
        if originals != "draft_pages":
            _build["contents"].extend(kept + kept_translations)
    _stop_on_unknown()


# --- the other languages' lists -----------------------------------------------------

def url_of(save_as):
    """A written file's URL path, as the pages' links name it (blog/index.html -> blog/)."""
    save_as = save_as.replace(os.sep, "/")
    return save_as[:-len("index.html")] if save_as.endswith("index.html") else save_as


class LanguageLists(Generator):
    """Each other language's blog lists and feeds, and every page's alternates."""

    def generate_context(self):
        self.sites, self.present = {}, set()
        settings = self.settings
        if not _build or not multilingual():
            return
        for lang in _build["languages"][1:]:
            posts = order_content(list(_build["posts"].get(lang, ())),
                                  settings["ARTICLE_ORDER_BY"])
            if not posts:
                continue
            categories, tags, authors = defaultdict(list), defaultdict(list), defaultdict(list)
            for post in posts:
                if hasattr(post, "category"):
                    categories[post.category].append(post)
                for tag in getattr(post, "tags", None) or ():
                    tags[tag].append(post)
                for author in getattr(post, "authors", ()):
                    authors[author].append(post)
            dates = sorted(posts, key=attrgetter("date"),
                           reverse=settings["NEWEST_FIRST_ARCHIVES"])
            self.sites[lang] = {
                "articles": posts, "dates": dates,
                "categories": sorted(categories.items(),
                                     reverse=settings["REVERSE_CATEGORY_ORDER"]),
                # The shapes Pelican gives the templates: lists of (term, posts).
                "tags": list(tags.items()), "authors": sorted(authors.items())}
        self.present = {content.lang for content in _build["contents"]}
        self.context["LANGUAGE_ALTERNATES"] = self._alternates()
        self.context["LANGUAGE_TAGS"] = dict(_build["tags"])
        self.context["LANGUAGE_POSTS"] = {
            _build["default"]: self.context.get("articles") or [],
            **{lang: site["articles"] for lang, site in self.sites.items()}}
        self.context["LANGUAGE_URLS"] = {
            lang: {url for url, code in _build["lang_of_url"].items() if code == lang}
            for lang in _build["languages"]}

    # Which list pages each language has, by their URL.
    def _direct(self, name):
        save_as = self.settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        return save_as if name in self.settings["DIRECT_TEMPLATES"] else ""

    def _lists(self, lang):
        """{save_as: what writes it} of language `lang`'s list pages (its feeds too)."""
        prefix = "" if lang == _build["default"] else f"{lang}/"
        site = self.sites.get(lang) if prefix else {
            "categories": self.context.get("categories", ()),
            "tags": self.context.get("tags", {})}
        if not site and lang not in self.present:
            return {}  # nothing in this language: not even its team page
        names = ALWAYS + (LISTS if site else ())
        lists = {prefix + self._direct(n): ("direct", n) for n in names if self._direct(n)}
        if site:
            for category, _posts in site["categories"]:
                lists[category.save_as] = ("category", category)
            tags = site["tags"]
            for tag, _posts in (tags.items() if isinstance(tags, dict) else tags):
                lists[tag.save_as] = ("tag", tag)
            # The default language's feeds are Pelican's (one_language_feeds keeps them
            # to that language); the others' are written here.
            for feed in FEEDS:
                if self.settings.get(feed):
                    lists[prefix + self.settings[feed]] = ("feed", feed)
        return lists

    def _alternates(self):
        """{url: ((lang, url), ...)} for every page that exists in more than one
        language, in the site's language order."""
        lang_of_url = _build["lang_of_url"]
        groups = {}
        seen = set()
        for content in _build["contents"]:
            if id(content) in seen:
                continue
            group = [content, *getattr(content, "translations", ())]
            seen.update(map(id, group))
            for item in group:
                lang_of_url[item.url] = item.lang
            if len(group) > 1:
                groups[id(content)] = {item.lang: item.url for item in group}
        by_path = defaultdict(dict)
        for lang in _build["languages"]:
            prefix = "" if lang == _build["default"] else f"{lang}/"
            for save_as, (kind, _what) in self._lists(lang).items():
                url = url_of(save_as)
                lang_of_url[url] = lang
                if kind != "feed":
                    by_path[url[len(prefix):]][lang] = url
        order = {lang: i for i, lang in enumerate(_build["languages"])}
        alternates = {}
        for group in list(groups.values()) + list(by_path.values()):
            if len(group) < 2:
                continue
            ordered = tuple(sorted(group.items(), key=lambda kv: order.get(kv[0], 99)))
            for url in group.values():
                alternates[url] = ordered
        return alternates

    def generate_output(self, writer):
        for lang, site in self.sites.items():
            self._write_lists(writer, lang, site)
            self._write_feeds(writer, lang, site)
        if multilingual():
            for lang in _build["languages"][1:]:
                if lang not in self.sites:
                    for save_as, (kind, name) in self._lists(lang).items():
                        self._write(writer, save_as, name, lang, {})

    def _write(self, writer, save_as, template, lang, values, **extra):
        writer.write_file(save_as, self.get_template(template), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"],
                          template_name=template, url=url_of(save_as), blog=True,
                          page_lang=lang, **values, **extra)

    def _write_lists(self, writer, lang, site):
        lists = {"articles": site["articles"], "dates": site["dates"],
                 "categories": site["categories"], "tags": site["tags"],
                 "authors": site["authors"]}
        for save_as, (kind, what) in self._lists(lang).items():
            if kind == "direct":
                self._write(writer, save_as, what, lang, lists,
                            page_name=os.path.splitext(save_as)[0])
            elif kind in ("category", "tag"):
                posts = dict(site["categories"] if kind == "category"
                             else site["tags"])[what]
                dates = [post for post in site["dates"] if post in posts]
                self._write(writer, save_as, kind, lang,
                            {**lists, "articles": posts, "dates": dates},
                            page_name=what.page_name, **{kind: what})

    def _write_feeds(self, writer, lang, site):
        _build["feed_lang"] = lang
        try:
            for feed, kind in FEEDS.items():
                path = self.settings.get(feed)
                if path:
                    writer.write_feed(site["articles"], self.context, f"{lang}/{path}",
                                      feed_type=kind)
        finally:
            _build["feed_lang"] = None


def one_language_feeds(context, feed):
    """feed_generated: a feed holds its own language's posts (Pelican's all-posts feed
    adds every translation), and says which language that is."""
    if not _build or not multilingual():
        return
    lang = _build["feed_lang"] or _build["default"]
    root = urlsplit(str(context.get("SITEURL") or "")).path.rstrip("/") + "/"
    lang_of_url = _build["lang_of_url"]
    kept = []
    for item in feed.items:
        path = urlsplit(item["link"]).path
        rel = path[len(root):] if path.startswith(root) else path.lstrip("/")
        if lang_of_url.get(rel, lang) == lang:
            kept.append(item)
    feed.items[:] = kept
    feed.feed["language"] = lang


def add_generator(pelican):
    """get_generators, at the start of every run: a fresh run, and its lists' generator."""
    if _build:
        start_run()
    return LanguageLists
