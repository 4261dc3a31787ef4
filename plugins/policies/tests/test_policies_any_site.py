"""The policies plugin alone on a minimal site with Pelican's built-in `simple` theme,
which knows nothing of policies: the plugin still adds the footer nav and the notices.
The same minimal site, broken on purpose, proves each error message.
"""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import PLUGINS_DIR, run_pelican
from .policy_test_helpers import policy_sources, target

SITEURL = "https://practice.example"

FILES = {
    "policies/social.md": """Title: Social media & you
Policy: social-media
Summary: I do not accept friend requests from clients.

Why I keep this policy.
""",
    "policies/zeta.md": """Title: Billing policy
Policy: billing
Summary: How and when sessions are paid.

Payment details.
""",
    "policies/alpha.md": """Title: Accessibility statement
Policy: accessibility
Summary: How this site works with assistive technology.

Details.
""",
    "posts/with-metadata.md": """Title: A post that asks for a notice
Date: 2026-01-02
Category: Notes
Policies: billing

Some words about paying for therapy.
""",
    "posts/with-tag.md": """Title: A post tagged for a rule
Date: 2026-01-03
Category: Notes
Tags: Telehealth

Some words about video sessions.
""",
    "posts/plain.md": """Title: A post without notices
Date: 2026-01-04
Category: Notes

Nothing to attach here.
""",
    "pages/about.md": """Title: About the practice
Policies: accessibility, social-media

About us.
""",
}

CONF = """
PATH = "content"
THEME = "simple"
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = ["policies"]
PAGE_PATHS = ["pages", "policies"]
ARTICLE_PATHS = ["posts"]
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TIMEZONE = "UTC"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
POLICY_RULES = {{"tags": {{"telehealth": ["social-media"]}}}}
"""


def make_site(root, files=FILES, extra=""):
    root = Path(root)
    for name, text in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    conf = root / "conf.py"
    conf.write_text(CONF.format(plugins=str(PLUGINS_DIR)) + extra, encoding="utf-8")
    return conf


