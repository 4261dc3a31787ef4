"""`make publish`: build the live site, check it, and only then replace output/ and upload.

1. Build the production site (publishconf.py) into a new folder next to output/.
2. Run the pre-publish checks (tools.check) over it. Any finding: stop. output/ and the
   live site are untouched, and the new build is thrown away.
3. Swap the new build into output/ in one step (Linux: renameat2 RENAME_EXCHANGE), so
   output/ is always either the old site or the new one, never half of each.
4. Upload with `python -m tools.deploy output` (cwd: the project).

With DRY_RUN=1, step 3 is skipped: tools/deploy.py shows what it would upload from the new
build (--dry-run), then the new build is thrown away.

Exit status (the last line says the same in words):
  0  published: checks passed, output/ updated, uploaded (or the dry run was shown)
  1  not published: the build failed or a check found something; nothing changed
  3  checks passed and output/ updated, but no upload target is configured
  4  checks passed, but the upload (or its dry run) failed; see deploy's message
"""

import argparse
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.check import build_and_check
from tools.checks import Project, format_report
from tools.flags import env_flag

NO_TARGET = 3
AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _renameat2():
    try:
        func = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None  # not Linux, or a C library without renameat2
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                     ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def swap_dirs(new, current):
    """Put `new` in place of `current`; afterwards `new` holds the old site (or nothing).

    On Linux both names are exchanged in a single system call, so there is no moment when
    output/ is missing or mixed. Elsewhere two renames, undone if the second one fails.
    """
    if not current.exists():
        os.rename(new, current)
        return
    exchange = _renameat2()
    if exchange is not None:
        if exchange(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(current),
                    RENAME_EXCHANGE) == 0:
            return
        # EINVAL/ENOSYS: this filesystem cannot exchange; fall through to two renames.
    aside = new.with_name(new.name + "-previous")
    os.rename(current, aside)
    try:
        os.rename(new, current)
    except BaseException:
        os.rename(aside, current)
        raise
    os.rename(aside, new)


def deploy(project, site, dry_run):
    """Run tools/deploy.py; returns its exit status (3 when it is not there)."""
    script = project.root / "tools" / "deploy.py"
    if not script.is_file():
        print("No upload step is installed (tools/deploy.py is missing), so nothing is "
              "uploaded.", flush=True)
        return NO_TARGET
    cmd = [sys.executable, "-m", "tools.deploy", str(site)] + (["--dry-run"] if dry_run else [])
    sys.stdout.flush()
    return subprocess.run(cmd, cwd=project.root).returncode


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # so the finally blocks below still clean up


def publish(project, output, dry_run):
    """(exit status, final line)."""
    name = output.name + "/"
    # Ctrl-C or a stop signal between creating the temporary folder and the try below
    # would leave it behind: hold such signals until the cleanup is in place.
    mask = getattr(signal, "pthread_sigmask", lambda how, signals: None)
    stops = {signal.SIGINT, signal.SIGTERM}
    mask(signal.SIG_BLOCK, stops)
    tmp = Path(tempfile.mkdtemp(prefix=".publish-", dir=output.parent))
    try:
        mask(signal.SIG_UNBLOCK, stops)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; output/ is not
        print("Building the live site into a temporary folder and checking it...", flush=True)
        issues, facts = build_and_check(project, tmp)
        print(format_report(issues, facts), flush=True)
        if issues:
            return 1, (f"Not published: {len(issues)} check finding(s); {name} unchanged; "
                       "nothing uploaded.")
        if dry_run:
            code = deploy(project, tmp, dry_run=True)
            if code == 0:
                return 0, (f"Dry run: checks passed; {name} unchanged; the upload shown "
                           "above was not made.")
            if code == NO_TARGET:
                return 0, (f"Dry run: checks passed; {name} unchanged; no upload target is "
                           "configured.")
            return 4, f"Dry run: checks passed; {name} unchanged; the upload's dry run failed."
        swap_dirs(tmp, output)
    except KeyboardInterrupt:
        return 1, f"Not published: interrupted; {name} unchanged; nothing uploaded."
    except OSError as error:
        return 1, (f"Not published: {name} could not be replaced ({error}); it is unchanged; "
                   "nothing uploaded.")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    code = deploy(project, output, dry_run=False)
    if code == 0:
        target = (os.environ.get("DEPLOY", "").strip() or
                  str(project.settings.get("DEPLOY") or "")).strip()
        where = f" to the {target} target" if target else ""
        return 0, f"Published: checks passed, {name} updated, uploaded{where}."
    if code == NO_TARGET:
        return NO_TARGET, (f"Not uploaded: checks passed and {name} updated, but no upload "
                           "target is configured (see above).")
    return 4, (f"Upload failed: checks passed and {name} updated, but the upload did not "
               "finish (see the message above); run make publish again.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default=Path(__file__).resolve().parent.parent,
                        help="the project folder (default: the one holding tools/)")
    parser.add_argument("--output", help="the folder to replace (default: PROJECT/output)")
    args = parser.parse_args(argv)
    project = Project(args.project)
    output = Path(args.output).absolute() if args.output else project.root / "output"
    dry_run = env_flag("DRY_RUN")
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    code, line = publish(project, output, dry_run)
    print(line)
    return code


if __name__ == "__main__":
    sys.exit(main())
