"""The readable report: grouped by check, with counts, each finding with file, line,
problem and fix. The same problem on many pages (a footer link, say) is told once."""

from .model import CHECKS


def _where(items):
    places = [f"{i.file}" + (f" line {i.line}" if i.line else "") for i in items]
    if len(places) > 3:
        return ", ".join(places[:3]) + f" and {len(places) - 3} more"
    return ", ".join(places)


def format_report(issues, facts):
    lines = [f"Pre-publish checks for {facts.get('siteurl') or 'the site'}: "
             f"{facts.get('pages', 0)} pages, {facts.get('sources', 0)} posts and pages "
             "scanned", ""]
    failed = 0
    for key, title in CHECKS.items():
        mine = [i for i in issues if i.check == key]
        if key == "build" and not mine:
            continue
        if key in facts.get("not_run", ()):
            lines.append(f"  --    {title}: not run (no built site)")
            continue
        if key == "sample" and facts.get("sample_allowed"):
            lines.append(f"  ok    {title}: {facts['sample_allowed']} item(s) published on "
                         "purpose (ALLOW_SAMPLE=1)")
            continue
        if not mine:
            lines.append(f"  ok    {title}")
            continue
        failed += 1
        lines.append(f"  FAIL  {title}: {len(mine)} finding(s)")
        groups = {}
        for issue in mine:
            groups.setdefault((issue.problem, issue.fix), []).append(issue)
        for (problem, fix), items in groups.items():
            problem = problem.replace("\n", "\n            ")
            if key == "sample":  # every file named: each one needs the therapist's eyes
                lines.append(f"        - {problem}:")
                lines += [f"            {i.file}" + (f" line {i.line}" if i.line else "")
                          for i in items]
            else:
                lines.append(f"        - {_where(items)}: {problem}")
            lines.append(f"          Fix: {fix}")
    if facts.get("drafts"):
        lines.append(f"\n  ({facts['drafts']} draft(s) scanned too: a draft is one step from "
                     "published, so its findings are listed, marked as a draft.)")
    lines.append("")
    if issues:
        lines.append(f"{len(issues)} finding(s) in {failed} check(s). Not ready to publish.")
    else:
        lines.append("All checks passed: 0 findings.")
    return "\n".join(lines)
