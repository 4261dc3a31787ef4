"""Start a new blog post or page, saved as a draft.

    make newpost TITLE="Finding calm on hard days"   ->  content/posts/finding-calm-on-hard-days.md
    make newpage TITLE="Groups"                      ->  content/pages/groups.md
    make newpost TITLE="Un billet" LANG=fr           ->  content/posts/un-billet.fr.md
    make newpost TITLE="Trouver le calme" LANG=fr TRANSLATES=finding-calm-on-hard-days
        ->  content/posts/finding-calm-on-hard-days.fr.md (Lang: fr, the English post's Slug)

(or `python -m tools.newcontent post|page "Title" [--lang fr] [--translates SLUG]`).
LANG is one of the site's languages (practice.toml); a post in another language than the
site's first is named `<name>.<lang>.md`. TRANSLATES names the post or page translated,
by its address (slug) or its file: the new file sits next to it with the same Slug (that
is how Pelican pairs translations) and the language before the extension. The file gets complete front matter
and `Status: draft`; the tool prints its path and how to preview it. It never overwrites
a file, and refuses a title whose address another post or page already uses.

Any title ends in a file or in one sentence saying why not, never a traceback. The address
follows the build's one slug rule (plugins/front_matter/slugs.py: capped at 80 bytes of
UTF-8 with a digest), so a 300-character title gets a short file name; a title with no
letters or numbers to make an address from (only emoji, only punctuation) gets a
neutral one, which the message names.
"""

import datetime
import hashlib
import sys
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

from tools.pelican_adapter import plugin_module

slugs = plugin_module("front_matter.slugs")  # tools may import plugins
SUMMARY_PROMPT = plugin_module("front_matter.checks").SUMMARY_PROMPT
header_values = plugin_module("front_matter.header").header_values
MARKDOWN_SUFFIXES = plugin_module("front_matter.header").MARKDOWN_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent

USAGE = """\
Usage:
  make newpost TITLE="Finding calm on hard days"
  make newpage TITLE="Groups and workshops"
  make newpost TITLE="Trouver le calme" LANG=fr TRANSLATES=finding-calm-on-hard-days
The title goes in double quotes. LANG: the language (one of the site's); TRANSLATES: the
address (or file) of the post or page this one translates."""

DEFAULT_CATEGORY = "General"  # used only when pelicanconf.py has no ALLOWED_CATEGORIES
# The files Pelican reads as posts and pages whose header this tool can read.
CONTENT_SUFFIXES = MARKDOWN_SUFFIXES + (".rst",)

