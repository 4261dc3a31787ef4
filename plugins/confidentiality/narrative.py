"""The names list, and the rules for names in slugs, URLs and file names.

`first_names.txt` holds common first names of the six countries, French- and
Spanish-speaking ones (story.py reads them; it also finds names the list lacks from the
text's own evidence), and `common_words.txt` the everyday words of English, French and
Spanish (from a word-frequency list), against which a capitalised word is proper-noun
evidence. `judge_name` reports a slug or file name that describes a person
("sarah-34-nurse", "karl-52-freezing-works"). The sentence rules are in story.py.
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

EVERYDAY_FILE = Path(__file__).with_name("common_words.txt")


def load_everyday(path=EVERYDAY_FILE):
    """The folded everyday words of English, French and Spanish (common_words.txt, made
    by make_common_words.py from a word-frequency list): a capitalised word that is none
    of them is proper-noun evidence ("Jarrah", "Yesenia"); one that is ("Tank", "Hope")
    is a name only on stronger evidence."""
    return frozenset(line.strip() for line in Path(path).read_text(encoding="utf-8")
                     .splitlines() if line.strip() and not line.startswith("#"))


EVERYDAY = load_everyday()

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
        r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[ \t]+"
        r"\d{1,2}(?:st|nd|rd|th)?\b"
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
