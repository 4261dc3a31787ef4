"""Serve a built site on 127.0.0.1 for a real browser (tests, Lighthouse, screenshots).

The port comes from the OS, so two runs never fight over one. The site is built with its
SITEURL set to this server's own origin, so every absolute link stays on the machine.
The server remembers every request it answered, with the status, because a browser's
automatic requests (the favicon) never show up in Playwright's page events.
"""

import functools
import os
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tools.child_build import pelican_build

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags that let Debian's Chromium run headless as root in a container, and keep it from
# phoning home (updates, sync, field trials) while it looks at our pages.
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path():
    """The Chromium binary, or None when it is not installed."""
    found = shutil.which(CHROMIUM) if not os.path.isabs(CHROMIUM) else CHROMIUM
    return found if found and os.access(found, os.X_OK) else None


class _Handler(SimpleHTTPRequestHandler):
    def log_request(self, code="-", size="-"):
        # Keep a record instead of printing one line per file.
        self.server.requests.append((self.path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class LocalServer:
    """A threaded static server for `directory` on a free loopback port.

    Create it before building (the build needs `origin`), call start() after.
    """

    def __init__(self, directory):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(_Handler, directory=str(self.directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.requests = []
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self._thread = None

    @property
    def requests(self):
        return self.httpd.requests

    def start(self):
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._thread:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def build_publish(output, siteurl):
    """Build the production configuration into `output` with SITEURL=`siteurl`.

    Exits with Pelican's own output when the build fails, so the reason is on screen.
    """
    result = pelican_build(output, conf=ROOT / "publishconf.py", env={"SITEURL": siteurl},
                           cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"The site did not build (pelican exited {result.returncode}):\n"
                 f"{result.stdout}{result.stderr}")
    return Path(output)
