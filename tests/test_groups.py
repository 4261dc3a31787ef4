"""Group practices: `make setup` with an answers file (tests/data/answers-*.toml), then the
production build, for a three-clinician Québec group, a two-clinician Australian group, a
solo New Zealand practice, and a practice.toml from before groups (one clinician at the
top level). Each site is set up and built once for the module; every case reads it.
"""

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import SAMPLE, copy_project, html_files, run_pelican, run_python, soup_of
from tools import practice_setup as setup_tool
from tools.pelican_adapter import plugin_module

load_regions = plugin_module("emergency_notice.regions").load_regions

DATA = Path(__file__).parent / "data"
SITES = {"qc": "answers-qc-group.toml", "au": "answers-au-group.toml",
         "nz": "answers-nz-solo.toml", "legacy": "answers-ca.toml"}


PHOTO = {"photo": "images/olivia.jpg", "photo_alt": "Olivia Chen at her desk, smiling"}
POST = ("Title: {title}\nDate: 2026-02-0{day} 09:00\nCategory: Wellbeing\nAuthor: {author}\n"
        "Summary: A short note on rest.\n\nRest is part of the work.\n")


def with_photo_and_a_former_colleague(tmp, project):
    """The Australian group, lived in: Olivia has a photo, and a clinician who left the
    practice still has a profile file and a post."""
    text = (DATA / SITES["au"]).read_text("utf-8").replace(
        'name = "Olivia Chen"\n', 'name = "Olivia Chen"\n' + "".join(
            f'{k} = "{v}"\n' for k, v in PHOTO.items()))
    answers = tmp / "answers-au.toml"
    answers.write_text(text, encoding="utf-8")
    (project / "content" / "images").mkdir(parents=True)
    shutil.copy2(SAMPLE / "content" / "images" / "quiet-room.jpg",
                 project / "content" / "images" / "olivia.jpg")
    (project / "content" / "team" / "former-colleague.md").write_text(
        "Title: Former Colleague\n\nWorked here until last year.\n", encoding="utf-8")
    posts = project / "content" / "posts"
    posts.mkdir()
    for day, author in enumerate(["Former Colleague", "Olivia Chen"], 1):
        (posts / f"note-{day}.md").write_text(
            POST.format(title=f"A note {day}", day=day, author=author), encoding="utf-8")
    return answers


def build(tmp, name):
    project = copy_project(tmp / name, sample_only=True, tools=True)
    said = []
    setup_tool.setup(project, DATA / SITES[name], read=None, say=said.append)
    if name == "au":
        setup_tool.setup(project, with_photo_and_a_former_colleague(tmp, project),
                         read=None, say=said.append)
    if name == "legacy":
        # The practice.toml of a site set up before groups: the answers file as it was.
        (project / "practice.toml").write_text((DATA / SITES[name]).read_text("utf-8"),
                                               encoding="utf-8")
    answers = tomllib.loads((DATA / SITES[name]).read_text("utf-8"))
    result = run_pelican(project / "output", conf=project / "publishconf.py",
                         content=project / "content", cwd=project,
                         env={"SITEURL": answers["site_url"]})
    assert result.returncode == 0, result.stdout + result.stderr
    return {"project": project, "out": project / "output", "said": "\n".join(said),
            "log": result.stdout + result.stderr, "answers": answers}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("groups")
    return {name: build(tmp, name) for name in SITES}


def main_pages(site):
    """The site's pages in its main language (the first of its languages, at the root):
    the words checked here are English. Another language's pages, under /<lang>/, are
    checked in their own words by tests/test_language_sites.py and test_setup_languages.py."""
    others = set(site["answers"].get("languages", [])[1:])
    return [path for path in html_files(site["out"])
            if path.relative_to(site["out"]).parts[0] not in others]


def clinicians(site):
    answers = site["answers"]
    if "clinicians" in answers:
        return answers["clinicians"]
    return [{"name": answers["clinician"], "credentials": answers["credentials"],
             "job_title": answers["job_title"]}]


