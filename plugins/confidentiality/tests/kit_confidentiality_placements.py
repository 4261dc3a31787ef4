"""Every place a visitor can read a client's details is scanned (issue 22): one real
Pelican build of a scratch site with one post (or static file) per placement, each
hiding the same kind of story, plus the overrides, consent, scheduled posts, a benign
post, and the cache (a second build reads the cached results and reports the same)."""

import json
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, run_site
from tools.pelican_adapter import plugin_module

load_regions = plugin_module("emergency_notice.emergency_notice").load_regions

STORY = "Bethan Lloyd, 22, a nurse at Leeds General, anorexia"
# A drawing's numbers (path data, points, a viewBox) are shapes, never phone numbers.
DRAWING = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><path d="M0 0 1 1 '
           '0 0 1 1 2 3 4 5 6 7 8 9 L 100 200 300 400 Z" transform="translate(1 2 3 4 5 6 7)'
           '"/><polygon points="0 1 2 3 4 5 6 7 8 9"/><text x="10" y="20">Rest</text></svg>')
POSTS = {
    # name: (header lines, body)
    "comment": ("", f"A general post.\n\n<!-- {STORY} -->\n"),
    "link-title": ("", f'Read <a href="/help/" title="{STORY}">this</a>.\n'),
    "abbr-title": ("", f'I think of <abbr title="{STORY}">B.L.</abbr> often.\n'),
    "aria-label": ("", f'<span aria-label="{STORY}">A woman I saw</span> taught me.\n'),
    "data-attr": ("", f'<p data-note="{STORY}">One mother said she felt like a ghost.</p>\n'),
    "alt": ("", f'<img src="/images/x.png" alt="{STORY}">\n'),
    "tel-link": ("", '<a href="tel:+447700900461">Ring here</a> if you want to talk.\n'),
    "sms-link": ("", '<a href="sms:+447700900462">Text me</a> any time.\n'),
    "mailto-link": ("", '<a href="mailto:bethan.lloyd1999@gmail.example">Her</a> note.\n'),
    "phone-words": ("", "Her number: oh seven seven double oh nine hundred four six one.\n"),
    "email-words": ("", "Write to sarah dot jenkins1990 at gmail dot com if so.\n"),
    # Written to slip past a plain pattern: full-width characters, a zero-width space, an
    # O for a zero, a number word glued to digits.
    "full-width": ("", "Her email: bethan．lloyd＠gmail．com, if you need it.\n"),
    "zero-width": ("", "Her mobile is 07700\u200b900467, after six.\n"),
    "look-alike": ("", "Her mobile is O77OO 9OO468, after six.\n"),
    "glued-words": ("", "Her mobile is 0seven7 00 900 469, after six.\n"),
    "whatsapp-link": ("", '<a href="https://wa.me/447700900465">Message her</a> first.\n'),
    "tel-spaces": ("", '<a href="tel:+44 7700 900466">Call</a> if you like.\n'),
    "data-link": ("", '<a href="data:text/plain,Bethan%20Lloyd%2C%2022%2C%20a%20nurse%20at'
                      '%20Leeds%20General%2C%20anorexia">Notes</a>\n'),
    "entity-title": ("Title: Bethan&#32;Lloyd, 22, a nurse at Leeds General\n", "Kind.\n"),
    "summary-comment": ("Summary: A general post. <!-- Bethan Lloyd, 22, a nurse at Leeds "
                        "General, anorexia -->\n", "A general post.\n"),
    "image-meta": ("Image: images/bethan-22-nurse-leeds.png\n", "A general post.\n"),
    "title": ("Title: What Jack, a 15-year-old from Todmorden, taught me\n", "Kind words.\n"),
    "summary": (f"Summary: {STORY}.\n", "A general post.\n"),
    "tags": ("Tags: sleep, Marie-Claude Arsenault 44 Tignish nurse\n", "A general post.\n"),
    "category": ("Category: Kylie 39 nurse Box Hill\n", "A general post.\n"),
    "slug": ("Slug: sarah-34-nurse-leeds\n", "A general post.\n"),
    "save-as": ("Save_as: stories/kylie-39-nurse-box-hill.html\n", "A general post.\n"),
    "url": ("URL: stories/karl-52-freezing-works.html\n"
            "Save_as: stories/karl-52-freezing-works.html\n", "A general post.\n"),
    "french": ("", "Isabelle Côté, 34 ans, enseignante à Outremont, m'a dit qu'elle avait "
                   "fait trois crises de panique.\n"),
    "spanish": ("", "Marta Gil, 34 años, enfermera en el Hospital Virgen Macarena, me contó "
                    "que tuvo su primer ataque de pánico.\n"),
    # The override accepts the number; the story around it is still reported.
    "confidential-ok": ("Confidential-ok: (828) 555-0139\n",
                        "Jess Harlow is 34 and teaches third grade at Isaac Dickson "
                        "Elementary. Call her on (828) 555-0139.\n"),
    # Consent accepts the story (listed for make publish), never the phone number.
    "consented": ("Client-consent: 2026-03-02, signed form in the client's record\n",
                  "Huw, 58, worked at the Crossley carpet mill in Halifax until it closed. "
                  "Ring him on 07700 900463.\n"),
    "consent-without-place": ("Client-consent: yes\n",
                              "Huw, 58, worked at the Crossley carpet mill in Halifax.\n"),
    "consent-aloud": ("Client-consent: 2026-03-02, verbal consent in session\n",
                      "Huw, 58, worked at the Crossley carpet mill in Halifax.\n"),
    # Listed for make publish even when the scan finds no story: it may have missed one.
    "consented-quiet": ("Client-consent: 2 March 2026, signed form on file\n",
                        "A story told with permission.\n"),
    "consented-draft": ("Client-consent: 2026-03-02, signed form on file\nStatus: draft\n",
                        "A story told with permission.\n"),
    # A header field and the body say the same: each finding has its own line.
    "two-lines": ("Summary: Tama, who's 17, is in Year 13 at Whanganui High.\n",
                  "Tama, who's 17, is in Year 13 at Whanganui High.\n"),
    "scheduled": ("Date: 2099-01-01\n", "Tama, who's 17, is in Year 13 at Whanganui High.\n"),
    "benign": ("", "My rooms on Brunswick Street in Fitzroy are above the café at "
                   "120 Brunswick Street. Call (03) 5550 1234. Dr. Mei Chen, MAPS, joins us "
                   "this year; she trained at the University of Melbourne.\n\n"
                   "- Lifeline 13 11 14\n- St Vincent's Hospital Melbourne, 41 Victoria "
                   "Parade, Fitzroy\n- Headspace Collingwood: (03) 9555 0170\n\n"
                   "I see a lot of people who believe they should be coping better.\n\n"
                   '<a href="https://www.lifeline.org.au/crisis-chat/">Crisis chat</a>, '
                   '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">a talk</a>, '
                   '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">\n\n'
                   "Oil painting and lo-fi music at the 2019 fete.\n\n"
                   + DRAWING + "\n"),
}
STATIC = {
    "notes.txt": f"Client list: {STORY}\n",
    "captions.vtt": f"WEBVTT\n\n00:00.000 --> 00:04.000\n{STORY}\n",
    "bethan-22-nurse/handout.txt": "Sleep hygiene: a regular time to get up.\n",
    "reading.txt": "Books I recommend: Lost Connections; The Body Keeps the Score.\n",
    "drawing.svg": DRAWING,
    "story.svg": DRAWING.replace("Rest", STORY),
    "event.ics": "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Session with Bethan Lloyd, 22, "
                 "nurse at Leeds General\nEND:VEVENT\nEND:VCALENDAR\n",
    "card.vcf": "BEGIN:VCARD\nFN:Bethan Lloyd\nTEL:+44 7700 900464\nEND:VCARD\n",
}
PRACTICE = {"country": "AU", "name": "Northside Psychology", "clinician": "Tom Achterberg",
            "street": "120 Brunswick Street", "suburb": "Fitzroy", "city": "Melbourne",
            "phone": "(03) 5550 1234", "email": "admin@northsidepsych.example"}


