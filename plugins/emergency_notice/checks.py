"""The notice's rule, as a pure check the plugin and `make check` share: every HTML page
holds exactly one #emergency-notice, and it comes before <main>.

No Pelican here: tools import this module to check a built site.
"""

from html.parser import HTMLParser

NOTICE_ID = "emergency-notice"
FIX = ("Render {{ emergency_notice_html }} once, in the theme's base.html right after the "
       "skip link (before <main>), and keep emergency_notice in PLUGINS (pelicanconf.py).")


class NoticePlaces(HTMLParser):
    """Where a page's notices and its first <main> start, as (line, column)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.notices, self.main = [], None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "main" and self.main is None:
            self.main = self.getpos()
        if any(key == "id" and value == NOTICE_ID for key, value in attrs):
            self.notices.append(self.getpos())

    handle_startendtag = handle_starttag


def notice_problems(page):
    """[(line, problem, fix)] for a page that breaks the rule; [] for a good one.

    `page` is the page's HTML, or an already parsed page with the same two attributes as
    NoticePlaces: `notices` (positions) and `main` (a position, or None)."""
    if isinstance(page, str):
        page = NoticePlaces(page)
    notices, main = page.notices, page.main
    if not notices:
        return [(0, f"this page has no emergency notice (#{NOTICE_ID})", FIX)]
    if len(notices) > 1:
        return [(notices[1][0], f"this page has {len(notices)} emergency notices; it must "
                 "have exactly one", "Remove the extra notice from the template or the post. "
                 + FIX)]
    if main is not None and notices[0] > main:
        return [(notices[0][0], "the emergency notice comes after <main>; it must come "
                 "before the main content, at the same place on every page", FIX)]
    return []
