"""The one reporter: a list of findings as the text `make html`, `make check` and
`make publish` print.

    format_findings(findings, *, title=None, checks=None, notes=()) -> str

A finding is plain data, a dict with exactly the keys of FINDING_KEYS (see
docs/plugin-contract.md, "The finding"): check, file, line, field, what, fix, page.
Plugins build these dicts themselves (a plugin never imports this module); tools may use
`finding()` below to make one.

- `findings`: the list of finding dicts, in any order; nothing in it is ever left out.
- `title`: an optional first line (e.g. "Pre-publish checks for https://...: 40 pages").
- `checks`: None for the build's look: only the checks that found something, each under
  its title with the number of problems and files. Or a dict, in report order, of the
  checks that were meant to run, for the pre-publish look: every check gets a line, "ok"
  or "FAIL" by its findings; a value of None means "judge by the findings", a value
  (mark, note) shows that mark and note instead, e.g. ("--", "not run (no built site)")
  or ("ok", "3 item(s) published on purpose (ALLOW_SAMPLE=1)"). Findings of a check
  not in the dict are still shown, after the others. The look ends with a summary line.
- `notes`: lines printed after the checks, before the summary (pre-publish look only).

Findings are grouped by check (CHECK_TITLES' order, then unknown checks as met), then
by what and fix, so the same problem is said once with its places on one line: on many
built pages (a footer link from a template), three pages and how many more; in more than
three source files, every file on a line of its own, since each must be opened.
"""

# The checks, in report order, with the title each is shown under. One key per plugin or
# check; a finding with a key not here is shown under the key itself.
CHECK_TITLES = {
    "build": "The production build",
    "settings": "Settings (pelicanconf.py)",
    "content": "Files Pelican could not read",
    "theme": "The theme's templates",
    "sample": "Sample content still in your site (the kit's fictional practice)",
    "front-matter": "Front matter",
    "practice": "Your practice's details (practice.toml) and {{ placeholders }}",
    "privacy": "Privacy: nothing loads from another website, no scripts run",
    "notice": "Emergency notice on every page (exactly one, before the main content)",
    "policies": "Policies",
    "policy-nav": "Policy links in the footer of every page",
    "links": "Links, #anchors and files that the pages point to exist",
    "alt": "Images have a meaningful text alternative (alt)",
    "confidential": "Confidentiality of your posts and pages (as Pelican read them)",
    "photos": "Photos",
    "documents": "Documents",
    "share": "Share buttons",
    "post-extras": "Post extras (reading time, related posts)",
    "sitemap": "Sitemap",
}

FINDING_KEYS = ("check", "file", "line", "field", "what", "fix", "page")

# More places than this for one problem: on built pages, name these and count the rest;
# in source files, name every one on a line of its own.
SHOWN_PLACES = 3


def finding(check, file, what, fix, *, line=0, field="", page=""):
    """A finding dict with every key, for tools (plugins write the dict literally)."""
    return {"check": check, "file": file, "line": int(line or 0), "field": field,
            "what": what, "fix": fix, "page": page}


def is_finding(value):
    """True when `value` has exactly the finding's keys, each of the right type."""
    if not isinstance(value, dict) or set(value) != set(FINDING_KEYS):
        return False
    return isinstance(value["line"], int) and not isinstance(value["line"], bool) and \
        value["line"] >= 0 and all(isinstance(value[k], str) for k in FINDING_KEYS
                                   if k != "line") and \
        all(value[k].strip() for k in ("check", "file", "what", "fix"))


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def place(f):
    """Where one finding is: `content/posts/x.md line 3, field "Date"`, and the built
    page when that is not the file itself."""
    text = f["file"] + (f" line {f['line']}" if f.get("line") else "")
    if f.get("field"):
        text += f", field \"{f['field']}\""
    if f.get("page") and f["page"] != f["file"]:
        text += f" (page {f['page']})"
    return text


def _on_built_pages(items):
    """The findings name only built pages (no source file): a template's doing, so a few
    examples say it; source files are each named."""
    return all(i.get("page") and i["page"] == i["file"] for i in items)


def _by_check(findings):
    groups = {}
    for f in findings:
        groups.setdefault(f["check"], []).append(f)
    order = [k for k in CHECK_TITLES if k in groups]
    return {k: groups[k] for k in order + [k for k in groups if k not in CHECK_TITLES]}


def _items(findings, indent):
    """Each distinct problem once, with every place it is (or a few, on built pages),
    then its fix. Lines are indented by `indent`."""
    pad, more = " " * indent, " " * (indent + 4)
    groups = {}
    for f in sorted(findings, key=lambda f: (f["file"], f["line"], f["field"])):
        groups.setdefault((f["what"], f["fix"]), []).append(f)
    lines = []
    for (what, fix), items in groups.items():
        what = what.replace("\n", "\n" + more)
        places = list(dict.fromkeys(place(i) for i in items))
        if len(places) > SHOWN_PLACES and not _on_built_pages(items):
            # Many source files: each named, one a line, since each must be opened.
            lines.append(f"{pad}- {what}:")
            lines += [f"{more}{p}" for p in places]
        else:
            comma = any("," in p for p in places)
            shown = ("; " if comma else ", ").join(places[:SHOWN_PLACES])
            if len(places) > SHOWN_PLACES:
                shown += f" and {len(places) - SHOWN_PLACES} more"
            lines.append(f"{pad}- {shown}: {what}")
        lines.append(f"{pad}  Fix: {fix}".replace("\n", "\n" + pad + "  "))
    return lines


def _build_look(findings, title):
    lines = [title, ""] if title else []
    for key, mine in _by_check(findings).items():
        files = len({f["file"] for f in mine})
        lines.append(f"{CHECK_TITLES.get(key, key)}: {_plural(len(mine), 'problem')} in "
                     f"{_plural(files, 'file')}:")
        lines += _items(mine, 2)
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def _check_look(findings, title, checks, notes):
    lines = [title, ""] if title else []
    groups = _by_check(findings)
    failed = 0
    for key in list(checks) + [k for k in groups if k not in checks]:
        name, mine, shown = CHECK_TITLES.get(key, key), groups.get(key, []), checks.get(key)
        if mine:  # findings always show, whatever the caller expected of the check
            failed += 1
            lines.append(f"  FAIL  {name}: {len(mine)} finding(s)")
            lines += _items(mine, 8)
        elif shown:
            mark, note = shown
            lines.append(f"  {mark:<5} {name}: {note}")
        else:
            lines.append(f"  ok    {name}")
    if notes:
        lines += ["", *notes]
    lines.append("")
    if findings:
        lines.append(f"{len(findings)} finding(s) in {failed} check(s). "
                     "Not ready to publish.")
    else:
        lines.append("All checks passed: 0 findings.")
    return "\n".join(lines)


def format_findings(findings, *, title=None, checks=None, notes=()):
    """The report for `findings` (a list of finding dicts); see the module's docstring."""
    findings = list(findings)
    if checks is None:
        return _build_look(findings, title)
    return _check_look(findings, title, dict(checks), list(notes))
