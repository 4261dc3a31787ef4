"""Confidentiality scan of the writing itself (content/**/*.md, .rst, .html sources).

It looks for what could identify a client: phone numbers, email addresses, street
addresses, dates of birth, ID-like numbers, and phrases that point at one client ("my
client Maria", "a 34-year-old teacher I see"). The practice's own details (PRACTICE in
pelicanconf.py) and the crisis numbers are fine. A writer who has checked a finding
accepts it in that file's header, one exact piece of text per line:

    Confidential-ok: 1-503-988-4888
    Confidential-ok: 211; Portland Street     (several, separated by ";")

There is no switch that turns the scan off.
"""

import json
import re
from pathlib import Path

from .model import Issue

SOURCE_EXT = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")
ACCEPT_KEY = "confidential-ok"

# Crisis lines of the built-in regions (DOMAIN.md), used until the emergency_notice plugin
# ships its data file, and always as a floor.
FALLBACK_CRISIS = ["911", "988", "741741", "999", "111", "116 123", "85258", "112", "50808",
                   "000", "13 11 14", "0477 13 11 14", "1737"]
# US toll-free prefixes: these numbers belong to organisations, never to a client.
TOLL_FREE = {"800", "833", "844", "855", "866", "877", "888"}

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}"
         rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d{{2}}"
         rf"|(?:19|20)\d{{2}})")
_SEEING = (r"(?:see|saw|am\s+seeing|was\s+seeing|have\s+been\s+seeing|work\s+with|worked\s+with"
           r"|am\s+working\s+with|treat|treated|counsel|counseled|counselled|met|meet)")

