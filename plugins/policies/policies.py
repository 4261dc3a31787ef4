"""Practice policies: a registry of policy pages, the footer policy nav, policy notices on
posts and pages, and the email disclosure beside every mailto link to the practice.

When things happen during a build, and why then:

1. `page_generator_finalized` (pages are read; articles were read before them): find the
   policy pages, drop the switched-off ones before anything is written or listed, and
   give templates the markup (`policy_nav_html(SITEURL)`, `policy_notices_html(item,
   SITEURL)`, `email_disclosure_html(SITEURL)`: written once, in inject.py) and the data
   (`policy_links`, `policy_url(key)`, `email_disclosure_text`).
2. `all_generators_finalized` (still nothing written): set `policy_notices` on every
   post and page, check every key, and stop the build listing all problems at once.
   Notices are an attribute the theme renders, never part of `_content`, so index
   summaries and feeds stay as written. The email disclosures go into the content
   itself here, before anything is rendered, so pages, summaries and feeds all carry
   them (their link is a {filename} link that Pelican resolves for each page and feed).
3. `content_written`: for a theme that did not render the policy nav, the notices or the
   footer's email disclosure, add what the page lacks with plain string operations. The
   theme's rendering is noticed as it happens (the three markup functions record that
   they were called), so with a theme that renders them, which the project's does, no
   written page is read again.
"""

import gettext
import logging
import os
import re
from functools import lru_cache
from urllib.parse import unquote, urlparse

from jinja2 import pass_context
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import truncate_html_paragraphs, truncate_html_words

from . import inject
from .checks import nav_problems
from .registry import Registry, language_of, settings_problems, shown_path

logger = logging.getLogger(__name__)

CONTEXT_KEY = "_policies_registry"


def N_(text):
    """Marks text for the catalogs; it is translated where a page is written, in the
    page's language, from GETTEXT(lang) (the languages plugin's catalogs; without it,
    English)."""
    return text


DEFAULT_DISCLOSURE = N_("Email is not secure and is not checked for emergencies. Please "
                        "use it only for scheduling, and never for health details.")
DISCLOSURE_LINK_LABEL = N_("How the practice handles email and texts")
# A policy the page's language has no page of: named in its own language, linked.
AVAILABLE_IN = N_("Available in %(language)s: %(link)s")

# A body link written as [text]({filename}../policies/x.md), before Pelican resolves it.
FILENAME_LINK = re.compile(
    r"""<a\b[^>]*?\bhref\s*=\s*(["'])[{|]filename[|}]([^"']*)\1[^>]*>(.*?)</a>""",
    re.IGNORECASE | re.DOTALL)

PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations",
              "draft_pages", "draft_translations")
ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations")


class PolicyError(Exception):
    """The policy pages or settings need a fix: `.findings` holds each as a finding dict
    (docs/plugin-contract.md); the message lists them in words."""

    def __init__(self, findings):
        super().__init__(
            f"The policies plugin found {len(findings)} problem(s); the site was not "
            "built:" + "".join(f"\n  - {f['file']}" + (f", line {f['line']}" if f["line"]
                                                      else "") + f": {f['what']} {f['fix']}"
                               for f in findings))
        self.findings = findings


