"""Upload to a GitHub Pages branch (or any git remote) with ghp-import.

ghp-import commits a folder onto a branch of the repository it runs in. It runs here in a
throwaway repository holding only the branch's latest commit (a shallow fetch), so the
clinician's own repository and output/ are never touched and a remote given as a URL
works the same as a remote name. Git sends only changed files by nature; when the new
commit's tree equals the old one nothing is committed or pushed.

When the site's address (SITEURL, from practice.toml's site_url) is a custom domain rather
than a *.github.io one, the branch carries a CNAME file naming it (ghp-import --cname), as
GitHub Pages needs; without it, each publish would drop the custom domain again.

Each publish is one commit without parents, force-pushed (ghp-import --no-history): the
branch never holds history, so a post taken down is not left in an older commit that
anyone could browse. The push is refused if the branch moved since it was read
(--force-with-lease), so two publishes at once cannot silently undo each other.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .common import EXIT_BAD_SETTINGS, DeployError, Summary, diagnose, say, tail

TARGET = "github"
# This target's settings and their defaults (docs/publishing.md).
SETTINGS = {"GITHUB_PAGES_BRANCH": "gh-pages", "GITHUB_REMOTE": "origin"}
MESSAGE = "Publish the website (make publish)"

_DIAGNOSES = [
    (r"Host key verification failed",
     "the server's SSH host key is not in your known_hosts file, or it has changed",
     "connect once with ssh -T git@github.com (or your server), compare the fingerprint "
     "with the one GitHub publishes, and answer yes."),
    (r"Could not resolve host|Could not resolve hostname",
     "the server in GITHUB_REMOTE could not be found",
     "the spelling of GITHUB_REMOTE and your internet connection."),
    (r"Permission denied \(publickey|Authentication failed|could not read Username|"
     r"terminal prompts disabled|error: 403",
     "the server refused your login",
     "that you can push to this repository: your SSH key is added to GitHub, or your "
     "git credentials (a personal access token) are set up."),
    (r"Repository not found|does not appear to be a git repository|not found",
     "the repository in GITHUB_REMOTE does not exist or you cannot see it",
     "GITHUB_REMOTE: the repository's address, e.g. git@github.com:you/you.github.io.git."),
    (r"Connection refused|timed out|Network is unreachable|No route to host|"
     r"Couldn't connect|Failed to connect",
     "the server in GITHUB_REMOTE cannot be reached",
     "GITHUB_REMOTE and your internet connection."),
    (r"non-fast-forward|fetch first|stale info|rejected",
     "the branch on the remote changed while publishing",
     "run make publish again."),
]


def _git(*args, cwd, check_target=None, env=None, input=None):
    """Run git and return its stdout; a failure becomes a DeployError explaining it."""
    run_env = {**os.environ, **(env or {})}
    if not sys.stdin.isatty():
        # Without a terminal a password prompt would wait forever: fail with a message.
        run_env["GIT_TERMINAL_PROMPT"] = "0"
    try:
        result = subprocess.run(["git", *args], cwd=cwd, env=run_env, capture_output=True,
                                input=input, timeout=600)
    except FileNotFoundError:
        raise DeployError(TARGET, "git is not installed on this computer",
                          "install git (https://git-scm.com/downloads).", EXIT_BAD_SETTINGS)
    if result.returncode != 0 and check_target:
        err = result.stderr.decode("utf-8", "replace")
        known = diagnose(err, _DIAGNOSES)
        if known:
            raise DeployError(TARGET, f"{check_target}: {known[0]}",
                              f"{known[1]}\n  git said: {tail(err, 3)}")
        raise DeployError(TARGET, f"{check_target} (git exit code {result.returncode})",
                          f"the message from git:\n  {tail(err)}")
    return result


def _looks_like_url(value):
    return "://" in value or re.match(r"^[\w.-]+@[\w.-]+:", value) is not None


def resolve_remote(remote, project_dir):
    """A remote name of the project's repository becomes its URL; paths become absolute."""
    if _looks_like_url(remote):
        return remote
    if Path(remote).expanduser().exists():
        return str(Path(remote).expanduser().resolve())
    result = _git("remote", "get-url", remote, cwd=project_dir)
    if result.returncode != 0:
        raise DeployError(
            TARGET, f"GITHUB_REMOTE={remote!r} is neither a URL, a folder, nor a remote of "
            f"the git repository in {project_dir}",
            "set GITHUB_REMOTE to your repository's address, e.g. "
            "git@github.com:you/you.github.io.git, or add it: git remote add origin URL.",
            EXIT_BAD_SETTINGS)
    url = result.stdout.decode().strip()
    local = Path(project_dir, url)
    return str(local.resolve()) if not _looks_like_url(url) and local.exists() else url


def _committer(project_dir):
    # ghp-import reads the committer from git config; a fresh repository has none.
    def config(key, fallback):
        value = _git("config", key, cwd=project_dir).stdout.decode().strip()
        return value or fallback
    return {"GIT_COMMITTER_NAME": config("user.name", "Website publisher"),
            "GIT_COMMITTER_EMAIL": config("user.email", "publisher@localhost")}


