"""theme/reserved-names.json is complete: every class and id the theme styles or writes,
and every one the kit's plugins write into pages, is reserved (content may not use it,
the privacy guard refuses it) or is a class that ordinary Markdown or reStructuredText
output carries, which the theme may style but must never reserve.

No build: the stylesheets are read with tinycss2, the templates through Jinja's own lexer
(the template text with every {{ }} and {% %} taken out) and then an HTML5 parser, and the
plugins' markup from the string literals of their Python source (ast), also parsed as HTML.
"""

import ast
import json
import string
from pathlib import Path

import jinja2
import pytest
import tinycss2
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[1]
RESERVED = json.loads((ROOT / "theme" / "reserved-names.json").read_text(encoding="utf-8"))

# Classes the content's own HTML carries: Python-Markdown (codehilite with
# css_class "highlight", footnotes, toc, admonition, tables, attr_list is the author's
# own) and docutils (Pelican's reStructuredText reader). The theme may style these; they
# are never reserved, or the guard would refuse ordinary posts.
CONTENT_CLASSES = frozenset({
    # Python-Markdown
    "highlight", "codehilite", "linenos", "linenodiv", "hll", "footnote", "footnote-ref",
    "footnote-backref", "toc", "toclink", "headerlink", "admonition", "admonition-title",
    "note", "warning", "tip", "important", "caution", "danger", "attention", "hint",
    "error",
    # docutils' HTML writer as Pelican's reader uses it
    "document", "section", "title", "subtitle", "docutils", "literal", "literal-block",
    "literal-block-wrapper", "reference", "external", "internal", "image", "figure",
    "caption", "legend", "align-left", "align-center", "align-right", "align-top",
    "align-middle", "align-bottom", "simple", "field-list", "field-name", "field-body",
    "option-list", "option", "citation", "citation-reference", "footnote-reference",
    "label", "fn-backref", "brackets", "line-block", "line", "topic", "sidebar",
    "sidebar-title", "rubric", "epigraph", "highlights", "pull-quote", "attribution",
    "compound", "container", "contents", "system-message", "system-message-title",
    "problematic", "first", "last", "arabic", "loweralpha", "upperalpha", "lowerroman",
    "upperroman", "enumerated", "auto-toc", "sectnum", "code", "pre",
    "table", "colwidths-auto", "colwidths-given", "abbreviation", "acronym", "field",
})

PLACEHOLDER = "\ue000"  # (a private-use character) where a template or format expression was: any text
_JINJA = jinja2.Environment()


# ---- what the stylesheets style ------------------------------------------------------

def _selector_names(tokens, found, where):
    previous = None
    for token in tokens:
        if token.type == "hash" and token.is_identifier:
            found.add(("id", token.value, where))
        elif token.type == "ident" and previous is not None and previous.type == "literal" \
                and previous.value == ".":
            found.add(("class", token.value, where))
        elif token.type in ("function", "[] block", "() block"):
            # :not(.x), :is(#a, .b); [class~="x"] and [id="x"] name them too.
            inner = token.arguments if token.type == "function" else token.content
            _selector_names(inner, found, where)
            if token.type == "[] block":
                words = [t for t in inner if t.type not in ("whitespace", "comment")]
                if words and words[0].type == "ident" and words[0].lower_value in ("class", "id") \
                        and words[-1].type in ("string", "ident"):
                    found.add((words[0].lower_value, words[-1].value, where))
        if token.type not in ("whitespace", "comment"):
            previous = token
        else:
            previous = None


_GROUPING_AT_RULES = {"media", "supports", "container", "layer", "scope", "document"}
_DECLARATION_AT_RULES = {"page", "font-face", "counter-style", "property", "font-palette-values"}


