"""Posts and pages as Pelican's readers wrote them: normalised, then judged by the rules
that only content has.

Every body and summary (articles, pages, drafts; Markdown, reStructuredText, HTML) is
parsed with the HTML parser as a fragment (the standard's algorithm, in a <div>) before
anything is rendered, so the page, the lists and the feeds all get the same markup.

Normalised (harmless markup the readers write, and what is never worth publishing):
- comments and what the parser reads as comments are removed (an SSI directive in one
  would run on a server that has them on; a note to self would be published);
- a processing instruction (`<?php ...?>` outside a code block) is kept as visible text;
- docutils' <tt> becomes <code>; an image's `style="width: 600px; height: 450px"` (reST
  `:width:`/`:height:`) becomes width and height attributes when it is whole pixels;
- an id the reader derived from a heading or label that the theme uses ("Main",
  "Emergency notice") is renamed, with the links to it in the same text.

Refused, because the emergency notice must not be covered, moved or shrunk: the theme's
reserved classes (with their BEM variants) and ids (PRIVACY_RESERVED_NAMES) set by the
writer, head-only elements (<meta>, <link>, <title>, <base>), attributes on <html> or
<body>, `overflow` on inline SVG, a size in CSS that is not whole pixels. A refused
element gets a MARKER attribute saying why; the page audit (html_audit.py) refuses every
marked element wherever it is published (page, list, feed), so `make check`, which audits
the built folder, sees the same findings as the build.

The markup is serialised again only when something changed; then it must read the same
when parsed once more (no markup that mutates), or it is refused.
"""

import html
import json
import os
import re

import tinycss2
from selectolax.lexbor import LexborHTMLParser

MARKER = "data-privacy-guard"
HEAD_ONLY = frozenset({"meta", "link", "title", "base"})
_EXT = {".md": "md", ".markdown": "md", ".mkd": "md", ".mdown": "md", ".rst": "rst"}

_NOTICE = "its own parts, such as the emergency notice and the skip link"
RULES = {
    "class": (
        'the class "{detail}", which the theme keeps for ' + _NOTICE + ": content "
        "carrying it would be styled like them, and could be drawn over the notice",
        "Remove the class (in Markdown, the {{: .{detail} }} line; in HTML, the class "
        'attribute). The theme styles posts on its own; the names it keeps are in '
        "theme/reserved-names.json."),
    "id": (
        'the id "{detail}", which the theme keeps for ' + _NOTICE,
        "Remove the id you set (in Markdown, {{: #{detail} }}; in reStructuredText, the "
        ".. _{detail}: target) or choose another name. Headings need none: their ids "
        "are made from their titles."),
    "head": (
        "<{detail}> in the text of a post or page: it belongs in the page's <head>, which "
        "the theme writes (a second <meta name=\"viewport\">, for one, can shrink the "
        "emergency notice to a sliver on phones)",
        "Remove it: the theme writes every <meta>, <link>, <title> and <base> a page "
        "needs (the title and summary come from the post's Title: and Summary:)."),
    "document": (
        "<{detail}> with attributes in the text of a post or page: the browser would give "
        "them to the whole page",
        "Remove the <html>, <head> and <body> tags; write only what goes inside the page."),
    "overflow": (
        'overflow="{detail}" on a drawing in a post or page: a drawing that paints '
        "outside its own box can cover the rest of the page, the emergency notice "
        "included",
        "Remove the overflow attribute (the drawing is then clipped to its box), or save "
        "the drawing as an .svg file in content/images/ and show it as an image."),
    "size": (
        'an image size written as CSS (style="{detail}") that is not whole pixels, so '
        "it cannot become the image's width and height",
        "Give :width: and :height: in pixels (:width: 600px, or :width: 600); "
        "percentages and other units would need CSS, which pages may not carry."),
    "mutation": (
        "markup that reads differently once the build has cleaned it and it is read "
        "again ({detail})",
        "Simplify the HTML of that post (close every tag, no <svg> or <math> mixed "
        "with other markup), or write it in Markdown."),
    "forged": (
        "the attribute " + MARKER + ", which only the build writes",
        "Remove the attribute."),
}

