"""What a plugin's code says about itself, read from its source with Python's own parser
(ast), never by running it: the settings it reads, what register() connects, the
exception classes it defines. Shared by tests/test_plugin_docs.py and
tests/test_plugin_contract.py."""

import ast
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ROOT

PLUGINS_DIR = ROOT / "plugins"
PLUGINS = sorted(p.name for p in PLUGINS_DIR.iterdir() if (p / "__init__.py").is_file())

# The receivers Pelican hands a plugin: a setting is read from one of these.
SETTINGS_HOLDERS = {"settings", "context"}


def is_setting_name(text):
    """Pelican's settings are upper-case names (SITEURL, PHOTOS_MAX_MB); the context's
    other keys (articles, front_matter_state) are lower-case."""
    return (isinstance(text, str) and text[:1].isalpha() and text.isupper()
            and all(c.isalnum() or c == "_" for c in text))


def modules(plugin, root=PLUGINS_DIR):
    """The plugin's own modules, its tests left out."""
    folder = Path(root) / plugin
    return sorted(p for p in folder.rglob("*.py") if "tests" not in p.relative_to(folder).parts)


def parse(path):
    return ast.parse(Path(path).read_text(encoding="utf-8"), filename=str(path))


def holder_name(node):
    """`settings` for settings / pelican.settings / self.content.settings, else None."""
    name = node.id if isinstance(node, ast.Name) else (
        node.attr if isinstance(node, ast.Attribute) else None)
    return name if name in SETTINGS_HOLDERS else None


@dataclass
class Read:
    """One place the code reads a setting: the names it can be (several when the name is
    computed from a table of the module; "*_SAVE_AS" for an f-string), or the expression
    when it could not be followed."""
    path: Path
    line: int
    names: tuple = ()
    unresolved: str = ""

    def where(self):
        path = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{path}:{self.line}"


@dataclass
class Module:
    path: Path
    tree: ast.Module
    constants: dict = field(default_factory=dict)   # NAME -> "TEXT"
    tables: dict = field(default_factory=dict)      # NAME -> (keys of a dict/tuple literal)
    parents: dict = field(default_factory=dict)     # node -> parent node

    @classmethod
    def read(cls, path):
        tree = parse(path)
        module = cls(path, tree)
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) and node.value else [])
            for target in targets:
                if not isinstance(target, ast.Name):
                    continue
                value = node.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    module.constants[target.id] = value.value
                keys = literal_strings(value)
                if keys:
                    module.tables[target.id] = keys
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                module.parents[child] = parent
        return module


def literal_strings(node):
    """The string keys of a dict literal, or the strings of a tuple/list/set literal."""
    if isinstance(node, ast.Dict):
        items = node.keys
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        items = node.elts
    else:
        return ()
    strings = tuple(k.value for k in items if isinstance(k, ast.Constant)
                    and isinstance(k.value, str))
    return strings if strings and len(strings) == len(items) else ()


def enclosing_function(module, node):
    while node in module.parents:
        node = module.parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node
    return None


def resolve(module, expr, call=None):
    """The setting names an expression can be, or () when it cannot be followed. An
    f-string gives a pattern: f"{template.upper()}_SAVE_AS" -> "*_SAVE_AS"."""
    if isinstance(expr, ast.Constant):
        return (expr.value,) if isinstance(expr.value, str) else ()
    if isinstance(expr, ast.JoinedStr):
        return ("".join(v.value if isinstance(v, ast.Constant) else "*"
                        for v in expr.values),)
    if not isinstance(expr, ast.Name):
        return ()
    if expr.id in module.constants:
        return (module.constants[expr.id],)
    # settings.get(name, DEFAULTS[name]): the names are the keys of that table.
    for arg in (call.args[1:] if call else ()):
        if (isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name)
                and arg.value.id in module.tables):
            return module.tables[arg.value.id]
    function = enclosing_function(module, expr)
    if function is None:
        return ()
    # for name, ... in SETTINGS.items() / for setting in ("FEED_ATOM", ...), loops and
    # comprehensions alike; or setting = f"{template.upper()}_SAVE_AS".
    for node in ast.walk(function):
        if isinstance(node, (ast.For, ast.comprehension)):
            target, source = node.target, node.iter
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, source = node.targets[0], None
        else:
            continue
        if expr.id not in {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}:
            continue
        if source is None:
            if isinstance(target, ast.Name):
                return resolve(module, node.value)
            continue
        if (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute)
                and source.func.attr in ("items", "keys")):
            source = source.func.value
        if isinstance(source, ast.Name) and source.id in module.tables:
            return module.tables[source.id]
        if literal_strings(source):
            return literal_strings(source)
    # def _setting_list(settings, name): the names its callers in this module pass.
    params = [a.arg for a in function.args.args]
    if expr.id in params:
        position = params.index(expr.id)
        names = []
        for other in ast.walk(module.tree):
            if (isinstance(other, ast.Call) and isinstance(other.func, ast.Name)
                    and other.func.id == function.name and len(other.args) > position):
                found = resolve(module, other.args[position], other)
                if not found:
                    return ()
                names += found
        return tuple(names)
    return ()


def setting_reads(plugin, root=PLUGINS_DIR):
    """Every place the plugin's code reads a setting."""
    return reads_in(modules(plugin, root))


def reads_in(paths):
    """Every place these modules read a setting: `X.get(NAME, ...)`, `X[NAME]` and
    `NAME in X` where X is the settings or the context Pelican hands a plugin."""
    reads = []
    for path in paths:
        module = Module.read(path)
        for node in ast.walk(module.tree):
            key, call = None, None
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("get", "setdefault") and holder_name(node.func.value)
                    and node.args):
                key, call = node.args[0], node
            elif (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
                    and holder_name(node.value)):
                key = node.slice
            elif (isinstance(node, ast.Compare) and len(node.ops) == 1
                    and isinstance(node.ops[0], (ast.In, ast.NotIn))
                    and holder_name(node.comparators[0])):
                key = node.left
            if key is None:
                continue
            if isinstance(key, ast.Constant) and not is_setting_name(key.value):
                continue            # a lower-case context key
            found = resolve(module, key, call)
            names = tuple(n for n in found if is_setting_name(n.replace("*", "X")))
            if names:
                reads.append(Read(path, node.lineno, names=names))
            elif not found:
                reads.append(Read(path, node.lineno, unresolved=ast.unparse(key)))
    return reads