def css_names(text, where):
    """(kind, name, where) for every class and id a stylesheet's selectors name."""
    found = set()

    def rules(nodes):
        for node in nodes:
            if node.type == "qualified-rule":
                _selector_names(node.prelude, found, where)
            elif node.type == "at-rule" and node.content is not None:
                if node.lower_at_keyword in _GROUPING_AT_RULES:
                    rules(tinycss2.parse_rule_list(node.content, skip_comments=True,
                                                   skip_whitespace=True))
                elif node.lower_at_keyword not in _DECLARATION_AT_RULES:
                    raise AssertionError(f"{where}: @{node.at_keyword} is new to this test; "
                                         "teach it whether the rule holds selectors")
            elif node.type == "error":
                raise AssertionError(f"{where}: CSS parse error {node.message}")

    rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    return found


# ---- what the templates and plugins write ----------------------------------------------

def html_names(markup, where):
    """(kind, name, where) for every class and id attribute in an HTML fragment. The
    fragment may stop inside a tag (a plugin builds a tag from pieces): it is also read
    with the tag closed."""
    found = set()
    for text in (markup, markup + '">', markup + "'>"):
        tree = LexborHTMLParser(text)
        for node in tree.css("[class], [id]"):
            for word in (node.attributes.get("class") or "").split():
                found.add(("class", word, where))
            if node.attributes.get("id"):
                found.add(("id", node.attributes["id"].strip(), where))
    return found


def template_names(source, where):
    """The names a Jinja template writes: its text with every expression replaced by a
    placeholder and every statement removed, as HTML; plus the words of a
    `{% block ..._class %}` (the body's class, given by each page's template)."""
    text, class_words = [], []
    in_class_block, depth, statement = False, 0, None
    for _line, kind, value in _JINJA.lex(source):
        if kind == "variable_begin":
            text.append(PLACEHOLDER)
        elif kind == "data":
            text.append(value)
            if in_class_block:
                class_words += value.split()
        elif kind == "block_begin":
            statement = []
        elif kind == "name" and statement is not None:
            statement.append(value)
        elif kind == "block_end":
            if statement[:1] == ["block"]:
                if in_class_block:
                    depth += 1
                elif len(statement) > 1 and statement[1].endswith("_class"):
                    in_class_block, depth = True, 0
            elif statement[:1] == ["endblock"] and in_class_block:
                if depth:
                    depth -= 1
                else:
                    in_class_block = False
            statement = None
    found = html_names("".join(text), where)
    found |= {("class", w, where) for w in class_words}
    return found


def _literal(node):
    """A string expression's text with every non-literal part as a placeholder."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal(v) if isinstance(v, ast.Constant) else PLACEHOLDER
                       for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal(node.left) + _literal(node.right)
    return PLACEHOLDER


def _format_fields_out(text):
    """str.format/Markup.format fields ({}, {key}) as placeholders."""
    try:
        return "".join(lit + (PLACEHOLDER if field is not None else "")
                       for lit, field, _spec, _conv in string.Formatter().parse(text))
    except ValueError:
        return text


def python_names(source, where):
    """The names the HTML in a module's string expressions writes."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp)):
            text = _literal(node)
            if "<" in text and ("class=" in text or "id=" in text):
                found |= html_names(_format_fields_out(text), where)
    return found


