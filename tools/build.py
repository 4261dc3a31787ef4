"""Build the site with Pelican and, when something is wrong, say so in one plain block.

    python -m tools.build [pelican's own options]     (make html, regenerate, devserver)

It takes Pelican's command line and runs Pelican in this process, so it can tell a
therapist's mistake from a bug and never end in a Python traceback:

- a plugin's `<Plugin>Error` (docs/plugin-contract.md) is shown as its findings, through
  the one reporter (tools/report.py) that make check and make publish print with too;
- errors Pelican logs while reading (a file it cannot read, say) are collected, and the
  build stops before anything is written;
- a broken pelicanconf.py, or a template error in the theme, names the file and line;
- anything else is called what it is, a bug, with `PELICANOPTS=-D` to see the details.

Messages are wrapped at the terminal's width between words, so a file name is never cut.

The site is built into a sibling folder and swapped into place only when the build
succeeds (tools/folder_swap.py, the project's one folder swap: output/ is a symlink to the
last good build). So output/ holds exactly what the last good build wrote: a page whose
source is gone does not linger (OUTPUT_RETENTION names what must stay), and a failed
build leaves the preview as it was.

In the dev server, the pages of the files just saved come first: written before any other
page, judged by the privacy guard and put in the served folder at once (saved_first), so
the page the therapist saved is on screen in a moment on a site of thousands of pages;
the rest of the rebuild follows and is swapped in. If the rebuild then fails, those pages
are put back as they were.
"""

import functools
import logging
import os
import shutil
import sys
import textwrap
import threading
import traceback

import pelican
from pelican import signals
from pelican.log import init as init_logging
from pelican.settings import read_settings

# Two problems Pelican logs rather than raises are told by their log records' format
# strings: knowledge of Pelican's internals, so it lives in the one adapter.
from tools.pelican_adapter import CANNOT_LOAD_PLUGIN, COULD_NOT_PROCESS
from tools.folder_swap import SwapError, swap_in
from tools.report import finding, format_findings

logger = logging.getLogger("tools.build")


class BuildStopped(Exception):
    """Raised by this tool once problems were logged, before anything is written."""


# -- messages --------------------------------------------------------------------------

def width():
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def wrap(text, columns=None):
    """Wrap each line at word boundaries; a word (a file name) is never broken."""
    columns = columns or width()
    out = []
    for line in str(text).splitlines() or [""]:
        indent = line[:len(line) - len(line.lstrip())]
        out += textwrap.wrap(line, columns, subsequent_indent=indent + "    ",
                             break_long_words=False, break_on_hyphens=False) or [""]
    return "\n".join(out)


def shown(path, root=None):
    """A path as the writer knows it: relative to the current folder when below it."""
    rel = os.path.relpath(os.path.abspath(path), root or os.getcwd())
    return path if rel.startswith("..") else rel


def plugin_problem(name, error, settings):
    """A plugin Pelican could not load: a name in PLUGINS that is not a plugin here (say
    where the list is, and the likely name), or a plugin whose import failed."""
    import difflib

    folders = [p for p in (settings or {}).get("PLUGIN_PATHS", []) if os.path.isdir(p)]
    known = sorted({entry for folder in folders for entry in os.listdir(folder)
                    if os.path.isfile(os.path.join(folder, entry, "__init__.py"))})
    if name in known:  # the folder is there, but importing it failed
        return finding("settings", "pelicanconf.py", f"The plugin \"{name}\" could not be "
                       f"loaded: {error}.", "if you changed the plugin, undo that change; "
                       "otherwise delete the .venv folder and run `make html` again, which "
                       "reinstalls what the plugins need.", field="PLUGINS")
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    meant = f" Did you mean \"{close[0]}\"?" if close else ""
    return finding("settings", "pelicanconf.py", f"PLUGINS names \"{name}\", which is not "
                   f"a plugin the site can load ({error}).", "correct the name in the "
                   f"PLUGINS list of pelicanconf.py.{meant} The plugins here are: "
                   f"{', '.join(known) or 'none'}.", field="PLUGINS")


