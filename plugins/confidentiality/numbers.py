"""Phone numbers and national ID or health numbers in text.

Phone numbers are found by libphonenumber's own matcher (the `phonenumbers` package; the
"lite" build has the same matcher without the geocoding data), trying the practice's
country first and then the other supported countries. ID numbers are recognised by their
published formats *and* check digits: python-stdnum for the US SSN, Canadian SIN, BC PHN,
UK NHS number, Irish PPS, Australian TFN and NZ IRD number; our own rules below for the
Ontario health card, the Australian Medicare card and the NZ NHI, which stdnum lacks.
"""

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberType
from stdnum import luhn
from stdnum.au import tfn
from stdnum.ca import bc_phn, sin
from stdnum.gb import nhs
from stdnum.ie import pps
from stdnum.nz import ird
from stdnum.us import ssn

COUNTRIES = ("US", "CA", "GB", "IE", "AU", "NZ")
# Where French and Spanish posts come from: their numbers are read too, after the six.
MORE_REGIONS = ("FR", "BE", "CH", "ES", "MX", "AR", "CO", "CL", "PE")


def known_region(code):
    return code in phonenumbers.SUPPORTED_REGIONS

# Numbers that belong to organisations, never to a private person: free-call, shared-cost
# (AU 13/1300), premium and the UK's 03 "UAN" numbers.
PUBLIC_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST,
                PhoneNumberType.PREMIUM_RATE, PhoneNumberType.UAN}

# Where a phone number could start: seven or more digits close together. The matcher runs
# only on a window around each such run, which keeps the scan fast on long posts.
_DIGIT_RUN = re.compile(r"\+?\(?\d(?:[\s().\-/]{0,3}\d){6,}")


# --- our own ID rules -------------------------------------------------------------------

def ontario_health_card(digits):
    """Ontario health card: 10 digits whose last is a Luhn (mod 10) check digit; a one- or
    two-letter version code may follow."""
    return len(digits) == 10 and digits[0] != "0" and luhn.is_valid(digits)


def au_medicare(digits):
    """Australian Medicare card: 10 digits (an 11th, the person's position on the card, may
    follow). The first is 2-6; the ninth is the check digit: the first eight weighted
    1, 3, 7, 9, 1, 3, 7, 9, summed, mod 10."""
    if len(digits) not in (10, 11) or digits[0] not in "23456":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], (1, 3, 7, 9, 1, 3, 7, 9)))
    return total % 10 == int(digits[8])


_NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"      # I and O are never used


def _nhi_value(char):
    return _NHI_LETTERS.index(char) + 1 if char.isalpha() else int(char)


def nz_nhi(code):
    """NZ National Health Index number. Old format AAANNNC: three letters (no I or O),
    three digits and a mod-11 check digit. New format (from 2022) AAANNAX: three letters,
    two digits, a letter and a mod-23 check letter. Weights 7 to 2 over the first six."""
    code = code.upper()
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}(?:\d{4}|\d{2}[A-HJ-NP-Z]{2})", code):
        return False
    total = sum(_nhi_value(c) * w for c, w in zip(code[:6], (7, 6, 5, 4, 3, 2)))
    if code[6].isdigit():
        if total % 11 == 0:
            return False
        return (11 - total % 11) % 10 == int(code[6])
    if total % 23 == 0:
        return False
    return _NHI_LETTERS[23 - total % 23 - 1] == code[6]


# --- candidates in text -------------------------------------------------------------------

# (name, pattern, validator of the digits or code). Separators are a space or a hyphen,
# as the numbers are printed on cards and letters. Order: the most specific first.
_SEP = r"[ \-]?"
ID_RULES = [
    ("a US Social Security number", re.compile(r"(?<![\w-])\d{3}[ -]\d{2}[ -]\d{4}(?![\w-])"),
     lambda d: ssn.is_valid(d)),
    ("an Australian Medicare number", re.compile(
        rf"(?<![\w-])[2-6]\d{{3}}{_SEP}\d{{5}}{_SEP}\d(?:[ \-/]?\d)?(?![\w-])"), au_medicare),
    ("an Ontario health card number", re.compile(
        rf"(?<![\w-])\d{{4}}{_SEP}\d{{3}}{_SEP}\d{{3}}(?:[ -]?[A-Z]{{2}})?(?![\w-])"),
     ontario_health_card),
    ("a British Columbia health number (PHN)", re.compile(
        rf"(?<![\w-])9\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}(?![\w-])"), lambda d: bc_phn.is_valid(d)),
    ("an NHS number", re.compile(rf"(?<![\w-])\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{4}}(?![\w-])"),
     lambda d: nhs.is_valid(d)),
    ("a Canadian Social Insurance Number", re.compile(
        rf"(?<![\w-])\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}(?![\w-])"), lambda d: sin.is_valid(d)),
    ("an Australian Tax File Number", re.compile(
        rf"(?<![\w-])\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{2,3}}(?![\w-])"), lambda d: tfn.is_valid(d)),
    ("a New Zealand IRD number", re.compile(
        rf"(?<![\w-])\d{{2,3}}{_SEP}\d{{3}}{_SEP}\d{{3}}(?![\w-])"), lambda d: ird.is_valid(d)),
    ("an Irish PPS number", re.compile(r"(?<![\w-])\d{7}[A-W][A-IW]?(?![\w-])"),
     lambda d: pps.is_valid(d)),
    ("a New Zealand NHI number", re.compile(
        r"(?<![\w-])[A-HJ-NP-Z]{3}(?:\d{4}|\d{2}[A-HJ-NP-Z]{2})(?![\w-])"), nz_nhi),
]


