"""Scan results cached per text, so only changed posts pay for the scan.

A post's key is a hash of what the scan reads (its texts, names and Confidential-ok
values; a static file's bytes), of the site's allowed details (the practice, the public
numbers), and of the scan itself (every rule and data file of this plugin and the
versions of the libraries it relies on: any change empties the cache). The cache is one
JSON file in Pelican's CACHE_PATH (`.cache/` here); CONFIDENTIALITY_CACHE = False turns it
off. Entries not used in a build are dropped.
"""

import hashlib
import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILE_NAME = "confidentiality-scan.json"


# The libraries whose data decide findings: a new release of libphonenumber's metadata
# or of a check-digit rule, or a PDF reader that extracts more, is a new scan.
LIBRARIES = ("phonenumbers", "stdnum", "pypdf")


def scan_version():
    """A hash of the scan's own code and data and of its libraries' versions: a changed
    rule means a new version."""
    import importlib
    digest = hashlib.sha256()
    for path in sorted(HERE.iterdir()):
        if path.suffix in (".py", ".txt", ".json") and path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    for name in LIBRARIES:
        version = getattr(importlib.import_module(name), "__version__", "?")
        digest.update(f"{name}=={version}".encode())
    return digest.hexdigest()[:16]


class ScanCache:
    def __init__(self, path, salt):
        self.path, self.salt = path, salt
        self.old, self.new = {}, {}
        if path is not None:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
                if data.get("salt") == salt:
                    self.old = data.get("entries", {})
            except (OSError, ValueError, AttributeError):
                self.old = {}

    @classmethod
    def for_settings(cls, settings, ctx):
        salt = hashlib.sha256((scan_version() + repr(ctx.fingerprint())).encode())
        if settings.get("CONFIDENTIALITY_CACHE", True) is False:
            return cls(None, salt.hexdigest())
        base = settings.get("CACHE_PATH") or "cache"
        return cls(Path(base) / FILE_NAME, salt.hexdigest())

    def scan(self, scan, texts, names, accepted):
        """scan(texts, names, accepted) -> (findings, unused), through the cache."""
        from .scan import Match
        key = hashlib.sha256(json.dumps([texts, names, list(accepted)], sort_keys=True,
                                        ensure_ascii=False, default=str).encode()).hexdigest()
        hit = self.old.get(key)
        if hit is not None:
            self.new[key] = hit
            return [Match(*f[:6], tuple(f[6]), *f[7:]) for f in hit[0]], hit[1]
        findings, unused = scan(texts, names, accepted)
        self.new[key] = [[list(f.__dict__.values()) for f in findings], list(unused)]
        return findings, unused

    def save(self):
        if self.path is None or (self.new.keys() == self.old.keys()):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".part")
            tmp.write_text(json.dumps({"salt": self.salt, "entries": self.new}),
                           encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass                      # a read-only cache folder only costs time
