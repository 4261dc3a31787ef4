"""Run every check over a built site and its project."""

import json
from pathlib import Path

from . import sample, site as site_checks
from .model import Finding
from .project import SOURCE_MAP


def run_checks(project, site_dir, scan=None):
    """(issues, facts) for the site in site_dir, built from `project`. `scan` is the
    confidentiality plugin's result for that build (confidential.read_report); None when
    there was no build to scan (--site), and the report says the scan did not run."""
    settings = project.settings
    siteurl = settings.get("SITEURL", "")
    audit = project.privacy_guard()
    allowed, problems = audit.parse_allowed_origins(settings.get("PRIVACY_ALLOWED_ORIGINS"))
    issues = [Finding("privacy", "pelicanconf.py", 0, p, "Correct the setting.") for p in problems]

    policy = audit.AuditRules(siteurl, allowed, settings.get("THEME_STATIC_DIR", "theme"))
    for f in audit.audit_tree(str(site_dir), policy, read_source_map(site_dir)):
        issues.append(privacy_issue(f))

    site = site_checks.Site(site_dir, policy, audit.origin_of).load()
    issues += site_checks.check_pages(site)

    facts = {"pages": len(site.pages), "siteurl": siteurl}
    if scan is None:
        facts["not_run"] = {"confidential"}
    else:
        found, facts["sources"], facts["drafts"] = scan
        issues += found
    return with_sample(project, issues, facts)


def with_sample(project, issues, facts):
    """Add the sample check's findings, or count them as allowed under ALLOW_SAMPLE=1."""
    found = sample.check(project.root, project.settings)
    if sample.allowed():
        facts["sample_allowed"] = len(found)
        return issues, facts
    return found + issues, facts


def read_source_map(site_dir):
    """The build's map of built files to content files, taken out of the site folder so
    it is never published; {} when the folder was built some other way."""
    path = Path(site_dir) / SOURCE_MAP
    try:
        sources = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    path.unlink()
    return sources if isinstance(sources, dict) else {}


def privacy_issue(f):
    """A privacy finding as a check issue. The source file is part of the problem's text,
    so the report, which groups equal problems, still names every source."""
    made = f" (made from {f.source})" if f.source else ""
    return Finding("privacy", f.file, f.line, f"{f.problem}{made}", f.fix, f.source)
