"""`make score-scan`: how the confidentiality scan does on a labelled folder of posts.

    .venv/bin/python -m tools.score_scan plugins/confidentiality/tests/dev/en [DIR...]
    .venv/bin/python -m tools.score_scan DIR --json scores.json

Each DIR holds posts (`<lang>-<country>-<d|b>-<nn>.md`), `labels.json` (file, lang,
country, label "disclosing" or "benign", details: the exact spans that identify someone,
optional practice) and `practices.json` (the fictional practices the posts were written
for: matched by country, or by the label's "practice" id). The posts of each practice are
built with Pelican and the real plugin, that practice's details passed as PRACTICE and
every region's crisis lines as the emergency_notice plugin supplies them, exactly as
`make check` builds a site. A post is caught when the scan reports anything in it.

Printed: recall and false-alarm rate overall, per language and per country, each with its
Wilson 95 % confidence interval; the misses and the false alarms by file; for caught posts,
whether one of the labelled details was among the details the scan quoted.
"""

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONF = """\
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = []
STATIC_PATHS = []
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
SLUGIFY_SOURCE = "basename"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
CACHE_CONTENT = False
CONFIDENTIALITY_CACHE = False
"""


def wilson(hits, total, z=1.96):
    """(low, high) of the Wilson score interval for hits/total."""
    if not total:
        return 0.0, 1.0
    p = hits / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    scale = 1 + z * z / total
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def practice_settings(practice, lang):
    """A practices.json entry as the PRACTICE setting a site would have."""
    clinicians = practice.get("clinicians") or []
    first = clinicians[0] if clinicians else {}
    return {
        "name": practice.get("name", ""),
        "clinician": first.get("name", "") if isinstance(first, dict) else str(first),
        "credentials": first.get("credentials", "") if isinstance(first, dict) else "",
        "clinicians": clinicians, "staff": practice.get("staff") or [],
        "street": practice.get("street") or practice.get("street_address", ""),
        "suburb": practice.get("suburb", ""),
        "city": practice.get("town", ""),
        "region": practice.get("region") or practice.get("province")
        or practice.get("state", ""),
        "postal_code": practice.get("postcode") or practice.get("postal_code", ""),
        "phone": practice.get("phone", ""), "email": practice.get("email", ""),
        "url": practice.get("url") or practice.get("site_url", ""),
        "country": str(practice.get("country", "")).upper(),
    }


def groups_of(folder):
    """{practice key: (PRACTICE settings, [label entries])} for one labelled folder."""
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    practices = json.loads((folder / "practices.json").read_text(encoding="utf-8"))
    by_id = {p["id"]: p for p in practices if "id" in p}
    by_country = {str(p.get("country", "")).upper(): p for p in practices}
    groups = {}
    for entry in labels:
        practice = by_id.get(entry.get("practice")) if entry.get("practice") else None
        practice = practice or by_country.get(str(entry.get("country", "")).upper())
        if practice is None:
            raise SystemExit(f"{folder}/labels.json: no practice for {entry['file']}")
        key = practice.get("id") or str(practice.get("country")).upper()
        settings = practice_settings(practice, entry.get("lang"))
        groups.setdefault(key, (settings, []))[1].append(entry)
    return groups


def prepare(folder, settings, entries, site, regions):
    """A scratch site for one practice's posts; returns its build job."""
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for entry in entries:
        shutil.copy(folder / entry["file"], posts / entry["file"])
    (site / "conf.py").write_text(CONF + f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                                  'PLUGINS = ["confidentiality"]\n', encoding="utf-8")
    return {"conf": str(site / "conf.py"), "content": str(site / "content"),
            "output": str(site / "output"), "report": str(site / "report.json"),
            "settings": {"PRACTICE": settings, "EMERGENCY_NOTICE_REGIONS": regions,
                         "CONFIDENTIALITY_REPORT": str(site / "report.json")}}


def run_jobs(path):
    """Build every job of a jobs file with Pelican, one after another in this process
    (the child `score` starts): one start-up for all the practices. Pelican loads a
    plugin once per process and its receiver once, so each build runs the scan once,
    with that build's settings."""
    from pelican import Pelican
    from pelican.settings import read_settings
    for job in json.loads(Path(path).read_text(encoding="utf-8")):
        override = dict(job["settings"], PATH=job["content"], OUTPUT_PATH=job["output"])
        Pelican(read_settings(job["conf"], override=override)).run()


