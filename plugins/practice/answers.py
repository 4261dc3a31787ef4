"""practice.toml: the practice's answers (written by `make setup`), checked and turned into
Pelican settings. The one home of the answer keys, their rules and their defaults.

pelicanconf.py calls `load()` and `settings_from()`; tools/practice_setup.py asks the QUESTIONS and
writes the file with `dump()`. Nothing here needs Pelican.

`countries` is the region data of the emergency_notice plugin (its regions.json, the one
source of every country's facts and words: crisis lines, privacy law, the emergency
department's name, licensed or registered...). The callers load it with that plugin's
`regions.load_regions()` and pass it in: plugins do not import each other.
"""

import gettext
import json
import os
import re
import tomllib
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

US_ONLY = ("hipaa_covered_entity", "good_faith_estimate")
# The policy key behind each US-only answer (a page in content/policies/ with `Policy:`).
US_POLICIES = {"hipaa_covered_entity": "notice-of-privacy-practices",
               "good_faith_estimate": "good-faith-estimate"}


def N_(text):
    """Marks text for the catalogs: the sentences the kit writes from the answers, kept
    in English here and translated in the page's language where a page is written
    (placeholders.py, from the languages plugin's GETTEXT)."""
    return text


ENGLISH = gettext.NullTranslations()  # the source text
DEFAULT_BOOKING_LABEL = N_("Book a free consultation")
DEFAULT_SUBTITLE = N_("Therapy in person and online")


class PracticeError(Exception):
    """The plugin's one error (docs/plugin-contract.md); `.findings` holds every problem
    as a finding dict, the message says the same in words. Two ways to make it:

    - `PracticeError(message, source)`: practice.toml (`source`, or an answer typed in
      setup) cannot be used; the message says why, one problem a line, each naming the key;
    - `PracticeError(findings=[...])`: problems found in the content (a placeholder no
      answer fills, a clinician's photo that is not there), the message made from them.
    """

    def __init__(self, message="", source="practice.toml", findings=None):
        if findings is None:
            findings = [
                {"check": "practice", "file": str(source), "line": 0, "field": "",
                 "what": line.removeprefix(f"{source}, ").removeprefix(f"{source} "),
                 "fix": f"Correct it in {source} (or run make setup again), then build "
                        "again.", "page": ""}
                for line in message.splitlines() if line.strip()]
        elif not message:
            message = "\n".join(
                f"{f['file']}" + (f", line {f['line']}" if f["line"] else "")
                + (f", {f['field']}" if f["field"] else "") + f": {f['what']} {f['fix']}"
                for f in findings)
        super().__init__(message)
        self.findings = findings


