"""The one place that takes secrets out of what publish, deploy and check print.

    redact(text)            -> text with every secret-looking part replaced by ***
    redacting_output()      -> from now on, everything this process prints is redacted

What counts as a secret is decided the safe way round: a URL keeps only its scheme, host
and path; everything a URL carries besides (the user and password before the host, every
query value, the fragment's values) is hidden, whatever the names. Outside URLs, values
named like secrets (`password=`, `token: `, `X-Amz-Signature=`...), well-known key and
token shapes (AWS access keys, GitHub/GitLab/Slack tokens), `sshpass -p` arguments,
Authorization headers, and the values of secret-named environment variables are hidden.
"""

import atexit
import io
import os
import re
import sys

MASK = "***"

# scheme://[userinfo@]host...: the userinfo runs to the LAST "@" before the query or
# fragment, so a password holding "@" (or "/") is hidden whole, never half.
_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<rest>[^\s\"'<>`]+)")

# Names that say "this value is a secret" (case-insensitive), outside URLs: one of these
# words as a whole part of the name (parts split by _ . -), so `aws_secret_access_key`,
# `X-Amz-Signature`, `apiKey` and `Password` count, and `passed` or `InvalidToken` do not.
_SECRET_WORD = (r"(?:pass|passwd|password|passphrase|pwd|secret|token|apikey|api_key|"
                r"access_key|private_key|client_key|credentials?|auth[a-z]*|signature|sig|"
                r"session|cookie)")
_SECRET_NAME = rf"(?:[A-Za-z0-9]+[_.-])*{_SECRET_WORD}(?:[_.-][A-Za-z0-9]+)*"
_NAMED = re.compile(rf"(?i)(?<![A-Za-z0-9_.-])(?P<name>{_SECRET_NAME})(?![A-Za-z0-9])"
                    r"(?P<sep>\s*[=:]\s*)(?P<quote>[\"']?)(?P<value>[^\s\"'&;,]+)")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_SSHPASS = re.compile(r"(?P<head>\bsshpass\s+(?:-\w+\s+)*-p\s*)(?P<value>\"[^\"]*\"|'[^']*'|\S+)")
_TOKENS = re.compile(
    r"\b(?:(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}"
    r"|gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}"
    r"|xox[abposr]-[A-Za-z0-9-]{10,}|sk_(?:live|test)_[A-Za-z0-9]{10,}"
    r"|AIza[0-9A-Za-z_-]{30,})")
# Environment variables whose values are secrets wherever they show up.
_SECRET_ENV = re.compile(r"(?i)(pass|secret|token|key|credential|auth|session)")


def _url(match):
    scheme, rest = match.group("scheme"), match.group("rest")
    cut = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    head, tail = rest[:cut], rest[cut:]
    at = head.rfind("@")
    if at >= 0:
        head = MASK + head[at:]
    if tail:
        # Every query and fragment value, whatever its name: a signed URL's X-Amz-*,
        # ?access_token=, ?sig=... all look like any other parameter.
        tail = re.sub(r"=([^&;#]*)", "=" + MASK, tail)
    return scheme + head + tail


def _env_secrets():
    values = set()
    for name, value in os.environ.items():
        if _SECRET_ENV.search(name) and len(value) >= 8 and not os.path.isabs(value) \
                and not any(c.isspace() for c in value):
            values.add(value)
    return sorted(values, key=len, reverse=True)


def redact(text):
    """`text` with every secret it holds replaced by ***."""
    text = str(text)
    for value in _env_secrets():
        text = text.replace(value, MASK)
    text = _URL.sub(_url, text)
    text = _SSHPASS.sub(lambda m: m.group("head") + MASK, text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
    text = _NAMED.sub(lambda m: m.group("name") + m.group("sep") + m.group("quote") + MASK
                      if m.group("value") != MASK else m.group(0), text)
    return _TOKENS.sub(MASK, text)


class _RedactingStream(io.TextIOBase):
    """A text stream that passes on whole lines only, each redacted, so a secret is never
    split across two writes. What is left at exit is passed on redacted too."""

    def __init__(self, stream):
        super().__init__()
        self._stream, self._pending = stream, ""

    def writable(self):
        return True

    def write(self, text):
        self._pending += text
        if "\n" in self._pending:
            whole, self._pending = self._pending.rsplit("\n", 1)
            self._stream.write(redact(whole) + "\n")
        return len(text)

    def flush(self):
        self._stream.flush()

    def drain(self):
        if self._pending:
            self._stream.write(redact(self._pending))
            self._pending = ""
        self._stream.flush()

    def fileno(self):
        return self._stream.fileno()

    def isatty(self):
        return self._stream.isatty()


def redacting_output():
    """Redact everything this process prints from now on (tracebacks included)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, _RedactingStream):
            wrapped = _RedactingStream(stream)
            setattr(sys, name, wrapped)
            atexit.register(wrapped.drain)
