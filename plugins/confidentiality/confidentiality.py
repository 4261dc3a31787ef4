"""Pelican glue: scan every post and page exactly as Pelican read them.

At `all_generators_finalized` every content object exists (articles, hidden articles and
drafts, pages, hidden and draft pages, their translations; switched-off policy pages are
already gone) and nothing is written yet. For each one the plugin scans what a visitor can
see or get: the title, an explicit summary, the tags, the category, the author and every
other metadata field, the body text, every attribute value but layout's, link targets and
addresses, HTML comments, and the slug, URL, Save_as, the source file's name and the names
of the images it shows; and every static file, by its bytes (text, PDF) and its names.
Draft or published is Pelican's own decision (`status`), so no header spelling can hide a
post from the scan.

Findings are mapped back to a line of the source file (only for findings: the file is
opened to locate the text, never parsed). Then:

* when something listens to the blinker named signal `confidentiality_scanned` (`make
  check` and `make publish`, which build in their own process), it is sent once, with
  the findings as the plugin contract's finding dicts (`findings`), the counts
  (`scanned`, `drafts`) and the posts published on a client's consent (`consent`);
* with CONFIDENTIALITY_REPORT set, they are written to that JSON file (for a build run
  on its own, e.g. tools/score_scan.py);
* with CONFIDENTIALITY_IN_PREVIEW true, each is logged as a warning, so `make html` and
  the dev server show them early;
* otherwise (a preview build: `make html`, the dev server) the scan does not run at all.
  It decides something only where it guards publishing; skipping it keeps previews
  within the build-speed budget. The scanner (phone and ID libraries) is then not even
  imported.

The practice's own details, crisis lines and free-call numbers are never findings; see
scan.Context. The emergency_notice plugin publishes its region data in the setting
EMERGENCY_NOTICE_REGIONS; this plugin reads it from there (plugins never import each other).
"""

import datetime
import hashlib
import json
import logging
import os
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from blinker import signal
from pelican import signals

logger = logging.getLogger(__name__)

scanned = signal("confidentiality_scanned")
# Said before a finding in a post that is not live yet: one step from published.
STATUS_NOTES = {"draft": "(a draft, not yet published) ",
                "scheduled": "(scheduled: it goes live on its date) "}

REPORT_SETTING = "CONFIDENTIALITY_REPORT"
PREVIEW_SETTING = "CONFIDENTIALITY_IN_PREVIEW"
LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
         "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations")
# Metadata that is Pelican's plumbing, never shown as text, or scanned under its own name
# (and scan.ACCEPT_KEY, the Confidential-ok header).
NOT_SHOWN = {"date", "modified", "status", "template", "save_as", "url", "lang",
             "translation", "slug", "title", "summary", "reader"}
# Elements that run inside a line of text; every other element (a paragraph, a table
# cell, an SVG <text> or <desc>...) starts a new line, so two texts never run together.
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i",
           "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
           "strong", "sub", "sup", "time", "u", "var", "wbr", "tspan", "font", "nobr", "img",
           "input", "label", "button"}


# Attributes that only lay out or wire up the page: never text a visitor reads. Every other
# attribute value is scanned (deny by default: a new attribute is scanned until listed here).
_LAYOUT_ATTRS = {"class", "id", "style", "width", "height", "loading", "decoding", "rel",
                 "target", "type", "lang", "dir", "role", "tabindex", "hidden", "colspan",
                 "rowspan", "align", "valign", "start", "reversed", "for", "name", "sizes",
                 "crossorigin", "referrerpolicy", "fetchpriority", "draggable", "spellcheck",
                 "translate", "datetime", "headers", "scope", "span", "open", "controls",
                 "autoplay", "loop", "muted", "playsinline", "preload", "frameborder",
                 "allowfullscreen", "allow", "sandbox", "async", "defer", "integrity",
                 "nonce", "media", "charset"}
