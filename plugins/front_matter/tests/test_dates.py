"""Dates are year-month-day or refused: the rule itself, then on a real build."""

import importlib.util
from pathlib import Path

import pytest

from conftest import copy_project, run_pelican


def _load(name):
    # By path, so the test changes no import path (dates.py imports nothing relative).
    spec = importlib.util.spec_from_file_location(
        f"front_matter_{name}", Path(__file__).parents[1] / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dates = _load("dates")

ISO = ["2026-05-01", "2026-05-01 09:30", "2026-05-01 09:30:15", "2026-05-01T09:30",
       "2026-05-01T09:30:00+02:00", "2026-05-01 09:30Z", "2026-5-1", "  2026-05-01  09:30 "]
NOT_ISO = ["03/11/2026", "3/11/2026", "11.03.2026", "03-11-2026", "March 11, 2026",
           "11 March 2026", "2026/03/11", "26-05-01", "20260501", "2026-W18",
           "2026-02-30", "2026-13-01", "tomorrow", "", "2026-05-01 25:00",
           "11 mars 2026", "２０２６-０５-０１", "2026‐05‐01"]


@pytest.mark.parametrize("value", ISO)
def test_year_month_day_is_accepted(value):
    assert dates.parse_iso(value) is not None


@pytest.mark.parametrize("value", NOT_ISO)
def test_anything_else_is_refused(value):
    assert dates.parse_iso(value) is None
    message, fix = dates.refusal(value)
    assert message and fix


def test_an_ambiguous_date_shows_both_readings():
    message, fix = dates.refusal("03/11/2026")
    assert "2 ways" in message
    assert '"2026-03-11" (11 March 2026)' in fix and '"2026-11-03" (3 November 2026)' in fix


def test_the_time_is_kept_in_the_suggestion():
    _, fix = dates.refusal("03/11/2026 14:30")
    assert '"2026-03-11 14:30"' in fix and '"2026-11-03 14:30"' in fix


@pytest.mark.parametrize("value, spelled", [("13/11/2026", "2026-11-13"),
                                            ("March 11, 2026", "2026-03-11"),
                                            ("11 March 2026", "2026-03-11")])
def test_an_unambiguous_date_shows_its_one_iso_form(value, spelled):
    message, fix = dates.refusal(value)
    assert "ways" not in message
    assert f'"{spelled}"' in fix


def test_a_date_that_does_not_exist_says_so():
    message, fix = dates.refusal("2026-02-30")
    assert "is not a date" in message and "year-month-day" in fix


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
