"""Every file the build will write, known before any is written: two sources that would
write the same file are refused, naming both.

Pelican decides each output file from its own settings (ARTICLE_SAVE_AS, TAGS_SAVE_AS,
PAGINATION_PATTERNS ...), and a clash either crashes the build ("File ... is to be
overwritten", no source named) or, for a static file, silently replaces one file by
another. At all_generators_finalized every generator has decided its files and nothing is
written yet, so the whole list is computed here from the same objects and settings Pelican
writes from, whatever the URL scheme:

- posts and pages (drafts only when the settings write them), with their Save_as;
- the direct templates (index, tags, archives, 404 ...) and their pagination pages;
- every tag, category and author page, with pagination;
- every feed the settings ask for; TEMPLATE_PAGES; the theme's static files;
- every static file Pelican copies (content/extra/, {static}/{attach} links).

Paths are compared the way the disks the site lands on compare them: Unicode-normalised
and case-folded (macOS and Windows treat About/ and about/ as one folder), and a file may
not sit where another file needs a folder.
"""

import os
import unicodedata
from collections import defaultdict

from pelican.paginator import Paginator

from .checks import Finding, Source


def _output_path(path):
    return path.replace(os.sep, "/").lstrip("/")


class Output:
    """One file the build writes, and what writes it."""

    def __init__(self, path, what, source=None, line=None, field="", fix="", direct=False):
        self.path = _output_path(path)
        self.what, self.source, self.line = what, source, line
        self.field, self.fix = field, fix
        self.direct = direct  # a post, page or file of the writer's own, not a listing

    @property
    def key(self):
        return unicodedata.normalize("NFC", os.path.normpath(self.path)).casefold()


class ContentOutput(Output):
    """A post's or page's own file. The line a clash names (its Save_as, Slug or Title
    line) is read from the file's header only when there is a clash: a build without
    one opens no source file here."""

    def __init__(self, obj, kind, settings):  # not Output.__init__: it sets the three below
        self._src = Source(obj.source_path, settings)
        self.path = _output_path(obj.save_as)
        self.what, self.source, self.direct = f"{self._src.path} ({kind})", self._src.path, True

    @property
    def field(self):
        has = self._src.has
        return "Save_as" if has("save_as") else "Slug" if has("slug") else "Title"

    @property
    def line(self):
        return self._src.line(self.field.lower())

    @property
    def fix(self):
        return (f"give {self._src.path} another {self.field} (a \"{self.field}:\" line), "
                "so that each address is used once")


def _uses(articles, settings, limit=3):
    # Sorted by full path first: a big blog's tag lists hundreds of posts, and only the
    # first few are named.
    paths = sorted({a.source_path for a in articles})
    files = [Source(path, settings).path for path in paths[:limit]]
    more = f" and {len(paths) - limit} more" if len(paths) > limit else ""
    return ", ".join(files) + more


def _paginated(name, url, objects, template, settings):
    """The file names of a listing page and of its further pages (page/2/ ...)."""
    if template not in (settings.get("PAGINATED_TEMPLATES") or {}):
        return [name]
    per_page = (settings["PAGINATED_TEMPLATES"][template]
                or settings.get("DEFAULT_PAGINATION"))
    paginator = Paginator(name, url, list(objects), settings, per_page or None)
    return [paginator.page(n).save_as for n in range(1, paginator.num_pages + 1)]


def _listing(outputs, name, url, objects, template, what, setting, first_source, settings):
    for number, path in enumerate(_paginated(name, url, objects, template, settings), 1):
        label = f"{what} ({setting})" if number == 1 else \
            f"page {number} of {what} (PAGINATION_PATTERNS)"
        outputs.append(Output(path, label, first_source, None, "",
                              f"change {setting} (or PAGINATION_PATTERNS) in "
                              "pelicanconf.py, or rename what makes this page"))


def planned(generators, settings):
    """[Output] for every file this build writes."""
    from pelican.generators import (ArticlesGenerator, PagesGenerator, StaticGenerator,
                                    TemplatePagesGenerator)
    outputs = []
    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            outputs += _article_outputs(gen, settings)
        elif isinstance(gen, PagesGenerator):
            for obj in (*gen.pages, *gen.translations, *gen.hidden_pages,
                        *gen.hidden_translations, *gen.draft_pages,
                        *gen.draft_translations):
                if obj.save_as:
                    outputs.append(ContentOutput(obj, "a page", settings))
        elif isinstance(gen, StaticGenerator):
            for static in gen.staticfiles:
                # get_url_setting, not .save_as: reading save_as would pin the file's place
                # before an {attach} link may move it (pelican.contents.Static.attach_to).
                save_as = static.get_url_setting("save_as")
                src = Source(static.source_path, settings)
                outputs.append(Output(save_as, f"{src.path} (a file copied as it is)",
                                      src.path, fix=f"rename or move {src.path}",
                                      direct=True))
        elif isinstance(gen, TemplatePagesGenerator):
            for source, dest in (settings.get("TEMPLATE_PAGES") or {}).items():
                outputs.append(Output(dest, f"the template page {source} (TEMPLATE_PAGES)",
                                      fix="change TEMPLATE_PAGES in pelicanconf.py"))
    outputs += _theme_outputs(settings)
    return outputs


