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

from browsing import DESKTOP, PHONE, one_per_type, report

ROOT = Path(__file__).resolve().parents[2]

from privacy_guard import headers  # noqa: E402  (plugins/ is on pytest's pythonpath)

pytestmark = pytest.mark.browser

HIT_JS = """() => {
  const notice = document.getElementById('emergency-notice');
  if (!notice) return {problem: 'no #emergency-notice'};
  const r = notice.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return {problem: `zero-sized (${r.width}x${r.height})`};
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight)
    return {problem: `its centre (${x}, ${y}) is off screen`};
  const hit = document.elementFromPoint(x, y);
  if (!hit) return {problem: 'nothing at its centre'};
  if (!notice.contains(hit)) {
    const name = hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '') +
                 (hit.className && typeof hit.className === 'string' ? '.' + hit.className : '');
    return {problem: `covered by <${name}> at its centre`};
  }
  return {problem: null};
}"""


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

@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_notice_is_what_the_browser_finds_at_its_centre(browser, served_site, pages,
                                                            viewport):
    origin = served_site.origin
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        # The probe first: a notice covered by another box is reported as covered.
        page.goto(origin + pages[0], wait_until="load")
        page.evaluate("""() => { const c = document.createElement('div');
            c.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:99';
            document.body.append(c); }""")
        assert "covered" in (page.evaluate(HIT_JS)["problem"] or "")

        problems = []
        for path in pages:
            page.goto(origin + path, wait_until="load")
            problem = page.evaluate(HIT_JS)["problem"]
            if problem:
                problems.append(f"{path}: {problem}")
    finally:
        context.close()
    assert pages
    report(problems, f"Emergency notice not found at its centre ({viewport['width']} px)")


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