class Collector(logging.Handler):
    """Prints warnings as they come, plainly; keeps errors for the final block (as
    findings when they are known problems, else as Pelican's text)."""

    def __init__(self, stream=None):
        super().__init__()
        self.stream = stream or sys.stderr
        self.errors = []
        self.settings = None  # this build's, once read: to name its plugins

    def emit(self, record):
        try:
            if record.levelno >= logging.ERROR:
                self.errors.append(self.describe(record))
            else:
                label = "Warning" if record.levelno >= logging.WARNING else "Info"
                self.stream.write(wrap(f"{label}: {record.getMessage()}") + "\n")
                self.stream.flush()
        except Exception:  # a logging handler must never raise
            self.handleError(record)

    def describe(self, record):
        if record.msg == COULD_NOT_PROCESS and record.args:
            # Pelican logs this inside its `except`, so the reason is still at hand.
            error = sys.exc_info()[1]
            path = shown(str(record.args[0]))
            if isinstance(error, UnicodeDecodeError):
                return finding("content", path, "this file is not saved as UTF-8, so the "
                               "site cannot read it.", "open it in your text editor and "
                               "save it as UTF-8.")
            reason = f" ({error})" if error else ""
            return finding("content", path, f"Pelican could not read this file{reason}.",
                           "correct the file, or move it out of the content folder.")
        if record.msg == CANNOT_LOAD_PLUGIN and record.args:
            return plugin_problem(str(record.args[0]), record.args[1], self.settings)
        return record.getMessage()

    def reset(self):
        self.errors = []


def plugin_names(settings):
    return {str(name).split(".")[0] for name in (settings or {}).get("PLUGINS") or []} - {
        "pelican"}


def is_plugin_error(error, settings):
    """A plugin's deliberate stop: an exception class defined by a plugin in PLUGINS."""
    module = type(error).__module__.split(".")[0]
    return module in plugin_names(settings) and type(error).__name__.endswith("Error")


def _frames(error):
    return traceback.extract_tb(error.__traceback__) if error.__traceback__ else []


def settings_problem(error, settings_file):
    """pelicanconf.py could not be read: its file, line and the error."""
    line = None
    if isinstance(error, SyntaxError) and error.filename and \
            os.path.abspath(error.filename) == os.path.abspath(settings_file):
        line = error.lineno
    for frame in _frames(error):
        if os.path.abspath(frame.filename) == os.path.abspath(settings_file):
            line = frame.lineno
    what = error.msg if isinstance(error, SyntaxError) else str(error)
    kind = type(error).__name__
    return finding("settings", shown(settings_file), f"the settings file could not be read "
                   f"({kind}: {what}).", "correct that line (check its quotes, commas and "
                   "brackets, and the line above it), or undo your last change to the file.",
                   line=line)


def template_problem(error, settings):
    """A Jinja error: the template file and line in the theme, and what broke there."""
    import jinja2

    theme = os.path.abspath((settings or {}).get("THEME") or ".")
    where = None
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        where = (error.filename, error.lineno)
    else:
        for frame in _frames(error):
            if frame.filename.endswith((".html", ".xml", ".txt")) and \
                    os.path.abspath(frame.filename).startswith(theme + os.sep):
                where = (frame.filename, frame.lineno)  # innermost wins
    content = _being_written()
    during = f" (while writing the page for {content})" if content else ""
    templates = shown(os.path.join(theme, "templates"))
    if isinstance(error, jinja2.TemplateNotFound):
        return finding("theme", content or templates, f"The template \"{error.name}\" was "
                       f"not found{during}.", "check the name in the page's Template: "
                       f"line, or add the template to {templates}.",
                       field="Template" if content else "")
    message = (getattr(error, "message", None) or str(error)).rstrip(".")
    return finding("theme", shown(where[0]) if where else templates, "the template has an "
                   f"error: {message}{during}.", "correct that line of the template, or "
                   "undo your last change to it.", line=where[1] if where else 0)


# The post or page whose page Pelican is writing, from Pelican's public signals: it names
# each one just before writing its page (article_generator_write_article,
# page_generator_write_page) and announces each file written (content_written). Between
# the two, an error happened while writing that post's page.
_writing = {"source": None}


def writing_page(generator, content=None):
    _writing["source"] = getattr(content, "source_path", None)


def page_written(path, context=None):
    _writing["source"] = None


def _being_written():
    """The source file of the post or page being written when `error` happened, or None
    (the error came while writing another file, a feed or an index page say)."""
    source = _writing["source"]
    return shown(source) if isinstance(source, str) else None


def describe(error, settings, settings_file, *, debug=False):
    """The text for an exception that stopped the build."""
    import jinja2

    if isinstance(error, BuildStopped):
        return None
    if settings is None:
        return settings_problem(error, settings_file)
    if is_plugin_error(error, settings):
        # Its findings (docs/plugin-contract.md) through the one reporter; a plugin error
        # without any (a bug in the plugin) by its message.
        return getattr(error, "findings", None) or str(error)
    if isinstance(error, jinja2.TemplateError) or any(
            frame.filename.endswith(".html") for frame in _frames(error)):
        return template_problem(error, settings)
    content = _being_written()
    during = f" while handling {content}" if content else ""
    text = (f"The build stopped on an unexpected error{during}: {type(error).__name__}: "
            f"{error}\n    This is probably a bug in the kit or a plugin rather than in "
            "your writing. Run the build again with PELICANOPTS=-D to see the details.")
    if debug:
        text += "\n" + "".join(traceback.format_exception(error))
    return text