def _article_outputs(gen, settings):
    outputs = []
    for obj in (*gen.articles, *gen.translations, *gen.hidden_articles,
                *gen.hidden_translations, *gen.drafts, *gen.drafts_translations):
        if obj.save_as:
            outputs.append(ContentOutput(obj, "a post", settings))
    first = Source(gen.articles[0].source_path, settings).path if gen.articles else None
    for template in settings.get("DIRECT_TEMPLATES") or ():
        setting = f"{template.upper()}_SAVE_AS"
        name = settings.get(setting, f"{template}.html")
        if name:
            url = settings.get(f"{template.upper()}_URL", f"{template}.html")
            _listing(outputs, name, url, gen.articles, template,
                     f"the \"{template}\" page", setting, None, settings)
    for kind, items in (("tag", list(gen.tags.items())), ("category", gen.categories),
                        ("author", gen.authors)):
        setting = f"{kind.upper()}_SAVE_AS"
        for item, articles in items:
            if item.save_as:
                what = f"the page of the {kind} \"{item}\", used by {_uses(articles, settings)}"
                _listing(outputs, item.save_as, item.url, articles, kind, what, setting,
                         Source(articles[0].source_path, settings).path, settings)
    outputs += _feeds(gen, settings, first)
    return outputs


def _feeds(gen, settings, first):
    outputs = []

    def feed(setting, what, source=first, **names):
        value = settings.get(setting)
        if value:
            outputs.append(Output(str(value).format(**names), f"{what} ({setting})", source,
                                  fix=f"change {setting} in pelicanconf.py/publishconf.py"))

    for setting in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        feed(setting, "a feed")
    for kind, items in (("CATEGORY", gen.categories), ("AUTHOR", gen.authors),
                        ("TAG", list(gen.tags.items()))):
        for item, articles in items:
            src = Source(articles[0].source_path, settings).path
            for fmt in ("ATOM", "RSS"):
                feed(f"{kind}_FEED_{fmt}", f"the feed of the {kind.lower()} \"{item}\"",
                     src, slug=item.slug)
    langs = {a.lang for a in (*gen.articles, *gen.translations)}
    for lang in sorted(langs):
        for fmt in ("ATOM", "RSS"):
            feed(f"TRANSLATION_FEED_{fmt}", f"the {lang} feed", lang=lang)
    return outputs


def _theme_outputs(settings):
    theme = settings.get("THEME") or ""
    prefix = settings.get("THEME_STATIC_DIR", "theme")
    outputs = []
    for path in settings.get("THEME_STATIC_PATHS") or ():
        folder = os.path.join(theme, path)
        for root, _dirs, files in os.walk(folder):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), folder)
                outputs.append(Output(os.path.join(prefix, rel),
                                      f"the theme's file {os.path.join(folder, rel)}",
                                      fix="choose another address"))
    return outputs


def collisions(outputs):
    """[Finding] for every file written by two sources, and every file standing where
    another output needs a folder."""
    by_key = defaultdict(list)
    for out in outputs:
        by_key[out.key].append(out)
    findings = []
    for group in by_key.values():
        if len(group) > 1:
            findings += _clash(group, "would both be written to")
    for out in outputs:
        parent = os.path.dirname(out.key)
        while parent:
            for other in by_key.get(parent, ()):
                findings += _clash([other, out], "cannot both exist: the first is a file "
                                   "where the second needs a folder, at")
            parent = os.path.dirname(parent)
    return findings


def _clash(group, verb):
    names = " and ".join(o.what for o in group)
    shown = sorted({o.path for o in group})
    case = (" (the names differ only in upper/lower case or accents, which Windows and "
            "macOS treat as the same file)" if len(shown) > 1 and verb.startswith("would")
            else "")
    where = " / ".join(shown)
    findings = []
    # The writer's own files carry the finding; a listing page (a tag's, say) only when
    # no file of theirs is involved.
    blamed = [o for o in group if o.direct] or [o for o in group if o.source] or group[:1]
    # One finding per source file involved, so each file's list of problems has it.
    for out in blamed:
        others = [o.what for o in group if o is not out]
        findings.append(Finding(out.source or "pelicanconf.py", out.line, out.field,
                                f"{names} {verb} the same address, {where}{case}",
                                f"{out.fix or group[0].fix} (or change {others[0]})"
                                if others else out.fix))
    return findings
