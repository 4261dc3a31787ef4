"""`make publish`: build the live site, check it, and upload exactly what was checked.

1. Build the production site (publishconf.py) into a new private folder in the project
   (.publish-XXXX/), which nothing else writes: the preview (`make devserver`) builds into
   output/ and its own staging folder, never here.
2. Run the pre-publish checks (tools.checks) over it: the build runs in this process and
   the checks read what it found and parsed, as `make check` does. Any finding: stop;
   nothing is uploaded, output/ is untouched, and the new build is thrown away.
3. Note every file's bytes (a SHA-256 manifest), then upload that very folder with
   `python -m tools.deploy FOLDER` (cwd: the project). If anything in the folder changed
   by the end of the upload, the publish says so and fails.
4. Only then swap the uploaded build into output/ (tools/folder_swap.py, the project's
   one folder swap, which the rsync target runs on the web host too), to look at. A
   preview rebuilding at the same moment can neither be uploaded nor spoil the upload;
   its next rebuild replaces output/ again.

With DRY_RUN=1, tools/deploy.py shows what it would upload from the new build (--dry-run)
and output/ is left alone. Everything this tool and the upload print is redacted
(tools/redact.py).

Exit status (the last line says the same in words):
  0  published: checks passed, uploaded (or the dry run was shown), output/ updated
  1  not published: the build failed or a check found something; nothing changed
  3  checks passed and output/ updated, but no upload target is configured
  4  checks passed, but the upload (or its dry run) failed; see deploy's message
"""

import argparse
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.checks import Project, build_and_check, confidential, format_report
from tools.flags import env_flag
from tools.folder_swap import swap_in
from tools.redact import redact, redacting_output

NO_TARGET = 3


def manifest(folder):
    """{relative path: sha256} of every file and link under `folder`."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def deploy(project, site, dry_run):
    """Run tools/deploy.py on `site`; returns its exit status (3 when it is not there).
    Its output is relayed line by line through redact(), whatever printed it (ssh, git,
    rsync or a traceback), so no secret reaches the screen or a log."""
    script = project.root / "tools" / "deploy.py"
    if not script.is_file():
        print("No upload step is installed (tools/deploy.py is missing), so nothing is "
              "uploaded.", flush=True)
        return NO_TARGET
    cmd = [sys.executable, "-m", "tools.deploy", str(site)] + (["--dry-run"] if dry_run else [])
    sys.stdout.flush()
    # stderr into a file: reading stdout while stderr fills a pipe could block both. The
    # terminal stays deploy's stdin, so ssh and git may still ask for a passphrase there.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as err:
        proc = subprocess.Popen(cmd, cwd=project.root, stdout=subprocess.PIPE, stderr=err,
                                text=True, errors="replace")
        for line in proc.stdout:
            print(redact(line.rstrip("\n")), flush=True)
        code = proc.wait()
        err.seek(0)
        for line in err:
            print(redact(line.rstrip("\n")), file=sys.stderr, flush=True)
    return code


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
    tmp = Path(tempfile.mkdtemp(prefix=".publish-", dir=project.root))
    swapped = False
    try:
        mask(signal.SIG_UNBLOCK, stops)
        umask = os.umask(0)
        os.umask(umask)
        # mkdtemp makes it 0700; rsync gives the uploaded root folder this mode, and the
        # web server must read it. Only this user can write it either way.
        os.chmod(tmp, 0o777 & ~umask & ~0o022)
        print("Building the live site into a private folder and checking it...", flush=True)
        issues, facts = build_and_check(project, tmp)
        print(format_report(issues, facts), flush=True)
        if issues:
            return 1, (f"Not published: {len(issues)} check finding(s); {name} unchanged; "
                       "nothing uploaded.")
        for line in confidential.consent_lines(facts.get("consent")):
            print(line, flush=True)  # every story published on a client's consent, named
        checked = manifest(tmp)
        code = deploy(project, tmp, dry_run)
        if manifest(tmp) != checked:
            return 4, (f"Upload failed: the checked build changed while it was being "
                       f"uploaded (another program wrote into it), so what went up may not "
                       f"be what was checked; {name} unchanged; run make publish again.")
        if dry_run:
            if code == 0:
                return 0, (f"Dry run: checks passed; {name} unchanged; the upload shown "
                           "above was not made.")
            if code == NO_TARGET:
                return 0, (f"Dry run: checks passed; {name} unchanged; no upload target is "
                           "configured.")
            return 4, f"Dry run: checks passed; {name} unchanged; the upload's dry run failed."
        # Only now, with the upload over, does the checked build become output/, to look
        # at (the preview's next rebuild replaces it again).
        swap_in(str(tmp), str(output), project.settings.get("OUTPUT_RETENTION"))
        swapped = True
    except KeyboardInterrupt:
        if swapped:
            return 1, f"Interrupted after the upload; {name} shows what was uploaded."
        return 1, f"Not published: interrupted; {name} unchanged; nothing uploaded."
    except OSError as error:
        return 4, (f"Checks passed and the upload ran (see above), but {name} could not be "
                   f"replaced with the uploaded build ({error}).")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if code == 0:
        target = (os.environ.get("DEPLOY", "").strip() or
                  str(project.settings.get("DEPLOY") or "")).strip()
        where = f" to the {target} target" if target else ""
        return 0, f"Published: checks passed, the checked build uploaded{where}, {name} updated."
    if code == NO_TARGET:
        return NO_TARGET, (f"Not uploaded: checks passed and {name} updated, but no upload "
                           "target is configured (see above).")
    return 4, (f"Upload failed: checks passed and {name} updated, but the upload did not "
               "finish (see the message above); run make publish again.")


def main(argv=None):
    redacting_output()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default=Path(__file__).resolve().parent.parent,
                        help="the project folder (default: the one holding tools/)")
    parser.add_argument("--output", help="the folder that shows the uploaded build "
                                             "afterwards (default: PROJECT/output)")
    args = parser.parse_args(argv)
    project = Project(args.project)
    output = Path(args.output).absolute() if args.output else project.root / "output"
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    code, line = publish(project, output, env_flag("DRY_RUN"))
    print(line)
    return code


if __name__ == "__main__":
    sys.exit(main())
