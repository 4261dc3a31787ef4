"""The confidentiality checker: pure functions, no Pelican.

    ctx = Context.from_settings(settings)          # the practice, its country, public numbers
    scan_text("Sarah, 34, ... told me", ctx)       # -> [Finding]
    scan_item({"title": ..., "body": ...}, {"slug": ...}, ctx, accepted=[...])

The plugin (confidentiality.py) calls scan_item on every post and page Pelican read; the
benchmark and the tests call the same functions. A Finding says what could identify
someone and how to fix it; `acceptable` says whether a `Confidential-ok:` line may accept
it (only details that can be public: a phone number, an email, a street address).
"""

import re
import string
from dataclasses import dataclass

from . import narrative, numbers

ACCEPT_KEY = "confidential-ok"

FIX_DETAIL = ("Remove it, or replace it with a general description. If it is the practice's "
              "own or a public service's (an agency's number, say), accept exactly this text "
              "with a line in the file's header: Confidential-ok: {text}")
FIX_PRIVATE = ("Remove it: a {what} never belongs in a post, and no Confidential-ok line "
               "can accept it.")
FIX_STORY = ("Remove what points at one person, or generalise it (\"a teacher in her "
             "thirties\" instead of a name, age and school), or combine details from several "
             "people so no one is recognisable. If a client wants their story told, get their "
             "written consent and keep it in their record, not in the post. A Confidential-ok "
             "line cannot accept a person's name or health details.")

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_STREET = re.compile(
    r"\b\d{1,5}(?:/\d{1,5})?[A-Za-z]?[ \t]+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)"
    r"\.?[ \t]+)?(?:[A-Z][\w'’.-]*[ \t]+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|"
    r"Dr|Crescent|Cres|Close|Court|Ct|Place|Pl|Terrace|Tce|Way|Boulevard|Blvd|Parade|Pde|"
    r"Grove|Gardens|Square|Highway|Hwy|Row|Mews|Quay|Rise|Circuit|Cct|Esplanade|Parkway|"
    r"Pkwy|Loop|Trail)\b\.?|\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d+")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_FULL_DATE = (rf"\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}"
              rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"
              rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d{{2}}")
_DOB = re.compile(rf"(?i:\b(?:born(?:\s+on)?|DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|"
                  rf"birthday)\b)\W{{0,5}}[^.\n]{{0,25}}?(?i:({_FULL_DATE}))")
# Matched on the text lowered by ascii_lower (same length, so spans carry over): a
# case-sensitive pattern on lowered text is several times faster than re.IGNORECASE.
_LABELLED_ID = re.compile(
    r"\b(?:mrn|medical\s+record|patient\s+(?:id|number|no\.?|#)|chart|client\s+(?:id|"
    r"number|no\.?|#)|member\s+id|insurance\s+id|policy\s+(?:number|no\.?|#)|case\s+(?:number|"
    r"no\.?|#)|ssn|social\s+security|sin|social\s+insurance|health\s+card|phn|nhs|ppsn?|"
    r"tfn|tax\s+file|ird|nhi|medicare|medicaid)\b(?:\s+(?:number|no\.?|#|card))?\s*(?:is\s+)?"
    r"[:#,]?\s*((?=[a-z]{0,4}-?\d)[a-z0-9](?:[a-z0-9]|[ -](?=\d)){3,})")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def ascii_lower(text):
    return text.translate(_ASCII_LOWER)


# Sentence ends: ., ! or ? (and closing quotes) before space, or a line break.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
_ABBREV = {"dr", "mr", "mrs", "ms", "mx", "st", "prof", "sr", "jr", "vs", "etc", "e.g", "i.e",
           "no", "approx", "ave", "rd", "mt", "ft", "dept", "inc", "ltd", "co", "a.m", "p.m"}


@dataclass(frozen=True)
class Finding:
    field: str        # where it was found: "body", "title", "summary", "tags", "slug", ...
    text: str         # the text as published (a sentence is shortened)
    anchor: str       # a short piece of it, to find the line in the source file
    problem: str      # what could identify someone
    fix: str          # what to do
    acceptable: bool  # whether a Confidential-ok line may accept it


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        yield str(value)


def _norm(text):
    return " ".join(str(text).split()).casefold()


class Context:
    """What is allowed for one site: the practice's own details (PRACTICE and, when it is
    set, SAMPLE_PRACTICE, which the sample check reports on its own), the public numbers
    (every crisis line of every region the emergency_notice plugin knows, any override in
    EMERGENCY_NOTICE, and CONFIDENTIALITY_PUBLIC_NUMBERS), and the country to read phone
    numbers for."""

    def __init__(self, practices=(), public=(), country="US", people=()):
        own = [s for p in practices for s in _strings(p)]
        self.country = (country or "US").upper()
        if self.country not in numbers.COUNTRIES:
            self.country = "US"
        self.texts = [_norm(t) for t in own if str(t).strip()]
        self.numbers = numbers.allowed_keys(own + list(public), self.country)
        names = set()
        for p in list(people) + [p.get("clinician", "") for p in practices if isinstance(p, dict)]:
            for name in re.split(r"[,;&]| and ", str(p)):
                name = re.sub(r"\b(?:Dr|Mr|Mrs|Ms|Mx)\.?\s+", "", name).strip()
                if name:
                    names.add(narrative.fold(name))
                    names.add(narrative.fold(name.split()[0]))
        self.people = names

    @classmethod
    def from_settings(cls, settings):
        practices = [settings.get(k) for k in ("PRACTICE", "SAMPLE_PRACTICE")
                     if isinstance(settings.get(k), dict)]
        country = next((p.get("country") for p in practices if p.get("country")), None) \
            or settings.get("EMERGENCY_REGION") or "US"
        public = list(_strings(settings.get("EMERGENCY_NOTICE_REGIONS", {})))
        public += list(_strings(settings.get("EMERGENCY_NOTICE", {})))
        public += list(_strings(settings.get("CONFIDENTIALITY_PUBLIC_NUMBERS", [])))
        author = settings.get("AUTHOR") or ""
        people = [re.split(r",", author)[0]] if author else []
        return cls(practices, public, str(country), people)

    def own_text(self, text):
        norm = _norm(text)
        return any(norm and norm in t for t in self.texts)


def sentences(text):
    """[(start, end)] of the sentences in `text`. A full stop after an initial ("J.T.") or
    an abbreviation ("Dr.", "St.") does not end a sentence, nor one followed by a small
    letter."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if m.group() != "\n":
            word = re.search(r"([\w.'’]+)$", text[max(start, m.start() - 12):m.start()])
            w = word.group(1) if word else ""
            if w.lower() in _ABBREV or re.fullmatch(r"(?:[A-Z]['’]?\.?)+", w) or \
                    re.fullmatch(r"[A-Z]['’][A-Z]", w):
                continue
            nxt = text[m.end():m.end() + 2].strip()[:1]
            if nxt and (nxt.islower() or nxt in ",;"):
                continue
        if text[start:m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _short(text, limit=90):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def scan_text(text, ctx, field="body"):
    """Every Finding in one piece of published text."""
    if not text or not text.strip():
        return []
    found, taken = [], []

    def add(start, end, problem, fix, acceptable, shown=None, anchor=None):
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        shown = shown or text[start:end]
        found.append(Finding(field, _short(shown), anchor or _short(shown, 40), problem,
                             fix, acceptable))

    low = ascii_lower(text)
    for m in _LABELLED_ID.finditer(low):
        if re.search(r"\d", m.group(1)):
            shown, number = text[m.start():m.end()], text[m.start(1):m.end(1)]
            add(m.start(), m.end(), f'an ID or record number: "{_short(shown)}"',
                FIX_PRIVATE.format(what="health or ID number"), False, shown=shown,
                anchor=number)
    phones, public = numbers.find_phones(text, ctx.country, ctx.numbers)
    for start, end, kind in numbers.find_ids(text, public):
        add(start, end, f'{kind}: "{text[start:end]}"',
            FIX_PRIVATE.format(what="health or ID number"), False)
    for m in _DOB.finditer(text) if ("birth" in low or "born" in low or "dob" in low
                                     or "d.o.b" in low) else ():
        add(m.start(1), m.end(1), f'a date of birth: "{m.group(1)}"',
            FIX_PRIVATE.format(what="date of birth"), False)
    for start, end, raw in phones:
        fix = FIX_DETAIL.format(text=raw)
        add(start, end, f'a phone number: "{raw}"', fix, True)
    for m in _EMAIL.finditer(text) if "@" in text else ():
        if not ctx.own_text(m.group()):
            add(m.start(), m.end(), f'an email address: "{m.group()}"',
                FIX_DETAIL.format(text=m.group()), True)
    for m in _STREET.finditer(text):
        street, end = m.group(), m.end()
        if street.endswith(".") and not re.search(r"\b[A-Z][a-z]{1,3}\.$", street):
            street, end = street[:-1], end - 1         # the full stop ends the sentence
        if not ctx.own_text(street.rstrip(".")):
            add(m.start(), end, f'a street address: "{street}"', FIX_DETAIL.format(text=street),
                True)

    for start, end, rule, anchor, details in narrative.judge(text, low, sentences,
                                                             ctx.people):
        sentence = text[start:end].strip()
        what = "; ".join(f'{kind} ("{_short(spans[0][2].strip(), 30)}")'
                         for kind, spans in details.items())
        if rule == "client":
            problem = (f'a client named or pointed at ("{_short(anchor, 40)}")'
                       + (f", with {what}" if what else ""))
        elif rule == "person":
            problem = f'a person ("{anchor}") with {what}: together these could identify them'
        else:
            problem = (f'something from therapy ("{anchor}") with {what}: the client could '
                       "recognise themselves, and others could too")
        found.append(Finding(field, _short(sentence), anchor, f'"{_short(sentence)}": '
                             + problem, FIX_STORY, False))
    return found


def scan_name(name, ctx, field):
    """A Finding for a slug or file name that describes a person ("sarah-34-nurse")."""
    kinds = narrative.judge_name(name, ctx.people)
    if not kinds:
        return []
    return [Finding(field, name, name, f'the {field} "{name}" holds a first name with '
                    f'{", ".join(kinds)}: the address or file name alone could identify '
                    "someone", "Rename it (change the Slug: line, or the file's name) to "
                    "describe the topic, not the person.", False)]


def accepted_values(metadata_value):
    """The texts a file's Confidential-ok lines accept (";" separates several)."""
    values = metadata_value if isinstance(metadata_value, (list, tuple)) else [metadata_value]
    out = []
    for value in values:
        out += [part.strip() for part in str(value or "").split(";") if part.strip()]
    return out


def _same(accepted, finding_text):
    a, f = _norm(accepted), _norm(finding_text)
    if a == f:
        return True
    digits_a, digits_f = re.sub(r"\D", "", a), re.sub(r"\D", "", f)
    return len(digits_a) >= 7 and digits_a == digits_f and not re.sub(r"[\d\W]", "", a)


def scan_item(texts, names, ctx, accepted=()):
    """(findings, unused) for one post or page.

    texts: {field: text or [texts]} of what is published (title, summary, tags, body...);
    names: {field: name} of slugs and file names; accepted: the Confidential-ok values.
    A Confidential-ok value silences only an acceptable finding with exactly its text;
    `unused` lists the values that silenced nothing (a typo must not go unnoticed)."""
    findings = []
    for field, value in texts.items():
        for text in value if isinstance(value, (list, tuple)) else [value]:
            findings += scan_text(str(text or ""), ctx, field)
    for field, name in names.items():
        for one in name if isinstance(name, (list, tuple)) else [name]:
            findings += scan_name(str(one or ""), ctx, field)
    kept, used = [], set()
    for f in findings:
        match = next((a for a in accepted if f.acceptable and _same(a, f.text)), None)
        if match is None:
            kept.append(f)
        else:
            used.add(match)
    return kept, [a for a in accepted if a not in used]
