"""The footer nav's rule, as a pure check the plugin's fallback and `make check` share:
every HTML page holds `<nav aria-label="Policies">`, the label in the page's language
(its catalog translation, e.g. "Politiques" on a French page: the caller passes it).

No Pelican here: tools import this module to check a built site (`make check` asks
is_policy_nav of each element of the one tree the privacy audit parsed).
"""

from html.parser import HTMLParser

NAV_LABEL = "Policies"
FIX = ("Render {{ policy_nav_html(SITEURL) }} in the footer of every page's template (the "
       "project theme does it in partials/footer.html), and keep policies in PLUGINS.")


def is_policy_nav(tag, attrs, label=NAV_LABEL):
    """Whether a start tag (its name and a dict of its attributes) opens the policy nav
    (`label`: its name in the page's language)."""
    return tag == "nav" and attrs.get("aria-label") == label


class NavFinder(HTMLParser):
    def __init__(self, html, label=NAV_LABEL):
        super().__init__(convert_charrefs=True)
        self.policy_nav = False
        self.label = label
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.policy_nav = self.policy_nav or is_policy_nav(tag, dict(attrs), self.label)


def nav_problems(page, label=NAV_LABEL):
    """[(position, problem, fix)]: one finding for a page without the policy nav, else
    []; the position is None (the whole page). `page` is the page's HTML, or a parsed
    page with a boolean `policy_nav`; `label` the nav's name in the page's language."""
    if isinstance(page, str):
        page = NavFinder(page, label)
    if page.policy_nav:
        return []
    return [(None, f'this page has no policy links (<nav aria-label="{label}">)', FIX)]
