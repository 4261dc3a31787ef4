"""One finding, one reporter (docs/plugin-contract.md, "The finding").

- Every plugin that stops a build does so with its `<Plugin>Error`, whose `.findings` are
  dicts of exactly the contract's keys and types, naming the file as the therapist knows
  it and the field or setting: one fault per plugin, each stopping a real Pelican run of
  a small copy of the project (settings faults at `initialized`, content faults once the
  files are read). All the runs share one process, so this also shows that a plugin's
  state from one build does not leak into the next (the dev server's case).
- `make html` prints those findings through tools/report.py: the block it prints holds
  the reporter's own lines for them, and `make check`'s report (the same reporter, in its
  check-by-check look) spells a finding's place the same way.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, copy_project
from tools.report import FINDING_KEYS, format_findings, is_finding

POST = "Title: {title}\nDate: 2026-04-01\nCategory: Wellbeing\nSummary: A test post.\n{extra}\n{body}\n"

# plugin (a space after the name for its second case): (settings, or None; files
# written into content/). Without files, the settings are what is wrong. EDITS: a
# project file changed for a case (and put back after it).
FAULTS = {
    "emergency_notice": ({"EMERGENCY_REGION": "UK"}, {}),
    "share_buttons": ({"SHARE_NETWORKS": ["facebok"]}, {}),
    "post_extras": ({"READING_WORDS_PER_MINUTE": "fast"}, {}),
    "stable_sitemap": ({"SITEMAP": {"format": "txt"}}, {}),
    "photos": ({"PHOTOS_QUALITY": 500}, {}),
    "documents": ({"DOCUMENTS_MAX_MB": "big"}, {}),
    "front_matter": ({"ALLOWED_TAGS": 7}, {}),
    "front_matter ": (None, {"posts/dated.md": POST.replace("2026-04-01", "03/11/2026")
                             .format(title="Dated", extra="", body="Words.")}),
    "policies": (None, {"posts/asks.md": POST.format(title="Asks", extra="Policies: no-such",
                                                     body="Words.")}),
    "share_buttons ": (None, {"posts/maybe.md": POST.format(title="Maybe", extra="Share: maybe",
                                                            body="Words.")}),
    "practice": (None, {"posts/call.md": POST.format(title="Call", extra="",
                                                     body="Call {{ fone }} today.")}),
    "photos ": (None, {"images/layers.psd": "8BPS\x00\x01 a layered drawing"}),
    # A handout over the size limit (set tiny here): refused before it is even opened.
    "documents ": ({"DOCUMENTS_MAX_MB": 0.000001}, {"extra/handout.pdf": "%PDF-1.4\n" * 9}),
    # A theme that renders the notice twice: seen only in the written pages (with
    # privacy_guard, listed after it, handing it the parsed pages).
    "emergency_notice ": (None, {}),
    # Settings checked at `initialized`, one wrong value each.
    "privacy_guard": ({"PRIVACY_GUARD_ENFORCE": "False"}, {}),
    "confidentiality": ({"CONFIDENTIALITY_CACHE": "no"}, {}),
    "policies ": ({"POLICY_RULES": ["telehealth"]}, {}),
    "practice ": ({"PRACTICE": {"name": "Maple Room", "clinicians": "Sam Lee"}}, {}),
    "languages": ({"LOCALES": ["fr_CA"]}, {}),
}
MAIN = '<main id="main" tabindex="-1">'
EDITS = {"emergency_notice ": {"theme/templates/base.html":
                               (MAIN, MAIN + "{{ emergency_notice_html }}")}}

# In one process: each case is a real Pelican run (Pelican(settings).run()) of the copy,
# with its settings and files; the error it stops with is written out as JSON.
PROBE = textwrap.dedent("""
    import json, os, sys
    from pelican import Pelican
    from pelican.settings import read_settings

    faults, edits = json.loads(sys.stdin.read())
    results = {}
    for name, (settings, files) in faults.items():
        kept = {}
        for path, (old, new) in edits.get(name, {}).items():
            with open(path, encoding="utf-8") as fh:
                kept[path] = fh.read()
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(kept[path].replace(old, new))
        for rel, text in files.items():
            path = os.path.join("content", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        override = {"OUTPUT_PATH": os.path.abspath("out-" + name.strip()),
                    "CACHE_PATH": os.path.abspath("cache"), **(settings or {})}
        try:
            Pelican(read_settings("pelicanconf.py", override=override)).run()
            results[name] = None
        except Exception as error:
            results[name] = {"class": type(error).__name__,
                             "module": type(error).__module__,
                             "message": str(error),
                             "findings": getattr(error, "findings", None)}
        for rel in files:
            os.remove(os.path.join("content", rel))
        for path, text in kept.items():
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
    print(json.dumps(results))
""")


@pytest.fixture(scope="module")
def stopped(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("findings") / "site")
    env = {**os.environ, "PRACTICE_FILE": str(project / "practice.toml"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-c", PROBE], input=json.dumps([FAULTS, EDITS]),
                            cwd=project, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", list(FAULTS))
def test_every_plugin_stops_with_findings_of_the_one_shape(stopped, case):
    plugin = case.strip()
    error = stopped[case]
    assert error is not None, f"{case}: the build did not stop"
    assert error["module"].split(".")[0] == plugin, error
    assert error["class"].endswith("Error"), error
    findings = error["findings"]
    assert findings, error
    for finding in findings:
        assert sorted(finding) == sorted(FINDING_KEYS), finding
        assert is_finding(finding), finding
        assert finding["check"] == findings[0]["check"]  # one key per plugin
    settings, files = FAULTS[case]
    if case in EDITS:  # seen in the written pages: each names its page
        assert all(f["file"] == f["page"] and f["page"].endswith(".html") for f in findings)
        assert len(findings) > 10, findings  # every page, not the first alone
    elif files:  # the file as the therapist knows it
        assert {f["file"] for f in findings} == {f"content/{rel}" for rel in files}, findings
    else:  # the setting, in pelicanconf.py
        assert {f["file"] for f in findings} == {"pelicanconf.py"}, findings
        assert set(settings) <= {f["field"] for f in findings}, findings
    # The message stays readable for a bare `pelican` run: it says each finding's problem.
    for finding in findings:
        assert finding["what"].split("\n")[0][:40] in error["message"], (finding, error)


def test_each_plugin_has_its_own_check_key(stopped):
    keys = {}
    for case, error in stopped.items():
        keys.setdefault(case.strip(), set()).update(f["check"] for f in error["findings"])
    assert all(len(found) == 1 for found in keys.values()), keys
    owners = {}
    for plugin, found in keys.items():
        owners.setdefault(found.pop(), set()).add(plugin)
    assert all(len(plugins) == 1 for plugins in owners.values()), owners


def test_make_html_and_make_check_print_through_the_one_reporter(stopped, tmp_path):
    """`make html` (tools.build): the block is the reporter's lines for the findings;
    a plugin's message text is not what is printed."""
    project = copy_project(tmp_path / "site", tools=True)
    settings, files = FAULTS["front_matter "]
    for rel, text in files.items():
        (project / "content" / rel).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "content", "-o", str(tmp_path / "out"), "-s",
         "pelicanconf.py"], cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "COLUMNS": "200",
             "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 1
    printed = result.stdout + result.stderr
    report = format_findings(stopped["front_matter "]["findings"])
    assert report.strip() and report in printed, (report, printed)
    assert stopped["front_matter "]["message"] not in printed
    # make check and make publish print tools.checks.format_report, which is this same
    # reporter in its check-by-check look: the same finding, placed the same way.
    from tools.checks import format_report
    check = format_report(stopped["front_matter "]["findings"], {"siteurl": "x"})
    item = [line for line in report.splitlines() if line.startswith("  - ")][0].strip()
    assert item in check, check


