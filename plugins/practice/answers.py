"""practice.toml: the practice's answers (written by `make setup`), checked and turned into
Pelican settings. The one home of the answer keys, their rules and their defaults.

pelicanconf.py calls `load()` and `settings_from()`; tools/setup.py asks the QUESTIONS and
writes the file with `dump()`. Nothing here needs Pelican.
"""

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

COUNTRIES = {k: v for k, v in json.loads(
    Path(__file__).with_name("countries.json").read_text(encoding="utf-8")).items()
    if not k.startswith("_")}
US_ONLY = ("hipaa_covered_entity", "good_faith_estimate")
# The policy key behind each US-only answer (a page in content/policies/ with `Policy:`).
US_POLICIES = {"hipaa_covered_entity": "notice-of-privacy-practices",
               "good_faith_estimate": "good-faith-estimate"}
DEFAULT_BOOKING_LABEL = "Book a free consultation"


class AnswersError(Exception):
    """practice.toml (or an answer typed in setup) cannot be used; the message says why."""


# key: (kind, required, question in plain words). Order = the file's order and setup's.
KEYS = {
    "practice_name": ("text", True, "The practice's name, as clients should see it"),
    "clinician": ("text", True, "Your name"),
    "credentials": ("text", True, "Your credentials after your name (e.g. MSW, RSW)"),
    "job_title": ("text", True, "Your professional title (e.g. Registered Social Worker)"),
    "country": ("country", True, "Country (US, CA, GB, IE, AU or NZ)"),
    "site_url": ("url", False, "The website's address (e.g. https://mypractice.example)"),
    "email": ("email", False, "Email for scheduling"),
    "phone": ("text", False, "Phone number"),
    "street": ("text", False, "Street address (leave empty for an online-only practice)"),
    "city": ("text", False, "City or town"),
    "region": ("text", False, "State, province or county (short form is fine)"),
    "postal_code": ("text", False, "Postal code"),
    "licensed_in": ("list", False, "Where you are licensed or registered (comma-separated)"),
    "booking_url": ("url", False, "Address of your booking or client portal"),
    "timezone": ("timezone", False, "Time zone (e.g. America/Toronto)"),
    "hipaa_covered_entity": ("bool", False, "Is the practice a HIPAA covered entity "
                             "(it bills insurance electronically)? (yes/no)"),
    "good_faith_estimate": ("bool", False, "Show the Good Faith Estimate notice for "
                            "self-pay clients? (yes/no)"),
    "keep_sample_posts": ("bool", False, "Keep the sample blog posts? (yes/no)"),
    "tagline": ("text", False, "A one-line tagline under the practice's name"),
    "description": ("text", False, "One paragraph describing the practice"),
    "booking_label": ("text", False, "The booking button's label"),
}
REQUIRED = [k for k, (_, required, _) in KEYS.items() if required]


def _where(source, key):
    return f"{source}, {key}" if source else key


def check_value(key, value, source="practice.toml"):
    """The value in the form settings use; raises AnswersError naming the key and the fix."""
    kind = KEYS[key][0]
    where = _where(source, key)
    if kind == "bool":
        if not isinstance(value, bool):
            raise AnswersError(f"{where} is {value!r}: write true or false (no quotes).")
        return value
    if kind == "list":
        if isinstance(value, str):
            value = [part for part in value.split(",")]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AnswersError(f'{where} must be a list of places, e.g. ["Ontario"].')
        return [" ".join(v.split()) for v in value if v.strip()]
    if not isinstance(value, str):
        raise AnswersError(f'{where} must be text in double quotes, e.g. {key} = "...".')
    value = " ".join(value.split())
    if kind == "country":
        code = value.upper()
        if code not in COUNTRIES:
            raise AnswersError(f"{where} is {value!r}. Allowed values: "
                               f"{', '.join(COUNTRIES)}.")
        return code
    if not value:
        return value
    if kind == "url":
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.hostname or " " in value:
            raise AnswersError(f"{where} is {value!r}: write the full address starting with "
                               "https://, e.g. https://mypractice.example")
        return value.rstrip("/") if key == "site_url" else value
    if kind == "email":
        if not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}", value):
            raise AnswersError(f"{where} is {value!r}: write one address, like "
                               "hello@mypractice.example")
        return value
    if kind == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise AnswersError(f"{where} is {value!r}, which is not a time zone name. Use "
                               "the Area/City form, e.g. America/Toronto or Europe/London.")
        return value
    return value