# SVG's geometry and painting (an inline drawing or an .svg file): numbers and colours that
# draw shapes, never words ("d", "points", "viewBox"... would otherwise read as phone
# numbers). Text inside a drawing (<text>, <title>, aria-label) is still read.
_LAYOUT_ATTRS |= set("""
d points viewbox x y x1 x2 y1 y2 cx cy r rx ry dx dy fx fy fr transform gradienttransform
patterntransform offset pathlength rotate textlength lengthadjust version xmlns xmlns:xlink
xml:space baseprofile preserveaspectratio gradientunits patternunits patterncontentunits
clippathunits maskunits maskcontentunits filterunits primitiveunits markerunits
markerwidth markerheight refx refy orient stddeviation values keytimes keysplines
keypoints calcmode begin dur end repeatcount repeatdur fill stroke stroke-width
stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset
stroke-opacity fill-opacity fill-rule clip-rule clip-path mask filter opacity color
stop-color stop-opacity flood-color flood-opacity lighting-color marker-start marker-mid
marker-end vector-effect shape-rendering text-rendering image-rendering
color-interpolation color-interpolation-filters overflow display visibility
text-anchor dominant-baseline alignment-baseline baseline-shift font-size font-weight
font-style font-family letter-spacing word-spacing writing-mode in in2 result mode
operator k1 k2 k3 k4 scale xchannelselector ychannelselector kernelmatrix order
divisor bias targetx targety edgemode surfacescale specularconstant
specularexponent diffuseconstant azimuth elevation pointsatx pointsaty pointsatz
limitingconeangle numoctaves seed stitchtiles basefrequency type attributename
attributetype additive accumulate from to by
""".split())
_URL_ATTRS = {"href", "src", "poster", "cite", "action", "formaction", "data", "background",
              "longdesc", "usemap", "manifest", "ping"}
# Link schemes whose address is a person's contact detail, shown or not by the link text.
_CONTACT_SCHEMES = {"tel", "sms", "mailto", "callto", "facetime", "whatsapp", "skype",
                    "signal", "viber"}


def _attr_field(key):
    if key == "alt":
        return "image text (alt)"
    if key.startswith("aria-"):
        return f"{key} attribute"
    if key.startswith("data-"):
        return "data-* attribute"
    return f"{key} attribute"


def _data_text(address):
    """The text inside a data: address (plain or base64), as far as it decodes."""
    import base64
    head, _, body = address.partition(",")
    media = head[5:].split(";")[0].strip().lower()
    if media and not (media.startswith("text/") or media.endswith(("+xml", "/xml", "/json"))):
        return ""                 # a picture or a font: no text to read
    try:
        raw = base64.b64decode(unquote(body) + "===") if head.lower().endswith(";base64") \
            else unquote(body).encode("utf-8", "surrogateescape")
    except ValueError:
        return unquote(body)
    return raw.decode("utf-8", errors="replace")