class BuildState:
    """What one build knows: the registry and the few settings read on every written
    page, resolved once (kept in the build's context under CONTEXT_KEY)."""

    def __init__(self, settings, registry):
        self.registry = registry
        emails = list(settings.get("POLICY_PRACTICE_EMAILS") or [])
        practice_email = (settings.get("PRACTICE") or {}).get("email")
        emails += [practice_email] if isinstance(practice_email, str) else list(
            practice_email or [])
        self.emails = {str(e).strip().lower() for e in emails if str(e).strip()}
        # Its shape was checked at initialized (registry.settings_problems).
        text = settings.get("POLICY_EMAIL_DISCLOSURE") or DEFAULT_DISCLOSURE
        self.disclosure_text = text.strip()
        self.gettext_for = settings.get("GETTEXT")
        self.default_lang = registry.default_lang

    def lang(self, lang):
        """'fr' for fr, fr-CA or fr_CA; DEFAULT_LANG for none."""
        return language_of(None, lang or self.default_lang)

    def translations(self, lang):
        """The kit's catalog for a page in `lang`; English without the languages plugin."""
        if not self.gettext_for:
            return gettext.NullTranslations()
        return self.gettext_for(self.lang(lang))

    def fallback(self, lang):
        """For a page in `lang`: (policy, its link's href) -> the line saying the policy
        is in another language (inject.fallback_html), None for a policy in `lang`."""
        lang = self.lang(lang)
        available = self.translations(lang).gettext(AVAILABLE_IN)

        def line(policy, href):
            if policy.lang == lang:
                return None
            return inject.fallback_html(policy, href, available,
                                        language_name(policy.lang, lang))
        return line

    def words(self, lang, base):
        """The nav's and notices' words and fallback lines for a page in `lang`."""
        t = self.translations(lang)
        line = self.fallback(lang)
        return {"label": t.gettext("Policies"),
                "read_full": t.gettext("Read the full %(title)s"),
                "fallback": lambda p: line(p, inject.link(base, p.url))}

    def disclosure(self, base, lang=None):
        policy = self.registry.email_policy(self.lang(lang))
        href = inject.link(base, policy.url) if policy else None
        return self._disclosure(policy, href, lang)

    def content_disclosure(self, lang=None):
        """The disclosure for post and page bodies: its link names the policy's source
        file, so Pelican writes the right address on every page and in every feed."""
        policy = self.registry.email_policy(self.lang(lang))
        href = f"{{filename}}/{policy.source_path}" if policy else None
        return self._disclosure(policy, href, lang)

    def _disclosure(self, policy, href, lang):
        t = self.translations(lang)
        other = self.fallback(lang)(policy, href) if policy else None
        return inject.disclosure_html(t.gettext(self.disclosure_text), href,
                                      t.gettext(DISCLOSURE_LINK_LABEL), other)


@lru_cache(maxsize=64)
def language_name(lang, in_lang):
    """'en' as a French page names it ("anglais"), by Babel's locale data; the code
    itself where Babel (which the languages plugin needs) is not installed."""
    try:
        from babel.core import Locale, UnknownLocaleError
    except ImportError:
        return lang
    try:
        return Locale.parse(in_lang).languages.get(lang) or lang
    except (UnknownLocaleError, ValueError):
        return lang


class Rendered:
    """What the theme rendered for the page being written (reset after each write)."""

    def __init__(self):
        self.nav = self.notices = self.disclosure = False

    def reset(self):
        self.nav = self.notices = self.disclosure = False


RENDERED = Rendered()


def nav_html(state, base, lang=None):
    RENDERED.nav = True
    words = state.words(lang, base)
    return inject.nav_html(state.registry.policies_for(state.lang(lang)), base,
                           words["label"], words["fallback"])


def template_functions(state):
    """The markup functions a theme calls with its SITEURL (the base of every link) and
    the page's language (default: DEFAULT_LANG; a notice takes its post's)."""
    def disclosure(base, lang=None):
        RENDERED.disclosure = True
        return state.disclosure(base, lang)

    def notices(item, base, lang=None):
        RENDERED.notices = True
        words = state.words(lang or getattr(item, "lang", None), base)
        return inject.notices_html(getattr(item, "policy_notices", None) or [], base,
                                   words["read_full"], words["fallback"])
    return {"policy_nav_html": lambda base, lang=None: nav_html(state, base, lang),
            "policy_notices_html": notices,
            "email_disclosure_html": disclosure}


def policy_url_for(registry, state):
    """`policy_url(key, lang)` for templates: without `lang`, the page's language as the
    theme's `page_language()` gives it (the languages plugin's global, found in the
    template's context: no rule of its own here), else DEFAULT_LANG."""
    @pass_context
    def policy_url(context, key, lang=None):
        if lang is None:
            find = context.get("page_language")
            lang = context.call(find) if callable(find) else None
        return registry.url_for(key, state.lang(lang))
    return policy_url


