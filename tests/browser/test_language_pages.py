"""In real Chromium, on French and Spanish pages: the sample's French-first Québec site and
Spanish-first US site (tests/language_samples.py), on the pages browsing.language_pages
chooses (every template, every kind of address, every block the kit writes in the page's
language), on a desktop and a phone (browsing.LANGUAGE_VIEWS):

- each page says its language (the sites are what they claim to be);
- axe-core finds no WCAG 2.x A/AA violation (on the phone: browsing.LANGUAGE_AXE_VIEW);
- the emergency notice is on screen on load, and the hit test finds it at its centre and
  at each of its links, on screen and in print;
- nothing scrolls sideways on the phone (the longer French and Spanish words included);
- nothing is requested from another origin.

Each test first proves that its probe can see a failure on one of these pages.
"""

import pytest

from browsing import (AXE_TAGS, DESKTOP, LANGUAGE_AXE_VIEW, LANGUAGE_VIEWS, PHONE,
                      inject_axe, notice_hits, report, run_axe)
from tests.language_samples import LANGUAGES

pytestmark = pytest.mark.browser

SIZES = {"light": DESKTOP, "phone": PHONE}


def _records(language_crawl):
    return [(language, path, record) for language, site in language_crawl.items()
            for path, record in site["pages"].items()]


def _probe_page(browser, language_crawl, script):
    """Open the first crawled French page in a fresh context, run `script` in it, and
    return the loaded Playwright page and its context (the caller closes it)."""
    site = language_crawl["fr"]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site["origin"] + next(iter(site["pages"])), wait_until="load")
    page.evaluate(script)
    return page, context


def test_each_page_says_its_language(language_crawl):
    assert set(language_crawl) == set(LANGUAGES)
    problems = []
    for language, site in language_crawl.items():
        assert len(site["pages"]) >= 10, (language, list(site["pages"]))
        expected = LANGUAGES[language][0]
        problems += [f"/{language}{path}: lang={r.views['light'].inspect['lang']!r}"
                     for path, r in site["pages"].items()
                     if r.views["light"].inspect["lang"] != expected]
    report(problems, "A page of a French or Spanish site not in its language")


def test_axe_finds_no_wcag_violations(browser, language_crawl):
    # The probe first: the same page without its language is a violation axe reports.
    page, context = _probe_page(browser, language_crawl,
                                "() => document.documentElement.removeAttribute('lang')")
    try:
        inject_axe(page)
        assert any(line.startswith("html-has-lang ") for line in run_axe(page))
    finally:
        context.close()
    records = _records(language_crawl)
    assert all(r.views[LANGUAGE_AXE_VIEW].axe is not None for _l, _p, r in records), "not run"
    report([f"{language} {path}: {violation}" for language, path, r in records
            for violation in r.views[LANGUAGE_AXE_VIEW].axe],
           f"axe-core violations of {', '.join(AXE_TAGS)} ({LANGUAGE_AXE_VIEW} view)")


def test_nothing_covers_the_emergency_notice(browser, language_crawl):
    # The probe first: a box laid over the notice is reported, on screen and in print.
    page, context = _probe_page(browser, language_crawl, """() => {
        const c = document.createElement('div');
        c.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:99';
        document.body.append(c); }""")
    try:
        for media, seen in notice_hits(page).items():
            assert any(p.startswith("centre: covered") for p in seen), (media, seen)
    finally:
        context.close()
    problems = []
    for language, path, r in _records(language_crawl):
        for view in LANGUAGE_VIEWS:
            hits = r.views[view].hits
            assert hits, f"{language} {path}: not probed in the {view} view"
            problems += [f"{language} {path} ({media}, {view}): {p}"
                         for media, found in hits.items() for p in found]
    report(problems, "Emergency notice not found where it is, on a French or Spanish page")


def test_the_notice_is_on_screen_and_nothing_scrolls_sideways(language_crawl):
    problems = []
    for language, path, r in _records(language_crawl):
        for view, size in SIZES.items():
            inspect = r.views[view].inspect
            box = inspect["box"]
            if inspect["notices"] != 1 or box is None or box["hidden"]:
                problems.append(f"{language} {path} ({view}): {inspect['notices']} notice(s), "
                                f"box {box}")
            elif box["top"] < 0 or box["left"] < 0 or box["bottom"] > size["height"] \
                    or box["right"] > size["width"]:
                problems.append(f"{language} {path} ({view}): notice box {box} is not inside "
                                f"the {size['width']}x{size['height']} viewport on load")
            if inspect["scrollWidth"] > inspect["viewport"]["width"]:
                problems.append(f"{language} {path} ({view}): content is "
                                f"{inspect['scrollWidth']}px wide")
    report(problems, "Notice off screen or sideways scrolling, on a French or Spanish page")


def test_nothing_is_requested_from_another_origin(language_crawl):
    report([f"{language} {path}: {url}" for language, path, r in _records(language_crawl)
            for url in r.foreign + r.failed],
           "Requests to another origin, or failed, on a French or Spanish page")
