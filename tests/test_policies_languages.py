"""Policies in each language, on the kit's theme: a page gets the policy nav, the policy
notices and the email disclosure of its own language (its `<html lang>`), with the words
read from that language's catalog; a policy with no page in the page's language is named
in a line saying so, linked with `lang` and `hreflang`, never passed off as the page's own.

One build, shared by every case: the sample as an English and French site, with French
pages for two policies (social media, electronic communication) and none for the others,
and a French post asking for two notices and mailing the practice.
"""

import posixpath
import shutil
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, SAMPLE, build_or_fail, read_meta
from tools.pelican_adapter import plugin_module

catalogs = plugin_module("languages.catalogs")
policies = plugin_module("policies.policies")

FOLDER = ROOT / "theme" / "translations"

FRENCH = {
    "policies/social-media.fr.md": """Title: Politique sur les médias sociaux
Slug: social-media-policy
Lang: fr
Policy: social-media
Summary: Je n'accepte pas les demandes d'amitié de mes clients.

Pourquoi cette politique.
""",
    "policies/electronic-communication.fr.md": """Title: Politique sur les communications
Slug: electronic-communication-policy
Lang: fr
Policy: electronic-communication
Summary: Le courriel n'est pas sécurisé et n'est pas lu en cas d'urgence.

Le courriel et les textos.
""",
    "policies/good-faith-estimate.fr.md": """Title: Avis d'estimation de bonne foi
Slug: good-faith-estimate
Lang: fr
Policy: good-faith-estimate
Summary: Vous avez le droit de connaître le coût prévu.

L'estimation.
""",
    "pages/home.fr.md": """Title: Accueil
Slug: home
Lang: fr
Template: home
Save_as: fr/index.html
URL: fr/

Bienvenue.
""",
    "posts/un-billet.md": """Title: Un billet en français
Slug: un-billet
Date: 2026-03-05 10:00
Category: Encouragement
Lang: fr
Policies: online-therapy, social-media

Écrivez-moi à <hello@harborlight.example> pour un rendez-vous.
""",
}


def words(lang):
    """The catalog a page in `lang` reads (the sample practice is in the US)."""
    locale = {"en": "en_US", "fr": "fr_CA"}[lang]
    return catalogs.load(FOLDER, catalogs.catalog_name(locale))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("policies-languages")
    practice = tmp / "practice.toml"
    practice.write_text((SAMPLE / "practice.toml").read_text(encoding="utf-8").replace(
        "[[clinicians]]", 'languages = ["en", "fr"]\n\n[[clinicians]]', 1), encoding="utf-8")
    content = tmp / "content"
    shutil.copytree(SAMPLE / "content", content)
    for translated in [*content.rglob("*.fr.md"), *content.rglob("*.es.md")]:
        translated.unlink()  # the sample's own translations: this site has exactly those below
    for name, text in FRENCH.items():
        (content / name).write_text(text, encoding="utf-8")
    out = build_or_fail(tmp / "out", content=content, env={"PRACTICE_FILE": str(practice)})
    titles = {}  # a policy title -> its language
    for path in (content / "policies").glob("*.md"):
        meta = read_meta(path)
        titles[meta["title"]] = meta.get("lang", "en")
    pages = {}
    for path in sorted(out.rglob("*.html")):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        html = tree.css_first("html")
        lang = (html.attributes.get("lang") or "").split("-")[0] if html else ""
        if lang:
            pages[path.relative_to(out).as_posix()] = (lang, tree)
    return {"out": out, "titles": titles, "pages": pages}


def the_post(site):
    return next(name for name, (lang, tree) in site["pages"].items()
                if "un-billet" in name and lang == "fr")


def page_at(site, page, href):
    """(lang, tree) of the built page a link on `page` leads to (wherever the site's URL
    settings put each language's pages)."""
    path = urlsplit(href).path
    path = path.lstrip("/") if path.startswith("/") else posixpath.normpath(
        posixpath.join(posixpath.dirname(page), path))
    return site["pages"][path + "index.html" if path.endswith("/") or path == "." else
                         path if path.endswith(".html") else path + "/index.html"]


def test_every_page_lists_the_policies_of_its_language(site):
    seen = set()
    for name, (lang, tree) in site["pages"].items():
        t = words(lang)
        navs = tree.css(f'footer nav[aria-label="{t.gettext("Policies")}"]')
        assert len(navs) == 1, name
        available = t.gettext(policies.AVAILABLE_IN).split("%(language)s")[0]
        for a in navs[0].css("a"):
            title = a.text()
            if site["titles"][title] == lang:
                assert "hreflang" not in a.attributes, (name, title)
                assert available not in a.parent.text(), (name, title)
            else:
                # Named in the page's language, the link in its own.
                other = site["titles"][title]
                assert (a.attributes.get("lang"), a.attributes.get("hreflang")) == (
                    other, other), (name, title)
                assert a.parent.tag == "li" and a.parent.text().startswith(available)
            seen.add((lang, site["titles"][title]))
        keys = len(navs[0].css("li"))
        assert keys == len({t for t, l in site["titles"].items() if l == "en"}), name
    assert seen == {("en", "en"), ("fr", "fr"), ("fr", "en")}


def test_a_french_post_gets_french_notices_and_a_french_email_disclosure(site):
    name, t = the_post(site), words("fr")
    post = site["pages"][name][1]
    notices = {n.attributes["data-policy"]: n for n in post.css("aside.policy-notice")}
    assert set(notices) == {"online-therapy", "social-media"}
    social = notices["social-media"]
    assert "Je n'accepte pas" in social.text()
    assert t.gettext("Read the full %(title)s") % {
        "title": "Politique sur les médias sociaux"} in social.text()
    online = notices["online-therapy"]
    assert online.css_first("h2").attributes.get("lang") == "en"
    link = online.css_first("a")
    assert (link.attributes.get("lang"), link.attributes.get("hreflang")) == ("en", "en")
    disclosure = post.css_first(".prose p.email-disclosure, p.email-disclosure")
    assert disclosure is not None
    assert t.gettext(policies.DEFAULT_DISCLOSURE) in disclosure.text()
    assert t.gettext(policies.DISCLOSURE_LINK_LABEL) in disclosure.text()
    lang, target = page_at(site, name, disclosure.css_first("a").attributes["href"])
    assert target.css_first("h1").text().strip() == "Politique sur les communications"


def test_the_home_pages_policy_links_follow_its_language(site):
    """The theme's policy_url(key) on the French home: the French notice page where
    there is one, the English one where there is none."""
    # The notice of privacy practices (English only), then the Good Faith Estimate notice.
    for home, expected in (("fr/index.html", ["en", "fr"]), ("index.html", ["en", "en"])):
        links = site["pages"][home][1].css("a.home-notices__link")
        targets = [page_at(site, home, a.attributes["href"]) for a in links]
        assert [lang.split("-")[0] for lang, _ in targets] == expected, home
