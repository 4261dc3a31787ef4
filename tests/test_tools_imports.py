"""tools/ imports no test module: a tool a therapist runs must not depend on a test file
(tests are left out of copied sites and may change freely). Every import in every tool is
read with Python's own parser."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_PARTS = {"tests", "conftest"}


def imported_modules(path):
    """Every module name an import statement in `path` names, with its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # `from a import tests` names a.tests: judge the module and each name.
            base = node.module or ""
            yield from ((f"{base}.{alias.name}".lstrip("."), node.lineno)
                        for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == \
                "plugin_module" and node.args and isinstance(node.args[0], ast.Constant):
            # A plugin's module, imported the way a build does (tools/pelican_adapter.py).
            yield node.args[0].value, node.lineno


def is_test_module(name):
    parts = name.replace(".", " ").split()
    return bool(TEST_PARTS & set(parts)) or any(p.startswith("test_") for p in parts)


def test_no_tool_imports_a_test_module():
    tools = sorted((ROOT / "tools").rglob("*.py"))
    assert len(tools) > 5
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                 for path in tools for name, line in imported_modules(path)
                 if is_test_module(name)]
    assert offenders == []


def test_the_check_recognises_a_test_import():
    # The rule above must see each spelling a tool could use.
    assert is_test_module("plugins.confidentiality.tests.corpus")
    assert is_test_module("confidentiality.tests")
    assert is_test_module("conftest")
    assert is_test_module("tests.test_site")
    source = ROOT / "tools" / "scan_corpus.py"
    names = {name for name, _ in imported_modules(source)}
    assert "confidentiality.scan" in names  # plugin_module("confidentiality.scan")
    assert not is_test_module("confidentiality.scan")
    assert not is_test_module("tools.scan_corpus")
