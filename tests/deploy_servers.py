"""Real servers for the deploy tests, on 127.0.0.1 only: a private sshd and a moto S3.

Each runs from a temp folder with its own keys/config, on a port the OS hands out, and is
stopped by its process id when the tests are done.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)


def require(tool_found, name, install):
    """Skip with a one-line hint where a tool is missing, but fail under CI=true."""
    if tool_found:
        return
    message = f"{name} is not installed (install it with: {install})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, proc, log, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}):\n{Path(log).read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not open port {port}:\n{Path(log).read_text()}")


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _keygen(path):
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)],
                   check=True, capture_output=True)


class SshServer:
    """sshd on 127.0.0.1 that accepts one generated user key for the current user."""

    def __init__(self, folder):
        self.dir = Path(folder)
        self.port = free_port()
        self.user_key = self.dir / "user_key"
        self.known_hosts = self.dir / "known_hosts"
        _keygen(self.dir / "host_key")
        _keygen(self.user_key)
        shutil.copy(self.dir / "user_key.pub", self.dir / "authorized_keys")
        host_pub = (self.dir / "host_key.pub").read_text().split()[:2]
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} {' '.join(host_pub)}\n")
        self.config = self.dir / "sshd_config"
        lines = [f"Port {self.port}", "ListenAddress 127.0.0.1",
                 f"HostKey {self.dir / 'host_key'}",
                 f"AuthorizedKeysFile {self.dir / 'authorized_keys'}",
                 f"PidFile {self.dir / 'sshd.pid'}", "StrictModes no", "UsePAM no",
                 "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                 "PubkeyAuthentication yes", "PermitRootLogin prohibit-password"]
        # OpenSSH 9.8+ slows down clients after failed logins; the error tests make some.
        self.config.write_text("\n".join(lines + ["PerSourcePenalties no"]) + "\n")
        if subprocess.run([SSHD, "-t", "-f", str(self.config)], capture_output=True).returncode:
            self.config.write_text("\n".join(lines) + "\n")
        if os.geteuid() == 0:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege separation
        self.log = self.dir / "sshd.log"
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(self.config)],
                                         stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.proc, self.log)

    def ssh_opts(self, known_hosts=None):
        return (f"-i {self.user_key} -o UserKnownHostsFile={known_hosts or self.known_hosts} "
                "-o IdentitiesOnly=yes -o BatchMode=yes -o GlobalKnownHostsFile=/dev/null")

    def stop(self):
        stop(self.proc)


class MotoServer:
    """moto's S3 (and CloudFront) endpoint on 127.0.0.1."""

    def __init__(self, folder):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(folder) / "moto.log"
        exe = Path(sys.executable).parent / "moto_server"
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen([str(exe), "-H", "127.0.0.1", "-p", str(self.port)],
                                         stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.proc, self.log)

    def stop(self):
        stop(self.proc)
