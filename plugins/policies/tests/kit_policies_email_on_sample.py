"""Email links to the practice always come with the email disclosure: in post bodies, in
the theme's footer, in feeds, and still when the electronic-communication policy is off.
Built on a scratch copy of the project with one extra post full of mailto links.
"""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import PUBLISH_SITEURL, build_or_fail, copy_project, html_files, soup_of
from tools.pelican_adapter import plugin_module

policy_sources = plugin_module("policies.tests.policy_test_helpers").policy_sources
target = plugin_module("policies.tests.policy_test_helpers").target

PRACTICE = "hello@harborlight.example"     # PRACTICE["email"] in pelicanconf.py
BILLING = "billing@harborlight.example"    # added with POLICY_PRACTICE_EMAILS below
ATOM = "{http://www.w3.org/2005/Atom}"

POST = f"""Title: Writing to the practice
Date: 2026-01-15 09:00
Category: Privacy and technology
Tags: scheduling
Slug: writing-to-the-practice
Summary: A post with many email links, for the tests.

To book, write to [the office](mailto:{PRACTICE}?subject=Booking) or [to me](mailto:{PRACTICE.upper()}).

- A list item with an autolink: <{PRACTICE}>
- Another item.

Billing questions go to [billing](mailto:{BILLING}).

A colleague I refer to: [Dr. Lee](mailto:lee@colleague.example).

> A quote that says [write us](mailto:{PRACTICE}).
"""
# Blocks above with a practice address: the first paragraph, the list, the billing
# paragraph and the quote's paragraph.
PRACTICE_BLOCKS = 4
BLOCKS = ["p", "ul", "ol", "h1", "h2", "h3", "h4", "table"]


# No Summary line: Pelican cuts one from the body (SUMMARY_MAX_LENGTH words), and the cut
# falls right after the link, where the disclosure would otherwise be lost.
SHORT = ("Title: A note on booking\nDate: 2026-01-16 09:00\nCategory: Privacy and "
         "technology\nTags: scheduling\nSlug: a-note-on-booking\n\n"
         + "Rest well. " * 18 + f"Then [write to us](mailto:{PRACTICE}) to book.\n\n"
         + "More words after the cut. " * 10 + "\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("email-project"))
    (root / "content" / "posts" / "writing-to-the-practice.md").write_text(POST, "utf-8")
    (root / "content" / "posts" / "a-note-on-booking.md").write_text(SHORT, "utf-8")
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as fh:
        fh.write(f"\nPOLICY_PRACTICE_EMAILS = [{BILLING!r}]\n")
    return root


@pytest.fixture(scope="module")
def published(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("email-publish")
    return build_or_fail(out, conf=project / "publishconf.py", content=project / "content",
                         cwd=project, env={"SITEURL": PUBLISH_SITEURL})


def practice_links(soup):
    return [a for a in soup.find_all("a", href=True)
            if a["href"].lower().startswith("mailto:")
            and a["href"][7:].split("?")[0].lower() in (PRACTICE, BILLING)]


def disclosure_after(anchor):
    """The element right after the block that holds the link, if it is a disclosure."""
    block = anchor.find_parent(BLOCKS)
    following = block.find_next_sibling()
    if following is not None and "email-disclosure" in (following.get("class") or []):
        return following
    return None


def test_every_practice_mailto_on_every_page_has_the_disclosure(published):
    checked = 0
    for page in html_files(published):
        for anchor in practice_links(soup_of(page)):
            assert disclosure_after(anchor) is not None, f"{page}: {anchor}"
            checked += 1
    assert checked > len(html_files(published)), "the footer mailto was not seen"


def test_post_body_gets_one_disclosure_per_block_with_a_policy_link(published, project):
    slug = policy_sources(project / "content")["electronic-communication"][1]["slug"]
    page = published / "blog" / "writing-to-the-practice" / "index.html"
    body = soup_of(page).select_one("main .prose")
    links = practice_links(body)
    assert len(links) == 5
    disclosures = body.select(".email-disclosure")
    assert len(disclosures) == PRACTICE_BLOCKS
    for disclosure in disclosures:
        href = disclosure.a["href"]
        assert href.startswith(PUBLISH_SITEURL + "/")
        assert target(published, page, href, PUBLISH_SITEURL) == (
            published / slug / "index.html"), href
        assert "not secure" in disclosure.get_text()
    colleague = body.find("a", href="mailto:lee@colleague.example")
    assert disclosure_after(colleague) is None


def test_a_summary_cut_from_the_body_keeps_the_disclosure(published):
    index = soup_of(published / "blog" / "tag" / "scheduling" / "index.html")
    links = [a for a in practice_links(index) if a.find_parent("footer") is None]
    assert links, "the summary with the link is not on the blog index"
    for anchor in links:
        disclosure = disclosure_after(anchor)
        assert disclosure is not None and "not secure" in disclosure.get_text()
        assert disclosure.a["href"].startswith(PUBLISH_SITEURL + "/")


def test_sample_contact_page_and_footer(published):
    page = soup_of(published / "contact" / "index.html")
    body_links = practice_links(page.select_one("main"))
    assert body_links and all(disclosure_after(a) for a in body_links)
    footer = page.select_one("footer.site-footer")
    # The theme's own disclosure is kept and not doubled.
    assert len(footer.select(".email-disclosure")) == len(practice_links(footer)) == 1


def test_feed_entries_carry_the_disclosure(published):
    feed = ET.parse(published / "feeds" / "all.atom.xml")
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.getroot().iter(f"{ATOM}entry")}
    html = entries["Writing to the practice"].findtext(f"{ATOM}content")
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select(".email-disclosure")) == PRACTICE_BLOCKS
    assert all(disclosure_after(a) for a in practice_links(soup))
    assert all(d.a["href"].startswith(PUBLISH_SITEURL + "/")
               for d in soup.select(".email-disclosure"))


def test_disclosure_stays_when_the_email_policy_is_off(project, tmp_path):
    site = build_or_fail(tmp_path / "out", conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project,
                         settings={"POLICIES_DISABLED": ["electronic-communication"]})
    assert not (site / "electronic-communication-policy").exists()
    seen = 0
    for page in html_files(site):
        for anchor in practice_links(soup_of(page)):
            disclosure = disclosure_after(anchor)
            assert disclosure is not None, f"{page}: {anchor}"
            assert "not secure" in disclosure.get_text()
            assert disclosure.find("a") is None, f"{page}: link to a switched-off policy"
            seen += 1
    assert seen > len(html_files(site))