def _pdf(text):
    """A one-page PDF whose page shows `text` (written by hand: no PDF writer needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def _site(root):
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for name, (header, body) in POSTS.items():
        head = header if header.startswith("Title:") else f"Title: Post {name}\n" + header
        if "Date:" not in head:
            head += "Date: 2026-02-01\n"
        (posts / f"{name}.md").write_text(head + "\n" + body, encoding="utf-8")
    files = root / "content" / "files"
    files.mkdir()
    for name, text in STATIC.items():
        (files / name).parent.mkdir(parents=True, exist_ok=True)
        (files / name).write_text(text, encoding="utf-8")
    (files / "letter.pdf").write_bytes(_pdf(f"Referral: {STORY}"))
    # A PDF under a text file's name is read as the PDF it is.
    (files / "disguised.txt").write_bytes(_pdf(f"Referral: {STORY}"))
    # A PDF with no text (a scanned page) and a damaged one cannot be checked: reported.
    (files / "scanned.pdf").write_bytes(_pdf(""))
    (files / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog\n%%EOF\n")
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        PATH = "content"
        ARTICLE_PATHS = ["posts"]
        PAGE_PATHS = []
        STATIC_PATHS = ["files", "images"]
        PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
        PLUGINS = ["confidentiality"]
        TIMEZONE = "UTC"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        CACHE_CONTENT = False
        CACHE_PATH = "cache"
        WITH_FUTURE_DATES = False
        """), encoding="utf-8")


