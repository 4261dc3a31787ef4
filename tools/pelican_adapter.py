"""The one place where the tools (and tests) rely on a private part of Pelican, and why.

Two things live here, each pinned by tests/test_pelican_adapter.py, which fails naming
what moved when the pinned Pelican changes it:

1. Loading a plugin's module the way Pelican does (pelican.plugins._utils), below.
2. The format strings of two problems Pelican logs instead of raising (LOGGED, further
   down), which tools/build.py turns into findings.

(Plugins travel alone, so they cannot use this module. photos renders its picture
addresses through Pelican's public get_writer and feed_generated signals; front_matter
reads through a reader subclass and the generators' context signals.)

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


# Two problems Pelican logs rather than raises, by the format string of the log record
# (record.msg; the file or plugin is record.args[0]). A logging.Handler receives the
# record with the format string and the arguments apart, so tools/build.py tells them by
# the format string and never parses the formatted text. There is no public exception or
# signal for either: Pelican catches a reader's exception and logs it (pelican/
# generators.py, for articles and for pages), and a plugin that fails to import is
# logged and skipped (pelican/plugins/_utils.py).
COULD_NOT_PROCESS = "Could not process %s"
CANNOT_LOAD_PLUGIN = "Cannot load plugin `%s`\n%s"
