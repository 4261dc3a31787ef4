"""The region data (regions.json): the one loader. No Pelican here, no relative imports, so
pelicanconf.py and tools can load this file on its own (tools/setup.py, the tests).

A province entry (e.g. "CA-QC") names its country in `inherits`: it starts from the
country's fields and replaces only those it gives.
"""

import json
from pathlib import Path

DATA_FILE = Path(__file__).with_name("regions.json")


def load_regions(path=DATA_FILE):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    regions = {key: value for key, value in data.items() if not key.startswith("_")}
    for key, value in regions.items():
        base = value.get("inherits")
        if base:
            regions[key] = {**regions[base], **value}
    return regions