def slug(name):
    return setup_tool.A.slug_of(name)


def text_of(node):
    return " ".join(node.get_text(" ").split())


GROUPS = ["qc", "au"]
ALL = ["qc", "au", "nz", "legacy"]


@pytest.mark.parametrize("name", ALL)
def test_team_page_has_a_card_per_clinician(sites, name):
    site = sites[name]
    team = soup_of(site["out"] / "team" / "index.html")
    cards = team.select("main .team > li")
    people = clinicians(site)
    assert len(cards) == len(people)
    practice_booking = site["answers"].get("booking_url")
    for card, person in zip(cards, people):
        text = text_of(card)
        assert person["name"] in text and person["credentials"] in text
        link = card.find("a", href=re.compile(rf"/team/{slug(person['name'])}/$"))
        assert link is not None and link.get_text() == person["name"]
        booking = person.get("booking_url") or practice_booking
        assert card.find("a", href=booking), (person["name"], booking)
        for language in person.get("languages", []):
            assert language in text
        if "accepting_new_clients" in person:
            expected = ("Accepting new clients" if person["accepting_new_clients"]
                        else "Not accepting new clients")
            assert expected in text
        else:
            assert "new clients" not in text.lower()
        for registration in person.get("registrations", []):
            assert registration["body"] in text and registration["number"] in text


@pytest.mark.parametrize("name", ALL)
def test_each_clinician_has_a_profile_with_structured_data(sites, name):
    site = sites[name]
    base = site["answers"]["site_url"]
    for person in clinicians(site):
        path = site["out"] / "team" / slug(person["name"]) / "index.html"
        page = soup_of(path)
        assert person["name"] in text_of(page.find("h1"))
        assert page.find("meta", property="og:type")["content"] == "profile"
        blocks = [json.loads(s.string) for s in page.find_all("script",
                                                              type="application/ld+json")]
        assert len(blocks) == 1
        ld = blocks[0]
        # Google's profile page rules: a ProfilePage whose mainEntity is a Person, name set.
        assert ld["@type"] == "ProfilePage"
        entity = ld["mainEntity"]
        assert entity["@type"] == "Person" and entity["name"] == person["name"]
        assert entity["jobTitle"] == person["job_title"]
        assert entity["url"] == f"{base}/team/{slug(person['name'])}/"
        assert entity["worksFor"] == {"@type": "Organization", "url": base + "/",
                                      "name": site["answers"]["practice_name"]}
        assert {"@type": "EducationalOccupationalCredential",
                "name": person["credentials"]} in entity["hasCredential"]
        bodies = [r["body"] for r in person.get("registrations", [])]
        assert [o["name"] for o in entity.get("memberOf", [])] == bodies
        assert entity.get("knowsLanguage", []) == person.get("languages", [])
        booking = person.get("booking_url") or site["answers"].get("booking_url")
        assert page.find("main").find("a", href=booking)
        if person.get("registrations"):
            where = REGIONS[REGION_OF[name]]["words"]["verify_at"]
            assert f"You can check it on {where}." in text_of(page.find("main"))


@pytest.mark.parametrize("name", ALL)
def test_home_page_names_each_clinician_as_an_employee(sites, name):
    site = sites[name]
    home = soup_of(site["out"] / "index.html")
    ld = json.loads(home.find("script", type="application/ld+json").string)
    assert ld["name"] == site["answers"]["practice_name"]
    assert ld["url"] == site["answers"]["site_url"] + "/"
    people = clinicians(site)
    assert [p["name"] for p in ld["employee"]] == [p["name"] for p in people]
    for entry, person in zip(ld["employee"], people):
        assert entry["@type"] == "Person" and entry["jobTitle"] == person["job_title"]


@pytest.mark.parametrize("name", ALL)
def test_every_page_has_valid_json_ld(sites, name):
    pages = main_pages(sites[name])
    assert len(pages) > 10
    for path in pages:
        for script in soup_of(path).find_all("script", type="application/ld+json"):
            data = json.loads(script.string)
            assert data["@context"] == "https://schema.org", path
            assert data.get("name") or data.get("headline") or data.get("mainEntity"), path