# key: (kind, required, question in plain words). Order = the file's order and setup's.
# A question's {example} is filled from the country's words and setup examples. Setup
# asks them in the language chosen first (the catalogs' translations; N_ marks them).
KEYS = {
    "practice_name": ("text", True, N_("The practice's name, as clients should see it")),
    "country": ("country", True, N_("Country (US, CA, GB, IE, AU or NZ)")),
    "site_url": ("url", False, N_("The website's address (e.g. https://mypractice.example)")),
    "email": ("email", False, N_("Email for scheduling")),
    "phone": ("text", False, N_("Phone number")),
    "street": ("text", False, N_("Street address (leave empty for an online-only practice)")),
    "city": ("text", False, N_("City or town")),
    "region": ("text", False, N_("State, province or county (short form is fine)")),
    "postal_code": ("text", False, N_("Postal code")),
    "booking_url": ("url", False, N_("Address of the practice's {booking_place}")),
    "timezone": ("timezone", False, N_("Time zone (e.g. {timezone})")),
    "languages": ("languages", False, N_("The website's languages, the main one first "
                  "(en, fr, es; e.g. fr, en)")),
    "hipaa_covered_entity": ("bool", False, N_("Is the practice a HIPAA covered entity "
                             "(it bills insurance electronically)? (yes/no)")),
    "good_faith_estimate": ("bool", False, N_("Show the Good Faith Estimate notice for "
                            "self-pay clients? (yes/no)")),
    "keep_sample_posts": ("bool", False, N_("Keep the sample blog posts? (yes/no)")),
    "tagline": ("text", False, N_("A one-line tagline under the practice's name")),
    "description": ("text", False, N_("One paragraph describing the practice")),
    "booking_label": ("text", False, N_("The booking button's label")),
    # Required where the region data says so (Québec); shown on the privacy and contact
    # pages ({{ privacy_officer }}) and on a footer line.
    "privacy_officer": ("text", False, N_("{privacy_officer_label}: their title (e.g. Director, "
                        "Sophie Tremblay)")),
    "privacy_officer_contact": ("text", False, N_("{privacy_officer_label}: how to reach them "
                                "(email, phone or address)")),
}
# One [[clinicians]] table per clinician (a solo practice has one), in this order.
CLINICIAN_KEYS = {
    "name": ("text", True, N_("Name, as clients should see it")),
    "pronouns": ("text", False, N_("Pronouns (e.g. she/her)")),
    "credentials": ("text", True, N_("Credentials after the name (e.g. {credentials})")),
    "job_title": ("text", True, N_("Professional title (e.g. {job_title})")),
    "registrations": ("registrations", False, N_("Registrations, as body: number, separated "
                      "by ; (e.g. {registration})")),
    "practises_in": ("list", False, N_("Where they may practise (comma-separated)")),
    "languages": ("list", False, N_("Languages they work in (comma-separated)")),
    "booking_url": ("url", False, N_("Their own booking address (empty: the practice's)")),
    "photo": ("text", False, N_("Photo, a file in content/images/ (e.g. images/sam.jpg)")),
    "photo_alt": ("text", False, N_("What the photo shows, for people who cannot see it")),
    "bio": ("text", False, N_("A short bio (one or two sentences)")),
    # Asked by setup like a required answer; a file without it still builds, with a note.
    "accepting_new_clients": ("bool", True, N_("Accepting new clients? (yes/no)")),
}
# The single-clinician form from before groups: top-level key -> [[clinicians]] key.
LEGACY = {"clinician": "name", "credentials": "credentials", "job_title": "job_title",
          "licensed_in": "practises_in"}
REQUIRED = [k for k, (_, required, _) in KEYS.items() if required]
CLINICIAN_REQUIRED = [k for k, (_, required, _) in CLINICIAN_KEYS.items() if required]


def _where(source, key):
    return f"{source}, {key}" if source else key


# What a typed answer can get wrong, in words setup says in its language (`t`).
BAD_COUNTRY = N_("%(where)s is %(value)s. Allowed values: %(codes)s.")
BAD_URL = N_("%(where)s is %(value)s: write the full address starting with https://, e.g. "
             "https://mypractice.example")
BAD_EMAIL = N_("%(where)s is %(value)s: write one address, like hello@mypractice.example")
BAD_TIMEZONE = N_("%(where)s is %(value)s, which is not a time zone name. Use the "
                  "Area/City form, e.g. America/Toronto or Europe/London.")
BAD_LANGUAGE = N_("%(where)s has %(value)s, which is not a supported language. Supported: "
                  "%(codes)s (the main one first, e.g. [\"fr\", \"en\"]).")
NO_LANGUAGE = N_("%(where)s is empty: give at least one language, e.g. [\"en\"].")
BAD_REGISTRATIONS = N_("%(where)s must be a list of registrations, e.g. registrations = "
                       "[{ body = \"Ahpra\", number = \"PSY0001234567\" }] (typed in setup "
                       "as \"Ahpra: PSY0001234567\").")


def check_value(key, value, source="practice.toml", keys=None, countries=None, t=None):
    """The value in the form settings use; raises PracticeError naming the key and the fix.
    `keys` is KEYS (default) or CLINICIAN_KEYS; `countries` is needed for the country;
    `t` the translations of setup's language for a typed answer (default English)."""
    t = t or ENGLISH
    kind = (keys or KEYS)[key][0]
    where = _where(source, key)
    if kind == "bool":
        if not isinstance(value, bool):
            raise PracticeError(f"{where} is {value!r}: write true or false (no quotes).")
        return value
    if kind == "list":
        if isinstance(value, str):
            value = [part for part in value.split(",")]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PracticeError(f'{where} must be a list, e.g. ["Ontario"].')
        return [" ".join(v.split()) for v in value if v.strip()]
    if kind == "registrations":
        return _registrations(value, where, t)
    if kind == "languages":
        return _languages(value, where, t)
    if not isinstance(value, str):
        raise PracticeError(f'{where} must be text in double quotes, e.g. {key} = "...".')
    value = " ".join(value.split())
    if kind == "country":
        code = value.upper()
        codes = [k for k, v in countries.items() if not v.get("inherits")]
        if code not in codes:
            raise PracticeError(t.gettext(BAD_COUNTRY) % {
                "where": where, "value": repr(value), "codes": ", ".join(codes)})
        return code
    if not value:
        return value
    if kind == "url":
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.hostname or " " in value:
            raise PracticeError(t.gettext(BAD_URL) % {"where": where, "value": repr(value)})
        return value.rstrip("/") if key == "site_url" else value
    if kind == "email":
        if not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}", value):
            raise PracticeError(t.gettext(BAD_EMAIL) % {"where": where, "value": repr(value)})
        return value
    if kind == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PracticeError(t.gettext(BAD_TIMEZONE) % {"where": where,
                                                            "value": repr(value)})
        return value
    return value


