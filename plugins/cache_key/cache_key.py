"""Key Pelican's content cache on everything that shapes a cached post or page.

Pelican's content cache keeps each post and page as it was read (with what plugins added
while reading) and reuses it while the source file is unchanged. It does not look at the
settings or at the plugins' own files, so a changed setting (a crisis line in
EMERGENCY_NOTICE) or a changed data file (a plugin's regions.json) left pages built with
the old values until the cache was deleted.

At `initialized` this plugin appends a key to CACHE_PATH: a digest of Pelican's final
settings (the settings file, -e overrides and Pelican's defaults, as every plugin sees
them; all but OUTPUT_PATH) and of every file in the folders of the plugins this build loaded (code and data,
tests left out). Any change gives a new, empty cache folder; an unchanged site keeps its
folder from build to build, so the cache still speeds up the preview. The theme is not
part of the key: templates are rendered on every build from the cached content.
"""

import hashlib
import json
import os
import sys

from pelican import signals

# Not part of the key: folders that hold no file a build reads,
SKIPPED_FOLDERS = {"tests", "__pycache__"}
# and the one setting that says where pages go, not what is in them: two builds of the
# same site into different folders (a build tool's staging folder, a test's scratch
# output) share one cache.
NOT_SHAPING = {"OUTPUT_PATH"}


def plain(value):
    """`value` as JSON-ready data that is the same in every process: dict keys become
    text (typed, so 1 and "1" differ), sets are sorted, and a function, class or module is
    named by its import path (its default text holds a memory address)."""
    if isinstance(value, dict):
        return {f"{type(key).__name__}:{key}": plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(item) for item in value), key=json.dumps)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    if name:
        return f"{getattr(value, '__module__', '')}.{name}"
    text = str(value)
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    # An object without its own text shows its address, which changes every run.
    return kind if " at 0x" in text else f"{kind}:{text}"


def plugin_files(modules):
    """(path, bytes) of every file in the loaded plugins' folders, in a fixed order."""
    roots = set()
    for module in modules:
        source = getattr(module, "__file__", None)
        if source:
            path = os.path.realpath(source)
            roots.add(os.path.dirname(path) if os.path.basename(path) == "__init__.py"
                      else path)
    for root in sorted(roots):
        if os.path.isfile(root):
            files = [root]
        else:
            files = []
            for folder, subfolders, names in os.walk(root):
                subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
                files += (os.path.join(folder, name) for name in names)
        for path in sorted(files):
            with open(path, "rb") as handle:
                yield path, handle.read()


def cache_key(settings, modules):
    shaping = {name: value for name, value in settings.items() if name not in NOT_SHAPING}
    digest = hashlib.sha256(json.dumps(plain(shaping), sort_keys=True).encode("utf-8"))
    for path, data in plugin_files(modules):
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:12]


def loaded_plugins(settings):
    """The modules of this build's plugins: by the time `initialized` is sent, Pelican has
    loaded them and written their module names into PLUGINS."""
    return [sys.modules[name] for name in settings.get("PLUGINS") or ()
            if isinstance(name, str) and name in sys.modules]


def key_the_cache(pelican):
    """initialized: CACHE_PATH gets the key of this build's settings and plugin files."""
    settings = pelican.settings
    if not (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")):
        return  # no cache this build (make publish, the bench): nothing to key, no cost
    key = cache_key(settings, loaded_plugins(settings))
    settings["CACHE_PATH"] = f"{os.fspath(settings['CACHE_PATH']).rstrip(os.sep)}-{key}"


def register():
    signals.initialized.connect(key_the_cache)
