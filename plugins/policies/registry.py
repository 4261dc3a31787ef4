"""The policy registry: which policy pages exist, which are switched on, and which
notices each post or page carries. No Pelican signals here, only plain data and checks.

A policy page is any page with `Policy: <key>` metadata. Problems are collected (not
raised one by one) as finding dicts (docs/plugin-contract.md) so the therapist sees every
one of them in a single failed build.
"""

import difflib
import os
import re
from dataclasses import dataclass

from markupsafe import Markup

# The usual policies of a practice, in the order visitors expect them in the footer.
# Pages with other keys are welcome: they follow these, sorted by title.
KNOWN_ORDER = (
    "social-media",
    "online-therapy",
    "electronic-communication",
    "website-privacy",
    "good-faith-estimate",
    "notice-of-privacy-practices",
)
EMAIL_POLICY = "electronic-communication"
RULE_KINDS = ("tags", "categories")


@dataclass(frozen=True)
class Policy:
    key: str
    title: str
    url: str          # site-relative, e.g. "social-media-policy/"
    summary: Markup   # the page's own `Summary:` (HTML from the Markdown reader)
    source: str       # the page's file, as the therapist would type it
    lang: str = ""    # the page's language (its `Lang:`, else DEFAULT_LANG)
    source_path: str = ""  # relative to the content folder: a {filename} link's target


def language_of(content, default):
    """'fr' for a page with `Lang: fr` (or fr-CA); `default` (DEFAULT_LANG) without one."""
    lang = str(getattr(content, "lang", None) or default or "en")
    return lang.replace("_", "-").split("-")[0].lower()


def shown_path(content):
    """`content/policies/x.md` rather than an absolute path, when the file is below cwd."""
    path = getattr(content, "source_path", None) or "?"
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def problem(file, what, fix, *, field="", line=0):
    """One finding of this plugin (docs/plugin-contract.md, "The finding")."""
    return {"check": "policies", "file": file, "line": line, "field": field,
            "what": what, "fix": fix, "page": ""}


def _texts(value):
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def settings_problems(settings):
    """The plugin's settings in the shape it reads them, judged at `initialized` (before
    any file is read). Whether the keys they name are policy pages can only be judged
    once the pages are read (Registry)."""
    found = []
    disabled = settings.get("POLICIES_DISABLED")
    if disabled is not None and not isinstance(disabled, str) and not _texts(disabled):
        found.append(problem(
            "pelicanconf.py", f"POLICIES_DISABLED must be a list of policy keys, not "
            f"{disabled!r}.", "Write it like [\"online-therapy\"].",
            field="POLICIES_DISABLED"))
    rules = settings.get("POLICY_RULES")
    rule_fix = "Write it like {'tags': {'telehealth': ['online-therapy']}, 'categories': {}}."
    if rules is not None and not isinstance(rules, dict):
        found.append(problem("pelicanconf.py", f"POLICY_RULES is {rules!r}, not a dict.",
                             rule_fix, field="POLICY_RULES"))
    elif rules:
        unknown = sorted(map(repr, set(rules) - set(RULE_KINDS)))
        if unknown:
            found.append(problem(
                "pelicanconf.py", f"POLICY_RULES has {', '.join(unknown)}.",
                "Keep only the entries 'tags' and 'categories'.", field="POLICY_RULES"))
        for kind in RULE_KINDS:
            table = rules.get(kind)
            if table is not None and not (isinstance(table, dict) and all(
                    isinstance(keys, str) or _texts(keys) for keys in table.values())):
                found.append(problem(
                    "pelicanconf.py", f"POLICY_RULES['{kind}'] is not a dict from a "
                    f"{kind[:-1]} name to policy keys.", rule_fix, field="POLICY_RULES"))
    emails = settings.get("POLICY_PRACTICE_EMAILS")
    if emails is not None and not _texts(emails):
        found.append(problem(
            "pelicanconf.py", f"POLICY_PRACTICE_EMAILS is {emails!r}, not a list of "
            "addresses.", "Write it like [\"billing@mypractice.example\"].",
            field="POLICY_PRACTICE_EMAILS"))
    text = settings.get("POLICY_EMAIL_DISCLOSURE")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        found.append(problem(
            "pelicanconf.py", "POLICY_EMAIL_DISCLOSURE is not a sentence of text.",
            "Write a sentence telling visitors that email is not secure and not for "
            "emergencies, or remove the setting to use the plugin's own.",
            field="POLICY_EMAIL_DISCLOSURE"))
    return found


