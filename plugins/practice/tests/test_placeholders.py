"""Placeholders on a real build: values escaped wherever they land, unknown names stop the
build naming file, line and the known names."""

import json
import shutil

from bs4 import BeautifulSoup

from .conftest import PLUGINS_DIR, build_site, run_site


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


HOSTILE = 'Mind & "Body" <script>alert(1)</script> *Care*'


def scratch(tmp_path, body, practice=None):
    root = tmp_path / "site"
    (root / "content" / "pages").mkdir(parents=True)
    shutil.copytree(PLUGINS_DIR / "practice", root / "plugins" / "practice",
                    ignore=shutil.ignore_patterns("__pycache__", "tests"))
    practice = practice or {"name": HOSTILE, "clinician": "Ana Lima", "phone": "020 7946 0018",
                            "phone_link": "+442079460018", "country": "GB",
                            "licensed_in": ["England", "Wales"],
                            # The country's facts come with PRACTICE (from the region data).
                            "privacy_regulator": "the Information Commissioner's Office"}
    (root / "conf.py").write_text(
        f'SITENAME = "Test"\nPATH = "content"\nPLUGIN_PATHS = ["plugins"]\n'
        f'PLUGINS = ["practice"]\nPRACTICE = {json.dumps(practice)}\n'
        'MARKDOWN = {"extension_configs": {"markdown.extensions.extra": {}, '
        '"markdown.extensions.meta": {}, "markdown.extensions.toc": {}}}\n'
        'PAGE_SAVE_AS = "{slug}.html"\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n',
        encoding="utf-8")
    (root / "content" / "pages" / "p.md").write_text(body, encoding="utf-8")
    return root


def test_values_are_escaped_in_text_links_headings_and_titles(tmp_path):
    root = scratch(tmp_path, "Title: About {{ practice_name }}\nSlug: p\n"
                   "Summary: With {{ clinician }} at {{ name }}.\n\n"
                   "## Meet {{ clinician }}\n\n"
                   "Welcome to {{ name }}. Call [{{ phone }}](tel:{{ phone_link }}).\n\n"
                   "Licensed in {{ licensed_in }}; {{ privacy_regulator }}.\n")
    site = build_site(root)
    page = soup_of(site / "p.html")
    # The body (Pelican's plain theme does not escape titles; this project's theme does).
    body = page.find("section", id="content")
    body.find("h1").extract()
    raw = body.decode()
    assert "<script>" not in raw and "<em>Care</em>" not in raw
    assert "About " + HOSTILE in (site / "p.html").read_text()  # raw: a theme escapes it
    welcome = [p.get_text() for p in body.find_all("p") if "Welcome" in p.get_text()]
    assert welcome and HOSTILE in welcome[0]
    assert page.find("a", href="tel:+442079460018").get_text() == "020 7946 0018"
    assert page.find("h2", id="meet-ana-lima")
    assert "England and Wales" in raw and "Information Commissioner" in raw
    assert "zqplaceholder" not in raw


def test_an_unknown_placeholder_stops_the_build_naming_file_line_and_names(tmp_path):
    root = scratch(tmp_path, "Title: T\nSlug: p\n\nFine.\n\nCall {{ fone }} or {{ phone | x }}.\n")
    result = run_site(root)
    out = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "p.md, line 6: {{ fone }} is not a known placeholder" in out
    assert "{{ phone | x }}" in out
    assert "{{ phone }}" in out and "{{ clinician }}" in out  # the known names


def test_text_without_placeholders_is_untouched(tmp_path):
    body = "Title: T\nSlug: p\n\nBraces { like } these and {single} stay.\n"
    site = build_site(scratch(tmp_path, body))
    assert "Braces { like } these and {single} stay." in (site / "p.html").read_text()
