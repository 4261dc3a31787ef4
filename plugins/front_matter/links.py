"""Links written by file name ({filename}, {static}, {attach}) must point at a file.

Pelican resolves `[text]({filename}/posts/x.md)` when it writes a page; a file that is
gone leaves a dead link and a warning that names neither the page nor the line. Here
every such link in a post's or page's HTML is found with an HTML parser, resolved the way
Pelican resolves it (from the content folder with a leading "/", else from the file's own
folder), and a missing target becomes a Finding with the file, the line and the fix.
"""

import os
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urlparse

# The attributes Pelican rewrites (pelican/contents.py, Content._get_intrasite_link_regex).
LINK_ATTRIBUTES = frozenset({"href", "src", "poster", "data", "cite", "formaction",
                             "action", "content"})
BY_FILE = frozenset({"filename", "static", "attach"})


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values = []

    def handle_starttag(self, tag, attrs):
        self.values += [v for name, v in attrs if name in LINK_ATTRIBUTES and v]

    handle_startendtag = handle_starttag


# Pelican's own INTRASITE_LINK_REGEX: such a link starts with "{" or "|", which the HTML
# holds as is or as a character reference. HTML without any of them holds no such link,
# and is not parsed at all (most posts link by address, or not at all).
DEFAULT_LINK_REGEX = "[{|](?P<what>.*?)[|}]"
_MAY_LINK = re.compile(r"[{|]|&(#|lbrace;|lcub;|vert;|verbar;|VerticalLine;)")


def file_links(html, link_regex):
    """(what, path, as written) of each {filename}-style link in `html`."""
    if link_regex == DEFAULT_LINK_REGEX and not _MAY_LINK.search(html or ""):
        return []
    parser = _Links()
    parser.feed(html or "")
    parser.close()
    found = []
    pattern = re.compile(link_regex)
    for value in parser.values:
        match = pattern.match(value)
        if match and match.group("what") in BY_FILE:
            found.append((match.group("what"), urlparse(value[match.end():]).path, value))
    return found


def target(content_root, source_path, path):
    """The file a link points at, resolved like Pelican (contents.py, _find_path)."""
    path = unescape(unquote(path))
    if path.startswith("/"):
        return os.path.normpath(os.path.join(content_root, path.lstrip("/")))
    return os.path.normpath(os.path.join(os.path.dirname(source_path), path))


def line_of(source_path, written):
    """The first line of the source that holds the link (its text after the braces)."""
    tail = written.split("}", 1)[-1].split("|", 1)[-1] or written
    try:
        with open(source_path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if tail in line or unquote(tail) in line:
                    return number
    except OSError:
        pass
    return None
