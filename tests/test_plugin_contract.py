"""The plugin contract (docs/plugin-contract.md), checked over every plugin from its source
with Python's parser (tests/plugin_source.py): register() connects module-level functions
only; one `<Plugin>Error`, subclassing Exception, defined in the plugin; and every setting
of the plugin's own (its README's settings table) is read, so checked, by the receiver it
connects to `initialized`, before any content is read."""

import ast
import textwrap

import pytest

from tests.plugin_source import PLUGINS, PLUGINS_DIR, Module, modules, reads_in
from tests.test_plugin_docs import settings_rows


def camel(words):
    return "".join(w.capitalize() for w in words)


def error_names(plugin):
    """PrivacyGuardError for privacy_guard; PolicyError or PoliciesError for policies."""
    words = plugin.split("_")
    last = words[-1]
    single = last[:-3] + "y" if last.endswith("ies") else last.rstrip("s")
    return {camel(words) + "Error", camel([*words[:-1], single]) + "Error"}


class Plugin:
    """A plugin's modules, parsed, and what is defined at the top of each."""

    def __init__(self, name, root=PLUGINS_DIR):
        self.name, self.root = name, root
        self.modules = {p: Module.read(p) for p in modules(name, root)}
        # module path -> {function name: FunctionDef}, {class name: ClassDef}
        self.functions = {p: {n.name: n for n in m.tree.body
                              if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
                          for p, m in self.modules.items()}
        self.classes = {p: {n.name: n for n in m.tree.body if isinstance(n, ast.ClassDef)}
                        for p, m in self.modules.items()}
        self._imports = {}

    def module_named(self, importer, dotted, level):
        """The plugin module `from .dotted import ...` names, seen from `importer`."""
        if level == 0:
            return None
        base = importer.parent
        for _ in range(level - 1):
            base = base.parent
        target = base.joinpath(*dotted.split(".")) if dotted else base
        for candidate in (target.with_suffix(".py"), target / "__init__.py"):
            if candidate in self.modules:
                return candidate
        return None

    def imports(self, path):
        """name -> (module path, attribute or None) for the plugin's own relative imports."""
        if path not in self._imports:
            self._imports[path] = self._read_imports(path)
        return self._imports[path]

    def _read_imports(self, path):
        names = {}
        for node in ast.walk(self.modules[path].tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                for alias in node.names:
                    local = alias.asname or alias.name
                    whole = self.module_named(path, ".".join(
                        filter(None, [node.module, alias.name])), node.level)
                    if whole:                       # from . import team
                        names[local] = (whole, None)
                    else:                           # from .team import tie_profiles
                        source = self.module_named(path, node.module or "", node.level)
                        if source:
                            names[local] = (source, alias.name)
        return names

    def function(self, path, expr):
        """The module-level function `expr` names in module `path`, or None."""
        imported = self.imports(path)
        if isinstance(expr, ast.Name):
            if expr.id in self.functions[path]:
                return path, self.functions[path][expr.id]
            if expr.id in imported and imported[expr.id][1]:
                source, attr = imported[expr.id]
                if attr in self.functions[source]:
                    return source, self.functions[source][attr]
        if (isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name)
                and expr.value.id in imported and imported[expr.value.id][1] is None):
            source = imported[expr.value.id][0]
            if expr.attr in self.functions[source]:
                return source, self.functions[source][expr.attr]
        return None

    def connections(self):
        """(module path, signal name, the connected expression, line) for every .connect()."""
        found = []
        for path, module in self.modules.items():
            for node in ast.walk(module.tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "connect" and node.args):
                    signal = node.func.value
                    name = signal.attr if isinstance(signal, ast.Attribute) else ast.unparse(signal)
                    found.append((path, name, node.args[0], node.lineno))
        return found

    def reachable(self, path, function):
        """Every function body the plugin may run from `function`: the module-level
        functions it calls (by name, imported name or module attribute), the classes it
        makes (all their methods) and the plugin's methods it calls by attribute."""
        methods = {}
        for source, classes in self.classes.items():
            for cls in classes.values():
                for item in cls.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        methods.setdefault(item.name, []).append((source, item))
        seen, todo = set(), [(path, function)]
        while todo:
            source, node = todo.pop()
            if (source, node.name, node.lineno) in seen:
                continue
            seen.add((source, node.name, node.lineno))
            yield source, node
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                target = self.function(source, call.func)
                if target:
                    todo.append(target)
                elif isinstance(call.func, ast.Name) and call.func.id in self.classes[source]:
                    todo += [(source, item) for item in self.classes[source][call.func.id].body
                             if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))]
                elif isinstance(call.func, ast.Attribute) and call.func.attr in methods:
                    todo += methods[call.func.attr]


def written_settings(plugin):
    """What the plugin sets for others (`settings["X"] = ...`, `settings.setdefault("X",
    ...)`): documented in its README, but not an input to check."""
    written = set()
    for module in plugin.modules.values():
        for node in ast.walk(module.tree):
            if (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store)
                    and isinstance(node.slice, ast.Constant)):
                written.add(node.slice.value)
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "setdefault" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                written.add(node.args[0].value)
    return written


def own_settings(plugin):
    """The settings the plugin's README table documents and the plugin does not set."""
    readme = plugin.root / plugin.name / "README.md"
    rows = {name for name, _, _ in settings_rows(readme)} if readme.is_file() else set()
    return rows - written_settings(plugin)


