"""Upload with rsync over SSH, the usual way to publish to a small web host.

The live site is always one whole release (SSH_LAYOUT=releases, the default):

    SSH_TARGET_DIR                 a symlink the web server serves, pointing to ...
    SSH_TARGET_DIR.releases/ID/    ... one complete site per publish (the last 3 kept)

A publish uploads into SSH_TARGET_DIR.releases/.incoming/, hard-linking every unchanged
file from the live release (--link-dest), so only changes travel; then makes it the new
release with the project's one folder swap (tools/folder_swap.py, run on the server over
ssh), so visitors get the old site or the new one, never a mix. An upload that dies
leaves .incoming/ behind and the live site untouched; the next publish continues into
it. When a publish removes files, every older release still holding one of them is
deleted, so `make rollback` can never bring back a page that was taken down. Where the
web root cannot be a symlink, SSH_LAYOUT=single updates the folder in place with rsync
--delay-updates (each file is put in place at the end, in a quick burst, not atomically).

`--checksum` decides what travels by content: every build rewrites every file, so the
size-and-time test would resend the whole site each time. No `-t` either: files that did
not change keep their old time on the server, so browsers' caches stay valid.
"""

import os
import posixpath
import re
import shlex
import shutil
import subprocess
import tempfile

from tools import folder_swap

from .common import EXIT_BAD_SETTINGS, DeployError, Summary, diagnose, required, say, tail

TARGET = "rsync"
LAYOUTS = ("releases", "single")
# This target's settings and their defaults (docs/publishing.md).
SETTINGS = {"SSH_HOST": "", "SSH_PORT": "22", "SSH_USER": "", "SSH_TARGET_DIR": "",
            "SSH_OPTS": "", "SSH_LAYOUT": LAYOUTS[0]}
KEEP = 3  # releases kept on the server: the live one and two to roll back to
INCOMING = ".incoming"

# Messages from ssh/rsync on stderr, and what a clinician should check for each.
_DIAGNOSES = [
    ("Host key verification failed",
     "the server's SSH host key is not in your known_hosts file, or it has changed",
     "add the server's host key as docs/publishing.md shows (ssh-keyscan, "
     "then compare the fingerprint with the one your host publishes). If it changed "
     "without warning, ask your host why before publishing."),
    ("Could not resolve hostname",
     "the server name {host} could not be found",
     "SSH_HOST (spelling) and your internet connection."),
    ("Connection refused",
     "the server {host} refused the connection on port {port}",
     "SSH_HOST and SSH_PORT, and that your host has SSH access switched on."),
    ("Connection timed out",
     "the server {host} did not answer on port {port}",
     "SSH_HOST, SSH_PORT, your internet connection, and any firewall in between."),
    ("No route to host",
     "the server {host} cannot be reached from this network",
     "SSH_HOST and your internet connection."),
    ("Network is unreachable",
     "the network is unreachable",
     "your internet connection."),
    (r"Permission denied \((publickey|password|keyboard|gssapi|hostbased)",
     "the server refused the login for user {user}",
     "SSH_USER, and that your SSH key is installed on the server (SSH_OPTS=\"-i "
     "~/.ssh/yourkey\" if it is not your default key)."),
    ("command not found",
     "rsync is not installed on the server",
     "ask your host to install rsync, or choose another target."),
    ("mkdir",
     "the target folder {dir} could not be created on the server",
     "SSH_TARGET_DIR: its parent folder must exist and be writable by {user}."),
    ("Permission denied",
     "the server refused to write into {dir}",
     "SSH_TARGET_DIR and the folder's permissions for {user}."),
]

_STATS = {
    "uploaded": re.compile(r"^Number of regular files transferred: ([\d,]+)"),
    "deleted": re.compile(r"^Number of deleted files: ([\d,]+)(.*)"),
    "sent": re.compile(r"^Total bytes sent: ([\d,]+)"),
    "would_send": re.compile(r"^Total transferred file size: ([\d,]+)"),
}


