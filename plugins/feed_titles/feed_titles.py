"""Keep post titles exactly as written in Atom and RSS feeds.

Pelican strips anything that looks like an HTML tag from feed titles, so a post called
`Fear & "Hope" <b>now</b>` would appear in feed readers as `Fear & "Hope" now`. This site
treats titles as plain text everywhere (the theme escapes them), so the feeds should carry
the same text. feedgenerator escapes it when writing the XML.
"""

from pelican import signals


def restore_titles(context, feed):
    site_url = context.get("SITEURL", "")
    titles = {}
    for article in context.get("articles", ()):
        titles[f"{site_url}/{article.url}"] = article.title
    for item in feed.items:
        link = item["link"].removesuffix("?ref=feed")
        if link in titles:
            item["title"] = titles[link]


def register():
    signals.feed_generated.connect(restore_titles)
