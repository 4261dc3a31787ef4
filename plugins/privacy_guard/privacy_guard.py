"""privacy_guard: every page promises visitors that nothing loads from another website
and no code runs, and the build refuses to write a site that breaks that promise.

- `privacy_meta_html` (Jinja global): the Content Security Policy and no-referrer <meta>,
  for the theme to put first in <head>, right after the charset.
- After the build, every file in the output is audited (audit.py): pages, feeds,
  stylesheets, SVG, copied static files. A page whose template forgot the privacy <meta>
  gets it inserted first. Any finding fails the build with the built file, line, the
  source file it came from, and what to do; the refused files are removed from the
  output so they cannot be served or uploaded by hand.
- `_headers` (Netlify, Cloudflare Pages) and `.htaccess` (Apache) carry the same policy as
  HTTP headers; `_redirects` and `.htaccess` carry REDIRECTS (headers.py).
- At the start of every build, the folders Pelican reads are walked (files.py): hidden
  files, editor backups, version-control folders, host files and links leading out of
  the content folder are added to IGNORE_FILES, so Pelican never reads them, and are
  reported: they stop the build whatever PRIVACY_GUARD_ENFORCE says.

- Posts, pages and drafts are cleaned and judged as they are read (content.py): comments
  out, docutils' markup normalised, the theme's reserved names kept off content.

Settings: see README.md (PRIVACY_ALLOWED_ORIGINS, PRIVACY_HEADER_FILES, REDIRECTS,
PRIVACY_GUARD_ENFORCE, PRIVACY_RESERVED_NAMES).

Signals it sends (blinker named signals, so a listener never imports this plugin):
- `page_parsed(rel, tree=, html=, source=)`: every HTML page of the output, once, after
  the audit parsed it (and rewrote it, when it did): other checks read that one tree
  instead of opening and parsing the page again;
- `stylesheet_parsed(rel, urls=, text=, source=)`: every stylesheet's addresses, as the
  CSS tokenizer read them;
- `privacy_audited(pelican, findings=)`: the audit's findings (docs/plugin-contract.md's
  dicts), once per build, after the walk. A tool listening to it reports them itself:
  with PRIVACY_GUARD_ENFORCE false the build then goes on (make check, make publish).
- `pages_walked(pelican)`: once per build, when the walk is over and the site is kept
  (nothing stopped the build), so a `page_parsed` listener knows every page has come.
  The guard says it will send it in the setting PRIVACY_GUARD_WALKS (set at initialized).
"""

import json
import logging
import os
import sys

from blinker import signal
from markupsafe import Markup
from pelican import signals

from . import audit, content, files, headers, verdicts

logger = logging.getLogger(__name__)

page_parsed = signal("page_parsed")
stylesheet_parsed = signal("stylesheet_parsed")
privacy_audited = signal("privacy_audited")
pages_walked = signal("pages_walked")


class PrivacyGuardError(Exception):
    """The build stops: a setting is unusable (raised at `initialized`), or the built
    site would load something from another website or run code (raised at `finalized`,
    once, with every finding). The message is the whole report; `findings` holds the
    same as finding dicts (docs/plugin-contract.md)."""

    def __init__(self, message, findings=()):
        super().__init__(message)
        self.findings = list(findings)


def finding(check_finding):
    """An audit.Finding as the plugin contract's finding dict. Where the page was made
    from a content file, that file is where the therapist fixes it; the built page's line
    then says nothing about it. A page's own template is named in the text."""
    f = check_finding
    source, _, template = (f.source or "").partition(", template ")
    what = f.problem + (f" (or in its template {template})" if template else "")
    if source and source != f.file:
        return {"check": "privacy", "file": source, "line": 0, "field": "", "what": what,
                "fix": f.fix, "page": f.file}
    # A file refused before it was built (source == file), or a built file of its own.
    built = source != f.file
    return {"check": "privacy", "file": f.file, "line": f.line, "field": "", "what": what,
            "fix": f.fix, "page": f.file if built else ""}


def setting_finding(name, problem):
    return {"check": "privacy", "file": "pelicanconf.py", "line": 0, "field": name,
            "what": problem, "fix": f"Correct {name} in pelicanconf.py.", "page": ""}


# One build at a time per process. `sources` maps each built file to the file it was made
# from; it is filled while the build writes and read in `finalized`, then emptied there,
# so the dev server's next rebuild starts clean.
_state = {"sources": {}, "static": {}, "refused": [], "ignored": []}


# Switches: True or False, nothing else (a quoted "False" would be true).
SWITCHES = ("PRIVACY_GUARD_ENFORCE", "PRIVACY_HEADER_FILES", "PRIVACY_GUARD_CACHE")


