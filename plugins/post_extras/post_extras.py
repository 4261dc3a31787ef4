"""Reading time, older/newer links, related posts and the `scheduled` flag, for the theme.

Everything is computed once per build, after all posts are read
(article_generator_finalized), and stored on the article objects:

- `article.reading_time`: whole minutes at READING_WORDS_PER_MINUTE (200), at least 1.
  Quote posts get none: a two-line quote does not need a reading time.
- `article.scheduled`: True for a published post dated in the future. Only the dev
  preview shows such posts; publishconf.py turns them into unwritten drafts.
- `article.previous_post` / `article.next_post`: the older / newer live post by date.
- `article.related_posts`: up to RELATED_POSTS_MAX live posts sharing the most tags,
  newest first among equals.
  These linked posts are PostLink wrappers: every attribute is the post's own, and
  `url` is computed once per build instead of once per read.

"Live" means what the published site lists: published and not scheduled. Drafts and
scheduled posts get related posts but are never linked from other posts.
"""

import datetime
import re
from operator import attrgetter

from pelican import signals

from .related import related_index, related_posts

_TAG = re.compile(r"<[^>]+>")

# setting: (default, smallest allowed value)
SETTINGS = {"READING_WORDS_PER_MINUTE": (200, 1), "RELATED_POSTS_MAX": (3, 0)}


class PostExtrasError(Exception):
    """A setting of this plugin has a value it cannot use; `.findings` holds one finding
    dict for each (docs/plugin-contract.md), and the message says them in words."""

    def __init__(self, findings):
        super().__init__("post_extras: " + " ".join(
            f"{f['what']}; {f['fix']} (in pelicanconf.py)." for f in findings))
        self.findings = findings


def setting_problems(settings):
    """A finding for each setting whose value cannot be used."""
    problems = []
    for name, (default, least) in SETTINGS.items():
        value = settings.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            problems.append({
                "check": "post-extras", "file": "pelicanconf.py", "line": 0, "field": name,
                "what": f"{name} is {value!r}",
                "fix": f"it must be a whole number of at least {least}, such as {default}",
                "page": ""})
    return problems


def check_settings(pelican):
    """initialized: stop before anything is read when a setting is unusable."""
    problems = setting_problems(pelican.settings)
    if problems:
        raise PostExtrasError(problems)


def reading_minutes(html, words_per_minute):
    """Words in the post's HTML (tags stripped), as whole minutes rounded, at least 1."""
    words = len(_TAG.sub(" ", html or "").split())
    return max(1, int(words / words_per_minute + 0.5))


def is_future(date, now_utc):
    if date.tzinfo is None:
        return date > datetime.datetime.now()
    return date > now_utc


class PostLink:
    """A post as another post links to it. Pelican computes `url` afresh from the URL
    settings on every read, and each post is linked from several others (older/newer,
    related): the address is computed once here. Any other attribute is the post's own."""

    __slots__ = ("post", "_url")

    def __init__(self, post):
        self.post = post
        self._url = None

    @property
    def url(self):
        if self._url is None:
            self._url = self.post.url
        return self._url

    def __getattr__(self, name):
        return getattr(self.post, name)


def enrich(generator):
    settings = generator.settings
    wpm = settings.get("READING_WORDS_PER_MINUTE", 200)
    count = settings.get("RELATED_POSTS_MAX", 3)
    now_utc = datetime.datetime.now(datetime.UTC)
    everything = [*generator.articles, *generator.translations, *generator.drafts,
                  *generator.drafts_translations, *generator.hidden_articles,
                  *generator.hidden_translations]

    for article in everything:
        # `_content`, not `content`: reading the property now would freeze it before
        # later plugins had their say.
        if getattr(article, "type", "") != "quote":
            article.reading_time = reading_minutes(article._content, wpm)
        article.scheduled = article.status == "published" and is_future(article.date, now_utc)
        article.previous_post = article.next_post = None

    # Older/newer and related posts stay in the post's own language (`lang`): a site in
    # several languages lists each language's posts on its own (a site in one language
    # has one group, its `articles`).
    groups = {}
    for article in (*generator.articles, *generator.translations):
        if not article.scheduled:
            groups.setdefault(getattr(article, "lang", ""), []).append(article)
    links, indexes = {}, {}
    for lang, posts in groups.items():
        live = sorted(posts, key=attrgetter("date"))
        links.update((id(a), PostLink(a)) for a in live)
        for older, newer in zip(live, live[1:]):
            older.next_post, newer.previous_post = links[id(newer)], links[id(older)]
        indexes[lang] = related_index(live)
    empty = related_index([])
    for article in everything:
        index = indexes.get(getattr(article, "lang", ""), empty)
        article.related_posts = [links[id(post)] for post in
                                 related_posts(article, index, count)] if count else []

    # The blog index lists drafts in the preview only: publishconf.py empties
    # DRAFT_SAVE_AS, and then there is nothing to link to.
    generator.context["preview_drafts"] = list(generator.drafts) if settings.get(
        "DRAFT_SAVE_AS") else []


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(enrich)
