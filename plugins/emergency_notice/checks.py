"""The notice's rule, as a pure check the plugin and `make check` share: every HTML page
holds exactly one #emergency-notice, and it comes before <main>.

No Pelican here: tools import this module to check a built site. `make check` reads each
page from the one tree the privacy audit parsed (its `page_parsed` signal) and hands
notice_problems what it found there; the plugin itself passes a page's text.
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
        if is_notice(dict(attrs)):
            self.notices.append(self.getpos())

    handle_startendtag = handle_starttag


class TreePlaces:
    """The same as NoticePlaces, from a page already parsed into a selectolax tree (the
    privacy audit's, which parses every page once). Positions are (order, tag, index):
    the element's place in the document and its index among elements of its name."""

    def __init__(self, tree):
        self.notices, self.main = [], None
        seen = {}
        for order, node in enumerate(tree.root.traverse(include_text=False)):
            tag = node.tag
            if not tag or tag.startswith(("-", "_", "!")):  # text, comments, doctype
                continue
            index = seen.get(tag, 0)
            seen[tag] = index + 1
            if tag == "main" and self.main is None:
                self.main = (order, tag, index)
            if node.attributes and is_notice(node.attributes):
                self.notices.append((order, tag, index))


def is_notice(attrs):
    """Whether an element (a dict of its attributes) is the notice."""
    return attrs.get("id") == NOTICE_ID


def notice_problems(page):
    """[(position, problem, fix)] for a page that breaks the rule; [] for a good one.

    `page` is the page's HTML, or an already parsed page with the same two attributes as
    NoticePlaces: `notices` (positions) and `main` (a position, or None). Positions are
    whatever the reader uses, compared for document order: NoticePlaces' (line, column);
    the position of the offending notice is given back (None: the whole page)."""
    if isinstance(page, str):
        page = NoticePlaces(page)
    notices, main = page.notices, page.main
    if not notices:
        return [(None, f"this page has no emergency notice (#{NOTICE_ID})", FIX)]
    if len(notices) > 1:
        return [(notices[1], f"this page has {len(notices)} emergency notices; it must "
                 "have exactly one", "Remove the extra notice from the template or the post. "
                 + FIX)]
    if main is not None and notices[0] > main:
        return [(notices[0], "the emergency notice comes after <main>; it must come "
                 "before the main content, at the same place on every page", FIX)]
    return []
