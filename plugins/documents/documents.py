"""documents: every PDF, audio and video file a site publishes is checked and published as
a cleaned copy; the original bytes never reach output/.

How it fits into a Pelican build (each step is one signal), as the photos plugin does for
pictures:

1. initialized: the DOCUMENTS_* settings are checked.
2. static_generator_finalized: each file Pelican would copy is judged by its first bytes,
   whatever its name. A PDF, audio or video file is taken off Pelican's list of files to
   copy; its cleaned copy is made in the cache (pdf.py, media.py), or a problem is noted.
3. all_generators_finalized: if anything was noted, the build stops here, before a single
   file is written, with one message listing every problem.
4. DocumentsGenerator.generate_output: the cleaned copies are put where Pelican would have
   copied the originals (after the posts are written, so an {attach} move is followed).
"""

import hashlib
import logging
import os
import shutil

from pelican import signals
from pelican.generators import Generator

from . import media, pdf

logger = logging.getLogger(__name__)

DEFAULTS = {
    "DOCUMENTS_MAX_MB": 250,
    "DOCUMENTS_CACHE_PATH": None,   # default: "documents" next to Pelican's CACHE_PATH
}
# Bump when what the cleaners write changes, so every cache entry is made again.
VERSION = 1


class DocumentsError(Exception):
    """A DOCUMENTS_ setting or a published document needs fixing; raised once, with a
    finding dict for each in `.findings` (docs/plugin-contract.md)."""

    def __init__(self, findings, heading):
        super().__init__(heading + "".join(
            f"\n  {n}. {f['file']}: {f['what']}\n     Fix: {f['fix']}"
            for n, f in enumerate(findings, start=1)))
        self.findings = findings


def _problem(shown, what, fix, field=""):
    return {"check": "documents", "file": shown, "line": 0, "field": field, "what": what,
            "fix": fix, "page": ""}


class _State:
    """What one build learns; reset by get_generators at the start of every build (the
    dev server builds many times in one process)."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.problems = []      # finding dicts (_problem)
        self.cleaned = []       # (Pelican's Static object, cached clean copy)


_state = _State()


def _setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def _cache_root(settings):
    path = _setting(settings, "DOCUMENTS_CACHE_PATH")
    if path:
        return os.path.abspath(path)
    return os.path.join(os.path.dirname(os.path.abspath(settings["CACHE_PATH"])),
                        "documents")


def _shown(settings, rel):
    return f"{os.path.basename(os.path.normpath(settings['PATH']))}/{rel}"


def kind_of(data):
    """'PDF', a media kind (media.kind_of), or None for files this plugin leaves alone."""
    # A PDF reader accepts the header anywhere in the first 1024 bytes, so this does too.
    if b"%PDF-" in data[:1024]:
        return "PDF"
    return media.kind_of(data)


def _clean(data, kind, cache_root):
    """The cache file holding the cleaned copy of `data` (made now if missing)."""
    digest = hashlib.sha256(f"{VERSION}\0".encode() + data).hexdigest()
    path = os.path.join(cache_root, digest[:2], digest)
    if not os.path.exists(path):
        out = pdf.clean(data) if kind == "PDF" else media.clean(data, kind)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(out)
        os.replace(tmp, path)  # whole or not at all, even with two builds at once
    return path


def static_generator_finalized(generator):
    settings = generator.settings
    limit = _setting(settings, "DOCUMENTS_MAX_MB") * 1024 * 1024
    keep = []
    for static in generator.staticfiles:
        rel = static.relative_source_path.replace(os.sep, "/")
        try:
            with open(static.source_path, "rb") as fh:
                head = fh.read(1024)
        except OSError:
            keep.append(static)  # not a readable file: Pelican reports it as it does
            continue
        kind = kind_of(head)
        if kind is None:
            keep.append(static)
            continue
        # From here the original is never copied: a cleaned copy, or a refusal.
        shown = _shown(settings, rel)
        size = os.path.getsize(static.source_path)
        if size > limit:
            _state.problems.append(_problem(
                shown, f"this file is {size / 1024 / 1024:.1f} MB; the limit is "
                f"{limit / 1024 / 1024:g} MB (DOCUMENTS_MAX_MB)", "publish a shorter or "
                "smaller copy, or raise DOCUMENTS_MAX_MB in pelicanconf.py"))
            continue
        with open(static.source_path, "rb") as fh:
            data = fh.read()
        try:
            cached = _clean(data, kind, _cache_root(settings))
        except (pdf.Refused, media.Refused) as err:
            _state.problems.append(_problem(shown, err.problem, err.fix))
            continue
        _state.cleaned.append((static, cached))
    generator.staticfiles[:] = keep


def all_generators_finalized(generators):
    unique = {tuple(p.values()): p for p in _state.problems}
    problems = [unique[key] for key in sorted(unique)]
    if problems:
        raise DocumentsError(problems, f"documents: {len(problems)} document problem(s); "
                             "nothing was written. Fix these and build again:")


class DocumentsGenerator(Generator):
    def generate_context(self):
        pass  # the files are judged when Pelican's static list is final (step 2)

    def generate_output(self, writer):
        for static, cached in _state.cleaned:
            _put(cached, os.path.join(self.output_path, static.save_as))
        if _state.cleaned:
            logger.info("documents: %d cleaned copies written", len(_state.cleaned))


def _put(cached, dest):
    """A hard link to the cached copy (or a copy on another disk). A file already there
    (a link Pelican made to a source, an older build) is removed first, never written
    through."""
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    try:
        os.unlink(dest)
    except FileNotFoundError:
        pass
    try:
        os.link(cached, dest)
    except OSError:
        shutil.copyfile(cached, dest)


def initialized(pelican):
    _state.reset()
    limit = _setting(pelican.settings, "DOCUMENTS_MAX_MB")
    bad = []
    if not (isinstance(limit, (int, float)) and not isinstance(limit, bool) and limit > 0):
        bad.append(_problem("pelicanconf.py", f"{limit!r} is not a size in megabytes",
                            "write a number such as 250", "DOCUMENTS_MAX_MB"))
    path = _setting(pelican.settings, "DOCUMENTS_CACHE_PATH")
    if path is not None and not (isinstance(path, str) and path.strip()):
        bad.append(_problem("pelicanconf.py", f"{path!r} is not a folder name",
                            "write a folder name, or remove the line",
                            "DOCUMENTS_CACHE_PATH"))
    if bad:
        names = ", ".join(f["field"] for f in bad)
        raise DocumentsError(bad, f"documents: setting {names} in pelicanconf.py needs "
                             "fixing:")


def get_generators(pelican):
    _state.reset()  # called at the start of every build, dev server rebuilds included
    return DocumentsGenerator


def register():
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
    signals.static_generator_finalized.connect(static_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
