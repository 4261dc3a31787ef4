"""The checks in report order. A finding is the plain dict of docs/plugin-contract.md
(tools/report.py).
"""

from tools.report import CHECK_TITLES

# The pre-publish checks, in report order (their titles are the reporter's).
CHECKS = {key: CHECK_TITLES[key] for key in (
    "build", "sample", "privacy", "notice", "policy-nav", "links", "alt", "confidential")}