def initialized(pelican):
    # A malformed PRIVACY_ALLOWED_ORIGINS stops the build before anything is written.
    problems = [("PRIVACY_ALLOWED_ORIGINS", p) for p in audit.parse_allowed_origins(
        pelican.settings.get("PRIVACY_ALLOWED_ORIGINS"))[1]]
    problems += [(name, f"{name} is {pelican.settings[name]!r}; write True or False "
                        "(no quotes)") for name in SWITCHES
                 if name in pelican.settings and not isinstance(pelican.settings[name], bool)]
    problems += [("REDIRECTS", p) for p in
                 headers.parse_redirects(pelican.settings.get("REDIRECTS"))[1]]
    if problems:
        raise PrivacyGuardError("\n".join(
            f"privacy_guard: {p} (in pelicanconf.py)" for _, p in problems),
            [setting_finding(name, p) for name, p in problems])
    reserved_names(pelican.settings)  # a broken reserved-names file stops the build here
    # For a `page_parsed` listener (emergency_notice): wait for `pages_walked`.
    pelican.settings["PRIVACY_GUARD_WALKS"] = True


RESERVED_FILE = "reserved-names.json"  # in the theme's folder


def reserved_names(settings):
    """The class and id names the theme keeps for itself: PRIVACY_RESERVED_NAMES, or the
    theme's own reserved-names.json (read once per theme), or nothing reserved."""
    names = settings.get("PRIVACY_RESERVED_NAMES")
    if names is not None:
        return names
    path = os.path.join(settings.get("THEME") or "", RESERVED_FILE)
    cached = _state.get("theme_names")
    if cached is None or cached[0] != path:
        try:
            with open(path, encoding="utf-8") as fh:
                found = json.load(fh)
        except FileNotFoundError:
            found = {}
        except (OSError, ValueError) as error:
            raise PrivacyGuardError(
                f"privacy_guard: {path} could not be read ({error}).\n    Fix: correct the "
                "file (a JSON object with classes, ids, id_prefixes, content_classes), or "
                "undo your last change to it.") from None
        if not isinstance(found, dict):
            raise PrivacyGuardError(f"privacy_guard: {path} must hold a JSON object with "
                                    "classes, ids, id_prefixes and content_classes.")
        _state["theme_names"] = cached = (path, found)
    return cached[1]


def get_generators(pelican):
    """Every build (the dev server's rebuilds too) starts by walking the content: what
    may never be published is kept from Pelican (IGNORE_FILES) and remembered, to be
    reported with the audit's findings."""
    settings = pelican.settings
    own = [p for p in settings.get("IGNORE_FILES", []) if p not in _state["ignored"]]
    paths = [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", []),
             *settings.get("STATIC_PATHS", [])]
    _state["refused"], exact = files.scan_content(settings["PATH"], paths)
    _state["ignored"] = [p for p in (*files.IGNORE_PATTERNS, *exact) if p not in own]
    settings["IGNORE_FILES"] = own + _state["ignored"]


def generator_init(generator):
    allowed = audit.parse_allowed_origins(
        generator.settings.get("PRIVACY_ALLOWED_ORIGINS"))[0]
    generator.env.globals["privacy_meta_html"] = Markup(headers.meta_html(allowed))


def content_object_init(item):
    # Posts, pages and drafts, as the reader wrote them, before anything is rendered:
    # comments out, docutils' markup normalised, the content rules applied (content.py).
    settings = getattr(item, "settings", None) or {}
    names = reserved_names(settings)
    rules = _state.get("rules")
    if rules is None or rules[0] is not names:
        _state["rules"] = rules = (names, content.Rules(names))
    folder = os.path.basename(os.path.normpath(settings.get("PATH", "content")))
    relative = getattr(item, "relative_source_path", "") or ""
    source = content.Source(f"{folder}/{relative}".replace(os.sep, "/"),
                            getattr(item, "source_path", None))
    if getattr(item, "_content", None):
        item._content = content.clean(item._content, source, rules[1])
    summary = getattr(item, "metadata", {}).get("summary")
    if summary:
        item.metadata["summary"] = item._summary = content.clean(summary, source, rules[1])


def content_written(path, context):
    item = (context.get("article") or context.get("page")) if context else None
    source = getattr(item, "relative_source_path", None)
    output = context.get("OUTPUT_PATH") if context else None
    if source and output:
        rel = os.path.relpath(path, output).replace(os.sep, "/")
        template = getattr(item, "template", "")
        if template and template not in ("article", "page"):
            # A page's own template is as likely a cause as its Markdown.
            source += f", template {template}.html"
        _state["sources"][rel] = source


def static_generator_finalized(generator):
    # Copied files: where each came from (the audit covers them in every build). One
    # whose real path leaves the content folder (a link the walk did not see, or an
    # {attach} address climbing out with "..") is never copied, and is reported.
    root = os.path.realpath(generator.path)
    shown = os.path.basename(os.path.normpath(generator.path))
    keep = []
    for item in getattr(generator, "staticfiles", []):
        found = files.real_path_problem(item.source_path, root)
        if found:
            _state["refused"].append((f"{shown}/{item.relative_source_path}", *found))
            continue
        keep.append(item)
        _state["static"][item.save_as.replace(os.sep, "/")] = item.relative_source_path
    if hasattr(generator, "staticfiles"):
        generator.staticfiles[:] = keep


