"""Run every check over one production build (or an already-built folder).

In a build, nothing is read twice: the privacy audit runs once (in the build, by
privacy_guard), it parses every page once and hands each tree to the site checks
(site.py), and the confidentiality scan hands over its findings; all through blinker
named signals, while the build runs (tools/checks/project.py).

Findings are the plugin contract's dicts (check, file, line, field, what, fix, page).
"""

from tools.pelican_adapter import plugin_module

from . import sample
from .report import format_report  # noqa: F401  (make check and make publish print it)
from .site import SiteChecks

# The checks that read the built pages: they run in the privacy audit's walk.
PAGE_CHECKS = {"privacy", "notice", "policy-nav", "links", "alt"}


class Results:
    """The receivers a build is run with, and what they received."""

    def __init__(self, site_dir):
        self.site_dir = site_dir
        self.site = None      # the site checks, set up once the build's settings are read
        self.privacy = None   # the audit's findings; None until the audit ran
        self.scan = None      # the confidentiality scan's result; None until it ran

    def listeners(self):
        return {"pelican_initialized": self._initialized, "page_parsed": self._page,
                "stylesheet_parsed": self._stylesheet, "privacy_audited": self._audited,
                "confidentiality_scanned": self._scanned}

    def _initialized(self, pelican):
        origin_of = plugin_module("privacy_guard.urls").origin_of
        self.site = SiteChecks(self.site_dir, pelican.settings.get("SITEURL", ""), origin_of)

    def _page(self, rel, tree, html, source=""):
        self.site.page(rel, tree, html, source)

    def _stylesheet(self, rel, urls, text, source=""):
        self.site.stylesheet(rel, urls, text, source)

    def _audited(self, sender, findings):
        self.privacy = list(findings)

    def _scanned(self, sender, findings, scanned, drafts, consent):
        self.scan = {"findings": list(findings), "scanned": scanned, "drafts": drafts,
                     "consent": list(consent)}


def build_and_check(project, output):
    """(findings, facts) for a fresh production build of `project` into `output`."""
    results = Results(output)
    build = project.build(output, results.listeners())
    settings = build.settings
    findings = [] if build.ok else [build_finding(build)]
    if not build.message:  # the build's problems came as findings alone: list them
        findings += build.stopped
    facts = {"siteurl": (settings or {}).get("SITEURL", ""), "not_run": set()}
    if results.privacy is None:   # the build stopped before its audit
        facts["not_run"] |= PAGE_CHECKS
    else:
        findings += results.privacy + results.site.finish()
        facts["pages"] = results.site.pages
    if results.scan is None:      # the build stopped before the scan
        facts["not_run"].add("confidential")
    else:
        findings += results.scan["findings"]
        facts["sources"], facts["drafts"] = results.scan["scanned"], results.scan["drafts"]
        facts["consent"] = results.scan["consent"]  # make publish lists these first
    if settings is None:          # the settings file itself failed: nothing to read
        facts["not_run"].add("sample")
        return findings, facts
    return with_sample(project.root, settings, findings, facts)


def check_folder(project, site_dir):
    """(findings, facts) for a site someone built already (`make check --site DIR`): the
    privacy audit walks it here, and the site checks read each page it parses."""
    audit = plugin_module("privacy_guard.audit")
    settings = project.settings
    siteurl = settings.get("SITEURL", "")
    allowed, problems = audit.parse_allowed_origins(settings.get("PRIVACY_ALLOWED_ORIGINS"))
    findings = [{"check": "privacy", "file": "pelicanconf.py", "line": 0,
                 "field": "PRIVACY_ALLOWED_ORIGINS", "what": p, "fix": "Correct the setting.",
                 "page": ""} for p in problems]
    site = SiteChecks(site_dir, siteurl, audit.origin_of)
    policy = audit.AuditRules(siteurl, allowed, settings.get("THEME_STATIC_DIR", "theme"))
    auditor = audit.Auditor(policy, on_page=site.page, on_stylesheet=site.stylesheet)
    for f in auditor.tree(str(site_dir)):
        findings.append({"check": "privacy", "file": f.file, "line": f.line, "field": "",
                         "what": f.problem, "fix": f.fix, "page": f.file})
    findings += site.finish()
    facts = {"pages": site.pages, "siteurl": siteurl, "not_run": {"confidential"}}
    return with_sample(project.root, settings, findings, facts)


def build_finding(build):
    """The build's failure as one finding: Pelican's or the stopping plugin's words."""
    said = build.message or ("" if build.stopped else build.printed[-4000:])
    return {"check": "build", "file": "publishconf.py", "line": 0, "field": "",
            "what": "the site did not build, so the checks of the built pages could not "
                    "run. " + ("The build said:\n" + said if said else
                               "What stopped it is listed with its check."),
            "fix": "Fix what is named above (file and setting), then run make check again.",
            "page": ""}


def with_sample(root, settings, findings, facts):
    """Add the sample check's findings, or count them as allowed under ALLOW_SAMPLE=1."""
    found = sample.check(root, settings)
    if sample.allowed():
        facts["sample_allowed"] = len(found)
        return findings, facts
    return found + findings, facts