# The website's languages and, for each, its regional form in the practice's country:
# the pages' lang and og:locale, the dates' format and the theme's spelling (English
# outside the US takes the en-GB catalog's; see docs/languages.md). The one table.
LOCALES = {
    "en": {"US": "en_US", "CA": "en_CA", "GB": "en_GB", "IE": "en_IE", "AU": "en_AU",
           "NZ": "en_NZ"},
    "fr": {"CA": "fr_CA", "*": "fr_FR"},   # Canadian French in Canada, else France's
    "es": {"US": "es_US", "*": "es_ES"},   # US Spanish in the US, else Spain's
}


def locale_of(language, country):
    """'fr', 'CA' -> 'fr_CA': the regional form of a language for the practice."""
    table = LOCALES[language]
    return table.get(country) or table["*"]


def _languages(value, where, t=None):
    t = t or ENGLISH
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PracticeError(f'{where} must be a list, e.g. ["fr", "en"].')
    found = []
    for typed in value:
        code = typed.strip().lower().replace("_", "-").split("-")[0]
        if not code:
            continue
        if code not in LOCALES:
            raise PracticeError(t.gettext(BAD_LANGUAGE) % {
                "where": where, "value": repr(typed.strip()), "codes": ", ".join(LOCALES)})
        if code not in found:
            found.append(code)
    if not found:
        raise PracticeError(t.gettext(NO_LANGUAGE) % {"where": where})
    return found


def default_languages(region_data):
    """The languages setup proposes, and why when it is not English alone (the region
    data says so: Québec's Charter of the French language)."""
    return (region_data.get("site_languages") or ["en"],
            region_data.get("site_languages_why", ""))


def _registrations(value, where, t=None):
    """[{body, number}]: from the file's list of tables, or typed as `body: number; ...`."""
    fix = (t or ENGLISH).gettext(BAD_REGISTRATIONS) % {"where": where}
    if isinstance(value, str):
        typed = []
        for part in value.split(";"):
            if not part.strip():
                continue
            body, colon, number = part.rpartition(":")
            if not colon or not body.strip() or not number.strip():
                raise PracticeError(fix)
            typed.append({"body": body, "number": number})
        value = typed
    if not isinstance(value, list):
        raise PracticeError(fix)
    out = []
    for item in value:
        if not isinstance(item, dict) or set(item) - {"body", "number"} or not all(
                isinstance(v, str) for v in item.values()):
            raise PracticeError(fix)
        body = " ".join(item.get("body", "").split())
        number = " ".join(item.get("number", "").split())
        if not body:
            raise PracticeError(fix)
        out.append({"body": body, "number": number})
    return out


