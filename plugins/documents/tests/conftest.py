"""What this plugin's tests need, and nothing from the site around the folder: they build
scratch sites of their own with Pelican, so the folder can be copied into any Pelican site
and its tests run from inside it (`pytest` in this folder).

Every build runs in a subprocess: Pelican's signal receivers stay connected for the life
of a process, so two builds in one process would see each other's plugins.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

# The folder that holds this plugin's folder: a scratch site's PLUGIN_PATHS.
PLUGINS_DIR = Path(__file__).resolve().parents[2]


def write_site(root, files, extra_conf=""):
    """A scratch site in `root`: content/ holding `files` ({path: bytes or str}), and a
    conf.py with this plugin alone and Pelican's default theme."""
    root = Path(root)
    for rel, data in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(textwrap.dedent(data), encoding="utf-8")
        else:
            path.write_bytes(data)
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        SITENAME = "Documents test"
        PATH = "content"
        ARTICLE_PATHS = ["posts"]
        STATIC_PATHS = ["extra", "posts", "audio"]
        ARTICLE_URL = "blog/{{slug}}/"
        ARTICLE_SAVE_AS = "blog/{{slug}}/index.html"
        TIMEZONE = "UTC"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        CACHE_CONTENT = False
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["documents"]
        DOCUMENTS_CACHE_PATH = {str(root / "documents-cache")!r}
        """) + extra_conf, encoding="utf-8")
    return root


def run_site(root):
    """Build ROOT/content with ROOT/conf.py into ROOT/output, as a plain `pelican` run."""
    root = Path(root)
    cmd = [sys.executable, "-m", "pelican", str(root / "content"), "-o", str(root / "output"),
           "-s", str(root / "conf.py"), "--fatal", "errors"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"}
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True,
                          timeout=600)


def assert_stopped(result, *needles):
    """The build failed, and its output names every needle (whitespace ignored: a logger
    may wrap a long line)."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    flat = "".join(output.split())
    for needle in needles:
        assert "".join(needle.split()) in flat, f"{needle!r} not in the build output:\n{output}"
