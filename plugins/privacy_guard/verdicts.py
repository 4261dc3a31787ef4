"""Pages already judged clean, remembered between builds (make html, the dev server).

Most of a rebuild's pages come out byte for byte as they were: judging them again would
reach the same verdict. Each page judged clean is remembered by a digest of its bytes,
its path in the site (a stylesheet's verdict depends on the page's folder) and the
guard's version: every rule file of this plugin and every setting it reads. A page whose
digest was remembered is not judged again; any other page, or any change to a rule or a
setting, is judged in full. Only clean verdicts are kept: a page with a finding, or one
the build had to repair (its comments stripped, its privacy <meta> inserted), is judged
on every build.

The digests live in one file under Pelican's CACHE_PATH, never in the output. With
PRIVACY_GUARD_CACHE = False (make publish sets it) no file is read or written, and every
page is judged afresh. A file that is missing, damaged or of another version counts as
empty.
"""

import hashlib
import os

FILE = "privacy_guard-verdicts.bin"
_MAGIC = b"privacy_guard verdicts 1\n"
_SIZE = 16  # bytes per digest
# The settings the guard's judgement depends on (AuditRules, the privacy <meta>).
_SETTINGS = ("SITEURL", "THEME_STATIC_DIR", "PRIVACY_ALLOWED_ORIGINS")
_HERE = os.path.dirname(os.path.abspath(__file__))


def rules_version(settings):
    """A digest of the guard's rule files (every module of this plugin) and the settings
    its verdicts depend on."""
    digest = hashlib.blake2b(digest_size=32)
    for name in sorted(os.listdir(_HERE)):
        if name.endswith(".py"):
            with open(os.path.join(_HERE, name), "rb") as fh:
                digest.update(name.encode() + b"\0" + fh.read() + b"\0")
    for key in _SETTINGS:
        digest.update(f"{key}={settings.get(key)!r}\0".encode())
    return digest.digest()


class Verdicts:
    """The remembered digests of one build. `digest()` is None when the cache is off, and
    None is never remembered, so the caller needs no second path for that case."""

    def __init__(self, path=None, version=b""):
        self.path, self.version = path, version
        self.known = set()  # remembered from earlier builds
        self.kept = set()   # judged clean in this build (remembered or new): saved
        if path:
            self.known = _load(path, version)

    def digest(self, data, rel):
        if not self.path:
            return None
        h = hashlib.blake2b(rel.encode("utf-8", "surrogateescape") + b"\0",
                            digest_size=_SIZE, key=self.version[:64])
        h.update(data)
        return h.digest()

    def __contains__(self, digest):
        if digest is not None and digest in self.known:
            self.kept.add(digest)
            return True
        return False

    def add(self, digest):
        if digest is not None:
            self.kept.add(digest)

    def save(self):
        """Write this build's clean digests (pages gone since are forgotten)."""
        if not self.path:
            return
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        tmp = f"{self.path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(_MAGIC + self.version + b"".join(sorted(self.kept)))
        os.replace(tmp, self.path)  # never a half-written file


OFF = Verdicts()


def for_build(settings):
    """The verdicts of this site's earlier builds, or OFF."""
    if not settings.get("PRIVACY_GUARD_CACHE", True) or not settings.get("CACHE_PATH"):
        return OFF
    return Verdicts(os.path.join(settings["CACHE_PATH"], FILE), rules_version(settings))


def _load(path, version):
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return set()
    head = _MAGIC + version
    body = data[len(head):]
    if not data.startswith(head) or len(body) % _SIZE:
        return set()
    return {body[i:i + _SIZE] for i in range(0, len(body), _SIZE)}
