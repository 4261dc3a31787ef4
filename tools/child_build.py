"""The one way the tools (and the tests) run Pelican in a child process.

A child process, because Pelican keeps its plugins' signal receivers for the life of a
process: every build gets fresh plugins. `make html` itself runs Pelican in-process
through tools.build, to show a plugin's error without a traceback.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

PELICAN = (sys.executable, "-m", "pelican")
# The build `make html` runs: a plugin's <Plugin>Error is shown as its message, without a
# traceback (docs/plugin-contract.md). It runs in a project folder that holds tools/ (the
# working directory, as for `make html`).
TOOLS_BUILD = (sys.executable, "-m", "tools.build")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def pelican_build(output, *, conf, content=None, settings=None, env=None, cwd=None,
                  timeout=None, launcher=PELICAN, extra_args=(), server=None):
    """Build with `conf` into `output`; returns the CompletedProcess (text, captured).

    Without `content`, the settings file's PATH decides. `settings` are passed as one
    `-e KEY=<json>` list (Pelican keeps only the last -e option) and win over the file.
    Errors Pelican logs fail the build (`--fatal errors`). `env` is added to this
    process's environment; Pelican's log lines are kept on one line each (a wide
    COLUMNS) unless `env` says otherwise. `launcher` replaces `python -m pelican`
    (the benchmarks wrap Pelican to measure it; TOOLS_BUILD is make html's build).
    `server`, a ForkServer, runs the build in a fork of a process that has the libraries
    loaded already (the tests), rather than in a new Python.
    """
    cmd = [*launcher, *([str(content)] if content else []), "-o", str(output),
           "-s", str(conf), "--fatal", "errors", *extra_args]
    if settings:
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    full_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200", **(env or {})}
    if server is not None:
        return server.run(cmd, cwd=cwd, env=full_env, timeout=timeout)
    return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout)


# -- the tests' fork server ---------------------------------------------------------------
#
# Starting Python and importing Pelican, Markdown, docutils, Jinja, Pillow, pypdf... costs
# more than a sample build itself. The test suite builds hundreds of times, so it starts
# one server per test worker: a process that has imported those libraries once, and forks
# a child per build. The child runs the build exactly as `python -m MODULE ARGS` would (its
# own argv, folder, environment, standard streams, import path), then exits, so nothing a
# build does (plugins' signal receivers, caches, module state) outlives it. The server
# itself never builds, and it drops this project's own modules (plugins, tools, settings)
# after importing them, so each build imports the project's code from its own folder the
# way a fresh process does: a copy of the project with a changed plugin gets its change.

SERVE_FLAG = "--fork-server"


def _library_dirs():
    import sysconfig

    paths = sysconfig.get_paths()
    return tuple({os.path.realpath(paths[key]) + os.sep
                  for key in ("stdlib", "platstdlib", "purelib", "platlib")})


def _is_library(module, library_dirs):
    """A module of Python or of an installed package (kept loaded), not of this project."""
    where = getattr(module, "__file__", None)
    if where is None:
        path = list(getattr(module, "__path__", None) or [])
        if not path:
            return True  # built in
        where = path[0]
    return os.path.realpath(where).startswith(library_dirs)


def _preload():
    """Import what every build imports, then forget this project's own modules."""
    import importlib
    import pkgutil

    sys.path.insert(0, str(PROJECT_ROOT / "plugins"))  # PLUGIN_PATHS, as a build has it
    for name in ("pelican", "pelican.generators", "pelican.readers", "pelican.writers",
                 "pelican.server", "pelican.utils", "tools.build"):
        importlib.import_module(name)
    for plugin in sorted((PROJECT_ROOT / "plugins").iterdir()):
        if not (plugin / "__init__.py").is_file():
            continue
        # Each plugin's modules, so that the libraries they import lazily load here too.
        for info in pkgutil.walk_packages([str(plugin)], plugin.name + "."):
            if ".tests" in info.name or info.name.endswith(".tests"):
                continue
            try:
                importlib.import_module(info.name)
            except Exception:  # a build that needs it reports the error itself
                pass
    sys.path.pop(0)
    library = _library_dirs()
    for name, module in list(sys.modules.items()):
        if name != "__main__" and not _is_library(module, library):
            del sys.modules[name]
    from blinker.base import default_namespace
    connected = [name for name, sig in default_namespace.items() if sig.receivers]
    if connected:  # would run in every build: a plugin connected on import
        raise RuntimeError(f"signal receivers connected on import: {connected}")


def _send(conn, data):
    conn.sendall(len(data).to_bytes(8, "big") + data)


def _exactly(conn, count):
    """`count` bytes from `conn`, however the socket splits them."""
    chunks = b""
    while len(chunks) < count:
        chunk = conn.recv(count - len(chunks))
        if not chunk:
            raise EOFError("the other end closed the connection")
        chunks += chunk
    return chunks


def _receive(conn):
    return _exactly(conn, int.from_bytes(_exactly(conn, 8), "big"))


def _exit_code(code):
    """What `python` exits with for SystemExit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _build_child(request, fds, base_path):
    """In the forked child: become `python -m MODULE ARGS` in the request's folder."""
    import atexit
    import importlib
    import locale
    import runpy
    import time
    import traceback

    for number, fd in enumerate(fds):
        os.dup2(fd, number)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    try:
        locale.setlocale(locale.LC_CTYPE, "")  # as Python does on start
    except locale.Error:
        pass
    python_path = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    sys.path[:] = [os.getcwd(), *python_path, *base_path]
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()
    sys.dont_write_bytecode = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    sys.argv = [request["module"], *request["args"]]
    # Pelican's console is made when pelican.log is imported, and reads the width
    # (COLUMNS) and the kind of output then: made again, it reads this build's.
    from pelican.log import console
    console.__init__()
    try:
        runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as stop:
        code = _exit_code(stop.code)
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def _handle(conn, base_path):
    """In a forked child of the server: run one build in a grandchild, report its end."""
    message, fds, _flags, _addr = socket.recv_fds(conn, 8, 3)
    request = json.loads(_receive_rest(conn, message))
    pid = os.fork()
    if pid == 0:
        conn.close()
        os.setpgid(0, 0)  # a timeout kills the build and anything it started
        _build_child(request, fds, base_path)
    for fd in fds:
        os.close(fd)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass  # the child did it first
    _send(conn, str(pid).encode())
    _pid, status = os.waitpid(pid, 0)
    _send(conn, str(os.waitstatus_to_exitcode(status)).encode())


def _receive_rest(conn, header):
    """The request after its 8-byte length (which came with the streams' descriptors)."""
    return _exactly(conn, int.from_bytes(header, "big"))


def serve(address):
    """The server: preload, listen on `address`, fork a child per connection; stop when
    standard input closes (the test worker that started it has gone)."""
    import select

    base_path = sys.path[1:]  # python -m puts the folder first; each build its own
    _preload()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        # Waiting for each finished handler (rather than ignoring SIGCHLD) adds the
        # builds' CPU time to this process's, and so to the test run's.
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass
        ready, _, _ = select.select([listener, sys.stdin], [], [], 1)
        if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1024):
            return
        if listener in ready:
            conn, _ = listener.accept()
            sys.stdout.flush()
            sys.stderr.flush()
            if os.fork() == 0:
                listener.close()
                try:
                    _handle(conn, base_path)
                finally:
                    os._exit(0)
            conn.close()


