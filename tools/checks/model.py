"""What a finding looks like, and the checks in report order."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One finding of the checks; the plugins' own findings use the same field names."""
    check: str        # a key of CHECKS
    file: str         # relative to the built site (or to the project for sources)
    line: int         # 0 when there is no useful line
    problem: str      # what is wrong, in plain words
    fix: str          # what to do about it
    source: str = ""  # the content file a built file was made from ("" when not known)


CHECKS = {
    "build": "The production build",
    "sample": "Sample content still in your site (the kit's fictional practice)",
    "privacy": "Privacy: nothing loads from another website, no scripts run",
    "notice": "Emergency notice on every page (exactly one, before the main content)",
    "policy-nav": "Policy links in the footer of every page",
    "links": "Links, #anchors and files that the pages point to exist",
    "alt": "Images have a meaningful text alternative (alt)",
    "confidential": "Confidentiality of your posts and pages (as Pelican read them)",
}
