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
        draft = "(a draft, not yet published) " if f.get("status") == "draft" else ""
        issues.append(Finding("confidential", source, int(f.get("line") or 0),
                            draft + f["problem"], f["fix"]))
    return issues, int(data.get("scanned", 0)), int(data.get("drafts", 0))