def unsafe_target_reason(target_dir):
    """Why rsync --delete must not run into this folder, or None when it looks safe."""
    raw = (target_dir or "").strip()
    if not raw:
        return "it is empty"
    if raw.startswith("$"):
        return "it is a shell variable; write the folder out in full"
    norm = posixpath.normpath(raw)
    parts = [p for p in norm.split("/") if p]
    if norm in ("/", "//", "."):
        return "it is the server's root or the login folder itself"
    if norm.startswith("~") and len(parts) == 1:
        return "it is a home folder"
    if ".." in parts:
        return "it contains '..'; write the folder out in full"
    # Anyone's home folder (/home/NAME, /Users/NAME), not only the login's: the same
    # mistake with a different user name would be just as bad.
    home_like = norm.startswith(("/home/", "/Users/", "/var/home/")) and \
        len(parts) == (3 if norm.startswith("/var/") else 2)
    if home_like or norm in ("/root", os.path.expanduser("~").rstrip("/")):
        return "it is a home folder"
    # Absolute folders one level deep (/var, /home, /srv ...) hold more than a website.
    if norm.startswith("/") and len(parts) == 1:
        return "it is a top-level system folder"
    return None


class Remote:
    """Where the site goes, and how to reach it with ssh and rsync."""

    def __init__(self, settings):
        self.host = required(settings, "SSH_HOST", TARGET, "your server's name, e.g. make "
                             "publish DEPLOY=rsync SSH_HOST=ssh.example.org ...")
        # tools/deploy.py hands every setting over, its default filled in.
        named_user = settings["SSH_USER"]
        self.user = named_user or os.environ.get("USER") or ""
        self.port = str(settings["SSH_PORT"])
        if not self.port.isdigit() or not 0 < int(self.port) < 65536:
            raise DeployError(TARGET, f"SSH_PORT is {self.port!r}, not a port number",
                              "set SSH_PORT to a number such as 22.", EXIT_BAD_SETTINGS)
        target_dir = settings["SSH_TARGET_DIR"]
        reason = unsafe_target_reason(target_dir)
        if reason:
            raise DeployError(
                TARGET, f"refusing SSH_TARGET_DIR={target_dir!r}: {reason}",
                "set SSH_TARGET_DIR to the folder that holds only your website, e.g. "
                "public_html or /var/www/yourpractice. Publishing deletes everything in "
                "that folder that is not part of the site.", EXIT_BAD_SETTINGS)
        self.target_dir = target_dir.strip()
        layout = settings["SSH_LAYOUT"].strip().lower()
        if layout not in LAYOUTS:
            raise DeployError(TARGET, f"SSH_LAYOUT={layout!r} is not a known layout",
                              "set SSH_LAYOUT to releases (the default) or single.",
                              EXIT_BAD_SETTINGS)
        self.layout = layout
        # Relative folders are relative to the login's home on the server, also with ~/.
        norm = posixpath.normpath(self.target_dir.removeprefix("~/"))
        parent, self.name = posixpath.split(norm)
        self.parent = parent or "."
        self.releases = f"{self.name}.releases"  # beside the target, relative to parent
        self.site = folder_swap.Releases(self.run, self.parent, self.name, self.releases)
        self.ssh = (f"ssh -p {self.port} -o StrictHostKeyChecking=yes -o ConnectTimeout=15 "
                    f"{settings['SSH_OPTS']}").strip()
        where = f"[{self.host}]" if ":" in self.host else self.host
        self.login = f"{self.user}@{where}" if named_user else where
        self.ssh_login = f"{self.user}@{self.host}" if named_user else self.host

    def path(self, *parts):
        return posixpath.join(self.parent, *parts)

    def dest(self, *parts):
        return f"{self.login}:{self.path(*parts).rstrip('/')}/"

    def fail(self, err, returncode):
        """The DeployError for what ssh or rsync said on failing."""
        what, check = diagnose(err, _DIAGNOSES, host=self.host, port=self.port,
                               user=self.user or "(your login)", dir=self.target_dir) or (
            f"rsync stopped with exit code {returncode}",
            f"what rsync/ssh said:\n  {tail(err)}")
        return DeployError(TARGET, what, check)

    def run(self, script, *args):
        """Run a POSIX sh script on the server with these arguments; its stdout lines."""
        command = "sh -s -- " + " ".join(shlex.quote(str(a)) for a in args)
        cmd = shlex.split(self.ssh) + [self.ssh_login, command]
        result = subprocess.run(cmd, input=script, capture_output=True, text=True,
                                timeout=600)
        if result.returncode in _SCRIPT_ERRORS:
            what, check = _SCRIPT_ERRORS[result.returncode]
            fill = dict(parent=self.parent, target=self.target_dir, name=self.name,
                        releases=self.path(self.releases))
            raise DeployError(TARGET, what.format(**fill), check.format(**fill),
                              EXIT_BAD_SETTINGS)
        if result.returncode != 0:
            raise self.fail(result.stderr, result.returncode)
        return result.stdout.splitlines()