def raises(plugin):
    return any(isinstance(node, ast.Raise) for module in plugin.modules.values()
               for node in ast.walk(module.tree))


def register_problems(plugin):
    wrong = []
    for path, signal, target, line in plugin.connections():
        where = f"{plugin.name}/{path.relative_to(plugin.root / plugin.name)}:{line}"
        inside = any(isinstance(n, ast.FunctionDef) and n.name == "register"
                     and n.lineno <= line <= n.end_lineno
                     for n in plugin.modules[path].tree.body)
        if not inside:
            wrong.append(f"{where}: {signal}.connect outside register()")
        if plugin.function(path, target) is None:
            wrong.append(f"{where}: {signal} gets {ast.unparse(target)}, "
                         "not a module-level function")
    return wrong


def error_problems(plugin):
    name = plugin.name
    errors = [cls for classes in plugin.classes.values() for cls in classes.values()
              if cls.name.endswith("Error")]
    if not errors and not own_settings(plugin) and not raises(plugin):
        return []                # nothing to check, nothing that stops a build
    if len(errors) != 1:
        return [f"{name}: {len(errors)} exception classes "
                f"({', '.join(c.name for c in errors)}); one of {sorted(error_names(name))}"]
    wrong, cls = [], errors[0]
    if cls.name not in error_names(name):
        wrong.append(f"{name}: {cls.name}, not one of {sorted(error_names(name))}")
    bases = [ast.unparse(b) for b in cls.bases]
    if bases != ["Exception"]:
        wrong.append(f"{name}: {cls.name} subclasses {bases}, not Exception")
    return wrong


def initialized_problems(plugin):
    own = own_settings(plugin)
    receivers = [plugin.function(path, target) for path, signal, target, _
                 in plugin.connections() if signal == "initialized"]
    receivers = [found for found in receivers if found]
    if not receivers:
        return [f"{plugin.name}: no receiver for initialized checks {sorted(own)}"] if own else []
    reads = {path: reads_in([path]) for path in plugin.modules}
    read = set()
    for path, function in receivers:
        for source, body in plugin.reachable(path, function):
            read.update(n for found in reads[source]
                        if body.lineno <= found.line <= body.end_lineno for n in found.names)
    missing = sorted(own - read)
    return [f"{plugin.name}: initialized does not check {missing}"] if missing else []


@pytest.fixture(scope="module")
def plugins():
    return {name: Plugin(name) for name in PLUGINS}


def test_register_connects_module_level_functions_only(plugins):
    wrong = [w for plugin in plugins.values() for w in register_problems(plugin)]
    assert wrong == [], "\n".join(wrong)


def test_one_error_class_named_after_the_plugin_subclassing_exception(plugins):
    wrong = [w for plugin in plugins.values() for w in error_problems(plugin)]
    assert wrong == [], "\n".join(wrong)


def test_every_own_setting_is_checked_at_initialized(plugins):
    wrong = [w for plugin in plugins.values() for w in initialized_problems(plugin)]
    assert wrong == [], "\n".join(wrong)


# A plugin that breaks every rule, each in a way a quick reading could miss.
HOSTILE = {
    "README.md": """\
        | Setting | Default | Meaning |
        |---|---|---|
        | `BAD_LIMIT` | `3` | checked |
        | `BAD_LATE` | `1` | read only when a page is written |
        """,
    "__init__.py": "from .bad import register  # noqa: F401\n",
    "helpers.py": """\
        class BadError(ValueError):
            pass
        """,
    "bad.py": """\
        from pelican import signals
        from . import helpers


        class Receiver:
            def method(self, *args):
                pass


        class Bad2Error(Exception):
            pass


        def check(pelican):
            limit = pelican.settings.get("BAD_LIMIT", 3)
            if limit < 0:
                raise Bad2Error("BAD_LIMIT")


        def written(path, context):
            return context.get("BAD_LATE")


        def register():
            signals.initialized.connect(check)
            signals.content_written.connect(lambda path, context: None)
            signals.finalized.connect(Receiver().method)
            signals.article_generator_finalized.connect(helpers.missing)


        signals.content_written.connect(written)
        """,
}


def test_a_plugin_that_breaks_every_rule_is_told_each(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, text in HOSTILE.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    plugin = Plugin("bad", tmp_path)
    register = "\n".join(register_problems(plugin))
    assert "content_written gets lambda" in register
    assert "finalized gets Receiver().method" in register
    assert "article_generator_finalized gets helpers.missing" in register
    assert "content_written.connect outside register()" in register
    assert "initialized gets" not in register
    assert error_problems(plugin) == [
        "bad: 2 exception classes (Bad2Error, BadError); one of ['BadError']"]
    assert initialized_problems(plugin) == ["bad: initialized does not check ['BAD_LATE']"]


def test_the_contract_reader_sees_what_is_there(plugins):
    # Known from the code, so the checks above cannot pass by reading nothing.
    photos = plugins["photos"]
    assert ("initialized", "initialized") in {
        (signal, ast.unparse(target)) for _, signal, target, _ in photos.connections()}
    practice = plugins["practice"]
    assert any(ast.unparse(t) == "team.tie_profiles" and practice.function(p, t)
               for p, _, t, _ in practice.connections())
    assert "PHOTOS_MAX_MB" in own_settings(photos)
    assert "EMERGENCY_NUMBER" in written_settings(plugins["emergency_notice"])
    assert "EMERGENCY_REGION" in own_settings(plugins["emergency_notice"])
