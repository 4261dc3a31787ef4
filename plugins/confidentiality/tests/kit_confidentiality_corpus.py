"""The scan on the labelled corpus (corpus.txt, committed before the rules it judges):
recall at least 95 %, false alarms at most 5 %, and every family of sentence from issue 12
caught or passed as labelled.

The corpus belongs to the plugin (plugins/confidentiality/tests/, also read by `make
bench-scan`); the test lives here because it judges the scan with the crisis lines the
emergency_notice plugin supplies on this project's sites.
"""

from collections import defaultdict

import pytest

from tools.scan_corpus import PRACTICES, contexts, evaluate, load_corpus
from tools.pelican_adapter import plugin_module

load_regions = plugin_module("emergency_notice.emergency_notice").load_regions

ROWS = load_corpus()
CTXS = contexts(load_regions())

POSITIVE_FAMILIES = {"name-age-workplace", "age-occupation-employer", "initials-session-date",
                     "fullname-diagnosis", "id-number", "phone", "email", "dob", "address",
                     "client-name", "disclosure"}
NEGATIVE_FAMILIES = {"statistics", "institutions", "public-figures", "crisis", "practice",
                     "generic", "everyday"}


def test_the_corpus_is_large_and_covers_every_country():
    positives = [r for r in ROWS if r[0]]
    negatives = [r for r in ROWS if not r[0]]
    assert len(positives) >= 60 and len(negatives) >= 60
    for label in (True, False):
        assert {r[1] for r in ROWS if r[0] is label} == set(PRACTICES)
    assert {r[2] for r in positives} == POSITIVE_FAMILIES
    assert {r[2] for r in negatives} == NEGATIVE_FAMILIES


def test_recall_and_false_positive_rate_meet_the_targets():
    recall, fp_rate, misses, alarms = evaluate(ROWS, CTXS)
    print(f"\nconfidentiality corpus: recall {recall:.1%}, false positives {fp_rate:.1%} "
          f"({len(misses)} missed, {len(alarms)} false alarms)")
    assert recall >= 0.95, misses
    assert fp_rate <= 0.05, alarms


@pytest.mark.parametrize("family", sorted(POSITIVE_FAMILIES | NEGATIVE_FAMILIES))
def test_every_family_is_caught_or_passed_as_labelled(family):
    from tools.pelican_adapter import plugin_module
    scan_text = plugin_module("confidentiality.scan").scan_text
    wrong = defaultdict(list)
    rows = [r for r in ROWS if r[2] == family]
    assert rows
    for label, country, _, sentence in rows:
        found = scan_text(sentence, CTXS[country])
        if bool(found) != label:
            wrong[country].append((sentence, [f.problem for f in found]))
    assert not wrong, dict(wrong)


def test_the_four_client_sentences_are_caught_and_a_decade_is_not():
    """The sentences issue 12 names, as a therapist would write them."""
    from tools.pelican_adapter import plugin_module
    scan_text = plugin_module("confidentiality.scan").scan_text
    us = CTXS["US"]
    assert scan_text("If you were born in the 1990s, you may remember dial-up.", us) == []
    for sentence in (
            "Sarah, 34, who works nights at St. Luke's, told me in session on March 3 that "
            "she feels invisible.",
            "A 29-year-old barista at Stumptown told me she has not slept in days.",
            "In our session on March 3, J.T. talked about the divorce.",
            "After Daniel Okafor was diagnosed with leukemia, his team stopped calling."):
        assert scan_text(sentence, us), sentence
