"""The confidentiality scan's consent list, as `make publish` shows it before uploading.

The scan itself is the confidentiality plugin (plugins/confidentiality): it judges the posts
and pages Pelican read during the check's own build and hands its findings and this list
over through its `confidentiality_scanned` signal (tools/checks/run.py listens).
"""

import json
from pathlib import Path


def read_consent(path, project_root):
    """[(file, title, consent)] from a report file the plugin wrote for a build run on its
    own (CONFIDENTIALITY_REPORT); [] without one. Only tests read such a file: the tools
    get the list from the signal."""
    path = Path(path)
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    root = Path(project_root).resolve()
    return [(_relative(c["file"], root), c.get("title", ""), c.get("consent", ""))
            for c in data.get("consent", [])]


def _relative(path, root):
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


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