def _build(root):
    report = root / "report.json"
    report.unlink(missing_ok=True)
    result = run_site(root, {"CONFIDENTIALITY_REPORT": str(report), "PRACTICE": PRACTICE,
                             "EMERGENCY_NOTICE_REGIONS": load_regions()})
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("placements")
    _site(root)
    cold = _build(root)
    assert (root / "cache" / "confidentiality-scan.json").is_file()
    warm = _build(root)
    return cold, warm


def _by_file(report):
    """{post's name or static file's path under files/: [findings]}."""
    out = {}
    for f in report["findings"]:
        path = Path(f["file"])
        key = path.stem if path.suffix == ".md" else path.as_posix().split("/files/")[1]
        out.setdefault(key, []).append(f)
    return out


QUIET = {"benign", "consented", "consented-quiet", "consented-draft"}
CAUGHT_STATIC = ["notes.txt", "event.ics", "card.vcf", "captions.vtt", "story.svg",
                 "bethan-22-nurse/handout.txt", "letter.pdf", "disguised.txt", "scanned.pdf",
                 "broken.pdf"]


@pytest.mark.parametrize("name", [n for n in POSTS if n not in QUIET] + CAUGHT_STATIC)
def test_every_placement_is_caught(built, name):
    found = _by_file(built[0]).get(name)
    assert found, f"{name}: nothing reported"
    for f in found:
        assert f["problem"] and f["fix"] and f["field"], f


def test_each_finding_names_the_place_it_is_in(built):
    fields = {name: {f["field"] for f in found} for name, found in _by_file(built[0]).items()}
    expected = {"comment": "HTML comment", "link-title": "title attribute",
                "abbr-title": "title attribute", "aria-label": "aria-label attribute",
                "data-attr": "data-* attribute", "alt": "image text (alt)",
                "tel-link": "link target", "sms-link": "link target",
                "mailto-link": "link target", "title": "title", "summary": "summary",
                "tags": "tags", "category": "category", "save-as": "Save_as", "url": "URL",
                "notes.txt": "text file", "letter.pdf": "PDF text",
                "whatsapp-link": "link address", "tel-spaces": "link target",
                "data-link": "data: address", "entity-title": "title",
                "summary-comment": "HTML comment", "image-meta": "file name in image",
                "captions.vtt": "text file", "bethan-22-nurse/handout.txt": "folder name",
                "disguised.txt": "PDF text", "scanned.pdf": "PDF text",
                "broken.pdf": "PDF text"}
    for name, field in expected.items():
        assert field in fields.get(name, set()), (name, fields.get(name))


def test_the_practice_s_own_details_public_services_and_general_writing_pass(built):
    found = _by_file(built[0])
    for name in ("benign", "reading.txt", "drawing.svg"):
        assert name not in found, found.get(name)


