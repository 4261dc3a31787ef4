"""The privacy audit of a built site: every file in the output is accounted for.

Files are sorted by what a browser does with them, by extension and by their bytes:

- documents: HTML (.html .htm .shtml) is parsed and judged against the allowlist
  (html_audit.py); SVG must be an <svg> drawing and is judged element by element, other
  XML (feeds, the sitemap) must be one the build wrote (svg_audit.py); feeds' entries are
  judged like pages;
- stylesheets (.css): every address they load must be the site's own (css_audit.py);
- code (.js and the like) and XHTML (.xhtml .xht, parsed by other rules) are refused;
- every other file must be of a type on files.py's list, decided from its bytes, with
  a name that says the same type (pictures without camera data, PDF, fonts, plain text,
  audio and video, captions, calendar and contact files); the host files the build
  writes are listed there once. Anything else is refused.

HTML, CSS and XML copied from the content folder (not written by the build) are refused:
pages are written from Markdown, only the theme styles the site, and only the build's
own feeds and sitemap are XML.

Nothing here imports Pelican, so `make check --site` uses the same audit on a finished
folder.
"""

import os
from dataclasses import dataclass

from . import content, css_audit, files, fixes, html_audit, svg_audit, verdicts
from .files import sniff  # noqa: F401 (the tests and tools use it from here)
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
# The build's host files that no browser reads as a page (written by headers.py, ghp-import).
HOST_FILES = frozenset(files.GENERATED) - {"robots.txt", "sitemap.xml"}

# Feed fields that carry HTML (Atom content/summary, RSS description).
_FEED_HTML = frozenset({"content", "summary", "description", "encoded"})


def kind_of(name, head=b""):
    """What a browser does with a file: html, xhtml, svg, css, xml, code, host (the
    build's own host files), or file (judged by its bytes, files.py)."""
    if name in HOST_FILES:
        return "host"
    ext = os.path.splitext(name.lower())[1]
    if ext in HTML_EXT:
        return "html"
    if ext in XHTML_EXT:
        return "xhtml"
    if ext in (".svg", ".svgz"):
        return "svg"
    if ext == ".css":
        return "css"
    if ext in XML_EXT:
        return "xml"
    if ext in CODE_EXT:
        return "code"
    return "file"


def hidden_problem(rel):
    """A built path a browser must never be able to fetch: a dotfile, a dot-folder or an
    editor backup (only the build's own host files may start with a dot)."""
    if rel in HOST_FILES:
        return None
    return files.name_problem(rel)