def build_all(jobs, workdir):
    """{report path: {file name: [findings]}} for every job, from real Pelican builds."""
    jobs_file = Path(workdir) / "jobs.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    # From the project root, where `python -m` finds tools/ (every job's path is absolute).
    result = subprocess.run([sys.executable, "-m", "tools.score_scan", "--jobs",
                             str(jobs_file)], cwd=ROOT, capture_output=True,
                            text=True, timeout=1800)
    out = {}
    for job in jobs:
        report = Path(job["report"])
        if result.returncode != 0 or not report.exists():
            raise SystemExit(f"The scoring build failed ({job['content']}):\n"
                             + result.stdout[-3000:] + result.stderr[-3000:])
        found = defaultdict(list)
        for f in json.loads(report.read_text(encoding="utf-8"))["findings"]:
            found[Path(f["file"]).name].append(f)
        out[job["report"]] = found
    return out


def _norm(text):
    return " ".join(str(text).split()).casefold()


def detail_quoted(details, findings):
    """Whether any labelled detail is among the details the scan quoted (or its message
    quotes it)."""
    quoted = [_norm(q) for f in findings for q in f.get("details") or []]
    messages = [_norm(f.get("problem", "")) for f in findings]
    for detail in map(_norm, details):
        if any(q and (q in detail or detail in q) for q in quoted):
            return True
        if any(detail in m for m in messages):
            return True
    return False


def score(folders):
    """Every labelled post with what the scan found in it."""
    from tools.pelican_adapter import plugin_module
    regions = plugin_module("emergency_notice.regions").load_regions()
    groups, rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in map(Path, folders):
            for settings, entries in groups_of(folder).values():
                site = Path(tmp) / f"site{len(groups)}"
                groups.append((folder, entries, prepare(folder, settings, entries, site,
                                                        regions)))
        results = build_all([job for _, _, job in groups], tmp)
        for folder, entries, job in groups:
            found = results[job["report"]]
            for entry in entries:
                findings = found.get(entry["file"], [])
                rows.append({"file": entry["file"], "folder": str(folder),
                             "lang": entry.get("lang", ""),
                             "country": str(entry.get("country", "")).upper(),
                             "disclosing": entry["label"] == "disclosing",
                             "caught": bool(findings),
                             "detail_quoted": detail_quoted(entry.get("details") or [],
                                                            findings),
                             "findings": findings})
    return rows


def figures(rows):
    """{"recall": (hits, total, low, high), "false_alarms": (...)} for some rows."""
    pos = [r for r in rows if r["disclosing"]]
    neg = [r for r in rows if not r["disclosing"]]
    caught = sum(r["caught"] for r in pos)
    alarms = sum(r["caught"] for r in neg)
    return {"recall": (caught, len(pos), *wilson(caught, len(pos))),
            "false_alarms": (alarms, len(neg), *wilson(alarms, len(neg)))}


def _line(name, fig):
    def one(label, hits, total, low, high):
        rate = hits / total if total else 0.0
        return f"{label} {hits}/{total} = {rate:6.1%} [{low:5.1%}, {high:5.1%}]"
    return f"  {name:<10} " + one("recall", *fig["recall"]) + "   " + \
        one("false alarms", *fig["false_alarms"])


def report(rows, out=None):
    out = out or sys.stdout
    print("Confidentiality scan, scored on labelled posts (Wilson 95% intervals)", file=out)
    print(_line("overall", figures(rows)), file=out)
    for lang in sorted({r["lang"] for r in rows}):
        print(_line(lang, figures([r for r in rows if r["lang"] == lang])), file=out)
    for lang, country in sorted({(r["lang"], r["country"]) for r in rows}):
        subset = [r for r in rows if r["lang"] == lang and r["country"] == country]
        print(_line(f"{lang}-{country}", figures(subset)), file=out)
    misses = [r for r in rows if r["disclosing"] and not r["caught"]]
    alarms = [r for r in rows if not r["disclosing"] and r["caught"]]
    wrong = [r for r in rows if r["disclosing"] and r["caught"] and not r["detail_quoted"]]
    print(f"Missed ({len(misses)}):", file=out)
    for r in misses:
        print(f"  {r['file']}", file=out)
    print(f"False alarms ({len(alarms)}):", file=out)
    for r in alarms:
        print(f"  {r['file']}: " + " | ".join(f["problem"][:160] for f in r["findings"]),
              file=out)
    caught = [r for r in rows if r["disclosing"] and r["caught"]]
    print(f"Caught with a labelled detail quoted: {len(caught) - len(wrong)}/{len(caught)}",
          file=out)
    for r in wrong:
        print(f"  not quoted: {r['file']}: "
              + " | ".join(f["problem"][:160] for f in r["findings"]), file=out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", help="labelled folders (labels.json inside)")
    parser.add_argument("--json", help="also write every post's result to this file")
    parser.add_argument("--jobs", help=argparse.SUPPRESS)     # the child's build list
    args = parser.parse_args(argv)
    if args.jobs:
        run_jobs(args.jobs)
        return 0
    for folder in args.folders:
        if not (Path(folder) / "labels.json").is_file():
            raise SystemExit(f"{folder}: no labels.json here")
    rows = score(args.folders)
    report(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
