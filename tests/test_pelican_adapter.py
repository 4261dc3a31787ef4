"""tools/pelican_adapter.py, the one place that uses a private part of Pelican: these
tests fail, naming what moved, when the pinned Pelican changes how it loads a plugin.

One fresh interpreter (a build's starting point: nothing loaded yet) reads the settings,
loads the plugins with Pelican's own loader and then asks the adapter for the same
modules; it reports what it found as JSON and the tests judge it.
"""

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_ENV

PROBE = """\
import json, sys
from pelican.plugins._utils import load_plugins
from pelican.settings import read_settings

settings = read_settings("pelicanconf.py")
after_settings = sorted(m for m in sys.modules if m.split(".")[0] in
                        ("practice", "emergency_notice", "plugins") or "pelicanconf_" in m)
loaded = {module.__name__: module for module in load_plugins(settings)}

from tools.pelican_adapter import plugin_module
answers = plugin_module("practice.answers")
print(json.dumps({
    "after_settings": after_settings,
    "plugins": settings["PLUGINS"],
    "loaded": sorted(loaded),
    "same_package": {name: plugin_module(name) is module for name, module in loaded.items()},
    "files": {name: module.__file__ for name, module in loaded.items()},
    "same_answers": answers is sys.modules["practice"].answers,
    "same_error": answers.PracticeError is sys.modules["practice.answers"].PracticeError,
    "stray": sorted(m for m in sys.modules if m.startswith("plugins.") or m == "plugins"
                    or m.startswith("_pelicanconf")),
}))
"""


@pytest.fixture(scope="module")
def probe():
    # From the project root, with no PYTHONPATH: nothing but the working directory and
    # PLUGIN_PATHS can make these names work.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env={**env, **SAMPLE_ENV})
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pelicans_plugin_loader_is_where_the_adapter_expects_it():
    from pelican.plugins import _utils
    assert callable(getattr(_utils, "load_legacy_plugin", None)), (
        "Pelican no longer has pelican.plugins._utils.load_legacy_plugin: "
        "update tools/pelican_adapter.py to how the pinned Pelican loads a plugin")
    params = list(inspect.signature(_utils.load_legacy_plugin).parameters)
    assert params == ["plugin", "plugin_paths"], (
        f"load_legacy_plugin now takes {params}: update tools/pelican_adapter.py")


def test_the_settings_load_plugin_modules_under_the_names_a_build_uses(probe):
    # pelicanconf.py needs the answers and the regions before Pelican loads any plugin.
    assert "practice.answers" in probe["after_settings"]
    assert "emergency_notice.regions" in probe["after_settings"]
    assert probe["stray"] == [], "a plugin module under a second name"


def test_pelican_then_finds_those_very_modules_and_the_adapter_returns_them(probe):
    assert probe["loaded"] == sorted(probe["plugins"]) and len(probe["loaded"]) > 5
    assert all(probe["same_package"].values()), probe["same_package"]
    for name, path in probe["files"].items():
        assert path == str(ROOT / "plugins" / name / "__init__.py"), (name, path)
    assert probe["same_answers"] and probe["same_error"]


def test_the_adapter_is_the_only_user_of_pelicans_private_modules():
    users = []
    for folder, subfolders, names in os.walk(ROOT):
        # The project's own code: not the virtualenv, build output, caches or tests.
        subfolders[:] = [name for name in subfolders if not name.startswith(".") and
                         name not in ("output", "tests", "__pycache__")]
        for name in names:
            path = Path(folder) / name
            if name.endswith(".py") and name != "conftest.py" and (
                    "pelican.plugins._utils" in path.read_text(encoding="utf-8")):
                users.append(path.relative_to(ROOT).as_posix())
    assert users == ["tools/pelican_adapter.py"]


LOGGED_PROBE = """\
import json, logging, sys
from pathlib import Path
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins._utils import load_plugins
from pelican.settings import read_settings

seen = []

class Keep(logging.Handler):
    def emit(self, record):
        if record.levelno >= logging.ERROR:
            error = sys.exc_info()[1]
            seen.append({"msg": record.msg, "args": [str(a) for a in record.args],
                         "exc": type(error).__name__ if error else None})

logging.getLogger("pelican").addHandler(Keep())
root = Path(sys.argv[1])
for folder in ("posts", "pages"):
    (root / "content" / folder).mkdir(parents=True)
    (root / "content" / folder / "latin1.md").write_bytes(b"Title: Caf\\xe9\\n\\nText\\n")
settings = read_settings(override={
    "PATH": str(root / "content"), "OUTPUT_PATH": str(root / "out"), "CACHE_CONTENT": False,
    "LOAD_CONTENT_CACHE": False, "PLUGINS": ["no_such_plugin"], "PLUGIN_PATHS": [],
    "ARTICLE_PATHS": ["posts"], "PAGE_PATHS": ["pages"]})
load_plugins(settings)
# The shared context as Pelican.run starts it.
context = {**settings, "generated_content": {}, "static_links": set(), "static_content": {},
           "localsiteurl": settings["SITEURL"]}
for kind in (ArticlesGenerator, PagesGenerator):
    kind(context=context, settings=settings, path=settings["PATH"], theme=settings["THEME"],
         output_path=settings["OUTPUT_PATH"]).generate_context()
print(json.dumps(seen))
"""


def test_pelican_still_logs_the_two_problems_tools_build_tells_by_their_format(tmp_path):
    """tools/build.py turns two problems Pelican logs into findings, by the format string
    of the log record (tools/pelican_adapter.py, LOGGED): a plugin that cannot load, and
    a content file that cannot be read (for posts and for pages), with the reader's
    exception still at hand while the record is handled. A fresh Pelican, really made to
    log them."""
    from tools.pelican_adapter import CANNOT_LOAD_PLUGIN, COULD_NOT_PROCESS

    result = subprocess.run([sys.executable, "-c", LOGGED_PROBE, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"msg": CANNOT_LOAD_PLUGIN, "args": seen[0]["args"], "exc": "ImportError"} == \
        seen[0] and seen[0]["args"][0] == "no_such_plugin", (
        f"Pelican now logs a plugin it cannot load as {seen[:1]}: update "
        "tools/pelican_adapter.py's CANNOT_LOAD_PLUGIN and tools/build.py's Collector")
    unread = [entry for entry in seen[1:] if entry["msg"] == COULD_NOT_PROCESS]
    assert [Path(entry["args"][0]).parts[-2:] for entry in unread] == [
        ("posts", "latin1.md"), ("pages", "latin1.md")], (
        f"Pelican now logs an unreadable file as {seen[1:]}: update tools/pelican_adapter.py's "
        "COULD_NOT_PROCESS and tools/build.py's Collector")
    assert {entry["exc"] for entry in unread} == {"UnicodeDecodeError"}, unread