# What a title may hold, allowed by kind (deny by default): letters, marks, numbers,
# punctuation, symbols (emoji) and spaces; of the invisible "format" characters only those
# that real text needs: joiners inside emoji and Indic or Persian words, the marks that
# order right-to-left text, and the tag characters of flag emoji such as England's.
# Anything else (a NUL, an escape code, a bidi override) could hide text or break the
# header, and is refused with its code point.
ALLOWED_KINDS = ("L", "M", "N", "P", "S", "Zs")
ALLOWED_FORMAT = {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c"}
TAG_CHARACTERS = range(0xE0020, 0xE0080)
KIND_NAMES = {"Cc": "a control character", "Cf": "an invisible formatting character",
              "Co": "a private-use character", "Cn": "a character Unicode does not define",
              "Cs": "a byte that is not UTF-8 text"}


class Refused(Exception):
    """A clear reason not to create the file; printed as is."""


def load_settings():
    from pelican.settings import read_settings
    return read_settings(str(ROOT / "pelicanconf.py"))


def clean_title(raw):
    """The title as it goes in the header: runs of spaces, tabs and line breaks become one
    space (a header field is one line); any character outside ALLOWED_KINDS is refused."""
    title = " ".join(raw.split())
    for char in title:
        kind = unicodedata.category(char)
        if (kind.startswith(ALLOWED_KINDS) or char in ALLOWED_FORMAT
                or ord(char) in TAG_CHARACTERS):
            continue
        what = KIND_NAMES.get(kind, "a character that cannot go in a title")
        # Python keeps a byte that is not UTF-8 as U+DC80-U+DCFF: name the byte itself.
        code = (f"byte 0x{ord(char) - 0xDC00:02X}" if 0xDC80 <= ord(char) <= 0xDCFF
                else f"U+{ord(char):04X}")
        raise Refused(f"the title holds {what} ({code}), which does not show on a page. "
                      "Type the title again without it, in plain words.")
    if not title:
        raise Refused("the title is empty. " + USAGE.splitlines()[1].strip())
    return title


def make_slug(title, settings):
    """Pelican's slug of a title, with the site's slug settings (as the build makes it)."""
    from pelican.utils import slugify
    return slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def address_of(path, settings):
    """The slug the build gives the post or page in `path` (front_matter's cap_slug)."""
    meta = header_values(path)
    slug = meta.get("slug") or (make_slug(meta["title"], settings) if meta.get("title")
                                else "")
    return slugs.cap(slug.strip() or slugs.fallback(str(path)))


def new_address(kind, title, settings):
    """(slug, note) for a new post or page. A title that gives no letters or numbers
    (only emoji or punctuation) would otherwise take its file's name: the file is named
    after a digest of the title, so the same title always gets the same name."""
    slug = make_slug(title, settings).strip("-_")
    if any(char.isalnum() for char in slug):
        return slugs.cap(slug), ""
    digest = hashlib.sha256(title.encode("utf-8")).hexdigest()[:slugs.DIGEST_CHARS]
    slug = f"{kind}-{digest}"
    return slug, (f'The title has no letters or numbers to make an address from, so the '
                  f'address is "{slug}". To choose your own, change the Slug line '
                  "(letters, numbers and hyphens).")


def content_files(folders):
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in CONTENT_SUFFIXES and path.is_file():
                yield path


def lang_of(path, settings):
    """A file's language: its Lang: field, else the site's first (DEFAULT_LANG)."""
    lang = header_values(path).get("lang") or settings.get("DEFAULT_LANG") or "en"
    return lang.strip().lower().replace("_", "-").split("-")[0]


def slug_in_use(folders, slug, settings, lang=None):
    """The post or page in `folders` (and their subfolders) that the build gives the same
    address, if any; with `lang`, only one in that language (a translation shares its
    original's address, one per language). Without `lang`, the one in the site's first
    language is named when there is one: that is the file the therapist wrote first."""
    found = [path for path in content_files(folders) if address_of(path, settings) == slug
             and (lang is None or lang_of(path, settings) == lang)]
    first = settings.get("DEFAULT_LANG")
    return next((p for p in found if lang_of(p, settings) == first), found[0] if found else None)


def site_language(lang, settings):
    """LANG as typed ('fr', 'FR', 'fr-CA') -> 'fr', if it is one of the site's languages."""
    languages = [str(x) for x in settings.get("LANGUAGES") or
                 [settings.get("DEFAULT_LANG") or "en"]]
    code = " ".join(str(lang).split()).lower().replace("_", "-").split("-")[0]
    if code not in languages:
        raise Refused(f"LANG={lang} is not one of the site's languages "
                      f"({', '.join(languages)}, from practice.toml's languages line). Use "
                      "one of those, or add the language there first (docs/languages.md).")
    return code


def translated_file(kind, ref, folders, settings):
    """The post or page TRANSLATES names: by its address (slug) or its file (as typed
    from the project, from content/, or from the posts' or pages' folder)."""
    ref = " ".join(str(ref).split())
    content = Path(settings["PATH"])
    for base in (Path.cwd(), ROOT, content, *folders):
        path = (base / ref).resolve()
        if path.is_file() and path.suffix.lower() in CONTENT_SUFFIXES:
            if any(path.is_relative_to(f.resolve()) for f in folders):
                return path
    found = [p for p in content_files(folders) if address_of(p, settings) == ref]
    originals = [p for p in found if lang_of(p, settings) == settings.get("DEFAULT_LANG")]
    if found:
        return (originals or found)[0]
    what = "post" if kind == "post" else "page"
    raise Refused(f"TRANSLATES={ref}: no {what} has that address or file name. Give the "
                  f"Slug of the {what} you translate (its address, e.g. "
                  f"finding-calm-on-hard-days) or its file, e.g. "
                  f"content/{'posts' if kind == 'post' else 'pages'}/finding-calm.md.")


def page_in_the_way(kind, slug, settings):
    """The site page (blog index, archives...) the new one would overwrite once published,
    as the setting that places it; Pelican would otherwise stop that build."""
    save_as = settings.get("ARTICLE_SAVE_AS" if kind == "post" else "PAGE_SAVE_AS", "")
    try:
        mine = save_as.format(slug=slug).strip("/")
    except (KeyError, IndexError, ValueError, AttributeError):
        return None  # placed by the date or category too: it cannot meet a fixed page
    for name, value in sorted(settings.items()):
        if (name.endswith("_SAVE_AS") and isinstance(value, str) and "{" not in value
                and value.strip("/") == mine):
            return name
    return None


def post_text(title, slug, settings, lang_line="", category=None):
    now = datetime.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    categories = settings.get("ALLOWED_CATEGORIES") or [DEFAULT_CATEGORY]
    return (f"Title: {title}\n"
            f"Date: {now:%Y-%m-%d %H:%M}\n"
            f"Category: {category or categories[0]}\n"
            "Tags:\n"
            f"Slug: {slug}\n"
            f"{lang_line}"
            f"Summary: {SUMMARY_PROMPT}\n"
            f"Status: draft\n"
            "\n"
            "Write your post here. Leave an empty line between paragraphs.\n")


def page_text(title, slug, settings, lang_line="", category=None):
    return (f"Title: {title}\n"
            f"Slug: {slug}\n"
            f"{lang_line}"
            f"Summary: {SUMMARY_PROMPT}\n"
            f"Status: draft\n"
            "\n"
            "Write the page here. Leave an empty line between paragraphs.\n")


def shown(path):
    """A path as the therapist knows it: relative to the project."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def write_new(target, text):
    """Write `text` to a file that must not exist yet; nothing half-written is left."""
    relative = shown(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
            try:
                handle.write(text)
            except BaseException:
                handle.close()
                target.unlink()
                raise
    except FileExistsError:
        raise Refused(f"{relative} already exists. Open that file to keep working on it, "
                      "or choose a different title.") from None
    except OSError as error:
        raise Refused(f"{relative} could not be written ({error.strerror or error}). "
                      "Check that the folder exists and that you may write in it, then "
                      "run the command again.") from None


def create(kind, title, lang=None, translates=None):
    title = clean_title(title)
    settings = load_settings()
    if settings.get("IS_SAMPLE"):
        # Before setup the site is the kit's sample (sample/content), which stays pristine.
        raise Refused("your site is not set up yet, so there is no content/ folder for "
                      "your writing. Run make setup first, then this command again.")
    default = (settings.get("DEFAULT_LANG") or "en").split("-")[0].lower()
    if translates and not lang:
        raise Refused(f"TRANSLATES={translates} needs the new text's language too: add "
                      "LANG=fr (or another of the site's languages).")
    lang = site_language(lang, settings) if lang else None
    paths = settings["ARTICLE_PATHS"] if kind == "post" else settings["PAGE_PATHS"]
    content = Path(settings["PATH"])
    folders = [content / p for p in paths] or [content]
    note, category = "", None
    if translates:
        original = translated_file(kind, translates, folders, settings)
        slug = address_of(original, settings)
        if lang_of(original, settings) == lang:
            raise Refused(f"{shown(original)} is already in {lang} (its Lang: line, or the "
                          "site's first language). Give the language of the translation.")
        twin = slug_in_use(folders, slug, settings, lang)
        if twin:
            raise Refused(f"{shown(twin)} is already the {lang} version of "
                          f"{shown(original)} (same address, {slug}). Open it to keep "
                          "working on it.")
        category = header_values(original).get("category")
        stem = original.name[:-len(original.suffix)]
        head, dot, tail = stem.rpartition(".")
        stem = head if dot and tail in (settings.get("LANGUAGES") or []) else stem
        target = original.parent / f"{stem}.{lang}.md"
    else:
        slug, note = new_address(kind, title, settings)
        folder = content / (paths[0] if paths else "")
        named = slug if lang in (None, default) else f"{slug}.{lang}"
        target = folder / f"{named}.md"
    if target.exists():
        raise Refused(f"{shown(target)} already exists. Open that file "
                      "to keep working on it, or choose a different title.")
    if not translates:
        clash = slug_in_use(folders, slug, settings)
        if clash:
            raise Refused(f'{shown(clash)} already uses the address "{slug}". '
                          "Choose a different title.")
    in_the_way = page_in_the_way(kind, slug, settings)
    if in_the_way:
        raise Refused(f'the address "{slug}" is where the site puts one of its own pages '
                      f"(Pelican's {in_the_way} setting). Choose a different title.")
    lang_line = f"Lang: {lang}\n" if lang else ""
    text = (post_text if kind == "post" else page_text)(title, slug, settings, lang_line,
                                                        category)
    write_new(target, text)
    relative = shown(target)

    name = "DRAFT_URL" if kind == "post" else "DRAFT_PAGE_URL"
    # Another language's draft is where the languages plugin puts it (under <lang>/).
    draft_url = (settings.get(name) if lang in (None, default) else
                 plugin_module("languages.sites").lang_setting(settings, name)) or ""
    print(f"Created {relative} (a draft).")
    if note:
        print(note)
    print("Next:")
    print("  1. Open it and replace the Summary line with one or two sentences of your own.")
    print("     Write below the empty line. Fields are explained in README.md, \"Writing\".")
    print("  2. Preview: run `make devserver` and open "
          f"http://127.0.0.1:8000/{draft_url.format(slug=slug, lang=lang)}")
    print('  3. When it is ready, change "Status: draft" to "Status: published".')
    if kind == "page":
        print("  4. To show it in the main menu, add it to MENU in pelicanconf.py.")
    return target


def main(argv):
    # A title the terminal cannot show (emoji on a Latin-1 console) is shown escaped
    # rather than ending in a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    options = {}
    while len(argv) > 2 and argv[-1].startswith(("--lang=", "--translates=")):
        name, _, value = argv.pop().partition("=")
        options[name[2:]] = value.strip() or None  # LANG= given empty: not given
    if len(argv) != 2 or argv[0] not in ("post", "page") or not argv[1].strip():
        if len(argv) == 2:
            print("No title given.", file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    try:
        create(argv[0], argv[1], **options)
    except Refused as reason:
        print(f"Nothing created: {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
