"""HTML pages, parsed with a spec-compliant HTML5 parser (selectolax's Lexbor engine) and
judged element by element, attribute by attribute, against allowlist.py.

Judging the parsed tree, not the text, is what makes quoting tricks, duplicated
attributes, entities, odd case and stray spaces harmless: the parser resolves them
exactly as the browser will, and the audit sees what the browser sees.

Most elements on a site repeat from page to page (the theme's header, footer, icons), so
each distinct (element, attributes) pair is judged once per build and remembered.
"""

import re

from selectolax.lexbor import LexborHTMLParser

from . import allowlist, content, css_audit, headers, srcset, urls
from .urls import normalise

_SKIP = frozenset({"-text", "-document", "_text", "-doctype", "!doctype"})
# Nodes that are not elements but are refused: comments (a server may run the SSI
# directive in one, old browsers read conditional comments, and a note to self is still
# published) and processing instructions (the parser's node for "<?php ...?>", which
# browsers read as a comment and PHP servers run). Lexbor gives the latter no tag name.
_COMMENT, _PI = "!--", "?"
_NON_ELEMENTS = {"-comment": _COMMENT, "_comment": _COMMENT, None: _PI}


class Problem(str):
    """A problem sentence that brings its own fix (the content rules', content.py)."""
    fix = None


