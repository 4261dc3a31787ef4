"""The theme's catalogs: every string a page shows, extracted, and the `.po` files updated.

    .venv/bin/python -m tools.translations          add new strings to every catalog
    .venv/bin/python -m tools.translations --check  list strings a catalog lacks (exit 1)

Where the strings are (docs/languages.md): the theme's templates (`_()`, `{% trans %}`),
the plugins' code (`N_()`, `gettext()`, `pgettext()`...), pelicanconf.py's menu labels
(`menu_label()`) and the region data (each crisis line's name and note keyed by its id,
the "go to the nearest ..." sentence, language names and the country words). Catalogs are
read from their `.po` files at build time; nothing is compiled into the repository.
"""

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from tools.pelican_adapter import plugin_module

regions_module = plugin_module("emergency_notice.regions")
catalogs_module = plugin_module("languages.catalogs")

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "theme" / "translations"
LANGUAGES = ("en_GB", "fr", "es")  # en_US is the source text
JINJA = ("jinja2.ext:babel_extract",
         {"extensions": "jinja2.ext.i18n", "trimmed": "true", "silent": "false"})
PLUGIN_KEYWORDS = {"N_": None, "gettext": None, "ngettext": (1, 2),
                   "pgettext": ((1, "c"), 2)}


def _plugin_files(root):
    for path in sorted((root / "plugins").glob("*/*.py")):
        yield path


def extract(root=ROOT):
    """A Catalog of every string the site's pages can show, with where each is used."""
    root = Path(root)
    catalog = Catalog(project="Harbor Light", fuzzy=False)

    def add(message, path, line, context=None):
        if isinstance(message, tuple):
            catalog.add(message, locations=[(path, line)], context=context)
        elif message:
            catalog.add(message, locations=[(path, line)], context=context)

    templates = root / "theme" / "templates"
    for name, line, message, _comments, context in extract_from_dir(
            templates, method_map=[("**.html", JINJA[0])],
            options_map={"**.html": JINJA[1]}):
        add(message, f"theme/templates/{name}", line, context)
    for path in _plugin_files(root):
        rel = path.relative_to(root).as_posix()
        for line, message, _comments, context in extract_from_file(
                "python", path, keywords=PLUGIN_KEYWORDS):
            add(message, rel, line, context)
    for line, message, _comments, context in extract_from_file(
            "python", root / "pelicanconf.py", keywords={"menu_label": None}):
        add(message, "pelicanconf.py", line, context)
    regions = root / "plugins" / "emergency_notice" / "regions.json"
    for context, message in regions_module.catalog_messages(
            regions_module.load_regions(regions)):
        add(message, "plugins/emergency_notice/regions.json", 0, context)
    return catalog


def read(language, folder=CATALOGS):
    with open(Path(folder) / f"{language}.po", "rb") as fh:
        return read_po(fh, locale=language)


def missing(template, catalog):
    """Strings of `template` without a translation in `catalog` (fuzzy counts as none)."""
    gaps = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = found.string if found is not None else None
        if isinstance(strings, tuple):
            empty = not all(strings)
        else:
            empty = not strings
        if found is None or empty or found.fuzzy:
            gaps.append((message.context, message.id))
    return gaps


def update(folder=CATALOGS):
    template = extract()
    for language in LANGUAGES:
        path = Path(folder) / f"{language}.po"
        if path.is_file():
            catalog = read(language, folder)
        else:
            catalog = Catalog(locale=language, project="Harbor Light")
        catalog.update(template, no_fuzzy_matching=True)
        # A reviewed header (fuzzy would drop its Plural-Forms from the compiled catalog).
        catalog.fuzzy = False
        catalog.header_comment = (f"# The Harbor Light theme's words in {language} "
                                  "(docs/languages.md).\n# Updated with: .venv/bin/python "
                                  "-m tools.translations")
        catalog.copyright_holder = "Harbor Light"
        catalog.last_translator = catalog.language_team = "Harbor Light"
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=88, omit_header=False, ignore_obsolete=True,
                     sort_by_file=False, sort_output=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="list the strings a catalog lacks; change nothing")
    args = parser.parse_args(argv)
    if not args.check:
        update()
    template, status = extract(), 0
    for language in LANGUAGES:
        gaps = missing(template, read(language))
        for context, message in gaps:
            print(f"theme/translations/{language}.po: no translation for "
                  f"{message!r}" + (f" (context {context!r})" if context else ""))
        broken = catalogs_module.problems(read(language), f"theme/translations/{language}.po")
        for line in broken:
            print(line)
        status |= bool(gaps) or bool(broken)
    return status


if __name__ == "__main__":
    sys.exit(main())
