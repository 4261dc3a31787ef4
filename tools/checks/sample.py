"""The sample check: nothing of the kit's fictional practice is published by mistake.

It reports, as its own group: every source file still marked `Sample: yes`, the sample's
live address as the site's address, and the sample practice's name, clinician, phone,
email and street address anywhere in the content or the settings. The sample's details
come from SAMPLE_PRACTICE (pelicanconf.py reads them from sample/practice.toml), so this
file holds none of them. ALLOW_SAMPLE=1 (make variable or environment) publishes the
demonstration site on purpose; the findings are then counted as allowed, not as failures.
"""

import json
import os
import re
from pathlib import Path

import phonenumbers

from tools.flags import ON, env_flag
from tools.pelican_adapter import plugin_module

from tools.report import finding

read_header = plugin_module("front_matter.header").read_header

SOURCE_EXT = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")
DETAILS = (("name", "the sample practice's name"), ("clinician", "the sample clinician's name"),
           ("email", "the sample practice's email"), ("street", "the sample practice's address"))
SETTINGS = ("SITENAME", "SITESUBTITLE", "AUTHOR", "SITEURL", "SHARE_SITEURL", "PRACTICE")
UNMARK = ("Read it and make every sentence yours, then delete its `Sample: yes` line (or "
          "delete the file).")


def allowed():
    """True when ALLOW_SAMPLE says to publish the sample on purpose."""
    return env_flag("ALLOW_SAMPLE")


def _host(url):
    m = re.match(r"^[a-z]+://([^/:]+)", str(url or "").strip().lower())
    return m.group(1) if m else ""


def header_marked(path):
    """The line number of a `Sample: yes` header line (Markdown or reST), or 0."""
    line, _, value = read_header(path).get("sample", (0, "", ""))
    return line if value.lower() in ON else 0


class Finder:
    """Where a text holds one of the sample's details: the phone number however it is
    spelled (compared in E.164 form, the form the practice plugin gives `phone_link`),
    the others as words, whatever their case and spacing."""

    def __init__(self, sample):
        self.patterns = []
        for key, label in DETAILS:
            value = " ".join(str(sample.get(key) or "").split())
            if len(value) >= 4:
                words = [re.escape(w) for w in value.split()]
                self.patterns.append((label, re.compile(r"(?<!\w)" + r"\s+".join(words)
                                                        + r"(?!\w)", re.I)))
        host = _host(sample.get("site_url"))
        if host:
            self.patterns.append(("the sample's web address",
                                  re.compile(r"(?<![\w.-])" + re.escape(host) + r"(?![\w-])",
                                             re.I)))
        self.phone = sample.get("phone_link") or ""
        self.country = sample.get("country") or "US"

    def find(self, text):
        """[(label, offset)] of every sample detail in text."""
        found = [(label, m.start()) for label, pattern in self.patterns
                 for m in pattern.finditer(text)]
        if self.phone:
            found += [("the sample practice's phone number", m.start)
                      for m in phonenumbers.PhoneNumberMatcher(
                          text, self.country, leniency=phonenumbers.Leniency.POSSIBLE)
                      if phonenumbers.format_number(
                          m.number, phonenumbers.PhoneNumberFormat.E164) == self.phone]
        return sorted(found, key=lambda f: f[1])


def check(root, settings):
    """Findings for everything of the sample still in the site at `root`."""
    root = Path(root)
    sample = settings.get("SAMPLE_PRACTICE") or {}
    if settings.get("IS_SAMPLE"):
        return [finding("sample", "practice.toml",
                        "your site is not set up yet: this is the kit's sample practice "
                        f"({sample.get('name', 'the sample')}), built from sample/content/",
                        "Run make setup to make it your practice's site (docs/setup.md). "
                        "To publish the demonstration on purpose: make publish "
                        "ALLOW_SAMPLE=1.")]
    issues = []
    finder = Finder(sample)
    content = Path(settings.get("PATH") or root / "content")
    for path in sorted(content.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SOURCE_EXT:
            continue
        rel = os.path.relpath(path, root)
        text = path.read_text(encoding="utf-8", errors="replace")
        marked = header_marked(path)
        if marked:
            issues.append(finding("sample", rel, "still marked as sample content "
                                  "(Sample: yes)", UNMARK, line=marked, field="Sample"))
        for label, offset in finder.find(text):
            issues.append(finding("sample", rel, f"{label} is still here",
                                  "Replace it with your own, or with a placeholder such as "
                                  "{{ phone }} that fills in your details (docs/setup.md).",
                                  line=text.count("\n", 0, offset) + 1))
    siteurl = str(settings.get("SITEURL") or "")
    if _host(siteurl) and _host(siteurl) == _host(sample.get("site_url")):
        issues.append(finding("sample", "practice.toml", f"the site's address is still the "
                              f"sample's ({siteurl})", "Set site_url in practice.toml to "
                              "your own address (or run make setup again).",
                              field="site_url"))
    for name in SETTINGS:
        # The setting's whole value as one text: every string in it, however nested.
        value = json.dumps(settings.get(name), ensure_ascii=False, default=str)
        for label in dict.fromkeys(label for label, _ in finder.find(value)):
            issues.append(finding("sample", "practice.toml",
                                  f"{label} is still in your settings ({name})",
                                  "Run make setup again with your own details, or edit "
                                  "practice.toml (and pelicanconf.py if you set it "
                                  "there).", field=name))
    return list({tuple(f.values()): f for f in issues}.values())  # each once, in order
