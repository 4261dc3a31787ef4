"""The confidentiality scan's labelled corpus and how the scan does on it: measured by
`make bench-scan` and judged by `plugins/confidentiality/tests/kit_confidentiality_corpus.py`.

The sentences stay with the plugin's tests (plugins/confidentiality/tests/corpus.txt and
corpus_practices.json, data only); this reader and scorer live here, in tools/, so that
no tool imports a test module.
"""

import json
from pathlib import Path

from tools.pelican_adapter import plugin_module

_scan = plugin_module("confidentiality.scan")  # tools may import plugins
Context, scan_text = _scan.Context, _scan.scan_text

HERE = Path(__file__).resolve().parent.parent / "plugins" / "confidentiality" / "tests"


def load_corpus(path=HERE / "corpus.txt"):
    """[(label, country, family, sentence)] with label True for a sentence to report."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        head, sep, sentence = line.partition(" | ")
        sign, country, family = head.split()
        assert sep and sign in "+-" and country in PRACTICES, f"corpus.txt line {number}"
        rows.append((sign == "+", country, family, sentence.strip()))
    return rows


PRACTICES = {k: v for k, v in json.loads(
    (HERE / "corpus_practices.json").read_text(encoding="utf-8")).items()
    if not k.startswith("_")}


def contexts(regions):
    """A scan Context per country: that country's practice, and every region's crisis
    lines as the emergency_notice plugin loads them (`regions`)."""
    return {country: Context.from_settings({"PRACTICE": practice,
                                            "EMERGENCY_NOTICE_REGIONS": regions,
                                            "EMERGENCY_REGION": country})
            for country, practice in PRACTICES.items()}


def evaluate(rows, ctxs):
    """(recall, false-positive rate, misses, false alarms)."""
    misses, alarms, positives, negatives = [], [], 0, 0
    for label, country, family, sentence in rows:
        found = scan_text(sentence, ctxs[country])
        if label:
            positives += 1
            if not found:
                misses.append((country, family, sentence))
        else:
            negatives += 1
            if found:
                alarms.append((country, family, sentence, [f.problem for f in found]))
    return (1 - len(misses) / positives, len(alarms) / negatives, misses, alarms)
