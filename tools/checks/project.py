"""The project being checked: its settings, and a production build of it."""

import runpy
from pathlib import Path

from tools.pelican_build import pelican_build

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
        # The source map (built file -> content file) lets the report name each
        # finding's source.
        # PRIVACY_GUARD_CACHE off: a published build judges every page afresh (no
        # verdict of an earlier build is trusted).
        settings = {"PRIVACY_GUARD_ENFORCE": False, "PRIVACY_GUARD_CACHE": False,
                    "PRIVACY_SOURCE_MAP": str(Path(output) / SOURCE_MAP)}
        if scan_report:
            settings["CONFIDENTIALITY_REPORT"] = str(scan_report)
        # No content folder: pelicanconf.py's PATH (content/ after make setup,
        # sample/content/ before) decides.
        return pelican_build(output, conf=self.conf, settings=settings, cwd=self.root)

    def privacy_guard(self):
        """The project's own plugins/privacy_guard package (tools may import plugins)."""
        from plugins.privacy_guard import audit
        return audit
