"""The preview's content cache never serves a page built with old settings.

A scratch copy of the project is built with `make html`'s command (tools.build, cache
on), its pelicanconf.py then gets a local crisis line in EMERGENCY_NOTICE, and the site is
built again WITHOUT `make clean`. Every page that shows crisis lines must show the new
one as many times as it shows the region's own line (the notice on every page, and the
lists on Resources and the policy that names them); before the cache_key plugin,
Resources and that policy kept the old lines until the cache was deleted.
"""

import re
import subprocess
import sys

import pytest

from conftest import copy_project, html_files

LOCAL_LINE = "Multnomah County crisis line: 503-988-4888"
# The sample's region (US) names this line wherever crisis lines are listed.
REGION_LINE = "Suicide &amp; Crisis Lifeline"


def make_html(project):
    result = subprocess.run(
        ["make", "-s", "html", f"PY={sys.executable}", f"STAMP={project / '.stamp'}"],
        cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "output"


def counts(site, text):
    return {str(path.relative_to(site)): path.read_text(encoding="utf-8").count(text)
            for path in html_files(site)}


def cache_folders(project):
    return sorted(p.name for p in (project / ".cache").glob("pelican*"))


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("cache-project"), tools=True,
                           makefile=True)
    (project / ".stamp").touch()  # newer than requirements.txt: make installs nothing
    first = make_html(project)
    before = {"region": counts(first, REGION_LINE), "local": counts(first, "503-988-4888"),
              "folders": cache_folders(project)}
    make_html(project)
    again = {"folders": cache_folders(project)}
    conf = project / "pelicanconf.py"
    text, found = re.subn(r"^EMERGENCY_NOTICE = \{\}$",
                          f"EMERGENCY_NOTICE = {{'extra': {LOCAL_LINE!r}}}",
                          conf.read_text(encoding="utf-8"), flags=re.M)
    assert found == 1, "pelicanconf.py no longer sets EMERGENCY_NOTICE = {} on one line"
    conf.write_text(text, encoding="utf-8")
    site = make_html(project)
    after = {"region": counts(site, REGION_LINE), "local": counts(site, "503-988-4888"),
             "folders": cache_folders(project)}
    return before, again, after


def test_the_cache_was_used_and_kept_while_nothing_changed(rebuilt):
    before, again, _ = rebuilt
    assert len(before["folders"]) == 1
    assert again["folders"] == before["folders"]


def test_a_new_crisis_line_shows_everywhere_crisis_lines_show(rebuilt):
    before, _, after = rebuilt
    assert not any(before["local"].values())
    showing = {page: n for page, n in after["region"].items() if n}
    # The notice is on (nearly) every page; Resources and a policy list the lines again.
    assert len(showing) > 30
    assert showing["resources/index.html"] >= 2
    assert any(n >= 2 for page, n in showing.items() if "policy" in page)
    stale = {page: (after["local"][page], n) for page, n in showing.items()
             if after["local"][page] != n}
    assert stale == {}, "pages with fewer new lines than crisis lists (new, lists)"
    assert after["folders"] != before["folders"]