# -- building ---------------------------------------------------------------------------

_collector = Collector()
# The dev server's rebuild after a save: the content files just saved (real paths), this
# build's generators and the folder the preview serves. Their pages are written, judged
# and shown before the rest of the site (saved_first).
_saved = {"sources": frozenset(), "generators": (), "output": None, "replaced": {},
          "pelican": None}


def stop_if_errors(generators):
    """all_generators_finalized: everything is read, nothing written yet."""
    if _collector.errors:
        raise BuildStopped()
    _saved["generators"] = generators


class _SavedOnly:
    """A writer that writes only the pages of the saved files, through Pelican's own."""

    def __init__(self, writer, sources):
        self.writer, self.sources, self.written = writer, sources, []

    def write_file(self, name, template, context, **kwargs):
        item = kwargs.get("article") or kwargs.get("page")
        path = getattr(item, "source_path", None)
        if path and os.path.realpath(path) in self.sources:
            self.writer.write_file(name, template, context, **kwargs)
            self.written.append(name)


def saved_first(generator, content=None):
    """article_generator_write_article, first call of a rebuild after a save: before any
    other page, write the saved posts' and pages' own pages (the generators' own write
    loops, through a writer that skips every other page), judge each with the privacy
    guard and put the clean ones in the served folder at once. The full rebuild goes on
    and is swapped in as usual; the therapist sees the page they saved in a moment
    instead of after thousands of others."""
    from pelican.generators import ArticlesGenerator, PagesGenerator
    from pelican.writers import Writer

    sources, _saved["sources"] = _saved["sources"], frozenset()  # once per rebuild
    if not sources or not _saved["output"]:
        return
    staging = generator.output_path
    # The writer the build itself uses: the one a plugin offers (get_writer), else
    # Pelican's, as Pelican chooses it.
    offered = [w for _, w in signals.get_writer.send(_saved["pelican"])
               if isinstance(w, type)]
    writer = (offered[0] if offered else Writer)(staging, settings=generator.settings)
    only = _SavedOnly(writer, sources)
    for gen in _saved["generators"]:
        if isinstance(gen, ArticlesGenerator):
            # As ArticlesGenerator.generate_pages calls them (drafts come last there).
            write = functools.partial(only.write_file,
                                      relative_urls=gen.settings["RELATIVE_URLS"])
            gen.generate_articles(write)  # (sends this signal again: a no-op now)
            gen.generate_drafts(write)
        elif isinstance(gen, PagesGenerator):
            gen.generate_output(only)
    for name in only.written:
        show_early(staging, _saved["output"], name, generator.settings)


def show_early(staging, output, name, settings):
    """Copy one written page into the served folder, if the privacy guard passes it (a
    build without the guard shows it as written). A page with a finding waits for the
    full rebuild, which reports it."""
    source = os.path.join(staging, name)
    with open(source, "rb") as fh:
        data = fh.read()
    if "privacy_guard" in plugin_names(settings):
        from tools.pelican_adapter import plugin_module
        audit = plugin_module("privacy_guard.audit")  # the guard's own checker

        policy = audit.AuditRules(settings.get("SITEURL", ""), audit.parse_allowed_origins(
            settings.get("PRIVACY_ALLOWED_ORIGINS"))[0], settings.get("THEME_STATIC_DIR",
                                                                      "theme"))
        if audit.Auditor(policy).html(data, name.replace(os.sep, "/")):
            return
    target = os.path.join(output, name)
    try:
        with open(target, "rb") as fh:
            _saved["replaced"][target] = fh.read()
    except OSError:
        _saved["replaced"][target] = None
    _put(target, data)


def _put(target, data):
    os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = target + ".saving"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, target)  # the server never sends half a page


def undo_early():
    """The rebuild failed: the pages shown early give way to the last good build's."""
    for target, data in _saved["replaced"].items():
        if data is not None:
            _put(target, data)
        elif os.path.exists(target):
            os.remove(target)
    _saved["replaced"].clear()


def staging_path(output):
    output = os.path.abspath(output).rstrip(os.sep)
    return os.path.join(os.path.dirname(output), "." + os.path.basename(output) + ".building")


