"""The plugin contract (docs/plugin-contract.md), checked over every plugin from its source
with Python's parser (tests/plugin_source.py): register() connects module-level functions
only; one `<Plugin>Error`, subclassing Exception, defined in the plugin; and every setting
of the plugin's own (its README's settings table) is read, so checked, by the receiver it
connects to `initialized`, before any content is read."""

import ast

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

    def __init__(self, name):
        self.name = name
        self.modules = {p: Module.read(p) for p in modules(name)}
        # module path -> {function name: FunctionDef}, {class name: ClassDef}
        self.functions = {p: {n.name: n for n in m.tree.body
                              if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
                          for p, m in self.modules.items()}
        self.classes = {p: {n.name: n for n in m.tree.body if isinstance(n, ast.ClassDef)}
                        for p, m in self.modules.items()}

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
    for path in modules(plugin):
        for node in ast.walk(Module.read(path).tree):
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
    rows = {name for name, _, _ in settings_rows(PLUGINS_DIR / plugin / "README.md")}
    return rows - written_settings(plugin)


def raises(plugin):
    return any(isinstance(node, ast.Raise) for path in modules(plugin)
               for node in ast.walk(Module.read(path).tree))


@pytest.fixture(scope="module")
def plugins():
    return {name: Plugin(name) for name in PLUGINS}


def test_register_connects_module_level_functions_only(plugins):
    wrong = []
    for plugin in plugins.values():
        for path, signal, target, line in plugin.connections():
            where = f"{path.relative_to(PLUGINS_DIR.parent)}:{line}"
            function = next((n for n in ast.walk(plugin.modules[path].tree)
                             if isinstance(n, ast.FunctionDef)
                             and n.lineno <= line <= n.end_lineno and n.name == "register"), None)
            if function is None:
                wrong.append(f"{where}: {signal}.connect outside register()")
            if plugin.function(path, target) is None:
                wrong.append(f"{where}: {signal} gets {ast.unparse(target)}, "
                             "not a module-level function")
    assert wrong == [], "\n".join(wrong)


def test_one_error_class_named_after_the_plugin_subclassing_exception(plugins):
    wrong = []
    for name, plugin in plugins.items():
        errors = [(path, cls) for path, classes in plugin.classes.items()
                  for cls in classes.values() if cls.name.endswith("Error")]
        if not errors and not own_settings(name) and not raises(name):
            continue                # nothing to check, nothing that stops a build
        if len(errors) != 1:
            wrong.append(f"{name}: {len(errors)} exception classes "
                         f"({', '.join(c.name for _, c in errors)}); one of {sorted(error_names(name))}")
            continue
        path, cls = errors[0]
        if cls.name not in error_names(name):
            wrong.append(f"{name}: {cls.name}, not one of {sorted(error_names(name))}")
        if [ast.unparse(b) for b in cls.bases] != ["Exception"]:
            wrong.append(f"{name}: {cls.name} subclasses "
                         f"{[ast.unparse(b) for b in cls.bases]}, not Exception")
    assert wrong == [], "\n".join(wrong)


def test_every_own_setting_is_checked_at_initialized(plugins):
    wrong = []
    for name, plugin in plugins.items():
        own = own_settings(name)
        receivers = [(path, plugin.function(path, target))
                     for path, signal, target, _ in plugin.connections() if signal == "initialized"]
        receivers = [found for _, found in receivers if found]
        if not receivers:
            if own:
                wrong.append(f"{name}: no receiver for initialized checks {sorted(own)}")
            continue
        bodies = [body for path, function in receivers
                  for body in plugin.reachable(path, function)]
        read = set()
        for path, body in bodies:
            for found in reads_in([path]):
                if body.lineno <= found.line <= body.end_lineno:
                    read.update(found.names)
        missing = sorted(own - read)
        if missing:
            wrong.append(f"{name}: initialized does not check {missing}")
    assert wrong == [], "\n".join(wrong)


def test_the_contract_reader_sees_what_is_there(plugins):
    # Known from the code, so the checks above cannot pass by reading nothing.
    photos = plugins["photos"]
    assert ("initialized", "initialized") in {
        (signal, ast.unparse(target)) for _, signal, target, _ in photos.connections()}
    practice = plugins["practice"]
    assert any(ast.unparse(t) == "team.tie_profiles" and practice.function(p, t)
               for p, _, t, _ in practice.connections())
    assert "PHOTOS_MAX_MB" in own_settings("photos")
    assert "EMERGENCY_NUMBER" in written_settings("emergency_notice")
    assert "EMERGENCY_REGION" in own_settings("emergency_notice")
