"""The project being checked: its settings, and a production build of it."""

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

# Where the production build leaves its source map for the checks (removed before publishing).
SOURCE_MAP = ".privacy-sources.json"


class Project:
    def __init__(self, root):
        self.root = Path(root).resolve()
        self.conf = self.root / "publishconf.py"
        self._settings = None

    @property
    def settings(self):
        """The names publishconf.py defines (it reads SITEURL from the environment and
        imports pelicanconf.py). Run as a plain Python file: the checks need only a few
        of the user's own settings, not Pelican's defaults, and importing Pelican here
        would cost more than the checks themselves."""
        if self._settings is None:
            self._settings = runpy.run_path(str(self.conf))
        return self._settings

    def build(self, output, scan_report=None):
        """Build the production site into `output`; returns the CompletedProcess.

        The privacy audit still runs and prints what it finds, but does not stop the build:
        the checks audit the output themselves and report everything together. With
        `scan_report`, the confidentiality plugin writes its findings to that JSON file.
        """
        # One -e for every setting: Pelican keeps only the last -e option. The source map
        # (built file -> content file) lets the report name each finding's source.
        extra = ["PRIVACY_GUARD_ENFORCE=false",
                 f"PRIVACY_SOURCE_MAP={json.dumps(str(Path(output) / SOURCE_MAP))}"]
        if scan_report:
            extra.append(f"CONFIDENTIALITY_REPORT={json.dumps(str(scan_report))}")
        # No content folder on the command line: pelicanconf.py's PATH (content/ after
        # make setup, sample/content/ before) decides.
        cmd = [sys.executable, "-m", "pelican", "-o", str(output),
               "-s", str(self.conf), "--fatal", "errors", "-e", *extra]
        # A wide console, so Pelican's log lines are not wrapped into a narrow column.
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "160"}
        return subprocess.run(cmd, cwd=self.root, env=env, capture_output=True, text=True)

    def privacy_guard(self):
        """The project's own plugins/privacy_guard package (tools may import plugins)."""
        from plugins.privacy_guard import audit
        return audit
