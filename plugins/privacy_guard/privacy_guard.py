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
  HTTP headers; one of your own in content/extra/ is merged with them (headers.py).

- Posts, pages and drafts are cleaned and judged as they are read (content.py): comments
  out, docutils' markup normalised, the theme's reserved names kept off content.

Settings: see README.md (PRIVACY_ALLOWED_ORIGINS, PRIVACY_HEADER_FILES,
PRIVACY_GUARD_ENFORCE, PRIVACY_SOURCE_MAP, PRIVACY_RESERVED_NAMES).
"""

import json
import logging
import os
import sys

from markupsafe import Markup
from pelican import signals

from . import audit, content, headers

logger = logging.getLogger(__name__)


class PrivacyGuardError(Exception):
    """The build stops: a setting is unusable (raised at `initialized`), or the built
    site would load something from another website or run code (raised at `finalized`,
    once, with every finding). The message is the whole report."""


# One build at a time per process. `sources` maps each built file to the file it was made
# from; it is filled while the build writes and read in `finalized`, then emptied there,
# so the dev server's next rebuild starts clean.
_state = {"sources": {}, "static": {}}


def initialized(pelican):
    # A malformed PRIVACY_ALLOWED_ORIGINS stops the build before anything is written.
    problems = audit.parse_allowed_origins(
        pelican.settings.get("PRIVACY_ALLOWED_ORIGINS"))[1]
    if problems:
        raise PrivacyGuardError("\n".join(
            f"privacy_guard: {p} (in pelicanconf.py)" for p in problems))


def generator_init(generator):
    allowed = audit.parse_allowed_origins(
        generator.settings.get("PRIVACY_ALLOWED_ORIGINS"))[0]
    generator.env.globals["privacy_meta_html"] = Markup(headers.meta_html(allowed))


def content_object_init(item):
    # Posts, pages and drafts, as the reader wrote them, before anything is rendered:
    # comments out, docutils' markup normalised, the content rules applied (content.py).
    settings = getattr(item, "settings", None) or {}
    rules = _state.get("rules")
    if rules is None or rules[0] is not settings.get("PRIVACY_RESERVED_NAMES"):
        names = settings.get("PRIVACY_RESERVED_NAMES")
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
    # Copied files: where each came from (the audit covers them in every build).
    for item in getattr(generator, "staticfiles", []):
        _state["static"][item.save_as.replace(os.sep, "/")] = item.relative_source_path


def finalized(pelican):
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
    _state["sources"].clear()
    _state["static"].clear()

    if settings.get("PRIVACY_HEADER_FILES", True):
        headers.write_header_files(output, allowed, sources)

    policy = audit.AuditRules(settings.get("SITEURL", ""), allowed, theme_dir)
    auditor = audit.Auditor(policy)
    auditor.sources = sources
    findings = []
    top = os.path.join(output, "")
    for folder, _dirs, names in os.walk(output):
        # os.walk gives folders under `output` as written: cut the prefix (cheaper than
        # relpath, which normalises both paths for every one of thousands of files).
        under = folder[len(top):].replace(os.sep, "/") + "/" if folder != output else ""
        for name in sorted(names):
            path = os.path.join(folder, name)
            rel = under + name
            source = sources.get(rel) or _theme_source(rel, theme_dir, theme_src)
            findings += auditor.file(path, output, source, fix_meta=True, rel=rel)
    source_map = settings.get("PRIVACY_SOURCE_MAP")
    if source_map:  # for tools/check.py, which audits the finished folder itself
        with open(source_map, "w", encoding="utf-8") as fh:
            json.dump(sources, fh)
    if not findings:
        return

    report = (f"privacy_guard: {len(findings)} privacy problem(s) in the built site. These "
              "would make visitors' browsers contact another website, run code, or lose "
              "the page's protection, which this site promises never to happen:\n"
              + audit.format_findings(findings))
    if not settings.get("PRIVACY_GUARD_ENFORCE", True):
        # make check audits the finished folder itself and reports every finding.
        sys.stderr.write("\n" + report + "\n")
        logger.warning("privacy_guard: %d privacy problem(s), listed above (not enforced "
                       "in this build)", len(findings))
        return
    removed = _remove(output, findings)
    raise PrivacyGuardError(
        report + f"\nThe {removed} file(s) with problems were removed from the built site, so "
        "they cannot be served or uploaded. Fix them and build again.")


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
    signals.generator_init.connect(generator_init)
    signals.content_object_init.connect(content_object_init)
    signals.content_written.connect(content_written)
    signals.static_generator_finalized.connect(static_generator_finalized)
    signals.finalized.connect(finalized)