class Judge:
    """Judges elements for one site (its AuditRules); remembers verdicts across pages."""

    def __init__(self, policy):
        self.policy = policy
        self.csp = headers.csp(policy.allowed)
        self._memo = {}
        self._values = {}
        # The fast pass (page_is_clean) looks at each element's tag and each attribute's
        # name in these sets before anything else: nearly every element of a page is an
        # allowed tag whose attributes are allowed whatever their value (class, id,
        # width, viewBox...), and that answer needs no key, no memo and no URL parsing.
        # `plain` maps each allowed element without a rule of its own to those names;
        # anything else (an address, a marker, an element with its own rule, an unknown
        # name) is judged in full, through the same memo element() uses.
        self.plain = {tag: frozenset(n for n in _allowed_names(tag) | _ARIA
                                     if _value_never_matters(tag, n))
                      for tag in allowlist.ELEMENTS
                      if getattr(self, "_" + tag, None) is None}
        # An <a> whose only other attribute is its address (most links on a page).
        self.plain_link = self.plain["a"] | {"href"}

    # ---- one element -------------------------------------------------------------
    def element(self, tag, attrs, page_path):
        """Problems (plain sentences) with one element and its attributes."""
        if tag == "link":
            # A stylesheet's verdict depends on the page's folder (is its address the
            # theme's?): that answer is part of the key, the folder itself is not.
            rel = (attrs.get("rel") or "").lower().split()
            theme = self.policy.is_theme_file(attrs.get("href") or "", page_path) \
                if "stylesheet" in rel else None
            key = (tag, theme, *attrs.items())
        else:
            key = (tag, *attrs.items())
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > 100_000:
                self._memo.clear()
            found = self._memo[key] = self._element(tag, attrs, page_path)
        return found

    def page_is_clean(self, tree, page_path):
        """Whether no element of the page has a problem: the fast pass over every
        element and attribute. It reaches the same verdicts as element(): what it does
        not settle at once from `plain` (or, for a link's address, from the absence of
        a scheme) it hands to element() or attribute(). It only skips what walk() adds
        for a page with problems (each element's index, to find its line)."""
        plain, values, link_free = self.plain, self._values, _LINK_FREE
        plain_link = self.plain_link
        for node in tree.root.traverse(include_text=False):
            tag = node.tag
            names = plain.get(tag)
            if names is None:  # an element with a rule of its own, or not an element
                if tag == "meta":  # (a dozen on every page: checked first)
                    attrs = node.attributes
                    if _plain_meta(attrs):
                        continue
                elif tag in _NON_ELEMENTS:
                    return False
                elif tag in _SKIP or tag.startswith(("-", "_")):
                    continue
                else:
                    attrs = node.attributes
                if self.element(tag, attrs, page_path):
                    return False
                continue
            attrs = node.attributes
            if names.issuperset(attrs):  # (a set's own loop: most elements end here)
                continue
            if tag == "a" and plain_link.issuperset(attrs):
                value = attrs["href"]
                if value is None or ":" not in value or value.startswith(_LINK_OK):
                    continue  # into the site, or a scheme links may use (link_problem)
            for name in attrs.keys() - names:
                value = attrs[name]
                if name in link_free and tag == "a" and (
                        value is None or ":" not in value or value.startswith(_LINK_OK)):
                    continue  # into the site, or a scheme links may use (link_problem)
                if name.startswith(("aria-", "data-")) and name != content.MARKER:
                    continue
                # An address, or a name that may be refused: judged once per value.
                key = (tag, name, value)
                found = values.get(key)
                if found is None:
                    if len(values) > 100_000:
                        values.clear()
                    found = values[key] = bool(self._element(tag, {name: value}, page_path))
                if found:
                    return False
        return True

    def _element(self, tag, attrs, page_path):
        # A content rule's verdict first: it names the source file and line.
        marked = [_content_problem(attrs[content.MARKER] or "")] \
            if content.MARKER in attrs else []
        return marked + self._judged(tag, attrs, page_path)

    def _judged(self, tag, attrs, page_path):
        if tag not in allowlist.ELEMENTS:
            # Name what it would show or load: the fix depends on it (a video, a map...).
            shown = next((f' {k}="{_short(attrs[k] or "")}"' for k in
                          ("src", "data", "href", "action", "code") if attrs.get(k)), "")
            return [f"the element <{tag}{shown}>, which pages of this site may not contain"]
        problems = []
        for name, value in attrs.items():
            value = value or ""
            if name == content.MARKER:  # judged in _element
                continue
            if not allowlist.attribute_allowed(tag, name):
                problems.append(f'the attribute {name}="{_short(value)}" on <{tag}>')
                continue
            problem = self.attribute(tag, name, value)
            if problem:
                problems.append(problem)
        special = getattr(self, "_" + tag, None)
        if special is not None:
            problems += special(attrs, page_path)
        return problems

    def attribute(self, tag, name, value):
        """The problem with one allowed attribute's value, or None."""
        kind = allowlist.ADDRESS_ATTRS.get((tag, name))
        policy = self.policy
        if kind == "link" or (name in ("href", "xlink:href") and tag == "a"):
            problem = policy.link_problem(value)
        elif kind == "fetch":
            problem = policy.fetch_problem(value)
        elif kind == "srcset":
            problem = next(filter(None, map(policy.fetch_problem, srcset.urls(value))), None)
        elif kind == "sizes":
            problem = srcset.sizes_problem(value)
        elif kind == "fragment":
            problem = policy.fetch_problem(value, data_ok=False, allow_listed=False)
        elif name == "referrerpolicy":
            problem = None if value.strip().lower() == "no-referrer" else (
                "a referrer policy other than no-referrer, which would tell the other site "
                "which page the visitor came from")
        elif name in allowlist.SVG_PAINT_ATTRS and "(" in value:
            bad = [u for u in css_audit.declarations_urls(value)
                   if not normalise(u).startswith("#")]
            problem = f"url({bad[0]}) in {name}, which can load a file" if bad else None
        elif name in ("href", "xlink:href") and tag != "link":  # <link>: see _link
            problem = policy.fetch_problem(value, data_ok=False)
        else:
            return None
        if problem:
            return f'<{tag} {name}="{_short(value)}">: {problem}'
        return None

    # ---- elements with rules of their own ----------------------------------------
    def _meta(self, attrs, page_path):
        kinds = [k for k in ("charset", "name", "property", "http-equiv") if k in attrs]
        if len(kinds) != 1:
            return ["a <meta> that is not one of the kinds the theme writes (charset, "
                    "name, property, or the Content-Security-Policy)"]
        kind, value = kinds[0], (attrs[kinds[0]] or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if kind == "name":
            if value == "referrer":
                return [] if content.lower() == "no-referrer" else [
                    f'<meta name="referrer" content="{_short(content)}">: only '
                    "no-referrer keeps the page's address from other sites"]
            if value in allowlist.META_NAMES or value.startswith(allowlist.META_NAME_PREFIXES):
                return []
            return [f'<meta name="{_short(value)}">, a kind the theme does not write']
        if kind == "property":
            if value.startswith(allowlist.META_PROPERTY_PREFIXES):
                return []
            return [f'<meta property="{_short(value)}">, a kind the theme does not write']
        if kind == "http-equiv":
            if value in allowlist.META_HTTP_EQUIV:
                return []
            return [f'<meta http-equiv="{_short(value)}">: pages may not redirect, set '
                    "cookies or change how the browser treats them"]
        return []

    def _link(self, attrs, page_path):
        rels = set((attrs.get("rel") or "").lower().split())
        href = attrs.get("href") or ""
        unknown = rels - allowlist.LINK_RELS_QUIET - allowlist.LINK_RELS_FETCH
        if not rels or unknown:
            return [f'<link rel="{_short(attrs.get("rel") or "")}">: only the kinds the '
                    "theme writes are allowed (canonical, alternate, icon, the theme's "
                    "stylesheets)"]
        if "stylesheet" in rels and not self.policy.is_theme_file(href, page_path):
            return [f'<link rel="stylesheet" href="{_short(href)}">: only the theme\'s own '
                    "stylesheets style the site"]
        if rels & allowlist.LINK_RELS_FETCH:
            problem = self.policy.fetch_problem(href, data_ok=True)
        else:
            problem = self.policy.link_problem(href)
        return [f'<link href="{_short(href)}">: {problem}'] if problem else []

    def _script(self, attrs, page_path):
        kind = (attrs.get("type") or "").strip().lower()
        if kind in allowlist.SCRIPT_TYPES:
            return []
        return ["a <script> (this site runs no JavaScript; only JSON-LD data is allowed)"]


def _allowed_names(tag):
    names = set(allowlist.GLOBAL_ATTRS) | set(allowlist.ELEMENT_ATTRS.get(tag, ()))
    if tag in allowlist.SVG_ELEMENTS:
        names |= allowlist.SVG_ATTRS
    return {n for n in names if allowlist.attribute_allowed(tag, n)}


def _value_never_matters(tag, name):
    """Whether Judge.attribute() passes this allowed attribute whatever its value."""
    return (allowlist.ADDRESS_ATTRS.get((tag, name)) is None and name != content.MARKER
            and name not in ("referrerpolicy", "href", "xlink:href")
            and name not in allowlist.SVG_PAINT_ATTRS)


# The WAI-ARIA 1.2 attributes: allowed by their "aria-" prefix whatever their value
# (allowlist.attribute_allowed), named here so that the fast pass settles them from a set.
_ARIA = frozenset("aria-" + n for n in """
activedescendant atomic autocomplete braillelabel brailleroledescription busy checked
colcount colindex colindextext colspan controls current describedby description details
disabled dropeffect errormessage expanded flowto grabbed haspopup hidden invalid
keyshortcuts label labelledby level live modal multiline multiselectable orientation owns
placeholder posinset pressed readonly relevant required roledescription rowcount rowindex
rowindextext rowspan selected setsize sort valuemax valuemin valuenow valuetext
""".split())

# A link's addresses: with no ":" there is no scheme (normalising adds none), so the link
# leads into the site, whatever else it holds.
_LINK_FREE = frozenset({"href", "xlink:href"})
# Addresses that start with an allowed scheme exactly as written (no space, no odd case):
# nothing normalising does can change that scheme.
_LINK_OK = tuple(f"{scheme}:" for scheme in urls.LINK_SCHEMES)
# <meta name> values that pass whatever their content (referrer is judged by its content).
_META_NAMES_ANY = allowlist.META_NAMES - {"referrer"}


def _plain_meta(attrs):
    """Whether a <meta> is surely one Judge._meta passes: exactly a name (not referrer) or
    a property of a kind the theme writes, and its content, which then never matters.
    Any other <meta> is judged in full."""
    if len(attrs) != 2 or "content" not in attrs:
        return False
    kind = attrs.get("name")
    if kind is not None:
        kind = kind.strip().lower()
        return kind in _META_NAMES_ANY or kind.startswith(allowlist.META_NAME_PREFIXES)
    kind = attrs.get("property")
    return kind is not None and kind.strip().lower().startswith(
        allowlist.META_PROPERTY_PREFIXES)


def _with_fix(problem, fix):
    problem = Problem(problem)
    problem.fix = fix
    return problem


def _content_problem(value):
    return _with_fix(*content.describe(value))


def non_element_problem(node):
    """Why a comment or processing instruction may not be published."""
    if node.tag is None:
        return _with_fix(
            f"a processing instruction {_short(node.html or '<?...?>')}, which browsers "
            "read as a hidden comment and a PHP server would run",
            "Remove it. To show code on a page, put it in a code block (indent it, or "
            "fence it with ```), where it is shown as text.")
    text = node.comment_content or ""
    kind = ("a server-side include directive" if text.lstrip().startswith("#") else
            "a conditional comment" if text.lstrip().lower().startswith("[if") else
            "an HTML comment")
    return _with_fix(
        f"{kind} <!--{_short(text, 50)}-->: published pages carry no comments (a server "
        "may run a directive in one, old browsers read conditional comments, and a note "
        "left in one is still published)",
        "Remove the comment from the template or file (comments in posts and pages are "
        "removed by the build; Jinja's {# ... #} comments in templates are never written).")


# ---- whole documents -----------------------------------------------------------------

def parse(data):
    return LexborHTMLParser(data)


def walk(tree, judge, page_path):
    """(tag, index among same-named elements, problem) for every refused element.
    A clean page (nearly every page) is judged in one fast pass; only a page with a
    problem is walked again, counting elements so that each problem can be located."""
    if judge.page_is_clean(tree, page_path):
        return iter(())
    return _walk_located(tree, judge, page_path)


def _walk_located(tree, judge, page_path):
    seen = {}
    for node in tree.root.traverse(include_text=False):
        tag = node.tag
        if tag in _NON_ELEMENTS:
            tag = _NON_ELEMENTS[tag]
            index = seen.get(tag, 0)
            seen[tag] = index + 1
            yield tag, index, non_element_problem(node)
            continue
        if tag in _SKIP or tag.startswith(("-", "_")):
            continue
        index = seen.get(tag, 0)
        seen[tag] = index + 1
        attrs = node.attributes
        if tag in ("html", "head", "body") and not attrs:
            continue
        for problem in judge.element(tag, attrs, page_path):
            yield tag, index, problem


def strip_comments(tree):
    """Remove every comment node from the parsed page; whether there was one."""
    found = [node for node in tree.root.traverse(include_text=False)
             if node.tag in ("-comment", "_comment")]
    for node in found:
        node.decompose()
    return bool(found)


def privacy_meta_problem(tree, judge):
    """Why the page's head does not start with the CSP and referrer <meta>, or None."""
    head = tree.head
    first = []
    child = head.child if head is not None else None
    while child is not None and len(first) < 3:
        if child.tag not in ("-text", "_text", "-comment", "_comment"):
            first.append(child)
        child = child.next
    if first and first[0].tag == "meta" and "charset" in first[0].attributes:
        first = first[1:]
    found = {"csp": False, "referrer": False}
    for node in first[:2]:
        attrs = node.attributes if node.tag == "meta" else {}
        if (attrs.get("http-equiv") or "").strip().lower() == "content-security-policy" \
                and (attrs.get("content") or "").strip() == judge.csp:
            found["csp"] = True
        elif (attrs.get("name") or "").strip().lower() == "referrer" and \
                (attrs.get("content") or "").strip().lower() == "no-referrer":
            found["referrer"] = True
    if all(found.values()):
        return None
    return ("the page does not start its <head> with the site's Content-Security-Policy "
            "and referrer <meta> (right after <meta charset>), so nothing protects it from "
            "what comes before them or from a weaker policy")


_CHARSET = re.compile(rb"<meta\s[^>]*charset[^>]*>", re.I)
_OPENERS = (re.compile(rb"<head(?:\s[^>]*)?>", re.I), re.compile(rb"<html(?:\s[^>]*)?>", re.I),
            re.compile(rb"<!doctype[^>]*>", re.I))


def insert_privacy_meta(data, judge):
    """The page with the privacy <meta> inserted at the start of <head> (after charset)."""
    meta = headers.meta_html(judge.policy.allowed).encode()
    m = _CHARSET.search(data, 0, 2048)
    if m is None:
        for opener in _OPENERS:
            m = opener.search(data)
            if m:
                break
    at = m.end() if m else 0
    return data[:at] + b"\n  " + meta + data[at:]


def locate(data, tag, index):
    """The line of the index-th <tag ...> in the page's text (only pages with findings
    pay for this): the parser does not keep source positions."""
    pattern = (re.compile(rb"<" + re.escape(tag.encode())) if tag in (_COMMENT, _PI) else
               re.compile(rb"<" + re.escape(tag.encode()) + rb"[\s/>]", re.I))
    matches = list(pattern.finditer(data))
    if not matches:
        return 0
    m = matches[index] if index < len(matches) else matches[-1]
    return data.count(b"\n", 0, m.start()) + 1


def _short(text, size=70):
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"
