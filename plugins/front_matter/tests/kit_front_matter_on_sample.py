"""Front-matter validation, on real Pelican builds of scratch copies of the project.

One build gathers every kind of mistake at once: the build must fail a single time and
the report must name each file, line, field and a fix. Separate builds check that an
unreadable date ends in this report (not Pelican's own terse stop), also without
`--fatal errors`, and that a clean copy still builds.
"""

import gzip
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, run_pelican

# Rich wraps log lines at 80 columns when not writing to a terminal.
WIDE = {"COLUMNS": "1000"}


def write(project, relative, text):
    path = project / "content" / relative
    path.write_text(text, encoding="utf-8")
    return path


def line_no(text, starts_with):
    """The 1-based line of the test's own source text that starts with `starts_with`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(starts_with))


def output_of(result):
    """Pelican's log as plain lines (Rich pads them with spaces)."""
    return "\n".join(line.strip() for line in (result.stdout + result.stderr).splitlines())


TYPOS = """Tittle: Typos everywhere
Date: 2026-04-01 09:00
Catagory: Wellbeing
Tags: self-care
Sumary: Three misspelled fields.

Body text.
"""

BAD_DATE = """Title: A date from nowhere
Date: 2026-02-30 09:00
Category: Wellbeing
Summary: February has no 30th.

Body text.
"""

EMPTY_SUMMARY_AND_MORE = """Title: Several problems
Date: 2026-04-02 09:00
Category: Feelings
Tags: self-care, sleep
Policies: online-therapy, social-medja
Summary:

Body text.
"""

NO_TITLE = """Date: 2026-04-03 09:00
Category: Wellbeing
Summary: Nobody named this post.

Body text.
"""

BAD_STATUS = """Title: Almost published
Date: 2026-04-04 09:00
Category: Wellbeing
Status: publishd
Summary: A status with a typo.

Body text.
"""

# A page that still links, by file name, to a post that was deleted.
PAGE_WITH_DEAD_LINK = """Title: Reading list
Slug: reading-list
Summary: Posts worth reading first.

Start with [the first-session post]({filename}../posts/first-session-gone.md).
"""

PAGE_WITH_TYPO = """Title: Groups
Slug: groups
Polices: online-therapy
Summary: Group sessions.

Body text.
"""


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("broken-front-matter"))
    # Only this test's posts (the policy pages stay), so the report holds just these.
    for sample in (project / "content" / "posts").glob("*.md"):
        sample.unlink()
    files = {
        "posts/typos.md": TYPOS,
        "posts/bad-date.md": BAD_DATE,
        "posts/several.md": EMPTY_SUMMARY_AND_MORE,
        "posts/no-title.md": NO_TITLE,
        "posts/bad-status.md": BAD_STATUS,
        "pages/groups.md": PAGE_WITH_TYPO,
        "pages/reading-list.md": PAGE_WITH_DEAD_LINK,
    }
    for relative, text in files.items():
        write(project, relative, text)
    result = run_pelican(tmp_path_factory.mktemp("broken-out"), conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project, env=WIDE,
                         settings={"ALLOWED_TAGS": ["self-care", "anxiety", "stress"]})
    return result, output_of(result)


def problem(out, path, line, field):
    """The report entry for one file/line/field, with its Fix: line, or fail."""
    where = f"{path}, line {line}" if line else path
    match = re.search(rf"\d+\. {re.escape(where)}, field \"{re.escape(field)}\": (.*)\n"
                      r"Fix: (.*)", out)
    assert match, f"no report entry for {where} / {field} in:\n{out}"
    return match.group(1), match.group(2)


def test_broken_build_fails_once_with_every_problem(broken):
    result, out = broken
    assert result.returncode != 0
    # One report, counted: 3 typos in typos.md, a date, an unknown category, an unknown
    # tag, an empty summary, a missing title, a bad status, and the page's misspelled
    # field (an unknown policy key is the policies plugin's to report).
    # One report (plain Pelican prints the exception's message twice: in its log line and
    # under the traceback; tools/build.py shows it once, see tests/test_errors.py).
    assert len(set(re.findall(r"Front matter: \d+ front-matter problems", out))) == 1
    assert "Front matter: 11 front-matter problems in 7 files" in out
    # Pelican's own terse stops never happen: the files were set aside and reported.
    assert "Could not process" not in out and "Skipping" not in out


