"""Fixtures of the browser suite (how it works: see browsing.py's docstring).

Without Chromium the whole suite is skipped with one line saying how to install it; with
CI set, a missing browser is a failure instead.
"""

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

def _load(name, path):
    """Import a file by path under `name`. By path, because importing this folder by name
    would make pytest name this file "conftest" and hide the root conftest."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# The test modules import `browsing` by name: registering it here is what makes that work.
_load("browsing", HERE / "browsing.py")
from browsing import (DESKTOP, FOCUS_JS, INSPECT_JS, INSTALL_HINT, LANGUAGE_AXE_VIEW,  # noqa: E402
                      LANGUAGE_VIEWS, VIEWS, SETTLE_JS, PageRecord, View, axe_pages, inject_axe,
                      language_pages, notice_hits, run_axe, select_pages, watch)
from tools.localsite import CHROMIUM_FLAGS, LocalServer, chromium_path  # noqa: E402
# (tools/localsite.py: the local server shared with make lighthouse and make screenshots)

# The root conftest under its one name (the project root is the working directory).
from conftest import (add_benign, add_hostile, build_or_fail, copy_project,  # noqa: E402
                      read_corpus, run_pelican)
PAINT_OVER = HERE / "paint_over"

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SKIP_ALL = chromium_path() is None and not ON_CI
if SKIP_ALL:
    # One line for the whole suite (see pytest_terminal_summary) rather than one skip
    # report per test: the test modules are simply not collected.
    collect_ignore_glob = ["test_*.py"]


def pytest_terminal_summary(terminalreporter):
    if SKIP_ALL:
        terminalreporter.write_line(f"SKIPPED the browser tests: {INSTALL_HINT}", yellow=True)


def pytest_sessionfinish(session, exitstatus):
    # `pytest -m browser` without Chromium collects nothing; that is a skip, not an error.
    if SKIP_ALL and exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium; on CI, where it must be present, its absence fails every test."""
    found = chromium_path()
    if not found:
        pytest.fail(INSTALL_HINT + " (CI is set, so a missing browser is a failure)", pytrace=False)
    return found


@pytest.fixture(scope="session")
def served_site(chromium, tmp_path_factory):
    """The publish build, with SITEURL = the server's origin, served until the session ends."""
    server = LocalServer(tmp_path_factory.mktemp("browser-site"))
    try:
        build_or_fail(server.directory, conf=ROOT / "publishconf.py",
                      env={"SITEURL": server.origin})
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def paint_over_site(chromium, tmp_path_factory):
    """The sample with its posts replaced by the paint-over attempts in paint_over/ (and
    its home page by one), publish configuration, built with the privacy guard REPORTING
    rather than refusing, so every attempt reaches the page and only the theme stands
    between it and the notice. Served until the session ends; `report` is the build's
    output (the guard's findings)."""
    project = copy_project(tmp_path_factory.mktemp("paint-over-project"))
    shutil.rmtree(project / "content" / "posts")
    shutil.copytree(PAINT_OVER / "posts", project / "content" / "posts")
    shutil.copytree(PAINT_OVER / "pages", project / "content" / "pages", dirs_exist_ok=True)
    yield from reporting_site(project, tmp_path_factory.mktemp("paint-over-site"), "paint-over")


def reporting_site(project, folder, name):
    """Build `project` (publish configuration) into `folder` with the privacy guard only
    REPORTING, serve it, and yield the server (`report`: the build's output) until the
    session ends."""
    server = LocalServer(folder)
    try:
        result = run_pelican(server.directory, conf=project / "publishconf.py",
                             content=project / "content", cwd=project,
                             settings={"PRIVACY_GUARD_ENFORCE": False},
                             env={"SITEURL": server.origin, "ALLOW_SAMPLE": "1"})
        if result.returncode != 0:
            pytest.fail(f"The {name} build failed ({result.returncode}):\n"
                        f"{result.stdout}\n{result.stderr}")
        server.report = result.stdout + result.stderr
        server.start()
        yield server
    finally:
        server.stop()


# The privacy guard's hostile snippets that become pages of their own (the others are
# files, which never reach a page).
CORPUS_PAGE_KINDS = {"post", "rst", "page", "template"}


@pytest.fixture(scope="session")
def corpus_site(chromium, tmp_path_factory):
    """The privacy guard's corpora as pages: every benign and cleaned post and every hostile
    post, page and page template, built into the sample with the guard REPORTING (as the
    paint-over site is), so only the theme keeps the notice on top of each. Without the
    photos plugin, which refuses the snippets' missing pictures before anything is written
    (as in the corpus test). `pages`: {id: (the entry's own page, its hostile snippet)}."""
    project = copy_project(tmp_path_factory.mktemp("corpus-project"))
    conf = project / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") +
                    '\nPLUGINS = [p for p in PLUGINS if p != "photos"]\n', encoding="utf-8")
    add_hostile(project, kinds=CORPUS_PAGE_KINDS)
    add_benign(project)
    entries = [(i, k.partition(":")[0], b) for i, k, _w, b in read_corpus("hostile.txt")
               if k.partition(":")[0] in CORPUS_PAGE_KINDS]
    # (no body for the others: only a hostile snippet is one the guard must refuse)
    entries += [(i, "post", "") for name in ("benign.txt", "benign_rst.txt", "cleaned.txt")
                for i, _k, _w, _b in read_corpus(name)]
    for server in reporting_site(project, tmp_path_factory.mktemp("corpus-site"), "corpus"):
        server.pages = {ident: (f"/{ident}/" if kind in ("page", "template")
                                else f"/blog/{ident}/", body) for ident, kind, body in entries}
        yield server


