"""Production settings, used by `make publish` (and `make check`).

Everything in pelicanconf.py applies, then this: absolute URLs, feeds, no drafts.
The site's address comes from the SITEURL environment variable when it is set:
    SITEURL=https://www.example.org make publish
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://harborlight.example").rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TAG_FEED_ATOM = None
FEED_MAX_ITEMS = 20

# Drafts and scheduled (future-dated) posts never reach the live site.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
WITH_FUTURE_DATES = False

# Start from an empty output folder so nothing stale is published.
DELETE_OUTPUT_DIRECTORY = True
# Production builds never reuse the dev server's cache.
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
