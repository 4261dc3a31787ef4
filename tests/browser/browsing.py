"""Shared pieces of the browser suite: constants, page selection, recording, reporting.

The fixtures that drive the browser live in conftest.py; this module holds what both they
and the test modules need, under a name that cannot clash with the root conftest.

How the suite works (one session does all the browsing):
- the publish configuration is built once, with SITEURL set to the local server's origin,
  so every absolute link the site prints stays on this machine;
- one Chromium, driven by Playwright, loads every selected page once, and looks at it in
  three views without reloading it: 1280x800 in the dark scheme, the same in the light
  scheme (emulated), then 360x640 (the window resized). A page's look is its DOM and the
  stylesheets' media queries, both recomputed by the browser on each change, and what a
  view needs that the others did not (a picture for a narrow screen or a dark scheme) is
  requested then and recorded with the visit. Each view gets the DOM records and, on the
  pages chosen by axe_pages, axe-core; the phone view gets the keyboard checks;
- in the light and phone views, the emergency notice is probed where it is drawn, on
  screen and in print emulation (notice_hits);
- the tests then read those records, each test one promise, listing every page that
  breaks it.
Anything addressed to another origin is blocked before it leaves the machine, and recorded.
"""

import os
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("light", "dark")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 640}
# The crawl's views of each page: (viewport, colour scheme), in the order they are taken
# (the phone's last: its keyboard walk moves focus).
VIEWS = {"dark": (DESKTOP, "dark"), "light": (DESKTOP, "light"), "phone": (PHONE, "light")}
# Every page of a site up to this size; above it, one page of each type plus a fixed
# random sample of the rest, up to this many.
PAGE_LIMIT = int(os.environ.get("BROWSER_PAGE_LIMIT", "150"))
# Path segments that name a kind of page rather than one page (see pelicanconf URLs).
PAGE_TYPE_WORDS = {"blog", "category", "tag", "author", "page", "archives", "categories",
                   "tags", "authors"}
INSTALL_HINT = (f"Chromium not found at {os.environ.get('CHROMIUM', '/usr/bin/chromium')}: "
                "install it with `apt-get install chromium` to run the browser tests")

# Run in the page after load: scripts, inline handlers and javascript: URLs in the DOM;
# the emergency notice's box; the share links; sideways overflow.
INSPECT_JS = """() => {
  const scripts = [...document.querySelectorAll('script')]
    .filter(s => (s.type || '').toLowerCase() !== 'application/ld+json')
    .map(s => s.outerHTML.slice(0, 160));
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name) || /^\\s*javascript:/i.test(attr.value))
        handlers.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 60)}">`);
    }
  }
  const notices = document.querySelectorAll('#emergency-notice');
  let box = null;
  if (notices.length) {
    const r = notices[0].getBoundingClientRect();
    const style = getComputedStyle(notices[0]);
    box = {top: r.top, left: r.left, bottom: r.bottom, right: r.right,
           hidden: style.display === 'none' || style.visibility !== 'visible' || r.height === 0};
  }
  const share = [...document.querySelectorAll('.share-buttons a')].map(a => ({
    href: a.getAttribute('href'), rel: a.getAttribute('rel') || '',
    name: (a.getAttribute('aria-label') || a.textContent || '').trim().replace(/\\s+/g, ' ')}));
  const icons = [...document.querySelectorAll('link[rel~="icon"]')].map(l => l.href);
  return {scripts, handlers, notices: notices.length, box, share, icons,
          viewport: {width: innerWidth, height: innerHeight},
          scrollWidth: document.documentElement.scrollWidth};
}"""

# The notice's rendered height on screen (CSS px times the pinch zoom) below which it
# no longer reads on a phone: the sample's is about 100 px at 360 px wide.
READABLE_PX = 20

