"""In real Chromium: the promises the privacy guard and the notice make, tried the way a
visitor meets them.

- Following an outgoing link (one per kind of page) sends no Referer to the other site.
- On every page, at 360 and 1280 px wide, the emergency notice is what the browser finds
  at its own centre (elementFromPoint): not hidden, covered, zero-sized or off screen.
- The security headers the build writes carry only Permissions-Policy features that
  Chromium recognises (it reports the others in the console).

Each test first proves that its probe can see a failure, so none can pass on nothing.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import DESKTOP, PHONE, one_per_type, report, select_pages

ROOT = Path(__file__).resolve().parents[2]
PAINT_OVER = Path(__file__).resolve().parent / "paint_over"

from privacy_guard import headers  # noqa: E402  (plugins/ is on pytest's pythonpath)

pytestmark = pytest.mark.browser

def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# ---- Referer ------------------------------------------------------------------------

def _follow(context, page, url, origin):
    """Open `url`, click its first link to another origin; return (href, Referer sent) or
    None when the page links nowhere else. Other origins get a stub answer, so nothing
    leaves the machine."""
    sent = []

    def route(r):
        if _origin(r.request.url) != origin:
            sent.append((r.request.url, r.request.headers.get("referer")))
            r.fulfill(status=200, content_type="text/plain", body="stub")
        else:
            r.continue_()

    context.route("**/*", route)
    try:
        page.goto(url, wait_until="load")
        href = page.evaluate("""origin => {
            const a = [...document.querySelectorAll('a[href]')]
              .find(a => /^https?:/.test(a.href) && new URL(a.href).origin !== origin);
            return a ? a.getAttribute('href') : null; }""", origin)
        if href is None:
            return None
        link = page.locator(f'a[href="{href}"]').first
        link.click(modifiers=["Shift"])  # a new window: this page stays put
        for _ in range(100):  # the route handler runs while the test waits
            if sent:
                break
            page.wait_for_timeout(50)
        for other in context.pages:
            if other is not page:
                other.close()
        return href, [referer for _target, referer in sent]
    finally:
        context.unroute("**/*")


def test_following_an_outgoing_link_sends_no_referer(browser, served_site, pages):
    origin = served_site.origin
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        # The probe first: a page of the same site without the no-referrer policy does
        # send a Referer, and the probe sees it.
        probe = served_site.directory / "referer-probe.html"
        probe.write_text('<!DOCTYPE html><title>probe</title>'
                         '<a href="https://other.example/">out</a>', encoding="utf-8")
        try:
            followed = _follow(context, page, origin + "/referer-probe.html", origin)
        finally:
            probe.unlink()
        assert followed and followed[1] and all(followed[1]), followed

        kinds = one_per_type(pages)
        assert len(kinds) >= 5, kinds
        problems, clicked = [], 0
        for path in kinds:
            followed = _follow(context, page, origin + path, origin)
            if followed is None:
                continue
            clicked += 1
            href, referers = followed
            problems += [f"{path} -> {href}: Referer {r}" for r in referers if r]
        assert clicked >= len(kinds) - 1, "most kinds of page should link elsewhere"
    finally:
        context.close()
    report(problems, "Referer sent to another origin")


# ---- the notice, found where it is ---------------------------------------------------

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

# Run in the page: take away whatever keeps content inside its box and the notice on top
# (paint containment, clipping, the notice's stacking context), found by computed style
# rather than by name, so the probe is the theme as it was before it contained anything.
UNCONTAIN_JS = """() => {
  for (const el of document.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.contain !== 'none') el.style.contain = 'none';
    if (cs.overflowX === 'clip' || cs.overflowY === 'clip') el.style.overflow = 'visible';
  }
  const n = document.getElementById('emergency-notice');
  Object.assign(n.style, {position: 'static', zIndex: 'auto', isolation: 'auto'});
}"""

MEDIA = ("screen", "print")

# The paint-over pages whose attempt really covers the notice once the theme's
# containment is taken away (the others dress up as the theme without moving: the guard
# refuses their names; the theme keeps them in place). Each must be seen covering, on
# screen, or the probe and the attempts prove nothing.
COVERS_WHEN_UNCONTAINED = ["/", "/blog/", "/blog/paint-over-skip-link-raw/",
                           "/blog/paint-over-skip-link-markdown/",
                           "/blog/paint-over-svg-overflow/", "/blog/paint-over-svg-viewbox/",
                           "/blog/paint-over-quote/", "/paint-over-page/"]
# A second <meta name="viewport"> in a post shrinks the whole page, notice included, on a
# phone. No stylesheet can undo the zoom a later viewport <meta> sets, so the theme cannot
# defend this one: the guard refuses the <meta> (test below). Here it is only checked that
# the readability probe does see it.
GUARD_ONLY = "/blog/paint-over-viewport/"


def _context(browser, viewport):
    # 360 px is a phone: mobile emulation, so a viewport <meta> is honoured as on one.
    return browser.new_context(viewport=viewport, is_mobile=viewport is PHONE)


def _notice_problems(page, url, *, uncontain=False):
    """{media: [problem]} for the page at `url`, on screen and in print emulation."""
    page.goto(url, wait_until="load")
    if uncontain:
        page.evaluate(UNCONTAIN_JS)
    found = {}
    for media in MEDIA:
        page.emulate_media(media=media)
        found[media] = page.evaluate(HIT_JS, READABLE_PX)
    page.emulate_media(media="screen")
    return found


def _paint_over_pages(site):
    """The pages of the paint-over build that hold an attempt or list one (posts, the
    page, the home page, lists of posts): every page that names a paint-over post."""
    return [path for path in select_pages(site.directory)
            if "Paint over" in (site.directory / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))).read_text(encoding="utf-8")]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_nothing_covers_the_emergency_notice(browser, served_site, pages, paint_over_site,
                                             viewport):
    """At the notice's centre and each of its links, on screen and in print, on every page
    of the sample and on every page holding a paint-over attempt (built with the guard
    only reporting), the browser finds the notice."""
    attempts = _paint_over_pages(paint_over_site)
    posts = sorted(f"/blog/{_slug(p)}/" for p in (PAINT_OVER / "posts").glob("*.md"))
    assert set(posts) | set(COVERS_WHEN_UNCONTAINED) <= set(attempts), attempts
    context = _context(browser, viewport)
    page = context.new_page()
    problems = []
    try:
        # The probe first: a box laid over the notice is reported, at the centre and links.
        page.goto(served_site.origin + pages[0], wait_until="load")
        page.evaluate("""() => { const c = document.createElement('div');
            c.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:99';
            document.body.append(c); }""")
        seen = page.evaluate(HIT_JS, READABLE_PX)
        assert any(p.startswith("centre: covered") for p in seen), seen
        assert any(p.startswith("link 1 ") and "covered" in p for p in seen), seen
        # The skip link, focused, is drawn above the notice it overlaps; unfocused it is
        # off screen, which is how this probe can fail.
        skip = """() => { const a = document.querySelector('a.skip-link');
            const r = a.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return r.bottom > 0 && !!hit && a.contains(hit); }"""
        page.reload(wait_until="load")
        assert not page.evaluate(skip)
        page.focus("a.skip-link")
        assert page.evaluate(skip), "the focused skip link is hidden behind something"

        for path in pages:
            for media, found in _notice_problems(page, served_site.origin + path).items():
                problems += [f"{path} ({media}): {p}" for p in found]

        origin = paint_over_site.origin
        for path in attempts:
            for media, found in _notice_problems(page, origin + path).items():
                if path == GUARD_ONLY and viewport is PHONE:
                    assert media == "print" or [p for p in found if "px tall" in p], found
                    continue
                problems += [f"paint-over {path} ({media}): {p}" for p in found]
        # The attempts are real: with the theme's containment taken away, each of these
        # covers the notice on screen.
        harmless = [path for path in COVERS_WHEN_UNCONTAINED
                    if not _notice_problems(page, origin + path, uncontain=True)["screen"]]
        assert not harmless, f"these attempts cover nothing even uncontained: {harmless}"
    finally:
        context.close()
    assert pages
    report(problems, f"Emergency notice not found where it is ({viewport['width']} px)")


@pytest.mark.xfail(strict=True, reason="the guard does not refuse a viewport <meta> in "
                   "content yet (the pages helper's part of issue 21); remove this mark "
                   "when it does")
def test_the_guard_reports_a_viewport_meta_the_theme_cannot_defend(paint_over_site):
    # The paint-over build's own report (the guard only reported, so the page was built).
    report_text = paint_over_site.report
    assert "content/posts/viewport.md" in report_text, report_text[-2000:]
    assert 'name="viewport"' in report_text, report_text[-2000:]


def _slug(path):
    """A paint-over post's Slug field."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lower().startswith("slug:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"{path} has no Slug")