def _changes(old, new, cwd):
    """[(status, path)] from the old branch commit to the new one (A, M, T or D)."""
    if old is None:
        listed = _git("ls-tree", "-r", "--name-only", "-z", new, cwd=cwd).stdout
        return [("A", p) for p in listed.decode().split("\0") if p]
    diff = _git("diff", "--name-status", "--no-renames", "-z", old, new, cwd=cwd).stdout
    fields = [f for f in diff.decode().split("\0") if f]
    return list(zip(fields[0::2], fields[1::2]))


def _pack_size(old, new, cwd):
    """Bytes git sends for this update: the size of the pack of new objects."""
    revs = f"{new}\n" + (f"^{old}\n" if old else "")
    packed = _git("pack-objects", "--revs", "--thin", "--stdout", "-q", cwd=cwd,
                  input=revs.encode())
    return len(packed.stdout)


def deploy(outputdir, settings, dry_run):
    project_dir = os.getcwd()
    # tools/deploy.py hands every setting over, its default filled in.
    branch, remote_setting = settings["GITHUB_PAGES_BRANCH"], settings["GITHUB_REMOTE"]
    if _git("check-ref-format", "--branch", branch, cwd=project_dir).returncode != 0:
        raise DeployError(TARGET, f"GITHUB_PAGES_BRANCH={branch!r} is not a valid branch name",
                          "use a plain name such as gh-pages or main.", EXIT_BAD_SETTINGS)
    url = resolve_remote(remote_setting, project_dir)
    say(f"Publishing with ghp-import to branch {branch} of {url}"
        + (" - dry run, nothing will be pushed" if dry_run else ""))

    scratch = tempfile.mkdtemp(prefix="publish-github-")
    try:
        _git("init", "-q", scratch, cwd=project_dir,
             check_target="preparing a scratch repository")
        listed = _git("ls-remote", "--heads", url, f"refs/heads/{branch}", cwd=scratch,
                      check_target=f"could not read the repository {url}").stdout
        old = None
        if listed.strip():  # empty: the branch does not exist yet (first publish)
            tracking = f"refs/remotes/deploy/{branch}"
            _git("fetch", "-q", "--depth=1", url, f"+refs/heads/{branch}:{tracking}",
                 cwd=scratch, check_target=f"could not fetch branch {branch}")
            old = _rev(tracking, scratch)
        _run_ghp_import(outputdir, branch, scratch, _committer(project_dir),
                        custom_domain(settings.get("SITEURL")))
        new = _rev(f"refs/heads/{branch}", scratch)
        if not new:
            raise DeployError(TARGET, "ghp-import did not create a commit",
                              "that the built site folder is readable, then publish again.")
        # A parentless commit of the same tree within the same second is the very same
        # commit as the one on the branch: new == old then, which is no change either.
        if old and _tree(old, scratch) == _tree(new, scratch):
            say(f"Branch {branch} already holds exactly this site: nothing to push.")
            return Summary(TARGET, 0, 0, 0, dry_run)
        changes = _changes(old, new, scratch)
        for status, path in changes:
            say(f"  {'delete' if status == 'D' else 'upload'}  {path}")
        size = _pack_size(old, new, scratch)
        if not dry_run:
            _git("push", "-q", f"--force-with-lease=refs/heads/{branch}:{old or ''}", url,
                 f"refs/heads/{branch}:refs/heads/{branch}", cwd=scratch,
                 check_target=f"could not push branch {branch}")
        deleted = sum(1 for status, _ in changes if status == "D")
        return Summary(TARGET, len(changes) - deleted, deleted, size, dry_run)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _rev(name, cwd):
    return _git("rev-parse", "--verify", "-q", name, cwd=cwd).stdout.decode().strip()


def _tree(commit, cwd):
    return _rev(f"{commit}^{{tree}}", cwd)


def custom_domain(siteurl):
    """The host name for a CNAME file, or None: no address, a *.github.io address (GitHub
    serves those itself), or something that is not a public host name."""
    try:
        host = (urlsplit(str(siteurl or "").strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if not host or host == "github.io" or host.endswith(".github.io"):
        return None
    labels = host.split(".")
    if len(labels) < 2 or labels[-1].isdigit() or host == "localhost" or not all(
            re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?", label) for label in labels):
        return None  # an IP address, localhost, or not a DNS name
    return host


def _run_ghp_import(outputdir, branch, scratch, committer, cname=None):
    # -n writes .nojekyll, so GitHub serves the files as they are (no Jekyll run).
    # -o: a commit without parents, so the branch keeps no history.
    cmd = [sys.executable, "-m", "ghp_import", "-n", "-o", "-b", branch, "-r", "deploy",
           "-m", MESSAGE, *(["--cname", cname] if cname else []),
           str(Path(outputdir).resolve())]
    result = subprocess.run(cmd, cwd=scratch, env={**os.environ, **committer},
                            capture_output=True, text=True)
    if result.returncode != 0 or "Failed" in result.stdout:
        missing = "No module named ghp_import" in result.stderr
        raise DeployError(
            TARGET, "ghp-import is not installed" if missing else "ghp-import failed",
            "run make venv to install the pinned tools." if missing
            else f"the message from ghp-import:\n  {tail(result.stderr + result.stdout)}")
