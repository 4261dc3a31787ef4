"""WCAG 2.2 AA in a real browser: axe-core in both colour schemes at 1280x800 and at
360x640 (on the pages browsing.axe_pages chooses), the emergency notice on screen without
scrolling, and the keyboard path (skip link first, crisis numbers reachable).
"""

import pytest

from browsing import AXE_TAGS, DESKTOP, PHONE, SCHEMES, page_type, report

pytestmark = pytest.mark.browser


def _axe(crawl, view):
    checked = [path for path, r in crawl["pages"].items() if r.views[view].axe is not None]
    assert checked == crawl["axe_pages"], f"axe did not run on every chosen page ({view})"
    return [f"{path}: {v}" for path in checked for v in crawl["pages"][path].views[view].axe]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_violations(crawl, scheme):
    report(_axe(crawl, scheme),
           f"axe-core violations of {', '.join(AXE_TAGS)} in the {scheme} scheme at 1280x800")


def test_axe_finds_no_wcag_violations_on_a_phone(crawl):
    # The phone layout differs (menu, buttons, target sizes), so it gets its own pass.
    report(_axe(crawl, "phone"), f"axe-core violations of {', '.join(AXE_TAGS)} at 360x640")


def test_axe_checks_every_template_and_every_kind_of_page(crawl, served_site):
    # The chosen pages (browsing.axe_pages) hold every template's page (its body class)
    # and every kind of page by address; a chooser that lost either would show here.
    from selectolax.lexbor import LexborHTMLParser

    from browsing import page_file

    def template(path):
        body = LexborHTMLParser(page_file(served_site.directory, path).read_bytes()).body
        return body.attributes.get("class") if body is not None else None

    def address_kind(path):
        return page_type(page_file(served_site.directory, path)
                         .relative_to(served_site.directory).as_posix())

    checked = crawl["axe_pages"]
    assert set(map(template, crawl["pages"])) <= set(map(template, checked)), checked
    missing = set(map(address_kind, crawl["pages"])) - set(map(address_kind, checked))
    assert not missing, sorted(missing)


def _notice_problems(path, inspect, size):
    if inspect["notices"] != 1:
        return [f"{path}: {inspect['notices']} #emergency-notice elements (expected 1)"]
    box = inspect["box"]
    if box["hidden"]:
        return [f"{path}: #emergency-notice is hidden"]
    if box["top"] < 0 or box["left"] < 0 or box["bottom"] > size["height"] \
            or box["right"] > size["width"]:
        return [f"{path}: #emergency-notice box {box} is not inside the "
                f"{size['width']}x{size['height']} viewport on load"]
    return []


def test_emergency_notice_on_screen_at_1280x800(crawl):
    report([p for path, r in crawl["pages"].items()
            for p in _notice_problems(path, r.views["light"].inspect, DESKTOP)],
           "Emergency notice not fully visible without scrolling at 1280x800")


def test_emergency_notice_on_screen_at_360x640(crawl):
    report([p for path, r in crawl["pages"].items()
            for p in _notice_problems(path, r.views["phone"].inspect, PHONE)],
           "Emergency notice not fully visible without scrolling at 360x640")


def test_no_sideways_scrolling_at_360(crawl):
    # WCAG 1.4.10 Reflow: a phone-width page must not need horizontal scrolling.
    seen = {path: r.views["phone"].inspect for path, r in crawl["pages"].items()}
    assert all(i["viewport"]["width"] == PHONE["width"] for i in seen.values()), "not resized"
    report([f"{path}: content is {i['scrollWidth']}px wide in a "
            f"{i['viewport']['width']}px viewport"
            for path, i in seen.items() if i["scrollWidth"] > i["viewport"]["width"]],
           "Horizontal scrolling at 360px")


def test_skip_link_is_the_first_tab_stop(crawl):
    problems = []
    for path, r in crawl["pages"].items():
        first = r.tabs[0] if r.tabs else None
        if not first or first["tag"] != "a" or "skip-link" not in first["cls"].split() \
                or first["href"] != "#main":
            problems.append(f"{path}: first Tab stop is {first}")
    report(problems, "Skip link is not the first Tab stop")


def test_skip_link_moves_focus_to_main(crawl):
    report([f"{path}: after Enter on the skip link, focus is on {r.after_skip}"
            for path, r in crawl["pages"].items()
            if not r.after_skip or (r.after_skip["tag"], r.after_skip["id"]) != ("main", "main")],
           "Skip link does not move focus to main#main")


def test_crisis_phone_links_reachable_by_keyboard(crawl):
    problems = []
    for path, r in crawl["pages"].items():
        if not r.notice_tel:
            problems.append(f"{path}: the emergency notice has no tel: link")
            continue
        reached = {t["href"] for t in r.tabs if t and t["inNotice"]}
        missing = [tel for tel in r.notice_tel if tel not in reached]
        if missing:
            problems.append(f"{path}: Tab from the top never reaches {missing}")
    report(problems, "Crisis phone links not reachable with the Tab key")
