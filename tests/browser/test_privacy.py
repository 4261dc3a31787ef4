"""In a real browser, the site asks nothing of anyone else and runs no code.

Every page of the publish build is loaded once and looked at in the light and dark colour
schemes and at phone width (see browsing.py); these tests read what the browser and the
local server saw in all of them.
"""

import pytest

from browsing import VIEWS, report

pytestmark = pytest.mark.browser


def each_visit(crawl):
    """Every page visit (its requests and console cover all its views)."""
    yield from crawl["pages"].items()


def test_every_page_was_visited(crawl, pages):
    # Guards the other tests against passing on an empty crawl.
    assert list(crawl["pages"]) == pages
    for where, r in each_visit(crawl):
        assert r.requests, f"{where}: no request recorded: the request log is not working"
        assert list(r.views) == list(VIEWS) and all(v.inspect for v in r.views.values()), where


def test_no_request_leaves_the_local_origin(crawl):
    report([f"{where}: {url}" for where, r in each_visit(crawl) for url in r.foreign],
           "Requests to another origin (blocked before leaving the machine)")


def test_no_cookies(crawl):
    report([f"{c['name']} for {c['domain']}" for c in crawl["cookies"]], "Cookies set")


def test_no_console_errors(crawl):
    report([f"{where}: {text}" for where, r in each_visit(crawl) for text in r.console],
           "Console errors")


def test_no_failed_same_origin_requests(crawl):
    problems = [f"{where}: {failure}" for where, r in each_visit(crawl)
                for failure in r.failed]
    # The server's own log also holds the browser's automatic requests (the favicon),
    # which never reach Playwright's page events.
    problems += [f"server answered {status} for {path}"
                 for path, status in crawl["server_log"] if status >= 400]
    report(problems, "Failed requests")


def test_no_script_in_the_dom(crawl):
    report([f"{where} [{name}]: {item}" for where, r in each_visit(crawl)
            for name, view in r.views.items()
            for item in view.inspect["scripts"] + view.inspect["handlers"]],
           "Script (other than JSON-LD), inline handlers or javascript: URLs")


def test_favicons_are_served(crawl, browser, served_site):
    # Chromium asks for /favicon.ico on its own (not in headless mode, so ask here), and
    # every page declares its icons; a missing one is a failed request in a visitor's log.
    wanted = {served_site.origin + "/favicon.ico"}
    wanted |= {icon for r in crawl["pages"].values() for icon in r.views["light"].inspect["icons"]}
    context = browser.new_context()
    try:
        problems = [f"{url}: HTTP {status}" for url in sorted(wanted)
                    if (status := context.request.get(url).status) != 200]
    finally:
        context.close()
    report(problems, "Icons that do not load")
