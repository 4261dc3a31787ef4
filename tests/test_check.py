"""`make check` (tools/check.py) on the sample site and on scratch copies broken on purpose.

Each run is a real production build of a real copy of the project, checked by the real
tool in a subprocess (which builds in its own process); the tests read its report and
exit status.
"""

import os
import re
import shutil
import sys
import textwrap

from conftest import ROOT, build_or_fail, copy_project, html_files, run_python, soup_of

# The scratch copies are the sample, published on purpose (tests/test_setup.py covers the
# sample check itself).
CLEAN_ENV = {**{k: v for k, v in os.environ.items() if k not in ("SITEURL", "DRY_RUN")},
             "ALLOW_SAMPLE": "1"}


def scratch(tmp_path):
    return copy_project(tmp_path / "project", tools=True)


def run_check(project, *args):
    return run_python([sys.executable, "-m", "tools.check", *args], cwd=project,
                      env=CLEAN_ENV, timeout=300)


def section(report, key_words):
    """The lines of one check's group in the report."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if key_words in line)
    end = next((i for i in range(start + 1, len(lines))
                if re.match(r"^  (ok|FAIL|--) ", lines[i])), len(lines))
    return "\n".join(lines[start:end])


def test_sample_site_has_zero_findings():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed: 0 findings." in result.stdout
    for title in ("Privacy", "Emergency notice", "Policy links", "Links", "Images",
                  "Confidentiality"):
        assert re.search(rf"^  ok    {title}", result.stdout, re.M), result.stdout
    assert "FAIL" not in result.stdout


LEAKY_POST = textwrap.dedent("""\
    Title: When the holidays are hard
    Date: 2026-01-07 10:00
    Category: Wellbeing
    Tags: grief
    Summary: A post that says far too much about a client.
    Confidential-ok: 1-503-988-4888
    Confidential-ok: no-such-text
    Confidential-ok: Maria

    Last week my client Maria called me from 503-555-0199 and wrote to maria.g@example.com.
    She was born on 4/12/1987 and lives at 42 Elm Street.
    Her SSN is 536-90-4399 and her MRN: AB12345.
    The county crisis line is 1-503-988-4888. Call or text 988, or call 911.
    Questions? Call the office at (503) 555-0142 or write to hello@harborlight.example.
    You can always tell me you are my client. I tell my clients that rest matters.

    <iframe src="https://www.youtube.com/embed/abc" title="A talk"></iframe>
    """)


def test_client_details_and_an_embed_are_reported_with_lines_and_fixes(tmp_path):
    project = scratch(tmp_path)
    (project / "content" / "posts" / "holidays.md").write_text(LEAKY_POST, encoding="utf-8")
    result = run_check(project)
    report = result.stdout
    assert result.returncode == 1, report + result.stderr

    secret = section(report, "Confidentiality")
    src = "content/posts/holidays.md"
    expected = [(10, 'a client named or pointed at ("my client Maria")'),
                (10, 'a phone number: "503-555-0199"'),
                (10, 'an email address: "maria.g@example.com"'),
                (11, 'a date of birth: "4/12/1987"'),
                (11, 'a street address: "42 Elm Street"'),
                (12, 'an ID or record number: "SSN is 536-90-4399"'),
                (12, 'an ID or record number: "MRN: AB12345"')]
    for line, what in expected:
        assert re.search(rf'{re.escape(src)} line {line}(, field "[^"]*")?: .*{re.escape(what)}', secret), \
            (what, secret)
    # Accepting one exact phone number is spelled out; a name is never offered that way.
    assert "Confidential-ok: 503-555-0199" in secret
    assert "Confidential-ok: my client" not in secret and "Confidential-ok: Maria\n" not in secret
    # The accepted number, the crisis numbers and the practice's own details are fine.
    for fine in ("988-4888", '"988"', '"911"', "555-0142", "hello@harborlight.example",
                 "you are my client"):
        assert fine not in secret, fine
    # An acceptance that matches nothing is reported, so a typo cannot hide a finding, and
    # one naming the client accepts nothing (the name finding above stays).
    assert f'{src} line 7, field "confidential-ok": "Confidential-ok: no-such-text" accepts nothing' in secret
    assert f'{src} line 8, field "confidential-ok": "Confidential-ok: Maria" accepts nothing' in secret
    assert "FAIL  Confidentiality of your posts and pages (as Pelican read them): 9 finding(s)" \
        in secret
    assert "Traceback" not in report + result.stderr

    privacy = section(report, "Privacy")
    # Named by the post the therapist fixes, and by the built page.
    assert "FAIL" in privacy and "blog/when-the-holidays-are-hard/index.html" in privacy
    assert "content/posts/holidays.md (page blog/when-the-holidays-are-hard/index.html)" \
        in privacy
    assert "https://www.youtube.com" in privacy and "Link to the video instead" in privacy
    assert re.search(r"^\d+ finding\(s\) in 2 check\(s\)\. Not ready to publish\.$", report,
                     re.M)


# Markdown ends the header at the first line it cannot read as "Key: value". The scan takes
# Pelican's word for what is header, text, draft or published, so no spelling hides a post.
HEADER_TRICKS = {
    "space-before-colon": "Title: Spring notes\nDate: 2026-03-01\nCategory: Wellbeing\n"
                          "Status : draft\n\n{story}\n",
    "odd-case": "Title: Spring notes two\nDate: 2026-03-02\nCategory: Wellbeing\n"
                "STATUS:Draft\n\n{story}\n",
    "real-draft": "Title: Spring notes three\nDate: 2026-03-03\nCategory: Wellbeing\n"
                  "Status: draft\n\n{story}\n",
    "future-date": "Title: Spring notes four\nDate: 2099-03-04\nCategory: Wellbeing\n\n"
                   "{story}\n",
}
STORY = "Sarah, 34, who works nights at Providence St. Vincent, told me in session on March 3."


def test_a_header_trick_cannot_hide_a_post_from_the_scan(tmp_path):
    project = scratch(tmp_path)
    for name, text in HEADER_TRICKS.items():
        (project / "content" / "posts" / f"{name}.md").write_text(
            text.format(story=STORY), encoding="utf-8")
    result = run_check(project)
    secret = section(result.stdout, "Confidentiality")
    assert result.returncode == 1, result.stdout + result.stderr

    # What Pelican actually published, from a production build of the same project.
    site = build_or_fail(tmp_path / "built", conf=project / "publishconf.py",
                         content=project / "content", cwd=project)
    published = {p.parent.name for p in (site / "blog").glob("*/index.html")}
    states = {}
    for name in HEADER_TRICKS:
        lines = [line for line in secret.splitlines()
                 if f"content/posts/{name}.md line" in line and "Sarah" in line]
        assert len(lines) == 1, (name, secret)
        states[name] = ("draft" if "(a draft, not yet published)" in lines[0] else
                        "scheduled" if "(scheduled: it goes live on its date)" in lines[0]
                        else "published")
    # The scan agrees with Pelican on every file: published where Pelican published it.
    for name, state in states.items():
        slug = {"space-before-colon": "spring-notes", "odd-case": "spring-notes-two",
                "real-draft": "spring-notes-three", "future-date": "spring-notes-four"}[name]
        assert (slug in published) == (state == "published"), (name, state, sorted(published))
    # The trick itself: Pelican publishes that post, and the scan says so.
    assert states["space-before-colon"] == "published"
    # A post held back only by its future date is scheduled, not a draft (issue 22).
    assert states["real-draft"] == "draft" and states["future-date"] == "scheduled"


def test_a_build_that_fails_before_the_scan_says_the_scan_did_not_run(tmp_path):
    project = scratch(tmp_path)
    (project / "content" / "posts" / "broken.md").write_text(
        "Title: Broken\nDate: 2026-03-01\nCategory: No such category\n\nText.\n",
        encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert re.search(r"^  --    Confidentiality .*: not run", result.stdout, re.M), result.stdout
    assert "Traceback" not in result.stdout


def test_a_built_folder_missing_the_notice_or_nav_on_one_page_is_caught(publish_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(publish_site, site)
    about = site / "about" / "index.html"
    fees = site / "fees" / "index.html"
    contact = site / "contact" / "index.html"
    text = about.read_text(encoding="utf-8")
    assert text.count('id="emergency-notice"') == 1
    about.write_text(text.replace('id="emergency-notice"', 'id="notice-gone"'), encoding="utf-8")
    text = fees.read_text(encoding="utf-8")
    fees.write_text(text.replace('aria-label="Policies"', 'aria-label="Links"')
                    .replace("</main>", '<p><a href="/no-such-page/">x</a> '
                             '<a href="/about/#no-such-heading">y</a> '
                             '<img src="/favicon.svg" alt="favicon.svg"> '
                             '<img src="/favicon.svg" alt=""></p></main>'), encoding="utf-8")
    text = contact.read_text(encoding="utf-8")
    # A second notice, after <main>.
    contact.write_text(text.replace("</main>", '<div id="emergency-notice">copy</div></main>'),
                       encoding="utf-8")

    result = run_check(ROOT, "--site", str(site))
    report = result.stdout
    assert result.returncode == 1, report + result.stderr
    notice = section(report, "Emergency notice")
    assert "2 finding(s)" in notice
    assert "about/index.html: this page has no emergency notice" in notice
    assert "contact/index.html line" in notice and "2 emergency notices" in notice
    nav = section(report, "Policy links")
    assert "1 finding(s)" in nav and "fees/index.html: this page has no policy links" in nav
    links = section(report, "Links")
    assert '"/no-such-page/", which does not exist' in links
    assert '"/about/#no-such-heading", but about/index.html has no element with ' \
           'id="no-such-heading"' in links
    alt = section(report, "Images")
    assert 'alt text "favicon.svg", which does not describe it' in alt
    assert "has an empty alt but is not marked as decoration" in alt
    assert "2 finding(s)" in alt


def test_a_theme_that_forgets_the_notice(tmp_path):
    project = scratch(tmp_path)
    base = project / "theme" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("{{ emergency_notice_html }}", ""),
                    encoding="utf-8")
    # The emergency_notice plugin puts the notice back when a theme leaves it out; the check
    # agrees, and the pages show that it is right to.
    result = run_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "built"
    build_or_fail(site, conf=project / "publishconf.py", content=project / "content",
                  cwd=project)
    checked = list(html_files(site))
    assert checked, "nothing to check"
    for page in checked:
        soup = soup_of(page)
        notices = soup.find_all(id="emergency-notice")
        assert len(notices) == 1, page
        assert notices[0].sourceline < soup.find("main").sourceline, page

    # Without that plugin, nothing puts it back: every page is reported.
    conf = project / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('    "emergency_notice",\n', ""),
                    encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    notice = section(result.stdout, "Emergency notice")
    pages = int(re.search(r"checks for \S+: (\d+) pages", result.stdout).group(1))
    assert f"FAIL  Emergency notice on every page (exactly one, before the main content): " \
           f"{pages} finding(s)" in notice
    assert re.search(r"404\.html, .* and \d+ more: this page has no emergency notice", notice)
