"""Upload with rsync over SSH, the usual way to publish to a small web host.

`--checksum` decides what travels by content: every build rewrites every file, so the
size-and-time test would resend the whole site each time. No `-t` either: files that did
not change keep their old time on the server, so browsers' caches stay valid.
"""

import os
import posixpath
import re
import shutil
import subprocess
import tempfile

from .common import EXIT_BAD_SETTINGS, DeployError, Summary, say, tail

TARGET = "rsync"

# Messages from ssh/rsync on stderr, and what a clinician should check for each.
_DIAGNOSES = [
    ("Host key verification failed",
     "the server's SSH host key is not in your known_hosts file, or it has changed",
     "add the server's host key as the README's Publishing section shows (ssh-keyscan, "
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


def _settings(settings):
    host = settings.get("SSH_HOST")
    target_dir = settings.get("SSH_TARGET_DIR")
    user = settings.get("SSH_USER") or os.environ.get("USER") or ""
    port = str(settings.get("SSH_PORT") or "22")
    if not host:
        raise DeployError(TARGET, "SSH_HOST is not set",
                          "set SSH_HOST to your server's name, e.g. "
                          "make publish DEPLOY=rsync SSH_HOST=ssh.example.org ...",
                          EXIT_BAD_SETTINGS)
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise DeployError(TARGET, f"SSH_PORT is {port!r}, not a port number",
                          "set SSH_PORT to a number such as 22.", EXIT_BAD_SETTINGS)
    reason = unsafe_target_reason(target_dir)
    if reason:
        raise DeployError(
            TARGET, f"refusing SSH_TARGET_DIR={target_dir!r}: {reason}",
            "set SSH_TARGET_DIR to the folder that holds only your website, e.g. "
            "public_html or /var/www/yourpractice. Publishing deletes everything in that "
            "folder that is not part of the site.", EXIT_BAD_SETTINGS)
    return host, port, user, target_dir.strip()


def command(outputdir, settings, dry_run):
    host, port, user, target_dir = _settings(settings)
    ssh = (f"ssh -p {port} -o StrictHostKeyChecking=yes -o ConnectTimeout=15 "
           f"{settings.get('SSH_OPTS') or ''}").strip()
    where = f"[{host}]" if ":" in host else host
    dest = f"{user}@{where}:{target_dir}" if settings.get("SSH_USER") else f"{where}:{target_dir}"
    cmd = ["rsync", "-rlvz", "--delete", "--checksum", "--stats", "--no-human-readable",
           "-e", ssh]
    if dry_run:
        cmd.append("--dry-run")
    return cmd + [str(outputdir).rstrip("/") + "/", dest], (host, port, user, target_dir)


def _diagnose(err, returncode, host, port, user, target_dir):
    for needle, what, check in _DIAGNOSES:
        if re.search(needle, err):
            fill = dict(host=host, port=port, user=user or "(your login)", dir=target_dir)
            return what.format(**fill), check.format(**fill)
    return (f"rsync stopped with exit code {returncode}",
            f"what rsync/ssh said:\n  {tail(err)}")


def deploy(outputdir, settings, dry_run):
    cmd, (host, port, user, target_dir) = command(outputdir, settings, dry_run)
    if not shutil.which("rsync") or not shutil.which("ssh"):
        raise DeployError(TARGET, "rsync or ssh is not installed on this computer",
                          "install them (Debian/Ubuntu: sudo apt-get install rsync "
                          "openssh-client; macOS has both).", EXIT_BAD_SETTINGS)
    say(f"Publishing with rsync to {host}:{target_dir} (port {port})"
        + (" - dry run, nothing will change" if dry_run else ""))
    stats = {}
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
                say(f"  {line}")
            elif line and not line.endswith("/") and line != "sending incremental file list":
                # rsync -v prints each file as it goes: this is the progress display.
                say(f"  {'delete' if line.startswith('deleting ') else 'upload'}  "
                    f"{line.removeprefix('deleting ')}")
        returncode = proc.wait()
        errfile.seek(0)
        err = errfile.read()
    if returncode != 0:
        what, check = _diagnose(err, returncode, host, port, user, target_dir)
        raise DeployError(TARGET, what, check)

    return Summary(TARGET, _count(stats, "uploaded"), _deleted_files(stats),
                   _count(stats, "would_send" if dry_run else "sent"), dry_run)


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
