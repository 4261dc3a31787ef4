"""Shared pieces of the browser suite: constants, page selection, recording, reporting.

The fixtures that drive the browser live in conftest.py; this module holds what both they
and the test modules need, under a name that cannot clash with the root conftest.

How the suite works (one session does all the browsing, so ~50 pages take about a minute
or two):
- the publish configuration is built once, with SITEURL set to the local server's origin,
  so every absolute link the site prints stays on this machine;
- one Chromium, driven by Playwright, visits every selected page once per colour scheme at
  1280x800 (network, console, DOM and axe-core records), and once more at 360x640 for the
  phone checks (emergency notice on screen, keyboard path, no sideways scrolling, and
  axe-core on one page of each kind);
- on each page (light scheme), the emergency notice is probed where it is drawn, on
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
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("light", "dark")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 640}
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


def notice_hits(page):
    """{media: [problem]}: HIT_JS on the loaded page, on screen and in print emulation."""
    found = {}
    for media in MEDIA:
        page.emulate_media(media=media)
        found[media] = page.evaluate(HIT_JS, READABLE_PX)
    page.emulate_media(media="screen")
    return found


# What has focus, described well enough to tell the skip link, main and links apart.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {tag: el.localName, id: el.id, cls: el.getAttribute('class') || '',
          href: el.getAttribute('href'),
          inNotice: !!el.closest('#emergency-notice')};
}"""


@dataclass
class PageRecord:
    """What one visit saw."""
    path: str
    requests: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    console: list = field(default_factory=list)
    inspect: dict = field(default_factory=dict)
    axe: list = field(default_factory=list)
    hits: dict = field(default_factory=dict)  # notice_hits()


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


def is_post(path):
    """Post pages live at /blog/<slug>/ (ARTICLE_URL); list pages use the reserved words."""
    match = re.fullmatch(r"/blog/([^/]+)/", path)
    return bool(match) and match.group(1) not in PAGE_TYPE_WORDS


def watch(context, page, origin):
    """Record every request of `page` into page.record (the visit it belongs to); block
    other origins. A request the browser cancels itself (net::ERR_ABORTED: the favicon,
    when the test moves to the next page or follows the skip link) is not a failure of the
    site; a missing file still shows as an HTTP error here and in the server's log."""
    owner = {}

    def route(r):
        if urlsplit(r.request.url)._replace(path="", query="", fragment="").geturl() != origin:
            page.record.foreign.append(r.request.url)
            r.abort("blockedbyclient")
        else:
            r.continue_()

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

    context.route("**/*", route)
    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: page.record.console.append(f"uncaught: {exc}"))


def run_axe(page):
    """axe-core's WCAG A/AA violations on the loaded page, one readable line each.

    Playwright evaluates through the DevTools protocol, which the page's CSP does not
    govern, so axe runs while the site's own rules stay in force.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
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
