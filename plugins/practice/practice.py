"""The practice plugin: `{{ placeholder }}` in Markdown pages and posts becomes the
practice's details from the PRACTICE setting (see placeholders.py and README.md).

It replaces Pelican's Markdown reader with a subclass that tokenizes placeholders before
Markdown runs and fills them in after, so values are escaped once, in HTML, and no
Markdown syntax in a value (a `*` in a name) can change the page.
"""

import json
import logging
from pathlib import Path

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import placeholders

logger = logging.getLogger(__name__)

COUNTRIES = {k: v for k, v in json.loads(
    Path(__file__).with_name("countries.json").read_text(encoding="utf-8")).items()
    if not k.startswith("_")}


def shown(path):
    """The file as the therapist would type it: relative when it is below the cwd."""
    import os
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class PracticeMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with placeholders filled in."""

    def read(self, source_path):
        with pelican_open(source_path) as text:
            if "{{" not in text:  # no placeholder, nor anything that looks like one
                return super().read(source_path)
            values = placeholders.values_from(self.settings, COUNTRIES)
            try:
                placeholders.check(text, values, shown(source_path))
            except placeholders.PlaceholderError as error:
                # Logged first: with --fatal errors, Pelican stops at this very line, so
                # the message must already be out (the build wrapper hides what follows).
                logger.error("%s", error)
                raise
            tokenized, names = placeholders.tokenize(text)
        if not names:
            return super().read(source_path)
        self._source_path = source_path
        from markdown import Markdown
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = placeholders.fill_html(self._md.convert(tokenized), names, values)
        metadata = {}
        if hasattr(self._md, "Meta"):
            formatted = self.settings["FORMATTED_FIELDS"]
            meta = {key: (lines if key.lower() in formatted else
                          [placeholders.fill_text(v, names, values) for v in lines])
                    for key, lines in self._md.Meta.items()}
            metadata = self._parse_metadata(meta)
            for key in formatted:
                if isinstance(metadata.get(key), str):
                    metadata[key] = placeholders.fill_html(metadata[key], names, values)
        return content, metadata


def use_reader(readers):
    for ext in PracticeMarkdownReader.file_extensions:
        if ext in readers.reader_classes:
            readers.reader_classes[ext] = PracticeMarkdownReader


def register():
    signals.readers_init.connect(use_reader)
