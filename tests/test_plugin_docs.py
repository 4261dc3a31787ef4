"""Docs that hold: every setting a plugin reads (found in its code with Python's parser,
tests/plugin_source.py) is documented exactly once, in a settings table, and a plugin
that travels alone says in its own README where each setting it reads comes from.

A setting's home is one row of one settings table (a Markdown table whose first column
is "Setting"): the reading plugin's README, or, for a setting one plugin publishes for
another (EMERGENCY_LINES_HTML), the publisher's README, or docs/ for project-wide ones.
Pelican's own settings are documented by Pelican and are left out."""

import fnmatch
import re
import textwrap
from functools import cache
from pathlib import Path

import pelican
from pelican.settings import DEFAULT_CONFIG

from conftest import ROOT
from tests.plugin_source import PLUGINS, PLUGINS_DIR, reads_in, setting_reads

# `NAME` or `NAME["key"]` in a table's first cell.
CELL_NAME = re.compile(r"`([A-Z][A-Z0-9_]*)(\[[^`]*\])?`")


@cache
def pelican_settings():
    """Pelican's settings: its defaults and every name its own code reads from settings."""
    package = Path(pelican.__file__).parent
    code = sorted(p for p in package.rglob("*.py") if "tests" not in p.parts)
    read = {n for r in reads_in(code) for n in r.names if "*" not in n}
    return frozenset(DEFAULT_CONFIG) | read


def settings_rows(path):
    """(setting, sub-key or "", line number) for each row of the settings tables in a
    Markdown file."""
    rows, in_table = [], False
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.lstrip().startswith("|"):
            in_table = False
        elif cells[0] == "Setting":
            in_table = True
        elif in_table and not set(cells[0]) <= set("-: "):
            rows += [(name, key, number) for name, key in CELL_NAME.findall(cells[0])]
    return rows


@cache
def homes():
    """setting -> [(file, sub-key, line)] over every settings table of the project."""
    files = [*sorted(PLUGINS_DIR.glob("*/README.md")), *sorted((ROOT / "docs").glob("*.md"))]
    found = {}
    for path in files:
        for name, key, line in settings_rows(path):
            found.setdefault(name, []).append((path.relative_to(ROOT).as_posix(), key, line))
    return found


def readme(plugin):
    return f"plugins/{plugin}/README.md"


@cache
def read_names(plugin):
    """setting name -> where the plugin reads it (exact names; patterns apart)."""
    names = {}
    for read in setting_reads(plugin):
        for name in read.names:
            names.setdefault(name, read.where())
    return names


def test_every_setting_read_is_followed_to_its_name():
    # A read the parser cannot follow (a name computed at run time) would escape the
    # checks below: write the name out, or keep it in a module-level table.
    unresolved = [f"{r.where()}: {r.unresolved}" for p in PLUGINS for r in setting_reads(p)
                  if r.unresolved]
    assert unresolved == []
    # The reader finds what it claims to: a few reads known from the code.
    assert "PHOTOS_MAX_MB" in read_names("photos")
    assert "SAMPLE_PRACTICE" in read_names("confidentiality")
    assert "ALLOWED_TAGS" in read_names("front_matter")


def test_a_computed_setting_name_is_one_of_pelicans():
    # f"{template.upper()}_SAVE_AS": Pelican's family of settings, none of ours.
    ours = {name for name, rows in homes().items()
            if any(file.startswith("plugins/") for file, _, _ in rows)}
    wrong = []
    for plugin in PLUGINS:
        for name, where in read_names(plugin).items():
            if "*" in name and (not fnmatch.filter(pelican_settings(), name)
                                or fnmatch.filter(ours - pelican_settings(), name)):
                wrong.append(f"{where}: {name}")
    assert wrong == []