# Exit codes of the scripts (tools/folder_swap.py), and what they mean for a clinician.
_SCRIPT_ERRORS = {
    folder_swap.NO_PARENT: (
        "the folder {parent} does not exist on the server",
        "SSH_TARGET_DIR: the folder that holds it must exist (create it on the server)."),
    folder_swap.NOT_A_FOLDER: (
        "{target} on the server is a file, not a folder",
        "SSH_TARGET_DIR: it must name the website folder."),
    folder_swap.FOREIGN_LINK: (
        "{target} on the server is a symlink that make publish did not create",
        "SSH_TARGET_DIR, or set SSH_LAYOUT=single if your host made that symlink; "
        "make publish only replaces a symlink that points into {releases}."),
}

_PREPARE = r"""
set -e
cd "$1"; mkdir -p "$2"
"""


def _rsync(cmd, remote, show):
    """Run rsync; (stats, [(verb, path)]) from its --stats and -v listing."""
    stats, listed = {}, []
    # stderr goes to a file: reading stdout line by line while stderr fills a pipe
    # could block both processes.
    with tempfile.TemporaryFile(mode="w+") as errfile:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errfile, text=True,
                                stdin=subprocess.DEVNULL)
        in_stats = False
        for line in proc.stdout:
            line = line.rstrip("\n")
            in_stats = in_stats or line.startswith("Number of files:")
            if in_stats:
                for key, pattern in _STATS.items():
                    match = pattern.match(line)
                    if match:
                        stats[key] = match
            elif line.startswith("created directory "):
                if show:
                    say(f"  {line}")
            elif line and not line.endswith("/") and line != "sending incremental file list":
                # rsync -v prints each file as it goes: this is the progress display.
                verb = "delete" if line.startswith("deleting ") else "upload"
                listed.append((verb, line.removeprefix("deleting ")))
                if show:
                    say(f"  {verb}  {listed[-1][1]}")
        returncode = proc.wait()
        errfile.seek(0)
        err = errfile.read()
    if returncode != 0:
        raise remote.fail(err, returncode)
    return stats, listed


def _base_cmd(remote, *extra):
    return ["rsync", "-rlz", "--delete", "--checksum", "--stats", "--no-human-readable",
            "-v", "-e", remote.ssh, *extra]


def _check_tools():
    if not shutil.which("rsync") or not shutil.which("ssh"):
        raise DeployError(TARGET, "rsync or ssh is not installed on this computer",
                          "install them (Debian/Ubuntu: sudo apt-get install rsync "
                          "openssh-client; macOS has both).", EXIT_BAD_SETTINGS)


def _state(remote):
    kind, live, releases = remote.site.state()
    if kind == "link" and live not in releases:
        raise DeployError(TARGET, f"{remote.target_dir} points to a release that is not there "
                          f"({live})", "the folder "
                          f"{remote.path(remote.releases)} on the server; put a release back "
                          "or remove the symlink, then publish again.", EXIT_BAD_SETTINGS)
    return kind, live, releases