def test_a_link_to_a_deleted_file_names_the_file_that_holds_it(broken):
    _, out = broken
    line = line_no(PAGE_WITH_DEAD_LINK, "Start with")
    assert (f"content/pages/reading-list.md, line {line}: the link to "
            "\"{filename}../posts/first-session-gone.md\" "
            "points at a file that does not exist") in out


def test_misspelled_fields_name_the_right_one(broken):
    _, out = broken
    for typed, right in (("Tittle", "Title"), ("Catagory", "Category"), ("Sumary", "Summary")):
        message, fix = problem(out, "content/posts/typos.md", line_no(TYPOS, typed), typed)
        assert f'misspelling of "{right}"' in message
        assert f'"{right}:"' in fix
    message, fix = problem(out, "content/pages/groups.md", line_no(PAGE_WITH_TYPO, "Polices"),
                           "Polices")
    assert 'misspelling of "Policies"' in message
    # The typo explains the missing title and category: they are not reported twice.
    assert not re.search(r"typos\.md, field \"(Title|Category)\"", out)


def test_unreadable_date(broken):
    _, out = broken
    message, fix = problem(out, "content/posts/bad-date.md", line_no(BAD_DATE, "Date:"), "Date")
    assert '"2026-02-30 09:00" is not a date' in message
    assert "year-month-day" in fix


def test_empty_summary_unknown_category_and_tag(broken):
    _, out = broken
    path = "content/posts/several.md"
    message, fix = problem(out, path, line_no(EMPTY_SUMMARY_AND_MORE, "Summary:"), "Summary")
    assert "summary is empty" in message
    message, fix = problem(out, path, line_no(EMPTY_SUMMARY_AND_MORE, "Category:"), "Category")
    assert '"Feelings" is not in ALLOWED_CATEGORIES' in message
    assert "Therapy basics" in fix and "Wellbeing" in fix
    message, fix = problem(out, path, line_no(EMPTY_SUMMARY_AND_MORE, "Tags:"), "Tags")
    assert '"sleep" is not in ALLOWED_TAGS' in message
    assert "self-care" in fix and '"self-care" is not' not in out
    # An unknown Policies: key is the policies plugin's check, not this one's.
    assert "social-medja" not in out


def test_missing_title_and_unknown_status(broken):
    _, out = broken
    message, fix = problem(out, "content/posts/no-title.md", None, "Title")
    assert "title is missing" in message and "Title:" in fix
    message, fix = problem(out, "content/posts/bad-status.md",
                           line_no(BAD_STATUS, "Status:"), "Status")
    assert '"publishd" is not a status' in message
    assert 'did you mean "published"' in fix


def test_a_bad_date_alone_fails_with_the_report_with_or_without_fatal(tmp_path):
    project = copy_project(tmp_path / "project")
    write(project, "posts/bad-date.md", BAD_DATE)
    expected = f"content/posts/bad-date.md, line {line_no(BAD_DATE, 'Date:')}, field \"Date\""

    fatal = run_pelican(tmp_path / "out1", conf=project / "pelicanconf.py",
                        content=project / "content", cwd=project, env=WIDE)
    assert fatal.returncode != 0
    assert expected in output_of(fatal)
    assert "Could not process" not in output_of(fatal)
    # The settings keep Pelican's content cache, in the project: the next build gets the
    # file as the reader returned it, unopened, and must refuse it all the same.
    cached = [path.read_bytes() for path in
              (project / ".cache").glob("pelican*/ArticlesGenerator-Readers")]
    cached = [gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data  # GZIP_CACHE
              for data in cached]
    assert cached and b"bad-date.md" in cached[0]

    # Without --fatal errors Pelican would only log and exit 0; the plugin still fails it.
    plain = subprocess.run(
        [sys.executable, "-m", "pelican", str(project / "content"), "-o", str(tmp_path / "out2"),
         "-s", str(project / "pelicanconf.py")],
        cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, **WIDE, "PYTHONDONTWRITEBYTECODE": "1"})
    assert plain.returncode != 0
    assert expected in output_of(plain)
    assert not (tmp_path / "out2" / "index.html").exists()


