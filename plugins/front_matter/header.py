"""The one reader of a content file's header (front matter), for this plugin and the tools.

It imports nothing from Pelican, so `make newpost`, the sample check and the tests can read
a header without loading Pelican. It follows Python-Markdown's `meta` rules, which are the
ones Pelican's Markdown reader applies: an optional `---` first line, then `Key: value`
lines (indented lines continue the previous value), ending at the first other line.
"""

import re

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
_FIELD_LINE = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):")
# reST writes the same fields as `:key: value` (docinfo).
_REST_FIELD_LINE = re.compile(r"^[ ]{0,3}:([A-Za-z0-9_-]+):")


def header_fields(lines, rest=False):
    """{lower-cased field: (line number, field as typed, value)} of a header's lines.
    A field written twice keeps its first line, as the writer's first answer."""
    fields = {}
    for number, name, line, start in _header(lines, rest):
        if start is not None:           # a field's own line, not a continuation
            fields.setdefault(name.lower(), (number, name, line[start:].strip()))
    return fields


def header_lines(lines, rest=False):
    """(line number, field as typed, the whole line) for every line of a header, its
    indented continuation lines included (each under the field it continues)."""
    for number, name, line, _ in _header(lines, rest):
        yield number, name, line


def _header(lines, rest):
    """The one walk over a header: (line number, field, line, where the value starts, or
    None on a continuation line), ending at the first line that is neither."""
    field_line = _REST_FIELD_LINE if rest else _FIELD_LINE
    field = None
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if number == 1 and line.strip() == "---":
            continue
        match = field_line.match(line)
        if match:
            field = match.group(1)
        elif not (line.startswith("    ") and field):
            return
        yield number, field, line, match.end() if match else None


def read_header(path):
    """header_fields() of a file; {} when it cannot be read."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return header_fields(handle, rest=str(path).lower().endswith(".rst"))
    except OSError:
        return {}


def header_values(path):
    """{lower-cased field: value} of a file's header."""
    return {key: value for key, (_, _, value) in read_header(path).items()}
