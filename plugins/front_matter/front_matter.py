"""Check the front matter of every post and page on every build, and report all at once.

Pelican stops at the first file it cannot use (a date it cannot read, a missing title)
with a terse message, and says nothing about a misspelled field, which it silently keeps
as custom metadata. This plugin:

1. reads posts and pages through a checking subclass of each generator's readers, so a
   file Pelican would reject is set aside with a clear problem instead of stopping the
   build there (reading.py);
2. once posts and pages are read (page_generator_finalized), checks every content object
   (drafts, hidden and translations too) and the set-aside files;
3. stops the build once with FrontMatterError, whose message is the whole report (file,
   line, field, what to do for each problem);
4. keeps drafts home: in a build that does not write drafts (the live one), a draft's
   body is withheld from the steps that make files (Pelican's {static}/{attach} copying,
   the photos plugin) and handed back for the checks, and a static file that only such
   drafts link is not copied (stay_home.py);
5. once every generator has decided its files (all_generators_finalized), refuses two
   sources that would write the same file, naming both (outputs.py).
"""

from pelican import signals
from pelican.contents import Article, Page

from . import checks, outputs, reading, slugs, stay_home

# This build's findings live in Pelican's shared context, which is new for every build
# (the dev server rebuilds many times in one process).
STATE = "front_matter_state"
# Content-relative paths of the files only unwritten drafts link (stay_home.py).
STAY_HOME = "stay_home_files"


class FrontMatterError(Exception):
    """Stops the build (docs/plugin-contract.md): `.findings` holds every problem as a
    finding dict; the message is the same report in words, for a bare `pelican` run."""

    def __init__(self, message, findings):
        super().__init__(message)
        self.findings = findings


def _state(context):
    return context.setdefault(STATE, {"set_aside": [], "articles": []})


def article_read(generator, metadata):
    """article_generator_context: a post Pelican would refuse is set aside (reading.py)."""
    reading.set_aside_if_refused(metadata, generator.settings, Article,
                                 _state(generator.context)["set_aside"])


def page_read(generator, metadata):
    """page_generator_context: the same for a page."""
    reading.set_aside_if_refused(metadata, generator.settings, Page,
                                 _state(generator.context)["set_aside"])


def keep_articles(generator):
    stay_home.give_back(generator.articles, generator.translations, generator.drafts,
                        generator.drafts_translations, generator.hidden_articles,
                        generator.hidden_translations)
    _state(generator.context)["articles"] = [
        *generator.articles, *generator.translations, *generator.drafts,
        *generator.drafts_translations, *generator.hidden_articles,
        *generator.hidden_translations]


# The settings this plugin reads: each a list of names (a single name is taken as one).
LIST_SETTINGS = ("FRONT_MATTER_EXTRA_FIELDS", "ALLOWED_CATEGORIES", "ALLOWED_TAGS")


