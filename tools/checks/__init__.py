"""The pre-publish checks behind `make check` and `make publish`.

Each check takes the built site (and the project it came from) and returns findings (the
dicts of docs/plugin-contract.md); the one reporter, tools/report.py, groups them by check. The privacy audit is privacy_guard's own code, imported from
the project's plugins/ folder, so the build and the checks can never disagree.
"""

from .model import CHECKS, Finding  # noqa: F401  (Finding makes a finding dict)
from .project import Project  # noqa: F401
from .run import run_checks  # noqa: F401
from .report import format_report  # noqa: F401