def check(raw, source="practice.toml"):
    """Every answer checked, defaults filled in; raises AnswersError listing every problem."""
    problems, answers = [], {}
    if not isinstance(raw, dict):
        raise AnswersError(f"{source} must hold `key = value` lines.")
    for key in raw:
        if key not in KEYS:
            problems.append(f"{_where(source, key)} is not a known answer. Known answers: "
                            f"{', '.join(KEYS)}. Correct its spelling or delete the line.")
    for key in REQUIRED:
        if raw.get(key) in (None, ""):
            problems.append(f"{_where(source, key)} is missing: it is required. "
                            f"Add a line: {key} = \"...\" ({KEYS[key][2]}).")
    for key, value in raw.items():
        if key in KEYS and value not in (None, ""):
            try:
                answers[key] = check_value(key, value, source)
            except AnswersError as error:
                problems.append(str(error))
    country = answers.get("country")
    if country and country != "US":
        for key in US_ONLY:
            if answers.get(key):
                problems.append(f"{_where(source, key)} is true, but it applies only to US "
                                f"practices and country is {country}. Delete the line or "
                                "set it to false.")
    if answers.get("phone") and country:
        try:
            answers["phone_link"] = phone_link(answers["phone"], country)
        except AnswersError as error:
            problems.append(f"{_where(source, 'phone')}: {error}")
    if problems:
        raise AnswersError("\n".join(problems))
    return with_defaults(answers)


def phone_link(phone, country):
    """The number in international form for tel: links (+14165550199)."""
    import phonenumbers  # phonenumberslite, pinned in requirements.txt
    try:
        number = phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise AnswersError(f"{phone!r} is not a phone number in {COUNTRIES[country]['name']}. "
                           "Write it as clients would dial it, e.g. +1 416 555 0199.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def with_defaults(answers):
    out = dict(answers)
    us = out.get("country") == "US"
    out.setdefault("hipaa_covered_entity", False)
    # The No Surprises Act expects the notice from US providers: on unless turned off.
    out.setdefault("good_faith_estimate", us)
    out.setdefault("keep_sample_posts", False)
    out.setdefault("licensed_in", [])
    if out.get("country") and not out.get("timezone"):
        out["timezone"] = COUNTRIES[out["country"]]["timezone"]
    return out


def load(path):
    """The checked answers in the TOML file at `path`."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise AnswersError(f"{path} is not saved as UTF-8. Save it as UTF-8 and try again.")
    except tomllib.TOMLDecodeError as error:
        raise AnswersError(f"{path} cannot be read: {error}. Each line is key = value, "
                           'with text in double quotes, e.g. city = "Toronto".')
    return check(raw, str(path))


def policies_off(answers):
    """The US-only policy keys this practice does not publish."""
    us = answers["country"] == "US"
    return [policy for key, policy in US_POLICIES.items() if not (us and answers.get(key))]


def settings_from(answers):
    """The Pelican settings these answers decide."""
    places = answers.get("licensed_in") or []
    where = " and ".join([", ".join(places[:-1]), places[-1]] if len(places) > 1 else places)
    description = answers.get("description") or (
        f"{answers['practice_name']}: therapy with {answers['clinician']}, "
        f"{answers['credentials']}" + (f", for clients in {where}." if where else "."))
    practice = {
        "name": answers["practice_name"],
        "clinician": answers["clinician"],
        "credentials": answers["credentials"],
        "job_title": answers["job_title"],
        "description": description,
        "phone": answers.get("phone", ""),
        "phone_link": answers.get("phone_link", ""),
        "email": answers.get("email", ""),
        "street": answers.get("street", ""),
        "city": answers.get("city", ""),
        "region": answers.get("region", ""),
        "postal_code": answers.get("postal_code", ""),
        "country": answers["country"],
        "booking_url": answers.get("booking_url", ""),
        "booking_label": answers.get("booking_label") or DEFAULT_BOOKING_LABEL,
        "licensed_in": places,
        "social": {},
    }
    return {
        "SITENAME": answers["practice_name"],
        "SITESUBTITLE": answers.get("tagline") or "Therapy in person and online",
        "AUTHOR": f"{answers['clinician']}, {answers['credentials']}",
        "TIMEZONE": answers["timezone"],
        "PRACTICE": practice,
        "EMERGENCY_REGION": answers["country"],
        "SITE_URL_ANSWER": answers.get("site_url", ""),
        "PRACTICE_US_POLICIES_OFF": policies_off(answers),
    }


def _toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(str(value), ensure_ascii=False)


def dump(answers):
    """TOML text for the answers, in KEYS order, each with its question as a comment."""
    lines = ["# Your practice's details, written by `make setup`. Edit here or run",
             "# `make setup` again; every page reads them from here. docs/setup.md explains",
             "# each line.", ""]
    for key, (_, _, question) in KEYS.items():
        if key in answers and answers[key] not in ("", None, []):
            lines.append(f"# {question}")
            lines.append(f"{key} = {_toml_value(answers[key])}")
    return "\n".join(lines) + "\n"
