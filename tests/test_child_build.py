"""The tests' fork server (tools.child_build.ForkServer) runs `python -m MODULE ARGS` the
way a new Python does: the same argv, folder, environment, standard streams, import path and
exit status, a fresh copy of the project's own modules, and nothing left over from the
build before. Each case runs a small module both ways and compares what it saw."""

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import build_server

# What a module sees of its process, printed as JSON; then it leaves as told by EXIT.
PROBE = textwrap.dedent("""\
    import json, os, shutil, sys

    import pelican.log
    from pelican import signals

    import mark  # a module of the folder it runs in

    before = len(signals.initialized.receivers)
    signals.initialized.connect(lambda sender: None)  # a plugin's receiver, left behind
    typed = sys.stdin.read()
    print(json.dumps({
        "argv": sys.argv[1:], "cwd": os.getcwd(), "path0": sys.path[0],
        "in_path": [p for p in sys.path if p.endswith("extra-path")],
        "env": {k: os.environ.get(k) for k in ("COLUMNS", "PROBE_VALUE", "HOME")},
        "typed": typed,
        "columns": shutil.get_terminal_size().columns,
        "console_width": pelican.log.console.width,
        "mark": mark.VALUE, "receivers_before": before,
        "bytecode": sys.dont_write_bytecode, "main": __name__,
    }))
    sys.stderr.write("to stderr\\n")
    how = os.environ.get("EXIT")
    if how == "text":
        sys.exit("a message for the user")
    if how == "error":
        raise ValueError("a bug")
    if how:
        sys.exit(int(how))
    """)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "mark.py").write_text("VALUE = 'first'\n", encoding="utf-8")
    return tmp_path


def both(folder, env, args=("one", "two words"), input=""):
    """The probe run by a new Python and by the fork server, from `folder`."""
    cmd = [sys.executable, "-m", "probe", *args]
    real = subprocess.run(cmd, cwd=folder, env=env, input=input, capture_output=True,
                          text=True, timeout=120)
    forked = build_server().run(cmd, cwd=folder, env=env, input=input, timeout=120)
    return real, forked


def environment(folder, **extra):
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS", "HOME")}
    return {**env, "PYTHONPATH": str(folder / "extra-path"), "PYTHONDONTWRITEBYTECODE": "1",
            **extra}


@pytest.mark.parametrize("exit_as, code", [(None, 0), ("3", 3), ("text", 1), ("error", 1)])
def test_a_forked_run_sees_and_returns_what_a_new_python_does(folder, exit_as, code):
    env = environment(folder, COLUMNS="61", PROBE_VALUE="é ✓",
                      **({"EXIT": exit_as} if exit_as else {}))
    real, forked = both(folder, env, input="typed line\n")
    assert real.returncode == code, real.stderr
    assert forked.returncode == real.returncode, forked.stderr
    seen = json.loads(real.stdout)
    assert seen["columns"] == 61 and seen["console_width"] == 61  # the sanity of the probe
    assert seen["typed"] == "typed line\n" and seen["argv"] == ["one", "two words"]
    assert json.loads(forked.stdout) == seen
    if exit_as == "error":  # Python's traceback, the same last line
        assert forked.stderr.splitlines()[-1] == real.stderr.splitlines()[-1] == \
            "ValueError: a bug"
    else:
        assert forked.stderr == real.stderr


def test_each_run_imports_the_folders_own_modules_afresh_and_starts_clean(folder):
    env = environment(folder, COLUMNS="200")
    _, first = both(folder, env)
    (folder / "mark.py").write_text("VALUE = 'changed'\n", encoding="utf-8")
    _, second = both(folder, env)
    assert json.loads(first.stdout)["mark"] == "first"
    assert json.loads(second.stdout)["mark"] == "changed"  # not the module of the run before
    # The receiver the first run connected is gone: each run is a new fork of the server.
    assert json.loads(second.stdout)["receivers_before"] == 0


def test_a_run_past_its_timeout_is_stopped(folder):
    (folder / "slow.py").write_text("import time\nprint('started', flush=True)\n"
                                    "time.sleep(60)\n", encoding="utf-8")
    with pytest.raises(subprocess.TimeoutExpired) as stopped:
        build_server().run([sys.executable, "-m", "slow"], cwd=folder,
                           env=environment(folder), timeout=2)
    assert stopped.value.output == "started\n"