def test_confidential_ok_accepts_the_number_but_never_the_story(built):
    found = _by_file(built[0])["confidential-ok"]
    assert not [f for f in found if "phone number" in f["problem"]], found
    story = [f for f in found if "Jess Harlow" in f["problem"]]
    assert story and any("34" in d for d in story[0]["details"]), found


def test_client_consent_accepts_the_story_is_listed_and_needs_a_date_and_a_place(built):
    found = _by_file(built[0]).get("consented", [])
    assert [f["problem"] for f in found] == ['a phone number: "07700 900463"'], found
    # Every live post on a consent is listed, a story found in it or not; a draft is not.
    listed = sorted(Path(c["file"]).stem for c in built[0]["consent"])
    assert listed == ["consented", "consented-quiet"]
    for name, why in (("consent-without-place", "no date the client signed"),
                      ("consent-aloud", "not consent in writing")):
        bad = _by_file(built[0])[name]
        assert {f["field"] for f in bad} == {"Client-consent", "body"}, bad
        consent = [f for f in bad if f["field"] == "Client-consent"]
        assert len(consent) == 1 and why in consent[0]["problem"], consent
        assert consent[0]["line"] == 2, consent       # the header line after the title


def test_a_number_in_a_static_file_is_allowed_in_the_settings_not_a_header(built):
    found = _by_file(built[0])["card.vcf"]
    phone = [f for f in found if "phone number" in f["problem"]]
    assert phone and "CONFIDENTIALITY_PUBLIC_NUMBERS" in phone[0]["fix"], found
    assert "Confidential-ok" not in phone[0]["fix"]


def test_unreadable_pdfs_are_reported_with_the_reason_and_the_fix(built):
    found = _by_file(built[0])
    assert "no text the scan can read" in found["scanned.pdf"][0]["problem"]
    assert "cannot be read" in found["broken.pdf"][0]["problem"]
    assert all("original document" in f["fix"] for f in found["broken.pdf"])


def test_a_story_fix_names_every_detail_and_each_field_its_own_line(built):
    found = _by_file(built[0])["two-lines"]
    lines = {f["field"]: f["line"] for f in found}
    assert lines == {"summary": 2, "body": 5}, found
    for f in found:
        assert f["fix"].startswith("Describe a composite with no real detail, or remove: ")
        for detail in ("Tama", "17", "Year 13"):
            assert detail in f["fix"], f["fix"]


def test_a_future_dated_post_is_called_scheduled_and_a_story_quotes_every_detail(built):
    found = _by_file(built[0])["scheduled"]
    assert {f["status"] for f in found} == {"scheduled"}
    details = found[0]["details"]
    assert "Tama" in details and any("17" in d for d in details) and \
        any("Year 13" in d for d in details), details
    assert found[0]["line"] == 4, found          # Title, Date, blank line, the story


def test_a_second_build_reads_the_cache_and_reports_the_same(built):
    cold, warm = built
    key = lambda f: json.dumps(f, sort_keys=True)  # noqa: E731
    assert sorted(map(key, warm["findings"])) == sorted(map(key, cold["findings"]))
    assert warm["consent"] == cold["consent"]


def test_make_publish_can_list_the_consented_posts(built, tmp_path):
    from tools.checks import confidential
    report = tmp_path / "report.json"
    report.write_text(json.dumps(built[0]), encoding="utf-8")
    root = Path(built[0]["consent"][0]["file"]).parents[2]
    listed = sorted(confidential.read_consent(report, root))
    assert listed == [("content/posts/consented-quiet.md", "Post consented-quiet",
                       "2 March 2026, signed form on file"),
                      ("content/posts/consented.md", "Post consented",
                       "2026-03-02, signed form in the client's record")]
    lines = confidential.consent_lines(listed)
    assert "2 post(s)" in lines[0] and "Client-consent" in lines[0]
    assert "content/posts/consented.md" in lines[2]
    assert confidential.consent_lines([]) == []
    assert confidential.read_consent(tmp_path / "missing.json", root) == []