class _Text(HTMLParser):
    """What a visitor can get from an HTML fragment: the visible text (blocks become line
    breaks), every attribute value that reaches the page (alt, title, aria-*, data-*...),
    contact links (tel:, sms:, mailto:), other link addresses, HTML comments, and the file
    names of the images it loads."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.parts, self.images, self.comments = [], [], []
        self.attrs, self.links = {}, []
        self.feed(html or "")
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in _INLINE:
            self.parts.append("\n")
        for key, value in attrs:
            key = (key or "").lower()
            if not value or key in _LAYOUT_ATTRS or key.startswith("on"):
                continue
            if key in _URL_ATTRS or key == "srcset":
                self._url(tag, key, value)
            else:
                self.attrs.setdefault(_attr_field(key), []).append(value)

    def _url(self, tag, key, value):
        # A srcset lists "address width" pairs; any other address is read whole (a tel:
        # address may hold spaces: "tel:+44 7700 900461").
        for one in value.split(",") if key == "srcset" else [value]:
            one = (one.strip().split() or [""])[0] if key == "srcset" else one.strip()
            parts = urlsplit(one)
            scheme = parts.scheme.lower()
            if scheme in _CONTACT_SCHEMES:
                address = unquote(parts.path or parts.netloc)
                query = unquote(parts.query).replace("&", " ").replace("=", ": ")
                self.attrs.setdefault("link target", []).append(
                    " ".join(x for x in (address, query) if x))
            elif scheme == "data":
                # A data: address is a file written into the page: its text is read.
                self.attrs.setdefault("data: address", []).append(_data_text(value))
            elif scheme in ("", "http", "https") or key != "href":
                path = unquote(parts.path)
                name = path.rstrip("/").rsplit("/", 1)[-1]
                if tag == "img" or key in ("src", "srcset", "poster"):
                    if name:
                        self.images.append(name)
                else:
                    # The host too: wa.me/447700900461 is a phone number.
                    words = " ".join(p for p in (parts.netloc + path, unquote(parts.query),
                                                 unquote(parts.fragment)) if p)
                    if words.strip("/ "):
                        self.links.append(words)
            else:
                # Any other scheme (geo:, a chat app's): its whole address is read.
                self.links.append(unquote(one))

    def handle_endtag(self, tag):
        if tag not in _INLINE:
            self.parts.append("\n")

    def handle_comment(self, data):
        if data.strip():
            self.comments.append(data)

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self):
        return "".join(self.parts)


def _shown(value):
    """A metadata value as the text a template would show, or None."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        items = [_shown(v) for v in value]
        return [v for v in items if v] or None
    name = getattr(value, "name", None)          # Tag, Category, Author
    return name if isinstance(name, str) else None


class _Found:
    """What one content object or file shows, gathered field by field: texts (judged as
    prose) and names (slugs, file names, link addresses: judged as names, and read for
    contact details)."""

    def __init__(self):
        self.texts, self.names = {}, {}

    def text(self, field, value):
        if value:
            self.texts.setdefault(field, []).append(value)

    def name(self, field, value):
        if value:
            self.names.setdefault(field, []).append(value)

    def html(self, field, html):
        """An HTML fragment: its visible text under `field`, and its attribute values,
        comments, link addresses and image names under their own fields."""
        parsed = _Text(html)
        self.text(field, parsed.text)
        for key, values in parsed.attrs.items():
            for value in values:
                self.text(key, value)
        for comment in parsed.comments:
            self.text("HTML comment", comment)
        for link in parsed.links:
            self.name("link address", link)
        for image in parsed.images:
            self.name("image file name", os.path.splitext(image)[0])

    def value(self, field, value):
        """A metadata value as a template shows it: markup and character references
        (in a title, say) as a browser renders them."""
        if "<" in value or "&" in value:
            self.html(field, value)
        else:
            self.text(field, value)
        # A value that names a file (Image: images/sarah-34.jpg) is a file name too.
        if _FILE_VALUE.fullmatch(value.strip()):
            self.name("file name in " + field, _file_stem(value.strip()))

    def result(self):
        plain = {k: v[0] if len(v) == 1 else v for k, v in self.texts.items()}
        return plain, {k: v[0] if len(v) == 1 else v for k, v in self.names.items()}


_FILE_VALUE = re.compile(r"[^\s<>\"']*[\w-]\.[A-Za-z0-9]{2,5}")


def _file_stem(path):
    return os.path.splitext(unquote(urlsplit(path).path).rstrip("/").rsplit("/", 1)[-1])[0]


def fields_of(item):
    """(texts, names, accepted) for one content object."""
    from .scan import ACCEPT_KEY, CONSENT_KEYS, accepted_values
    found = _Found()
    found.value("title", str(getattr(item, "title", "") or ""))
    found.html("body", getattr(item, "_content", "") or "")
    meta = getattr(item, "metadata", {}) or {}
    if meta.get("summary"):
        found.html("summary", str(meta["summary"]))
    for key, value in meta.items():
        if key not in NOT_SHOWN and key != ACCEPT_KEY and key not in CONSENT_KEYS:
            shown = _shown(value)
            for one in shown if isinstance(shown, list) else [shown] if shown else []:
                found.value(key, one)
    source = getattr(item, "source_path", "") or ""
    slug = getattr(item, "slug", "") or ""
    found.name("slug", slug)
    found.name("file name", os.path.splitext(os.path.basename(source))[0])
    for key, label in (("save_as", "Save_as"), ("url", "URL")):
        value = meta.get(key) or getattr(item, key, "") or ""
        if value and value != slug:
            found.name(label, os.path.splitext(value)[0])
    texts, names = found.result()
    return texts, names, accepted_values(meta.get(ACCEPT_KEY))


