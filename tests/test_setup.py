"""`make setup` and the sample check, end to end, from a scratch copy of a fresh clone.

Each flow is what a therapist does: `make setup ANSWERS=...`, `make publish` (refused,
naming every file still marked as sample), delete the `Sample:` lines and nothing else,
`make publish` again (checks pass, output/ updated, exit 3 without an upload target). Then
every published file is searched for anything of the sample practice, of US law (outside
the US) and of other countries' crisis lines; the country's own lines must be on every
page and on Resources.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, copy_project, html_files, run_python, soup_of
from tools.pelican_adapter import plugin_module

DATA = Path(__file__).parent / "data"
REGIONS = plugin_module("emergency_notice.regions").load_regions()  # its one loader
SAMPLE_ANSWERS = tomllib.loads((SAMPLE / "practice.toml").read_text(encoding="utf-8"))
NO_TARGET = 3
US_ONLY_WORDS = ["HIPAA", "Good Faith Estimate", "No Surprises", "cms.gov/nosurprises"]


def clean_env(**extra):
    drop = ("SITEURL", "DRY_RUN", "DEPLOY", "ALLOW_SAMPLE", "PRACTICE_FILE", "ANSWERS")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("SSH_")
           and not k.startswith("S3_") and not k.startswith("GITHUB_")}
    return {**env, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200", **extra}


def fresh_clone(tmp_path):
    """The project as cloned: no content/, no practice.toml; the shared, installed venv."""
    project = copy_project(tmp_path / "project", sample_only=True, tools=True, makefile=True)
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    return project


def make(project, *args, **env):
    return subprocess.run(["make", "-s", *args], cwd=project, env=clean_env(**env),
                          capture_output=True, text=True, timeout=600)


def status(result):
    """The exit status of the tool make ran (make itself exits 2 when a recipe fails)."""
    if result.returncode == 0:
        return 0
    m = re.search(r"\] Error (\d+)", result.stderr)
    assert m, result.stderr
    return int(m.group(1))


def visible_text(path):
    """Everything a reader or a crawler gets from a published file, entities decoded."""
    return html.unescape(path.read_text(encoding="utf-8", errors="replace"))


def sample_words():
    """The sample practice's details, as they could appear in a page."""
    s = SAMPLE_ANSWERS
    jordan = s["clinicians"][0]
    return [s["practice_name"], jordan["name"], s["email"], s["street"], s["city"],
            s["site_url"].split("://")[1], s["phone"],
            re.sub(r"\D", "", s["phone"])] + jordan["practises_in"]


def other_line_names(country):
    """Crisis line names of every other region, except names this region shares (or
    that are part of one of its own: AU's "Lifeline" in the US "Suicide & Crisis
    Lifeline")."""
    own = {line["name"] for line in REGIONS[country]["crisis"] if line.get("name")}
    others = {line["name"] for code, region in REGIONS.items() if code != country
              for line in region["crisis"] if line.get("name")}
    return sorted(n for n in others if not any(n in o for o in own))


def marked_files(project):
    return sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*.md")
                  if re.search(r"^Sample:\s*yes\s*$", p.read_text(encoding="utf-8"), re.M))