def test_the_pelican_log_records_tools_build_reads_are_still_logged_so():
    """tools/build.py tells two of Pelican's logged problems by their format strings (an
    unreadable file, a plugin that cannot load): the pinned Pelican must still log them
    with those exact strings, or make html would show them less clearly."""
    import inspect

    from pelican import generators
    from pelican.plugins import _utils

    from tools.build import CANNOT_LOAD_PLUGIN, COULD_NOT_PROCESS

    assert inspect.getsource(generators).count(f'"{COULD_NOT_PROCESS}"') == 2
    assert f'"{CANNOT_LOAD_PLUGIN}"'.replace("\n", "\\n") in inspect.getsource(_utils)


def test_the_reporter_says_a_problem_once_and_never_drops_a_source_file(stopped):
    """Real findings from the runs above, made many: the same footer problem on 40 built
    pages is said once with a few pages named; the same problem in many source files names
    every file; every finding of a check that the caller did not list is still shown."""
    base = stopped["front_matter "]["findings"][0]
    sources = [{**base, "file": f"content/posts/p{i}.md"} for i in range(7)]
    pages = [{"check": "policy-nav", "file": f"blog/p{i}/index.html", "line": 3, "field": "",
              "what": "this page has no policy links", "fix": "Put them back.",
              "page": f"blog/p{i}/index.html"} for i in range(40)]
    everything = sources + pages + stopped["photos "]["findings"]
    for report in (format_findings(everything),
                   format_findings(everything, title="Checks", checks={"policy-nav": None})):
        assert report.count(base["what"].split("\n")[0]) == 1, report
        assert report.count("this page has no policy links") == 1, report
        assert "and 37 more" in report, report
        for finding in sources + stopped["photos "]["findings"]:
            assert finding["file"] in report, (finding, report)
        assert "Traceback" not in report


def test_a_wrong_practice_toml_is_reported_as_findings_by_make_html(tmp_path):
    """practice.toml is read by pelicanconf.py, which stops with SystemExit (a settings
    file, not a plugin); the practice plugin's PracticeError behind it carries findings,
    and make html prints those through the reporter, not the exit message."""
    project = copy_project(tmp_path / "site", tools=True)
    answers = project / "practice.toml"
    answers.write_text('colour = "blue"\n' + answers.read_text(encoding="utf-8"),
                       encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "content", "-o", str(tmp_path / "out"), "-s",
         "pelicanconf.py"], cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "COLUMNS": "200",
             "PYTHONDONTWRITEBYTECODE": "1"})
    printed = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in printed, printed
    assert "  - practice.toml: colour is not a known answer" in printed, printed
    assert "    Fix: Correct it in practice.toml (or run make setup again)" in printed
    assert "then rebuild." not in printed  # pelicanconf.py's own exit message
    assert not (tmp_path / "out").exists()
