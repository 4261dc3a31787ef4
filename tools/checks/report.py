"""The pre-publish report (make check, make publish): the one reporter, tools/report.py,
in its check-by-check look. This module only turns the checks' facts into its arguments."""

from tools.report import format_findings

from .model import CHECKS


def format_report(issues, facts):
    """`issues`: finding dicts; `facts`: what the run knows (siteurl, pages, sources,
    drafts, not_run, sample_allowed)."""
    title = (f"Pre-publish checks for {facts.get('siteurl') or 'the site'}: "
             f"{facts.get('pages', 0)} pages, {facts.get('sources', 0)} posts and pages "
             "scanned")
    # The build's own line only when it failed (then it comes first).
    checks = {key: None for key in CHECKS
              if key != "build" or any(i["check"] == "build" for i in issues)}
    for key in facts.get("not_run", ()):
        checks[key] = ("--", "not run (no built site)")
    if facts.get("sample_allowed"):
        checks["sample"] = ("ok", f"{facts['sample_allowed']} item(s) published on "
                                  "purpose (ALLOW_SAMPLE=1)")
    notes = []
    if facts.get("drafts"):
        notes.append(f"  ({facts['drafts']} draft(s) scanned too: a draft is one step from "
                     "published, so its findings are listed, marked as a draft.)")
    return format_findings(issues, title=title, checks=checks, notes=notes)