# Static files are judged by their bytes, not their names (a PDF saved as notes.txt is
# read as a PDF): a PDF's text is extracted; a file that is text (no NUL byte, hardly any
# control characters) is read whole, as markup when it starts like markup (an HTML page,
# an SVG); anything else (pictures, fonts, audio, video: cleaned or refused by the photos,
# documents and privacy_guard plugins) by its name alone.
SNIFF_BYTES = 8192


def static_kind(head):
    """'pdf', 'text' or 'binary' from a file's first bytes."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if b"\x00" in head:
        return "binary"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13) or b == 127)
    return "binary" if controls > len(head) // 20 else "text"


def read_static(source):
    """(kind, bytes or None): the bytes are read only for a PDF or a text file."""
    try:
        with open(source, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
            kind = static_kind(head)
            return kind, (head + fh.read() if kind != "binary" else None)
    except OSError:
        return "binary", None


def static_names(static):
    """The names of a static file a visitor sees: its file name and the folders of its
    address (files/sarah-34/notes.txt)."""
    source = getattr(static, "source_path", "") or ""
    found = _Found()
    found.name("file name", os.path.splitext(os.path.basename(source))[0])
    address = getattr(static, "save_as", "") or getattr(static, "url", "") or ""
    for folder in str(address).replace("\\", "/").split("/")[:-1]:
        found.name("folder name", folder)
    return found.result()[1]


def static_texts(kind, raw):
    """(texts, problem) of a static file's bytes: its text, or why it cannot be read."""
    if kind == "pdf":
        text, problem = pdf_text(raw)
        return ({"PDF text": text} if text else {}), problem
    if kind != "text" or not raw:
        return {}, None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")   # an old editor's text file
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        found = _Found()
        found.html("text file", text)
        return found.result()[0], None
    return {"text file": text}, None


PDF_UNREADABLE = ("this PDF cannot be read (damaged, or locked with a password), so the "
                  "scan cannot check what it says")
PDF_NO_TEXT = ("this PDF has no text the scan can read (a scanned page or a picture of "
               "text), so it cannot check what it says")
PDF_FIX = ("Make the PDF again from the original document (File > Export or Save as PDF, "
           "no password) so its text can be checked, or remove it. Never publish a scan of "
           "a letter, form or note about a client.")


def pdf_text(raw):
    """(text, problem): the text a reader of a PDF can get (every page, the document
    information, the outline, form fields and annotations), with pypdf; or the reason it
    cannot be read. An unreadable PDF is reported, never passed unread."""
    import io
    try:
        from pypdf import PdfReader
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            return "", PDF_UNREADABLE
        parts = [str(v) for v in (reader.metadata or {}).values() if v]
        pages = [page.extract_text() or "" for page in reader.pages]
        parts += pages
        parts += _outline_titles(reader.outline)
        for name, field in (reader.get_fields() or {}).items():
            parts.append(str(name))
            parts += [str(field.get(k)) for k in ("/TU", "/V", "/TM") if field.get(k)]
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                parts += [str(annot.get(k)) for k in ("/Contents", "/T") if annot.get(k)]
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
        return "", PDF_UNREADABLE
    if reader.pages and not "".join(pages).strip():
        return "\n".join(parts), PDF_NO_TEXT
    return "\n".join(parts), None


