"""Narrative rules: sentences that make one person recognisable, without a language model.

A sentence is reported when
  A. it names a person (a first name from first_names.txt, a full name, Mr/Ms/Dr + surname)
     together with two or more kinds of identifying detail;
  B. it tells something from therapy ("told me", "in our session", "a client who ...") and
     holds at least one specific detail;
  C. it holds a full name and a diagnosis or medication, or initials and any detail;
  D. it names a client ("my client Tyler", "one of my clients, Imogen").
Public figures and authors named with a general statement (they wrote, said, campaigned)
are left alone unless the sentence also speaks of therapy.

Each detail kind is one compiled pattern run once over the whole text; a sentence then
looks up which matches fall inside it. Everything is plain `re`, so the cost is a few
passes over the text per post.
"""

import re
import unicodedata
from pathlib import Path

NAMES_FILE = Path(__file__).with_name("first_names.txt")


def fold(word):
    """Lower case without accents: Seán and Sean are the same name."""
    if word.isascii():
        return word.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c)).lower()


def load_names(path=NAMES_FILE):
    """(names, ambiguous): folded first names; ambiguous ones are also everyday words."""
    names, ambiguous = set(), set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            continue
        for word in line.split():
            if word.startswith("~"):
                ambiguous.add(fold(word[1:]))
            else:
                names.add(fold(word))
    return names - ambiguous, ambiguous


NAMES, AMBIGUOUS = load_names()

_MONTHS = ("january february march april may june july august september october november "
           "december jan feb mar apr jun jul aug sep sept oct nov dec").split()
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# Capitalised words that never make a place, workplace or surname.
_NOT_PROPER = set(_MONTHS + _DAYS + (
    "i the a an and or but so if of in on at to for with by from my our your his her their "
    "its this that these those it he she they we you christmas easter diwali eid hanukkah "
    "ramadan thanksgiving matariki passover new year years day week weekend morning evening "
    "night english french spanish maori te session sessions therapy monday's friday's "
    "zoom covid god mom mum dad".split()))
_NUM_WORDS = "two three four five six seven eight nine ten"

