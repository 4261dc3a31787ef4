"""The scan on its development set (plugins/confidentiality/tests/dev: posts written as
clinicians write, labelled, in the held-out set's format; and dev/spent-heldout, the first
blind set, scored once and then tuned on), scored by tools.score_scan with real Pelican
builds and each country's practice: 100 % recall, no false alarm from the story rules,
and every caught post reported with one of its labelled details quoted.

The blind held-out set (tests/heldout2/) is never read here: it is scored once, by hand,
after the scan is frozen."""

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from tools import score_scan

DEV = ROOT / "plugins" / "confidentiality" / "tests" / "dev"
FOLDERS = [DEV / "en", DEV / "fr", DEV / "es"]
SPENT = [DEV / "spent-heldout" / lang for lang in ("en", "fr", "es")]


@pytest.fixture(scope="module")
def rows():
    return score_scan.score(FOLDERS + SPENT)       # one scoring build for both sets


def test_the_development_set_is_large_enough_and_covers_every_country():
    counts = Counter()
    for folder in FOLDERS:
        for entry in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
            assert (folder / entry["file"]).is_file(), entry["file"]
            counts[(entry["lang"], entry["label"])] += 1
            counts[(entry["lang"], entry["label"], entry["country"].upper())] += 1
    assert counts[("en", "disclosing")] >= 40 and counts[("en", "benign")] >= 40
    for country in ("US", "CA", "GB", "IE", "AU", "NZ"):
        assert counts[("en", "disclosing", country)] and counts[("en", "benign", country)]
    for lang in ("fr", "es"):
        assert counts[(lang, "disclosing")] >= 15 and counts[(lang, "benign")] >= 15


def _story(finding):
    """A story finding quotes its details. The spent set's other false alarms (a public
    service's street address or number) belong to the number and address rules, which
    this test does not tune."""
    return bool(finding.get("details"))


def test_every_disclosing_post_is_caught_and_no_benign_one_is(rows):
    out = score_scan.figures([r for r in rows if "spent" not in r["folder"]])
    misses = [(r["folder"][-16:], r["file"]) for r in rows
              if r["disclosing"] and not r["caught"]]
    alarms = [(r["folder"][-16:], r["file"], [f["problem"] for f in r["findings"]])
              for r in rows if not r["disclosing"] and r["caught"]
              and ("spent" not in r["folder"] or any(map(_story, r["findings"])))]
    assert not misses and not alarms, (misses, alarms)
    assert out["recall"][0] == out["recall"][1] > 0


def test_the_spent_set_is_whole():
    sizes = {folder.name: len(json.loads((folder / "labels.json").read_text(encoding="utf-8")))
             for folder in SPENT}
    assert sizes == {"en": 120, "fr": 60, "es": 60}


def test_each_caught_post_quotes_a_labelled_detail(rows):
    wrong = [r["file"] for r in rows if r["disclosing"] and not r["detail_quoted"]
             and "spent" not in r["folder"]]
    assert not wrong


def test_the_report_gives_wilson_intervals_per_language_and_country(rows, capsys):
    score_scan.report(rows)
    printed = capsys.readouterr().out
    for name in ("overall", "en-NZ", "fr-CA", "es-MX"):
        assert name in printed
    low, high = score_scan.wilson(16, 25)          # worked by hand: 0.4452, 0.7975
    assert round(low, 4) == 0.4452 and round(high, 4) == 0.7975
    assert score_scan.wilson(0, 0) == (0.0, 1.0)
