"""sitemap.xml that depends on the content alone, so an unchanged site builds the same bytes.

pelican-sitemap stamps every page without a date (the home page, the blog index, tag and
category lists) with the build time, so each build, and each upload, differs. Here a
page's <lastmod> is its `Modified:` date, else its `Date:`, else it is left out (the
sitemap protocol makes it optional; a file's time differs per clone, so it is never used).
Only HTML pages are listed (not robots.txt or other files a direct template writes).

A page that exists in several languages lists each of them as an `xhtml:link` alternate
(hreflang), and an `x-default`: the context's LANGUAGE_ALTERNATES, {url: ((lang, url),
...)} in the site's language order, and LANGUAGE_TAGS, {lang: "fr-CA"}, which the
languages plugin fills (a site without it has none).
"""

import os
import re
from urllib.parse import quote
from xml.sax.saxutils import escape

from pelican import signals
from pelican.contents import Article, Page


# The page kinds of the SITEMAP setting (same keys as pelican-sitemap's).
KINDS = ("articles", "pages", "indexes")
FREQUENCIES = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}
# Characters a URL path may hold as they are; everything else is percent-encoded.
_URL_SAFE = "/:@!$&'()*+,;=-._~%"

# Pages written in this build, {output path: the article or page (None: an index)}.
# Filled by content_written, emptied once the sitemap is written (dev server reruns).
_written = {}
# The last page's LANGUAGE_ALTERNATES and LANGUAGE_TAGS (the same for the whole build).
_languages = {}


def remember(path, context):
    obj = context.get("article") or context.get("page")
    _written[os.path.normpath(path)] = obj if isinstance(obj, Article | Page) else None
    if context.get("LANGUAGE_ALTERNATES"):
        _languages.update(alternates=context["LANGUAGE_ALTERNATES"],
                          tags=context.get("LANGUAGE_TAGS") or {})


def lastmod(obj):
    """W3C datetime of the page's Modified, else Date; None when it has neither."""
    when = getattr(obj, "modified", None) or getattr(obj, "date", None)
    if when is None:
        return None
    if when.tzinfo is None:
        return when.strftime("%Y-%m-%d")  # no zone known: the day alone is still true
    return when.isoformat(timespec="seconds")


def _config(settings):
    config = settings.get("SITEMAP") or {}
    if not isinstance(config, dict):
        raise ValueError("SITEMAP must be a dict such as {\"exclude\": [\"^drafts/\"]}")
    unknown = set(config) - {"format", "exclude", "priorities", "changefreqs"}
    if unknown:
        raise ValueError(f"SITEMAP has unknown key(s) {sorted(unknown)}; allowed: "
                         "exclude, priorities, changefreqs")
    if config.get("format", "xml") != "xml":
        raise ValueError("SITEMAP format must be \"xml\" (the only one this plugin writes)")
    for name in ("priorities", "changefreqs"):
        for kind, value in (config.get(name) or {}).items():
            if kind not in KINDS:
                raise ValueError(f"SITEMAP {name} key {kind!r} is not one of {list(KINDS)}")
            if name == "changefreqs" and value not in FREQUENCIES:
                raise ValueError(f"SITEMAP changefreqs value {value!r} is not one of "
                                 f"{sorted(FREQUENCIES)}")
            if name == "priorities" and not (isinstance(value, int | float)
                                             and 0 <= value <= 1):
                raise ValueError(f"SITEMAP priorities value {value!r} is not a number "
                                 "from 0.0 to 1.0")
    return config


def entries(written, output_path, config):
    """[(url path, obj)] of the pages to list, sorted by URL."""
    exclude = [re.compile(pattern) for pattern in config.get("exclude", ())]
    listed = {}
    for path, obj in written.items():
        relative = os.path.relpath(path, output_path).replace(os.sep, "/")
        if not relative.endswith(".html"):
            continue  # only pages; robots.txt and the like are not
        if obj is not None:
            if obj.status != "published" or getattr(obj, "private", "") == "True":
                continue
            relative = obj.url or relative
        url = re.sub(r"(^|/)index\.html$", r"\1", relative)
        if any(pattern.search(url) for pattern in exclude):
            continue
        listed[url] = obj
    return sorted(listed.items())


def _address(siteurl, url):
    return escape(siteurl + '/' + quote(url, safe=_URL_SAFE), {'"': "&quot;"})


def render(siteurl, items, config, languages=None):
    alternates = (languages or {}).get("alternates") or {}
    tags = (languages or {}).get("tags") or {}
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
             + (' xmlns:xhtml="http://www.w3.org/1999/xhtml"' if alternates else '') + '>']
    for url, obj in items:
        kind = ("articles" if isinstance(obj, Article) else
                "pages" if isinstance(obj, Page) else "indexes")
        lines.append("<url>")
        lines.append(f"<loc>{_address(siteurl, url)}</loc>")
        found = alternates.get(url) or ()
        for lang, other in found:
            lines.append(f'<xhtml:link rel="alternate" hreflang="{escape(tags.get(lang, lang))}"'
                         f' href="{_address(siteurl, other)}"/>')
        if found:
            lines.append('<xhtml:link rel="alternate" hreflang="x-default"'
                         f' href="{_address(siteurl, found[0][1])}"/>')
        stamp = lastmod(obj)
        if stamp:
            lines.append(f"<lastmod>{stamp}</lastmod>")
        frequency = (config.get("changefreqs") or {}).get(kind)
        if frequency:
            lines.append(f"<changefreq>{frequency}</changefreq>")
        priority = (config.get("priorities") or {}).get(kind)
        if priority is not None:
            lines.append(f"<priority>{float(priority):.1f}</priority>")
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


class StableSitemapError(Exception):
    """SITEMAP has a value this plugin cannot use; the message names it and the fix, and
    `.findings` holds the same as one finding dict (docs/plugin-contract.md)."""

    def __init__(self, problem):
        super().__init__(f"stable_sitemap: {problem}. Fix the setting SITEMAP in "
                         "pelicanconf.py and build again.")
        self.findings = [{"check": "sitemap", "file": "pelicanconf.py", "line": 0,
                          "field": "SITEMAP", "what": problem, "fix": "correct the "
                          "setting SITEMAP (the sitemap plugin's README lists what it "
                          "takes)", "page": ""}]


def check_settings(pelican):
    """A wrong SITEMAP stops the build before anything is written, with one message."""
    _written.clear()
    _languages.clear()
    try:
        _config(pelican.settings)
    except ValueError as error:
        raise StableSitemapError(str(error)) from None


def write(pelican):
    written, languages = dict(_written), dict(_languages)
    _written.clear()
    _languages.clear()
    config = _config(pelican.settings)
    items = entries(written, pelican.output_path, config)
    siteurl = (pelican.settings.get("SITEURL") or "").rstrip("/")
    with open(os.path.join(pelican.output_path, "sitemap.xml"), "w", encoding="utf-8",
              newline="\n") as out:
        out.write(render(siteurl, items, config, languages))


def register():
    signals.initialized.connect(check_settings)
    signals.content_written.connect(remember)
    signals.finalized.connect(write)
