"""Phone numbers and emails written so that a plain search would not see them.

    "sarah dot jenkins1990 at gmail dot com"          -> sarah.jenkins1990@gmail.com
    "sophie point lavoie88 arobase gmail point com"   -> sophie.lavoie88@gmail.com
    "oh seven seven double oh nine hundred four six one" -> 07700900461
    "zéro six, douze, trente-quatre, cinquante-six"   -> 06123456
    "tres tres, cinco cinco, cinco cero"              -> 335550
    "0 2 1 5 5 5 0 1 9 3"                             -> 0215550193

Each is found in the original text (so the finding quotes what the writer wrote) and
given in its normal form (so the practice's own details and Confidential-ok still match).
English, French and Spanish number words are read in every text.

Before any rule reads a text, `visible` gives it as a reader sees it: look-alike and
full-width characters as their plain form ("＠" is "@", "０７７" is "077"), invisible
characters removed (a zero-width space inside "07700\u200b900461" or "Sa\u00adrah"), digits of
other scripts as 0-9, and an O or l among digits as the digit it stands for ("O77OO
9OO461").
"""

import re
import unicodedata

# Characters a reader never sees: format characters (zero-width space and joiners, soft
# hyphen, direction marks, the byte-order mark), which split a number or a name for a
# pattern but not for the eye.
_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                        r"\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff"
                        r"\uffa0]")
# A run of digits with an O, o, I or l standing in for 0 or 1: at least two real digits,
# so a word ("Oil", "lo") is never read as a number.
_LOOKALIKE_RUN = re.compile(r"(?<![^\W\d_])(?=(?:[OoIl]*\d){2})[\dOoIl]{4,}(?![^\W\d_])")
_LOOKALIKE = str.maketrans("OoIl", "0011")
_DIGITS = None


def _digit_table():
    """Every decimal digit of another script (Arabic-Indic, Devanagari...) as 0-9."""
    global _DIGITS
    if _DIGITS is None:
        _DIGITS = {c: str(unicodedata.decimal(chr(c))) for c in range(0x80, 0x10000)
                   if unicodedata.category(chr(c)) == "Nd"}
    return _DIGITS


def visible(text):
    """`text` as a reader sees it: NFKC (full-width and compatibility forms as their plain
    characters), invisible characters removed, every script's digits as 0-9, O/l among
    digits as 0/1. Plain ASCII text comes back unchanged at once."""
    if text.isascii():
        if not _LOOKALIKE_RUN.search(text):
            return text
        return _LOOKALIKE_RUN.sub(lambda m: m.group().translate(_LOOKALIKE), text)
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = text.translate(_digit_table())
    return _LOOKALIKE_RUN.sub(lambda m: m.group().translate(_LOOKALIKE), text)


_TLD = (r"com|org|net|edu|gov|info|biz|io|co|ca|uk|ie|au|nz|us|fr|es|mx|ar|be|ch|cl|pe|me|"
        r"example|mil|name|email|online")
_OPEN, _CLOSE = r"(?:[(\[{<][ \t]*)?", r"(?:[ \t]*[)\]}>])?"
_AT = rf"[ \t]*{_OPEN}(?:at|arobase|arroba|chez|@){_CLOSE}[ \t]*"
_DOT = rf"[ \t]*{_OPEN}(?:dot|point|punto|pto|\.){_CLOSE}[ \t]*"
_PART = r"[A-Za-z0-9_+\-]+"
EMAIL = re.compile(
    rf"(?<![\w.@])({_PART}(?:{_DOT}{_PART})*){_AT}({_PART}(?:{_DOT}{_PART})*?){_DOT}({_TLD})\b",
    re.I)
_SPOKEN = re.compile(r"\b(?:at|arobase|arroba|chez|dot|point|punto|pto)\b|[(\[{<]", re.I)


def emails(text):
    """[(start, end, written, normal)] for emails written with words or brackets."""
    if not _SPOKEN.search(text):
        return []
    out = []
    for m in EMAIL.finditer(text):
        written = m.group()
        if "@" in written and not re.search(r"\b(?:dot|point|punto|pto)\b|[(\[{<]", written,
                                            re.I):
            continue                                  # a plain email: scan.py reports it
        if not _SPOKEN.search(written):
            continue
        if not re.search(r"\b(?:dot|point|punto|pto)\b|[(\[{<]|@|arobase|arroba", written,
                         re.I) and not re.search(r"[._\d+]", m.group(1)):
            continue              # "search by country at findahelpline.com": a website
        local = re.sub(_DOT, ".", m.group(1), flags=re.I)
        domain = re.sub(_DOT, ".", m.group(2), flags=re.I)
        out.append((m.start(), m.end(), written, f"{local}@{domain}.{m.group(3)}".lower()))
    return out