# Run in the page: what is wrong with the emergency notice as the browser draws it. At
# its centre and at the centre of each of its links, elementFromPoint must find the notice
# (the link itself, for a link): not hidden, covered, zero-sized, off screen or shrunk.
HIT_JS = """readable => {
  const notice = document.getElementById('emergency-notice');
  if (!notice) return ['no #emergency-notice'];
  const problems = [];
  const name = el => el.localName + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const probe = (what, target) => {
    const r = target.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return problems.push(`${what}: zero-sized (${r.width}x${r.height})`);
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight)
      return problems.push(`${what}: centre (${x | 0}, ${y | 0}) off screen`);
    const hit = document.elementFromPoint(x, y);
    if (!hit) return problems.push(`${what}: nothing there`);
    if (!target.contains(hit)) problems.push(`${what}: covered by <${name(hit)}>`);
  };
  probe('centre', notice);
  notice.querySelectorAll('a').forEach((a, i) =>
    probe(`link ${i + 1} "${a.textContent.trim().slice(0, 30)}"`, a));
  const shown = notice.getBoundingClientRect().height * (visualViewport ? visualViewport.scale : 1);
  if (shown < readable) problems.push(`only ${shown.toFixed(1)} px tall on screen`);
  return problems;
}"""

MEDIA = ("screen", "print")


def notice_hits(page, media=MEDIA, start="screen", restore=True):
    """{medium: [problem]}: HIT_JS on the loaded page in each medium of `media` (on screen
    and in print emulation), in that order, the page being in `start` to begin with. It is
    put back on screen unless `restore` is false (then it stays in the last medium: each
    change of medium lays the whole page out again, so a caller probing twice goes
    screen, print, then print, screen)."""
    found, current = {}, start
    for medium in media:
        if medium != current:
            page.emulate_media(media=medium)
            current = medium
        found[medium] = page.evaluate(HIT_JS, READABLE_PX)
    if restore and current != "screen":
        page.emulate_media(media="screen")
    return found


# The two sizes the hit tests look at a page in: a phone (360 px, the viewport <meta>
# honoured as on one) and a desktop window (1280 px).
HIT_SIZES = ((PHONE, True), (DESKTOP, False))


def resize(cdp, viewport, mobile):
    """Show the loaded page at `viewport`, as a phone (`mobile`: what a context made with
    is_mobile emulates, the viewport <meta> included) or a desktop window, without
    reloading it: the layout is recomputed as for a page loaded at that size (the site's
    policy, script-src 'none', leaves nothing else that could depend on the size a page
    was loaded at). When this was written, the probe found the same on every paint-over
    and corpus page loaded at each size as loaded once and resized, in either order."""
    width, height = viewport["width"], viewport["height"]
    params = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
              "screenWidth": width, "screenHeight": height}
    if mobile:
        params["screenOrientation"] = {"angle": 0, "type": "portraitPrimary"}
    cdp.send("Emulation.setDeviceMetricsOverride", params)


class SizedVisits:
    """Load each page once and look at it in both HIT_SIZES, starting with the size the
    page before it ended in (so no page is resized just before it is left)."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport=PHONE, is_mobile=True)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.current = HIT_SIZES[0]  # what the context was made with

    def visit(self, url):
        """Load `url`, then yield (viewport, mobile) once the page is at each size."""
        self.page.goto(url, wait_until="load")
        yield from self.each_size()

    def hits(self, first):
        """notice_hits at the size the page is at: screen then print at the `first` of
        the two sizes, print then screen at the other, so the medium changes twice a page
        rather than four times, and the page ends on screen."""
        if first:
            return notice_hits(self.page, ("screen", "print"), restore=False)
        return notice_hits(self.page, ("print", "screen"), start="print")

    def each_size(self):
        """Put the loaded page at each of HIT_SIZES in turn, the one it is at first."""
        for size in sorted(HIT_SIZES, key=lambda size: size != self.current):
            if size != self.current:
                resize(self.cdp, *size)
                self.current = size
            yield size

    def close(self):
        self.context.close()


# What has focus, described well enough to tell the skip link, main and links apart.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {tag: el.localName, id: el.id, cls: el.getAttribute('class') || '',
          href: el.getAttribute('href'),
          inNotice: !!el.closest('#emergency-notice')};
}"""


@dataclass
class View:
    """What one view of a loaded page showed (see VIEWS)."""
    inspect: dict = field(default_factory=dict)
    axe: list = None  # axe-core's violations; None where axe did not run (see axe_pages)
    hits: dict = None  # notice_hits(), in the light and phone views


@dataclass
class PageRecord:
    """What one visit saw: its network and console in every view, then each view."""
    path: str
    requests: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    console: list = field(default_factory=list)
    views: dict = field(default_factory=dict)  # {view name: View}
    tabs: list = field(default_factory=list)  # the phone view's keyboard path
    notice_tel: list = field(default_factory=list)
    after_skip: dict = None


