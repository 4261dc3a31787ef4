"""Every plugin folder works on another Pelican site, as each plugin's README promises:
copied alone into a fresh quickstart-style site (a minimal pelicanconf.py naming it in
PLUGINS, Pelican's default theme, two posts), the site builds, and the plugin's own tests
pass when run from inside the copied folder, with nothing of this project around them.

All the copied folders' tests run in one pytest process (one per plugin cost a Python and
pytest start each), and each plugin's test reads its own lines of that run's report. In one
process every copied plugin is importable, so a plugin whose tests import another plugin
would pass here and fail alone: a test reads every plugin's imports to rule that out."""

import ast
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pelican as pelican_module
import pytest

from conftest import ROOT, run_python

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
    return run_python(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py",
         "--fatal", "errors"], cwd=site, env=clean_env())


def test_a_quickstart_site_with_a_wrong_plugin_setting_is_told_which(tmp_path):
    # photos told to draw its cards with a font file that is not there.
    result = pelican(quickstart_site(tmp_path / "site", "photos",
                                     'PHOTOS_CARD_FONT = "fonts/missing.ttf"\n'))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    # (Plain Pelican prints its traceback under a plugin's error; `make html` in this kit
    # builds through tools.build, which does not.)
    assert "PHOTOS_CARD_FONT" in output and "missing.ttf" in output, output


# The copied folders are split in two batches, each run by one pytest and kept to one test
# worker (an xdist group), so that `make test`'s two workers share the work.
BATCHES = 2
_runs = {}


def batch_of(name):
    return PLUGINS.index(name) % BATCHES


def travelled(tmp_path_factory, batch):
    """The plugins of `batch`, each copied alone into its own quickstart site
    (TMP/NAME/site), each site built, then every copied folder's tests run by one pytest
    from TMP. Returns TMP, the builds by plugin and the pytest run (once per process)."""
    if batch in _runs:
        return _runs[batch]
    base = tmp_path_factory.mktemp(f"travel-{batch}")
    names = [name for name in PLUGINS if batch_of(name) == batch]
    builds = {name: pelican(quickstart_site(base / name / "site", name)) for name in names}
    folders = [f"{name}/site/plugins/{name}" for name in names
               if (base / name / "site" / "plugins" / name / "tests").is_dir()]
    # -P: no folder is put first on the module search path, where a plugin's module could
    # shadow one of Python's own (confidentiality/numbers.py, `numbers`). -rA: a line per
    # test, PASSED/FAILED/ERROR/SKIPPED and its file, which each plugin's test reads.
    tests = subprocess.run(
        [sys.executable, "-P", "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
         "-p", "no:xdist", *folders],
        cwd=base, env=clean_env(), capture_output=True, text=True, timeout=1800)
    _runs[batch] = base, builds, tests
    return _runs[batch]


def report_lines(output, name):
    """The -rA summary lines of the tests (and collection errors) in NAME's folder."""
    outcomes = ("PASSED", "FAILED", "ERROR", "SKIPPED", "XFAIL", "XPASS")
    return [line for line in output.splitlines()
            if line.startswith(outcomes) and f" {name}/site/plugins/{name}/" in line]


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xdist_group(f"plugins-travel-{batch_of(name)}"))
    for name in PLUGINS])
def test_plugin_folder_builds_a_quickstart_site_and_passes_its_own_tests(tmp_path_factory,
                                                                         name):
    base, builds, tests = travelled(tmp_path_factory, batch_of(name))
    build = builds[name]
    assert build.returncode == 0, build.stdout + build.stderr
    site = base / name / "site"
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

    if not (site / "plugins" / name / "tests").is_dir():
        return
    output = tests.stdout + tests.stderr
    # The run used the copied folders and nothing of this project.
    assert str(ROOT) not in output, output
    lines = report_lines(tests.stdout, name)
    assert any(line.startswith("PASSED") for line in lines), output
    # Every test module of the folder ran there (make test runs most of them only here:
    # the root conftest's run_travelled_tests_once).
    ran = {found.group(1) for line in lines
           if (found := re.search(rf"/plugins/{name}/tests/(test_\w+\.py)\b", line))}
    modules = {path.name for path in (site / "plugins" / name / "tests").glob("test_*.py")}
    assert modules <= ran, (sorted(modules - ran), output)
    assert not [line for line in lines if line.startswith(("FAILED", "ERROR", "XPASS"))], \
        output


def imported_names(path):
    """The top-level names a Python file imports (absolute imports only), and whether it
    skips itself when the project is not around it (pytest.skip at module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    skips_alone = any(
        isinstance(node, ast.keyword) and node.arg == "allow_module_level"
        for statement in tree.body for node in ast.walk(statement)
        if not isinstance(statement, (ast.FunctionDef, ast.ClassDef)))
    return names, skips_alone


def test_no_plugin_folder_imports_another_plugin():
    """What lets the copied folders' tests share one pytest process: alone, an import of
    another plugin would fail, so none may be there to pass by accident. (A test module
    that skips itself outside the project never runs alone.)"""
    crossing = []
    for name in PLUGINS:
        for path in sorted((ROOT / "plugins" / name).rglob("*.py")):
            names, skips_alone = imported_names(path)
            others = sorted(names & (set(PLUGINS) - {name}))
            if others and not skips_alone:
                crossing.append((path.relative_to(ROOT).as_posix(), others))
    assert crossing == []


def test_every_plugin_tests_conftest_is_the_same_file():
    """Each plugin folder carries its own tests/conftest.py (the scratch-site builder), so
    that the folder, copied alone into another site, still runs its tests; the copies are
    one file written out several times, never variants that drift apart."""
    copies = {p.parent.parent.name: p.read_bytes()
              for p in (ROOT / "plugins").glob("*/tests/conftest.py")}
    assert len(copies) >= 2
    first = next(iter(copies.values()))
    assert [name for name, data in copies.items() if data != first] == []