# (kind, regex, group holding the finding). Order matters only for the report.
PATTERNS = [
    ("a phone number", re.compile(
        r"(?<![\w/=.-])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])"
        r"|(?<![\w/=.-])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\w-])"
        r"|(?<![\w/=.-])0\d{1,4}[\s.-]\d{3,4}[\s.-]?\d{3,4}(?![\w-])"), 0),
    ("an email address", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"), 0),
    ("a street address", re.compile(
        r"\b\d{1,6}\s+(?:(?:[NSEW]|North|South|East|West)\.?\s+)?(?:[A-Z][\w'.-]*\s+){1,4}"
        r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place"
        r"|Pl|Terrace|Parkway|Pkwy|Highway|Hwy|Circle|Square|Trail|Loop)\b\.?"
        r"|\bP\.?\s?O\.?\s+Box\s+\d+", 0), 0),
    ("a date of birth", re.compile(
        rf"(?i:\b(?:born(?:\s+on|\s+in)?|DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date"
        rf"|birthday)\b)\W{{0,5}}[^.\n]{{0,25}}?(?i:({_DATE}))"), 1),
    ("a Social Security-like number", re.compile(r"\b\d{3}-\d{2}-\d{4}\b|\b\d{3} \d{2} \d{4}\b"),
     0),
    ("a record or ID number", re.compile(
        r"(?i:\b(?:MRN|medical\s+record(?:\s+(?:number|no\.?|#))?|patient\s+(?:ID|number|no\.?"
        r"|#)|chart\s+(?:number|no\.?|#)|client\s+(?:ID|number|no\.?|#)|member\s+ID"
        r"|insurance\s+ID|policy\s+(?:number|no\.?|#)|case\s+(?:number|no\.?|#))\s*(?:is\s+)?"
        r"[:#]?\s*)([A-Z0-9][A-Z0-9-]{3,})\b"), 0),
    ("words that point at one client", re.compile(
        r"(?i:\b(?:my|our)\s+(?:former\s+|current\s+|new\s+|old\s+|young\s+|teenage\s+)?"
        r"(?:client|patient|counselee)\s*,?\s+(?:named\s+|called\s+)?)([A-Z][a-z]+)"), 0),
    ("words that point at one client", re.compile(
        r"(?i:\bone\s+of\s+my\s+(?:clients|patients)\b"
        r"|\b(?:a|one)\s+(?:client|patient)\s+of\s+(?:mine|ours)\b"
        rf"|\ban?\s+\d{{1,2}}[- ]years?[- ]old\b[^.!?\n]{{0,80}}?\b(?:I|we)\s+{_SEEING}\b"
        r"|\ban?\s+\d{1,2}[- ]years?[- ]old\s+(?:[\w-]+\s+){0,3}?(?:client|patient)\b"
        rf"|\b(?:a|one)\s+(?:client|patient)\s+(?:I|we)\s+{_SEEING}\b"
        r"|\bI\s+(?:once\s+|recently\s+)?(?:had|saw|treated|counseled|counselled|worked\s+with)"
        r"\s+(?:a|one)\s+(?:client|patient)\b)"), 0),
]
# Capitalised words after "my client" that are not names ("my client. She ...").
_NOT_NAMES = {"I", "The", "She", "He", "They", "We", "It", "This", "That", "Who", "When",
              "If", "And", "But", "So", "Or", "Was", "Is", "Had", "Has", "Said", "Told",
              "Asked", "Once", "Recently", "Last", "Today", "Then", "After", "Before",
              "Because", "Although", "Still", "Also", "Just", "Later", "In", "At", "On",
              "For", "With", "You", "Your", "My", "Our", "Their", "His", "Her"}


def _digits(text):
    return re.sub(r"\D", "", text)


def _norm(text):
    return " ".join(text.split()).lower()


def _strings(value):
    """Every string and number inside a settings value or JSON document."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, (str, int)):
        yield str(value)


class Allowed:
    """The practice's own details and the crisis numbers: never findings."""

    def __init__(self, project_root, settings):
        # The sample practice's details are the sample check's to report (once), not
        # this scan's.
        own = list(_strings(settings.get("PRACTICE", {}))) + \
            list(_strings(settings.get("SAMPLE_PRACTICE", {})))
        crisis = list(FALLBACK_CRISIS) + list(_strings(settings.get("EMERGENCY_NOTICE", {})))
        for path in sorted((Path(project_root) / "plugins" / "emergency_notice").glob("*.json")):
            try:
                crisis += list(_strings(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError):
                pass  # that plugin reports its own broken data file
        self.texts = [_norm(t) for t in own if t.strip()]
        numbers = [m for t in own + crisis for m in re.findall(r"\+?\d[\d\s().-]*\d|\d", t)]
        self.digits = {_national(_digits(n)) for n in numbers if len(_digits(n)) >= 3}

    def ok(self, kind, text):
        if kind == "a phone number":
            national = _national(_digits(text))
            return national in self.digits or (len(national) == 10 and
                                               national[:3] in TOLL_FREE)
        norm = _norm(text)
        return any(norm and norm in t for t in self.texts)


def _national(digits):
    """A North American number without its leading country code 1."""
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _header(lines, suffix):
    """(accepted strings with their line numbers, is_draft) from a source file's metadata:
    the "Key: value" lines at the top of Markdown, or ":key: value" fields in reST."""
    accepted, draft = [], False
    for number, line in enumerate(lines, 1):
        if suffix == ".rst":
            m = re.match(r"^:([\w-]+):\s*(.*)$", line)
        else:
            if not line.strip():
                break
            m = re.match(r"^([A-Za-z][\w -]*):\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1).strip().lower(), m.group(2).strip()
        if key == ACCEPT_KEY:
            accepted += [(part.strip(), number) for part in value.split(";") if part.strip()]
        elif key == "status" and value.lower() == "draft":
            draft = True
    return accepted, draft


def scan_file(path, rel, allowed):
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    accepted, draft = _header(lines, Path(path).suffix.lower())
    if draft:
        return [], True
    # The acceptance lines themselves hold the accepted text: do not scan them.
    blanked = "\n".join("" if re.match(r"^:?confidential-ok:", line, re.I) else line
                        for line in lines)
    accepted_norm = {_norm(a) for a, _ in accepted}
    used, issues, seen = set(), [], set()
    for kind, pattern, group in PATTERNS:
        for m in pattern.finditer(blanked):
            found = m.group(group) if group else m.group(0)
            if kind == "a street address":
                found = found.rstrip(".") if not found.endswith(("St.", "Ave.", "Rd.", "Dr.",
                                                                 "Ln.", "Ct.", "Pl.")) else found
            if kind == "words that point at one client" and m.lastindex and \
                    m.group(1) in _NOT_NAMES:
                continue
            if kind == "a phone number" and len(_digits(found)) < 7:
                continue
            if kind == "a record or ID number" and not re.search(r"\d", m.group(1)):
                continue
            start = m.start(group) if group else m.start()
            key = (start, found)
            if key in seen or allowed.ok(kind, found):
                continue
            seen.add(key)
            if _norm(found) in accepted_norm:
                used.add(_norm(found))
                continue
            line = blanked.count("\n", 0, start) + 1
            issues.append(Issue(
                "confidential", rel, line, f'{kind}: "{found}"',
                "Remove it, or change the details so no client could be recognised. If it is "
                "safe to publish (say, a public agency's number), accept exactly this text "
                f"with a line in the file's header (the lines at the top): Confidential-ok: {found}"))
    for value, number in accepted:
        if _norm(value) not in used:
            issues.append(Issue(
                "confidential", rel, number, f'"Confidential-ok: {value}" matches nothing the '
                "scan found in this file",
                "Write the exact text the check reported, or delete the line. Each "
                "Confidential-ok line accepts one exact piece of text, never a whole file."))
    return issues, False


def scan_sources(project_root, settings):
    root = Path(project_root)
    content = Path(settings.get("PATH") or root / "content")  # sample/content before setup
    allowed = Allowed(root, settings)
    issues, scanned, drafts = [], 0, 0
    for path in sorted(content.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SOURCE_EXT:
            continue
        found, draft = scan_file(path, path.relative_to(root).as_posix(), allowed)
        drafts += draft
        scanned += not draft
        issues += found
    return issues, scanned, drafts
