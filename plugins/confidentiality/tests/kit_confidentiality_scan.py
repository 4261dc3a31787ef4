"""The checker's rules one by one: ID numbers with and without their check digits, phone
numbers of every country, public and practice numbers, names in slugs and file names, and
what a Confidential-ok line can and cannot accept.

Here rather than in the plugin's folder: the scan is judged with the crisis lines the
emergency_notice plugin supplies, and against the examples in docs/confidentiality.md."""

import re

import pytest

from conftest import ROOT
from tools.pelican_adapter import plugin_module

numbers = plugin_module("confidentiality.numbers")
Context = plugin_module("confidentiality.scan").Context
scan_item = plugin_module("confidentiality.scan").scan_item
scan_name = plugin_module("confidentiality.scan").scan_name
scan_text = plugin_module("confidentiality.scan").scan_text
consent_of = plugin_module("confidentiality.scan").consent_of
load_regions = plugin_module("emergency_notice.emergency_notice").load_regions

REGIONS = load_regions()


def ctx(country="US", **practice):
    practice = {"country": country, **practice}
    return Context.from_settings({"PRACTICE": practice, "EMERGENCY_NOTICE_REGIONS": REGIONS})


# Made-up numbers with correct check digits, each paired with the same number with its
# check digit changed. No label around them: only the check digits can tell.
IDS = [
    ("an Ontario health card number", "4532 281 658", "4532 281 651"),
    ("an Australian Medicare number", "2123 45670 1", "2123 45671 1"),
    ("a New Zealand NHI number", "ABC1235", "ABC1236"),
    ("a New Zealand NHI number", "ZZZ0016", "ZZZ0017"),
    ("an NHS number", "485 777 3457", "485 777 3458"),
    ("a Canadian Social Insurance Number", "146 454 285", "146 454 280"),
    ("a British Columbia health number (PHN)", "9698 658 215", "9698 658 216"),
    ("an Irish PPS number", "8765432S", "8765432T"),
    ("a New Zealand IRD number", "49-091-850", "49-091-851"),
]


@pytest.mark.parametrize("kind,good,bad", IDS)
def test_id_numbers_are_known_by_their_check_digits(kind, good, bad):
    found = [k for _, _, k in numbers.find_ids(f"The letter showed {good} at the top.")]
    assert found == [kind]
    assert numbers.find_ids(f"The letter showed {bad} at the top.") == []


def test_our_own_id_rules_on_published_examples_and_their_neighbours():
    assert numbers.nz_nhi("ZZZ0016") and numbers.nz_nhi("zzz0024")
    assert not numbers.nz_nhi("ZZZ0010") and not numbers.nz_nhi("IOI0016")
    assert numbers.au_medicare("2123456701") and not numbers.au_medicare("1123456701")
    assert numbers.ontario_health_card("4532281658") and \
        not numbers.ontario_health_card("0532281658")


@pytest.mark.parametrize("country,text", [
    ("US", "reach him on 971-555-0187"), ("US", "text +1 (971) 555 0187"),
    ("CA", "her cell is 604.555.0163"), ("GB", "his landline is 0113 496 0732"),
    ("GB", "mobile: +44 7700 900461"), ("IE", "ring 087 555 0136"),
    ("AU", "call 0491 570 156"), ("AU", "work line (03) 9555 0178"),
    ("NZ", "text 021 555 0193"), ("NZ", "on +64 27 555 0184"),
    ("US", "his UK number 07700 900461"),          # another country's format
])
def test_private_phone_numbers_in_every_format(country, text):
    found = scan_text(text, ctx(country))
    assert [f for f in found if "phone number" in f.problem], text
    assert all(f.acceptable for f in found)


@pytest.mark.parametrize("country,text", [
    ("US", "Call or text 988, or 911."), ("US", "The hotline is 1-800-799-7233."),
    ("CA", "Kids Help Phone: 1-800-668-6868."), ("GB", "Samaritans: 116 123."),
    ("GB", "Childline on 0800 1111; Mind on 0300 123 3393."),
    ("IE", "Freephone 1800 247 247."), ("AU", "Lifeline 13 11 14 or text 0477 13 11 14."),
    ("AU", "Beyond Blue on 1300 22 4636."), ("NZ", "Call 0800 543 354 or text 1737."),
    ("US", "In 2023, 1,234,567 adults were surveyed."), ("US", "Invoice 2024-0117-33."),
])
def test_public_numbers_and_statistics_pass(country, text):
    assert scan_text(text, ctx(country)) == []