def header_line(content, field):
    """The line of `field:` in the file's header (the lines before the first blank one),
    or 0 when the file cannot be read. Only looked up for a message."""
    try:
        with open(content.source_path, encoding="utf-8-sig") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    break
                if line.split(":", 1)[0].strip().lower() == field:
                    return number
    except (OSError, UnicodeDecodeError, TypeError):
        pass
    return 0


def split_keys(value):
    """`Policies: online-therapy, social-media` -> ["online-therapy", "social-media"]."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
    return [k.lower() for k in re.split(r"[,\s]+", str(value)) if k.strip()]


class Registry:
    """Every policy page found, with the enabled ones in footer order."""

    def __init__(self, settings):
        self.settings = settings
        self.default_lang = language_of(None, settings.get("DEFAULT_LANG"))
        self.problems = []
        self.versions = {}        # enabled key -> {lang: Policy}
        self.enabled = []         # Policy objects, footer order
        self.by_key = {}          # enabled key -> Policy
        self.disabled = {}        # disabled key -> Policy (the page is not written)
        self.disabled_sources = set()   # relative source paths of removed pages

    # -- building --------------------------------------------------------------------

    def collect(self, pages):
        """Register the policy pages among `pages` (published and hidden originals and
        their translations). A policy is one key with a page per language: same
        `Policy:`, different `Lang:`."""
        found = {}   # (key, lang) -> Policy
        seen = set()
        for page in pages:
            raw = page.metadata.get("policy")
            if raw is None or id(page) in seen:
                continue
            seen.add(id(page))
            key = str(raw).strip().lower()
            lang = language_of(page, self.default_lang)
            where = shown_path(page)
            if not key or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", key):
                self.problems.append(problem(
                    where, f"'Policy: {raw}' is not a usable key.", "Use lowercase letters, "
                    "digits and hyphens, for example 'Policy: social-media'.",
                    field="Policy", line=header_line(page, "policy")))
                continue
            if (key, lang) in found:
                self.problems.append(problem(
                    where, f"this page and {found[key, lang].source} both say 'Policy: "
                    f"{key}' in the same language ({lang}).",
                    "Each policy needs exactly one page per language: delete one of them, "
                    "give it another key, or mark a translation with its own 'Lang:'.",
                    field="Policy", line=header_line(page, "policy")))
                continue
            # Pelican invents a summary from the body when there is none, so look at
            # the metadata the file itself declared.
            if "summary" not in page.metadata or not str(page.metadata["summary"]).strip():
                self.problems.append(problem(
                    where, f"this policy page (Policy: {key}) has no 'Summary:' line; it "
                    "is shown in the notices on posts.", "Add one or two sentences under "
                    "the title, for example 'Summary: What this policy means for you, in "
                    "brief.'", field="Summary"))
            found[key, lang] = Policy(
                key=key,
                title=page.title,
                url=page.url,
                summary=Markup(page.metadata.get("summary") or ""),
                source=where,
                lang=lang,
                source_path=page.relative_source_path.replace(os.sep, "/"),
            )
        keys = {key: [] for key, _ in found}
        for (key, _), policy in found.items():
            keys[key].append(policy)
        disabled = self._disabled_setting(keys)
        self.versions = {k: {p.lang: p for p in v} for k, v in keys.items()
                         if k not in disabled}
        self.disabled = {k: keys[k][0] for k in disabled if k in keys}
        self._shown = {}
        self.enabled = self.policies_for(self.default_lang)
        self.by_key = {p.key: p for p in self.enabled}

    def policies_for(self, lang):
        """The enabled policies a page in `lang` lists, in footer order: each in `lang`,
        or, for a key with no page in `lang`, the page in the site's default language
        (else the first language that has one): its `lang` then differs from the page's,
        and the markup says so (inject.fallback_html)."""
        lang = lang or self.default_lang
        if lang not in self._shown:
            chosen = []
            for versions in self.versions.values():
                chosen.append(versions.get(lang) or versions.get(self.default_lang)
                              or versions[sorted(versions)[0]])
            order = {key: i for i, key in enumerate(KNOWN_ORDER)}
            self._shown[lang] = sorted(
                chosen, key=lambda p: (order.get(p.key, len(order)), p.title.lower(), p.key))
        return self._shown[lang]

    def _disabled_setting(self, found):
        value = self.settings.get("POLICIES_DISABLED") or []  # its shape: settings_problems
        if isinstance(value, str):
            value = [value]
        keys = set()
        for raw in value:
            key = str(raw).strip().lower()
            if key not in found:
                close = difflib.get_close_matches(key, sorted(found), n=1, cutoff=0.6)
                suggestion = f" If you meant '{close[0]}', correct the spelling." if close else ""
                self.problems.append(problem(
                    "pelicanconf.py", f"POLICIES_DISABLED names '{raw}', but no policy "
                    f"page has 'Policy: {raw}' any more. Known keys: "
                    f"{self.known_list(found)}.", "remove it from POLICIES_DISABLED (a "
                    f"policy whose page you deleted needs no switching off).{suggestion}",
                    field="POLICIES_DISABLED"))
            keys.add(key)
        return keys

    @staticmethod
    def known_list(found):
        return ", ".join(sorted(found)) or "(none: no page has a 'Policy:' line)"

    # -- lookups used by templates ---------------------------------------------------

    def policy(self, key, lang=None):
        """The enabled policy `key` as a page in `lang` shows it (its own language's
        page, else the fallback of policies_for), or None."""
        key = str(key).strip().lower()
        return next((p for p in self.policies_for(lang) if p.key == key), None)

    def url_for(self, key, lang=None):
        """Site-relative URL of an enabled policy for a page in `lang` (default:
        DEFAULT_LANG), or None if the key is unknown or switched off."""
        policy = self.policy(key, lang)
        return policy.url if policy else None

    def email_policy(self, lang=None):
        return self.policy(EMAIL_POLICY, lang)

    # -- notices ---------------------------------------------------------------------

    def rules(self):
        """POLICY_RULES as {kind: {lowercased tag or category: [keys]}}, each key checked
        (its shape was, at initialized: settings_problems)."""
        value = self.settings.get("POLICY_RULES") or {}
        checked = {}
        for kind in RULE_KINDS:
            table = value.get(kind) or {}
            checked[kind] = {}
            for name, keys in table.items():
                keys = split_keys(keys)
                for key in keys:
                    self._check_key(key, "pelicanconf.py",
                                    field=f"POLICY_RULES['{kind}']['{name}']")
                checked[kind][str(name).strip().lower()] = keys
        return checked

    def _check_key(self, key, where, *, field, line=0):
        """The one check of a policy key asked for (a post's `Policies:`, POLICY_RULES)."""
        if key in self.versions or key in self.disabled:
            return True
        known = {**self.versions, **self.disabled}
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        suggestion = f" If you meant '{close[0]}', correct the spelling." if close else ""
        said = f"'Policies: {key}'" if field == "Policies" else field
        self.problems.append(problem(
            where, f"{said}: policy '{key}' has no policy page. Known keys: "
            f"{self.known_list(known)}.", f"{suggestion.strip()} Fix the key, or add a "
            f"page in content/policies/ with 'Policy: {key}' and a 'Summary:'.".strip(),
            field=field, line=line))
        return False

    def notices_for(self, content, rules):
        """The enabled policies this post or page asks for, deduplicated, footer order."""
        wanted = []
        keys = split_keys(content.metadata.get("policies"))
        unknown = [k for k in keys if k not in self.versions and k not in self.disabled]
        line = header_line(content, "policies") if unknown else 0
        for key in keys:
            if self._check_key(key, shown_path(content), field="Policies", line=line):
                wanted.append(key)
        tags = getattr(content, "tags", None) or []
        for tag in tags:
            for name in {tag.name.lower(), tag.slug}:
                wanted += rules.get("tags", {}).get(name, [])
        category = getattr(content, "category", None)
        if category is not None:
            for name in {category.name.lower(), category.slug}:
                wanted += rules.get("categories", {}).get(name, [])
        own = str(content.metadata.get("policy", "")).strip().lower()
        # Disabled keys drop out silently: the therapist switched them off on purpose.
        shown = self.policies_for(language_of(content, self.default_lang))
        return [p for p in shown if p.key in wanted and p.key != own]