# --- numbers in words ---------------------------------------------------------------------
_UNITS = {
    # English
    "zero": 0, "oh": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # French
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80, "octante": 80,
    "nonante": 90,
    # Spanish
    "cero": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}
_UNITS.update({f"veinti{k}": 20 + v for k, v in
               (("uno", 1), ("dós", 2), ("dos", 2), ("trés", 3), ("tres", 3), ("cuatro", 4),
                ("cinco", 5), ("séis", 6), ("seis", 6), ("siete", 7), ("ocho", 8),
                ("nueve", 9))})
_REPEAT = {"double": 2, "triple": 3, "doble": 2, "triple(s)": 3}
_HUNDRED = {"hundred", "cent", "cents", "cien", "ciento"}
_JOINERS = {"and", "et", "y"}
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")
_GAP = re.compile(r"[ \t,.\-–/()]{0,4}")


def _word_value(word):
    """The number a word says ("trente-quatre" 34, "quatre-vingt-dix" 90), or None."""
    word = word.lower()
    if word in _UNITS:
        return _UNITS[word]
    parts = word.split("-")
    if len(parts) < 2:
        return None
    total, i = 0, 0
    while i < len(parts):
        if parts[i] == "quatre" and i + 1 < len(parts) and parts[i + 1] in ("vingt", "vingts"):
            total, i = total + 80, i + 2
            continue
        if parts[i] == "et":
            i += 1
            continue
        if parts[i] not in _UNITS:
            return None
        total, i = total + _UNITS[parts[i]], i + 1
    return total if total < 100 else None


def _digits(value):
    return str(value) if value >= 10 else str(value)


def numbers(text):
    """[(start, end, written, digits)] for runs of seven or more digits written in words,
    mixed words and digits, or spaced out one digit at a time."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    out, i = [], 0
    while i < len(tokens):
        run, digits, words, j, repeat = [], "", 0, i, 1
        last_tens = False
        while j < len(tokens):
            start, end, tok = tokens[j]
            if run and not _GAP.fullmatch(text[run[-1][1]:start]):
                break
            low = tok.lower()
            if tok.isdigit() and len(tok) <= 4:
                digits += tok * repeat
                repeat, last_tens = 1, False
            elif low in _REPEAT:
                repeat = _REPEAT[low]
                words += 1
            elif low in _HUNDRED and digits:
                digits += "00"
                words += 1
            elif low in _JOINERS and last_tens and j + 1 < len(tokens) and \
                    (_word_value(tokens[j + 1][2]) or 10) < 10:
                value = _word_value(tokens[j + 1][2])
                digits = digits[:-1] + str(value)        # "treinta y cuatro" -> 34
                run.append((start, tokens[j + 1][1]))
                j += 2
                last_tens = False
                continue
            else:
                value = _word_value(tok)
                if value is None:
                    break
                digits += _digits(value) * repeat
                repeat, words = 1, words + 1
                last_tens = value >= 20 and value % 10 == 0
            run.append((start, end))
            j += 1
        spaced = len(run) >= 7 and words == 0 and all(e - s == 1 for s, e in run)
        # One number word is enough when it is glued to a digit ("0seven7 00 900 461"):
        # nobody writes that except to hide a number.
        glued = words == 1 and any(a[1] == b[0] for a, b in zip(run, run[1:]))
        if len(digits) >= 7 and (words >= 2 or spaced or glued):
            start, end = run[0][0], run[-1][1]
            out.append((start, end, text[start:end], digits))
            i = j
        else:
            i += 1
    return out


# A phone number inside a chat or call link, written without its "+" ("wa.me/447700900461",
# "api.whatsapp.com/send?phone=447700900461", "viber://chat?number=...").
_LINK_NUMBER = re.compile(
    r"(?:wa\.me/|whatsapp\.com/send/?\?(?:[\w%]+=[^&\s]*&)*phone=|[?&](?:phone|number|tel|"
    r"mobile|to)=|t\.me/|signal\.me/#p/)(\+|%2[bB])?(\d{8,15})(?!\d)")


def link_numbers(text):
    """[(start, end, written, number)] for phone numbers in chat and call links; `number`
    starts with "+" (such links always give the country code)."""
    if not ("=" in text or ".me/" in text):
        return []
    return [(m.start(2), m.end(2), m.group(2), "+" + m.group(2))
            for m in _LINK_NUMBER.finditer(text)]
