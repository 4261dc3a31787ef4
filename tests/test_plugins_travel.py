"""Every plugin folder works on another Pelican site, as each plugin's README promises:
copied alone into a fresh quickstart-style site (a minimal pelicanconf.py naming it in
PLUGINS, Pelican's default theme, two posts), the site builds, and the plugin's own tests
pass when run from inside the copied folder, with nothing of this project around them."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pelican as pelican_module
import pytest

from conftest import ROOT

PLUGINS = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file())

# What `pelican-quickstart` writes, shortened: no theme named (Pelican's default), no feeds
# in development, and the plugin folder next to the settings.
PELICANCONF = """\
AUTHOR = "Sam Example"
SITENAME = "A quickstart site"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
PLUGIN_PATHS = ["plugins"]
PLUGINS = [{name!r}]
"""


POSTS = {
    "first-post.md": """\
        Title: A first post
        Date: 2026-03-02 10:00
        Category: Notes
        Tags: starting

        The first words on a new site.
        """,
    "second-post.md": """\
        Title: A second post
        Date: 2026-03-09 10:00
        Category: Notes
        Tags: starting, habits

        A short second post, *with emphasis*.
        """,
}


def clean_env():
    """This process's environment without what would tie a run to this project: pytest's
    and xdist's variables, and any PYTHONPATH."""
    return {key: value for key, value in os.environ.items()
            if not key.startswith(("PYTEST_", "PYTHONPATH")) and key != "COV_CORE_SOURCE"} | {
        "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"}


def quickstart_site(root, name, extra=""):
    """A fresh site in `root` with only the plugin `name` copied into plugins/."""
    shutil.copytree(ROOT / "plugins" / name, root / "plugins" / name,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "pelicanconf.py").write_text(PELICANCONF.format(name=name) + extra,
                                         encoding="utf-8")
    (root / "content").mkdir()
    for file_name, text in POSTS.items():
        (root / "content" / file_name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_every_plugin_folder_is_tested():
    assert len(PLUGINS) >= 10, PLUGINS
    untested = [name for name in PLUGINS
                if not list((ROOT / "plugins" / name / "tests").glob("test_*.py"))]
    assert untested == []


def pelican(site):
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py",
         "--fatal", "errors"],
        cwd=site, env=clean_env(), capture_output=True, text=True, timeout=600)


def test_a_quickstart_site_with_a_wrong_plugin_setting_is_told_which(tmp_path):
    # photos told to draw its cards with a font file that is not there.
    result = pelican(quickstart_site(tmp_path / "site", "photos",
                                     'PHOTOS_CARD_FONT = "fonts/missing.ttf"\n'))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    # (Plain Pelican prints its traceback under a plugin's error; `make html` in this kit
    # builds through tools.build, which does not.)
    assert "PHOTOS_CARD_FONT" in output and "missing.ttf" in output, output


@pytest.mark.parametrize("name", PLUGINS)
def test_plugin_folder_builds_a_quickstart_site_and_passes_its_own_tests(tmp_path, name):
    site = quickstart_site(tmp_path / "site", name)
    build = pelican(site)
    assert build.returncode == 0, build.stdout + build.stderr
    pages = sorted((site / "output").glob("*.html"))
    assert site / "output" / "index.html" in pages
    assert (site / "output" / "a-second-post.html").is_file()
    if name == "privacy_guard":
        # Pelican's default theme forgets the privacy <meta>: the guard puts it first.
        head = (site / "output" / "index.html").read_text(encoding="utf-8")
        assert head.index("Content-Security-Policy") < head.index("<title>")
        # Its templates' comments ("<!-- /#banner -->") are stripped, never published.
        theme = Path(pelican_module.__file__).parent / "themes" / "notmyidea" / "templates"
        assert "<!--" in (theme / "base.html").read_text(encoding="utf-8")
        for page in pages:
            assert "<!--" not in page.read_text(encoding="utf-8"), page

    folder = site / "plugins" / name
    if not (folder / "tests").is_dir():
        return
    # -P: the plugin's folder is not put first on the module search path, where a module
    # of the plugin could shadow one of Python's own (confidentiality/numbers.py, `numbers`).
    tests = subprocess.run(
        [sys.executable, "-P", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"],
        cwd=folder, env=clean_env(), capture_output=True, text=True, timeout=900)
    output = tests.stdout + tests.stderr
    assert tests.returncode == 0, output
    # The run used the copied folder and nothing of this project.
    assert str(ROOT) not in output, output
    assert " passed" in output and " failed" not in output, output


def test_every_plugin_tests_conftest_is_the_same_file():
    """Each plugin folder carries its own tests/conftest.py (the scratch-site builder), so
    that the folder, copied alone into another site, still runs its tests; the copies are
    one file written out several times, never variants that drift apart."""
    copies = {p.parent.parent.name: p.read_bytes()
              for p in (ROOT / "plugins").glob("*/tests/conftest.py")}
    assert len(copies) >= 2
    first = next(iter(copies.values()))
    assert [name for name, data in copies.items() if data != first] == []