# A stylesheet in the content folder: nothing may link it (content brings no <link> or
# <style>, and static pages are judged like posts), and one that something did link
# could position an element over the emergency notice. Only the theme styles the site.
STYLESHEET = (
    "a stylesheet from the content folder: only the theme's stylesheets style the site, "
    "and nothing on it may link this one (a stylesheet can move or cover the emergency "
    "notice)",
    "Remove it from the content folder. To change how the site looks, edit the theme's "
    "stylesheet (theme/static/css/).")


class Rules:
    """The content rules of one site, from its settings."""

    def __init__(self, reserved=None):
        reserved = reserved or {}
        self.classes = frozenset(reserved.get("classes", ()))
        self.content_classes = frozenset(reserved.get("content_classes", ()))
        self.ids = frozenset(reserved.get("ids", ()))
        self.id_prefixes = tuple(reserved.get("id_prefixes", ()))

    def reserved_class(self, name):
        if name in self.content_classes:
            return False
        base = re.split(r"__|--", name, maxsplit=1)[0]
        return base in self.classes

    def reserved_id(self, name):
        return name in self.ids or name.startswith(self.id_prefixes)


def describe(value):
    """(problem, fix) for a marker's value."""
    try:
        rule, detail, source, line = json.loads(value)
        problem, fix = RULES[rule]
        problem, fix = problem.format(detail=detail), fix.format(detail=detail)
    except (ValueError, TypeError, KeyError):
        return (f'the attribute {MARKER}="{value[:60]}", which only the build writes',
                "Remove the attribute.")
    where = f"{source} line {line}" if line else source
    return f"{problem} (in {where})", fix


class Source:
    """A content file's name and text, to tell the writer where a finding is."""

    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.kind = _EXT.get(os.path.splitext(path or "")[1].lower(), "html")
        self._text = None

    @property
    def text(self):
        # Read only for a finding or a reserved id: most content has neither.
        if self._text is None:
            try:
                with open(self.path, encoding="utf-8", errors="replace") as fh:
                    self._text = fh.read()
            except (OSError, TypeError):
                self._text = ""
        return self._text

    @property
    def lines(self):
        return self.text.splitlines()

    def line_of(self, *needles):
        """The first line holding one of the needles (case ignored), or 0."""
        lines = self.lines
        for needle in needles:
            low = needle.lower()
            for number, line in enumerate(lines, 1):
                if low in line.lower():
                    return number
        return 0

    def sets_id(self, name):
        """Whether the writer set this id by hand (attr_list, an HTML id=, a reST
        target or :name:), rather than the reader deriving it from a title."""
        word = re.escape(name) + r"(?![\w-])"
        patterns = [r"\{[^{}\n]*#" + word, r"\bid\s*=\s*[\"']?" + word]
        if any(re.search(p, self.text, re.I) for p in patterns):
            return True
        if self.kind == "rst":
            targets = re.findall(r"^\s*\.\.\s+_`?([^:`]+)`?:|^\s*:name:\s*(.+)$", self.text,
                                 re.M)
            return any(_docutils_id(a or b) == name for a, b in targets)
        return False


def _docutils_id(text):
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