def test_the_practice_s_own_details_pass_and_others_do_not():
    mine = ctx("GB", phone="020 7946 0958", email="hello@quiet.example",
               street="14 Example Road", clinician="Eleanor Price")
    assert scan_text("Ring 020 7946 0958 or write to hello@quiet.example; we are at "
                     "14 Example Road.", mine) == []
    assert scan_text("Eleanor Price, 45, trained as a nurse at St Thomas' before "
                     "becoming a counsellor.", mine) == []
    assert len(scan_text("Ring 020 7946 0959 or write to other@quiet.example.", mine)) == 2


def test_sample_practice_details_are_left_to_the_sample_check():
    settings = {"PRACTICE": {"phone": "(503) 555-0142", "country": "US"},
                "SAMPLE_PRACTICE": {"phone": "(503) 555-0177", "email": "demo@sample.example"},
                "EMERGENCY_NOTICE_REGIONS": REGIONS}
    assert scan_text("Call (503) 555-0177 or demo@sample.example.",
                     Context.from_settings(settings)) == []


@pytest.mark.parametrize("name,bad", [
    ("sarah-34-nurse", True), ("2026-03-01-callum-27-paramedic", True),
    ("aoife_bipolar_diagnosis", True), ("IMG_Priya-29-pharmacist", True),
    ("grace-under-pressure", False), ("notes-on-seasonal-stress", False),
    ("emily-dickinson-on-hope", False), ("will-therapy-help", False),
])
def test_slugs_and_file_names(name, bad):
    assert bool(scan_name(name, ctx(), "slug")) is bad


def test_confidential_ok_accepts_only_public_details_and_reports_the_rest():
    texts = {"body": "My client Maria called from 503-555-0199. The county line is "
                     "503-988-4888."}
    findings, unused = scan_item(texts, {}, ctx(), ["503-988-4888", "Maria",
                                                    "my client Maria", "typo"])
    problems = " ".join(f.problem for f in findings)
    assert "503-988-4888" not in problems              # accepted: a public number
    assert "503-555-0199" in problems                  # not accepted
    assert "my client maria" in problems.lower()       # a name can never be accepted
    assert unused == ["Maria", "my client Maria", "typo"]
    assert all("Confidential-ok: Maria" not in f.fix for f in findings)
    story = [f for f in findings if "client" in f.problem][0]
    assert not story.acceptable and "written consent" in story.fix


def test_findings_in_every_published_field():
    texts = {"title": "What Priya, 29, a nurse at Toronto General, taught me",
             "tags": ["anxiety", "Callum, 27, apprentice at Tesco"],
             "summary": "Reach me on 0113 496 0732."}
    findings, _ = scan_item(texts, {"slug": "priya-29-nurse"}, ctx("CA"))
    assert {f.field for f in findings} == {"title", "tags", "summary", "slug"}


def test_the_examples_in_the_documentation_are_true():
    doc = (ROOT / "docs" / "confidentiality.md").read_text(
        encoding="utf-8")
    rows = [line.split("|")[1:3] for line in doc.splitlines()
            if line.startswith("| ") and "(file)" not in line and "Unsafe" not in line]
    assert len(rows) >= 6
    here = ctx("CA")
    for unsafe, safe in rows:
        assert scan_text(unsafe.strip(), here), unsafe
        assert scan_text(safe.strip(), here) == [], safe


COUNTRIES = ("US", "CA", "GB", "IE", "AU", "NZ")


def _contacts(line):
    return [line[k] for k in ("call", "text", "email") if line.get(k)]


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_country_s_crisis_lines_and_helplines_are_never_reported(country):
    lines = REGIONS[country]["crisis"] + REGIONS[country]["helplines"]
    assert REGIONS[country]["helplines"], country
    here = ctx(country)
    for line in lines:
        text = (f"If she needs someone tonight, she can contact {line.get('name') or 'them'}"
                f": {', or '.join(_contacts(line))}.")
        assert scan_text(text, here) == [], text
    # A person's number in the same sentence is still reported.
    private = {"US": "(971) 555-0187", "CA": "604-555-0163", "GB": "07700 900461",
               "IE": "087 555 0136", "AU": "0491 570 156", "NZ": "021 555 0193"}[country]
    line = REGIONS[country]["helplines"][0]
    text = f"Call {line['name']} on {_contacts(line)[0]}, or her on {private}."
    assert [f.problem for f in scan_text(text, here)] == [f'a phone number: "{private}"']


def test_helplines_repeat_no_crisis_line_and_cite_their_source():
    for country in COUNTRIES:
        crisis = {re.sub(r"\D", "", c) for line in REGIONS[country]["crisis"]
                  for c in _contacts(line)}
        for line in REGIONS[country]["helplines"]:
            assert line["name"] and line["source"].startswith("https://"), line
            for contact in _contacts(line):
                assert re.sub(r"\D", "", contact) not in crisis or "@" in contact, line