# ---- Permissions-Policy -----------------------------------------------------------

def _header_console(browser, served_site, path, extra_features=()):
    """Console messages of a page served with the build's security headers (the local
    server sends none, so they are added to its answer here)."""
    origin = served_site.origin
    pairs = dict(headers.header_pairs())
    pairs["Permissions-Policy"] = ", ".join(
        [pairs["Permissions-Policy"]] + [f"{name}=()" for name in extra_features])
    context = browser.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda msg: messages.append(msg.text))

    def route(r):
        if r.request.url == origin + path:
            response = r.fetch()
            r.fulfill(response=response, headers={**response.headers, **pairs})
        else:
            r.continue_()

    context.route("**/*", route)
    try:
        page.goto(origin + path, wait_until="load")
        page.wait_for_timeout(200)
    finally:
        context.close()
    return [m for m in messages if "permissions-policy" in m.lower()]


def test_permissions_policy_names_only_features_chromium_recognises(browser, served_site,
                                                                    pages):
    # The probe first: a name Chromium does not know is reported.
    reported = _header_console(browser, served_site, pages[0], ["ambient-light-sensor"])
    assert any("ambient-light-sensor" in m for m in reported), reported
    report(_header_console(browser, served_site, pages[0]), "Permissions-Policy complaints")