def build(root, **kw):
    conf = make_site(root, **kw)
    result = run_pelican(root / "out", conf=conf, content=root / "content", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def html_files(site):
    return sorted(Path(site).rglob("*.html"))


def soup_of(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def failing_build(root, **kw):
    conf = make_site(root, **kw)
    # A wide console keeps each message on one line.
    result = run_pelican(root / "out", conf=conf, content=root / "content", cwd=root,
                         env={"COLUMNS": "500"})
    assert result.returncode != 0, "the build should have stopped"
    return " ".join((result.stdout + result.stderr).split())


@pytest.mark.parametrize("relative", [True, False], ids=["relative", "absolute"])
def test_simple_theme_gets_a_policy_nav_on_every_page(tmp_path, relative):
    extra = "RELATIVE_URLS = True\n" if relative else \
        f"RELATIVE_URLS = False\nSITEURL = {SITEURL!r}\n"
    site = build(tmp_path, extra=extra)
    policies = policy_sources(tmp_path / "content")
    policy_pages = {site / meta["title"].lower().replace(" & ", "-").replace(" ", "-")
                    / "index.html": key for key, (_, meta) in policies.items()}
    assert all(p.is_file() for p in policy_pages), "policy pages not at {slug}/"
    pages = html_files(site)
    assert len(pages) >= 10
    for page in pages:
        navs = soup_of(page).select('nav[aria-label="Policies"]')
        assert len(navs) == 1, page
        assert navs[0].find_parent("footer") is not None, page
        hrefs = [a["href"] for a in navs[0].find_all("a")]
        assert all(h.startswith(SITEURL + "/") for h in hrefs) != relative, hrefs
        keys = [policy_pages.get(target(site, page, h, SITEURL)) for h in hrefs]
        # A known key first, then the custom ones by title.
        assert keys == ["social-media", "accessibility", "billing"], (page, hrefs)
        assert "Social media &amp; you" in page.read_text(encoding="utf-8")


def test_simple_theme_gets_notices_where_asked(tmp_path):
    site = build(tmp_path, extra="RELATIVE_URLS = True\n")
    expected = {
        site / "a-post-that-asks-for-a-notice.html": ["billing"],
        site / "a-post-tagged-for-a-rule.html": ["social-media"],
        site / "a-post-without-notices.html": [],
        site / "about-the-practice" / "index.html": ["social-media", "accessibility"],
    }
    for page, keys in expected.items():
        soup = soup_of(page)
        asides = soup.select("aside.policy-notice")
        assert [a["data-policy"] for a in asides] == keys, page
        for aside in asides:
            # Inside the article (posts) or main (pages), with a working link.
            assert aside.find_parent(["article", "main"]) is not None, page
            assert target(site, page, aside.a["href"]).is_file(), aside.a["href"]
    assert "How and when sessions are paid." in soup_of(
        site / "a-post-that-asks-for-a-notice.html").select_one("aside").get_text()
    # Lists show summaries only: no notice on the index.
    assert not soup_of(site / "index.html").select("aside.policy-notice")


def test_policy_without_a_summary_stops_the_build(tmp_path):
    files = dict(FILES)
    files["policies/zeta.md"] = "Title: Billing policy\nPolicy: billing\n\nPayment details.\n"
    out = failing_build(tmp_path, files=files)
    assert "policies/zeta.md" in out and "Policy: billing" in out and "Summary:" in out


def test_two_pages_with_one_key_stop_the_build(tmp_path):
    files = dict(FILES)
    files["policies/other.md"] = ("Title: Another billing page\nPolicy: billing\n"
                                  "Summary: Again.\n\nText.\n")
    out = failing_build(tmp_path, files=files)
    assert "policies/zeta.md" in out and "policies/other.md" in out
    assert "Policy: billing" in out


def test_unknown_key_in_a_post_stops_the_build(tmp_path):
    files = dict(FILES)
    files["posts/with-metadata.md"] = FILES["posts/with-metadata.md"].replace(
        "Policies: billing", "Policies: billing, biling-typo")
    out = failing_build(tmp_path, files=files)
    line = next(n for n, text in enumerate(files["posts/with-metadata.md"].splitlines(), 1)
                if text.startswith("Policies:"))
    assert f"posts/with-metadata.md, line {line}: 'Policies: biling-typo'" in out
    assert "Known keys: accessibility, billing, social-media" in out
    assert "If you meant 'billing'" in out
    assert "'Policies: billing'" not in out  # the good key in the same line passes


def test_unknown_key_in_settings_stops_the_build(tmp_path):
    out = failing_build(tmp_path, extra=(
        "POLICIES_DISABLED = ['no-such-policy']\n"
        "POLICY_RULES = {'categories': {'Notes': ['missing-policy']}}\n"))
    # Every problem is listed at once, each naming its setting and the known keys.
    assert "names 'no-such-policy', but no policy page has 'Policy: no-such-policy'" in out
    assert "remove it from POLICIES_DISABLED" in out
    assert "POLICY_RULES['categories']['Notes']" in out and "'missing-policy'" in out
    assert out.count("Known keys: accessibility, billing, social-media") >= 2


def test_disabled_policy_on_a_simple_site(tmp_path):
    site = build(tmp_path, extra="RELATIVE_URLS = True\nPOLICIES_DISABLED = ['billing']\n")
    assert not (site / "billing-policy").exists()
    checked = list(html_files(site))
    assert checked, "nothing to check"
    for page in checked:
        text = page.read_text(encoding="utf-8")
        assert "billing-policy" not in text and 'data-policy="billing"' not in text, page


FRENCH = {
    "policies/zeta.fr.md": """Title: Politique de paiement
Slug: billing-policy
Lang: fr
Policy: billing
Summary: Comment et quand les séances sont payées.

Les détails du paiement.
""",
    "posts/en-francais.md": """Title: Un billet en français
Date: 2026-01-05
Category: Notes
Lang: fr
Policies: billing, social-media

Quelques mots sur le paiement.
""",
}


# Hostile: a language written oddly (FR-ca) is still French; a title with markup and
# quotes stays text; a Spanish post has no Spanish policy at all.
ODD = {
    "policies/alpha.fr.md": """Title: Accessibilité <script>alert(1)</script> "&" 'x'
Slug: accessibility-statement
Lang: FR-ca
Policy: accessibility
Summary: Comment ce site fonctionne avec les aides techniques.

Détails.
""",
    "posts/en-espanol.md": """Title: Una entrada en español
Date: 2026-01-06
Category: Notes
Lang: es
Policies: accessibility

Unas palabras.
""",
}


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory):
    """One build for every case about languages."""
    return build(tmp_path_factory.mktemp("multilingual"), files={**FILES, **FRENCH, **ODD})


def test_each_page_gets_the_policies_of_its_own_language(multilingual):
    """A policy is one key with a page per language. A French page links the French page
    of a policy; for a policy with no French page it says so in a line whose link names
    its language (lang, hreflang), never showing the English title as if it were French."""
    site = multilingual
    # Pelican writes a post in another language than DEFAULT_LANG as {slug}-{lang}.
    french = soup_of(site / "un-billet-en-francais-fr.html")
    nav = french.select_one('nav[aria-label="Policies"]')
    links = {a.get_text(): a for a in nav.select("a")}
    assert links["Politique de paiement"]["href"].endswith("billing-policy-fr.html")
    other = links["Social media & you"]
    assert (other.get("lang"), other.get("hreflang")) == ("en", "en")
    assert other.parent.name == "li" and "Available in anglais: " in other.parent.get_text()
    # FR-ca is French: its own page, its title as text, not markup.
    odd = "Accessibilité <script>alert(1)</script> \"&\" 'x'"
    assert not links[odd].get("hreflang") and not french.select("nav script")
    assert sorted(t for t, a in links.items() if not a.get("hreflang")) == sorted(
        [odd, "Politique de paiement"])
    notices = {n["data-policy"]: n for n in french.select("aside.policy-notice")}
    assert set(notices) == {"billing", "social-media"}
    assert "Comment et quand" in notices["billing"].get_text()
    assert notices["billing"].select_one("a")["href"].endswith("billing-policy-fr.html")
    social = notices["social-media"]
    assert social.select_one("h2")["lang"] == "en" and social.select_one("a")["lang"] == "en"
    # English pages: every policy in English, no line about another language.
    for page in ("a-post-that-asks-for-a-notice.html", "about-the-practice/index.html"):
        soup = soup_of(site / page)
        nav = soup.select_one('nav[aria-label="Policies"]')
        assert [a.get_text() for a in nav.select("a")] == [
            "Social media & you", "Accessibility statement", "Billing policy"]
        assert not soup.select("[hreflang]") and "Available in" not in soup.get_text()
    # The French policy page is its own page; both say the same key without a clash.
    page = soup_of(site / "pages" / "billing-policy-fr.html")
    assert "Les détails du paiement" in page.get_text()
    raw = (site / "un-billet-en-francais-fr.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw


def test_a_language_without_a_policy_page_gets_the_default_languages(multilingual):
    spanish = soup_of(multilingual / "una-entrada-en-espanol-es.html")
    nav = spanish.select_one('nav[aria-label="Policies"]')
    links = {a.get_text(): a for a in nav.select("a")}
    assert len(links) == 3 and all(a["hreflang"] == "en" for a in links.values())
    assert "Available in inglés: " in links["Accessibility statement"].parent.get_text()
    (notice,) = spanish.select("aside.policy-notice")
    assert notice.select_one("h2")["lang"] == "en"


def test_two_pages_of_one_policy_in_the_same_language_are_refused(tmp_path):
    twin = FRENCH["policies/zeta.fr.md"].replace("Slug: billing-policy", "Slug: other")
    out = failing_build(tmp_path, files={**FILES, **FRENCH, "policies/twin.fr.md": twin})
    assert "both say 'Policy: billing' in the same language (fr)" in out