def finalized(pelican):
    audit_site(pelican)  # raises PrivacyGuardError when the site is not kept
    pages_walked.send(pelican)


def audit_site(pelican):
    settings = pelican.settings
    output = settings["OUTPUT_PATH"]
    allowed = audit.parse_allowed_origins(settings.get("PRIVACY_ALLOWED_ORIGINS"))[0]
    content = os.path.basename(os.path.normpath(settings.get("PATH", "content")))
    # Sources as the therapist sees them: content/posts/x.md.
    sources = {rel: f"{content}/{src}" for rel, src in
               [*_state["sources"].items(), *_state["static"].items()]}
    theme_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    theme_src = os.path.join(os.path.basename(os.path.normpath(settings.get("THEME", "theme"))),
                             "static")
    copied = sorted(_state["static"])  # files copied from the content as they are
    _state["sources"].clear()
    _state["static"].clear()
    refused, _state["refused"] = _state["refused"], []
    if settings.get("PRIVACY_HEADER_FILES", True):
        write_host_files(settings, output, allowed)

    policy = audit.AuditRules(settings.get("SITEURL", ""), allowed, theme_dir)
    # Listeners (tools' checks) get each page's tree as it is parsed; without any, the
    # walk does not even call out.
    auditor = audit.Auditor(
        policy, on_page=_send_page if page_parsed.receivers else None,
        on_stylesheet=_send_stylesheet if stylesheet_parsed.receivers else None)
    auditor.sources = sources
    auditor.copied = set(copied)
    auditor.verdicts = verdicts.for_build(settings)
    findings = auditor.tree(
        output, lambda rel: sources.get(rel) or _theme_source(rel, theme_dir, theme_src),
        fix_meta=True)
    auditor.verdicts.save()
    kept_out = [audit.Finding(shown, 0, shown, problem, fix) for shown, problem, fix in refused]
    # A tool that listens reports the findings itself (make check, make publish).
    handed_over = bool(privacy_audited.receivers)
    if handed_over:
        privacy_audited.send(pelican, findings=[finding(f) for f in kept_out + findings])
    if not findings and not kept_out:
        return

    report = (f"privacy_guard: {len(findings) + len(kept_out)} privacy problem(s) in the "
              "built site. These would publish what must stay private, make visitors' "
              "browsers contact another website, run code, or lose the page's "
              "protection, which this site promises never to happen:\n"
              + audit.format_findings(kept_out + findings))
    enforce = settings.get("PRIVACY_GUARD_ENFORCE", True)
    if not enforce and handed_over:
        return
    if not enforce and not kept_out:
        # The built site is wanted with its problems (a corpus shown in a browser).
        sys.stderr.write("\n" + report + "\n")
        logger.warning("privacy_guard: %d privacy problem(s), listed above (not enforced "
                       "in this build)", len(findings))
        return
    # Files kept out of the build stop it whatever PRIVACY_GUARD_ENFORCE says, unless a
    # listener takes them: nothing in the folder shows them.
    removed = _remove(output, findings)
    if kept_out:
        tail = (f"\nThe files named from the content folder were not published, and the "
                f"{removed} built file(s) with problems were removed. Fix them and build "
                "again.")
    else:
        tail = (f"\nThe {removed} file(s) with problems were removed from the built site, "
                "so they cannot be served or uploaded. Fix them and build again.")
    raise PrivacyGuardError(report + tail, [finding(f) for f in kept_out + findings])


def _send_page(rel, tree, html, source):
    page_parsed.send(rel, tree=tree, html=html, source=source)


def _send_stylesheet(rel, urls, text, source):
    stylesheet_parsed.send(rel, urls=urls, text=text, source=source)


def write_host_files(settings, output, allowed):
    redirects = headers.parse_redirects(settings.get("REDIRECTS"))[0]
    siteurl = settings.get("SITEURL", "")
    site_path = siteurl.split("//", 1)[1].partition("/")[2].strip("/") if "//" in siteurl \
        else ""
    headers.write_host_files(output, allowed, redirects, "/" + site_path if site_path else "")


def _theme_source(rel, theme_dir, theme_src):
    if rel.startswith(theme_dir + "/"):
        return f"{theme_src}/{rel[len(theme_dir) + 1:]}"
    return ""


def _remove(output, findings):
    paths = {os.path.join(output, f.file) for f in findings}
    for path in paths:
        try:
            os.remove(path)
        except OSError:
            pass
    return len(paths)


def register():
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(generator_init)
    signals.content_object_init.connect(content_object_init)
    signals.content_written.connect(content_written)
    signals.static_generator_finalized.connect(static_generator_finalized)
    signals.finalized.connect(finalized)