# --- persons ------------------------------------------------------------------------------
_CAP_WORD = re.compile(r"(?<![\w'’.-])([A-ZÀ-ÖØ-Þ][\w'’-]*)")
_TITLE_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-ZÀ-ÖØ-Þ][\w'’-]+")
_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.(?:\s?[A-Z](?:['’][A-Z])?\.)+")
_NOT_INITIALS = {"US", "UK", "NZ", "PO", "AM", "PM", "DC", "BC", "ER", "GP", "MD", "RN", "ID",
                 "EU", "UN", "LA", "NY", "AA", "NA", "TV", "OK", "QC", "ON", "NT", "NI", "IT",
                 "AD", "BC", "CE", "BA", "BS", "MA", "MS", "HR", "IQ", "OT", "PT", "USA"}
_PLACE_BEFORE = {"st", "st.", "saint", "mount", "mt", "lake", "port", "fort", "cape", "san",
                 "santa", "prince", "princess", "king", "queen", "sir", "dame", "lady", "lord"}
_CLIENT_BEFORE = re.compile(r"(?:client|patient|counselee)s?,?\s*$", re.I)


def _fullname_after(text, end):
    """The surname right after a first name ending at `end`, or None."""
    m = re.match(r"[ \t]+([A-ZÀ-ÖØ-Þ][\w'’-]+)", text[end:end + 40])
    if m and fold(re.sub(r"['’]s$", "", m.group(1))) not in _NOT_PROPER:
        return re.sub(r"['’]s$", "", m.group(1))
    return None


def persons(text, own):
    """[(start, end, label, kind)] for people in `text`; kind is "name", "full" or
    "initials". `own` holds the folded names that belong to the practice (its clinician,
    the author): those are not "a person" for these rules."""
    found = []
    for m in _CAP_WORD.finditer(text):
        word = re.sub(r"['’]s$", "", m.group(1))
        key = fold(word)
        if key not in NAMES and key not in AMBIGUOUS:
            continue
        before = text[max(0, m.start() - 12):m.start()].split()
        if before and fold(before[-1]) in _PLACE_BEFORE:
            continue                                   # St Patrick's Day, Prince Harry
        surname = _fullname_after(text, m.start() + len(word))
        full = f"{word} {surname}" if surname else word
        if fold(full) in own or key in own and not surname:
            continue
        age_after = re.match(r",?\s*\d{1,2}\s*,", text[m.end():m.end() + 8])
        after_client = _CLIENT_BEFORE.search(text[max(0, m.start() - 30):m.start()])
        if key in AMBIGUOUS and not (surname or age_after or after_client):
            continue
        end = m.start() + len(full)
        found.append((m.start(), end, full, "full" if surname else "name"))
    for m in _TITLE_NAME.finditer(text):
        found.append((m.start(), m.end(), m.group(), "full"))
    for m in _INITIALS.finditer(text):
        if re.sub(r"[^A-Z]", "", m.group()) not in _NOT_INITIALS:
            found.append((m.start(), m.end(), m.group(), "initials"))
    return found


# --- identifying details --------------------------------------------------------------------
_PROPER = r"(?:[A-ZÀ-ÖØ-Þ][\w'’&.-]*|&)"
_PROPER_SEQ = rf"{_PROPER}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|and[ \t]+)?{_PROPER}){{0,5}}"

DETAILS = {
    "an age": re.compile(
        r"\b\d{1,2}[- ‑–]years?[- ‑–]old\b"
        r"|(?<=[A-Za-z]),[ \t]*\d{1,2}[ \t]*,"
        r"|\b(?:aged?|age of)[ \t]+\d{1,2}\b(?![ \t]*(?:to|or|and|-|–|—|\+|plus)\b|[ \t]*[-–—+])"
        r"|\bat[ \t]+(?:age[ \t]+)?\d{2}\b(?![ \t]*(?:%|percent|am|pm|a\.m|p\.m|minutes|mins?|"
        r"hours|sessions|o'clock|:|\.\d))"
        r"|\b\d{1,2}[ \t]*(?:yo|y/o|yrs? old)\b", re.I),
    "an occupation": re.compile(
        r"\b(?:nurse[sd]?|nursing|teacher|teaches|teaching assistant|pharmacist|firefighter|"
        r"paramedic|midwife|solicitor|lawyer|attorney|paralegal|barrister|builder|farmer|"
        r"miner|electrician|plumber|carpenter|mechanic|apprentice|tradie|bus driver|"
        r"(?:truck|taxi|uber|delivery) driver|drives (?:buses|trucks|a taxi|for)|coach(?:es)?|"
        r"principal|police officer|officer|constable|detective|soldier|marine|veteran|sailor|"
        r"pilot|chef|barista|waiter|waitress|bartender|accountant|engineer|doctor|surgeon|"
        r"dentist|vet|physio|psychiatrist|social worker|receptionist|cleaner|cashier|"
        r"stacks shelves|manager|ceo|consultant|architect|developer|programmer|journalist|"
        r"reporter|photographer|musician|professor|lecturer|tutor|librarian|student|pastor|"
        r"priest|minister|rabbi|imam|clerk|labou?rer|works? (?:nights|as|night shifts)|"
        r"night shifts?|garda)\b", re.I),
    "a named workplace": re.compile(
        rf"\b(?:at|for)[ \t]+(?:the[ \t]+)?{_PROPER_SEQ}"
        rf"|\bwith[ \t]+(?:the[ \t]+)?{_PROPER}[ \t]+{_PROPER_SEQ}"),
    "a place": re.compile(
        rf"\b(?:in|from|near|out of|around|on)[ \t]+(?:the[ \t]+)?{_PROPER_SEQ}"),
    "a family detail": re.compile(
        r"\b(?:my|his|her|their)[ \t]+(?:(?:ex|late|new|older|younger|eldest|youngest|"
        r"only|twin|little|baby|step|grown)[ -]?)?(?:husband|wife|partner|boyfriend|"
        r"girlfriend|fianc[ée]e?|son|daughter|kids|children|child|baby|mother|mom|mum|father|"
        r"dad|brother|sister|stepdad|stepmum|stepmom|stepson|stepdaughter|grandmother|"
        r"grandfather|nan|grandson|granddaughter|twins|aunt|uncle|cousin|whānau|whanau)s?\b"
        rf"|\b(?:mom|mum|mother|father|dad)[ \t]+of[ \t]+(?:{_NUM_WORDS.replace(' ', '|')}|\d)"
        r"|\bsingle[ \t]+(?:mom|mum|dad|parent|mother|father)\b"
        r"|\b(?:divorced?|widow(?:ed|er)?|separation|separated)\b", re.I),
    "a session date or session": re.compile(
        r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?\b"
        r"|\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|"
        r"apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|"
        r"dec(?:ember)?)\b"
        r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
        r"|\b(?:on|last|this|next)[ \t]+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday)\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s\b"
        r"|\b(?:last[ \t]+week|yesterday|this[ \t]+morning)\b"
        r"|\bin[ \t]+(?:our|today['’]s|this[ \t]+week['’]s|last[ \t]+week['’]s|yesterday['’]s|"
        r"this[ \t]+morning['’]s|a[ \t]+recent|her|his|their|one)?[ \t]*session\b"
        r"|\b(?:came|come|comes)[ \t]+(?:in[ \t]+)?to[ \t]+session\b", re.I),
    "a diagnosis, medication or health event": re.compile(
        r"\bdiagnos(?:ed|is)\b|\b(?:depression|bipolar|ptsd|ocd|adhd|autism|autistic|"
        r"schizophreni\w*|psychosis|anorexi\w*|bulimi\w*|eating disorder|cancer|leuka?emia|"
        r"diabetes|dementia|alzheimer['’]?s|parkinson['’]?s|epilepsy|hiv|aids|ms|multiple "
        r"sclerosis|panic attacks?|panic disorder|anxiety|borderline|bpd|psychotic|"
        r"miscarriage|stillbirth|abortion|pregnan\w*|infertility|ivf|overdosed?|dui|rehab|"
        r"relapsed?|addict\w*|alcoholi\w*|self-harm\w*|cutting|suicid\w*|took (?:his|her|"
        r"their) own life|taken (?:his|her|their) own life|assaulted|raped|abused|sectioned|"
        r"hospitali[sz]ed|sertraline|zoloft|fluoxetine|prozac|escitalopram|lexapro|"
        r"citalopram|celexa|venlafaxine|effexor|bupropion|wellbutrin|mirtazapine|lithium|"
        r"quetiapine|seroquel|olanzapine|risperidone|aripiprazole|abilify|lamotrigine|"
        r"methylphenidate|ritalin|adderall|vyvanse|dexamfetamine|diazepam|valium|"
        r"alprazolam|xanax|lorazepam|ativan|clonazepam|methadone|suboxone|naltrexone|"
        r"antidepressants?)\b", re.I),
}

# What a general statement about a public figure or author sounds like.
_PUBLIC = re.compile(
    r"\b(?:wrote|writes|written|writing about|book|memoir|novel|essay|article|interview|"
    r"podcast|TED|publicly|in public|campaign\w*|spoken|spoke publicly|has talked|"
    r"talked for years|argues|argued|believed|believes|theory|research|studies|"
    r"according to|said in|famous|celebrity|Olympian|singer|actor|actress|author|athlete|"
    r"footballer|president|prime minister|Prince|Princess|Sir|Dame)\b")
# Words that make a sentence about therapy, which no public-figure cue can excuse.
_THERAPY = re.compile(r"\b(?:told me|tells me|session|client|patient|I see|I saw)\b", re.I)

# "told me", "in our session", "a client who ...": a sentence from the therapy room.
_DISCLOSURE = re.compile(
    r"\b(?:told|tells|telling)[ \t]+me\b|\bsaid[ \t]+to[ \t]+me\b"
    r"|\b(?:shared|confided|admitted|disclosed|confessed)[ \t]+(?:(?:to|with)[ \t]+)?me\b"
    r"|\bin[ \t]+(?:our|today['’]s|this[ \t]+week['’]s|last[ \t]+week['’]s|yesterday['’]s|"
    r"this[ \t]+morning['’]s|a[ \t]+recent|her|his|their)[ \t]+session\b"
    r"|\b(?:came|come|comes)[ \t]+(?:in[ \t]+)?to[ \t]+session\b"
    r"|\b\w+day['’]s[ \t]+session\b|\bduring[ \t]+(?:our|a|one)[ \t]+session\b"
    r"|\b(?:a|one)[ \t]+(?:client|patient)[ \t]+(?:who|whose|from|with|i|of[ \t]+mine)\b"
    r"|\b(?:my|our)[ \t]+(?:client|patient)\b|\bone[ \t]+of[ \t]+my[ \t]+(?:clients|patients)\b"
    r"|\bi[ \t]+(?:see|saw|am[ \t]+seeing|['’]m[ \t]+seeing|treat|treated|worked[ \t]+with|"
    r"counsel(?:l?ed)?)\b")
# A generic or imagined case: "many clients tell me", "imagine a nurse", "often".
_GENERIC = re.compile(
    r"\b(?:imagine|suppose|let['’]s say|for example|for instance|often|usually|sometimes|"
    r"many|most|lots of|some (?:clients|people|parents)|if a|when a|typical(?:ly)?)\b", re.I)

# "my client Tyler", "one of my clients, Imogen", "a client named Ana".
# Matched on lowered text; the name must be capitalised in the original.
_CLIENT_NAMED = re.compile(
    r"\b(?:(?:my|our)[ \t]+(?:\w+[ \t]+)?(?:client|patient|counselee)|one[ \t]+of[ \t]+my"
    r"[ \t]+(?:clients|patients)|(?:a|one)[ \t]+(?:client|patient)[ \t]+(?:named|called))"
    r",?[ \t]+(?:named[ \t]+|called[ \t]+)?([^\W\d_][\w'’-]*)")
_NOT_A_NAME = set(_NOT_PROPER) | {"once", "recently", "last", "today", "then", "after",
                                  "before", "because", "although", "still", "also", "just",
                                  "later", "who", "when", "was", "is", "had", "has", "said",
                                  "told", "asked", "you", "him", "them"}


def _in(spans, start, end):
    return [s for s in spans if start <= s[0] and s[1] <= end]


def judge(text, low, split, own):
    """[(start, end, label, anchor, details)] for every sentence the rules report.
    label says which rule; details names the kinds of detail found. `low` is the text
    with ASCII letters lowered (same length); split(text) gives the sentence spans, and is
    called only when some sentence could be reported."""
    people = persons(text, own)
    disclosure = [(m.start(), m.end(), text[m.start():m.end()])
                  for m in _DISCLOSURE.finditer(low)]
    named = [(m.start(1), m.end(1), text[m.start():m.end()])
             for m in _CLIENT_NAMED.finditer(low) if text[m.start(1)].isupper()
             and fold(m.group(1)) not in _NOT_A_NAME and fold(m.group(1)) not in own]
    out = []
    if not (people or disclosure or named):
        return out
    for start, end in split(text):
        who = _in(people, start, end)
        cues = _in(disclosure, start, end)
        clients = _in(named, start, end)
        if not (who or cues or clients):
            continue        # no person and nothing from therapy: no rule can apply
        details = {}
        for kind, rx in DETAILS.items():
            inside = [(m.start(), m.end(), m.group()) for m in rx.finditer(text, start, end)
                      if not any(p[0] <= m.start() < p[1] for p in who)]
            if kind in ("a place", "a named workplace"):
                inside = [s for s in inside if _proper_after(s[2])]
            if inside:
                details[kind] = inside
        sentence = text[start:end]
        if clients:
            out.append((start, end, "client", clients[0][2], details))
            continue
        therapy = bool(_THERAPY.search(sentence))
        public = not therapy and _PUBLIC.search(sentence)
        kinds = set(details)
        if who and not public:
            full = [p for p in who if p[3] == "full"]
            initials = [p for p in who if p[3] == "initials"]
            if len(kinds) >= 2:
                out.append((start, end, "person", who[0][2], details))
                continue
            if full and "a diagnosis, medication or health event" in kinds:
                out.append((start, end, "person", full[0][2], details))
                continue
            if initials and kinds:
                out.append((start, end, "person", initials[0][2], details))
                continue
        if cues and not _GENERIC.search(sentence):
            specific = {k: v for k, v in details.items() if k != "a session date or session"
                        or any(not re.search(r"session", s[2], re.I) for s in v)}
            if specific:
                out.append((start, end, "disclosure", cues[0][2], specific))
    return out


def _proper_after(phrase):
    """Whether a place or workplace phrase names something: its first capitalised word is
    not a month, a day or a common word."""
    words = [w for w in re.split(r"[ \t]+", phrase)[1:] if w.lower() not in ("the", "of")]
    return bool(words) and fold(words[0].rstrip("'’s.")) not in _NOT_PROPER \
        and not words[0].isdigit()


# Occupations of the story rules, read in slugs too ("freezing works", "enseignante").
_STORY_OCCUPATION = re.compile(
    r"\b(?:freezing works|works|cook|anchor|barista|vet|paramedic|enseignante?|infirmi[eè]re?|"
    r"pompier|enfermer[oa]|maestr[oa]|polic[ií]a|albañil)\b", re.I)

# --- names in slugs and file names ------------------------------------------------------------
_SLUG_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def judge_name(name, own):
    """The kinds of detail in a slug or file name ("sarah-34-nurse") when it holds a first
    name and at least one more detail (age, occupation, diagnosis); else None."""
    words = [fold(w) for w in _SLUG_WORD.findall(name)]
    named = any(w in NAMES and w not in own for w in words)
    # An age: a number of 1 or 2 digits that no list word follows ("10-tips" is a list).
    age = any(w.isdigit() and 1 <= int(w) <= 99 and len(w) <= 2 and w[0] != "0" and
              (i + 1 == len(words) or words[i + 1] not in _LIST_WORDS)
              for i, w in enumerate(words))
    if not named and not age:
        return None
    spaced = " ".join(words)
    kinds = []
    if age:
        kinds.append("an age")
    for kind in ("an occupation", "a diagnosis, medication or health event",
                 "a family detail"):
        if DETAILS[kind].search(spaced) or kind == "an occupation" and \
                _STORY_OCCUPATION.search(spaced):
            kinds.append(kind)
    if not named:
        # No known first name: an age with an occupation or health detail is enough.
        return kinds if len(kinds) >= 2 else None
    return kinds or None


_LIST_WORDS = set("""tips ways things reasons steps signs questions myths minutes days weeks
months years hours sessions ideas lessons habits facts mistakes books podcasts apps rules
percent per and or to x trucs conseils façons raisons signes étapes jours semaines mois ans
consejos formas razones señales pasos días semanas meses años""".split())