@pytest.mark.parametrize("name", ALL)
def test_no_names_or_credentials_run_together(sites, name):
    site = sites[name]
    people = clinicians(site)
    pages = main_pages(site)
    for path in pages:
        page = soup_of(path)
        text = " ".join(page.get_text(" ").split())
        for a in people:
            for b in people:
                if a is b:
                    continue
                assert f"{a['name']}, {b['credentials']}" not in text, path
                assert f"{a['credentials']}, {b['credentials']}" not in text, path
        if len(people) < 2:
            continue
        # Where the practice speaks of itself: at most one clinician named in each place.
        places = [page.select_one(".site-header"), page.select_one(".hero .eyebrow"),
                  page.find("meta", attrs={"name": "description"})]
        places += page.select(".site-footer__contact p, .site-footer__legal p")
        for place in filter(None, places):
            said = place.get("content", "") if place.name == "meta" else text_of(place)
            named = [p["name"] for p in people if p["name"] in said]
            assert len(named) <= 1, (path, said)


@pytest.mark.parametrize("name", ALL)
def test_footer_has_a_registration_line_per_clinician(sites, name):
    site = sites[name]
    us = site["answers"]["country"] == "US"
    for path in main_pages(site):
        lines = [text_of(p) for p in soup_of(path).select(".site-footer__registration")]
        expected = [p for p in clinicians(site)
                    if p.get("registrations") or p.get("practises_in")
                    or site["answers"].get("licensed_in")]
        assert len(lines) == len(expected), path
        for line, person in zip(lines, expected):
            assert line.startswith(person["name"] + " is "), line
            assert ("licensed" in line) == us, line
            for registration in person.get("registrations", []):
                assert f"registered with {registration['body']}" in line
                assert registration["number"] in line


def test_menu_has_team_for_a_group_only(sites):
    def menu(name):
        nav = soup_of(sites[name]["out"] / "index.html").select_one(".site-nav")
        return [a.get_text() for a in nav.find_all("a")]
    for name in GROUPS:
        assert "Team" in menu(name) and "About" in menu(name)
    assert "Team" not in menu("nz") and "About" in menu("nz")


def test_setup_writes_a_profile_file_per_clinician(sites):
    for name in ALL:
        site = sites[name]
        files = sorted(p.stem for p in (site["project"] / "content" / "team").glob("*.md"))
        expected = sorted(slug(p["name"]) for p in clinicians(site))
        assert [f for f in files if f != "former-colleague"] == expected
    qc = sites["qc"]
    # A clinician without a bio: a line to replace, marked so publish waits for it.
    amina = (qc["project"] / "content" / "team" / "amina-haddad.md").read_text("utf-8")
    assert "Sample: yes" in amina
    sophie = (qc["project"] / "content" / "team" / "sophie-tremblay.md").read_text("utf-8")
    assert "Sample:" not in sophie and "anxiety" in sophie
    written = tomllib.loads((qc["project"] / "practice.toml").read_text("utf-8"))
    assert [c["name"] for c in written["clinicians"]] == [c["name"] for c in clinicians(qc)]


def test_a_practice_toml_from_before_groups_still_builds_with_a_message(sites):
    site = sites["legacy"]
    flat = {k: "".join(site[k].split()) for k in ("said", "log")}  # a logger may wrap
    for log in flat.values():
        assert "single-clinicianform" in log and "[[clinicians]]" in log, log
        assert "Traceback" not in log
    assert "practice.tomlusesthesingle-clinicianform" in flat["log"]
    # make setup rewrote its copy in the new form (the test then put the old one back).
    assert "inthe[[clinicians]]form" in flat["said"]


