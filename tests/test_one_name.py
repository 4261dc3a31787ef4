"""One name per module, and nothing edits the import path (issue 20).

A plugin's module has the name Pelican gives it (`practice.answers`: found in
PLUGIN_PATHS by name); tools and tests reach it through tools/pelican_adapter.py. The
project root is the working directory for Pelican and pytest, which is how `tools` and
the root conftest are found: no sys.path, PYTHONPATH or pytest `pythonpath` edits. Read
with Python's own parser, over every Python file of the project (tests too).
"""

import ast
import configparser
import functools
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file())
# The tests' fork server (tools/child_build.py) gives each forked build the sys.path a
# new `python -m` started in that folder would have: it re-creates Python's own start, and
# no build or tool runs with a path it chose.
NOT_YET = {"tools/child_build.py",
           "tests/test_child_build.py"}  # its test: a PYTHONPATH is followed as Python does


@functools.cache
def python_files():
    """[(path from the root, parsed tree)] of every Python file (parsed once)."""
    return list(_python_files())


def _python_files():
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = sorted(n for n in subfolders if not n.startswith(".") and
                               n not in ("output", "__pycache__"))
        for name in sorted(names):
            if name.endswith(".py"):
                path = Path(folder) / name
                text = path.read_text(encoding="utf-8")
                # Parsed only when it names what the rules look for (most files do not).
                if any(word in text for word in ("sys", "PYTHONPATH", "plugins", "spec_")):
                    yield path.relative_to(ROOT).as_posix(), ast.parse(text, filename=str(path))


def is_sys_path(node):
    return isinstance(node, ast.Attribute) and node.attr == "path" and \
        isinstance(node.value, ast.Name) and node.value.id == "sys"


def path_edits(tree):
    """Lines that change the import path: sys.path.append(...) and friends, assigning to
    sys.path, or setting PYTHONPATH in an environment (a dict key or an item assignment)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                is_sys_path(node.func.value):
            yield node.lineno, f"sys.path.{node.func.attr}()"
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if is_sys_path(target) or (isinstance(target, ast.Subscript) and
                                           isinstance(target.slice, ast.Constant) and
                                           target.slice.value == "PYTHONPATH"):
                    yield node.lineno, "assigns the import path"
        elif isinstance(node, ast.Dict):
            if any(isinstance(k, ast.Constant) and k.value == "PYTHONPATH" for k in node.keys):
                yield node.lineno, "PYTHONPATH in an environment"
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                "putenv", "setdefault") and node.args and \
                isinstance(node.args[0], ast.Constant) and node.args[0].value == "PYTHONPATH":
            yield node.lineno, "PYTHONPATH in the environment"


def second_names(tree):
    """Imports of a plugin under another name than Pelican's (`plugins.practice...`), and
    files loaded by path under a made-up name (spec_from_file_location)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and (
                node.module == "plugins" or node.module.startswith("plugins.")):
            yield node.lineno, f"from {node.module} import ..."
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "plugins" or alias.name.startswith("plugins."):
                    yield node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == \
                "spec_from_file_location":
            yield node.lineno, "spec_from_file_location"


def test_nothing_edits_the_import_path():
    found = [f"{rel}:{line}: {what}" for rel, tree in python_files() if rel not in NOT_YET
             for line, what in path_edits(tree)]
    assert found == []
    # An exception that no longer applies is removed, not kept.
    still = {rel for rel, tree in python_files() if rel in NOT_YET and any(path_edits(tree))}
    assert still == NOT_YET, f"remove {sorted(NOT_YET - still)} from NOT_YET"
    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini", encoding="utf-8")
    assert "pythonpath" not in ini["pytest"]
    assert "PYTHONPATH" not in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_checks_see_each_spelling():
    # Each rule above must be able to fail.
    edits = ast.parse("import os, sys\nsys.path.insert(0, '.')\nsys.path += ['x']\n"
                      "env = {'PYTHONPATH': '.'}\nenv['PYTHONPATH'] = '.'\n"
                      "os.environ.setdefault('PYTHONPATH', '.')\n")
    assert sorted(line for line, _ in path_edits(edits)) == [2, 3, 4, 5, 6]
    names = ast.parse("from plugins.practice import answers\nimport plugins.policies.checks\n"
                      "import importlib.util\n"
                      "importlib.util.spec_from_file_location('x', 'plugins/a.py')\n")
    assert sorted(line for line, _ in second_names(names)) == [1, 2, 4]
    # Removing PYTHONPATH from a child's environment is not an edit.
    clean = ast.parse("env = {k: v for k, v in env.items() if k != 'PYTHONPATH'}\n")
    assert list(path_edits(clean)) == []


def test_every_plugin_module_has_one_name():
    # The browser suite's conftest loads its own helper module (browsing.py) by path: it
    # has that one name, and no plugin or tool is loaded that way.
    allowed = {("tests/browser/conftest.py", "spec_from_file_location")}
    found = [f"{rel}:{line}: {what}" for rel, tree in python_files()
             for line, what in second_names(tree) if (rel, what) not in allowed]
    assert found == []
    assert len(PLUGINS) > 8