def page_type(rel):
    """A page's kind from its file path: blog/tag/x/index.html -> ('blog', 'tag', '*');
    index.html -> ('home',); a page with its own file name (404.html) is a kind of its own."""
    parts = Path(rel).parts
    kind = tuple(p if p in PAGE_TYPE_WORDS else "*" for p in parts[:-1])
    if parts[-1] != "index.html":
        kind += (parts[-1],)
    return kind or ("home",)


def one_per_type(paths):
    """The first URL path of each kind of page, in order."""
    seen, chosen = set(), []
    for path in paths:
        rel = path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")
        if page_type(rel) not in seen:
            seen.add(page_type(rel))
            chosen.append(path)
    return chosen


def select_pages(site, limit=PAGE_LIMIT):
    """Site-relative URL paths of the pages to visit: all, or every type plus a sample."""
    rels = [p.relative_to(site).as_posix() for p in sorted(Path(site).rglob("*.html"))]
    if len(rels) > limit:
        by_type = defaultdict(list)
        for rel in rels:
            by_type[page_type(rel)].append(rel)
        chosen = {group[0] for group in by_type.values()}
        rest = sorted(set(rels) - chosen)
        chosen |= set(random.Random(20261125).sample(rest, max(0, limit - len(chosen))))
        rels = sorted(chosen)
    return ["/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
            for rel in rels]


# The views of a French or Spanish page (language_crawl): what a language changes is the
# words, so the layouts their lengths can break (a desktop window, a phone), in one scheme
# (colours do not depend on the words; the English crawl looks at both schemes).
LANGUAGE_VIEWS = {"light": (DESKTOP, "light"), "phone": (PHONE, "light")}
# axe-core, the costliest look (most of a page's time), runs in one of them: the phone,
# where longer words have the least room (the English crawl runs it in every view).
LANGUAGE_AXE_VIEW = "phone"
# The blocks the kit writes into a page in its language (the crisis lines in a page's
# text, the email disclosure, a policy notice, the share links, the privacy officer, the
# policies nav): a page holding one not yet chosen is chosen.
KIT_BLOCKS = (".crisis-lines", ".email-disclosure", ".policy-notice", "nav.share-buttons",
              ".privacy-officer", ".policy-nav")


def language_pages(site):
    """The pages of a French or Spanish site that the browser looks at: the English crawl
    already sees every page of every template; here each template and each kind of
    address once (one_per_type, and the first page of each body class), and the first page
    holding each of KIT_BLOCKS, so every string of the catalogs a page can show is drawn
    at least once in the language (about 15 pages of a site's 30)."""
    from selectolax.lexbor import LexborHTMLParser

    paths = select_pages(site)
    chosen, templates, blocks = list(one_per_type(paths)), set(), set()
    for path in paths:
        tree = LexborHTMLParser(page_file(site, path).read_bytes())
        template = tree.body.attributes.get("class") if tree.body is not None else None
        found = {block for block in KIT_BLOCKS if tree.css_first(block) is not None}
        if (template not in templates or found - blocks) and path not in chosen:
            chosen.append(path)
        templates.add(template)
        blocks |= found
    return [path for path in paths if path in chosen]


def is_post(path):
    """Post pages live at /blog/<slug>/ (ARTICLE_URL); list pages use the reserved words."""
    match = re.fullmatch(r"/blog/([^/]+)/", path)
    return bool(match) and match.group(1) not in PAGE_TYPE_WORDS


def other_origins(origin):
    """A route pattern for every URL but those of `origin`: the site's own requests are
    then matched and let through inside Playwright's driver, without a round trip to
    Python each (which made every page load cost more than the page itself)."""
    return re.compile("^(?!" + re.escape(origin + "/") + ")")