def test_every_setting_a_plugin_reads_is_documented_exactly_once():
    problems = []
    for plugin in PLUGINS:
        own_text = (PLUGINS_DIR / plugin / "README.md").read_text(encoding="utf-8")
        for name, where in sorted(read_names(plugin).items()):
            if "*" in name or name in pelican_settings():
                continue
            rows = homes().get(name, [])
            files = {file for file, _, _ in rows}
            keys = [key for _, key, _ in rows]
            if not rows:
                problems.append(f"{name} (read at {where}): in no settings table; "
                                f"add a row to {readme(plugin)}")
            elif len(files) > 1 or len(keys) != len(set(keys)) or ("" in keys and len(keys) > 1):
                problems.append(f"{name}: documented more than once: "
                                + ", ".join(f"{f}:{line}" for f, _, line in rows))
            elif readme(plugin) not in files and not re.search(rf"`{name}[`\[]", own_text):
                problems.append(f"{name} (read at {where}): documented in {files.pop()}, "
                                f"but {readme(plugin)} does not say it reads it")
    assert problems == [], "\n".join(problems)


def test_every_row_of_a_plugin_settings_table_is_read_by_some_plugin():
    # A row for a setting no plugin reads any more is a promise the code no longer keeps.
    read = {name for plugin in PLUGINS for name in read_names(plugin)}
    stale = [f"{readme(plugin)}:{line}: {name}" for plugin in PLUGINS
             for name, _, line in settings_rows(PLUGINS_DIR / plugin / "README.md")
             if name not in read]
    assert stale == []


def test_the_table_reader_reads_tables():
    # Rows are found under a "Setting" header only, with sub-keys and several names.
    rows = settings_rows(PLUGINS_DIR / "stable_sitemap" / "README.md")
    assert [(n, k) for n, k, _ in rows] == [("SITEMAP", '["exclude"]'),
                                            ("SITEMAP", '["changefreqs"]'),
                                            ("SITEMAP", '["priorities"]')]
    assert {"DRAFT_URL", "DRAFT_PAGE_URL"} <= set(homes())
    assert "MP3" not in homes() and "PHOTOS_MAX_MB" in homes()


def test_every_deploy_setting_has_one_row_in_publishing_md():
    # tools/deploy.py's targets list their settings (the one place in code); the docs'
    # table lists the same names, each once, and nothing the tools no longer read.
    from tools.deploy import KEYS
    rows = [name for name, _, _ in settings_rows(ROOT / "docs" / "publishing.md")]
    assert len(rows) == len(set(rows))
    # DRY_RUN is a switch of tools/deploy.py; SITEURL is Pelican's (a CNAME on GitHub).
    assert set(rows) == {*KEYS, "DRY_RUN", "SITEURL"}


def test_the_reader_follows_every_spelling_of_a_read(tmp_path):
    # Hostile spellings of a settings read, each of which must be found (or reported as
    # unfollowable), and look-alikes that are not settings reads.
    module = tmp_path / "odd.py"
    module.write_text(textwrap.dedent('''\
        LIMIT = "ODD_LIMIT"
        TABLE = {"ODD_A": 1, "ODD_B": 2}


        def one(pelican, generator, context, name):
            pelican.settings.get(LIMIT)
            generator.settings["ODD_SUBSCRIPT"]
            "ODD_IN" in context
            [context.get(k) for k in ("ODD_C", "ODD_D")]
            for key in TABLE:
                pelican.settings.get(key)
            context.get(f"{name}_SAVE_AS")
            pelican.settings.setdefault("ODD_DEFAULTED", 1)
            context.get("articles")              # a context key, not a setting
            other = {"NOT_A_READ": 1}
            other.get("NOT_A_READ")              # not the settings
            pelican.settings.get(name)           # cannot be followed


        def by_param(settings, name):
            return settings.get(name)


        def caller(settings):
            return by_param(settings, "ODD_PARAM")
        '''), encoding="utf-8")
    reads = reads_in([module])
    found = {n for r in reads for n in r.names}
    assert found == {"ODD_LIMIT", "ODD_SUBSCRIPT", "ODD_IN", "ODD_C", "ODD_D", "ODD_A",
                     "ODD_B", "*_SAVE_AS", "ODD_DEFAULTED", "ODD_PARAM"}
    assert [r.unresolved for r in reads if r.unresolved] == ["name"]