def build_once(args, stream=sys.stderr):
    """One build into a staging folder, swapped in on success. Returns (ok, settings)."""
    _collector.reset()
    _writing["source"] = None
    settings_file = args.settings or pelican.DEFAULT_CONFIG_NAME
    settings = output = staging = None
    blocks = []
    try:
        settings = read_settings(settings_file, override=pelican.get_config(args))
        _collector.settings = settings
        output = settings["OUTPUT_PATH"]
        staging = staging_path(output)
        shutil.rmtree(staging, ignore_errors=True)
        settings["OUTPUT_PATH"] = staging
        site = settings["PELICAN_CLASS"]
        if isinstance(site, str):
            module, name = site.rsplit(".", 1)
            site = getattr(__import__(module, fromlist=[name]), name)
        instance = site(settings)
        # Connected after the plugins, so their own checks at this signal run first.
        signals.all_generators_finalized.connect(stop_if_errors)
        signals.article_generator_write_article.connect(saved_first)
        signals.article_generator_write_article.connect(writing_page)
        signals.page_generator_write_page.connect(writing_page)
        signals.content_written.connect(page_written)
        _saved["output"], _saved["pelican"] = output, instance
        instance.run()
    except KeyboardInterrupt:
        raise
    except SystemExit as stop:
        # pelicanconf.py stops this way when practice.toml is wrong (plugins raise their
        # <Plugin>Error instead); its message is the exit code. It raises it while
        # handling the practice plugin's PracticeError, whose findings are shown when there.
        findings = getattr(stop.__context__, "findings", None)
        if findings:
            blocks.append(findings)
        elif stop.code not in (0, None):
            blocks.append(stop.code.strip() if isinstance(stop.code, str) else "")
    except Exception as error:
        blocks.append(describe(error, settings, settings_file,
                               debug=args.verbosity == logging.DEBUG))
    if blocks or _collector.errors:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        undo_early()
        report(stream, _collector.errors + [b for b in blocks if b])
        return False, settings
    settings["OUTPUT_PATH"] = output
    _saved["replaced"].clear()
    try:
        swap_in(staging, output, settings.get("OUTPUT_RETENTION"))
    except SwapError as error:
        shutil.rmtree(staging, ignore_errors=True)
        report(stream, [f"The site was built, but {error}."])
        return False, settings
    return True, settings


def report(stream, blocks):
    """The failed build's one block: every finding (a plugin's, or one of Pelican's own
    problems told as a finding) through the reporter, then any other text."""
    findings, texts = [], []
    for block in blocks:
        if isinstance(block, dict):
            findings.append(block)
        elif isinstance(block, list):
            findings += block
        else:
            texts.append(block)
    blocks = ([format_findings(findings)] if findings else []) + texts
    rule = "=" * min(width(), 80)
    parts = [rule, wrap("The site was not built. Nothing in the output folder was changed.")]
    if blocks:
        parts += ["", *(wrap(b) + "\n" for b in blocks)]
    else:
        parts += ["The problems are listed above."]
    parts.append(rule)
    stream.write("\n".join(parts) + "\n")
    stream.flush()


# -- serving and watching -----------------------------------------------------------------

def serve_in_background(output, bind, port):
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    RootedHTTPServer.allow_reuse_address = True
    if os.path.islink(output) and not os.path.exists(output):
        os.remove(output)  # its release was deleted by hand: the first build makes another
    os.makedirs(output, exist_ok=True)
    try:
        httpd = RootedHTTPServer(output, (bind, port), ComplexHTTPRequestHandler)
    except OSError as error:
        sys.stderr.write(wrap(
            f"The preview cannot use port {port} on {bind} ({error.strerror}).\n    Fix: "
            f"stop the other preview that uses it, or choose another port: make "
            f"devserver PORT={port + 1}") + "\n")
        raise SystemExit(1) from None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    print(f"Preview at http://{bind}:{httpd.server_address[1]}/ (Ctrl+C stops it)",
          flush=True)
    return httpd


def watch_forever(args):
    from pelican.utils import wait_for_changes

    last = None
    while True:
        ok, settings = build_once(args)
        last = settings or last or {"PATH": args.path or "content", "THEME": "theme"}
        print("Waiting for changes..." if ok else
              "Waiting for you to fix this (the preview shows the last good build)...",
              flush=True)
        changed = wait_for_changes(args.settings or pelican.DEFAULT_CONFIG_NAME, last)
        _saved["sources"] = frozenset(os.path.realpath(path) for _, path in changed)
        names = ", ".join(sorted(shown(path) for _, path in changed))
        print(f"Changed: {names}; building again.", flush=True)


def main(argv=None):
    args = pelican.parse_arguments(argv)
    init_logging(level=args.verbosity, handler=_collector, name="pelican",
                 logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level))
    try:
        if args.listen:
            config = pelican.get_config(args)
            output = os.path.abspath(config.get("OUTPUT_PATH") or "output")
            port = config.get("PORT")
            serve_in_background(output, config.get("BIND") or "127.0.0.1",
                                8000 if port is None else int(port))
            if not args.autoreload:
                threading.Event().wait()
        if args.autoreload:
            watch_forever(args)
        ok, _ = build_once(args)
        return 0 if ok else 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
