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

* with CONFIDENTIALITY_REPORT set (tools/check.py passes it with -e), they are written to
  that JSON file for `make check`'s report;
* otherwise, with CONFIDENTIALITY_IN_PREVIEW true, each is logged as a warning, so
  `make html` and the dev server show them early;
* otherwise (a preview build: `make html`, the dev server) the scan does not run at all.
  It decides something only where it guards publishing (`make check`, `make publish`,
  which set CONFIDENTIALITY_REPORT); skipping it keeps previews within the build-speed
  budget. The scanner (phone and ID libraries) is then not even imported.

The practice's own details, crisis lines and free-call numbers are never findings; see
scan.Context. The emergency_notice plugin publishes its region data in the setting
EMERGENCY_NOTICE_REGIONS; this plugin reads it from there (plugins never import each other).
"""

import json
import logging
import os
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from pelican import signals

logger = logging.getLogger(__name__)

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


class _Text(HTMLParser):
    """The visible text of an HTML fragment (blocks become line breaks), the alt texts
    of its images and the file names they load."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.parts, self.alts, self.images = [], [], []
        self.feed(html or "")
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "img":
            for key, value in attrs:
                if key == "alt" and value:
                    self.alts.append(value)
                elif key == "src" and value:
                    name = unquote(urlsplit(value).path).rsplit("/", 1)[-1]
                    if name:
                        self.images.append(name)

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n")

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
    from .scan import ACCEPT_KEY, accepted_values
    body = _Text(getattr(item, "_content", "") or "")
    texts = {"title": getattr(item, "title", "") or "", "body": body.text}
    meta = getattr(item, "metadata", {}) or {}
    if meta.get("summary"):
        texts["summary"] = _Text(str(meta["summary"])).text
    if body.alts:
        texts["image text (alt)"] = body.alts
    for key, value in meta.items():
        if key not in NOT_SHOWN and key != ACCEPT_KEY:
            shown = _shown(value)
            if shown:
                texts[key] = shown
    source = getattr(item, "source_path", "") or ""
    names = {"slug": getattr(item, "slug", "") or "",
             "file name": os.path.splitext(os.path.basename(source))[0]}
    if body.images:
        names["image file name"] = [os.path.splitext(n)[0] for n in body.images]
    return texts, names, accepted_values(meta.get(ACCEPT_KEY))


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


def scan_generators(generators, settings):
    """{"scanned", "drafts", "findings": [...]} for every content object in `generators`."""
    from .scan import Context, scan_item  # here: a preview build never imports it
    ctx = Context.from_settings(settings)
    report = {"scanned": 0, "drafts": 0, "findings": []}
    seen = set()
    for generator in generators:
        for attr in LISTS:
            for item in getattr(generator, attr, None) or []:
                if id(item) in seen:
                    continue
                seen.add(id(item))
                status = getattr(item, "status", "published") or "published"
                report["drafts" if status == "draft" else "scanned"] += 1
                texts, names, accepted = fields_of(item)
                findings, unused = scan_item(texts, names, ctx, accepted)
                if findings or unused:
                    report["findings"] += _describe(item, status, findings, unused)
    return report


def _describe(item, status, findings, unused):
    from .scan import ACCEPT_KEY
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
                    + f.problem, "fix": f.fix})
    for value in unused:
        out.append({"file": path, "line": _locate(lines, ACCEPT_KEY, value), "status": status,
                    "field": ACCEPT_KEY,
                    "problem": f'"Confidential-ok: {value}" accepts nothing in this file',
                    "fix": "Write the exact phone number, email or address the check "
                           "reported, or delete the line. Each Confidential-ok line accepts "
                           "one exact piece of text that may be public; it can never accept "
                           "a person's name, story, health details or ID number."})
    return out


def on_all_read(generators):
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    target = settings.get(REPORT_SETTING)
    if not target and not settings.get(PREVIEW_SETTING, False):
        return                    # a preview build: the scan decides nothing here
    report = scan_generators(generators, settings)
    if target:
        tmp = f"{target}.part"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(report, fh)
        os.replace(tmp, target)              # never a half-written report
        return
    for f in report["findings"]:
        where = os.path.relpath(f["file"]) + (f" line {f['line']}" if f["line"] else "")
        draft = " (a draft)" if f["status"] == "draft" else ""
        logger.warning("Confidentiality: %s%s: %s Fix: %s", where, draft, f["problem"],
                       f["fix"])


def register():
    signals.all_generators_finalized.connect(on_all_read)
