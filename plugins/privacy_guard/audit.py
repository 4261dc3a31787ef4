"""Find anything in built HTML, SVG or CSS that would make a browser contact another
website or run code.

This runs on every page of every build, so it never parses a whole page: one compiled
regex finds the few places worth a look (loading tags, event handlers, script URLs, CSS
urls, srcset...), and only the tag around each hit is read closely. When in doubt it
reports: a false alarm costs the writer a minute, a miss costs visitors their privacy.

Nothing here imports Pelican, so tools/check.py can reuse it on a finished folder.
"""

import html
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# --------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    path: str      # file, relative to the output folder
    line: int
    element: str   # the offending tag or CSS snippet, shortened
    problem: str   # plain words: what would happen in the visitor's browser
    origin: str    # the other website, or "" when the problem is code
    hint: str      # what to do instead


ALLOW_HINT = ('If you accept that every visitor\'s browser contacts {origin}, add "{origin}" '
              "to PRIVACY_ALLOWED_ORIGINS in pelicanconf.py (README: Privacy and safety).")


# --------------------------------------------------------------------------------------
# Origins
# --------------------------------------------------------------------------------------

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_JUNK = dict.fromkeys(map(ord, "\t\n\r"))  # browsers drop these inside URLs
_URL_EDGES = "".join(map(chr, range(33)))        # ...and strip these at both ends


def origin_of(url, default_scheme="https"):
    """'scheme://host[:port]' of an absolute or protocol-relative URL, else None."""
    url = url.strip(_URL_EDGES).translate(_URL_JUNK).replace("\\", "/")
    if url.startswith("//"):
        url = f"{default_scheme}:{url}"
    parts = urlsplit(url)
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
    """Normalise PRIVACY_ALLOWED_ORIGINS; returns (origins, problems) for the plugin to log."""
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


class Policy:
    """What counts as 'our own' and 'allowed' for one site."""

    def __init__(self, siteurl="", allowed=()):
        own = origin_of(siteurl) if siteurl and "//" in siteurl else None
        self.own = own
        self.scheme = own.split(":")[0] if own else "https"
        self.ok = {o for o in [own, *allowed] if o}
        self._own_prefix = own + "/" if own else None
        self.own_bytes = self._own_prefix.encode() if own else None

    def foreign(self, url, data_ok=True):
        """The other origin a URL would load from, or None when it is harmless."""
        clean = url.strip(_URL_EDGES).translate(_URL_JUNK).replace("\\", "/")
        if not clean or self._own_prefix and clean.startswith(self._own_prefix):
            return None
        if clean.startswith("//"):
            origin = origin_of(clean, self.scheme)
            return None if origin in self.ok else f"{origin} (a protocol-relative //address)"
        match = _SCHEME.match(clean)
        if not match:
            return None  # relative: same website
        scheme = match.group(1).lower()
        if scheme == "data":
            return None if data_ok else "an inline data: address"
        origin = origin_of(clean)
        if origin is None:
            return f"a {scheme}: address"
        return None if origin in self.ok else origin


# --------------------------------------------------------------------------------------
# Hints a therapist can act on
# --------------------------------------------------------------------------------------

_VIDEO_HOSTS = ("youtube", "youtu.be", "vimeo", "wistia", "loom", "tiktok", "dailymotion")
_FONT_HOSTS = ("fonts.googleapis", "fonts.gstatic", "typekit", "fonts.bunny",
               "fontawesome", "use.fontawesome")
_MAP_HOSTS = ("maps.google", "google.com/maps", "openstreetmap", "mapbox", "bing.com/maps")


def _hint_for(tag, url, kind):
    low = url.lower()
    if any(h in low for h in _VIDEO_HOSTS):
        return ("Link to the video instead: a plain link loads nothing from the video site "
                "until the visitor chooses to click it.")
    if any(h in low for h in _MAP_HOSTS):
        return "Link to the map instead of embedding it, and write out the address."
    if any(h in low for h in _FONT_HOSTS):
        return ("Host the font files yourself in theme/static/ and refer to them with a "
                "relative path, or keep the theme's system fonts.")
    if kind == "frame":
        return ("Remove the embed and link to the page instead: an embedded frame lets the "
                "other website see and follow every visitor.")
    if tag in ("img", "picture", "source", "image", "input") or kind == "image":
        return ("Save the image into content/images/ and insert it with "
                "![what it shows]({static}/images/FILE). A remote image (a 'tracking pixel') "
                "tells its owner who read the page and when.")
    if tag in ("video", "audio", "track"):
        return "Put the file in content/ and refer to it with {static}, or link to it instead."
    if tag == "link":
        return "Copy the file into theme/static/ and link it with a relative path."
    if tag in ("form", "button"):
        return ("Do not send forms to another website from these pages; link to your client "
                "portal instead.")
    if tag == "meta":
        return "Link to the other website instead of redirecting visitors automatically."
    if tag == "base":
        return "Remove the <base> element."
    if kind == "css":
        return "Copy the file into theme/static/ and refer to it with a relative path."
    return "Remove it, or link to the other website with an ordinary <a href> link instead."


