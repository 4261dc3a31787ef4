"""The checks in report order. A finding is the plain dict of docs/plugin-contract.md
(tools/report.py); the Finding class that lived here is gone.

`Finding(check, file, line, problem, fix, source="")` remains only as a short-lived
spelling of tools.report.finding() for the check modules still written against it
(run.py, site.py, sample.py, confidential.py, check.py): it returns the dict.
"""

from tools.report import CHECK_TITLES, finding

# The pre-publish checks, in report order (their titles are the reporter's).
CHECKS = {key: CHECK_TITLES[key] for key in (
    "build", "sample", "privacy", "notice", "policy-nav", "links", "alt", "confidential")}


# The checks that read built pages: their findings' files are pages of the site.
ON_PAGES = {"privacy", "notice", "policy-nav", "links", "alt"}


def Finding(check, file, line, problem, fix, source=""):  # noqa: N802 (was a class)
    """A finding dict. `source` (the content file a built file was made from) is already
    named in the problem's words by the callers that know it."""
    page = file if check in ON_PAGES and not file.endswith((".py", ".toml")) else ""
    return finding(check, file, problem, fix, line=line, page=page)
