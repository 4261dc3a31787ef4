"""Files Pelican would refuse are set aside and reported, through Pelican's public hooks.

Pelican stops at the first post it cannot use: a date its reader cannot parse raises
inside the reader ("Could not process"), and a missing title or an unknown status is
logged as an error ("Skipping ...") when the content object is judged. With
`--fatal errors` either ends the build at that one file. Two public hooks let every such
file be set aside instead, so that all of them are reported together:

1. a reader subclass (reader_class below), put in place of each of the generator's
   readers at article_generator_init / page_generator_init, once every plugin has chosen
   its reader classes at readers_init (the practice plugin's Markdown reader, say). Its
   read() looks at the source text first (a date not written year-month-day, a control
   character, a file that is not UTF-8) and carries what it found, and the file's path,
   to step 2 in the metadata it returns;
2. article_generator_context / page_generator_context, sent with the file's whole
   metadata just before Pelican makes the post or page: a missing title, a post without
   a date, an unknown status are decided there, and a file with any problem gets the
   status "skip", which Pelican reads as "leave this file out", quietly.

What read() finds depends on the file's bytes alone, so it travels with what the reader
returns: Pelican's content cache (CACHE_CONTENT, keyed by the file's modification time)
keeps it with the rest, and a preview's rebuild opens only the files that changed, yet
reports an unchanged file's problem again on every build until it is fixed.
"""

from . import checks

# The metadata key that carries read()'s findings to the context signal, which removes
# it, so no content object, template or other check ever sees it.
CARRIED = "front_matter_read"

_classes = {}  # a reader class -> its checking subclass, made once per process


def reader_class(base):
    """`base` with a read() that checks the source first: made once per reader class and
    named as `base` is, since Pelican records that name as the "reader" metadata."""
    if getattr(base, "front_matter_checks", False):
        return base
    if base not in _classes:
        def read(self, source_path):
            return _checked_read(self, base, source_path)

        _classes[base] = type(base.__name__, (base,), {
            "read": read, "front_matter_checks": True,
            "__module__": base.__module__, "__doc__": base.__doc__})
    return _classes[base]


def _checked_read(reader, base, source_path):
    src = checks.Source(source_path, reader.settings)
    # Pelican would read 03/11/2026 as March 11 without a word: refuse it first; and a
    # control character (a NUL) would reach the feeds and break them.
    problems = checks.control_problems(src) + checks.date_problems(src)
    try:
        content, metadata = base.read(reader, source_path)
    except Exception as error:
        unreadable = checks.encoding_problem(src) if isinstance(
            error, UnicodeDecodeError) else None
        if unreadable:
            problems.append(unreadable)
        if not problems:
            raise  # not a front-matter problem: Pelican reports it as usual
        # Nothing was read: the fields' own checks would only echo these problems.
        return "", {CARRIED: (source_path, problems, False)}
    return content, {**metadata, CARRIED: (source_path, problems, True)}


def use_checking_readers(generator):
    """article_generator_init, page_generator_init: every reader of this generator's
    Readers (a Pelican class whose `readers` dict maps an extension to its reader) reads
    through reader_class()."""
    readers = getattr(generator, "readers", None)
    for fmt, reader in list(getattr(readers, "readers", {}).items()):
        checking = reader_class(type(reader))
        if checking is not type(reader):
            readers.readers[fmt] = checking(reader.settings)


def set_aside_if_refused(metadata, settings, content_class, set_aside):
    """At the context signal: the problems read() carried, and those of the file's whole
    metadata that Pelican would stop on when it makes a `content_class` (Article, Page)
    of it. A file with any is noted in `set_aside` and gets the status "skip"."""
    carried = metadata.pop(CARRIED, None)
    if carried is None:
        return  # read by a reader this plugin did not install
    path, problems, was_read = carried
    src = checks.Source(path, settings)
    if was_read:
        problems = [*problems, *checks.required_problems(src, metadata, content_class)]
    if problems:
        set_aside.append((src, problems))
        metadata["status"] = "skip"