@pytest.mark.parametrize("value,accepted,why", [
    ("2026-03-02, signed form in the client's record", True, ""),
    ("2 March 2026, on file at the practice", True, ""),
    ("March 2, 2026 - paper file", True, ""),
    ("02/03/2026 consent form, locked cabinet", True, ""),
    ("2 mars 2026, formulaire signé au dossier", True, ""),
    ("2 de marzo de 2026, en su expediente", True, ""),
    ("yes", False, "no date the client signed"),
    ("2026-03-02", False, "where the signed consent is kept"),
    ("2026-03-02, yes, signed", False, "where the signed consent is kept"),
    ("31/02/2026, client record", False, "no date the client signed"),
    ("2026-13-45, client record", False, "no date the client signed"),
    ("2026-06-01, client record", False, "after today"),
    ("2026-03-02, verbal consent in session", False, "not consent in writing"),
])
def test_client_consent_needs_a_real_past_date_and_where_it_is_kept(value, accepted, why):
    import datetime
    consent, problem = consent_of({"client-consent": value}, today=datetime.date(2026, 5, 1))
    if accepted:
        assert consent == value and problem is None
    else:
        assert consent is None and why in problem and value in problem, problem
        assert problem.count(".") <= 2            # one message, not a list of errors


def test_every_clinician_and_staff_member_of_the_practice_is_its_own():
    mine = ctx("NZ", clinician="Aroha Ngata", street="12 Example Street",
               clinicians=[{"name": "Aroha Ngata"}, {"name": "Dr. Liam O'Connell"}],
               staff=["Pat Kerr", {"name": "Mere Tawhiri"}])
    for text in ("Liam O'Connell, 41, a clinical psychologist, joined us from Waikato "
                 "Hospital in March.",
                 "Mere Tawhiri, our practice manager since 2019, grew up in Rotorua.",
                 "Pat Kerr, 58, answers the phone on Tuesdays at 12 Example Street."):
        assert scan_text(text, mine) == [], text
    # The same shape of sentence about someone else is a story.
    assert scan_text("Liam Walsh, 41, a builder, came to see me after the crash in March.",
                     mine)


def test_in_our_session_is_a_cue_never_a_date_and_the_fix_quotes_each_detail():
    found = [f for f in scan_text("In our session, Jarrah, 31, a nurse at Box Hill Hospital, "
                                  "talked about her divorce.", ctx("AU")) if f.quoted]
    assert len(found) == 1, found
    assert not any("session" in d.lower() for d in found[0].quoted), found[0].quoted
    assert "a dated event" not in found[0].problem, found[0].problem
    for detail in ("Jarrah", "31", "nurse", "Box Hill Hospital", "divorce"):
        assert detail in found[0].fix, found[0].fix


@pytest.mark.parametrize("accepted,written", [
    ("421 SW Oak Street", "421 SW Oak Street"),
    ("dana.w@example.org", "dana.w@example.org"),
    ("503-555-0117", "503 555 0117"),                 # the same number, spaced otherwise
    ("dana.w@example.org", "dana dot w at example dot org"),
])
def test_confidential_ok_accepts_a_number_email_or_address_and_the_story_stays(accepted,
                                                                              written):
    text = (f"Dana, 52, a bus driver from Millbrook, told me about the crash; reach her "
            f"at {written}.")
    findings, unused = scan_item({"body": text}, {}, ctx("US"), [accepted])
    assert unused == [] and not [f for f in findings if f.acceptable], findings
    story = [f for f in findings if f.quoted]
    assert story and "52" in " ".join(story[0].quoted), findings
    assert written not in " ".join(story[0].quoted), story[0].quoted   # judged without it


def test_a_call_or_mail_link_is_judged_by_the_line_that_shows_its_address():
    # A crisis centre's number, written out beside its name: its tel: link is the same.
    body = ("Netcare Access (Franklin County's crisis center): 199 S. Central Avenue. "
            "Phone (614) 276-2273. Email intake@netcare.example.org.")
    links = ["+16142762273", "intake@netcare.example.org"]
    findings, _ = scan_item({"body": body, "link target": links}, {}, ctx("US"))
    assert [f for f in findings if f.field == "link target"] == []
    # A link whose address the page never shows ("call Jess"), or shows for a person,
    # is still the person's.
    for body in ("If you know Jess, call her.", "Jess's mobile is (614) 276-2273."):
        findings, _ = scan_item({"body": body, "link target": ["+16142762273"]}, {},
                                ctx("US"))
        assert [f.field for f in findings if "614" in f.text or "2762273" in f.text] \
            and any(f.field == "link target" for f in findings), body