def test_a_clinician_who_left_loses_profile_and_card_and_keeps_posts_unlinked(sites):
    site = sites["au"]
    out = site["out"]
    assert not (out / "team" / "former-colleague").exists()
    assert "content/team/former-colleague.md" in site["said"]  # setup names the file
    assert "former-colleague.mdisnotpublished" in "".join(site["log"].split())
    for path in html_files(out):
        page = soup_of(path)
        assert not page.find("a", href=re.compile(r"former-colleague")), path
        assert not page.find("a", href=re.compile(r"/blog/author/")), path
    old = soup_of(out / "blog" / "a-note-1" / "index.html").select_one(".post__meta")
    assert "Former Colleague" in text_of(old) and not old.find("a")
    new = soup_of(out / "blog" / "a-note-2" / "index.html").select_one(".post__meta")
    assert new.find("a", string="Olivia Chen")["href"].endswith("/team/olivia-chen/")
    # No second page per author: the profile is the author's page.
    assert not (out / "blog" / "author").exists()
    authors = soup_of(out / "blog" / "authors" / "index.html").select_one("main")
    assert [a.get_text() for a in authors.find_all("a")] == ["Olivia Chen"]


def test_photos_have_alt_text(sites):
    site = sites["au"]
    for page in (site["out"] / "team" / "index.html",
                 site["out"] / "team" / "olivia-chen" / "index.html"):
        img = soup_of(page).select_one("main img.clinician__photo")
        assert img["alt"] == PHOTO["photo_alt"]
        assert (site["out"] / PHOTO["photo"]).is_file()
    liam = soup_of(site["out"] / "team" / "liam-obrien" / "index.html")
    assert liam.select_one("main img") is None


REGIONS = load_regions()
REGION_OF = {"qc": "CA-QC", "au": "AU", "nz": "NZ", "legacy": "CA"}
# Words that belong to some countries only: (word, the countries where it may appear).
COUNTRY_WORDS = [("emergency room", {"US", "CA"}), ("licensed", {"US"}), ("license", {"US"}),
                 ("client portal", {"US"}), ("A&E", {"GB", "IE"})]


@pytest.mark.parametrize("name", ALL)
def test_every_page_speaks_its_countrys_words(sites, name):
    site = sites[name]
    country = site["answers"]["country"]
    words = REGIONS[REGION_OF[name]]["words"]
    for path in main_pages(site):
        page = soup_of(path)
        text = " ".join(page.get_text(" ").split())
        lower = text.lower()
        for word, where in COUNTRY_WORDS:
            if country not in where:
                assert word.lower() not in lower, (word, path)
        notice = text_of(page.find(id="emergency-notice"))
        assert f"go to the nearest {words['emergency_department']}" in notice, path
    home = soup_of(site["out"] / "index.html")
    booking = home.select_one(".site-footer__contact").find("a", href=site["answers"]["booking_url"])
    assert booking.get_text().lower() == words["booking_place"]


@pytest.mark.parametrize("name", ALL)
def test_resources_lists_every_crisis_line_of_the_region(sites, name):
    site = sites[name]
    region = REGIONS[REGION_OF[name]]
    lines = soup_of(site["out"] / "resources" / "index.html").select_one("main ul.crisis-lines")
    listed = text_of(lines)
    hrefs = {a["href"] for a in lines.find_all("a")}
    for line in region["crisis"]:
        assert line["name"] in listed
        for key, scheme in (("call", "tel"), ("text", "sms")):
            if line.get(key):
                digits = re.sub(r"\D", "", line[key])
                assert any(h.startswith(f"{scheme}:{digits}") for h in hrefs), (line, hrefs)
        assert len(line["languages"]) >= 1 and line["source"].startswith("https://")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", line["checked"])
        if len(line["languages"]) > 1:
            assert " and ".join(line["languages"][-2:]) in listed
    # The notice stays short: the emergency number and the lines marked for it.
    notice = soup_of(site["out"] / "index.html").find(id="emergency-notice")
    shown = [line["name"] for line in region["crisis"] if line["name"] in text_of(notice)]
    assert shown == [line["name"] for line in region["crisis"] if line["in_notice"]]
    assert 1 <= len(shown) <= 2


