"""The one place where the tools (and tests) use a private part of Pelican, and why.

(One plugin keeps a reach-in where Pelican has no public hook, pinned by its own
tests/test_pelican_hook.py: photos' _update_content. Plugins travel alone, so they
cannot use this module. front_matter reads through public hooks only: a reader subclass
and the generators' context signals.)

Tools (make setup, make newpost, make check, the benchmarks) and tests reuse plugins' own
code in-process: the answers file's reader, the region data, the front-matter reader, the
confidentiality scan. Such a module must be the very module a build uses, under the one
name Pelican gives it (`practice.answers`, `privacy_guard.audit`), or the process holds two
copies with two sets of exception classes and state. Pelican loads a plugin by finding
its name in PLUGIN_PATHS and registering the module under that name; it has no public
function for this, only pelican.plugins._utils.load_legacy_plugin. tests/
test_pelican_adapter.py fails when the pinned Pelican changes it (name, arguments, or
where the module ends up).

Nothing here touches the import path: a plugin is found in plugins/ by name, its
submodules through the package, as in a build.
"""

import importlib
from pathlib import Path

from pelican.plugins._utils import load_legacy_plugin

# This project's PLUGIN_PATHS (pelicanconf.py), as Pelican resolves it: next to the
# settings file.
PLUGIN_PATHS = [str(Path(__file__).resolve().parent.parent / "plugins")]


def plugin_module(name, plugin_paths=None):
    """The plugin module `name` ("practice" or "practice.answers"), loaded the way a build
    loads the plugin, or the one already loaded under that name."""
    package = name.partition(".")[0]
    load_legacy_plugin(package, plugin_paths or PLUGIN_PATHS)
    return importlib.import_module(name)
