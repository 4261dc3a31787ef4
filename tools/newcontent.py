"""Start a new blog post or page, saved as a draft.

    make newpost TITLE="Finding calm on hard days"   ->  content/posts/finding-calm-on-hard-days.md
    make newpage TITLE="Groups"                      ->  content/pages/groups.md

(or `python -m tools.newcontent post|page "Title"`). The file gets complete front matter
and `Status: draft`; the tool prints its path and how to preview it. It never overwrites
a file, and refuses a title whose address another post or page already uses.
"""

import datetime
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from plugins.front_matter.checks import SUMMARY_PROMPT  # tools may import plugins
from plugins.front_matter.header import header_values

ROOT = Path(__file__).resolve().parent.parent

USAGE = """\
Usage:
  make newpost TITLE="Finding calm on hard days"
  make newpage TITLE="Groups and workshops"
The title goes in double quotes."""

DEFAULT_CATEGORY = "General"  # used only when pelicanconf.py has no ALLOWED_CATEGORIES


class Refused(Exception):
    """A clear reason not to create the file; printed as is."""


def load_settings():
    from pelican.settings import read_settings
    return read_settings(str(ROOT / "pelicanconf.py"))


def make_slug(title, settings):
    from pelican.utils import slugify
    return slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def slug_in_use(folder, slug, settings):
    """The file in `folder` whose post or page would get the same address, if any."""
    for path in sorted(folder.glob("*.md")):
        meta = header_values(path)
        theirs = meta.get("slug") or (make_slug(meta["title"], settings) if meta.get("title")
                                      else None)
        if theirs == slug:
            return path
    return None


def post_text(title, slug, settings):
    now = datetime.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    categories = settings.get("ALLOWED_CATEGORIES") or [DEFAULT_CATEGORY]
    return (f"Title: {title}\n"
            f"Date: {now:%Y-%m-%d %H:%M}\n"
            f"Category: {categories[0]}\n"
            "Tags:\n"
            f"Slug: {slug}\n"
            f"Summary: {SUMMARY_PROMPT}\n"
            f"Status: draft\n"
            "\n"
            "Write your post here. Leave an empty line between paragraphs.\n")


def page_text(title, slug, settings):
    return (f"Title: {title}\n"
            f"Slug: {slug}\n"
            f"Summary: {SUMMARY_PROMPT}\n"
            f"Status: draft\n"
            "\n"
            "Write the page here. Leave an empty line between paragraphs.\n")


def create(kind, title):
    title = " ".join(title.split())
    settings = load_settings()
    if settings.get("IS_SAMPLE"):
        # Before setup the site is the kit's sample (sample/content), which stays pristine.
        raise Refused("your site is not set up yet, so there is no content/ folder for "
                      "your writing. Run make setup first, then this command again.")
    slug = make_slug(title, settings)
    if not slug:
        raise Refused(f'The title "{title}" has no letters or numbers to make an address '
                      "from. Please use a title with words in it.")
    paths = settings["ARTICLE_PATHS"] if kind == "post" else settings["PAGE_PATHS"]
    folder = Path(settings["PATH"]) / (paths[0] if paths else "")
    target = folder / f"{slug}.md"
    relative = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    if target.exists():
        raise Refused(f"{relative} already exists. Open that file "
                      "to keep working on it, or choose a different title.")
    clash = slug_in_use(folder, slug, settings)
    if clash:
        raise Refused(f'{clash.relative_to(ROOT) if clash.is_relative_to(ROOT) else clash} '
                      f'already uses the address "{slug}". '
                      "Choose a different title.")
    text = (post_text if kind == "post" else page_text)(title, slug, settings)
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)

    draft_url = (settings.get("DRAFT_URL") if kind == "post"
                 else settings.get("DRAFT_PAGE_URL")) or ""
    print(f"Created {relative} (a draft).")
    print("Next:")
    print("  1. Open it and replace the Summary line with one or two sentences of your own.")
    print("     Write below the empty line. Fields are explained in README.md, \"Writing\".")
    print("  2. Preview: run `make devserver` and open "
          f"http://127.0.0.1:8000/{draft_url.format(slug=slug)}")
    print('  3. When it is ready, change "Status: draft" to "Status: published".')
    if kind == "page":
        print("  4. To show it in the main menu, add it to MENU in pelicanconf.py.")
    return target


def main(argv):
    if len(argv) != 2 or argv[0] not in ("post", "page") or not argv[1].strip():
        if len(argv) == 2:
            print("No title given.", file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    try:
        create(argv[0], argv[1])
    except Refused as reason:
        print(f"Nothing created: {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
