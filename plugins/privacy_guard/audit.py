"""The privacy audit of a built site: every file in the output is accounted for.

Files are sorted by what a browser does with them, by extension and by their first bytes
(a page saved as .txt is still a page to a browser that sniffs it):

- documents: HTML (.html .htm .shtml, and anything that looks like HTML) is parsed and
  judged against the allowlist (html_audit.py); SVG and other XML are read safely and
  judged (svg_audit.py); feeds' entries are judged like pages;
- stylesheets (.css): every address they load must be the site's own (css_audit.py);
- code (.js and the like) and XHTML (.xhtml .xht, parsed by other rules) are refused;
- inert files (images, PDF, fonts, text, media, the host's own files) are published as
  they are; a file of any other type is refused until someone says what it is.

Nothing here imports Pelican, so tools/check.py uses the same audit on a finished folder.
"""

import os
from dataclasses import dataclass

from . import content, css_audit, fixes, html_audit, svg_audit
from .urls import AuditRules, origin_of, parse_allowed_origins  # noqa: F401 (tools use these)


@dataclass(frozen=True)
class Finding:
    file: str      # the built file, relative to the output folder
    line: int      # 0 when the whole file is the problem
    source: str    # the file it was made from ("" when not known)
    problem: str   # what is wrong, in plain words
    fix: str       # what to do about it


HTML_EXT = (".html", ".htm", ".shtml")
XHTML_EXT = (".xhtml", ".xht", ".xhtm", ".mht", ".mhtml")
XML_EXT = (".xml", ".atom", ".rss", ".rdf", ".xsl", ".xslt")
CODE_EXT = (".js", ".mjs", ".cjs", ".wasm", ".swf", ".jar", ".vbs", ".hta", ".appcache")
INERT_EXT = frozenset("""
png jpg jpeg gif webp avif bmp ico tif tiff heic heif jxl
pdf txt md csv json webmanifest vcf ics
woff woff2 ttf otf eot
mp3 m4a ogg oga wav flac mp4 m4v webm ogv mov vtt srt
doc docx odt rtf xls xlsx ods ppt pptx odp epub zip gz
""".split())
# Files hosts read, not browsers (they have no extension or are "dot files").
HOST_FILES = frozenset({"_headers", "_redirects", ".htaccess", "CNAME", ".nojekyll",
                        "robots.txt", "humans.txt", "security.txt", ".well-known"})

# Feed fields that carry HTML (Atom content/summary, RSS description).
_FEED_HTML = frozenset({"content", "summary", "description", "encoded"})
# The first bytes by which a browser's MIME sniffing takes a file for HTML
# (WHATWG MIME Sniffing, "identifying a resource with an unknown MIME type").
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1",
               b"<div", b"<font", b"<table", b"<a", b"<style", b"<title", b"<b",
               b"<body", b"<br", b"<p", b"<!--")