def _outline_titles(outline):
    out = []
    for entry in outline or []:
        if isinstance(entry, list):
            out += _outline_titles(entry)
        else:
            title = getattr(entry, "title", None) or (entry.get("/Title") if hasattr(
                entry, "get") else None)
            if title:
                out.append(str(title))
    return out


# Fields found in the post's text (its body), not in its header.
BODY_FIELDS = ("body", "HTML comment", "link target", "link address", "image file name",
               "text file", "data: address")
# Fields that are no line of the file: its name, its folders, a PDF's text.
NO_LINE = ("file name", "image file name", "folder name", "PDF text")


def _header_end(lines):
    """The index of the first line after the header: Markdown's "Key: value" lines end at
    the first blank line; reST's fields follow the title; an HTML file's <head> ends at
    <body>. 0 when the file has no header."""
    if not lines:
        return 0
    if re.match(r"\s*<", lines[0]):
        return next((i for i, line in enumerate(lines) if "<body" in line.lower()), 0)
    if re.match(r"[\w-]+\s*:", lines[0]):
        return next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    fields = [i for i, line in enumerate(lines[:60]) if re.match(r"\s*:[\w-]+:", line)]
    return fields[-1] + 1 if fields else 0


def _locate(lines, finding_field, anchor):
    """The 1-based line of the source that holds `anchor` (0 when it cannot be found),
    looked for first where the field lives: the header for a header field, the text
    after it for the body. Lines are read as the scan reads text (obfuscated.visible)."""
    from .obfuscated import visible
    end = _header_end(lines)
    body = finding_field in BODY_FIELDS or finding_field.endswith(" attribute") or \
        finding_field == "image text (alt)"
    key = re.compile(rf"^\s*:?{re.escape(finding_field)}\s*:", re.I)
    field_line = next((n for n, line in enumerate(lines[:end], 1) if key.match(line)), 0)
    order = [range(end, len(lines)), range(0, end)] if body else \
        [range(max(field_line - 1, 0), end), range(0, len(lines))]
    seen = [visible(line) for line in lines]
    if anchor:
        anchor = visible(anchor)
        words = re.findall(r"\w+", anchor)[:4]
        loose = re.compile(r"\W+".join(map(re.escape, words)), re.I) if words else None
        for span in order:
            for index in span:
                if anchor in seen[index]:
                    return index + 1
            if loose:
                text = "\n".join(seen[i] for i in span)
                m = loose.search(text)
                if m and span:
                    return span[0] + text.count("\n", 0, m.start()) + 1
    return field_line


def _status(item):
    """published, hidden, draft, or scheduled: a post Pelican holds back only because its
    date is in the future (WITH_FUTURE_DATES off) is scheduled, not a draft."""
    status = getattr(item, "status", "published") or "published"
    if status == "draft":
        written = str((getattr(item, "metadata", {}) or {}).get("status", "")).lower()
        date = getattr(item, "date", None)
        if written != "draft" and date is not None:
            now = datetime.datetime.now(date.tzinfo) if date.tzinfo else \
                datetime.datetime.now()
            if date > now:
                return "scheduled"
    return status