def test_a_file_in_another_encoding_says_save_it_as_utf8(tmp_path):
    """Windows-1252 (Word, Notepad): the report names the file and line and the fix."""
    project = copy_project(tmp_path / "project")
    (project / "content" / "posts" / "cp1252.md").write_bytes(
        b"Title: Caf\xe9 and \x93quotes\x94\nDate: 2026-04-05\nCategory: Wellbeing\n"
        b"Summary: x\n\nText.\n")
    result = run_pelican(tmp_path / "out", conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project, env=WIDE)
    out = output_of(result)
    assert result.returncode != 0
    assert "content/posts/cp1252.md, line 1: this file is not saved as UTF-8" in out
    assert "save it as UTF-8" in out
    assert "Could not process" not in out


def test_custom_fields_can_be_declared(tmp_path):
    """A field close to a known one is accepted once FRONT_MATTER_EXTRA_FIELDS lists it."""
    project = copy_project(tmp_path / "project")
    write(project, "posts/custom.md", "Title: Custom\nDate: 2026-04-06 09:00\n"
          "Category: Wellbeing\nSummary: A custom field.\nStatuses: x\n\nText.\n")
    refused = run_pelican(tmp_path / "out1", conf=project / "pelicanconf.py",
                          content=project / "content", cwd=project, env=WIDE)
    assert refused.returncode != 0
    assert 'field "Statuses"' in output_of(refused)
    accepted = run_pelican(tmp_path / "out2", conf=project / "pelicanconf.py",
                           content=project / "content", cwd=project, env=WIDE,
                           settings={"FRONT_MATTER_EXTRA_FIELDS": ["statuses"]})
    assert accepted.returncode == 0, output_of(accepted)
    assert (tmp_path / "out2" / "blog" / "custom" / "index.html").is_file()


def test_sample_site_has_no_front_matter_problem(dev_site):
    # The session build of the real sample content passed, so the plugin found nothing;
    # make sure the plugin was really part of it.
    from pelican.settings import read_settings
    assert "front_matter" in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    assert (dev_site / "blog" / "index.html").is_file()


# Dates (the rule itself is tested in plugins/front_matter/tests/test_dates.py)

POST = """Title: Ambiguous
Date: 03/11/2026 09:00
Modified: March 12, 2026
Category: Wellbeing
Summary: A date written day-first.

Text.
"""

PAGE = """Title: Hours
Slug: hours
Modified: 12/31/2026
Summary: Office hours.

Text.
"""


def test_the_build_refuses_other_spellings_in_date_and_modified(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "posts" / "ambiguous.md").write_text(POST, encoding="utf-8")
    (project / "content" / "pages" / "hours.md").write_text(PAGE, encoding="utf-8")
    result = run_pelican(tmp_path / "out", conf=project / "pelicanconf.py",
                         content=project / "content", cwd=project, env={"COLUMNS": "1000"})
    out = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, out
    assert ('content/posts/ambiguous.md, line 2, field "Date": "03/11/2026 09:00" can be read '
            'in 2 ways') in out
    assert '"2026-03-11 09:00" (11 March 2026) or "2026-11-03 09:00" (3 November 2026)' in out
    assert ('content/posts/ambiguous.md, line 3, field "Modified": "March 12, 2026" is not '
            'written year-month-day') in out
    assert 'content/pages/hours.md, line 3, field "Modified"' in out and '"2026-12-31"' in out
    assert not (tmp_path / "out" / "index.html").exists()