def test_quebec_privacy_officer_and_law(sites):
    site = sites["qc"]
    answers = site["answers"]
    officer, contact = answers["privacy_officer"], answers["privacy_officer_contact"]
    label = REGIONS["CA-QC"]["words"]["privacy_officer_label"]
    for page in ("website-privacy", "contact"):
        main = soup_of(site["out"] / page / "index.html").find("main")
        line = text_of(main.select_one(".privacy-officer"))
        assert line == f"{label}: {officer}. {contact}", line
    privacy = text_of(soup_of(site["out"] / "website-privacy" / "index.html").find("main"))
    assert "P-39.1" in privacy and "Commission d'accès à l'information" in privacy
    assert "PIPEDA" not in privacy and "Privacy Commissioner of Canada" not in privacy
    for path in main_pages(site):
        footer = soup_of(path).find("footer")
        line = footer.select_one(".site-footer__privacy-officer")
        assert line is not None and officer in text_of(line) and contact in text_of(line)
        # The policy nav holds policy links only.
        assert officer not in text_of(footer.select_one('nav[aria-label="Policies"]'))
    # Elsewhere (no answer given), no line and no empty paragraph.
    for name in ("au", "nz", "legacy"):
        for page in ("website-privacy", "contact"):
            html = soup_of(sites[name]["out"] / page / "index.html")
            assert html.select_one(".privacy-officer") is None
            assert html.select_one(".site-footer__privacy-officer") is None
            assert not [p for p in html.find("main").find_all("p") if not p.get_text(strip=True)
                        and not p.find(True)]


