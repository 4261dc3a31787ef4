"""Pieces every upload target shares: the error type, the summary line, file listing."""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from tools.redact import redact  # the one redact function (publish, deploy and check)

# Exit codes of tools/deploy.py (tools/publish.py relies on them).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_SETTINGS = 2
EXIT_NO_TARGET = 3


class DeployError(Exception):
    """A failed upload or a setting that cannot work, explained for a clinician.

    `what` says what went wrong, `check` what to look at; `code` is the exit status.
    """

    def __init__(self, target, what, check, code=EXIT_FAILED):
        super().__init__(f"{target}: {what}")
        self.target, self.what, self.check, self.code = target, what, check, code

    def render(self):
        return (f"Publishing failed (target: {self.target}): {redact(self.what)}\n"
                f"What to check: {redact(self.check)}\n"
                "Your built site was left as it is.")


def required(settings, name, target, example):
    """A setting the target cannot work without, stripped; a DeployError when unset."""
    value = str(settings.get(name) or "").strip()
    if not value:
        raise DeployError(target, f"{name} is not set", f"set {name} to {example}",
                          EXIT_BAD_SETTINGS)
    return value


def diagnose(err, table, **fill):
    """(what, check) of the first row (pattern, what, check) of `table` whose pattern is
    in a tool's error output, with `fill` put into its {names}; None when none is."""
    for pattern, what, check in table:
        if re.search(pattern, err):
            return what.format(**fill), check.format(**fill)
    return None


@dataclass
class Summary:
    target: str
    uploaded: int
    deleted: int
    bytes_sent: int
    dry_run: bool = False

    def line(self):
        # One line, the same shape for every target, so people and tests can read it.
        if self.dry_run:
            return (f"Summary [{self.target}, dry run]: {self.uploaded} files would be "
                    f"uploaded, {self.deleted} would be deleted, {self.bytes_sent} bytes "
                    "would be sent; nothing was changed")
        return (f"Summary [{self.target}]: {self.uploaded} files uploaded, {self.deleted} "
                f"deleted, {self.bytes_sent} bytes sent")


def say(text=""):
    print(redact(text), flush=True)


def site_files(outputdir):
    """Every file of the built site as {posix relative path: Path}, sorted by path."""
    root = Path(outputdir)
    files = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
    return dict(sorted(files.items()))


def tail(text, lines=6):
    """The last few lines of a tool's error output, which usually name the cause."""
    kept = [line for line in str(text).strip().splitlines() if line.strip()]
    return "\n  ".join(kept[-lines:]) if kept else "(no message)"


def stderr(text):
    print(redact(text), file=sys.stderr, flush=True)