def content_lists(generator, names):
    return [getattr(generator, name) for name in names if hasattr(generator, name)]


# -- 1. pages read -----------------------------------------------------------------------

def on_pages_read(generator):
    registry = Registry(generator.settings)
    # A policy's pages in other languages are Pelican's translations of it (same slug).
    registry.collect([p for lst in content_lists(generator, (
        "pages", "hidden_pages", "translations", "hidden_translations")) for p in lst])
    if registry.disabled:
        drop_disabled(generator, registry)
    state = BuildState(generator.settings, registry)
    generator.context[CONTEXT_KEY] = state
    generator.context["policy_links"] = registry.enabled
    generator.context["policy_url"] = policy_url_for(registry, state)
    generator.context["policy_links_for"] = lambda lang=None: registry.policies_for(
        state.lang(lang))
    generator.context["email_disclosure_text"] = state.disclosure_text
    generator.context.update(template_functions(state))


def drop_disabled(generator, registry):
    """Switched-off policy pages are not written, listed, or found by {filename} links."""
    def off(page):
        return str(page.metadata.get("policy", "")).strip().lower() in registry.disabled

    for pages in content_lists(generator, PAGE_LISTS):
        removed = [p for p in pages if off(p)]
        # In place: the template context holds these very lists.
        pages[:] = [p for p in pages if not off(p)]
        for page in removed:
            source = page.get_relative_source_path()
            registry.disabled_sources.add(source)
            generator.context["generated_content"].pop(source, None)


# -- 2. everything read --------------------------------------------------------------------

def on_all_read(generators):
    pages = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    if pages is None or CONTEXT_KEY not in pages.context:
        return
    registry = pages.context[CONTEXT_KEY].registry
    rules = registry.rules()
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    lists = content_lists(pages, PAGE_LISTS)
    if articles is not None:
        lists += content_lists(articles, ARTICLE_LISTS)
    state = pages.context[CONTEXT_KEY]
    disclosures = {}  # one per language
    for content in (c for lst in lists for c in lst):
        content.policy_notices = registry.notices_for(content, rules)
        if registry.disabled_sources:
            unlink_disabled(content, registry)
        lang = getattr(content, "lang", None) or state.default_lang
        if lang not in disclosures:
            disclosures[lang] = state.content_disclosure(lang)
        add_content_disclosures(content, state.emails, disclosures[lang])
    if registry.problems:
        unique = {tuple(f.values()): f for f in registry.problems}
        raise PolicyError(list(unique.values()))


def unlink_disabled(content, registry):
    """Keep the words of a body link to a switched-off policy, drop the dead link."""
    def replace(m):
        path = unquote(urlparse(m.group(2)).path)
        if path.startswith("/"):
            path = path[1:]
        else:
            path = content.get_relative_source_path(os.path.join(content.relative_dir, path))
        if path not in registry.disabled_sources:
            return m.group(0)
        logger.warning("%s links to a policy switched off in POLICIES_DISABLED (%s); the "
                       "link is shown as plain text. Reword the sentence if needed.",
                       shown_path(content), path)
        return m.group(3)

    text = getattr(content, "_content", None)
    if not text or "filename" not in text:
        return
    new = FILENAME_LINK.sub(replace, text)
    if new != text:
        content._content = new
        forget_rendered(content)


def add_content_disclosures(content, emails, disclosure):
    """The disclosure after every block with a mailto link to the practice: in the body,
    and in the summary (the one the file declared, or the one Pelican would cut from the
    body, which could otherwise end between a link and its disclosure)."""
    if not emails:
        return
    body = getattr(content, "_content", None) or ""
    new_body = inject.add_disclosures(body, emails, disclosure) if _may_mail(body) else body
    declared = getattr(content, "_summary", None)
    summary = declared if declared is not None else auto_summary(content, body)
    new_summary = inject.add_disclosures(summary, emails, disclosure) \
        if _may_mail(summary) else summary
    if new_body != body:
        content._content = new_body
    if new_summary != summary:
        # Pelican resolves the {filename} link of a set summary after this signal.
        content._summary = new_summary
    if new_body != body or new_summary != summary:
        forget_rendered(content)


