"""The project being checked: its settings, and a production build of it in this process.

`make check` and `make publish` build the way `make html` does (tools/build.py): Pelican
runs here, not in a child process, so what the plugins find reaches the checks directly,
through blinker named signals they send (privacy_guard's `page_parsed`,
`stylesheet_parsed` and `privacy_audited`, confidentiality's `confidentiality_scanned`)
and through the `.findings` of a plugin's error. Nothing is written beside the site or
into it for the checks to read back.

One build per process: Pelican keeps its plugins' receivers (and their module state) for
the life of a process, so a tool builds once and exits.
"""

import contextlib
import io
import logging
import os
import runpy
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Build:
    """What one build left for the checks."""
    ok: bool                 # it ran to the end with no error logged
    settings: dict = None    # Pelican's settings for it (None: the settings file failed)
    message: str = ""        # why it stopped, in words ("" when it did not)
    stopped: list = field(default_factory=list)  # why it stopped, as finding dicts
    printed: str = ""        # what Pelican and the plugins printed (shown when it failed)


class Project:
    def __init__(self, root):
        self.root = Path(root).resolve()
        self.conf = self.root / "publishconf.py"
        self._settings = None

    @property
    def settings(self):
        """The names publishconf.py defines (it reads SITEURL from the environment and
        imports pelicanconf.py), for a check that has no build (`--site`) or whose build
        could not read them. Run as a plain Python file."""
        if self._settings is None:
            self._settings = runpy.run_path(str(self.conf))
        return self._settings

    def build(self, output, listeners):
        """Build the production site into `output` in this process, with `listeners`
        ({named signal: receiver}) connected for the build. The privacy guard hands its
        findings to its listener instead of stopping the build (PRIVACY_GUARD_ENFORCE
        false), so that every check reports; the checks refuse the site instead."""
        # No content folder: pelicanconf.py's PATH (content/ after make setup,
        # sample/content/ before) decides.
        # PRIVACY_GUARD_CACHE off (a setting of the guard's judged-pages cache, helper
        # "guard"): a build that publishes judges every page afresh, and every page's tree
        # reaches the checks.
        settings = {"OUTPUT_PATH": str(Path(output).absolute()),
                    "PRIVACY_GUARD_ENFORCE": False, "PRIVACY_GUARD_CACHE": False}
        build = build_in_process(self.conf, settings, listeners, cwd=self.root)
        if build.settings is not None:
            self._settings = build.settings
        return build


def build_in_process(conf, override, listeners, cwd):
    """Run Pelican with settings file `conf` (and `override`) from the folder `cwd`, as
    `pelican --fatal errors` would; returns a Build. Errors Pelican and the plugins log
    stop it before anything is written (tools/build.py's collector), and nothing it
    prints reaches the screen: the checks' report says what matters."""
    from blinker import signal
    from pelican import signals
    from pelican.settings import read_settings

    from tools import build as site_build

    printed = io.StringIO()
    collector = site_build.Collector(stream=printed)
    root_logger = logging.getLogger()
    connected = [(signal(name), receiver) for name, receiver in listeners.items()]

    def stop_if_errors(generators):
        if collector.errors:
            raise site_build.BuildStopped()

    build, stopped = Build(ok=False), []
    here = os.getcwd()
    root_logger.addHandler(collector)
    for sig, receiver in connected:
        sig.connect(receiver, weak=False)
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            try:
                build.settings = read_settings(str(conf), override=override)
                collector.settings = build.settings
                site = build.settings["PELICAN_CLASS"]
                if isinstance(site, str):
                    module, name = site.rsplit(".", 1)
                    site = getattr(__import__(module, fromlist=[name]), name)
                instance = site(build.settings)
                # Connected after the plugins, so their own checks at this signal run first.
                signals.all_generators_finalized.connect(stop_if_errors, weak=False)
                instance.run()
            except KeyboardInterrupt:
                raise
            except SystemExit as stop:
                # pelicanconf.py stops this way when practice.toml is wrong.
                build.message = stop.code.strip() if isinstance(stop.code, str) else \
                    f"the settings file stopped the build (exit status {stop.code})"
            except Exception as error:  # every failure becomes words, never a traceback
                failed = conf if build.settings is not None else _at_fault(error, conf)
                stopped.append(site_build.describe(error, build.settings, str(failed)))
    finally:
        os.chdir(here)
        signals.all_generators_finalized.disconnect(stop_if_errors)
        for sig, receiver in connected:
            sig.disconnect(receiver)
        root_logger.removeHandler(collector)
    texts, build.stopped = _words_and_findings([*collector.errors, *stopped])
    build.message = "\n".join([*texts, build.message]).strip()
    build.ok = not build.message and not build.stopped
    build.printed = printed.getvalue()
    return build


def _words_and_findings(items):
    """tools/build.py says what stopped a build in words, or as finding dicts (a list of
    them for a plugin's error): both kept apart."""
    texts, found = [], []
    for item in items:
        for one in item if isinstance(item, list) else [item]:
            if isinstance(one, dict):
                found.append(one)
            elif one:
                texts.append(str(one))
    return texts, found


def _at_fault(error, conf):
    """The settings file the error points into: the innermost of publishconf.py and the
    pelicanconf.py it reads (a syntax error names its own file)."""
    import traceback
    mine = {Path(conf).resolve(), (Path(conf).parent / "pelicanconf.py").resolve()}
    if isinstance(error, SyntaxError) and error.filename and \
            Path(error.filename).resolve() in mine:
        return error.filename
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename).resolve() in mine:
            return frame.filename
    return conf
