"""The practice plugin: `{{ placeholder }}` in Markdown pages and posts becomes the
practice's details from the PRACTICE setting (see placeholders.py and README.md).

It replaces Pelican's Markdown reader with a subclass that tokenizes placeholders before
Markdown runs and fills them in after, so values are escaped once, in HTML, and no
Markdown syntax in a value (a `*` in a name) can change the page.
"""

import logging
import os

from jinja2 import pass_context
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import placeholders, team
from .answers import PracticeError

logger = logging.getLogger(__name__)

# This build's placeholder findings, gathered while files are read and raised once they
# all are (docs/plugin-contract.md); emptied at the start of every build (get_generators).
_found = []


def shown(path):
    """The file as the therapist would type it: relative when it is below the cwd."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class PracticeMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with placeholders filled in, and one Markdown converter
    kept for all of a build's files instead of a new one per file."""

    def _markdown(self):
        """The reader's converter, reset for a new document.

        Pelican makes a new Markdown object for every file (about a tenth of a
        millisecond each, loading every extension again). Python-Markdown supports
        reusing one: reset() clears the document state and each extension's. Pelican's
        metadata step (_parse_metadata) takes the meta preprocessor out of the converter
        it finds in self._md, so that a formatted field holding "Key: value" stays text:
        that step gets a second converter of its own (_fields below), and this one keeps
        its meta preprocessor for every file.
        """
        from markdown import Markdown
        md = getattr(self, "_shared_md", None)
        if md is None:
            md = self._shared_md = Markdown(**self.settings["MARKDOWN"])
            fields = self._fields_md = Markdown(**self.settings["MARKDOWN"])
            self._fields_meta = fields.preprocessors["meta"]
        else:
            md.reset()
        return md

    def _fields(self):
        """The converter Pelican's metadata step uses (self._md): that step takes its meta
        preprocessor out first thing, so it is put back for each file (where it would
        run does not matter), and resets it before each formatted field."""
        fields = self._fields_md
        if "meta" not in fields.preprocessors:
            fields.preprocessors.register(self._fields_meta, "meta", 0)
        return fields

    def read(self, source_path):
        names = values = None
        with pelican_open(source_path) as text:
            if "{{" in text:  # a placeholder, or something that looks like one
                values = placeholders.values_from(self.settings)
                try:
                    placeholders.check(text, values, shown(source_path))
                    text, names = placeholders.tokenize(text)
                except PracticeError as error:
                    # Kept for stop_on_placeholders: every file's, in one report. The
                    # braces stay as written; nothing is written before that stop.
                    _found.extend(error.findings)
        self._source_path = source_path
        md = self._markdown()
        content = md.convert(text)
        if names:
            # The kit's sentences in the file's own language (its Lang: line).
            lang = (getattr(md, "Meta", {}).get("lang") or [None])[0]
            if lang:
                values = placeholders.values_from(self.settings, lang.strip())
            content = placeholders.fill_html(content, names, values)
        if not hasattr(md, "Meta"):
            return content, {}
        meta = md.Meta
        if names:
            formatted = self.settings["FORMATTED_FIELDS"]
            meta = {key: (lines if key.lower() in formatted else
                          [placeholders.fill_text(v, names, values) for v in lines])
                    for key, lines in meta.items()}
        self._md = self._fields()
        metadata = self._parse_metadata(meta)
        if names:
            for key in self.settings["FORMATTED_FIELDS"]:
                if isinstance(metadata.get(key), str):
                    metadata[key] = placeholders.fill_html(metadata[key], names, values)
        return content, metadata


def use_reader(readers):
    for ext in PracticeMarkdownReader.file_extensions:
        if ext in readers.reader_classes:
            readers.reader_classes[ext] = PracticeMarkdownReader


def start_build(pelican):
    """get_generators: called at the start of every build (the dev server's too)."""
    _found.clear()


def stop_on_placeholders(generators):
    """all_generators_finalized: every file is read, nothing is written yet."""
    if _found:
        problems = list(_found)
        _found.clear()
        raise PracticeError(findings=problems)


def _setting_problem(name, what, fix):
    return {"check": "practice", "file": "pelicanconf.py", "line": 0, "field": name,
            "what": what, "fix": fix, "page": ""}


def settings_problems(settings):
    """PRACTICE and PRACTICE_NOTES in the shape the reader and the team pages read.
    pelicanconf.py makes both from practice.toml, whose answers answers.py checks; this is
    for a site that writes them by hand (or a pelicanconf.py edited wrongly)."""
    found = []
    practice = settings.get("PRACTICE")
    fix = ("Let pelicanconf.py make PRACTICE from practice.toml (make setup), or write it "
           "as a dict of text, e.g. {\"name\": \"Maple Room Therapy\", \"phone\": "
           "\"555-0100\"}.")
    if practice is not None and not isinstance(practice, dict):
        found.append(_setting_problem("PRACTICE", f"PRACTICE is a {type(practice).__name__}, "
                                      "not a dict of the practice's details.", fix))
    elif practice:
        odd = [k for k in practice if not isinstance(k, str)]
        if odd:
            found.append(_setting_problem("PRACTICE", f"PRACTICE has keys that are not "
                                          f"text: {', '.join(map(repr, odd))}.", fix))
        clinicians = practice.get("clinicians", [])
        if not isinstance(clinicians, (list, tuple)) or not all(
                isinstance(c, dict) and isinstance(c.get("name"), str)
                and isinstance(c.get("slug"), str) for c in clinicians):
            found.append(_setting_problem(
                "PRACTICE", "PRACTICE[\"clinicians\"] is not a list of clinicians, each a "
                "dict with a text name and slug.", "Describe the clinicians in "
                "practice.toml's [[clinicians]] tables and let pelicanconf.py make PRACTICE "
                "(make setup)."))
    notes = settings.get("PRACTICE_NOTES")
    if notes is not None and not (isinstance(notes, (list, tuple))
                                  and all(isinstance(n, str) for n in notes)):
        found.append(_setting_problem(
            "PRACTICE_NOTES", f"PRACTICE_NOTES is {notes!r}, not a list of sentences.",
            "Write it as a list of text, e.g. [\"Add your booking page.\"], or remove it."))
    return found


def check_settings(pelican):
    """initialized: a wrong PRACTICE stops the build before any file is read; then what
    the answers file should change (a file from before groups, an unanswered question):
    a warning on every build, never a silent fix."""
    problems = settings_problems(pelican.settings)
    if problems:
        raise PracticeError(findings=problems)
    for note in pelican.settings.get("PRACTICE_NOTES") or []:
        logger.warning("%s", note)


def install_text(generator):
    """generator_init: `practice_text(name)` for templates, a placeholder's value in the
    page's language (the theme's `page_language()`, the languages plugin's global; else
    DEFAULT_LANG): `{{ practice_text("description") }}`, `practice_text("who")`,
    `practice_text("booking_label")`. Made once per language and build."""
    settings, made = generator.settings, {}

    @pass_context
    def practice_text(context, name):
        find = context.get("page_language")
        lang = (context.call(find) if callable(find) else None) or settings.get(
            "DEFAULT_LANG")
        if lang not in made:
            made[lang] = placeholders.values_from(settings, lang)
        return made[lang].get(name, "")

    generator.env.globals["practice_text"] = practice_text


def register():
    signals.generator_init.connect(install_text)
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(start_build)
    signals.all_generators_finalized.connect(stop_on_placeholders)
    signals.readers_init.connect(use_reader)
    signals.page_generator_finalized.connect(team.tie_profiles)
    signals.generator_init.connect(team.add_filters)