class Auditor:
    """Audits files of one site; keeps its verdicts from page to page."""

    def __init__(self, policy, on_page=None, on_stylesheet=None):
        self.policy = policy
        self.judge = html_audit.Judge(policy)
        self.sources = {}    # built file -> content file, for naming feed entries
        self.copied = set()  # built files copied as they are from the content folder
        # Other checks read what the audit already parsed, so that no page is parsed
        # twice: on_page(rel, tree, html, source) gets each page's final tree (Lexbor)
        # and bytes; on_stylesheet(rel, urls, text, source) each stylesheet's addresses
        # as the CSS tokenizer read them.
        self.on_page = on_page
        self.on_stylesheet = on_stylesheet
        self.verdicts = verdicts.OFF  # pages judged clean in earlier builds (verdicts.py)
        self._previous_tree = None  # see html()

    # ---- one file ----------------------------------------------------------------
    def file(self, path, root, source="", fix_meta=False, rel=None):
        """Findings for one output file. With fix_meta, an HTML page that lacks the
        privacy <meta> gets it (the file is rewritten) before it is judged. `rel`, the
        path from `root` with "/", when the caller already has it."""
        if rel is None:
            rel = os.path.relpath(path, root).replace(os.sep, "/")
        hidden = hidden_problem(rel)
        if hidden:
            return [Finding(rel, 0, source, *hidden)]
        kind = kind_of(rel, b"")
        if kind == "host":
            return []
        copied = rel in self.copied
        if copied and kind in ("html", "css", "xml"):
            return [Finding(rel, 0, source, *_COPIED[kind])]
        with open(path, "rb") as fh:
            if kind == "file" and not files.needs_all_bytes(rel):
                data = fh.read(4096)  # PDFs, fonts, media: the first bytes are enough
            else:
                data = fh.read()
        if kind == "html":
            return self.html(data, rel, source, rewrite=path if fix_meta else None,
                             on_page=self.on_page)
        if kind == "css":
            return self.css(data.decode("utf-8", "replace"), rel, source)
        if kind == "svg":
            return self.svg(data, rel, source)
        if kind == "xml":
            return self.xml(data, rel, source)
        if kind == "code":
            return [Finding(rel, 0, source, "a script file (this site runs no JavaScript)",
                            fixes.SCRIPT)]
        if kind == "xhtml":
            return [Finding(rel, 0, source, "an XHTML file, which browsers read by rules "
                            "other than a page's", "Save it as .html (or as a PDF).")]
        found = files.static_problem(rel, data, files.sniff(data[:1445]))
        return [Finding(rel, 0, source, *found)] if found else []

    # ---- documents ---------------------------------------------------------------
    def html(self, data, rel, source="", page=True, rewrite=None, on_page=None):
        """Findings for an HTML document (bytes or str). page=False judges a fragment
        (a feed entry): no <head> to check. With `rewrite` (the page's path), a page
        whose template forgot the privacy <meta> gets it inserted, as the first thing in
        <head> after the charset, before it is judged; and its comments are stripped
        (a build's page: the theme's; a comment anywhere else is refused). The guard is
        the one writer of these two changes, so it may rewrite a page Pelican wrote; such
        a page is parsed once more, as published. `on_page(rel, tree, html, source)`
        then gets the page's final tree and bytes."""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        digest = self.verdicts.digest(data, rel) if page else None
        if digest in self.verdicts:
            return []
        tree = first_tree = html_audit.parse(data)
        # The page before this one is freed only now, once this one's tree is made. When a
        # tree was freed first, glibc's malloc gave the top of the heap back to the system
        # and took it again for the next page: two system calls and fresh zeroed memory
        # for every page, a third of the guard's time. One tree more stays in memory.
        self._previous_tree = tree
        if rewrite and b"<!--" in data and html_audit.strip_comments(tree):
            # A page the build wrote (its theme's comments, like Pelican's own themes'
            # "<!-- /#banner -->"): published without them, as posts already are. Parsed
            # again: what is judged (and handed on) is what a browser reads from the bytes
            # published, and a serialised tree does not always parse back to itself.
            data = tree.html.encode("utf-8", "surrogateescape")
            with open(rewrite, "wb") as fh:
                fh.write(data)
            tree = html_audit.parse(data)
        meta_problem = page and html_audit.privacy_meta_problem(tree, self.judge)
        if meta_problem and rewrite:
            # Only a theme without {{ privacy_meta_html }} (the kit's theme has it): parsed
            # again after the insertion, which is made in its bytes.
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
        if on_page is not None:
            on_page(rel, tree, data, source)
        if not out and not meta_problem and tree is first_tree:  # clean as written: remembered
            self.verdicts.add(digest)
        return out

    def css(self, text, rel, source=""):
        if rel in self.sources:  # copied from the content folder: see content.py
            return [Finding(rel, 0, source, *content.STYLESHEET)]
        fetch_problem, urls = self.policy.fetch_problem, []

        def judge(url):
            urls.append(url)
            return fetch_problem(url)
        found = [Finding(rel, line, source, problem, fixes.fix_for("css", problem))
                 for line, problem in css_audit.audit_stylesheet(text, judge)]
        if self.on_stylesheet is not None:
            self.on_stylesheet(rel, urls, text, source)
        return found

    def svg(self, data, rel, source=""):
        """An SVG file: an <svg> root in the SVG namespace, allowlisted elements only, and
        links only into the site (a standalone drawing has no page that could stop the
        browser from sending its address to the site a link leads to)."""
        events, problem = svg_audit.read_xml(data)
        if problem:
            return [Finding(rel, 0, source, problem, _xml_fix(problem))]
        root = svg_audit.root_problem(events)
        if root:
            return [Finding(rel, 0, source, root, fixes.SVG_FILE)]
        return [Finding(rel, line, source, problem, _SVG_LINK_FIX if _SVG_LINK in problem
                        else fixes.fix_for("svg-file", problem))
                for line, problem in svg_audit.audit_svg_events(events, self._svg_attr)]

    def xml(self, data, rel, source=""):
        """XML the build wrote (feeds, the sitemap): no processing instructions, no
        elements of a language a browser runs, entries judged like pages."""
        events, problem = svg_audit.read_xml(data)
        if problem:
            return [Finding(rel, 0, source, problem, _xml_fix(problem))]
        ns = svg_audit.root_namespace(events)
        if ns == svg_audit.SVG_NS:
            return self.svg(data, rel, source)
        if ns == svg_audit.XHTML_NS:
            return [Finding(rel, 0, source, "an XHTML document, which browsers read by "
                            "rules other than a page's", "Save it as .html.")]
        out = [Finding(rel, line, source, problem, "Remove it from the file.")
               for line, problem in svg_audit.audit_xml_events(events)]
        return out + self._feed_entries(events, rel, source)

    def _svg_attr(self, element, name, value):
        if element == "a" and name in ("href", "xlink:href"):
            problem = self.policy.fetch_problem(value, data_ok=False, allow_listed=False)
            if problem:
                return (f'the link {name}="{value[:60]}"{_SVG_LINK} ({problem}): a '
                        "click would tell that site the drawing's address")
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
    def tree(self, root, source_of=None, fix_meta=False):
        """Findings for every file under a built site folder, one file at a time (the
        build's guard and `make check --site` walk the same way). `source_of(rel)` names
        the file a built file was made from ("" when none)."""
        findings = []
        top = os.path.join(root, "")
        for folder, _dirs, names in os.walk(root):
            # os.walk gives folders under `root` as written: cut the prefix (cheaper than
            # relpath, which normalises both paths for every one of thousands of files).
            under = folder[len(top):].replace(os.sep, "/") + "/" if folder != root else ""
            for name in sorted(names):
                rel = under + name
                source = source_of(rel) if source_of else ""
                findings += self.file(os.path.join(folder, name), root, source, fix_meta, rel)
        return findings


