"""Addresses, judged the way a browser reads them.

A browser strips leading and trailing spaces and control characters from an address,
drops every tab and newline inside it, reads a backslash as a slash and ignores the case
of the scheme; so `" JaVa&#9;script:..."` is a javascript: address. Every address is
normalised that way first and only then judged, against short lists of what is allowed.
"""

import re
from urllib.parse import urlsplit

# C0 controls and space: stripped at both ends (URL standard, "basic URL parser").
_EDGES = "".join(map(chr, range(0x21)))
# ASCII tab and newline: removed anywhere in the address.
_INSIDE = dict.fromkeys(map(ord, "\t\n\r"))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Schemes an ordinary link may use: the visitor chooses to follow them.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
# data: images a page may carry inline (they load nothing).
_DATA_IMAGE = re.compile(r"data:image/(png|gif|jpeg|jpg|webp|avif|bmp|x-icon|svg\+xml)[;,]")


def normalise(url):
    """The address as the browser's URL parser sees it."""
    return url.strip(_EDGES).translate(_INSIDE).replace("\\", "/")


def scheme_of(clean):
    """The lower-cased scheme of a normalised address, or "" for a relative one."""
    m = _SCHEME.match(clean)
    return m.group(1).lower() if m else ""


def origin_of(url, default_scheme="https"):
    """'scheme://host[:port]' of an absolute or protocol-relative URL, else None."""
    url = normalise(url)
    if url.startswith("//"):
        url = f"{default_scheme}:{url}"
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if not parts.scheme or not parts.netloc:
        return None
    scheme = parts.scheme.lower()
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError:  # a port that is not a number: keep it visible, never match
        return f"{scheme}://{parts.netloc.lower()}"
    if ":" in host:
        host = f"[{host}]"
    if port and port != _DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}:{port}"
    return f"{scheme}://{host}"


_ORIGIN_SHAPE = re.compile(r"^https?://(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?"
                           r"(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?$")


def parse_allowed_origins(value):
    """Normalise PRIVACY_ALLOWED_ORIGINS; returns (origins, problems)."""
    if value is None:
        return [], []
    if isinstance(value, str) or not isinstance(value, (list, tuple, set)):
        return [], [f"PRIVACY_ALLOWED_ORIGINS must be a list of origins, for example "
                    f'["https://images.example.org"]; it is {value!r}.']
    origins, problems = [], []
    for item in value:
        text = item.strip().rstrip("/").lower() if isinstance(item, str) else ""
        if not _ORIGIN_SHAPE.match(text):
            problems.append(
                f"PRIVACY_ALLOWED_ORIGINS: {item!r} is not an origin. Write the scheme and "
                f'host only, for example "https://images.example.org" (no path, no "*").')
            continue
        origins.append(origin_of(text))
    return origins, problems


class AuditRules:
    """What counts as the site's own and as allowed, for one site.

    `siteurl` is the site's address ("" in the preview, where every own address is
    relative); `allowed` are the origins of PRIVACY_ALLOWED_ORIGINS.
    """

    def __init__(self, siteurl="", allowed=(), theme_static="theme"):
        own = origin_of(siteurl) if siteurl and "//" in siteurl else None
        self.own = own
        self.siteurl = siteurl.rstrip("/") if own else ""
        self.scheme = own.split(":")[0] if own else "https"
        self.allowed = tuple(allowed)
        self.ok = frozenset(o for o in [own, *allowed] if o)
        self.theme_static = theme_static.strip("/")

    def fetch_problem(self, url, data_ok=True, allow_listed=True):
        """Why a browser loading this address without a click would leave the site, or
        None when it stays on the site (or is an inline data: image)."""
        clean = normalise(url)
        if not clean or clean.startswith("#"):
            return None
        scheme = scheme_of(clean)
        if scheme == "data":
            if data_ok and _DATA_IMAGE.match(clean.lower()):
                return None
            return "an inline data: address that is not an image"
        if scheme or clean.startswith("//"):
            origin = origin_of(clean, self.scheme)
            if origin is None or scheme not in ("", "http", "https"):
                return f"a {scheme or 'strange'}: address ({_short(clean)})"
            if origin == self.own or (allow_listed and origin in self.ok):
                return None
            return f"another website, {origin}"
        return None  # relative: the site's own file

    def link_problem(self, url):
        """Why an ordinary link (followed only on a click) is refused, or None."""
        if ":" not in url:  # no scheme at all (normalising adds no colon): into the site
            return None
        clean = normalise(url)
        scheme = scheme_of(clean)
        if not scheme or scheme in LINK_SCHEMES:
            return None
        return (f"a {scheme}: address; links may only use https:, http:, mailto:, tel: "
                "or sms:, or point into the site")

    def is_theme_file(self, url, page_path):
        """Whether a stylesheet address points into the theme's own static folder."""
        if _PLAIN_PATH.match(url) and not url.startswith("//"):
            # A relative path of plain characters (what the theme writes): nothing for
            # normalising or URL parsing to change, no query or fragment to drop.
            return _join(page_path, url).startswith(f"/{self.theme_static}/")
        clean = normalise(url)
        if scheme_of(clean) or clean.startswith("//"):
            if self.own is None or origin_of(clean) != self.own:
                return False
            path = urlsplit(clean).path
            base = urlsplit(self.siteurl).path.rstrip("/")
            if base and not path.startswith(base + "/"):
                return False
            path = path[len(base):]
        else:
            path = _join(page_path, urlsplit(clean).path)
        return path.startswith(f"/{self.theme_static}/")


_PLAIN_PATH = re.compile(r"[A-Za-z0-9._~/-]+\Z")


def _join(page_path, href):
    """The site path an address relative to `page_path` (e.g. "blog/x/index.html") names."""
    if href.startswith("/"):
        parts = href.split("/")
    else:
        parts = ("/" + page_path).split("/")[:-1] + href.split("/")
    out = []
    for part in parts:
        if part == "..":
            if len(out) > 1:
                out.pop()
        elif part != ".":
            out.append(part)
    return "/".join(out) if out and out[0] == "" else "/" + "/".join(out)


def _short(text, size=60):
    return text if len(text) <= size else text[:size - 1] + "…"