def check_settings(pelican):
    """initialized: a setting that is not a list of names stops the build before any
    file is read."""
    problems = []
    for name in LIST_SETTINGS:
        value = pelican.settings.get(name)
        if value is None or isinstance(value, str) or (
                isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
            continue
        problems.append(checks.Finding("pelicanconf.py", None, name,
                                       f"{name} is {value!r}, not a list of names",
                                       f"write it as a list, e.g. {name} = [\"Wellbeing\"]"))
    if problems:
        fail(problems)


def _setting_list(settings, name):
    value = settings.get(name) or []
    return [value] if isinstance(value, str) else list(value)


def _without_echoes(problems, typos):
    """Drop "X is missing" when a misspelled field in the same file was meant to be X."""
    meant = set(typos.values())
    return [p for p in problems if not (not p["line"] and p["field"].lower() in meant)]


def check_content(obj, settings, known, *, is_post):
    src = checks.Source(obj.source_path, settings)
    typos = checks.misspelt(obj.metadata, known)
    found = checks.typo_problems(src, typos) if typos else []
    found += checks.summary_problems(src, obj, is_post=is_post)
    if is_post:
        categories = _setting_list(settings, "ALLOWED_CATEGORIES")
        if categories and hasattr(obj, "category"):
            found += checks.allowed_problems(
                src, key="category", values=[obj.category.name], allowed=categories,
                setting="ALLOWED_CATEGORIES",
                when_missing="there is no Category line, so Pelican filed the post "
                "under \"{value}\"")
        tags = _setting_list(settings, "ALLOWED_TAGS")
        if tags:
            found += checks.allowed_problems(
                src, key="tags", values=[t.name for t in getattr(obj, "tags", [])],
                allowed=tags, setting="ALLOWED_TAGS")
    found += checks.link_problems(src, obj, settings)
    return _without_echoes(found, typos)


def check_set_aside(src, problems, known):
    typos = checks.misspelt(src.fields, known)
    return _without_echoes(problems, typos) + checks.typo_problems(src, typos)


def report(generator):
    """Runs once pages are read (articles are read before pages): check, report, fail."""
    state = _state(generator.context)
    settings = generator.settings
    pages = [*generator.pages, *generator.translations, *generator.hidden_pages,
             *generator.hidden_translations, *generator.draft_pages,
             *generator.draft_translations]
    stay_home.give_back(pages)
    # Shared in the context (plugins do not import each other), for any plugin that
    # publishes files linked from bodies, e.g. pictures.
    generator.context[STAY_HOME] = sorted(stay_home.draft_only_files(
        [*state["articles"], *pages]))
    known = checks.known_fields(_setting_list(settings, "FRONT_MATTER_EXTRA_FIELDS"))

    problems = []
    for src, found in state["set_aside"]:
        problems += check_set_aside(src, found, known)
    for obj in state["articles"]:
        problems += check_content(obj, settings, known, is_post=True)
    for obj in pages:
        problems += check_content(obj, settings, known, is_post=False)
    state["set_aside"].clear()
    if problems:
        fail(problems)


def fail(problems):
    """Stop the build once, with every problem: FrontMatterError's message is the report."""
    unique = {tuple(p.values()): p for p in problems}.values()
    problems = sorted(unique, key=lambda p: (p["file"], p["line"], p["field"]))
    files = len({p["file"] for p in problems})
    listing = "\n".join(f"  {n}. {checks.as_text(p)}"
                         for n, p in enumerate(problems, start=1))
    summary = (f"{len(problems)} front-matter problem{'s' if len(problems) != 1 else ''} "
               f"in {files} file{'s' if files != 1 else ''}")
    raise FrontMatterError(f"Front matter: {summary}. The site was not built; fix these "
                           f"and build again:\n{listing}", problems)


def cap_slug(content):
    """content_object_init: every post's and page's slug fits a file name (slugs.py);
    then a draft this build does not write is withheld (stay_home.py)."""
    if not isinstance(content, (Article, Page)) or not hasattr(content, "slug"):
        return
    slug = str(content.slug or "").strip() or slugs.fallback(content.source_path)
    content.slug = slugs.cap(slug)
    stay_home.withhold(content)


def drop_draft_files(generator):
    """static_generator_finalized: files only unwritten drafts link stay home."""
    stay = set(generator.context.get(STAY_HOME) or ())
    generator.staticfiles[:] = stay_home.without(generator.staticfiles, stay)
    if generator.context.get("staticfiles") is not generator.staticfiles:
        generator.context["staticfiles"] = generator.staticfiles


def refuse_collisions(generators):
    """all_generators_finalized: nothing written yet; every output file known."""
    generator = next(iter(generators), None)
    if generator is None:
        return
    problems = outputs.collisions(outputs.planned(generators, generator.settings))
    if problems:
        fail(problems)


def register():
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(cap_slug)
    signals.article_generator_init.connect(reading.use_checking_readers)
    signals.page_generator_init.connect(reading.use_checking_readers)
    signals.article_generator_context.connect(article_read)
    signals.page_generator_context.connect(page_read)
    signals.article_generator_finalized.connect(keep_articles)
    signals.page_generator_finalized.connect(report)
    signals.static_generator_finalized.connect(drop_draft_files)
    signals.all_generators_finalized.connect(refuse_collisions)
