"""In a real browser, the site asks nothing of anyone else and runs no code.

Every page of the publish build is loaded in light and dark colour schemes (see conftest);
these tests read what the browser and the local server saw.
"""

import pytest

from browsing import SCHEMES, report

pytestmark = pytest.mark.browser


def each_visit(crawl, phone_crawl=None):
    """Every page visit: both schemes at 1280x800, then (when given) at 360x640."""
    for scheme in SCHEMES:
        for path, record in crawl["pages"][scheme].items():
            yield f"{path} [{scheme}]", record
    for path, record in (phone_crawl or {"pages": {}})["pages"].items():
        yield f"{path} [360x640]", record["visit"]


def test_every_page_was_visited(crawl, phone_crawl, pages):
    # Guards the other tests against passing on an empty crawl.
    for scheme in SCHEMES:
        assert list(crawl["pages"][scheme]) == pages
    assert list(phone_crawl["pages"]) == pages
    for where, r in each_visit(crawl, phone_crawl):
        assert r.requests, f"{where}: no request recorded: the request log is not working"


def test_no_request_leaves_the_local_origin(crawl, phone_crawl):
    report([f"{where}: {url}" for where, r in each_visit(crawl, phone_crawl) for url in r.foreign],
           "Requests to another origin (blocked before leaving the machine)")


def test_no_cookies(crawl, phone_crawl):
    jars = {**crawl["cookies"], "360x640": phone_crawl["cookies"]}
    report([f"[{where}] {c['name']} for {c['domain']}" for where, jar in jars.items() for c in jar],
           "Cookies set")


def test_no_console_errors(crawl, phone_crawl):
    report([f"{where}: {text}" for where, r in each_visit(crawl, phone_crawl) for text in r.console],
           "Console errors")


def test_no_failed_same_origin_requests(crawl, phone_crawl):
    problems = [f"{where}: {failure}" for where, r in each_visit(crawl, phone_crawl)
                for failure in r.failed]
    # The server's own log also holds the browser's automatic requests (the favicon),
    # which never reach Playwright's page events.
    problems += [f"server answered {status} for {path}"
                 for path, status in crawl["server_log"] if status >= 400]
    report(problems, "Failed requests")


def test_no_script_in_the_dom(crawl):
    report([f"{where}: {item}" for where, r in each_visit(crawl)
            for item in r.inspect["scripts"] + r.inspect["handlers"]],
           "Script (other than JSON-LD), inline handlers or javascript: URLs")


def test_favicons_are_served(crawl, browser, served_site):
    # Chromium asks for /favicon.ico on its own (not in headless mode, so ask here), and
    # every page declares its icons; a missing one is a failed request in a visitor's log.
    wanted = {served_site.origin + "/favicon.ico"}
    wanted |= {icon for r in crawl["pages"]["light"].values() for icon in r.inspect["icons"]}
    context = browser.new_context()
    try:
        problems = [f"{url}: HTTP {status}" for url in sorted(wanted)
                    if (status := context.request.get(url).status) != 200]
    finally:
        context.close()
    report(problems, "Icons that do not load")