def theme_and_plugin_names():
    found = set()
    for path in sorted((ROOT / "theme" / "static").rglob("*.css")):
        found |= css_names(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    for path in sorted((ROOT / "theme" / "templates").rglob("*")):
        if path.suffix in (".html", ".svg"):
            found |= template_names(path.read_text(encoding="utf-8"),
                                    path.relative_to(ROOT).as_posix())
    for path in sorted((ROOT / "plugins").glob("*/*.py")):
        found |= python_names(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    return found


# ---- the judgement ----------------------------------------------------------------------

def _class_covered(name, reserved):
    """A class is reserved as listed or as a BEM part/variant of a listed one; a class
    with a placeholder, when its literal start already lies inside such a variant."""
    literal, dynamic = name.split(PLACEHOLDER)[0], PLACEHOLDER in name
    for base in reserved["classes"]:
        if not dynamic and literal == base:
            return True
        if literal.startswith((base + "__", base + "--")):
            return True
    return False


def _id_covered(name, reserved):
    literal, dynamic = name.split(PLACEHOLDER)[0], PLACEHOLDER in name
    return (not dynamic and literal in reserved["ids"]) or literal.startswith(
        tuple(reserved["id_prefixes"]))


def unreserved(found, reserved, content_classes=CONTENT_CLASSES):
    """Lines naming each class or id the theme or plugins use that is neither reserved
    nor a content class."""
    problems = set()
    for kind, name, where in found:
        if name.startswith(PLACEHOLDER):
            continue  # wholly computed (class="{{ x }}"): nothing literal to judge
        if kind == "class" and (name in content_classes or _class_covered(name, reserved)):
            continue
        if kind == "id" and _id_covered(name, reserved):
            continue
        shown = name.replace(PLACEHOLDER, "{...}")
        problems.add(f"{kind} {shown!r} ({where})")
    return sorted(problems)


def unused(found, reserved):
    """Reserved names nothing in the theme or plugins uses any more: they refuse content
    for nothing."""
    classes = {n.split(PLACEHOLDER)[0] for k, n, _ in found if k == "class"}
    ids = {n.split(PLACEHOLDER)[0] for k, n, _ in found if k == "id"}
    stale = [f"class {c!r}" for c in reserved["classes"]
             if not any(n == c or n.startswith((c + "__", c + "--")) for n in classes)]
    stale += [f"id {i!r}" for i in reserved["ids"] if i not in ids]
    stale += [f"id prefix {p!r}" for p in reserved["id_prefixes"]
              if not any(n.startswith(p) for n in ids)]
    return stale


# ---- tests ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def found():
    return theme_and_plugin_names()


def test_the_probes_see_what_they_should(found):
    # Each reader finds names in its own kind of source, including computed ones ...
    names = {(k, n.replace(PLACEHOLDER, "{}")) for k, n, _ in found}
    for expected in [("class", "skip-link"), ("id", "emergency-notice"), ("id", "main"),
                     ("class", "page-article"), ("class", "post--quote"),
                     ("id", "year-{}"), ("id", "policy-notice-{}"),
                     ("class", "share-buttons__link--{}"), ("class", "emergency-notice__monitor"),
                     ("class", "art-sun"), ("class", "prose")]:
        assert expected in names, expected
    # ... and the judgement reports what is not reserved: a made-up class in a
    # stylesheet, a template and a plugin's string, an id, a computed class outside any
    # reserved name, and a content class that the JSON would wrongly reserve.
    invented = (css_names("@media print { .new-widget, a:not(#new-id) { color: red } }", "x.css")
                | template_names('<p class="{% if a %}card {% endif %}lone-{{ b }}">', "t.html")
                | python_names("X = '<b class=\"plugin-new\">' + y", "p.py"))
    assert unreserved(invented, RESERVED) == [
        "class 'lone-{...}' (t.html)", "class 'new-widget' (x.css)",
        "class 'plugin-new' (p.py)", "id 'new-id' (x.css)"]
    assert "class 'card'" not in str(unreserved(invented, RESERVED))
    assert unused(set(), {"classes": ["gone"], "ids": ["x"], "id_prefixes": ["p-"]}) == [
        "class 'gone'", "id 'x'", "id prefix 'p-'"]


def test_every_class_and_id_the_theme_and_plugins_use_is_reserved(found):
    problems = unreserved(found, RESERVED)
    assert not problems, (
        "Add these to theme/reserved-names.json (or, for a class Markdown or docutils "
        "writes, to CONTENT_CLASSES in this test):\n  " + "\n  ".join(problems))


def test_every_reserved_name_is_still_used(found):
    stale = unused(found, RESERVED)
    assert not stale, ("theme/reserved-names.json reserves names nothing writes or styles "
                       "any more; remove them so content may use them:\n  " + "\n  ".join(stale))


def test_no_content_class_is_reserved():
    # A reserved class that Markdown or docutils writes would refuse ordinary posts.
    clash = sorted(c for c in CONTENT_CLASSES if _class_covered(c, RESERVED))
    assert not clash, clash
