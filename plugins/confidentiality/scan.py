"""The confidentiality checker: pure functions, no Pelican.

    ctx = Context.from_settings(settings)          # the practice, its country, public numbers
    scan_text("Sarah, 34, ... told me", ctx)       # -> [Match]
    scan_item({"title": ..., "body": ...}, {"slug": ...}, ctx, accepted=[...])

The plugin (confidentiality.py) calls scan_item on every post and page Pelican read; the
benchmark and the tests call the same functions. A Match says what could identify
someone and how to fix it; `acceptable` says whether a `Confidential-ok:` line may accept
it (only details that can be public: a phone number, an email, a street address). It is
the scan's own record, of a piece of text: the plugin places it in a file and a line and
reports it as a finding (docs/plugin-contract.md, "The finding").
"""

import datetime
import functools
import re
import string
from dataclasses import dataclass

from . import narrative, numbers, obfuscated, story

ACCEPT_KEY = "confidential-ok"
# A client's written consent to publish their story: the date and where it is kept.
CONSENT_KEYS = ("client-consent", "client_consent")

FIX_DETAIL = ("Remove it, or replace it with a general description. If it is the practice's "
              "own or a public service's (an agency's number, say), accept exactly this text "
              "with a line in the file's header: Confidential-ok: {text}")
FIX_PRIVATE = ("Remove it: a {what} never belongs in a post, and no Confidential-ok line "
               "can accept it.")
FIX_STORY = ("Describe a composite with no real detail, or remove: {details}. (Generalise: "
             "\"a teacher in her thirties\" instead of a name, an age and a school.) If the "
             "client gave written consent to see their story published, add a line to the "
             "header: Client-consent: <the date they signed>, <where the signed consent is "
             "kept>. A Confidential-ok line cannot accept a person's name, story or health "
             "details.")

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
class Match:
    field: str        # where it was found: "body", "title", "summary", "tags", "slug", ...
    text: str         # the text as published (a sentence is shortened)
    anchor: str       # a short piece of it, to find the line in the source file
    problem: str      # what could identify someone
    fix: str          # what to do
    acceptable: bool  # whether a Confidential-ok line may accept it
    quoted: tuple = ()  # every detail that makes the person recognisable, as written
    normal: str = ""    # an email or number written to hide it, in its plain form


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
    return " ".join(obfuscated.visible(str(text)).split()).casefold()


def practice_people(practice):
    """The names of the practice's own people: its clinician, and (the hook for when
    practice.toml lists them) every entry of "clinicians" and "staff", as names or as
    {"name": ...} tables."""
    out = [practice.get("clinician") or ""]
    for key in ("clinicians", "staff"):
        for who in practice.get(key) or []:
            out.append(who.get("name", "") if isinstance(who, dict) else str(who))
    return [n for n in out if n]


class Context:
    """What is allowed for one site: the practice's own details (PRACTICE and, when it is
    set, SAMPLE_PRACTICE, which the sample check reports on its own), the public numbers
    and emails (every crisis line and national helpline of every region the
    emergency_notice plugin knows, any override in EMERGENCY_NOTICE, and
    CONFIDENTIALITY_PUBLIC_NUMBERS), and the country to read phone numbers for."""

    def __init__(self, practices=(), public=(), country="US", people=()):
        own = [s for p in practices for s in _strings(p)]
        self.country = (country or "US").upper()
        if not numbers.known_region(self.country):
            self.country = "US"
        self.texts = [_norm(t) for t in own if str(t).strip()]
        # Public services' published emails (the regions' helplines) are allowed as the
        # practice's own are; their numbers through `numbers` below.
        self.texts += [_norm(t) for t in public if _EMAIL.fullmatch(str(t).strip())]
        self.numbers = numbers.allowed_keys(own + list(public), self.country)
        names = set()
        for p in list(people) + [who for p in practices if isinstance(p, dict)
                                 for who in practice_people(p)]:
            for name in re.split(r"[,;&]| and ", str(p)):
                name = re.sub(r"\b(?:Dr|Dre|Dra|Mr|Mrs|Ms|Mx)\.?\s+", "", name).strip()
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

    def fingerprint(self):
        """What the allowed details are, for the cache key."""
        return (self.country, sorted(self.texts), sorted(self.numbers), sorted(self.people))

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
            if w.lower() in _ABBREV or re.fullmatch(r"(?:-?[A-ZÀ-ÖØ-Þ]['’]?\.?)+", w) or \
                    re.fullmatch(r"[A-ZÀ-ÖØ-Þ]['’][A-ZÀ-ÖØ-Þ]", w):
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


