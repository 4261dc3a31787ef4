"""The project's one folder swap, on this computer and on a web host alike.

A site folder NAME is a symlink to one complete release, NAME's releases folder holding
the releases (named by time, so they sort by age):

    NAME            -> RELEASES/20260102-101500-123456
    RELEASES/       one complete site per build or publish

A new release is made live by one rename of a fresh symlink over NAME, so whoever reads
NAME (a visitor, the preview server, a browser opening output/index.html) gets the old
site or the new one, never a mix, and never finds NAME missing: on Linux, macOS and any
POSIX host. A real folder found at NAME (from before this layout) becomes the oldest
release. After the switch the releases beyond the newest KEEP are deleted, and so is
every older one that still holds a path the new release removed (so going back can never
bring back a page that was taken down).

The same two POSIX sh scripts below, driven by the same Releases class, do it everywhere:
swap_in runs them here with sh for output/ (tools/build.py: make html and the dev server;
tools/publish.py), and the rsync target runs them on the web host over ssh (its releases
layout and make rollback).
"""

import os
import re
import subprocess
import time

# A release's name (SWITCH gives the folder found at NAME before the first swap the
# first one, 00000000-000000-000000).
RELEASE = re.compile(r"^\d{8}-\d{6}-\d{6}$")
# Exit codes of the scripts, for a message that names the problem.
NO_PARENT, NOT_A_FOLDER, FOREIGN_LINK = 20, 21, 22

# What is at NAME: "link <release>", "dir", "none" (exit 21/22 for a file or a symlink
# this layout did not make), then "release <name>" for every complete release.
# Arguments: the folder holding NAME, NAME, the releases folder (relative to the first).
STATE = r"""
cd "$1" 2>/dev/null || exit 20
name=$2; rel=$3
if [ -L "$name" ]; then
  dest=$(readlink "$name")
  case "$dest" in "$rel"/*) printf 'link %s\n' "${dest#"$rel"/}" ;; *) exit 22 ;; esac
elif [ -d "$name" ]; then echo dir
elif [ -e "$name" ]; then exit 21
else echo none
fi
if [ -d "$rel" ]; then
  for f in "$rel"/*; do
    [ -d "$f" ] && [ ! -L "$f" ] && printf 'release %s\n' "${f#"$rel"/}"
  done
fi
exit 0
"""

# Make release $new live with one rename: first, unless $incoming is "-", the finished
# folder $incoming becomes that release. Then delete releases: $leaving (a rollback's,
# unless "-"), those beyond the newest $keep, and every older one that holds a path
# given after the fixed arguments.
SWITCH = r"""
set -e
cd "$1"; name=$2; rel=$3; new=$4; keep=$5; leaving=$6; incoming=$7; shift 7
# Rename, never into a folder a symlink points to: GNU and BusyBox mv say so with -T,
# BSD mv (macOS) with -h.
if mv --help 2>&1 | grep -q -e '-T'; then over() { mv -T "$1" "$2"; }
else over() { mv -h "$1" "$2"; }
fi
mkdir -p "$rel"
if [ "$incoming" != "-" ]; then over "$incoming" "$rel/$new"; fi
if [ -d "$name" ] && [ ! -L "$name" ]; then
  over "$name" "$rel/00000000-000000-000000"   # the folder from before releases
fi
rm -f ".$name.switch"
ln -s "$rel/$new" ".$name.switch"
over ".$name.switch" "$name"
echo "live $new"
if [ "$leaving" != "-" ]; then rm -rf "${rel:?}/$leaving"; echo "removed $leaving"; fi
count=1
for r in $(ls -1 "$rel" | grep -E '^[0-9]{8}-[0-9]{6}-[0-9]{6}$' | sort -r); do
  [ "$r" = "$new" ] && continue
  drop=
  [ "$count" -ge "$keep" ] && drop=old
  if [ -z "$drop" ]; then
    for p in "$@"; do
      if [ -e "$rel/$r/$p" ] || [ -L "$rel/$r/$p" ]; then drop=holds; break; fi
    done
  fi
  if [ -n "$drop" ]; then rm -rf "${rel:?}/$r"; echo "pruned $r $drop"; else count=$((count+1)); fi
done
"""


def new_release_name(existing):
    """A name after every existing one (a clock set back must not make it sort first)."""
    name = time.strftime("%Y%m%d-%H%M%S-", time.gmtime()) + \
        f"{time.time_ns() // 1000 % 10**6:06d}"
    newest = max(existing, default="")
    if name > newest:
        return name
    bumped = f"{int(newest.replace('-', '')) + 1:020d}"
    return f"{bumped[:8]}-{bumped[8:14]}-{bumped[14:]}"


class Releases:
    """The site folder `name` in `parent`, with its releases in `releases` (relative to
    `parent`), reached through run(script, *arguments) -> the script's output lines: sh
    on this computer (swap_in below), ssh on a web host (the rsync target)."""

    def __init__(self, run, parent, name, releases):
        self.run, self.parent, self.name, self.releases = run, parent, name, releases

    def state(self):
        """(kind, live release or None, sorted releases): kind is "link", "dir" or
        "none" (what is at `name`)."""
        live, kind, found = None, "none", []
        for line in self.run(STATE, self.parent, self.name, self.releases):
            word, _, value = line.partition(" ")
            if word == "link":
                live, kind = value, "link"
            elif word in ("dir", "none"):
                kind = word
            elif word == "release" and RELEASE.match(value):
                found.append(value)
        return kind, live, sorted(found)

    def switch(self, new, keep, *, leaving=None, incoming=None, removed=()):
        """Make `new` live (from the finished folder `incoming`, if given); SWITCH's
        output lines."""
        return self.run(SWITCH, self.parent, self.name, self.releases, new, keep,
                        leaving or "-", incoming or "-", *removed)


# -- on this computer ---------------------------------------------------------------------

class SwapError(OSError):
    """The folder could not be swapped; the message says why and what to do."""


def _here(script, *args):
    result = subprocess.run(["sh", "-s", "--", *map(str, args)], input=script,
                            capture_output=True, text=True)
    where = os.path.join(args[0], args[1])
    if result.returncode == NOT_A_FOLDER:
        raise SwapError(f"{where} is a file, not a folder: move it away")
    if result.returncode == FOREIGN_LINK:
        raise SwapError(f"{where} is a symlink this kit did not make: remove it (the "
                        "site is then built there as a folder of its own)")
    if result.returncode:
        raise SwapError(f"{where} could not be replaced with the new build "
                        f"({result.stderr.strip() or result.returncode}); if it is a mount "
                        "point, build into another folder")
    return result.stdout.splitlines()


def swap_in(staging, output, retention=()):
    """Make `output` show exactly the finished folder `staging` (which becomes its new
    release), plus the names in `retention` kept from what it showed before. The
    previous release is deleted once the new one is live."""
    parent, name = os.path.split(os.path.abspath(output).rstrip(os.sep))
    site = Releases(_here, parent, name, f".{name}.releases")
    kind, live, existing = site.state()
    shown = os.path.join(parent, site.releases, live) if kind == "link" else output
    for kept in retention or ():
        source = os.path.join(shown, kept)
        if os.path.lexists(source) and not os.path.lexists(os.path.join(staging, kept)):
            os.rename(source, os.path.join(staging, kept))
    site.switch(new_release_name(existing), 1, incoming=os.path.abspath(staging))
