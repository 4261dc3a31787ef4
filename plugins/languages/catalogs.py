"""The kit's gettext catalogs, read from their `.po` files with Babel (no compiled `.mo`
in the repository: each build compiles them in memory, once per catalog).

One catalog per language form, in one folder (the theme's translations/): en_GB, fr, es.
The theme's source text is US English, so en_US needs none.
"""

import os
import re
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations


def catalog_name(locale):
    """Which catalog a page locale reads: en_US is the source text (None); English
    elsewhere takes en_GB's spelling (CA, GB, IE, AU, NZ); fr_CA -> fr, es_US -> es."""
    if locale in ("en", "en_US"):
        return None
    if locale.startswith("en"):
        return "en_GB"
    return locale.split("_")[0]


def catalog_path(folder, name):
    return Path(folder) / f"{name}.po"


SOURCE = NullTranslations()  # the source text (US English): one object for every page


def load(folder, name):
    """The translations of catalog `name` (None: the source text itself). Read again when
    the file changed, so the preview server shows a translator's edit on its next build."""
    if name is None:
        return SOURCE
    path = catalog_path(folder, name)
    return _compiled(str(path), path.stat().st_mtime_ns)


class LanguagesError(Exception):
    """The plugin's one error (docs/plugin-contract.md): a language setting or a catalog
    the build cannot use. `.findings` holds each problem as a finding dict; the message
    says the same in words."""

    def __init__(self, message, findings=()):
        super().__init__(message)
        self.findings = list(findings)


def finding(file, what, fix, line=0, field=""):
    return {"check": "languages", "file": file, "line": line, "field": field,
            "what": what, "fix": fix, "page": ""}


def shown(path):
    """A catalog's path as the site's writer knows it (theme/translations/fr.po)."""
    rel = os.path.relpath(os.path.abspath(path))
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


PLACEHOLDER = re.compile(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)s")


def problems(catalog, path):
    """Every translation that would break a page: templates and plugins fill each one with
    `%`, so a translation must use the English text's %(name)s placeholders and nothing
    else with a % sign (a literal one is written %%)."""
    return [f"{f['file']}, line {f['line']}: {f['what']} {f['fix']}"
            for f in broken_translations(catalog, path)]


def broken_translations(catalog, path):
    """problems(), as findings."""
    found = []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        names = {n for text in ids for n in PLACEHOLDER.findall(text)}
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            try:
                text % {n: "" for n in names}
            except (KeyError, ValueError, TypeError) as error:
                found.append(finding(
                    str(path),
                    f"the translation {text!r} of {ids[0]!r} cannot be filled in "
                    f"({type(error).__name__}: {error}).",
                    f"Use exactly the placeholders of the English text "
                    f"({', '.join(sorted(names)) or 'none'}), and write a % sign as %%.",
                    line=message.lineno or 0))
    return found


@lru_cache(maxsize=16)
def _compiled(path, _mtime):
    name = Path(path).stem
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=name)
    found = broken_translations(catalog, shown(path))
    if found:
        raise LanguagesError("\n".join(f"{f['file']}, line {f['line']}: {f['what']} "
                                       f"{f['fix']}" for f in found), found)
    compiled = BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return Translations(fp=compiled)