def test_a_quebec_practice_must_name_its_privacy_officer(tmp_path):
    lines = (DATA / SITES["qc"]).read_text("utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("privacy_officer")]
    answers = tmp_path / "answers.toml"
    answers.write_text("\n".join(kept) + "\n", encoding="utf-8")
    project = copy_project(tmp_path / "project", sample_only=True, tools=True)
    with pytest.raises(setup_tool.A.PracticeError) as stopped:
        setup_tool.setup(project, answers, read=None, say=lambda *a: None)
    message = str(stopped.value)
    for key in ("privacy_officer is missing", "privacy_officer_contact is missing", "P-39.1",
                "answers.toml"):
        assert key in message, message
    assert not (project / "practice.toml").exists() and not (project / "content").exists()
    # Ontario, the same country: not required.
    ontario = answers.read_text("utf-8").replace('region = "QC"', 'region = "ON"')
    answers.write_text(ontario, encoding="utf-8")
    setup_tool.setup(project, answers, read=None, say=lambda *a: None)
    assert (project / "practice.toml").is_file()


def test_interactive_setup_asks_just_you_or_a_group_then_each_clinician(tmp_path):
    project = copy_project(tmp_path / "project", sample_only=True, tools=True)
    typed = {"The practice's name": "Two Rivers Counselling", "Country": "nz",
             "Is the practice just you, or a group?": "group", "How many clinicians?": "2"}
    people = iter([
        {"Name": "Mere Walker", "Credentials": "MSW", "Professional title": "Social Worker",
         "Registrations": "SWRB: 12345", "Languages": "English, te reo Māori",
         "Accepting new clients?": "yes"},
        {"Name": "Tom Reid", "Credentials": "MNZAC", "Professional title": "Counsellor",
         "Accepting new clients?": "no"},
    ])
    asked, current = [], {}

    def read(prompt):
        asked.append(prompt)
        nonlocal current
        if prompt.startswith("Name"):
            current = next(people)
        for start, answer in {**typed, **current}.items():
            if prompt.startswith(start):
                return answer
        return ""

    said = []
    setup_tool.setup(project, read=read, say=said.append)
    written = tomllib.loads((project / "practice.toml").read_text("utf-8"))
    assert [c["name"] for c in written["clinicians"]] == ["Mere Walker", "Tom Reid"]
    assert written["clinicians"][0]["registrations"] == [{"body": "SWRB", "number": "12345"}]
    assert written["clinicians"][0]["languages"] == ["English", "te reo Māori"]
    assert [c["accepting_new_clients"] for c in written["clinicians"]] == [True, False]
    # The country's examples, not another country's ("MSW, RSW", "America/Toronto").
    credentials = [p for p in asked if p.startswith("Credentials")]
    assert len(credentials) == 2 and all("e.g. MSW)" in p for p in credentials)
    assert not any("Toronto" in p or "RSW" in p or "portal" in p for p in asked)
    assert "Clinician 2 of 2:" in "\n".join(said)
    assert sorted(p.name for p in (project / "content" / "team").glob("*.md")) == \
        ["mere-walker.md", "tom-reid.md"]


FIRST_PERSON_SINGULAR = re.compile(r"\b(I|I'm|I've|I'll|I'd|me|my|myself|mine)\b")


@pytest.mark.parametrize("name", GROUPS)
def test_a_group_practice_speaks_as_we(sites, name):
    out = sites[name]["out"]
    pages = ["about", "contact", "services", "online-therapy", "online-therapy-policy",
             "electronic-communication-policy", "social-media-policy", "index.html"]
    for page in pages:
        path = out / page if page.endswith(".html") else out / page / "index.html"
        main = soup_of(path).find("main")
        found = FIRST_PERSON_SINGULAR.findall(text_of(main))
        assert not found, (page, found)
    about = soup_of(out / "about" / "index.html")
    assert text_of(about.find("h1")) == "About us"
    assert about.find("main").find("a", href="../team/")
    # The client's own questions keep the client's voice.
    assert "Does my plan cover therapy" in text_of(soup_of(out / "fees" / "index.html"))


def test_a_solo_practice_speaks_as_i(sites):
    about = soup_of(sites["nz"]["out"] / "about" / "index.html")
    assert text_of(about.find("h1")) == "About me"
    assert "Hello, I am Aroha Ngata" in text_of(about.find("main"))


def test_a_photo_that_cannot_be_used_stops_the_build_with_one_message(tmp_path):
    """Each bad photo answer is named, with the clinician and the fix, in one block, the
    way make html shows it (tools.build), without a traceback."""
    import os
    import sys
    project = copy_project(tmp_path / "site", tools=True)  # make html runs its tools/
    toml = project / "practice.toml"
    text = toml.read_text("utf-8").replace(
        'name = "Jordan Reyes"\n',
        'name = "Jordan Reyes"\nphoto = "images/jordan.jpg"\nphoto_alt = "Jordan"\n')
    text += ('\n[[clinicians]]\nname = "Sam Lee"\ncredentials = "LPC"\n'
             'job_title = "Licensed Professional Counselor"\naccepting_new_clients = true\n'
             'photo = "../../etc/passwd.jpg"\nphoto_alt = "Sam"\n')
    toml.write_text(text, encoding="utf-8")
    env = {**os.environ, "COLUMNS": "80", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PRACTICE_FILE", None)
    result = run_python([sys.executable, "-m", "tools.build", "content", "-o",
                         str(project / "output"), "-s", "pelicanconf.py"], cwd=project,
                        env=env)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    flat = " ".join(out.split())
    assert ('practice.toml, field "clinician 1 (Jordan Reyes), photo": '
            "content/images/jordan.jpg does not exist") in flat
    assert ('practice.toml, field "clinician 2 (Sam Lee), photo": the photo is '
            "'../../etc/passwd.jpg'") in flat
    assert "content/images/" in flat
    assert not (project / "output" / "index.html").exists()


BASE = 'practice_name = "X"\ncountry = "AU"\n'
ONE = ('[[clinicians]]\nname = "Ana Lima"\ncredentials = "MPsych"\njob_title = "Psychologist"\n'
       'accepting_new_clients = true\n')


@pytest.mark.parametrize("text, needles", [
    # Odd shapes of the list and its tables.
    (BASE + 'clinicians = "Ana Lima"\n', ["clinicians must be one or more [[clinicians]]"]),
    (BASE + "clinicians = []\n", ["clinicians must be one or more"]),
    (BASE + 'clinicians = ["Ana"]\n', ["clinician 1", "must be a [[clinicians]] table"]),
    (BASE + ONE + 'colour = "blue"\n', ["clinician 1 (Ana Lima), colour is not a known answer",
                                        "pronouns"]),
    (BASE + ONE.replace("true", '"yes"'), ["accepting_new_clients is 'yes'", "true or false"]),
    (BASE + ONE + 'registrations = "Ahpra PSY0001234567"\n', ["registrations must be a list",
                                                             'number = "PSY0001234567"']),
    (BASE + ONE + 'registrations = [{ body = "Ahpra", numbre = "1" }]\n',
     ["registrations must be a list"]),
    (BASE + ONE + 'registrations = [{ body = "", number = "1" }]\n',
     ["registrations must be a list"]),
    (BASE + ONE + 'languages = "English, Greek"\n', []),  # typed as one line: a list of two
    (BASE + ONE + 'booking_url = "javascript:alert(1)"\n', ["booking_url", "https://"]),
    (BASE + ONE + 'photo = "images/a.jpg"\n', ["photo_alt is missing"]),
    # Two clinicians whose profiles would share an address.
    (BASE + ONE + ONE.replace("Ana Lima", "ANA  lima"), ["clinician 2 (ANA lima)",
                                                          "same as clinician 1's"]),
    (BASE + ONE + ONE.replace("Ana Lima", "Aña Lima"), ["same as clinician 1's"]),
    (BASE + ONE.replace("Ana Lima", "!!!"), ["name needs at least one letter"]),
    # The old form and the new at once: which to keep is the therapist's call.
    (BASE + 'clinician = "Ana Lima"\n' + ONE, ["both [[clinicians]] and the older"]),
    (BASE, ["clinicians is missing"]),
])
def test_clinician_answers_are_checked(tmp_path, text, needles):
    answers = tmp_path / "answers.toml"
    answers.write_text(text, encoding="utf-8")
    project = copy_project(tmp_path / "project", sample_only=True, tools=True)
    if not needles:
        setup_tool.setup(project, answers, read=None, say=lambda *a: None)
        written = tomllib.loads((project / "practice.toml").read_text("utf-8"))
        assert written["clinicians"][0]["languages"] == ["English", "Greek"]
        return
    with pytest.raises(setup_tool.A.PracticeError) as stopped:
        setup_tool.setup(project, answers, read=None, say=lambda *a: None)
    message = " ".join(str(stopped.value).split())
    assert "answers.toml" in message
    for needle in needles:
        assert needle in message, message
    assert not (project / "practice.toml").exists() and not (project / "content").exists()


def test_a_registration_number_in_the_wrong_form_is_refused(tmp_path):
    answers = tmp_path / "answers.toml"
    answers.write_text(BASE + ONE + 'registrations = [{ body = "Ahpra", number = "12345" }, '
                       '{ body = "PACFA", number = "23456" }]\n', encoding="utf-8")
    project = copy_project(tmp_path / "project", sample_only=True, tools=True)
    with pytest.raises(setup_tool.A.PracticeError) as stopped:
        setup_tool.setup(project, answers, read=None, say=lambda *a: None)
    message = " ".join(str(stopped.value).split())
    assert "'12345' is not in the form of Ahpra numbers (like PSY0001234567)" in message
    assert "PACFA" not in message  # a body whose numbers the data does not know
    # Spaces and lower case are the same number.
    answers.write_text(BASE + ONE + 'registrations = [{ body = "Ahpra", number = '
                       '"psy 000 123 4567" }]\n', encoding="utf-8")
    setup_tool.setup(project, answers, read=None, say=lambda *a: None)
    written = tomllib.loads((project / "practice.toml").read_text("utf-8"))
    assert written["clinicians"][0]["registrations"][0]["number"] == "PSY0001234567"