@pytest.fixture(scope="session")
def language_crawl(browser, tmp_path_factory):
    """The sample's French-first Québec site and Spanish-first US site
    (tests/language_samples.py), each built with the publish configuration and served;
    the pages browsing.language_pages chooses, each loaded once and looked at in
    LANGUAGE_VIEWS: axe-core, the notice's hit test on screen and in print, the page's
    DOM records. {language: {"origin", "directory", "pages": {path: PageRecord}}}."""
    from tests import language_samples

    crawled, servers = {}, []
    try:
        for language in language_samples.LANGUAGES:
            folder = tmp_path_factory.mktemp(f"language-{language}")
            server = LocalServer(folder / "site")
            servers.append(server)
            language_samples.build(language, server.directory, server.origin,
                                   folder / "source")
            server.start()
            crawled[language] = {"origin": server.origin, "directory": server.directory,
                                 "pages": visit_views(browser, server, LANGUAGE_VIEWS,
                                                      language_pages(server.directory),
                                                      LANGUAGE_AXE_VIEW)}
        yield crawled
    finally:
        for server in servers:
            server.stop()


def visit_views(browser, server, views, paths, axe_view):
    """{path: PageRecord}: each of `paths` loaded once and looked at in each of `views`
    (as the crawl does, without its keyboard walk): the DOM records, the notice's hit test
    in the light scheme, and axe-core in `axe_view`."""
    first_viewport, first_scheme = next(iter(views.values()))
    context = browser.new_context(viewport=first_viewport, color_scheme=first_scheme,
                                  reduced_motion="reduce")
    page = context.new_page()
    page.record = PageRecord("")
    watch(context, page, server.origin)
    records = {}
    try:
        for path in paths:
            page.set_viewport_size(first_viewport)
            page.emulate_media(color_scheme=first_scheme)
            page.record = records[path] = PageRecord(path)
            page.goto(server.origin + path, wait_until="load")
            inject_axe(page)  # once for all its views
            for name, (viewport, scheme) in views.items():
                if page.viewport_size != viewport:
                    page.set_viewport_size(viewport)
                page.emulate_media(color_scheme=scheme)
                page.evaluate(SETTLE_JS)
                view = page.record.views[name] = View(inspect=page.evaluate(INSPECT_JS))
                view.inspect["lang"] = page.evaluate("() => document.documentElement.lang")
                if scheme == "light":
                    view.hits = notice_hits(page)
                if name == axe_view:
                    view.axe = run_axe(page)
                    page.evaluate("() => window.scrollTo(0, 0)")
    finally:
        context.close()
    return records


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                     args=[f for f in CHROMIUM_FLAGS if not f.startswith("--headless")])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def pages(served_site):
    chosen = select_pages(served_site.directory)
    assert chosen, "the publish build wrote no HTML pages"
    return chosen


@pytest.fixture(scope="session")
def crawl(browser, served_site, pages):
    """Every page, loaded once and looked at in each of VIEWS (see browsing.py):
    {"pages": {path: PageRecord}, "axe_pages": [path], "cookies": [...], "server_log"}.
    The phone view comes last and then walks the keyboard path from the top, because
    that moves focus; axe-core runs last in each view and the page is scrolled back."""
    origin = served_site.origin
    checked = axe_pages(served_site.directory, pages)
    first_viewport, first_scheme = next(iter(VIEWS.values()))
    # As a visitor who prefers reduced motion: the theme's only motion is its links'
    # colour transitions (site.css), which end in the same colours, and without them a
    # change of scheme is not drawn over 150 ms of frames (about twice the CPU).
    context = browser.new_context(viewport=first_viewport, color_scheme=first_scheme,
                                  reduced_motion="reduce")
    page = context.new_page()
    page.record = PageRecord("")
    watch(context, page, origin)
    records = {}
    for path in pages:
        page.set_viewport_size(first_viewport)
        page.emulate_media(color_scheme=first_scheme)
        page.record = records[path] = PageRecord(path)
        page.goto(origin + path, wait_until="load")
        if path in checked:
            inject_axe(page)
        for name, (viewport, scheme) in VIEWS.items():
            if page.viewport_size != viewport:
                page.set_viewport_size(viewport)
            page.emulate_media(color_scheme=scheme)
            page.evaluate(SETTLE_JS)  # (at once, unless the theme gains motion)
            view = page.record.views[name] = View(inspect=page.evaluate(INSPECT_JS))
            if scheme == "light":  # where the notice is drawn does not depend on colours
                view.hits = notice_hits(page)  # before any focus moves the skip link
            if path in checked:
                view.axe = run_axe(page)
                page.evaluate("() => window.scrollTo(0, 0)")
        keyboard_path(page)
    cookies = context.cookies()
    context.close()
    return {"pages": records, "axe_pages": checked, "cookies": cookies,
            "server_log": served_site.requests}


def keyboard_path(page):
    """Tab from the top until focus has passed through the notice and left it, then
    focus the skip link and follow it from the keyboard (into page.record)."""
    record = page.record
    record.notice_tel = page.eval_on_selector_all(
        "#emergency-notice a[href^='tel:']", "els => els.map(a => a.getAttribute('href'))")
    for _ in range(len(record.notice_tel) + 12):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        record.tabs.append(focus)
        if focus and not focus["inNotice"] and any(t and t["inNotice"] for t in record.tabs):
            break
    if page.query_selector("a.skip-link"):
        page.focus("a.skip-link")
        page.keyboard.press("Enter")
        record.after_skip = page.evaluate(FOCUS_JS)
