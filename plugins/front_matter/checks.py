"""The individual front-matter checks. Each returns a list of findings (dicts), never raises.

They read what Pelican made of a file (its content object and metadata) and go back to
the source text for the line of a field, and for the Date and Modified lines as written
(Pelican keeps only its own reading of them): a few header lines per file read.
"""

import difflib
import os
import re
import unicodedata

from pelican.readers import METADATA_PROCESSORS

from . import dates, links
from .header import MARKDOWN_SUFFIXES, header_lines, read_header

# The summary line `make newpost` / `make newpage` writes. A draft may keep it; anything
# that goes live must say something real.
SUMMARY_PROMPT = ("Replace this line with one or two plain sentences that tell a reader "
                  "what to expect.")

# The fields Pelican itself understands. Those other plugins, a theme or tools read are
# declared by the site in FRONT_MATTER_EXTRA_FIELDS (this plugin knows none of them).
KNOWN_FIELDS = frozenset({
    "title", "date", "modified", "category", "tags", "summary", "slug", "status",
    "author", "authors", "lang", "translation", "template", "save_as", "url",
}) | frozenset(METADATA_PROCESSORS)

# Pelican adds these to every object's metadata itself; they never come from the writer.
INTERNAL_FIELDS = frozenset({"reader"})

# How alike an unknown field must be to a known one to count as a typo (difflib ratio).
# 0.8 catches "Tittle", "Catagory", "Sumary", "Tag" and leaves "Subtitle" or "Image" alone.
TYPO_CUTOFF = 0.8



def Finding(file, line, field, problem, fix):  # noqa: N802 (reads like the record it makes)
    """One front-matter problem as a finding (docs/plugin-contract.md, "The finding"):
    `file` as the writer knows it (content/posts/x.md); `line` None when the field is
    absent (0 in the finding); `field` as the writer typed it, "" for the whole file."""
    return {"check": "front-matter", "file": file, "line": line or 0, "field": field,
            "what": problem, "fix": fix, "page": ""}


def as_text(finding):
    """One finding as a line of FrontMatterError's message (a bare `pelican` run)."""
    where = finding["file"] + (f", line {finding['line']}" if finding["line"] else "")
    if finding["field"]:
        where += f", field \"{finding['field']}\""
    return f"{where}: {finding['what']}\n    Fix: {finding['fix']}"


class Source:
    """A content file: its path as the writer knows it, and (read lazily) its header.

    The header is read lazily: for the dates as written, or when a problem needs its
    line numbers.
    """

    def __init__(self, full_path, settings):
        self.full_path = full_path
        self._content_root = settings["PATH"]
        self._fields = None

    @property
    def path(self):
        """The content folder's name, then the rest: content/posts/calm.md."""
        root = os.path.abspath(self._content_root)
        relative = os.path.relpath(os.path.abspath(self.full_path), root)
        return os.path.join(os.path.basename(root), relative).replace(os.sep, "/")

    @property
    def fields(self):
        """{lower-cased field: (line number, field as typed, value)} of a Markdown header.

        Read by header.read_header (Python-Markdown's `meta` rules).
        """
        if self._fields is None:
            self._fields = {}
            if self.full_path.lower().endswith(MARKDOWN_SUFFIXES):
                self._read_fields()
        return self._fields

    def _read_fields(self):
        self._fields = read_header(self.full_path)

    def line(self, key):
        return self.fields[key][0] if key in self.fields else None

    def typed(self, key):
        return self.fields[key][1] if key in self.fields else key.capitalize()

    def has(self, key):
        return key in self.fields


def known_fields(extra=()):
    return KNOWN_FIELDS | {name.lower() for name in extra}


def misspelt(keys, known):
    """{field as found: the known field it looks like} for unknown fields close to a known one."""
    found = {}
    for key in keys:
        if key in known or key in INTERNAL_FIELDS:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=TYPO_CUTOFF)
        if close:
            found[key] = close[0]
    return found


def typo_problems(src, typos):
    problems = []
    for key, right in sorted(typos.items()):
        right = right.capitalize()
        problems.append(Finding(
            src.path, src.line(key), src.typed(key), "this is not a field the site knows; "
            f"it looks like a misspelling of \"{right}\", so its value is ignored",
            f"rename the line to start with \"{right}:\""))
    return problems


def _plain(html):
    return re.sub(r"<[^>]+>", "", html or "").strip()


def required_problems(src, metadata, content_class):
    """A missing or blank title, a post without a date, a status Pelican does not know.

    Pelican itself would stop on each of these with a terse message when it makes a
    `content_class` (Article or Page) of the file's `metadata`; they are checked on that
    metadata just before, so the file can be set aside and reported with everything else.
    The defaults are Pelican's own: the class's status, its mandatory properties.
    """
    problems = []
    # Pelican reads a status in any case ("Draft" is a draft): so do we.
    status = str(metadata.get("status", content_class.default_status)).lower()
    if not str(metadata.get("title", "")).strip():
        problems.append(Finding(
            src.path, src.line("title"), "Title", "the title is missing or empty",
            "add a first line such as \"Title: Finding calm on hard days\""))
    if "date" in content_class.mandatory_properties and status != "draft" and \
            "date" not in metadata:
        problems.append(Finding(
            src.path, None, "Date", "a post needs a date",
            "add a line such as \"Date: 2026-05-01 09:00\" (year-month-day hour:minute)"))
    allowed = content_class.allowed_statuses
    if status not in allowed:
        choices = [s for s in allowed if s != "skip"]
        close = difflib.get_close_matches(status, choices, n=1, cutoff=0.5)
        suggestion = f"did you mean \"{close[0]}\"? " if close else ""
        problems.append(Finding(
            src.path, src.line("status"), "Status", f"\"{status}\" is not a status",
            f"{suggestion}use one of: {', '.join(choices)}"))
    return problems