def slug_of(name):
    """The clinician's profile address part: "Marc-André Gagnon" -> "marc-andre-gagnon"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    folded = re.sub(r"['\u2019]", "", folded)  # O'Brien -> obrien, as Pelican's slugs
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def _check_clinician(raw, where, problems, notes):
    if not isinstance(raw, dict):
        problems.append(f"{where} must be a [[clinicians]] table of key = value lines.")
        return None
    out = {}
    for key in raw:
        if key not in CLINICIAN_KEYS:
            problems.append(f"{_where(where, key)} is not a known answer for a clinician. "
                            f"Known: {', '.join(CLINICIAN_KEYS)}. Correct its spelling or "
                            "delete the line.")
    for key in CLINICIAN_REQUIRED:
        if raw.get(key) in (None, "") and key == "accepting_new_clients":
            # Files from before groups never had this answer: the pages say nothing
            # about it until it is given, and every build says so.
            notes.append(f"{_where(where, key)} is not answered, so the team page and "
                         "profile say nothing about new clients. Add a line: "
                         "accepting_new_clients = true (or false).")
        elif raw.get(key) in (None, ""):
            problems.append(f"{_where(where, key)} is missing: it is required. Add a line: "
                            f"{key} = ... ({CLINICIAN_KEYS[key][2].split(' (e.g.')[0]}).")
    for key, value in raw.items():
        if key in CLINICIAN_KEYS and value not in (None, ""):
            try:
                out[key] = check_value(key, value, where, CLINICIAN_KEYS)
            except PracticeError as error:
                problems.append(str(error))
    if out.get("photo") and not out.get("photo_alt"):
        problems.append(f"{_where(where, 'photo_alt')} is missing: a photo needs a few "
                        'words saying what it shows, e.g. photo_alt = "Sam smiling in the '
                        'office".')
    return out


def _clinicians(raw, source, problems, notes):
    """The [[clinicians]] list, or the one clinician of a file from before groups."""
    legacy = [k for k in LEGACY if k in raw]
    if legacy and "clinicians" in raw:
        problems.append(f"{source} has both [[clinicians]] and the older single-clinician "
                        f"lines ({', '.join(legacy)}). Move them into the [[clinicians]] "
                        "table (docs/setup.md) and delete them.")
        return []
    if legacy:
        notes.append(f"{source} uses the single-clinician form from before group practices "
                     f"({', '.join(k + ' =' for k in legacy)}). It still builds as one "
                     "clinician. To update it, run make setup again (it rewrites the file), "
                     "or replace those lines with a [[clinicians]] table: name, credentials, "
                     "job_title, practises_in, accepting_new_clients (docs/setup.md).")
        one = {LEGACY[k]: raw[k] for k in legacy}
        return [c for c in [_check_clinician(one, source, problems, notes)] if c]
    listed = raw.get("clinicians")
    if listed is None:
        problems.append(f"{_where(source, 'clinicians')} is missing: a practice has at least "
                        "one clinician. Add a [[clinicians]] table with name, credentials, "
                        "job_title and accepting_new_clients (docs/setup.md), or run make "
                        "setup.")
        return []
    if not isinstance(listed, list) or not listed:
        problems.append(f"{_where(source, 'clinicians')} must be one or more [[clinicians]] "
                        "tables (docs/setup.md).")
        return []
    out, slugs = [], {}
    for number, item in enumerate(listed, 1):
        name = item.get("name") if isinstance(item, dict) else None
        where = f"{source}, clinician {number}" + (f" ({name})" if isinstance(name, str)
                                                   and name.strip() else "")
        checked = _check_clinician(item, where, problems, notes)
        if checked is None:
            continue
        slug = slug_of(checked.get("name", ""))
        if checked.get("name") and not slug:
            problems.append(f"{where}, name needs at least one letter or digit.")
        elif slug in slugs:
            problems.append(f"{where}: the name {checked['name']!r} is the same as "
                            f"clinician {slugs[slug]}'s; each clinician needs their own.")
        slugs.setdefault(slug, number)
        out.append(checked)
    return out


def _registration_formats(answers, countries, source, problems):
    """A registration number in the form its body issues (Ahpra: PSY0001234567), where the
    region data knows the form; other bodies' numbers are taken as written."""
    formats = countries[answers["country"]].get("registration_formats", [])
    for number, clinician in enumerate(answers.get("clinicians", []), 1):
        for registration in clinician.get("registrations", []):
            for known in formats:
                body = registration["body"].casefold()
                if known["body"].casefold() not in re.findall(r"[\w-]+", body):
                    continue
                compact = registration["number"].replace(" ", "").upper()
                if not re.fullmatch(known["pattern"], compact):
                    problems.append(
                        f"{source}, clinician {number} ({clinician['name']}), registrations: "
                        f"{registration['number']!r} is not in the form of {known['body']} "
                        f"numbers (like {known['example']}). Copy it from your registration.")
                else:
                    registration["number"] = compact


