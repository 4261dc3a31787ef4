"""`make check`: build the production site into a temporary folder and run the
pre-publish checks over it, with a readable report. Exit 1 if anything fails.

    python -m tools.check                  # the project this package lives in
    python -m tools.check --project DIR    # another copy of the project
    python -m tools.check --site DIR       # check an already-built folder (no build)
"""

import argparse
import sys
import tempfile
from pathlib import Path

from tools.checks import Finding, Project, confidential, format_report, run_checks
from tools.checks.run import with_sample
from tools.redact import redacting_output


def pelican_message(output):
    """Pelican's own words, without the Python traceback it adds under them."""
    lines = []
    for line in output.splitlines():
        if "Traceback (most recent call last)" in line:
            break
        if line.strip():
            lines.append(line.rstrip())
    return "\n".join(lines[-40:])


def build_and_check(project, output):
    """(issues, facts) for a fresh production build of `project` into `output`.
    The confidentiality plugin scans the posts and pages during that build and leaves its
    findings in a file beside (never inside) the site."""
    with tempfile.TemporaryDirectory(prefix="check-scan-") as scan_dir:
        report = Path(scan_dir) / "confidentiality.json"
        result = project.build(output, scan_report=report)
        scan = confidential.read_report(report, project.root)
        consent = confidential.read_consent(report, project.root)
    if result.returncode == 0:
        issues, facts = run_checks(project, output, scan)
        facts["consent"] = consent  # make publish lists these before it uploads
        return issues, facts
    message = pelican_message(result.stdout + "\n" + result.stderr)
    issues = [Finding("build", "publishconf.py", 0,
                    "the site did not build, so the checks of the built pages could not run. "
                    "Pelican said:\n" + message,
                    "Fix what Pelican names above (file and setting), then run make check again.")]
    facts = {"siteurl": project.settings.get("SITEURL", ""),
             "not_run": {"privacy", "notice", "policy-nav", "links", "alt"}}
    if scan is None:            # the build stopped before the scan could run
        facts["not_run"].add("confidential")
    else:
        found, facts["sources"], facts["drafts"] = scan
        issues += found
    return with_sample(project, issues, facts)


def main(argv=None):
    redacting_output()  # the report prints SITEURL and Pelican's words
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default=Path(__file__).resolve().parent.parent,
                        help="the project folder (default: the one holding tools/)")
    parser.add_argument("--site", help="check this built folder instead of building")
    args = parser.parse_args(argv)
    project = Project(args.project)
    if args.site:
        issues, facts = run_checks(project, Path(args.site))
    else:
        with tempfile.TemporaryDirectory(prefix="check-") as tmp:
            issues, facts = build_and_check(project, Path(tmp))
    print(format_report(issues, facts))
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())
