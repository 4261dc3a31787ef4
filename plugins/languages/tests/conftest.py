"""What this plugin's tests need, and nothing from the site around the folder: they build
small scratch sites of their own with Pelican, so the folder can be copied into any
Pelican site and its tests run from inside it (`pytest` in this folder).

Every build runs in a subprocess: Pelican's signal receivers stay connected for the life
of a process, so two builds in one process would see each other's plugins.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

# The folder that holds this plugin's folder: a scratch site's PLUGIN_PATHS.
PLUGINS_DIR = Path(__file__).resolve().parents[2]


def run_pelican(output, *, conf, content, settings=None, env=None, cwd=None):
    """Build `content` with the settings file `conf` into `output`, the way `pelican
    --fatal errors` does, and return the CompletedProcess. `settings` override the file."""
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(conf),
           "--fatal", "errors"]
    if settings:
        # One -e with every pair: Pelican keeps only the last of several -e options.
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    # A wide console keeps each of Pelican's messages on one line.
    full_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run(cmd, cwd=cwd or Path(conf).parent, env=full_env,
                          capture_output=True, text=True, timeout=600)


def run_site(root, settings=None):
    """Build a scratch site laid out as ROOT/conf.py + ROOT/content into ROOT/output."""
    root = Path(root)
    return run_pelican(root / "output", conf=root / "conf.py", content=root / "content",
                       settings=settings, cwd=root)


def build_site(root, settings=None):
    """run_site, failing the test with Pelican's output if the build fails."""
    result = run_site(root, settings)
    assert result.returncode == 0, result.stdout + result.stderr
    return Path(root) / "output"


def assert_stopped(result, *needles):
    """The build failed, and its output names every needle. Line wrapping is undone by
    comparing without whitespace: a logger may break a long path mid-word."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    flat = "".join(output.split())
    for needle in needles:
        assert "".join(needle.split()) in flat, f"{needle!r} not in the build output:\n{output}"