def _may_mail(html):
    # Markdown writes <me@example.org> autolinks entity-encoded.
    return bool(html) and ("mailto:" in html.lower() or "&#" in html)


def auto_summary(content, body):
    """The summary Pelican would make from the body (Content.get_summary)."""
    settings = content.settings
    if not _may_mail(body):
        return ""
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        body = truncate_html_paragraphs(body, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings.get("SUMMARY_MAX_LENGTH") is not None:
        body = truncate_html_words(body, settings["SUMMARY_MAX_LENGTH"],
                                   settings.get("SUMMARY_END_SUFFIX", "…"))
    return body


def forget_rendered(content):
    # Pelican memoizes rendered content and summaries per object; drop this object's
    # entries so an early read by another plugin cannot bring the old links back.
    for method in ("get_content", "get_summary"):
        cache = getattr(getattr(type(content), method, None), "cache", None)
        if cache:
            for key in [k for k in cache if k and k[0] is content]:
                del cache[key]


# -- 3. pages written ------------------------------------------------------------------------

def page_base(path, context):
    """The prefix for site-relative URLs on the page written at `path`."""
    if context.get("RELATIVE_URLS"):
        # One ".." per folder between the output root and the page.
        rel = context.get("output_file") or ""
        if not rel or not str(path).replace(os.sep, "/").endswith(rel):
            rel = os.path.relpath(path, context["OUTPUT_PATH"])
        return "/".join([".."] * rel.replace(os.sep, "/").count("/")) or "."
    return (context.get("SITEURL") or "").rstrip("/")


def on_content_written(path, context):
    rendered = (RENDERED.nav, RENDERED.notices, RENDERED.disclosure)
    try:
        add_missing(path, context, rendered)
    finally:
        RENDERED.reset()


def add_missing(path, context, rendered):
    state = context.get(CONTEXT_KEY)
    if state is None or not str(path).endswith(".html"):
        return
    content = context.get("article") or context.get("page")
    notices = getattr(content, "policy_notices", None)
    own_page = getattr(content, "save_as", None) == context.get("output_file")
    needs_nav = bool(state.registry.enabled) and not rendered[0]
    needs_notices = bool(notices) and own_page and not rendered[1]
    needs_disclosure = bool(state.emails) and not rendered[2]
    if not (needs_nav or needs_notices or needs_disclosure):
        return  # the theme rendered all three: nothing to read
    with open(path, encoding="utf-8") as fh:
        html = fh.read()
    base = page_base(path, context)
    # A list page's language is the one its context names (a generator writing one
    # list per language sets page_lang), else DEFAULT_LANG.
    lang = state.lang(getattr(content, "lang", None) or context.get("page_lang"))
    words = state.words(lang, base)
    new = html
    if needs_notices and inject.NOTICE_MARK not in new:
        new = inject.add_notices(new, notices, base, words["read_full"], words["fallback"])
    if needs_nav and nav_problems(new, words["label"]):
        new = inject.add_nav(new, state.registry.policies_for(lang), base, words["label"],
                             words["fallback"])
    if needs_disclosure:
        new = inject.add_disclosures(new, state.emails, lambda: state.disclosure(base, lang))

    if new != html:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(new)


def check_settings(pelican):
    """initialized: a setting of the wrong shape stops the build before any file is read."""
    problems = settings_problems(pelican.settings)
    if problems:
        raise PolicyError(problems)


def register():
    signals.initialized.connect(check_settings)
    signals.page_generator_finalized.connect(on_pages_read)
    signals.all_generators_finalized.connect(on_all_read)
    signals.content_written.connect(on_content_written)
