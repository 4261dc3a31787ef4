"""Dates are written year-month-day, and nothing else is guessed.

Pelican hands any `Date:` to dateutil, which reads `03/11/2026` as March 11 even when the
writer meant 3 November, as Canadians, Britons and most of the world write it. So only the
ISO order is accepted, by fixed-format parsing (datetime.strptime), and anything else is
refused with the ISO spelling of every reading dateutil can find.
"""

import datetime

import dateutil.parser

# year-month-day, an optional time (space or "T"), an optional UTC offset ("Z", "+02:00").
_DAY = "%Y-%m-%d"
_TIMES = ("", " %H:%M", " %H:%M:%S", "T%H:%M", "T%H:%M:%S")
_OFFSETS = ("", "%z")
FORMATS = tuple(_DAY + t + z for t in _TIMES for z in _OFFSETS if t or not z)


def parse_iso(value):
    """The datetime for a year-month-day value, or None for any other spelling.

    strptime accepts `2026-5-1`; that is still year-month-day, so it is accepted too. Two-
    digit years are not: `26-05-01` could be any century and any order.
    """
    text = " ".join(str(value).split())
    if len(text.split("-", 1)[0]) != 4:
        return None
    for fmt in FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def readings(value):
    """ISO spellings of what `value` may mean, each with the reading in words.

    [] when dateutil cannot read it at all. Both month-first and day-first are tried, and
    year-first for `2026/03/11`, so an ambiguous date shows every reading.
    """
    text = " ".join(str(value).split())
    found = {}
    for dayfirst, yearfirst in ((False, False), (True, False), (False, True)):
        try:
            parsed = dateutil.parser.parse(text, dayfirst=dayfirst, yearfirst=yearfirst,
                                           default=datetime.datetime(2000, 1, 1))
        except (ValueError, OverflowError, TypeError):
            continue
        found.setdefault(iso(parsed, _has_time(text)), parsed)
    return [(spelled, f"{p.day} {p.strftime('%B')} {p.year}") for spelled, p in found.items()]


def _has_time(text):
    return ":" in text


def iso(moment, with_time=True):
    spelled = moment.strftime(_DAY)
    if with_time and (moment.hour or moment.minute or moment.second):
        spelled += moment.strftime(" %H:%M" if not moment.second else " %H:%M:%S")
    return spelled


def refusal(value):
    """(message, fix) for a date that is not year-month-day."""
    options = readings(value)
    if not options:
        return (f"\"{value}\" is not a date",
                "write it as year-month-day and, if you like, the time: \"2026-05-01\" or "
                "\"2026-05-01 09:00\"")
    if len(options) == 1:
        spelled, words = options[0]
        return (f"\"{value}\" is not written year-month-day, so the site will not guess "
                f"what it means", f"if you mean {words}, write \"{spelled}\"")
    choices = " or ".join(f"\"{spelled}\" ({words})" for spelled, words in options)
    return (f"\"{value}\" can be read in {len(options)} ways, so the site will not guess",
            f"write it year-month-day: {choices}")