def scan_generators(generators, settings):
    """{"scanned", "drafts", "findings": [...], "consent": [...]} for every content object
    and static file in `generators`."""
    from .cache import ScanCache
    from .scan import Context, Match, consent_of, scan_item  # a preview never imports it
    ctx = Context.from_settings(settings)
    cache = ScanCache.for_settings(settings, ctx)

    def scan(texts, names, accepted):
        return scan_item(texts, names, ctx, accepted)
    report = {"scanned": 0, "drafts": 0, "findings": [], "consent": []}
    seen = set()
    for generator in generators:
        for attr in LISTS:
            for item in getattr(generator, attr, None) or []:
                if id(item) in seen:
                    continue
                seen.add(id(item))
                status = _status(item)
                report["drafts" if status in ("draft", "scheduled") else "scanned"] += 1
                texts, names, accepted = fields_of(item)
                findings, unused = cache.scan(scan, texts, names, accepted)
                meta = getattr(item, "metadata", {}) or {}
                consent, problem = consent_of(meta)
                if consent:
                    # The story is accepted (never a number, an address or a name in the
                    # slug), and every post that goes live on a consent is listed, found
                    # story or not: the scan can miss one, the therapist must not.
                    findings = [f for f in findings if not f.quoted]
                    if status in ("published", "hidden"):
                        report["consent"].append({
                            "file": getattr(item, "source_path", ""),
                            "title": getattr(item, "title", ""), "consent": consent})
                if findings or unused or problem:
                    report["findings"] += _describe(item, status, findings, unused, problem)
        for static in getattr(generator, "staticfiles", None) or []:
            if id(static) in seen:
                continue
            seen.add(id(static))
            kind, raw = read_static(getattr(static, "source_path", "") or "")
            names = static_names(static)

            def scan_static(_digest, names, _accepted, kind=kind, raw=raw):
                texts, problem = static_texts(kind, raw)
                findings, _ = scan(texts, names, [])
                if problem:
                    findings.append(Match("PDF text", "", "", problem, PDF_FIX, False))
                return findings, []
            # Keyed by the file's bytes: an unchanged PDF is not even opened again.
            digest = {"bytes": hashlib.sha256(raw).hexdigest() if raw else kind}
            findings, _ = cache.scan(scan_static, digest, names, [])
            if findings:
                report["findings"] += _describe(static, "published", findings, [], None,
                                                static=True)
    cache.save()
    return report


# A static file has no header for a Confidential-ok line: a public service's number or
# email in it is allowed in pelicanconf.py instead.
FIX_STATIC_DETAIL = ("Remove it from the file. If it is a public service's phone number or "
                     "email (an agency's, say), add it to CONFIDENTIALITY_PUBLIC_NUMBERS in "
                     "pelicanconf.py, e.g. CONFIDENTIALITY_PUBLIC_NUMBERS = [\"{text}\"].")


def _describe(item, status, findings, unused, consent_problem, static=False):
    from .scan import ACCEPT_KEY, CONSENT_KEYS
    path = getattr(item, "source_path", "") or ""
    lines = []
    if any(f.field not in NO_LINE for f in findings) or unused or consent_problem:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except OSError:
            pass
    out = []
    for f in findings:
        line = 0 if f.field in NO_LINE or f.field.startswith("file name in ") else \
            _locate(lines, f.field, f.anchor)
        fix = FIX_STATIC_DETAIL.format(text=f.normal or f.text) if static and \
            f.acceptable else f.fix
        out.append({"file": path, "line": line, "status": status, "field": f.field,
                    "problem": f.problem if f.field == "body" else f"in the {f.field}: "
                    + f.problem, "fix": fix, "details": list(f.quoted)})
    if consent_problem:
        out.append({"file": path, "line": _locate(lines, CONSENT_KEYS[0], ""),
                    "status": status, "field": "Client-consent", "problem": consent_problem,
                    "fix": "Write the date the client signed and where the signed consent "
                           "is kept, e.g. \"Client-consent: 2026-03-02, signed form in the "
                           "client's record\"; without a consent in writing, delete the line "
                           "and describe a composite with no real detail instead.",
                    "details": []})
    for value in unused:
        out.append({"file": path, "line": _locate(lines, ACCEPT_KEY, value), "status": status,
                    "field": ACCEPT_KEY, "details": [],
                    "problem": f'"Confidential-ok: {value}" accepts nothing in this file',
                    "fix": "Write the exact phone number, email or address the check "
                           "reported, or delete the line. Each Confidential-ok line accepts "
                           "one exact piece of text that may be public; it can never accept "
                           "a person's name, story, health details or ID number."})
    return out


def shown(path):
    """A source file as the therapist knows it: relative to the project (the folder the
    build runs in) when it is below it."""
    rel = os.path.relpath(os.path.abspath(path)) if path else ""
    return path if not rel or rel.startswith("..") else rel.replace(os.sep, "/")


