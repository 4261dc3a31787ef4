"""Lighthouse scores for the key pages, on phone and desktop settings.

    make lighthouse

Installs Lighthouse (pinned: 12.2.3, the last release that runs on Node 20) with npm into
.cache/lighthouse/ the first time, builds the production site with the address of a local
server on 127.0.0.1, serves it, and runs Lighthouse in the machine's Chromium on the home
page, a post, the contact page, a policy page and a profile; then the same for the
sample's French-first Québec site (tools/sample_languages.py), on its home page and a
post. Prints the four category scores in a table and, under it, every audit that holds a
score below 100. A report, not a test.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools import sample_languages
from tools.child_build import pelican_build
from tools.localsite import CHROMIUM_FLAGS, ROOT, LocalServer, build_publish, chromium_path

VERSION = "12.2.3"
PREFIX = ROOT / ".cache" / "lighthouse"
PAGES = {
    "home": "",
    "post": "blog/is-online-therapy-a-good-fit/",
    "contact": "contact/",
    "policy": "social-media-policy/",
    "profile": "team/jordan-reyes/",  # a clinician's profile (ProfilePage, og:type=profile)
}
# Pages of the sample's site in another language: {language: {name: path}}.
LANGUAGE_PAGES = {
    "fr": {"home": "", "post": "blog/is-online-therapy-a-good-fit/"},
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FORM_FACTORS = ["mobile", "desktop"]


def lighthouse_cli():
    """The pinned Lighthouse CLI script, installed with npm on first use."""
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    if not (package.exists() and json.loads(package.read_text())["version"] == VERSION):
        if not shutil.which("npm"):
            sys.exit("npm not found: install Node.js 20 and npm (apt-get install npm) to run Lighthouse.")
        print(f"Installing lighthouse@{VERSION} into {PREFIX.relative_to(ROOT)}/ (first run only)")
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--exact", "--no-audit", "--no-fund", "--prefix",
                        str(PREFIX), f"lighthouse@{VERSION}"], check=True)
    return PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"


def run_one(cli, url, form_factor, workdir):
    """One Lighthouse run; returns its JSON report."""
    report = Path(workdir) / "report.json"
    profile = tempfile.mkdtemp(dir=workdir)  # a fresh browser profile for every run
    flags = CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]
    cmd = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(flags)}"]
    if form_factor == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not report.exists():
        sys.exit(f"Lighthouse failed on {url} ({form_factor}):\n{result.stdout}{result.stderr}")
    return json.loads(report.read_text())


def held_back(report):
    """Audits that count towards a category score and scored below 1."""
    found = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                found.append(f"{key}: {audit['id']} = {audit['score']:.2f}"
                             f"{' (' + value + ')' if value else ''}: {audit['title']}")
    return found


def build_language(language, server, workdir):
    """Build the sample's site in `language` (publish configuration) for `server`."""
    practice, content = sample_languages.prepare(language, Path(workdir) / f"source-{language}")
    result = pelican_build(server.directory, conf=ROOT / "publishconf.py", content=content,
                           env={"SITEURL": server.origin, "PRACTICE_FILE": str(practice)},
                           cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"The {language} site did not build (pelican exited {result.returncode}):\n"
                 f"{result.stdout}{result.stderr}")


def score(cli, server, label, pages, workdir, rows, notes):
    """Run Lighthouse on each of `pages` of the served site, in each form factor."""
    for path in pages.values():
        if not (server.directory / path / "index.html").exists():
            sys.exit(f"tools/lighthouse.py: {label}/{path} is not in the build; edit PAGES.")
        for form_factor in FORM_FACTORS:
            report = run_one(cli, f"{server.origin}/{path}", form_factor, workdir)
            scores = [round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES]
            rows.append((f"{label}/{path}", form_factor, *scores))
            notes += [f"{label}/{path} [{form_factor}] {line}" for line in held_back(report)]
            print(f"  ran {label}/{path} ({form_factor})", file=sys.stderr)


def main():
    if not chromium_path():
        sys.exit("Chromium not found at /usr/bin/chromium: install it with `apt-get install chromium`.")
    cli = lighthouse_cli()
    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        server = LocalServer(Path(tmp) / "site")
        build_publish(server.directory, server.origin)
        with server:
            score(cli, server, "", PAGES, tmp, rows, notes)
        for language, pages in LANGUAGE_PAGES.items():
            server = LocalServer(Path(tmp) / f"site-{language}")
            build_language(language, server, tmp)
            with server:
                score(cli, server, f"({language}) ", pages, tmp, rows, notes)
    header = ("page", "device", "perf", "a11y", "best-pr", "seo")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)))
    print("\nAudits holding a score back:" if notes else "\nEvery category scores 100.")
    for note in notes:
        print("  " + note)


if __name__ == "__main__":
    main()