def check(raw, countries, source="practice.toml"):
    """Every answer checked, defaults filled in; raises PracticeError listing every problem.
    A file in the single-clinician form is migrated: answers["notes"] says so."""
    problems, answers, notes = [], {}, []
    if not isinstance(raw, dict):
        raise PracticeError(f"{source} must hold `key = value` lines.")
    for key in raw:
        if key not in KEYS and key not in LEGACY and key != "clinicians":
            problems.append(f"{_where(source, key)} is not a known answer. Known answers: "
                            f"{', '.join(KEYS)}, [[clinicians]]. Correct its spelling or "
                            "delete the line.")
    for key in REQUIRED:
        if raw.get(key) in (None, ""):
            problems.append(f"{_where(source, key)} is missing: it is required. "
                            f"Add a line: {key} = \"...\" ({KEYS[key][2]}).")
    for key, value in raw.items():
        if key in KEYS and value not in (None, ""):
            try:
                answers[key] = check_value(key, value, source, countries=countries)
            except PracticeError as error:
                problems.append(str(error))
    answers["clinicians"] = _clinicians(raw, source, problems, notes)
    country = answers.get("country")
    if country and country != "US":
        for key in US_ONLY:
            if answers.get(key):
                problems.append(f"{_where(source, key)} is true, but it applies only to US "
                                f"practices and country is {country}. Delete the line or "
                                "set it to false.")
    if country:
        _registration_formats(answers, countries, source, problems)
        # The region's rules: answers a practice there must give (Québec's privacy officer).
        rules = countries[region_of(answers, countries)]
        for key, why in rules.get("required_answers", {}).items():
            if not answers.get(key):
                problems.append(f"{_where(source, key)} is missing: {why}. Add a line: "
                                f"{key} = \"...\" ({KEYS[key][2].format(**rules['words'])}).")
    if answers.get("phone") and country:
        try:
            answers["phone_link"] = phone_link(answers["phone"], country, countries)
        except PracticeError as error:
            problems.append(f"{_where(source, 'phone')}: {error}")
    if problems:
        raise PracticeError("\n".join(problems), source)
    proposed = None
    if "languages" not in answers:
        wanted, why = default_languages(countries[region_of(answers, countries)])
        if wanted != ["en"]:
            proposed = wanted
            notes.append(f"{source} has no languages line. {why} Add: languages = "
                         f"{_toml_value(wanted)}, then rebuild.")
    answers = with_defaults(answers, countries)
    answers["notes"] = notes
    # Setup writes a new site's file in the region's languages (the note then goes).
    answers["proposed_languages"] = proposed
    return answers