# Words on a line that make it about a person, not an organisation's listing.
_PERSONAL = re.compile(
    r"\b(?:her|his|him|she|he|they|them|their|my[ \t]+client|client|patient|mum|mom|dad|"
    r"son|daughter|wife|husband|friend|elle|il|lui|sa|son|ses|ella|él|su|sus|mi|ma|mon|"
    r"cliente?|patiente?|paciente|amie?|amig[oa])\b", re.I)
_ORG = re.compile(
    r"\b(?:Health|Hospital|Services?|Line|Helpline|Lifeline|Centre|Center|Clinic|Council|"
    r"Trust|Association|Society|Foundation|Library|Network|Support|Samaritans|Department|"
    r"Ministry|Agency|Authority|Board|Office|University|College|School|Police|Station|"
    r"Church|Hôpital|Clinique|Ligue|CLSC|CIUSSS|CISSS|CHSLD|CMP|Mairie|Hospital|Centro|"
    r"Salud|Línea|Teléfono|Cruz|Instituto|Fundación|Asociación|Ayuntamiento|Cáritas)\b"
    r"|\b(?:NHS|HSE|CAMHS|CMHA|ACC|CLSC|SAMU|IMSS|ISSSTE|DIF|CAPS|CMP|CSM|GP|ED|A&E)\b"
    r"|[A-Z][\w'’&-]+[ \t]+[A-Z][\w'’&-]+")