_ID_LIKE = re.compile(r"\d(?:[ \-/]?\d){6}|[A-Z]{3}\d{2}")
_WITH_LETTERS = {"an Irish PPS number", "a New Zealand NHI number"}


def find_ids(text, skip=()):
    """[(start, end, kind)] for every ID-shaped number whose check digits are right, outside
    the `skip` spans (public phone numbers: 1800 247 247 passes the Luhn check too)."""
    if not _ID_LIKE.search(text):
        return []                  # most posts: no number long enough to be an ID
    found = [(s, e, None) for s, e in skip]
    for kind, pattern, valid in ID_RULES:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _ in found):
                continue
            # PPS and NHI carry letters in their check; the others are judged on digits.
            raw = m.group()
            key = raw if kind in _WITH_LETTERS else re.sub(r"\D", "", raw)
            if valid(key):
                found.append((m.start(), m.end(), kind))
    return [f for f in found if f[2]]


def _key(number):
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def allowed_keys(strings, country):
    """E.164 keys of every phone number inside `strings` (settings text, crisis lines)."""
    keys = set()
    for text in strings:
        if sum(c.isdigit() for c in text) < 3:
            continue                 # a name, a note, a web address: no number in it
        for region in (country, *COUNTRIES, *MORE_REGIONS):
            try:
                for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE):
                    keys.add(_key(m.number))
            except Exception:  # noqa: BLE001 - a settings value the matcher cannot read
                pass
        digits = re.sub(r"\D", "", text)
        if digits:
            keys.add("digits:" + digits)
    return keys


def find_phones(text, country, allowed):
    """([(start, end, raw)], [(start, end)]): the phone numbers in `text` that are neither
    public nor allowed, and the spans of those that are (so no other rule reads them as an
    ID number)."""
    regions = (country, *(c for c in COUNTRIES + MORE_REGIONS if c != country))
    found, fine, last_end = [], [], -1
    for run in _DIGIT_RUN.finditer(text):
        if run.start() < last_end:
            continue
        lo, hi = max(0, run.start() - 4), min(len(text), run.end() + 4)
        window = text[lo:hi]
        best = None
        for leniency in (Leniency.STRICT_GROUPING, Leniency.POSSIBLE):
            for region in regions:
                for m in phonenumbers.PhoneNumberMatcher(window, region, leniency=leniency):
                    # A merely possible number counts only when written as phone numbers
                    # are (+44 ..., 07700 ...), not a reference like 2024-0117-33.
                    if leniency is Leniency.POSSIBLE and not m.raw_string.lstrip("(")[:1] in "+0":
                        continue
                    if best is None or len(m.raw_string) > len(best.raw_string):
                        best = m
                if best is not None:
                    break
            if best is not None:
                break
        last_end = run.end()
        if best is None:
            continue
        number = best.number
        start = lo + best.start
        span = (start, start + len(best.raw_string))
        last_end = max(last_end, span[1])
        digits = phonenumbers.national_significant_number(number)
        if len(digits) < 7:
            continue                     # short codes: crisis lines, text services
        if phonenumbers.is_valid_number(number) and \
                phonenumbers.number_type(number) in PUBLIC_TYPES or _key(number) in allowed \
                or "digits:" + re.sub(r"\D", "", best.raw_string) in allowed:
            fine.append(span)
            continue
        found.append((*span, best.raw_string))
    return found, fine


def digits_allowed(digits, country, allowed):
    """Whether a phone number written in words or spaced out (its digits) is public or
    allowed: the practice's own, a crisis line, or a free-call number."""
    if "digits:" + digits in allowed:
        return True
    for region in (country, *COUNTRIES, *MORE_REGIONS):
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if _key(number) in allowed or phonenumbers.is_valid_number(number) and \
                phonenumbers.number_type(number) in PUBLIC_TYPES:
            return True
    return False


def is_phone(number):
    """Whether `number` ("+447700900461") is a possible phone number anywhere."""
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(number, None))
    except phonenumbers.NumberParseException:
        return False


def valid_in(raw, country):
    """Whether `raw` is a valid phone number of `country` (its area codes and lengths)."""
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and \
        phonenumbers.region_code_for_number(number) == country
