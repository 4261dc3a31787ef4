"""SVG files and other XML (feeds, sitemaps), read with defusedxml: no DTD declarations (a bare DOCTYPE line is fine), no entities,
no external references, so nothing can hide inside a declaration the scan never sees.

An SVG file has an <svg> root in the SVG namespace and keeps only allowlisted elements
and attributes, in that namespace (a script in any namespace, under any prefix, is
refused). Other XML (the build's feeds and sitemap) keeps to their own namespaces and
has no processing instructions (an `<?xml-stylesheet?>` makes the browser load a
stylesheet).
"""

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import DefusedXMLParser

from . import allowlist

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_PREFIXES = {XLINK_NS: "xlink:", XML_NS: "xml:"}


class _Recorder:
    """A parser target that keeps what the audit needs: elements with their attributes
    and line, text, and processing instructions."""

    def __init__(self, parser_ref):
        self.events = []   # (kind, line, name, attributes or text)
        self._parser = parser_ref

    def _line(self):
        parser = self._parser()
        return parser.parser.CurrentLineNumber if parser else 0

    def start(self, tag, attrib):
        self.events.append(("start", self._line(), tag, dict(attrib)))

    def end(self, tag):
        self.events.append(("end", self._line(), tag, None))

    def data(self, text):
        if self.events and self.events[-1][0] == "data":
            kind, line, tag, old = self.events.pop()
            text = old + text
            self.events.append((kind, line, tag, text))
        else:
            self.events.append(("data", self._line(), None, text))

    def pi(self, target, text):
        self.events.append(("pi", self._line(), target, text))

    def comment(self, text):
        pass

    def close(self):
        return self.events


def _bare_doctype_only(name, system_id, public_id, has_internal_subset):
    if has_internal_subset:
        raise DTDForbidden(name, system_id, public_id)


def read_xml(data):
    """(events, problem): the document's events, or a problem when it cannot be read
    safely (a DTD, an entity, broken XML)."""
    parser = None
    recorder = _Recorder(lambda: parser)
    try:
        # A bare DOCTYPE (the SVG 1.1 line that drawing programs write) declares nothing
        # and loads nothing: allowed. An internal subset ([...]) can declare entities or
        # default attributes that hide content: refused, as are entities and anything
        # external wherever they appear.
        parser = DefusedXMLParser(target=recorder, forbid_dtd=False, forbid_entities=True,
                                  forbid_external=True)
        parser.parser.StartDoctypeDeclHandler = _bare_doctype_only
        parser.feed(data)
        return parser.close(), None
    except DefusedXmlException as exc:
        return None, f"a DTD or entity declaration ({type(exc).__name__}), which can hide content"
    except ParseError as exc:
        return None, f"XML the browser cannot read ({exc})"


def split(tag):
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def root_namespace(events):
    for kind, _line, tag, _value in events:
        if kind == "start":
            return split(tag)[0]
    return ""


def root_problem(events):
    """Why a document is not an SVG drawing (its root must be <svg> in the SVG
    namespace: a browser runs a script in any other root, whatever the file's name)."""
    for kind, _line, tag, _value in events:
        if kind == "start":
            ns, local = split(tag)
            if ns == SVG_NS and local == "svg":
                return None
            return (f"an SVG file whose root is <{local}> (namespace {ns or 'none'}), not "
                    "<svg>")
    return "an SVG file without any element"


def audit_svg_events(events, judge_attr):
    """(line, problem) for an SVG document's events. `judge_attr(element, name, value)`
    judges the addresses the allowlist lets through (shared with inline SVG in pages)."""
    for kind, line, tag, value in events:
        if kind == "pi":
            yield line, f"the processing instruction <?{tag}?>, which can load a file"
            continue
        if kind != "start":
            continue
        ns, local = split(tag)
        if ns != SVG_NS or local not in allowlist.SVG_ELEMENTS:
            shown = local if ns == SVG_NS else f"{local} (namespace {ns or 'none'})"
            yield line, f"the element <{shown}>, which an SVG of this site may not contain"
            continue
        for raw, text in value.items():
            ans, alocal = split(raw)
            name = _PREFIXES.get(ans, "") + alocal if ans else alocal
            if ans not in ("", XLINK_NS, XML_NS) or name not in allowlist.SVG_ATTRS:
                yield line, f'the attribute {name}="{_short(text)}" on <{local}>'
                continue
            problem = judge_attr(local, name, text)
            if problem:
                yield line, problem


# The vocabularies of the build's own XML: Atom, RSS (no namespace) with its Dublin Core
# and content modules, and the sitemap. An element of any other namespace (XHTML, SVG,
# MathML, XSLT...) is one a browser may run or render: refused.
FEED_NAMESPACES = frozenset({
    "", "http://www.w3.org/2005/Atom", "http://purl.org/dc/elements/1.1/",
    "http://purl.org/rss/1.0/modules/content/",
    "http://www.sitemaps.org/schemas/sitemap/0.9"})


# The one XHTML element a sitemap holds: a page's language alternate (hreflang), which
# loads nothing: <xhtml:link rel="alternate" hreflang="fr-CA" href="https://...">, with
# exactly these attributes, rel exactly "alternate" and an http(s) address or a path of
# this site ("/en/", as a preview's sitemap names its pages).


def _language_alternate(ns, local, attrs):
    if ns != XHTML_NS or local != "link" or set(attrs) != {"rel", "hreflang", "href"}:
        return False
    href = attrs["href"]
    same_site = href.startswith("/") and not href.startswith("//")
    return attrs["rel"] == "alternate" and (
        same_site or href.lower().startswith(("https://", "http://")))


def audit_xml_events(events):
    """(line, problem) for XML that is not SVG (feeds, sitemaps): only their own
    vocabularies, no processing instructions that load anything."""
    for kind, line, tag, value in events:
        if kind == "pi":
            yield line, f"the processing instruction <?{tag}?>, which can load a file"
        elif kind == "start":
            ns, local = split(tag)
            if _language_alternate(ns, local, dict(value or {})):
                continue
            if ns not in FEED_NAMESPACES:
                yield line, (f"the element <{local}> of the namespace {ns}, which a feed "
                             "or sitemap does not contain (a browser may run it)")


def _short(text, size=60):
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"
