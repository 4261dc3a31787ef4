"""privacy_guard: every page promises visitors that nothing loads from another website
and no code runs, and the build refuses to write a site that breaks that promise.

- `privacy_meta_html` (Jinja global): the Content Security Policy and no-referrer <meta>.
- After the build, every HTML file written in it, the theme's CSS and any copied HTML,
  SVG or CSS file are audited (audit.py); a finding fails the build with file, element,
  origin and what to do instead.
- `_headers` (Netlify, Cloudflare Pages) and `.htaccess` (Apache) carry the same policy
  as HTTP headers, with the protections only headers can give.

Settings: PRIVACY_ALLOWED_ORIGINS (list, default []), PRIVACY_HEADER_FILES (default True),
PRIVACY_GUARD_ENFORCE (default True; tools/check.py turns it off for its own build so it
can report every problem at once, then audits the output itself).
"""

import logging
import os
import sys

from markupsafe import Markup
from pelican import signals

from . import audit, headers

logger = logging.getLogger(__name__)


class PrivacyAuditError(Exception):
    """The built site would load something from another website or run code."""


class PrivacyGuardError(Exception):
    """A setting of this plugin is unusable; raised at `initialized`, before any work."""


# One build at a time per process; the lists are emptied at the start of each output pass
# so the dev server's rebuilds start clean.
_state = {"written": [], "sources": {}, "static": []}


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


def all_generators_finalized(generators):
    _state["written"].clear()
    _state["sources"].clear()
    _state["static"].clear()


def content_written(path, context):
    _state["written"].append(path)
    item = context.get("article") or context.get("page") if context else None
    source = getattr(item, "relative_source_path", None)
    if source:
        _state["sources"][path] = source


def static_generator_finalized(generator):
    # Copied files that a browser reads as a page or a stylesheet (not images, not PDFs).
    for item in getattr(generator, "staticfiles", []):
        if item.save_as.lower().endswith(audit.MARKUP_EXT + audit.CSS_EXT):
            _state["static"].append(item.save_as)


def _files_to_audit(output, settings):
    seen = set(_state["written"])
    files = list(_state["written"])
    theme_static = os.path.join(output, settings.get("THEME_STATIC_DIR", "theme"))
    extra = [os.path.join(output, p) for p in _state["static"]]
    for folder, _dirs, names in os.walk(theme_static):
        extra += [os.path.join(folder, n) for n in names if n.lower().endswith(audit.CSS_EXT)]
    files += [p for p in extra if p not in seen and os.path.exists(p)]
    return files


def _write_header_files(settings, allowed):
    output = settings["OUTPUT_PATH"]
    own = {p.replace(os.sep, "/") for p in _state["static"]}
    for name, text in (("_headers", headers.netlify_headers(allowed)),
                       (".htaccess", headers.htaccess(allowed))):
        if name in own:
            logger.warning("privacy_guard: %s comes from your content folder, so it was not "
                           "replaced; make sure it sets the security headers "
                           "(see docs/nginx-security-headers.conf for the list).", name)
            continue
        with open(os.path.join(output, name), "w", encoding="utf-8") as fh:
            fh.write(text)


def finalized(pelican):
    settings = pelican.settings
    output = settings["OUTPUT_PATH"]
    allowed = audit.parse_allowed_origins(settings.get("PRIVACY_ALLOWED_ORIGINS"))[0]
    if settings.get("PRIVACY_HEADER_FILES", True):
        _write_header_files(settings, allowed)

    policy = audit.Policy(settings.get("SITEURL", ""), allowed)
    findings = []
    for path in _files_to_audit(output, settings):
        findings += audit.audit_file(path, output, policy)
    sources = {os.path.relpath(p, output).replace(os.sep, "/"): s
               for p, s in _state["sources"].items()}
    all_generators_finalized(None)
    if not findings:
        return

    kinds = len({(f.problem, f.element) for f in findings})
    report = (f"\nprivacy_guard: {kinds} problem(s) in the built site ({len(findings)} places "
              "counting every page that shows them). These would "
              "make visitors' browsers contact another website or run code, which this site "
              "promises never to do:\n" + audit.format_findings(findings, sources) + "\n")
    summary = (f"privacy_guard: {kinds} privacy problem(s), listed above; "
               "fix them and build again")
    if not settings.get("PRIVACY_GUARD_ENFORCE", True):
        sys.stderr.write(report)
        logger.warning("%s (not enforced in this build)", summary)
        return
    _stop(report, summary)


def _stop(report, summary):
    """Print the report and stop the build (exit status 1)."""
    # Printed as is: Pelican's log handler would re-wrap the report into a narrow column.
    sys.stderr.write(report)
    sys.stderr.flush()
    if _in_dev_server():
        # The rebuild loop reports an exception and keeps serving the last good site.
        raise PrivacyAuditError(summary)
    # A one-off build: stop with status 1. An exception would end the output with a
    # Python traceback under the report; SystemExit ends it with the summary instead.
    logger.critical("%s", summary)  # CRITICAL is the one level --fatal does not raise on
    raise SystemExit(1)


def _in_dev_server():
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "autoreload" and \
                frame.f_globals.get("__name__") == "pelican":
            return True
        frame = frame.f_back
    return False


def register():
    signals.initialized.connect(initialized)
    signals.generator_init.connect(generator_init)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.content_written.connect(content_written)
    signals.static_generator_finalized.connect(static_generator_finalized)
    signals.finalized.connect(finalized)