def unmark(project):
    """Delete the `Sample:` lines, and nothing else."""
    for path in (project / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^Sample:.*\n", "", text, flags=re.M), encoding="utf-8")


def publish_flow(tmp_path, answers_file):
    project = fresh_clone(tmp_path)
    result = make(project, "setup", f"ANSWERS={answers_file}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "practice.toml").is_file()
    marked = marked_files(project)
    assert len(marked) >= 7, marked  # pages and policies, each still marked

    refused = make(project, "publish")
    assert status(refused) == 1, refused.stdout
    assert "Sample content still in your site" in refused.stdout
    for rel in marked:
        assert rel in refused.stdout, f"{rel} not named:\n{refused.stdout}"
    assert "Traceback" not in refused.stdout + refused.stderr
    assert not (project / "output").exists()

    unmark(project)
    passed = make(project, "publish")
    assert status(passed) == NO_TARGET, passed.stdout + passed.stderr
    assert "All checks passed" in passed.stdout
    return project, tomllib.loads(answers_file.read_text(encoding="utf-8"))


def published(project):
    files = [p for p in (project / "output").rglob("*") if p.is_file()
             and p.suffix not in (".ico", ".png", ".jpg", ".jpeg", ".webp", ".gif")]
    assert len(files) > 20
    return files


def assert_nothing_of(project, words):
    for path in published(project):
        text = visible_text(path).lower()
        for word in words:
            assert word.lower() not in text, f"{word!r} in {path.relative_to(project)}"


def assert_country_lines(project, country):
    region = REGIONS[country]
    pages = html_files(project / "output")
    assert len(pages) > 10
    names = [line["name"] for line in region["crisis"] if line.get("name")]
    # The notice stays short: the lines marked for it; Resources lists them all.
    in_notice = [line["name"] for line in region["crisis"]
                 if line.get("name") and line.get("in_notice")]
    numbers = [re.sub(r"\D", "", n) for n in region["emergency"]]
    for page in pages:
        notice = soup_of(page).find(id="emergency-notice")
        assert notice is not None, page
        hrefs = {a["href"] for a in notice.find_all("a")}
        for number in numbers:
            assert f"tel:{number}" in hrefs, page
        for name in in_notice:
            assert name in notice.get_text(), (name, page)
    resources = soup_of(project / "output" / "resources" / "index.html")
    lines = resources.select_one("main ul.crisis-lines")
    assert lines is not None
    for number in numbers:
        assert lines.find("a", href=f"tel:{number}"), number
    for name in names:
        assert name in lines.get_text(), name


def assert_own_details(project, answers):
    home = soup_of(project / "output" / "index.html")
    data = json.loads(home.find("script", type="application/ld+json").string)
    assert [(p["@type"], p["name"], p["jobTitle"]) for p in data["employee"]] == \
        [("Person", answers["clinician"], answers["job_title"])]
    assert data["name"] == answers["practice_name"]
    assert data["url"] == answers["site_url"] + "/"
    canonical = soup_of(project / "output" / "about" / "index.html").find("link",
                                                                           rel="canonical")
    assert canonical["href"].startswith(answers["site_url"] + "/")
    robots = (project / "output" / "robots.txt").read_text()
    assert f"Sitemap: {answers['site_url']}/sitemap.xml" in robots
    contact = soup_of(project / "output" / "contact" / "index.html").find("main")
    assert contact.find("a", href="mailto:" + answers["email"])
    assert answers["clinician"] in soup_of(project / "output" / "about" / "index.html").get_text()


def policy_footer(project):
    """The home page's policy nav, found by its label in the page's language (the
    catalog its `<html lang>` reads, DESIGN.md section 4)."""
    home = soup_of(project / "output" / "index.html")
    catalogs = plugin_module("languages.catalogs")
    words = catalogs.load(ROOT / "theme" / "translations", catalogs.catalog_name(
        home.html.get("lang", "en-US").replace("-", "_")))
    return home.select_one(f'footer nav[aria-label="{words.gettext("Policies")}"]').get_text(" ")


def test_canadian_practice(tmp_path):
    project, answers = publish_flow(tmp_path, DATA / "answers-ca.toml")
    assert_nothing_of(project, sample_words() + US_ONLY_WORDS + other_line_names("CA")
                      + ["Veterans", "741741"])
    assert_country_lines(project, "CA")
    assert_own_details(project, answers)
    assert not list((project / "content").glob("posts/*.md"))  # keep_sample_posts = false
    assert "Good Faith" not in policy_footer(project)


def test_us_practice_in_another_state_with_the_hipaa_notice(tmp_path):
    project, answers = publish_flow(tmp_path, DATA / "answers-us-tx.toml")
    assert_nothing_of(project, sample_words() + other_line_names("US"))
    assert_country_lines(project, "US")
    assert_own_details(project, answers)
    footer = policy_footer(project)
    assert "Notice of privacy practices" in footer and "Good Faith Estimate" in footer
    home = soup_of(project / "output" / "index.html").select_one(".home-notices")
    assert home is not None and "HIPAA" in home.get_text()


def test_gb_practice_online_only(tmp_path):
    project, answers = publish_flow(tmp_path, DATA / "answers-gb.toml")
    assert_nothing_of(project, sample_words() + US_ONLY_WORDS + other_line_names("GB")
                      + ["988", "911", "Veterans", "741741"])
    assert_country_lines(project, "GB")
    assert_own_details(project, answers)
    privacy = soup_of(project / "output" / "website-privacy" / "index.html").get_text()
    assert "UK GDPR" in privacy and "Information Commissioner" in privacy
    contact = soup_of(project / "output" / "contact" / "index.html").find("main").get_text()
    assert "online only" in contact


def test_gb_practice_that_keeps_the_sample_posts(tmp_path):
    # The sample posts, kept and unmarked, speak of this practice and this country only:
    # its emergency number, its crisis lines, its law; nothing of the sample or the US.
    answers = tmp_path / "answers.toml"
    answers.write_text((DATA / "answers-gb.toml").read_text(encoding="utf-8")
                       + "keep_sample_posts = true\n", encoding="utf-8")
    project, answers = publish_flow(tmp_path, answers)
    posts = sorted((project / "content" / "posts").glob("*.md"))
    assert len(posts) >= 10
    assert_nothing_of(project, sample_words() + US_ONLY_WORDS + other_line_names("GB")
                      + ["988", "911", "Veterans", "741741", "Portland", "business associate"])
    assert_country_lines(project, "GB")
    fit = soup_of(project / "output" / "blog" / "is-online-therapy-a-good-fit" / "index.html")
    text = " ".join(fit.find("main").get_text().split())
    assert "registered to work (England)" in text
    assert "(the UK GDPR and the Data Protection Act 2018)" in text
    quote = soup_of(project / "output" / "blog" / "quote-small-steps" / "index.html")
    assert "Alex Morgan, MBACP" in quote.find("main").get_text()


def test_without_setup_publish_refuses_the_sample_unless_allowed(tmp_path):
    project = fresh_clone(tmp_path)
    refused = make(project, "publish")
    assert refused.returncode != 0
    assert "Sample content still in your site" in refused.stdout
    assert "make setup" in refused.stdout
    assert not (project / "output").exists()
    # The make variable and the environment both say "publish the demo on purpose".
    allowed = make(project, "publish", "ALLOW_SAMPLE=1")
    assert status(allowed) == NO_TARGET, allowed.stdout + allowed.stderr
    assert "published on purpose (ALLOW_SAMPLE=1)" in allowed.stdout
    assert (project / "output" / "index.html").is_file()
    again = make(project, "publish", ALLOW_SAMPLE="1")
    assert status(again) == NO_TARGET, again.stdout + again.stderr


def test_sample_details_left_in_a_set_up_site_are_reported_once(tmp_path):
    project = fresh_clone(tmp_path)
    assert make(project, "setup", f"ANSWERS={DATA / 'answers-ca.toml'}").returncode == 0
    unmark(project)
    s = SAMPLE_ANSWERS
    post = project / "content" / "pages" / "open-house.md"
    # Other spellings of the sample's details: case, spacing, phone punctuation.
    post.write_text(f"Title: Open house\nSummary: An evening at the office.\n\n"
                    f"Come and meet us at {s['street'].upper()}.\n\n"
                    f"Ring 503.555.0142, or write to {s['email']}.\n\n"
                    f"Ask for {s['clinicians'][0]['name'].replace(' ', '  ')} at HARBOR LIGHT counseling.\n",
                    encoding="utf-8")
    result = make(project, "check")
    assert status(result) == 1
    out = result.stdout
    for label in ("address", "phone number", "email", "clinician's name", "practice's name"):
        assert label in out, label
    assert "content/pages/open-house.md" in out
    # Reported by the sample check, not again as a client's details.
    confidential = out.split("Confidentiality")[1]
    assert "open-house.md" not in confidential
    assert "Traceback" not in out + result.stderr


def test_the_sample_address_as_site_url_is_reported(tmp_path):
    project = fresh_clone(tmp_path)
    assert make(project, "setup", f"ANSWERS={DATA / 'answers-gb.toml'}").returncode == 0
    unmark(project)
    result = make(project, "check", f"SITEURL={SAMPLE_ANSWERS['site_url']}",
                  SITEURL=SAMPLE_ANSWERS["site_url"])
    assert status(result) == 1
    assert "the site's address is still the sample's" in result.stdout


@pytest.mark.parametrize("text, needles", [
    ('country = "FR"', ["country", "'FR'", "US, CA, GB, IE, AU, NZ"]),
    ('colour = "blue"', ["colour is not a known answer", "practice_name"]),
    ('hipaa_covered_entity = true', ["hipaa_covered_entity", "only to US practices"]),
    ('site_url = "mapleroom.example"', ["site_url", "https://"]),
    ('timezone = "Toronto"', ["timezone", "America/Toronto"]),
    ('keep_sample_posts = "no"', ["keep_sample_posts", "true or false"]),
    ('licensed_in = "Ontario"', []),   # a single place is accepted as a list of one
])
def test_bad_answers_are_refused_naming_the_key(tmp_path, text, needles):
    project = fresh_clone(tmp_path)
    lines = (DATA / "answers-ca.toml").read_text(encoding="utf-8").splitlines()
    key = text.split(" =")[0]
    answers = "\n".join([line for line in lines if not line.startswith(key + " ")] + [text])
    (tmp_path / "answers.toml").write_text(answers + "\n", encoding="utf-8")
    result = make(project, "setup", f"ANSWERS={tmp_path / 'answers.toml'}")
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    if not needles:
        assert result.returncode == 0, out
        return
    assert result.returncode != 0
    for needle in needles:
        assert needle in out, out
    # Nothing half-written.
    assert not (project / "practice.toml").exists() and not (project / "content").exists()


def test_missing_required_answers_and_broken_toml(tmp_path):
    project = fresh_clone(tmp_path)
    (tmp_path / "a.toml").write_text('practice_name = "X"\ncountry = "CA"\n', encoding="utf-8")
    result = make(project, "setup", f"ANSWERS={tmp_path / 'a.toml'}")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    assert "clinicians is missing" in out and "[[clinicians]]" in out
    # A clinician without the required answers: each named, with the clinician's number.
    (tmp_path / "c.toml").write_text('practice_name = "X"\ncountry = "CA"\n[[clinicians]]\n'
                                     'pronouns = "she/her"\n', encoding="utf-8")
    result = make(project, "setup", f"ANSWERS={tmp_path / 'c.toml'}")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    for key in ("name", "credentials", "job_title"):
        assert f"clinician 1, {key} is missing" in out, out
    (tmp_path / "b.toml").write_text('practice_name = "X\n', encoding="utf-8")
    result = make(project, "setup", f"ANSWERS={tmp_path / 'b.toml'}")
    assert result.returncode != 0 and "cannot be read" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_interactive_setup_keeps_current_answers_as_defaults(tmp_path):
    project = fresh_clone(tmp_path)
    assert make(project, "setup", f"ANSWERS={DATA / 'answers-ca.toml'}").returncode == 0
    before = tomllib.loads((project / "practice.toml").read_text(encoding="utf-8"))
    # Enter everywhere but the phone: every other answer stays.
    typed = [""]  # the language of the questions [en]
    answers = plugin_module("practice.answers")
    CLINICIAN_KEYS, KEYS, US_ONLY = answers.CLINICIAN_KEYS, answers.KEYS, answers.US_ONLY
    for key in KEYS:
        if key in US_ONLY:
            continue
        typed.append("+1 416 555 0100" if key == "phone" else "")
    typed.append("")  # just you, or a group? [just me]
    # The one clinician: Enter keeps each answer; "accepting new clients" was never
    # answered in this file from before groups, so it is asked for.
    typed += ["yes" if key == "accepting_new_clients" else "" for key in CLINICIAN_KEYS
              if key != "photo_alt"]
    result = run_python([sys.executable, "-m", "tools.practice_setup"], cwd=project,
                        input="\n".join(typed) + "\n", env=clean_env(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[Maple Room Therapy]" in result.stdout  # the current answer shown as default
    after = tomllib.loads((project / "practice.toml").read_text(encoding="utf-8"))
    assert after["phone"] == "+1 416 555 0100"
    assert after["clinicians"] == [{**before["clinicians"][0], "accepting_new_clients": True}]
    assert {k: v for k, v in after.items() if k not in ("phone", "clinicians")} == \
        {k: v for k, v in before.items() if k not in ("phone", "clinicians")}


def test_make_test_still_passes_after_setup(tmp_path):
    """The suite builds its own copy of the sample, whatever the user's site holds."""
    project = fresh_clone(tmp_path)
    for name in ("conftest.py", "pytest.ini"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tests", project / "tests",
                    ignore=shutil.ignore_patterns("__pycache__", "browser"))
    assert make(project, "setup", f"ANSWERS={DATA / 'answers-gb.toml'}").returncode == 0
    # The user edits a page and breaks a placeholder: the tests do not look at it.
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text() + "\nCall {{ fone }}.\n", encoding="utf-8")
    # The test that reads both of the suite's sample builds (dev and publish) and finds
    # every sample source's page in each: enough to show that the suite builds the
    # sample, not the user's site (whose broken placeholder would stop either build).
    # The rest of the suite runs in the outer `make test`; here only what setup changed.
    test = "tests/test_site.py::test_every_source_file_produced_its_page"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "-p", "no:xdist", test],
                            cwd=project, env=clean_env(), capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout, result.stdout[-3000:]


def test_interactive_setup_shows_a_clinicians_registrations_as_typed():
    """A clinician's registrations (a list of tables) are shown as the question reads
    them, `body: number; body: number`; Enter keeps them, and typing what is shown gives
    the same answer back (it once stopped setup with a TypeError)."""
    setup = plugin_module("practice.answers")  # the answers' one home, for the check
    tool = __import__("tools.practice_setup", fromlist=["ask"])
    current = setup.load(DATA / "answers-qc-group.toml", REGIONS)
    registrations = current["clinicians"][0]["registrations"]
    prompts, said = [], []

    def read(prompt):
        prompts.append(prompt)
        return ""  # Enter: keep every current answer

    raw = tool.ask(current, read=read, say=said.append)
    shown = "Ordre des psychologues du Québec (OPQ): 12345-67"
    asked = [p for p in prompts if p.startswith("Registrations")]
    assert len(asked) == 3 and f"[{shown}]" in asked[0], asked
    assert raw["clinicians"][0]["registrations"] == registrations
    assert setup.check_value("registrations", shown, keys=setup.CLINICIAN_KEYS) == \
        registrations
    two = [{"body": "OPQ", "number": "1"}, {"body": "CRPO", "number": "2"}]
    assert tool._shown(two) == "OPQ: 1; CRPO: 2"
    assert setup.check_value("registrations", tool._shown(two),
                             keys=setup.CLINICIAN_KEYS) == two