def deploy(outputdir, settings, dry_run):
    remote = Remote(settings)
    _check_tools()
    say(f"Publishing with rsync to {remote.host}:{remote.target_dir} (port {remote.port})"
        + (" - dry run, nothing will change" if dry_run else ""))
    source = str(outputdir).rstrip("/") + "/"
    if remote.layout == "single":
        return _deploy_single(remote, source, dry_run)

    kind, live, releases = _state(remote)
    # What differs from the live site, found with a dry run against it.
    live_dir = remote.dest(remote.releases, live) if kind == "link" else remote.dest(remote.name)
    stats, listed = _rsync(_base_cmd(remote, "--dry-run", source, live_dir), remote,
                           show=True)
    uploaded, deleted = _count(stats, "uploaded"), _deleted_files(stats)
    if dry_run:
        return Summary(TARGET, uploaded, deleted, _count(stats, "would_send"), True)
    if kind == "link" and uploaded == 0 and deleted == 0:
        say("The live release already holds exactly this site: nothing to upload.")
        return Summary(TARGET, 0, 0, 0)

    remote.run(_PREPARE, remote.parent, remote.releases)
    link_from = {"link": f"../{live}", "dir": f"../../{remote.name}"}.get(kind)
    extra = [f"--link-dest={link_from}"] if link_from else []
    sent, _ = _rsync(_base_cmd(remote, *extra, source, remote.dest(remote.releases, INCOMING)),
                     remote, show=False)
    removed = [path for verb, path in listed if verb == "delete"]
    new = folder_swap.new_release_name(releases)
    for line in remote.site.switch(new, KEEP, incoming=f"{remote.releases}/{INCOMING}",
                                   removed=removed):
        _report_switch(line)
    return Summary(TARGET, uploaded, deleted, _count(sent, "sent"))


def _report_switch(line):
    word, _, rest = line.partition(" ")
    if word == "live":
        say(f"Release {rest} is live.")
    elif word == "pruned":
        name, _, why = rest.partition(" ")
        say(f"Deleted the older release {name}: "
            + ("it still held a file this publish removed." if why == "holds"
               else f"only the last {KEEP} releases are kept."))
    elif word == "removed":
        say(f"Deleted the release {rest} that was rolled back.")


def _deploy_single(remote, source, dry_run):
    # Files are written aside and put in place together at the end; deletions come last.
    extra = ["--delay-updates", "--delete-after"] + (["--dry-run"] if dry_run else [])
    stats, _ = _rsync(_base_cmd(remote, *extra, source, remote.dest(remote.name)), remote,
                      show=True)
    return Summary(TARGET, _count(stats, "uploaded"), _deleted_files(stats),
                   _count(stats, "would_send" if dry_run else "sent"), dry_run)


def rollback(settings):
    """Make the release before the live one live again; delete the one rolled back."""
    remote = Remote(settings)
    _check_tools()
    if remote.layout != "releases":
        raise DeployError(TARGET, "make rollback needs SSH_LAYOUT=releases",
                          "with SSH_LAYOUT=single the server keeps one copy only; publish "
                          "the version you want instead.", EXIT_BAD_SETTINGS)
    kind, live, releases = _state(remote)
    older = [name for name in releases if live and name < live]
    if kind != "link" or not older:
        raise DeployError(TARGET, f"there is no earlier release of {remote.target_dir} to go "
                          "back to", "publishing keeps the last "
                          f"{KEEP} releases; a publish that removed a page deletes the older "
                          "releases that still hold it.", EXIT_BAD_SETTINGS)
    say(f"Rolling back {remote.host}:{remote.target_dir} from release {live} to {older[-1]}")
    for line in remote.site.switch(older[-1], KEEP, leaving=live):
        _report_switch(line)
    return older[-1]


def _count(stats, key):
    match = stats.get(key)
    return int(match.group(1).replace(",", "")) if match else 0


def _deleted_files(stats):
    """Files, not folders: "Number of deleted files: 3 (reg: 2, dir: 1)" counts 2."""
    match = stats.get("deleted")
    if not match or "(" not in match.group(2):
        return _count(stats, "deleted")
    reg = re.search(r"reg: ([\d,]+)", match.group(2))
    return int(reg.group(1).replace(",", "")) if reg else 0