def phone_link(phone, country, countries):
    """The number in international form for tel: links (+14165550199)."""
    import phonenumbers  # phonenumberslite, pinned in requirements.txt
    try:
        number = phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise PracticeError(f"{phone!r} is not a phone number in {countries[country]['name']}. "
                            "Write it as clients would dial it, e.g. +1 416 555 0199.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def with_defaults(answers, countries):
    out = dict(answers)
    us = out.get("country") == "US"
    out.setdefault("hipaa_covered_entity", False)
    # The No Surprises Act expects the notice from US providers: on unless turned off.
    out.setdefault("good_faith_estimate", us)
    out.setdefault("keep_sample_posts", False)
    # Where the practice's clinicians may practise, together ({{ licensed_in }}).
    places = []
    for clinician in out.get("clinicians", []):
        places += [p for p in clinician.get("practises_in", []) if p not in places]
    out["licensed_in"] = places
    if out.get("country") and not out.get("timezone"):
        out["timezone"] = countries[out["country"]]["timezone"]
    # A file without the answer keeps the English site it always was (setup proposes the
    # region's default; the build notes it where the region expects another language).
    out.setdefault("languages", ["en"])
    return out


def load(path, countries):
    """The checked answers in the TOML file at `path`."""
    path = Path(path)
    # Named as the therapist knows it: relative to where the command runs.
    shown = os.path.relpath(path)
    shown = str(path) if shown.startswith("..") else shown
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise PracticeError(f"{shown} is not saved as UTF-8. Save it as UTF-8 and try again.",
                            shown)
    except tomllib.TOMLDecodeError as error:
        raise PracticeError(f"{shown} cannot be read: {error}. Each line is key = value, "
                            'with text in double quotes, e.g. city = "Toronto".', shown)
    return check(raw, countries, shown)


def policies_off(answers):
    """The US-only policy keys this practice does not publish."""
    us = answers["country"] == "US"
    return [policy for key, policy in US_POLICIES.items() if not (us and answers.get(key))]


def region_of(answers, countries):
    """The region data's key for this practice: a province's entry when it belongs to the
    country and names the practice's region ("CA" + "Québec" -> "CA-QC"), else the
    country's. Its facts replace the country's (crisis lines, privacy law...)."""
    wanted = " ".join(str(answers.get("region") or "").split()).casefold()
    for key, value in countries.items():
        if value.get("inherits") == answers["country"] and wanted in (
                name.casefold() for name in value.get("region_names", [])):
            return key
    return answers["country"]


def join_names(names):
    """"A", "A and B", "A, B and C": names only, never credentials run in."""
    names = [n for n in names if n]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


NUMBER_WORDS = {2: N_("two"), 3: N_("three"), 4: N_("four"), 5: N_("five"), 6: N_("six"),
                7: N_("seven"), 8: N_("eight"), 9: N_("nine"), 10: N_("ten")}


def practice_words(practice, t=ENGLISH, join=join_names):
    """The sentences the kit makes from the answers, in the language of `t` (a gettext
    translations object; English by default) with `join` writing a list ("A, B and C"):
    who the practice is ({{ who }}), its sign-off ({{ signature }}), its description when
    the practice gave none, every clinician's name and the places, as sentences."""
    clinicians = practice.get("clinicians") or []
    names = join([c["name"] for c in clinicians])
    places = practice.get("licensed_in") or []
    name = practice.get("name", "")
    if len(clinicians) == 1:
        solo = clinicians[0]
        who = signature = f"{solo['name']}, {solo['credentials']}"
    else:
        count = len(clinicians)
        word = NUMBER_WORDS.get(count)
        word = t.gettext(word) if word else str(count)
        who = t.ngettext("our team of %(count)s clinician", "our team of %(count)s clinicians",
                         count) % {"count": word}
        signature = t.gettext("The team at %(practice)s") % {"practice": name}
    description = practice.get("own_description") or (
        t.gettext("%(practice)s: therapy with %(who)s, for clients in %(places)s.") % {
            "practice": name, "who": who, "places": join(places)} if places else
        t.gettext("%(practice)s: therapy with %(who)s.") % {"practice": name, "who": who})
    label = practice.get("booking_label") or DEFAULT_BOOKING_LABEL
    return {"who": who, "signature": signature, "description": description,
            "clinician": names, "licensed_in": join(places),
            # The kit's label in the page's language; the practice's own as written.
            "booking_label": t.gettext(label) if label == DEFAULT_BOOKING_LABEL else label}


# Each clinician's profile page (the practice plugin publishes one per clinician).
PROFILE_URL = "team/{slug}/"


def clinician_settings(clinician, answers):
    """One clinician as the theme and the practice plugin read it."""
    slug = slug_of(clinician["name"])
    return {
        "name": clinician["name"],
        "slug": slug,
        "url": PROFILE_URL.format(slug=slug),
        "pronouns": clinician.get("pronouns", ""),
        "credentials": clinician["credentials"],
        "job_title": clinician["job_title"],
        "registrations": clinician.get("registrations", []),
        "practises_in": clinician.get("practises_in", []),
        "languages": clinician.get("languages", []),
        # A clinician without their own booking address books through the practice's.
        "booking_url": clinician.get("booking_url") or answers.get("booking_url", ""),
        "photo": clinician.get("photo", ""),
        "photo_alt": clinician.get("photo_alt", ""),
        "bio": clinician.get("bio", ""),
        # None: not answered (a file from before groups); the pages then say nothing.
        "accepting_new_clients": clinician.get("accepting_new_clients"),
    }


def settings_from(answers, countries):
    """The Pelican settings these answers decide."""
    places = answers.get("licensed_in") or []
    clinicians = [clinician_settings(c, answers) for c in answers["clinicians"]]
    solo = clinicians[0] if len(clinicians) == 1 else None
    region = region_of(answers, countries)
    country = countries[region]
    # Who the practice is, in a sentence: one person with their credentials, or the team
    # (never several names with their credentials run together). In English here; each
    # page gets them in its own language (placeholders.py, practice_words).
    words = practice_words({"name": answers["practice_name"], "clinicians": clinicians,
                            "licensed_in": places,
                            "own_description": answers.get("description", ""),
                            "booking_label": answers.get("booking_label", "")})
    who, signature, description = words["who"], words["signature"], words["description"]
    names = words["clinician"]
    practice = {
        "name": answers["practice_name"],
        # Every clinician's name, joined as a sentence joins them ({{ clinician }}).
        "clinician": names,
        # One clinician's own credentials and title; a group has one per clinician only.
        "credentials": solo["credentials"] if solo else "",
        "job_title": solo["job_title"] if solo else "",
        "clinicians": clinicians,
        "group": solo is None,
        "who": who,              # {{ who }}: "Jordan Reyes, LCSW" or "our team of three clinicians"
        "signature": signature,  # {{ signature }}: a quote's attribution, a letter's sign-off
        "description": description,
        # The practice's own description, if it wrote one (else the kit's sentence).
        "own_description": answers.get("description", ""),
        "phone": answers.get("phone", ""),
        "phone_link": answers.get("phone_link", ""),
        "email": answers.get("email", ""),
        "street": answers.get("street", ""),
        "city": answers.get("city", ""),
        "region": answers.get("region", ""),
        "postal_code": answers.get("postal_code", ""),
        "country": answers["country"],
        "booking_url": answers.get("booking_url", ""),
        "booking_label": words["booking_label"],
        "privacy_officer": answers.get("privacy_officer", ""),
        "privacy_officer_contact": answers.get("privacy_officer_contact", ""),
        "licensed_in": places,
        # The country's facts and words, from the region data: {{ privacy_law }},
        # {{ emergency_department }}, {{ permitted }}, {{ booking_place }}...
        "country_name": country["name"],
        "privacy_law": country["privacy_law"],
        "privacy_regulator": country["privacy_regulator"],
        **country["words"],
        "social": {},
    }
    languages = answers.get("languages") or ["en"]
    return {
        # The first language is the site's default; LOCALES the regional form of every
        # supported language here (a page in one the site does not list still gets it).
        "DEFAULT_LANG": languages[0],
        "LANGUAGES": languages,
        "LOCALES": {lang: locale_of(lang, answers["country"]) for lang in LOCALES},
        "SITENAME": answers["practice_name"],
        "SITESUBTITLE": answers.get("tagline") or DEFAULT_SUBTITLE,
        # Posts without an Author are the clinician's in a solo practice, the practice's
        # in a group; either way a name alone, which is what profiles are matched by.
        "AUTHOR": solo["name"] if solo else answers["practice_name"],
        "TIMEZONE": answers["timezone"],
        "PRACTICE": practice,
        "EMERGENCY_REGION": region,
        "SITE_URL_ANSWER": answers.get("site_url", ""),
        "PRACTICE_US_POLICIES_OFF": policies_off(answers),
        "PRACTICE_NOTES": list(answers.get("notes", [])),
    }


def setup_words(countries, country):
    """The country's words and examples, for the {placeholders} in the questions."""
    data = countries.get(country or "") or countries["US"]
    return {**data["words"], **data["examples"]}


def _toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(str(value), ensure_ascii=False)


def _filled(value):
    return value not in ("", None, [])


def dump(answers, countries):
    """TOML text for the answers, in KEYS order, each with its question as a comment, then
    one [[clinicians]] table per clinician."""
    lines = ["# Your practice's details, written by `make setup`. Edit here or run",
             "# `make setup` again; every page reads them from here. docs/setup.md explains",
             "# each line.", ""]
    words = setup_words(countries, region_of(answers, countries)
                        if answers.get("country") else None)
    for key, (_, _, question) in KEYS.items():
        if key in answers and _filled(answers[key]):
            lines.append(f"# {question.format(**words)}")
            lines.append(f"{key} = {_toml_value(answers[key])}")
    for clinician in answers.get("clinicians", []):
        lines += ["", "# One clinician (copy the table to add another; its file in",
                  "# content/team/ holds the bio shown on the profile page).",
                  "[[clinicians]]"]
        for key in CLINICIAN_KEYS:
            if key in clinician and _filled(clinician[key]):
                lines.append(f"{key} = {_toml_value(clinician[key])}")
    return "\n".join(lines) + "\n"
