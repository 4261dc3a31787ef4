"""The region data (regions.json): the one loader. No Pelican here, no relative imports, so
pelicanconf.py and tools can load this file on its own (tools/practice_setup.py, the tests).

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


def go_sentence(region):
    """What to do besides calling, in the country's words: "go to the nearest A&E". The
    notice and the catalogs' extraction (catalog_messages) both make it here."""
    return "go to the nearest " + region["words"]["emergency_department"]


def catalog_messages(regions):
    """(context, message) for every text of the region data a page shows, for the
    catalogs: each line's name and note keyed by its id, the "go to the nearest ..."
    sentence, the lines' language names and the country words the theme shows."""
    found = {}
    for region in regions.values():
        found[(None, go_sentence(region))] = None
        for line in region.get("crisis", []):
            if line.get("name"):
                found[(line["id"], line["name"])] = None
            if line.get("note"):
                found[(line["id"] + " note", line["note"])] = None
            for language in line.get("languages", []):
                found[("language", language)] = None
        for key, word in region.get("words", {}).items():
            if key != "emergency_department":
                found[("country words", word)] = None
    return list(found)
