"""Find the pictures a post or page uses, and write the <picture> markup that replaces them.

The HTML that Markdown made is read with the standard library's HTML parser, which reports
where each tag starts; only those tags are replaced, so the rest of the page stays byte for
byte what other plugins expect.
"""

import html
import os
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# Pelican's own link markers, in both spellings: {static}/a.jpg and |static|/a.jpg.
_MARKER = re.compile(r"^[{|](static|filename|attach)[|}](.*)$", re.S)
# Links to these are checked for existence even in an <a href> (a "see the photo" link).
PICTURE_EXTENSIONS = (".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".heic", ".heif",
                      ".avif", ".gif", ".tif", ".tiff", ".bmp", ".svg")
# Attributes the plugin writes itself; an author's own values for them are replaced.
_OURS = {"src", "srcset", "sizes", "width", "height", "loading", "decoding"}
# Our own marker for an address the plugin fills in as Pelican writes the page. It does
# not start with "{" or "|", so Pelican's own link rewriting ({static}) leaves it alone
# rather than warn about a marker it does not know.
TOKEN = "x-photos-address:"
TOKEN_RE = re.compile(re.escape(TOKEN) + r"([A-Za-z0-9._~/%-]+)")
# A writer's own text that happens to hold TOKEN: its first letter as a character
# reference, which shows as the same letter in text and attributes alike.
TOKEN_AS_TEXT = f"&#{ord(TOKEN[0])};{TOKEN[1:]}"


class Tag:
    """One tag found in the HTML: its place, its attributes and whether it is in a <picture>."""

    def __init__(self, start, end, name, attrs, in_picture):
        self.start, self.end, self.name = start, end, name
        self.attrs, self.in_picture = attrs, in_picture


class _Finder(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tags, self.picture_depth = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "picture":
            self.picture_depth += 1
        if tag not in ("img", "source", "a"):
            return
        line, col = self.getpos()
        start = self.line_starts[line - 1] + col
        raw = self.get_starttag_text() or ""
        if self.text.startswith(raw, start):
            self.tags.append(Tag(start, start + len(raw), tag, attrs, self.picture_depth > 0))

    def handle_endtag(self, tag):
        if tag == "picture" and self.picture_depth:
            self.picture_depth -= 1


def find_tags(text):
    finder = _Finder(text)
    finder.feed(text)
    finder.close()
    return finder.tags


def resolve(url, source_dir):
    """The content-relative path an address points at, or None when it is not a local file.

    `{static}/images/a.jpg` and `/images/a.jpg` start at the content folder; `{static}a.jpg`
    and `../images/a.jpg` start at the folder of the post. Returns ("..", ...) style paths
    unchanged so the caller can refuse an address that leaves the content folder.
    """
    url = (url or "").strip()
    if not url or url.startswith(("#", "//", "data:")):
        return None
    marker = _MARKER.match(url)
    if marker:
        url = marker.group(2)
    elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) or url.startswith(("{", "|")):
        return None  # another site, mailto:, tel:, or another Pelican marker ({tag}, ...)
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(source_dir, path))


def is_marker(url):
    return bool(_MARKER.match((url or "").strip()))


def srcset_urls(value):
    """The addresses of a srcset (each candidate is an address and a descriptor)."""
    return [c.split()[0] for c in value.split(",") if c.split()]


def with_srcset(name, attrs, convert):
    """The tag again, each srcset address passed through `convert`."""
    out = []
    for key, value in attrs:
        if key == "srcset" and value:
            value = ", ".join(" ".join([convert(c.split()[0]), *c.split()[1:]])
                              for c in value.split(",") if c.split())
        out.append((key, value))
    return f"<{name} {_attr_text(out)}>"


def is_picture_path(path):
    return path.lower().endswith(PICTURE_EXTENSIONS)


def _attr_text(attrs):
    out = []
    for name, value in attrs:
        out.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
    return " ".join(out)


def picture_html(attrs, variants, width, height, modern_type, fallback_src, sizes, lazy):
    """<picture> with a modern-format <source> and a fallback <img>.

    `variants` are (width, modern url, fallback url), the urls written as TOKEN markers.
    The author's other attributes (alt, title, class, id, role...) stay on the <img>.
    """
    keep = [(n, v) for n, v in attrs if n not in _OURS]
    modern = ", ".join(f"{m} {w}w" for w, m, _f in variants)
    fallback = ", ".join(f"{f} {w}w" for w, _m, f in variants)
    img = [("src", fallback_src), *keep, ("srcset", fallback), ("sizes", sizes),
           ("width", str(width)), ("height", str(height)), ("decoding", "async")]
    if lazy:
        img.append(("loading", "lazy"))
    source = [("type", modern_type), ("srcset", modern), ("sizes", sizes)]
    return f"<picture><source {_attr_text(source)}><img {_attr_text(img)}></picture>"


def plain_img_html(attrs, src):
    """The author's <img> with its address replaced (a picture that is not re-encoded)."""
    return "<img " + _attr_text([("src", src) if n == "src" else (n, v) for n, v in attrs]) + ">"


def tokens_to_urls(text, siteurl, relative):
    """Replace TOKEN markers the way Pelican joins its own {static} links."""
    if TOKEN not in text:
        return text

    def join(match):
        path = match.group(1)
        if relative:
            return posixpath.join(siteurl, path) if siteurl else path
        return (siteurl.rstrip("/") + "/" + path) if siteurl else "/" + path

    return TOKEN_RE.sub(join, text)


def source_dir_of(relative_source_path):
    return posixpath.dirname(relative_source_path.replace(os.sep, "/"))
