"""The confidentiality scan's findings in the check report.

The scan itself is the confidentiality plugin (plugins/confidentiality): it judges the posts
and pages Pelican read during make check's own build and writes its findings to the JSON
file named by CONFIDENTIALITY_REPORT. This module only turns that file into Findings.
"""

import json
from pathlib import Path

from .model import Finding


def read_report(path, project_root):
    """(issues, scanned, drafts) from the plugin's report, or None when the build never
    got as far as the scan (no report written)."""
    path = Path(path)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    root = Path(project_root).resolve()
    issues = []
    for f in data.get("findings", []):
        source = Path(f["file"])
        try:
            source = source.resolve().relative_to(root).as_posix()
        except ValueError:
            source = str(source)
        draft = {"draft": "(a draft, not yet published) ",
                 "scheduled": "(scheduled: it goes live on its date) "}.get(f.get("status"), "")
        issues.append(Finding("confidential", source, int(f.get("line") or 0),
                            draft + f["problem"], f["fix"]))
    return issues, int(data.get("scanned", 0)), int(data.get("drafts", 0))


def _relative(path, root):
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_consent(path, project_root):
    """[(file, title, consent)] for every post whose story is published on the client's
    written consent (its Client-consent header), from the plugin's report; [] without one.
    `make publish` lists them before it uploads (consent_lines)."""
    path = Path(path)
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    root = Path(project_root).resolve()
    return [(_relative(c["file"], root), c.get("title", ""), c.get("consent", ""))
            for c in data.get("consent", [])]


def consent_lines(consented):
    """The lines `make publish` prints before uploading, so no consented story goes out
    unnoticed: each post, its title and the consent it cites."""
    if not consented:
        return []
    lines = [f"{len(consented)} post(s) publish a client's story on their written consent "
             "(Client-consent). Check each consent is signed, current and on file:"]
    lines += [f"  {source}: \"{title}\" (Client-consent: {consent})"
              for source, title, consent in consented]
    return lines
