"""Dates are year-month-day or refused: the rule itself (the build test is in
tests/kit_front_matter_on_sample.py)."""

import pytest

from .. import dates

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
