"""Pelican glue: scan every post and page exactly as Pelican read them.

At `all_generators_finalized` every content object exists (articles, hidden articles and
drafts, pages, hidden and draft pages, their translations; switched-off policy pages are
already gone) and nothing is written yet. For each one the plugin scans what a visitor can
see: the title, an explicit summary, the tags, the category, the author and every other
metadata field, the body text, image alt texts, and the slug, the source file's name and
the names of the images it shows. Draft or published is Pelican's own decision (`status`),
so no header spelling can hide a post from the scan.

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
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr",
           "td", "th", "blockquote", "pre", "dt", "dd", "figcaption", "section", "article",
           "hr", "table", "caption", "aside", "header", "footer", "figure", "details",
           "summary"}


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
        if tag in _BLOCKS:
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
        for one in value.split(",") if key == "srcset" else [value]:
            one = one.strip().split()[0] if one.strip() else ""
            parts = urlsplit(one)
            scheme = parts.scheme.lower()
            if scheme in _CONTACT_SCHEMES:
                address = unquote(parts.path or parts.netloc)
                query = unquote(parts.query).replace("&", " ").replace("=", ": ")
                self.attrs.setdefault("link target", []).append(
                    " ".join(x for x in (address, query) if x))
            elif scheme in ("", "http", "https") or key != "href":
                path = unquote(parts.path)
                name = path.rstrip("/").rsplit("/", 1)[-1]
                if tag == "img" or key in ("src", "srcset", "poster"):
                    if name:
                        self.images.append(name)
                else:
                    words = " ".join(p for p in (path, unquote(parts.query),
                                                 unquote(parts.fragment)) if p)
                    if words.strip("/ "):
                        self.links.append(words)

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
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


def fields_of(item):
    """(texts, names, accepted) for one content object."""
    from .scan import ACCEPT_KEY, CONSENT_KEYS, accepted_values
    body = _Text(getattr(item, "_content", "") or "")
    texts = {"title": getattr(item, "title", "") or "", "body": body.text}
    meta = getattr(item, "metadata", {}) or {}
    if meta.get("summary"):
        summary = _Text(str(meta["summary"]))
        texts["summary"] = summary.text
        for key, values in summary.attrs.items():
            texts.setdefault(key, []).extend(values)
    texts.update({k: list(v) for k, v in body.attrs.items() if k not in texts})
    if body.comments:
        texts["HTML comment"] = body.comments
    for key, value in meta.items():
        if key not in NOT_SHOWN and key != ACCEPT_KEY and key not in CONSENT_KEYS:
            shown = _shown(value)
            if shown:
                texts[key] = shown
    source = getattr(item, "source_path", "") or ""
    names = {"slug": getattr(item, "slug", "") or "",
             "file name": os.path.splitext(os.path.basename(source))[0]}
    for key, label in (("save_as", "Save_as"), ("url", "URL")):
        value = meta.get(key) or getattr(item, key, "") or ""
        if value and value != names["slug"]:
            names[label] = os.path.splitext(value)[0]
    if body.images:
        names["image file name"] = [os.path.splitext(n)[0] for n in body.images]
    if body.links:
        names["link address"] = body.links
    return texts, names, accepted_values(meta.get(ACCEPT_KEY))


# Static files whose text a visitor can download and read.
TEXT_SUFFIXES = {".txt", ".ics", ".vcf", ".csv", ".md", ".json", ".xml", ".html", ".htm",
                 ".rtf", ".svg", ".vcard", ".text", ".log"}


def static_fields(static):
    """(texts, names) of a static file: its name, and the text of a text file or PDF."""
    source = getattr(static, "source_path", "") or ""
    base, suffix = os.path.splitext(os.path.basename(source))
    names = {"file name": base}
    texts = {}
    suffix = suffix.lower()
    if suffix in TEXT_SUFFIXES:
        try:
            with open(source, "rb") as fh:
                raw = fh.read()
        except OSError:
            raw = b""
        text = raw.decode("utf-8", errors="replace")
        if suffix in (".html", ".htm", ".svg", ".xml"):
            parsed = _Text(text)
            texts["text file"] = parsed.text
            texts.update({k: list(v) for k, v in parsed.attrs.items()})
            if parsed.comments:
                texts["HTML comment"] = parsed.comments
        else:
            texts["text file"] = text
    elif suffix == ".pdf":
        texts["PDF text"] = pdf_text(source)
    return texts, names


def pdf_text(path):
    """The text of every page and of the document information of a PDF (pypdf), or a
    note that it could not be read (reported, never skipped silently)."""
    try:
        from pypdf import PdfReader
        reader = PdfReader(path)
        parts = [str(v) for v in (reader.metadata or {}).values() if v]
        parts += [page.extract_text() or "" for page in reader.pages]
        return "\n".join(parts)
    except Exception:  # noqa: BLE001 - an unreadable PDF is reported below, not a crash
        return ""


def _locate(lines, finding_field, anchor):
    """The 1-based line of the source that holds `anchor` (0 when it cannot be found)."""
    if anchor:
        for number, line in enumerate(lines, 1):
            if anchor in line:
                return number
        words = re.findall(r"\w+", anchor)[:4]
        if words:
            loose = re.compile(r"\W+".join(map(re.escape, words)), re.I)
            text = "\n".join(lines)
            m = loose.search(text)
            if m:
                return text.count("\n", 0, m.start()) + 1
    key = re.compile(rf"^\s*:?{re.escape(finding_field)}\s*:", re.I)
    return next((n for n, line in enumerate(lines, 1) if key.match(line)), 0)


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
    from .scan import Context, consent_of, scan_item  # here: a preview never imports it
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
                    kept = [f for f in findings if not f.quoted]
                    if len(kept) != len(findings):
                        report["consent"].append({
                            "file": getattr(item, "source_path", ""),
                            "title": getattr(item, "title", ""), "consent": consent})
                    findings = kept
                if findings or unused or problem:
                    report["findings"] += _describe(item, status, findings, unused, problem)
        for static in getattr(generator, "staticfiles", None) or []:
            if id(static) in seen:
                continue
            seen.add(id(static))
            texts, names = static_fields(static)
            findings, _ = cache.scan(scan, texts, names, [])
            if findings:
                report["findings"] += _describe(static, "published", findings, [], None)
    cache.save()
    return report


def _describe(item, status, findings, unused, consent_problem):
    from .scan import ACCEPT_KEY, CONSENT_KEYS
    path = getattr(item, "source_path", "") or ""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        lines = []
    out = []
    for f in findings:
        line = 0 if f.field in ("file name", "image file name") else \
            _locate(lines, f.field, f.anchor)
        out.append({"file": path, "line": line, "status": status, "field": f.field,
                    "problem": f.problem if f.field == "body" else f"in the {f.field}: "
                    + f.problem, "fix": f.fix, "details": list(f.quoted)})
    if consent_problem:
        out.append({"file": path, "line": _locate(lines, CONSENT_KEYS[0], ""),
                    "status": status, "field": "Client-consent", "problem": consent_problem,
                    "fix": "Write the date the client signed and where the signed consent "
                           "is kept, e.g. \"Client-consent: 2026-03-02, signed form in the "
                           "client's record\"; or delete the line.", "details": []})
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