def as_finding(entry):
    """One entry of the report as the plugin contract's finding dict."""
    return {"check": "confidential", "file": shown(entry["file"]), "line": entry["line"],
            "field": entry["field"], "what": STATUS_NOTES.get(entry["status"], "")
            + entry["problem"], "fix": entry["fix"], "page": ""}


def on_all_read(generators):
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    target = settings.get(REPORT_SETTING)
    listened = bool(scanned.receivers)
    if not (target or listened or settings.get(PREVIEW_SETTING, False)):
        return                    # a preview build: the scan decides nothing here
    report = scan_generators(generators, settings)
    if listened:
        scanned.send(settings.get("PATH"), findings=[as_finding(f) for f in report["findings"]],
                     scanned=report["scanned"], drafts=report["drafts"],
                     consent=[(shown(c["file"]), c["title"], c["consent"])
                              for c in report["consent"]])
    if target:
        tmp = f"{target}.part"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(report, fh)
        os.replace(tmp, target)              # never a half-written report
    if listened or target:
        return
    for f in report["findings"]:
        where = os.path.relpath(f["file"]) + (f" line {f['line']}" if f["line"] else "")
        draft = {"draft": " (a draft)", "scheduled": " (scheduled)"}.get(f["status"], "")
        logger.warning("Confidentiality: %s%s: %s Fix: %s", where, draft, f["problem"],
                       f["fix"])


class ConfidentialityError(Exception):
    """The plugin's one error (docs/plugin-contract.md): a setting it cannot use, raised
    at `initialized` with every problem in `.findings`. The scan's own findings never
    raise it: they are reported (a report file, the signal, or warnings)."""

    def __init__(self, message, findings):
        super().__init__(message)
        self.findings = findings


def _setting_problem(name, what, fix):
    return {"check": "confidential", "file": "pelicanconf.py", "line": 0, "field": name,
            "what": what, "fix": fix, "page": ""}


def settings_problems(settings):
    """Each setting in the shape the scan reads it (a quoted "False" would be true)."""
    found = []
    for name, value in (("CONFIDENTIALITY_CACHE", settings.get("CONFIDENTIALITY_CACHE")),
                        (PREVIEW_SETTING, settings.get(PREVIEW_SETTING))):
        if value is not None and not isinstance(value, bool):
            found.append(_setting_problem(name, f"{name} is {value!r}.",
                                          "Write True or False (no quotes)."))
    numbers = settings.get("CONFIDENTIALITY_PUBLIC_NUMBERS")
    if numbers is not None and not (isinstance(numbers, (list, tuple)) and all(
            isinstance(n, str) for n in numbers)):
        found.append(_setting_problem(
            "CONFIDENTIALITY_PUBLIC_NUMBERS", f"CONFIDENTIALITY_PUBLIC_NUMBERS is "
            f"{numbers!r}, not a list of numbers written as text.",
            "Write it like [\"503-988-4888\"]."))
    report = settings.get(REPORT_SETTING)
    if report is not None and not (isinstance(report, (str, os.PathLike)) and str(report)):
        found.append(_setting_problem(
            REPORT_SETTING, f"{REPORT_SETTING} is {report!r}, not a file name.",
            "Write the report file's path as text, or remove the setting."))
    sample = settings.get("SAMPLE_PRACTICE")
    if sample is not None and not isinstance(sample, dict):
        found.append(_setting_problem(
            "SAMPLE_PRACTICE", f"SAMPLE_PRACTICE is a {type(sample).__name__}, not a "
            "dict like PRACTICE.", "Write it as a dict of the sample practice's details "
            "(pelicanconf.py makes it from the sample answers), or remove it."))
    return found


def check_settings(pelican):
    """initialized: a setting of the wrong shape stops the build before any post is read."""
    problems = settings_problems(pelican.settings)
    if problems:
        raise ConfidentialityError("\n".join(
            f"confidentiality: {p['what']} {p['fix']} (in pelicanconf.py)" for p in problems),
            problems)


def register():
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(on_all_read)
