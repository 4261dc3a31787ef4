"""The emergency notice in the project theme, on the sample site built once per session
(the shared `dev_site` / `publish_site` fixtures). The plugin's own tests, on Pelican's
built-in theme, are in plugins/emergency_notice/tests/."""

from bs4 import BeautifulSoup

from tools.pelican_adapter import plugin_module

notice_problems = plugin_module("emergency_notice.tests.test_emergency_notice").notice_problems


def test_project_site_every_page_has_one_notice_before_main(dev_site):
    pages = sorted(dev_site.rglob("*.html"))
    names = {p.relative_to(dev_site).as_posix() for p in pages}
    for required in ("index.html", "404.html", "blog/index.html", "blog/page/2/index.html",
                     "blog/archives/index.html", "blog/categories/index.html",
                     "blog/tags/index.html", "blog/authors/index.html", "about/index.html",
                     "team/index.html"):
        assert required in names
    assert any(n.startswith("blog/category/") for n in names)
    assert any(n.startswith("blog/tag/") for n in names)
    assert any(n.startswith("team/") and n != "team/index.html" for n in names)  # profiles
    problems = {p.relative_to(dev_site).as_posix(): notice_problems(p) for p in pages}
    assert not {k: v for k, v in problems.items() if v}


def test_project_theme_renders_the_notice_right_after_the_skip_link(dev_site):
    # Same place on every page (WCAG 2.2 3.2.6): the theme's own copy, not the fallback.
    checked = list(sorted(dev_site.rglob("*.html")))
    assert checked, "nothing to check"
    for path in checked:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        notice = soup.find(id="emergency-notice")
        previous = notice.find_previous_sibling()
        assert previous is not None and "skip-link" in previous.get("class", []), path


def test_project_feeds_do_not_carry_the_notice(publish_site):
    feeds = list(publish_site.rglob("*.xml"))
    assert any("atom" in f.name for f in feeds)
    for feed in feeds:
        assert "emergency-notice" not in feed.read_text(encoding="utf-8"), feed