def _service_line(text, start, end, people):
    """Whether a phone number, email or address at text[start:end] is listed for an
    organisation: its line names one (an organisation word, a name of two capitalised
    words or an acronym) and says nothing of a person (no name, initials, client or
    described person, no "her", "his", "my client"...). Public services' published details
    are allowed this way; a person's never are."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if any(lo <= p[0] < hi for p in people):
        return False
    line = text[lo:start] + " " + text[end:hi]
    if _PERSONAL.search(line):
        return False
    return any(not (m.group().count(" ") and narrative.fold(m.group().split()[0]) in
                    _ASKING) for m in _ORG.finditer(line))


@functools.lru_cache(maxsize=8)
def _service_contacts(around, ctx):
    """The phone numbers and emails `around` (a post's body) shows on an organisation's
    line (_service_line): the addresses its call and mail links may carry. Kept for the
    post's next link: every link of a post is judged against the same body."""
    if not around:
        return ()
    around = obfuscated.visible(around)
    people = story.mentions(around, ctx.people)
    phones, _ = numbers.find_phones(around, ctx.country, ctx.numbers)
    found = [raw for start, end, raw in phones if _service_line(around, start, end, people)]
    found += [m.group().lower() for m in _EMAIL.finditer(around)
              if _service_line(around, m.start(), m.end(), people)]
    return tuple(found)


def _same_number(one, other):
    """Whether two written phone numbers are the same line: their digits agree, the
    shorter (7 digits or more) ending the longer ("+1 614 276 2273", "(614) 276-2273")."""
    a, b = (re.sub(r"\D", "", x) for x in (one, other))
    a, b = sorted((a, b), key=len)
    return len(a) >= 7 and b.endswith(a)


# Words that start a request to contact someone ("Ring Siobhán on ..."), not a name.
_ASKING = set("""ring call text email phone contact write ask reach message tell try get see
meet visit book dm whatsapp appelle appelez appeler écris écrivez texte contacte contactez
llama llame llamar escribe escriba manda mande contacta contacte""".split())


def scan_text(text, ctx, field="body", accepted=(), around="", stories=True):
    """Every Match in one piece of published text. `accepted` (Confidential-ok values)
    do not count as details of a story: the passage is judged without them. `around` is
    the body of the post a title or summary belongs to: a public figure's interview there
    makes "Stephen Fry on depression" a public disclosure. `stories` False reads only
    contact details and numbers (a link's address, whose words are judged by scan_name).
    The text is read as a reader sees it (obfuscated.visible): a finding quotes that."""
    if not text or not text.strip():
        return []
    text = obfuscated.visible(text)
    found, taken, contact_spans = [], [], []

    def add(start, end, problem, fix, acceptable, shown=None, anchor=None, normal=""):
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        shown = shown or text[start:end]
        found.append(Match(field, _short(shown), anchor or _short(shown, 40), problem,
                           fix, acceptable, (), normal))

    low = ascii_lower(text)
    for m in _LABELLED_ID.finditer(low):
        if re.search(r"\d", m.group(1)):
            shown, number = text[m.start():m.end()], text[m.start(1):m.end(1)]
            add(m.start(), m.end(), f'an ID or record number: "{_short(shown)}"',
                FIX_PRIVATE.format(what="health or ID number"), False, shown=shown,
                anchor=number)
    phones, public = numbers.find_phones(text, ctx.country, ctx.numbers)
    # A valid phone number of the practice's country is a phone number, even when its
    # digits also pass an ID number's check (one ten-digit number in eleven passes NHS's).
    home = [(start, end) for start, end, raw in phones
            if numbers.valid_in(raw, ctx.country)]
    for start, end, kind in numbers.find_ids(text, public + home):
        add(start, end, f'{kind}: "{text[start:end]}"',
            FIX_PRIVATE.format(what="health or ID number"), False)
    for m in _DOB.finditer(text) if ("birth" in low or "born" in low or "dob" in low
                                     or "d.o.b" in low) else ():
        add(m.start(1), m.end(1), f'a date of birth: "{m.group(1)}"',
            FIX_PRIVATE.format(what="date of birth"), False)
    people = story.mentions(text, ctx.people)
    # A call or mail link's address is judged by the line that shows it: an
    # organisation's number written out beside its name is its published number there
    # too. One the page never shows (link text "call Jess") has no such line.
    shown = _service_contacts(around, ctx) if field == "link target" else ()
    for start, end, raw in phones:
        fix = FIX_DETAIL.format(text=raw)
        contact_spans.append((start, end, raw, raw))
        if not _service_line(text, start, end, people) and \
                not any(_same_number(raw, other) for other in shown):
            add(start, end, f'a phone number: "{raw}"', fix, True)
    for m in _EMAIL.finditer(text) if "@" in text else ():
        if not ctx.own_text(m.group()):
            contact_spans.append((m.start(), m.end(), m.group(), m.group()))
            if not _service_line(text, m.start(), m.end(), people) and \
                    m.group().lower() not in shown:
                add(m.start(), m.end(), f'an email address: "{m.group()}"',
                    FIX_DETAIL.format(text=m.group()), True)
    for start, end, written, normal in obfuscated.emails(text):
        if not ctx.own_text(normal):
            contact_spans.append((start, end, written, normal))
            add(start, end, f'an email address written to hide it: "{written}" (that is '
                f'{normal})', FIX_DETAIL.format(text=normal), True, normal=normal)
    for start, end, written, digits in obfuscated.numbers(text):
        if not numbers.digits_allowed(digits, ctx.country, ctx.numbers):
            contact_spans.append((start, end, written, digits))
            add(start, end, f'a phone number written in words or spaced out: "{written}" '
                f'(that is {digits})', FIX_DETAIL.format(text=digits), True, normal=digits)
    for start, end, written, number in obfuscated.link_numbers(text):
        if not numbers.digits_allowed(number, ctx.country, ctx.numbers) and \
                numbers.is_phone(number):
            contact_spans.append((start, end, written, number))
            add(start, end, f'a phone number in a chat or call link: "{written}" (that is '
                f'{number})', FIX_DETAIL.format(text=number), True, normal=number)
    for m in _STREET.finditer(text):
        street, end = m.group(), m.end()
        if street.endswith(".") and not re.search(r"\b[A-Z][a-z]{1,3}\.$", street):
            street, end = street[:-1], end - 1         # the full stop ends the sentence
        if not ctx.own_text(street.rstrip(".")) and \
                not _service_line(text, m.start(), end, people):
            add(m.start(), end, f'a street address: "{street}"', FIX_DETAIL.format(text=street),
                True)

    if not stories:
        return found
    contacts = [(c_start, c_end, written) for c_start, c_end, written, normal in contact_spans
                if not any(_same(a, written) or _same(a, normal) for a in accepted)]
    for start, end, anchor, details, kind in story.judge(text, sentences, ctx.people,
                                                         contacts, around):
        passage = text[start:end].strip()
        quoted = []
        for spans in details.values():
            for s_start, s_end, s_text in spans:
                if s_text.strip() not in quoted:
                    quoted.append(s_text.strip(" ,"))
        what = "; ".join(f'{k} ("' + '", "'.join(_short(s[2].strip(), 40) for s in spans)
                         + '")' for k, spans in details.items())
        if kind == "client":
            problem = (f'a client named or pointed at ("{_short(anchor, 40)}")'
                       + (f" with {what}" if what else ""))
        else:
            who = "a person described" if kind == "described" else "a person"
            problem = (f'{who} ("{_short(anchor, 40)}") with {what}: together these could '
                       "identify them")
        details = [anchor] + [q for q in quoted if q != anchor]
        found.append(Match(field, _short(passage), _short(passage, 40),
                           f'"{_short(passage)}": ' + problem,
                           FIX_STORY.format(details=", ".join(f'"{_short(d, 40)}"'
                                                              for d in details)),
                           False, tuple(details)))
    return found


def scan_name(name, ctx, field):
    """A Match for a slug or file name that describes a person ("sarah-34-nurse")."""
    kinds = narrative.judge_name(name, ctx.people)
    if not kinds:
        return []
    return [Match(field, name, name, f'the {field} "{name}" holds a first name with '
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


# What separates the words of an address or a file name, except what a phone number or an
# email is written with (- . @ +) and what a chat link's number follows (/ ? = &).
_NAME_SEPARATORS = re.compile(r"[_#:;,]+")


def scan_item(texts, names, ctx, accepted=()):
    """(findings, unused) for one post or page.

    texts: {field: text or [texts]} of what is published (title, summary, tags, body...);
    names: {field: name} of slugs and file names; accepted: the Confidential-ok values.
    A Confidential-ok value silences only an acceptable finding with exactly its text;
    `unused` lists the values that silenced nothing (a typo must not go unnoticed)."""
    findings = []
    for field, value in texts.items():
        for text in value if isinstance(value, (list, tuple)) else [value]:
            around = "" if field == "body" else str(texts.get("body") or "")
            findings += scan_text(str(text or ""), ctx, field, accepted, around)
    # The tags read together too, for the story judgement: one tag names the person
    # ("Mélanie Roy"), others give the details ("Val-d'Or", "dépression post-partum").
    tags = texts.get("tags")
    if isinstance(tags, (list, tuple)) and len(tags) > 1 and \
            not any(f.field == "tags" and f.quoted for f in findings):
        findings += [m for m in scan_text(", ".join(map(str, tags)), ctx, "tags", accepted,
                                          str(texts.get("body") or "")) if m.quoted]
    for field, name in names.items():
        for one in name if isinstance(name, (list, tuple)) else [name]:
            findings += scan_name(str(one or ""), ctx, field)
            # A name is read for contact details too: an address that holds a phone
            # number or an email (wa.me/447700900461, ?to=sarah%40gmail.com).
            findings += scan_text(_NAME_SEPARATORS.sub(" ", str(one or "")), ctx, field,
                                  accepted, stories=False)
    kept, used = [], set()
    for f in findings:
        match = next((a for a in accepted if f.acceptable and (
            _same(a, f.text) or f.normal and _same(a, f.normal))), None)
        if match is None:
            kept.append(f)
        else:
            used.add(match)
    return kept, [a for a in accepted if a not in used]


# Client-consent: <the date the client signed>, <where the signed consent is kept>.
_MONTH_NUMBERS = {}
for _number, _names in enumerate((
        "january jan janvier janv enero ene", "february feb février fevrier févr fevr "
        "febrero", "march mar mars marzo", "april apr avril avr abril abr", "may mai mayo",
        "june jun juin junio", "july jul juillet juil julio", "august aug août aout agosto "
        "ago", "september sep sept septembre septiembre setiembre", "october oct octobre "
        "octubre", "november nov novembre noviembre", "december dec décembre decembre dic "
        "diciembre"), 1):
    _MONTH_NUMBERS.update((name, _number) for name in _names.split())
_CONSENT_DATE = re.compile(
    r"\b(?P<y1>(?:19|20)\d{2})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})\b"
    r"|\b(?P<a2>\d{1,2})[/.-](?P<b2>\d{1,2})[/.-](?P<y2>(?:19|20)\d{2})\b"
    r"|\b(?P<d3>\d{1,2})(?:st|nd|rd|th|er)?\s+(?:de\s+)?(?P<m3>[^\W\d_]{3,})\.?,?\s+(?:de\s+)?"
    r"(?P<y3>(?:19|20)\d{2})\b"
    r"|\b(?P<m4>[^\W\d_]{3,})\.?\s+(?P<d4>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y4>(?:19|20)\d{2})\b")
# Words that say nothing of where the signed consent is kept.
_CONSENT_FILLER = set("""yes ok okay true signed sign consent consented consents given gave
agreed agrees client clients patient the a an and has have had got obtained written in on of
by to is was with for oui si sí firmado firmada signé signée""".split())
_NOT_WRITTEN = re.compile(r"\b(?:verbal(?:ly)?|oral(?:ly|ement)?|spoken|by phone|on the "
                          r"phone|verbale?ment|de palabra|verbalmente)\b", re.I)


def _consent_date(match):
    """The date a _CONSENT_DATE match names, or None when it is no real date."""
    g = {k: v for k, v in match.groupdict().items() if v}
    try:
        if "y1" in g:
            return datetime.date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if "y2" in g:
            a, b = int(g["a2"]), int(g["b2"])
            for day, month in ((a, b), (b, a)):      # 02/03 is either way round
                try:
                    return datetime.date(int(g["y2"]), month, day)
                except ValueError:
                    continue
            return None
        month = _MONTH_NUMBERS.get(narrative.fold(g.get("m3") or g.get("m4")).rstrip("."))
        if month is None:
            return None
        return datetime.date(int(g.get("y3") or g["y4"]), month, int(g.get("d3") or g["d4"]))
    except ValueError:
        return None


def consent_of(metadata, today=None):
    """(consent text, problem): a Client-consent header with the date the client signed
    (a real date, not after today) and where the signed consent is kept accepts the
    post's story; any other value is one problem, saying what is wrong."""
    value = next((metadata.get(k) for k in CONSENT_KEYS if metadata.get(k)), None)
    if value is None:
        return None, None
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    value = " ".join(str(value).split())
    today = today or datetime.date.today()
    match = next((m for m in _CONSENT_DATE.finditer(value) if _consent_date(m)), None)
    rest = (value[:match.start()] + " " + value[match.end():]) if match else value
    words = [w for w in re.findall(r"[^\W\d_]{3,}", rest.casefold())
             if w not in _CONSENT_FILLER]
    problems = []
    if match is None:
        problems.append("no date the client signed (write it like 2026-03-02)")
    elif _consent_date(match) > today:
        problems.append(f'the date "{match.group()}" is after today')
    if _NOT_WRITTEN.search(value):
        problems.append("consent given aloud is not consent in writing")
    elif not words:
        problems.append("it does not say where the signed consent is kept")
    if problems:
        return None, (f'"Client-consent: {value}" is not a written consent the scan can '
                      f'accept: {"; ".join(problems)}. Until it is, the story is reported')
    return value, None
