"""Upload the built site to the configured host: `python -m tools.deploy OUTPUTDIR`.

`python -m tools.deploy --rollback` (make rollback) makes the previous release live again
(DEPLOY=rsync only).

tools/publish.py calls this after the production build passed its checks. DEPLOY names
the target; each target module lists its own settings and their defaults (SETTINGS), and
docs/publishing.md documents them. Each comes from the environment first (make passes
its command-line variables there), then from publishconf.py, then the target's default.
--dry-run (or DRY_RUN=1) shows what would be uploaded and deleted and changes nothing.

Exit status: 0 uploaded (or dry run shown), 3 no target configured, 2 a setting is
wrong, 1 the upload failed. Each failure says which target, what failed, what to check.
"""

import argparse
import os
import sys
from pathlib import Path

from tools.deploy_targets import github, rsync_ssh, s3
from tools.deploy_targets.common import (
    EXIT_BAD_SETTINGS, EXIT_NO_TARGET, EXIT_OK, DeployError, say, stderr)
from tools.flags import env_flag
from tools.redact import redacting_output

TARGETS = {"rsync": rsync_ssh, "github": github, "s3": s3}
# Every deploy setting with its default: DEPLOY, then each target's own (the one place
# their names are written in code).
DEFAULTS = {"DEPLOY": "", **{name: default for target in TARGETS.values()
                             for name, default in target.SETTINGS.items()}}
KEYS = tuple(DEFAULTS)
# Read the same way, for the GitHub target's CNAME file: the site's address (Pelican's
# setting; publishconf.py reads it from the environment first too).
READ = (*KEYS, "SITEURL")

HOW_TO_CONFIGURE = """\
No upload target is configured, so nothing was uploaded. Choose one with DEPLOY, either
on the command line or in publishconf.py (see docs/publishing.md):
  make publish DEPLOY=rsync  SSH_HOST=ssh.example.org SSH_USER=you SSH_TARGET_DIR=public_html
  make publish DEPLOY=github GITHUB_REMOTE=git@github.com:you/you.github.io.git
  make publish DEPLOY=s3     S3_BUCKET=www-yourpractice [S3_ENDPOINT_URL=...]"""


def publishconf_values(path):
    """The deploy settings written in publishconf.py (empty when none are there)."""
    if not path.is_file():
        return {}
    # get_settings_from_file runs the file like read_settings does, without checking the
    # content folder and theme, which do not matter for an upload.
    from pelican.settings import get_settings_from_file

    try:
        settings = get_settings_from_file(str(path))
    except Exception as exc:  # a broken settings file: say which and why, no traceback
        raise DeployError("settings", f"{path} could not be read: {exc}",
                          "the deploy lines at the end of publishconf.py.",
                          EXIT_BAD_SETTINGS) from None
    return {key: settings[key] for key in READ if settings.get(key) not in (None, "")}


def load_settings(publishconf):
    """Environment first (an empty value counts as unset: make exports unset variables
    as empty strings), then publishconf.py, then the defaults."""
    from_file = publishconf_values(publishconf)
    return {key: os.environ.get(key, "").strip() or str(from_file.get(key, DEFAULTS.get(key, "")))
            for key in READ}


def dry_run_requested(flag):
    return flag or env_flag("DRY_RUN")


def rollback(target, settings):
    if target != "rsync":
        raise DeployError(target, "make rollback works with DEPLOY=rsync only",
                          "on GitHub Pages and S3, publish the version you want again "
                          "(docs/publishing.md, \"Going back to an earlier version\").",
                          EXIT_BAD_SETTINGS)
    release = rsync_ssh.rollback(settings)
    say(f"Rolled back: release {release} is live.")
    return EXIT_OK


def main(argv=None):
    redacting_output()  # also what ssh, git, rsync or a traceback print through us
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # Either a folder to upload or --rollback, never both (argparse says so).
    task = parser.add_mutually_exclusive_group(required=True)
    task.add_argument("outputdir", nargs="?", help="the built site to upload (e.g. output)")
    task.add_argument("--rollback", action="store_true",
                      help="make the previous release live again (DEPLOY=rsync)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would be uploaded and deleted; change nothing")
    parser.add_argument("--settings", help="settings file with deploy defaults (default: "
                        "publishconf.py in the current folder, else the project's)")
    args = parser.parse_args(argv)

    outputdir = Path(args.outputdir or ".")
    if not args.rollback and (not outputdir.is_dir() or not any(outputdir.iterdir())):
        stderr(f"Publishing failed: {outputdir} is missing or empty, so there is nothing "
               "to upload.\nWhat to check: build the site first (make publish does this).")
        return EXIT_BAD_SETTINGS
    if args.settings:
        conf = Path(args.settings)
    elif Path("publishconf.py").is_file():
        conf = Path("publishconf.py")
    else:
        conf = Path(__file__).resolve().parent.parent / "publishconf.py"
    try:
        settings = load_settings(conf.resolve())
        target = settings["DEPLOY"].lower()
        if not target:
            say(HOW_TO_CONFIGURE)
            return EXIT_NO_TARGET
        if target not in TARGETS:
            raise DeployError("settings", f"DEPLOY={settings['DEPLOY']!r} is not a known target",
                              "set DEPLOY to rsync, github or s3.", EXIT_BAD_SETTINGS)
        if args.rollback:
            return rollback(target, settings)
        summary = TARGETS[target].deploy(outputdir, settings, dry_run_requested(args.dry_run))
    except DeployError as error:
        stderr(error.render())
        return error.code
    except KeyboardInterrupt:
        stderr("Publishing was interrupted. Visitors still get a working site (the old "
               "release on rsync hosts and GitHub Pages; on S3 the old pages with some new "
               "files). Run make publish again to finish.")
        return 1
    say(summary.line())
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