# --------------------------------------------------------------------------------------
# HTML and SVG
# --------------------------------------------------------------------------------------

# The hot path. The page is searched as lower-cased bytes (ASCII-only lowering keeps every
# position, and byte searches are the fastest Python has): one regex with a literal "<"
# prefix finds the tags that can load something, one with a literal "on" prefix finds event
# handlers, and plain substring searches find the words that only matter inside a tag.
# Each hit is mapped to the tag that holds it, and only those tags are read closely.
_TAGS = re.compile(
    rb"<(?:s(?:cript|ource|tyle)|i(?:frame|mg|mage|nput)|f(?:rame|rameset|eimage|orm)"
    rb"|object|embed|a(?:pplet|udio)|p(?:ortal|icture)|video|track|link|meta|b(?:ase|utton)"
    rb"|use)[\s/>]")
_HANDLER = re.compile(rb"on[a-z]+\s*=")
_NAME_BEFORE = frozenset(b" \t\n\r\f/\"'")
# script: javascript:/vbscript: addresses, also as "javascript&colon;"; &#: numeric entities
# that can spell them; style, background, ping: attributes that load on any element.
_ATTR_NEEDLES = ((b"script", (b":", b"&")), (b"&#", None),
                 (b"style", (b"=",)), (b"background", None), (b"ping", None))

