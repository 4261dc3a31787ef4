"""Keep post titles exactly as written in Atom and RSS feeds.

Pelican strips anything that looks like an HTML tag from feed titles, so a post called
`Fear & "Hope" <b>now</b>` would appear in feed readers as `Fear & "Hope" now`. This site
treats titles as plain text everywhere (the theme escapes them), so the feeds should carry
the same text. feedgenerator escapes it when writing the XML.

A feed item carries only its link, so each post is found by the link Pelican gives it:
the feed's SITEURL joined to the post's URL, the one way with RELATIVE_URLS (a path join)
and the other without (a URL join, which also copes with a SITEURL ending in "/"), and
"?ref=feed" appended with FEED_APPEND_REF. Both joins are looked up, so the title comes
back whichever Pelican used.
"""

import posixpath
from urllib.parse import urljoin

from pelican import signals


def _posts(context):
    """Every post a feed can list: the published ones and their translations."""
    for article in context.get("articles", ()):
        yield article
        yield from getattr(article, "translations", ())


def _links(site_url, url):
    """The links Pelican can give `url` in a feed of a site at `site_url`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return {posixpath.join(site_url, url), urljoin(base, url)}


def restore_titles(context, feed):
    site_url = str(context.get("SITEURL") or "")
    titles = {}
    for post in _posts(context):
        for link in _links(site_url, str(post.url)):
            titles.setdefault(link, post.title)
    for item in feed.items:
        title = titles.get(item["link"].removesuffix("?ref=feed"))
        if title is not None:
            item["title"] = title


def register():
    signals.feed_generated.connect(restore_titles)