def clean(markup, source, rules):
    """The body or summary, normalised and with refused elements marked."""
    if not markup or not isinstance(markup, str):
        return markup
    tree = LexborHTMLParser(markup, is_fragment=True)
    changed = False
    problems = []  # (rule, detail, needles) with no element to carry them
    ids = {n.attributes.get("id") for n in tree.css("[id]")}
    renamed = {}
    for node in list(tree.root.traverse(include_text=False)) if tree.root else []:
        tag = node.tag
        if tag is None:  # a processing instruction: shown as the text it is
            node.replace_with(node.html or "")
            changed = True
            continue
        if tag in ("-comment", "_comment"):
            node.decompose()
            changed = True
            continue
        if tag.startswith(("-", "_")):
            continue
        attrs = node.attributes
        if tag == "tt":
            node = _retag(tree, node, "code")
            changed = True
        elif tag == "img" and "style" in attrs:
            sizes = _pixel_sizes(attrs.get("style") or "")
            if sizes is not None:
                for name, value in sizes.items():
                    node.attrs[name] = value
                del node.attrs["style"]
                changed = True
            elif _only_sizes(attrs.get("style") or ""):
                changed |= _mark(node, source, "size", attrs["style"], "width:", "height:")
        if MARKER in attrs:
            changed |= _mark(node, source, "forged", "", MARKER)
            continue
        if tag in HEAD_ONLY:
            changed |= _mark(node, source, "head", tag, "<" + tag)
            continue
        if "overflow" in attrs and _in_svg(node):
            changed |= _mark(node, source, "overflow", attrs["overflow"] or "", "overflow")
            continue
        for name in (attrs.get("class") or "").split():
            if rules.reserved_class(name):
                changed |= _mark(node, source, "class", name, name)
                break
        else:
            ident = attrs.get("id")
            if ident and rules.reserved_id(ident):
                if source.sets_id(ident):
                    changed |= _mark(node, source, "id", ident, ident)
                else:
                    new = _free_id(ident, rules, ids)
                    ids.add(new)
                    renamed["#" + ident] = "#" + new
                    node.attrs["id"] = new
                    changed = True
    if renamed:
        for link in tree.css("a[href]"):
            target = renamed.get(link.attributes.get("href"))
            if target:
                link.attrs["href"] = target
    if re.search(r"<\s*(html|head|body)\b", markup, re.I):
        whole = LexborHTMLParser(markup)
        for element in (whole.root, whole.head, whole.body):
            if element is not None and element.attributes:
                problems.append(("document", element.tag, "<" + element.tag))
                changed = True
    if not changed:
        return markup
    out = tree.html or ""
    again = LexborHTMLParser(out, is_fragment=True).html or ""
    if again != out:
        problems.append(("mutation", _first_difference(out, again), ""))
    return "".join(_marker_element(source, *p) for p in problems) + out


def _retag(tree, node, tag):
    new = tree.create_node(tag)
    for name, value in node.attributes.items():
        new.attrs[name] = value or ""
    for child in list(node.iter(include_text=True)):
        new.insert_child(child, move=True)
    node.replace_with(new, move=True)
    return new


def _pixel_sizes(style):
    """{"width": "600", "height": "450"} when the style is nothing but whole-pixel (or
    unitless) widths and heights, else None."""
    found = {}
    for item in tinycss2.parse_blocks_contents(style, skip_whitespace=True,
                                               skip_comments=True):
        if item.type != "declaration" or item.lower_name not in ("width", "height") \
                or item.important or item.lower_name in found:
            return None
        value = [t for t in item.value if t.type not in ("whitespace", "comment")]
        if len(value) != 1 or not value[0].type in ("number", "dimension"):
            return None
        token = value[0]
        if token.type == "dimension" and token.lower_unit != "px":
            return None
        if not token.is_integer or token.int_value < 0:
            return None
        found[item.lower_name] = str(token.int_value)
    return found or None


def _only_sizes(style):
    names = [item.lower_name for item in tinycss2.parse_blocks_contents(
        style, skip_whitespace=True, skip_comments=True) if item.type == "declaration"]
    return bool(names) and set(names) <= {"width", "height"}


def _in_svg(node):
    while node is not None:
        if node.tag == "svg":
            return True
        node = node.parent
    return False


def _free_id(ident, rules, used):
    for number in range(1, 1000):
        new = f"{ident}-{number}"
        if not rules.reserved_id(new) and new not in used:
            return new
    new = "section-" + ident
    while rules.reserved_id(new) or new in used:
        new += "-x"
    return new


def _value(source, rule, detail, *needles):
    return json.dumps([rule, detail, source.name, source.line_of(*needles)])


def _mark(node, source, rule, detail, *needles):
    node.attrs[MARKER] = _value(source, rule, detail, *needles)
    return True


def _marker_element(source, rule, detail, needle):
    value = _value(source, rule, detail, *([needle] if needle else []))
    return f'<span {MARKER}="{html.escape(value, quote=True)}"></span>'


def _first_difference(a, b):
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return " ".join(a[max(0, at - 20):at + 30].split())