# Possessive quantifiers: runs of ordinary characters are eaten whole, no backtracking.
_TAG_AT = re.compile(rb"""<([a-zA-Z][^\s/>]*)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_TAG_LOOSE = re.compile(rb"<([a-zA-Z][^\s/>]*)([^>]*)>?")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_STYLE_END = re.compile(rb"</style")
_HREF = re.compile(rb"""\shref\s*=\s*["']?([^"'\s>]*)""")

_FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
# <link rel> values that never make the browser fetch anything when the page loads.
_QUIET_RELS = {"alternate", "author", "bookmark", "canonical", "external", "help", "license",
               "me", "next", "nofollow", "noopener", "noreferrer", "prev", "search",
               "shortlink", "tag", "pingback", "webmention", "publisher"}
# Attributes that hold an address the browser loads without a click, by element.
_LOAD_ATTRS = {
    "img": ("src", "lowsrc", "dynsrc"), "source": ("src",), "track": ("src",),
    "video": ("src",), "audio": ("src",), "input": ("src",),
    "image": ("href", "xlink:href", "src"), "feimage": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}  # <script>, <iframe>, <object>... are findings whatever their address: see tag()
_ANY_LOAD_ATTRS = ("background", "poster", "ping", "formaction")
_CODE_SCHEMES = re.compile(r"^(?:javascript|vbscript|livescript):", re.I)


def _attrs(text):
    """Attribute (name, value) pairs of a start tag's text after its name; values unescaped."""
    out = []
    for m in _ATTR.finditer(text):
        value = m.group(2) if m.group(2) is not None else (
            m.group(3) if m.group(3) is not None else (m.group(4) or ""))
        out.append((m.group(1).lower(), html.unescape(value)))
    return out


def _short(text, limit=140):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _PageAudit:
    def __init__(self, data, path, policy):
        self.data, self.path, self.policy = data, path, policy
        self.findings = []

    def add(self, pos, element, problem, origin, hint):
        line = self.data.count(b"\n", 0, pos) + 1
        self.findings.append(Finding(self.path, line, _short(element), problem, origin, hint))

    def load(self, pos, element, tag, url, what, kind="", data_ok=True):
        origin = self.policy.foreign(url, data_ok=data_ok)
        if origin:
            bare = origin.split(" ")[0]
            hint = _hint_for(tag, url, kind)
            if bare.startswith(("http", "ws", "ftp")) and kind != "frame":
                hint += " " + ALLOW_HINT.format(origin=bare)
            self.add(pos, element, f"{what} from {origin}", bare, hint)

    def run(self):
        data = self.data
        low = data.lower()
        starts = {m.start() for m in _TAGS.finditer(low)}
        inner = [m.start() for m in _HANDLER.finditer(low) if low[m.start() - 1] in _NAME_BEFORE]
        for needle, follow in _ATTR_NEEDLES:
            i = low.find(needle)
            while i != -1:
                # "script" matters before ":" (javascript:), "style" before "=" (an
                # attribute), not in "script-src" or rel="stylesheet".
                if follow is None or low[i + len(needle): i + len(needle) + 12].lstrip()[:1] \
                        in follow:
                    inner.append(i)
                i = low.find(needle, i + len(needle))
        flagged = set()  # tags holding one of the inner hits
        for i in inner:
            lt = low.rfind(b"<", 0, i)
            if lt > low.rfind(b">", 0, i):  # inside a tag, not in the page's text
                flagged.add(lt)
        starts |= flagged
        for start in sorted(starts):
            if start not in flagged and low[start + 1:start + 5] in (b"meta", b"link"):
                # Up to the next ">": the whole tag unless a quoted value holds a ">",
                # which an even number of quotes rules out.
                end = low.find(b">", start)
                quick = low[start:end] if end != -1 else b""
                if quick and quick.count(b'"') % 2 == 0 and quick.count(b"'") % 2 == 0 \
                        and self.plain(quick[1:5].decode(), quick):
                    continue
            m = _TAG_AT.match(data, start) or _TAG_LOOSE.match(data, start)
            if not m:
                continue
            name = m.group(1).decode("ascii", "replace").lower()
            if start not in flagged and self.plain(name, low[start:m.end()]):
                continue
            self.tag(start, name, m.group(0).decode("utf-8", "replace"),
                     _attrs(m.group(2).decode("utf-8", "replace")), m.end())
        return self.findings

    def plain(self, name, tag):
        """Every page has a dozen <meta> and a few same-site <link> tags: skip those
        without reading their attributes."""
        if name == "meta":
            return b"refresh" not in tag and b"set-cookie" not in tag
        if name == "link" and b"srcset" not in tag:
            href = _HREF.search(tag)
            url = href.group(1) if href else b""
            if b"&" in url or b"\\" in url:
                return False
            return b":" not in url and not url.startswith(b"//") or \
                bool(self.policy.own_bytes and url.startswith(self.policy.own_bytes))
        return False

    def tag(self, pos, name, element, attrs, end):
        values = {}
        for key, value in attrs:
            values.setdefault(key, value)
            if key.startswith("on"):
                self.add(pos, element, f"an inline event handler ({key}=) that runs code",
                         "", f"Remove the {key} attribute: this site runs no scripts.")
            elif ":" in value and _CODE_SCHEMES.match(value.strip(_URL_EDGES).translate(_URL_JUNK)):
                self.add(pos, element, f"a javascript: address in {key}= that runs code", "",
                         "Use an ordinary link to a page instead.")
            elif key == "style":
                for f in audit_css(value, self.path, self.policy):
                    self.add(pos, element, f"an inline style that {f.problem}", f.origin,
                             f.hint)
            elif key == "srcset" or key == "imagesrcset":
                for url in _srcset_urls(value):
                    self.load(pos, element, name, url, "an image set (srcset) loads",
                              "image")
            elif key in _ANY_LOAD_ATTRS or key in _LOAD_ATTRS.get(name, ()):
                data_ok = name not in ("script", "iframe", "frame", "object", "embed")
                what = {"ping": "a link reports each click (ping)",
                        "formaction": "a button sends the form"}.get(key, f"<{name}> loads")
                self.load(pos, element, name, value, what, data_ok=data_ok)

        if name == "script":
            kind = values.get("type", "").strip().lower()
            if kind != "application/ld+json" or "src" in values:
                self.add(pos, element, "a script (this site runs no JavaScript)",
                         self.policy.foreign(values.get("src", "")) or "",
                         "Remove the <script>. Analytics, chat, booking and social widgets "
                         "track visitors; link to the service instead.")
        elif name in _FRAMES:
            url = values.get("src") or values.get("data") or ""
            origin = self.policy.foreign(url) or ""
            source = origin.split(" ")[0] or "another page"
            self.add(pos, element, f"an embedded <{name}> that shows {source} inside the page",
                     origin.split(" ")[0], _hint_for(name, url, "frame"))
        elif name == "link":
            rels = set(values.get("rel", "").lower().split())
            if not rels or rels - _QUIET_RELS:
                self.load(pos, element, "link", values.get("href", ""),
                          f"<link rel=\"{values.get('rel', '')}\"> loads", data_ok=False)
        elif name == "meta":
            equiv = values.get("http-equiv", "").strip().lower()
            if equiv == "refresh":
                target = re.split(r"url\s*=\s*", values.get("content", ""), maxsplit=1,
                                  flags=re.I)
                if len(target) == 2:
                    self.load(pos, element, "meta", target[1].strip("'\" "),
                              "an automatic redirect sends visitors", data_ok=False)
            elif equiv == "set-cookie":
                self.add(pos, element, "a cookie set by the page", "",
                         "Remove it: this site sets no cookies.")
        elif name == "form":
            self.load(pos, element, "form", values.get("action", ""),
                      "a form sends what visitors type", data_ok=False)
        elif name == "base":
            self.load(pos, element, "base", values.get("href", ""),
                      "<base> makes every relative address load", data_ok=False)
        elif name == "style":
            close = _STYLE_END.search(self.data.lower(), end)
            body_end = close.start() if close else len(self.data)
            offset = self.data.count(b"\n", 0, end)
            css = self.data[end:body_end].decode("utf-8", "replace")
            for f in audit_css(css, self.path, self.policy):
                self.findings.append(Finding(self.path, f.line + offset, f.element,
                                             f"a <style> block: {f.problem}", f.origin, f.hint))


def _srcset_urls(value):
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            yield parts[0]


def audit_html(text, path, policy):
    """Findings for one HTML or SVG document (str, or UTF-8 bytes as read from disk)."""
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogateescape")
    return _PageAudit(text, path, policy).run()


# --------------------------------------------------------------------------------------
# CSS
# --------------------------------------------------------------------------------------

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)", re.S)
_CSS_LOADS = re.compile(
    r"""@import\s+(?:url\(\s*)?(?P<q1>["']?)(?P<imp>[^"')\s;]*)(?P=q1)"""
    r"""|url\(\s*(?P<q2>["']?)(?P<url>.*?)(?P=q2)\s*\)"""
    r"""|["'](?P<str>\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//[^"']*)["']""",
    re.I | re.S)
_CSS_NAMESPACE = re.compile(r"@namespace\b[^;]*;", re.I)


def _css_unescape(m):
    if m.group(1):
        code = int(m.group(1), 16)
        return chr(code) if 0 < code < 0x110000 else "\ufffd"
    return m.group(2)


def audit_css(text, path, policy):
    """Findings for a stylesheet (or a style attribute / <style> block)."""
    if "url(" not in text.lower() and "@import" not in text.lower() and "//" not in text \
            and "\\" not in text:
        return []
    # Blank comments out but keep their newlines, so line numbers stay right.
    text = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    if "\\" in text:
        text = _CSS_ESCAPE.sub(_css_unescape, text)
    text = _CSS_NAMESPACE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    findings = []
    for m in _CSS_LOADS.finditer(text):
        url = m.group("imp") if m.group("imp") is not None else (
            m.group("url") if m.group("url") is not None else m.group("str"))
        what = "@import loads a stylesheet" if m.group("imp") is not None else "loads a file"
        origin = policy.foreign(url or "")
        if origin:
            bare = origin.split(" ")[0]
            hint = _hint_for("", url, "css")
            if bare.startswith("http"):
                hint += " " + ALLOW_HINT.format(origin=bare)
            findings.append(Finding(path, text.count("\n", 0, m.start()) + 1,
                                    _short(m.group(0)), f"{what} from {origin}", bare, hint))
    return findings


# --------------------------------------------------------------------------------------
# Files and folders
# --------------------------------------------------------------------------------------

MARKUP_EXT = (".html", ".htm", ".xhtml", ".svg")
CSS_EXT = (".css",)


def audit_file(path, root, policy):
    """Findings for one output file (HTML, SVG or CSS); other files have none."""
    low = str(path).lower()
    if not low.endswith(MARKUP_EXT + CSS_EXT):
        return []
    with open(path, "rb") as fh:
        data = fh.read()
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    if low.endswith(CSS_EXT):
        return audit_css(data.decode("utf-8", "replace"), rel, policy)
    return audit_html(data, rel, policy)


def audit_tree(root, policy):
    """Findings for every HTML, SVG and CSS file under a built site folder."""
    findings = []
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            findings += audit_file(os.path.join(folder, name), root, policy)
    return findings


def format_findings(findings, sources=None):
    """A readable report; the same problem on many pages (a post and the lists that show
    its summary) is told once with the pages it is on."""
    sources = sources or {}
    groups = {}
    for f in findings:
        groups.setdefault((f.problem, f.element, f.hint), []).append(f)
    lines = []
    for (problem, element, hint), items in groups.items():
        where = [f"{f.path} line {f.line}" + (f" (from {sources[f.path]})"
                                              if f.path in sources else "") for f in items]
        shown = ", ".join(where[:4]) + (f" and {len(where) - 4} more" if len(where) > 4 else "")
        lines.append(f"  - {shown}:\n      {element}\n      Problem: {problem}.\n"
                     f"      Fix: {hint}")
    return "\n".join(lines)