def watch(context, page, origin):
    """Record every request of `page` into page.record (the visit it belongs to); block
    other origins. A request the browser cancels itself (net::ERR_ABORTED: the favicon,
    when the test moves to the next page or follows the skip link) is not a failure of the
    site; a missing file still shows as an HTTP error here and in the server's log."""
    owner = {}

    def route(r):  # only other origins reach this (see other_origins)
        page.record.foreign.append(r.request.url)
        r.abort("blockedbyclient")

    def on_request(req):
        owner[id(req)] = page.record
        page.record.requests.append(req.url)

    def on_failed(req):
        record = owner.get(id(req), page.record)
        if req.url in record.foreign:
            return
        if req.failure == "net::ERR_ABORTED":
            return
        record.failed.append(f"{req.url} ({req.failure})")

    def on_response(resp):
        if resp.status >= 400:
            owner.get(id(resp.request), page.record).failed.append(
                f"{resp.url} (HTTP {resp.status})")

    def on_console(msg):
        if msg.type == "error":
            page.record.console.append(msg.text)

    context.route(other_origins(origin), route)
    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: page.record.console.append(f"uncaught: {exc}"))


# What axe-core is asked to check: on the pages chosen below, the WCAG 2.x A and AA rules
# (AXE_TAGS), which are what the site claims; best-practice rules are not run.
# The pages: the fewest (chosen greedily) that between them hold every kind of element
# found on any page of the site. An element's kind is what axe's A/AA rules and the
# theme's selectors can see of it apart from its words: its chain of tags and classes
# from the root, the naming and ARIA attributes it carries (each: present, and empty or
# not) and whether it holds text of its own. Each template gives its pages a body class
# of its own, so every template is in the set; a page whose content brings any other kind
# of element (a list in a policy, a picture in a post, a table) is in it too. The pages
# left out differ from one in the set only in their words and addresses, which no A/AA
# rule checks beyond what the kind records (a link or picture without a name is a kind of
# its own). The colour scheme and the window width change only what the stylesheets
# select, which depends on the same chain, so one set serves every view. The first page of
# each kind of address (one_per_type: a tag page, a category page...) is added, so a
# template whose pages look like another's is still checked on a page of its own.
NAMING_ATTRIBUTES = {"alt", "title", "role", "href", "tabindex", "lang", "id", "for",
                     "headers", "scope", "type", "name", "value", "label", "src", "srcset"}


def element_kinds(html):
    """The kinds of element in one page (see above), as a set of hashable tuples."""
    from selectolax.lexbor import LexborHTMLParser

    kinds = set()

    def walk(node, chain):
        for child in node.iter(include_text=False):
            attrs = child.attributes
            named = tuple(sorted((name, bool((value or "").strip()))
                                 for name, value in attrs.items()
                                 if name in NAMING_ATTRIBUTES or name.startswith("aria-")))
            link = (child.tag, attrs.get("class") or "")
            own_text = bool((child.text(deep=False) or "").strip())
            kinds.add(chain + ((link, named, own_text),))
            walk(child, chain + (link,))

    walk(LexborHTMLParser(html).root, ())
    return kinds


def axe_pages(site, paths):
    """The URL paths (among `paths`) on which axe-core runs: see the comment above."""
    kinds = {path: element_kinds(page_file(site, path).read_text(encoding="utf-8"))
             for path in paths}
    left, chosen = set().union(*kinds.values()), []
    while left:
        best = max(paths, key=lambda path: len(kinds[path] & left))
        chosen.append(best)
        left -= kinds[best]
    chosen += one_per_type(paths)
    return [path for path in paths if path in chosen]


def page_file(site, path):
    """The built file of a site-relative URL path."""
    return Path(site) / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


# Run in the page after a view changes: wait until any transition or animation has
# ended, so nothing is measured halfway (the theme's colour transitions are off for a
# visitor who prefers reduced motion, as the crawl does; this is for any that are not).
SETTLE_JS = "() => Promise.all(document.getAnimations().map(a => a.finished))"


def inject_axe(page):
    """Load axe-core into the loaded page, once for all its views.

    Playwright evaluates through the DevTools protocol, which the page's CSP does not
    govern, so axe runs while the site's own rules stay in force. Evaluated only on the
    pages axe checks (not as an init script, which would load it into every page).
    """
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)


def run_axe(page):
    """axe-core's WCAG A/AA violations on the loaded page (inject_axe first), one line each."""
    result = page.evaluate(
        "opts => axe.run(document, opts)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    lines = []
    for violation in result["violations"]:
        nodes = "; ".join(
            " ".join(node["target"]) + ": " + (node.get("failureSummary") or "").replace("\n", " ")
            for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -- {nodes}")
    return lines


def report(problems, what):
    """Fail with one line per page and problem, or pass."""
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        pytest.fail(f"{what} on {len(problems)} occasion(s):\n{lines}", pytrace=False)