class ForkServer:
    """The test side: runs `python -m MODULE ...` commands through a server, and returns
    what subprocess.run(capture_output=True, text=True) would. Standard input is `input`
    (empty by default: a build that asks a question reads end of file)."""

    def __init__(self):
        import tempfile

        # A short folder of its own: a Unix socket's path is limited to about 100 bytes.
        self.folder = tempfile.mkdtemp(prefix="pelican-builds-")
        folder = self.folder
        self.address = os.path.join(folder, "builds.sock")
        self.log = open(os.path.join(folder, "fork-server.log"), "wb")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tools.child_build", SERVE_FLAG, self.address],
            cwd=PROJECT_ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log)
        if self.process.stdout.readline() != b"ready\n":
            self.process.wait()
            raise RuntimeError(f"the build server did not start: see {self.log.name}")

    def close(self):
        self.process.stdin.close()
        self.process.wait()
        self.log.close()
        import shutil
        shutil.rmtree(self.folder, ignore_errors=True)

    def run(self, cmd, *, cwd=None, env=None, timeout=None, input=None, errors=None):
        cmd = [str(part) for part in cmd]
        if cmd[:2] != [sys.executable, "-m"]:  # not a module run: a real process
            return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                                  timeout=timeout, input=input, errors=errors)
        import locale
        import tempfile

        request = json.dumps({"module": cmd[2], "args": cmd[3:],
                              "cwd": os.path.abspath(cwd or os.getcwd()),
                              "env": dict(os.environ if env is None else env)}).encode()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
                tempfile.TemporaryFile() as typed, \
                socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            typed.write((input or "").encode(locale.getpreferredencoding(False)))
            typed.seek(0)
            conn.connect(self.address)
            socket.send_fds(conn, [len(request).to_bytes(8, "big")],
                            [typed.fileno(), out.fileno(), err.fileno()])
            conn.sendall(request)
            pid = int(_receive(conn))
            conn.settimeout(timeout)
            try:
                code = int(_receive(conn))
            except TimeoutError:
                os.killpg(pid, 9)
                conn.settimeout(None)
                _receive(conn)
                raise subprocess.TimeoutExpired(cmd, timeout, _text(out, errors),
                                                _text(err, errors))
            return subprocess.CompletedProcess(cmd, code, _text(out, errors),
                                               _text(err, errors))


_shared = None


def shared_server():
    """This process's ForkServer, started on first use and stopped when it exits."""
    global _shared
    if _shared is None:
        import atexit

        _shared = ForkServer()
        atexit.register(_shared.close)
    return _shared


def _text(file, errors=None):
    """A captured stream as subprocess.run(text=True, errors=errors) returns it."""
    import locale

    file.seek(0)
    text = file.read().decode(locale.getpreferredencoding(False), errors or "strict")
    return text.replace("\r\n", "\n").replace("\r", "\n")


if __name__ == "__main__" and sys.argv[1:2] == [SERVE_FLAG]:
    serve(sys.argv[2])