def date_problems(src):
    """Date or Modified values not written year-month-day (dates.py says why)."""
    problems = []
    for key in ("date", "modified"):
        if not src.has(key) or dates.parse_iso(src.fields[key][2]) is not None:
            continue
        message, fix = dates.refusal(src.fields[key][2])
        problems.append(Finding(src.path, src.line(key), src.typed(key), message, fix))
    return problems


def encoding_problem(src):
    """A file that is not UTF-8 (Windows-1252 from Word or Notepad, say), or None."""
    try:
        with open(src.full_path, "rb") as handle:
            data = handle.read()
        data.decode("utf-8")
        return None
    except OSError:
        return None
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        byte = data[error.start]
    return Finding(
        src.path, line, "", f"this file is not saved as UTF-8 (the byte 0x{byte:02x} on "
        "this line is not UTF-8 text), so the site cannot read it",
        "open the file in your text editor and save it as UTF-8 (in the Save dialog, "
        "choose the encoding \"UTF-8\")")


def summary_problems(src, obj, *, is_post):
    summary = obj.metadata.get("summary")
    if summary is None:
        return []
    if is_post and not _plain(summary):
        return [Finding(
            src.path, src.line("summary"), "Summary", "the summary is empty; it is what the "
            "blog list, search engines and shared links show",
            "write one or two sentences after \"Summary:\"")]
    if obj.status != "draft" and _plain(summary) == SUMMARY_PROMPT:
        return [Finding(
            src.path, src.line("summary"), "Summary", "the summary is still the placeholder "
            "from make newpost/newpage, and this file is not a draft",
            "replace it with your own one or two sentences (or keep \"Status: draft\" "
            "until the text is ready)")]
    return []


def allowed_problems(src, *, key, values, allowed, setting, when_missing=""):
    """Values of a field (category, tags) that are not in an allowed list from the settings."""
    problems = []
    for value in values:
        if value in allowed:
            continue
        close = [a for a in allowed if a.lower() == value.lower()] or \
            difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
        suggestion = f"did you mean \"{close[0]}\"? " if close else ""
        if src.has(key):
            message = f"\"{value}\" is not in {setting} in pelicanconf.py"
        else:
            message = when_missing.format(value=value)
        problems.append(Finding(
            src.path, src.line(key), src.typed(key), message,
            f"{suggestion}use one of: {', '.join(allowed)}; or add \"{value}\" to {setting} "
            "in pelicanconf.py"))
    return problems


def link_problems(src, obj, settings):
    """Links by file name ({filename}, {static}, {attach}) whose file does not exist."""
    root = os.path.abspath(settings["PATH"])
    regex = settings.get("INTRASITE_LINK_REGEX", "[{|](?P<what>.*?)[|}]")
    problems = []
    for what, path, written in links.file_links(getattr(obj, "_content", ""), regex):
        if not path or os.path.exists(links.target(root, src.full_path, path)):
            continue
        problems.append(Finding(
            src.path, links.line_of(src.full_path, written), "",
            f"the link to \"{written}\" points at a file that does not exist",
            "correct the file name after {" + what + "}, or remove the link (if you "
            "deleted or switched off that page, link to another one or keep just the "
            "words)"))
    return problems


def _refused_character(char):
    """Characters no field may hold: control characters (tab aside), which XML feeds and
    sitemaps cannot carry and browsers show as nothing or as boxes; unpaired surrogates
    and Unicode non-characters, which are not text at all. Everything else is allowed."""
    code = ord(char)
    if char == "\t":
        return False
    return (unicodedata.category(char) in ("Cc", "Cs") or 0xFDD0 <= code <= 0xFDEF
            or (code & 0xFFFE) == 0xFFFE)


def _character_name(char):
    names = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x0B: "vertical tab", 0x0C: "form feed"}
    name = names.get(ord(char)) or unicodedata.name(char, "a control character")
    return f"U+{ord(char):04X} {name}"


def control_problems(src):
    """A control character (a NUL, say) in a header field: its file, line and field.

    Read from the file itself, before Pelican reads it, for every reader's header syntax
    (Markdown's `Key: value`, reST's `:key: value`), continuation lines included.
    """
    try:
        with open(src.full_path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            text = fh.read()
    except OSError:
        return []
    # Split on line ends only: str.splitlines() would also split on some of the very
    # characters looked for (form feed, \x1c-\x1e), losing where they were.
    lines = text.replace("\r\n", "\n").split("\n")
    rest = src.full_path.lower().endswith(".rst")
    problems = []
    for number, field, line in header_lines(lines, rest=rest):
        bad = sorted({c for c in line if _refused_character(c)})
        if bad:
            listed = ", ".join(_character_name(c) for c in bad)
            problems.append(Finding(
                src.path, number, field or "",
                f"this line holds an invisible control character ({listed}), which a web "
                "page or feed cannot carry (it usually comes from pasting text out of "
                "another program)",
                "delete the line and type it again by hand (retyping drops the hidden "
                "character), then build again"))
    return problems
