"""Practice policies: a registry of policy pages, the footer policy nav, policy notices on
posts and pages, and the email disclosure beside every mailto link to the practice.

When things happen during a build, and why then:

1. `page_generator_finalized` (pages are read; articles were read before them): find the
   policy pages, drop the switched-off ones before anything is written or listed, and
   give templates `policy_links`, `policy_url(key)` and `email_disclosure_text`.
2. `all_generators_finalized` (still nothing written): set `policy_notices` on every
   post and page, check every key, and stop the build listing all problems at once.
   Notices are an attribute the theme renders, never part of `_content`, so index
   summaries and feeds stay as written.
3. `content_written`: for any theme, add the policy nav, the notices and the email
   disclosures that the page lacks, with plain string operations.
4. `feed_generated`: email disclosures in feed entries too.
"""

import logging
import os
import re
from urllib.parse import unquote, urlparse

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from . import inject
from .registry import Registry, shown_path

logger = logging.getLogger(__name__)

CONTEXT_KEY = "_policies_registry"
DEFAULT_DISCLOSURE = ("Email is not secure and is not checked for emergencies. Please use "
                      "it only for scheduling, and never for health details.")
DISCLOSURE_LINK_LABEL = "How the practice handles email and texts"

# A body link written as [text]({filename}../policies/x.md), before Pelican resolves it.
FILENAME_LINK = re.compile(
    r"""<a\b[^>]*?\bhref\s*=\s*(["'])[{|]filename[|}]([^"']*)\1[^>]*>(.*?)</a>""",
    re.IGNORECASE | re.DOTALL)

PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations",
              "draft_pages", "draft_translations")
ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations")


class PolicyError(Exception):
    """The policy pages or settings need a fix; the message lists each one."""


class Settings:
    """The few settings read on every written page, resolved once per build."""

    def __init__(self, settings, registry):
        self.registry = registry
        emails = list(settings.get("POLICY_PRACTICE_EMAILS") or [])
        practice_email = (settings.get("PRACTICE") or {}).get("email")
        emails += [practice_email] if isinstance(practice_email, str) else list(
            practice_email or [])
        self.emails = {str(e).strip().lower() for e in emails if str(e).strip()}
        text = settings.get("POLICY_EMAIL_DISCLOSURE", DEFAULT_DISCLOSURE)
        if not isinstance(text, str) or not text.strip():
            registry.problems.append(
                "POLICY_EMAIL_DISCLOSURE must be a sentence of text telling visitors "
                "that email is not secure and not for emergencies.")
            text = DEFAULT_DISCLOSURE
        self.disclosure_text = text.strip()

    def disclosure(self, base):
        policy = self.registry.email_policy()
        href = inject.link(base, policy.url) if policy else None
        return inject.disclosure_html(self.disclosure_text, href, DISCLOSURE_LINK_LABEL)


def content_lists(generator, names):
    return [getattr(generator, name) for name in names if hasattr(generator, name)]


# -- 1. pages read -----------------------------------------------------------------------

def on_pages_read(generator):
    registry = Registry(generator.settings)
    registry.collect([p for lst in content_lists(generator, ("pages", "hidden_pages"))
                      for p in lst])
    if registry.disabled:
        drop_disabled(generator, registry)
    state = Settings(generator.settings, registry)
    generator.context[CONTEXT_KEY] = state
    generator.context["policy_links"] = registry.enabled
    generator.context["policy_url"] = registry.url_for
    generator.context["email_disclosure_text"] = state.disclosure_text


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
    for content in (c for lst in lists for c in lst):
        content.policy_notices = registry.notices_for(content, rules)
        if registry.disabled_sources:
            unlink_disabled(content, registry)
    if registry.problems:
        unique = list(dict.fromkeys(registry.problems))
        raise PolicyError(
            f"The policies plugin found {len(unique)} problem(s); the site was not "
            f"built:\n  - " + "\n  - ".join(unique))


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
    state = context.get(CONTEXT_KEY)
    if state is None or not str(path).endswith(".html"):
        return
    with open(path, encoding="utf-8") as fh:
        html = fh.read()
    base = page_base(path, context)
    new = html

    content = context.get("article") or context.get("page")
    notices = getattr(content, "policy_notices", None)
    if (notices and getattr(content, "save_as", None) == context.get("output_file")
            and inject.NOTICE_MARK not in new):
        new = inject.add_notices(new, notices, base)
    if state.registry.enabled and not inject.NAV_MARK.search(new):
        new = inject.add_nav(new, state.registry.enabled, base)
    new = inject.add_disclosures(new, state.emails, lambda: state.disclosure(base))

    if new != html:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(new)


# -- 4. feeds ------------------------------------------------------------------------------

def on_feed_generated(context, feed):
    state = context.get(CONTEXT_KEY)
    if state is None or not state.emails:
        return
    base = (context.get("FEED_DOMAIN") or context.get("SITEURL") or "").rstrip("/")
    disclosure = state.disclosure(base)
    for item in feed.items:
        for field in ("description", "content"):
            if item.get(field):
                item[field] = inject.add_disclosures(item[field], state.emails, disclosure)


def register():
    signals.page_generator_finalized.connect(on_pages_read)
    signals.all_generators_finalized.connect(on_all_read)
    signals.content_written.connect(on_content_written)
    signals.feed_generated.connect(on_feed_generated)
