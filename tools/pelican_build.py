"""The one way the tools (and the tests) run Pelican in a child process.

A child process, because Pelican keeps its plugins' signal receivers for the life of a
process: every build gets fresh plugins. `make html` itself runs Pelican in-process
through tools.build, to show a plugin's error without a traceback.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

PELICAN = (sys.executable, "-m", "pelican")
# The build `make html` runs: a plugin's <Plugin>Error is shown as its message, without a
# traceback (docs/plugin-contract.md). It runs from any folder: this project's root is put
# on the child's PYTHONPATH so that `tools` can be found.
TOOLS_BUILD = (sys.executable, "-m", "tools.build")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def pelican_build(output, *, conf, content=None, settings=None, env=None, cwd=None,
                  timeout=None, launcher=PELICAN, extra_args=()):
    """Build with `conf` into `output`; returns the CompletedProcess (text, captured).

    Without `content`, the settings file's PATH decides. `settings` are passed as one
    `-e KEY=<json>` list (Pelican keeps only the last -e option) and win over the file.
    Errors Pelican logs fail the build (`--fatal errors`). `env` is added to this
    process's environment; Pelican's log lines are kept on one line each (a wide
    COLUMNS) unless `env` says otherwise. `launcher` replaces `python -m pelican`
    (the benchmarks wrap Pelican to measure it; TOOLS_BUILD is make html's build).
    """
    cmd = [*launcher, *([str(content)] if content else []), "-o", str(output),
           "-s", str(conf), "--fatal", "errors", *extra_args]
    if settings:
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    full_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200", **(env or {})}
    if tuple(launcher) == TOOLS_BUILD:
        full_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(PROJECT_ROOT), full_env.get("PYTHONPATH")) if p)
    return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout)