def sniff(head):
    """'html', 'xml' or None, from a file's first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf\t\n\x0c\r ").lower()
    if text.startswith(b"<?xml") or text.startswith(b"<svg"):
        return "xml"
    for sign in _HTML_SNIFF:
        if text.startswith(sign) and text[len(sign):len(sign) + 1] in (b" ", b">", b""):
            return "html"
    return None


def kind_of(name, head):
    low = name.lower()
    ext = os.path.splitext(low)[1]
    if ext in HTML_EXT:
        return "html"
    if ext in XHTML_EXT:
        return "xhtml"
    if ext in (".svg", ".svgz"):
        return "xml"
    if ext == ".css":
        return "css"
    if ext in XML_EXT:
        return "xml"
    if ext in CODE_EXT:
        return "code"
    sniffed = sniff(head)
    if sniffed:
        return sniffed
    if ext.lstrip(".") in INERT_EXT or os.path.basename(name) in HOST_FILES or not ext:
        return "inert"
    return "unknown"


class Auditor:
    """Audits files of one site; keeps its verdicts from page to page."""

    def __init__(self, policy):
        self.policy = policy
        self.judge = html_audit.Judge(policy)
        self.sources = {}  # built file -> content file, for naming feed entries

    # ---- one file ----------------------------------------------------------------
    def file(self, path, root, source="", fix_meta=False, rel=None):
        """Findings for one output file. With fix_meta, an HTML page that lacks the
        privacy <meta> gets it (the file is rewritten) before it is judged. `rel`, the
        path from `root` with "/", when the caller already has it."""
        if rel is None:
            rel = os.path.relpath(path, root).replace(os.sep, "/")
        with open(path, "rb") as fh:
            data = fh.read(512)
            kind = kind_of(rel, data)
            if kind == "inert":  # images, PDFs, fonts: the first bytes were enough
                return []
            data += fh.read()
        if kind == "html":
            return self.html(data, rel, source, rewrite=path if fix_meta else None)
        if kind == "css":
            return self.css(data.decode("utf-8", "replace"), rel, source)
        if kind == "xml":
            return self.xml(data, rel, source)
        if kind == "code":
            return [Finding(rel, 0, source, "a script file (this site runs no JavaScript)",
                            fixes.SCRIPT)]
        if kind == "xhtml":
            return [Finding(rel, 0, source, "an XHTML file, which browsers read by rules "
                            "other than a page's", "Save it as .html (or as a PDF).")]
        return [Finding(rel, 0, source, f"a file of a type this site does not publish "
                        f"({os.path.splitext(rel)[1] or 'no extension'})",
                        "Remove it, or zip it if it is a download for visitors.")]

    # ---- documents ---------------------------------------------------------------
    def html(self, data, rel, source="", page=True, rewrite=None):
        """Findings for an HTML document (bytes or str). page=False judges a fragment
        (a feed entry): no <head> to check. With `rewrite` (the page's path), a page
        whose template forgot the privacy <meta> gets it inserted, as the first thing in
        <head> after the charset, before it is judged."""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        tree = html_audit.parse(data)
        meta_problem = page and html_audit.privacy_meta_problem(tree, self.judge)
        if meta_problem and rewrite:
            data = html_audit.insert_privacy_meta(data, self.judge)
            with open(rewrite, "wb") as fh:
                fh.write(data)
            tree = html_audit.parse(data)
            meta_problem = html_audit.privacy_meta_problem(tree, self.judge)
        found = list(html_audit.walk(tree, self.judge, rel))
        out = [Finding(rel, html_audit.locate(data, tag, index), source, problem,
                       getattr(problem, "fix", None) or fixes.fix_for(tag, problem))
               for tag, index, problem in found]
        if meta_problem:
            out.append(Finding(rel, html_audit.locate(data, "head", 0), source, meta_problem,
                               fixes.fix_for("", "content-security-policy")))
        return out

    def css(self, text, rel, source=""):
        if rel in self.sources:  # copied from the content folder: see content.py
            return [Finding(rel, 0, source, *content.STYLESHEET)]
        judge = self.policy.fetch_problem
        return [Finding(rel, line, source, problem, fixes.fix_for("css", problem))
                for line, problem in css_audit.audit_stylesheet(text, judge)]

    def xml(self, data, rel, source=""):
        events, problem = svg_audit.read_xml(data)
        if problem:
            fix = ("Remove the <!DOCTYPE ...> line and any <!ENTITY> from the file."
                   if "DTD" in problem else "Correct the file, or remove it.")
            return [Finding(rel, 0, source, problem, fix)]
        ns = svg_audit.root_namespace(events)
        if ns == svg_audit.SVG_NS:
            return [Finding(rel, line, source, problem, fixes.fix_for("svg-file", problem))
                    for line, problem in svg_audit.audit_svg_events(events, self._svg_attr)]
        if ns == svg_audit.XHTML_NS:
            return [Finding(rel, 0, source, "an XHTML document, which browsers read by "
                            "rules other than a page's", "Save it as .html.")]
        out = [Finding(rel, line, source, problem, "Remove the processing instruction.")
               for line, problem in svg_audit.audit_xml_events(events)]
        return out + self._feed_entries(events, rel, source)

    def _svg_attr(self, element, name, value):
        return self.judge.attribute(element, name, value)

    def _feed_entries(self, events, rel, source):
        """Entries of Atom and RSS feeds carry HTML to every feed reader: judged like a
        page's body, and named by their title and the post they come from."""
        out, title, where, field, field_line = [], "", source, "", 0
        for kind, line, tag, value in events:
            local = svg_audit.split(tag)[1] if tag else ""
            if kind == "start":
                field, field_line = local, line
                if local in ("entry", "item"):
                    title, where = "", source
                elif local == "link" and value.get("href"):
                    where = self._source_of(value["href"]) or where
            elif kind == "end":
                field = ""
            elif kind == "data" and field == "title":
                title = value.strip()
            elif kind == "data" and field == "link":
                where = self._source_of(value.strip()) or where
            elif kind == "data" and "<" in value and field in _FEED_HTML:
                for f in self.html(value, rel, where, page=False):
                    out.append(Finding(rel, field_line, where,
                                       f'in the feed entry "{title}": {f.problem}', f.fix))
        return out

    def _source_of(self, url):
        """The content file behind a post's address (from the build's source map)."""
        path = url.split("#")[0].split("?")[0]
        siteurl = self.policy.siteurl
        if siteurl and path.startswith(siteurl + "/"):
            path = path[len(siteurl) + 1:]
        path = path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.sources.get(path, "")

    # ---- a folder ----------------------------------------------------------------
    def tree(self, root, sources=None, fix_meta=False):
        """Findings for every file under a built site folder."""
        sources = self.sources = sources or {}
        findings = []
        for folder, _dirs, names in os.walk(root):
            for name in sorted(names):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                findings += self.file(path, root, sources.get(rel, ""), fix_meta, rel)
        return findings


def audit_tree(root, policy, sources=None):
    """Findings for every file of a built site (tools/check.py)."""
    return Auditor(policy).tree(root, sources)


def audit_html(text, path, policy):
    return Auditor(policy).html(text, path)


def audit_css(text, path, policy):
    return Auditor(policy).css(text, path)


def format_findings(findings):
    """A readable report. The same problem on many pages (a post and the lists and feeds
    that show it) is told once; every source file is named, and the pages that have no
    source of their own (lists, feeds) are counted after the first few."""
    groups = {}
    for f in findings:
        groups.setdefault((f.problem, f.fix), []).append(f)
    lines = []
    for (problem, fix), items in groups.items():
        named = [where_of(f) for f in items if f.source]
        other = [where_of(f) for f in items if not f.source]
        shown = named + other[:3]
        if len(other) > 3:
            shown.append(f"and {len(other) - 3} more")
        lines.append(f"  - {', '.join(shown)}:\n      Problem: {problem}.\n      Fix: {fix}")
    return "\n".join(lines)


def where_of(f):
    text = f.file + (f" line {f.line}" if f.line else "")
    return text + (f" (from {f.source})" if f.source else "")