_COPIED = {
    "html": ("an HTML file copied as it is from the content folder; pages are written "
             "from Markdown, so that the checks and the theme apply to them",
             "Make it a page: content/pages/NAME.md in Markdown (or publish a PDF)."),
    "css": ("a stylesheet copied from the content folder; only the theme styles the site",
            "Remove it: theme/static/css/ holds the site's styles."),
    "xml": ("an XML file copied from the content folder; only the feeds and the sitemap "
            "the build writes are published as XML (another XML file can run code in a "
            "browser)", "Remove it."),
}


_SVG_LINK = " in an SVG file"
_SVG_LINK_FIX = ("Remove the link from the drawing and put it on the page, next to the "
                 "picture, where the site's settings keep the page's address private.")


def _xml_fix(problem):
    return ("Remove the <!DOCTYPE ...> line and any <!ENTITY> from the file."
            if "DTD" in problem else "Correct the file, or remove it.")


def audit_tree(root, policy, sources=None):
    """Findings for every file of a built site; `sources` maps built files to the content
    files they came from."""
    auditor = Auditor(policy)
    auditor.sources = dict(sources or {})
    return auditor.tree(root, auditor.sources.get)


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
    # A file refused before it was built is named by its source alone.
    return text + (f" (from {f.source})" if f.source and f.source != f.file else "")
