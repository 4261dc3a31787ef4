"""`make check`: build the production site into a temporary folder and run the
pre-publish checks over it, with a readable report. Exit 1 if anything fails.

    python -m tools.check                  # the project this package lives in
    python -m tools.check --project DIR    # another copy of the project
    python -m tools.check --site DIR       # check an already-built folder (no build)

The build runs in this process, as `make html`'s does (tools/checks/project.py): the
privacy audit runs once, in it, and every page is parsed once, by it.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from tools.checks import Project, build_and_check, check_folder, format_report
from tools.redact import redacting_output


def main(argv=None):
    redacting_output()  # the report prints SITEURL and Pelican's words
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default=Path(__file__).resolve().parent.parent,
                        help="the project folder (default: the one holding tools/)")
    parser.add_argument("--site", help="check this built folder instead of building")
    args = parser.parse_args(argv)
    project = Project(args.project)
    if args.site:
        findings, facts = check_folder(project, Path(args.site))
    else:
        with tempfile.TemporaryDirectory(prefix="check-") as tmp:
            findings, facts = build_and_check(project, Path(tmp))
    print(format_report(findings, facts))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
