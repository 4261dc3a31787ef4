"""Settings for the practice website.

The first part is yours to edit: the practice's details, the crisis region, the share
networks and the policies. The second part is Pelican plumbing that rarely needs a change.
Each setting is explained once, in its plugin's README or in docs/; README.md links them.
"""

import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _plugin_module(name):
    """A plugin's module under the one name a build gives it (`practice.answers`).

    The settings are read before Pelican loads the plugins, so the plugin's package is
    loaded here the way Pelican's loader does it: found in PLUGIN_PATHS under its own name
    and registered in sys.modules, where the build then finds it (tests/
    test_pelican_adapter.py checks that both agree). Standard library only, because this
    file also runs in copied sites without tools/; nothing here changes the import path."""
    package = name.partition(".")[0]
    if package not in sys.modules:
        spec = importlib.machinery.PathFinder.find_spec(package, [str(_HERE / "plugins")])
        module = sys.modules[package] = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[package]
            raise
    return importlib.import_module(name)


_answers = _plugin_module("practice.answers")  # their one home
# Every country's facts and words (crisis lines, privacy law, "A&E" or "emergency room"...):
# the one source, regions.json of the emergency_notice plugin, handed to the answers.
_REGIONS = _plugin_module("emergency_notice.regions").load_regions()

# ---------------------------------------------------------------------------------------
# 1. Your practice: `make setup` writes practice.toml, and these settings follow it
# ---------------------------------------------------------------------------------------

# Your answers (practice.toml, written by `make setup`) decide the practice's details, the
# crisis region and the US-only policies. Before setup, the fictional sample practice
# (sample/practice.toml, sample/content/) is built instead. PRACTICE_FILE=path overrides
# (the tests use it to build the sample whatever your own site holds).
_SAMPLE = _HERE / "sample" / "practice.toml"
_FILE = Path(os.environ.get("PRACTICE_FILE") or (
    _HERE / "practice.toml" if (_HERE / "practice.toml").is_file() else _SAMPLE)).resolve()
PRACTICE_FILE = str(_FILE)
IS_SAMPLE = _FILE == _SAMPLE.resolve()
# The content folder as the therapist types it (shown in sample markers and messages).
CONTENT_FOLDER = os.path.relpath(_FILE.parent / "content", _HERE)


def _load(path):
    try:
        return _answers.load(path, _REGIONS)
    except _answers.PracticeError as error:
        # A plain message and exit, not a traceback: this is the therapist's file.
        raise SystemExit(f"\n{error}\nFix {path.name} (or run make setup again), then "
                         "rebuild.\n")


_ANSWERS = _load(_FILE)
_SETTINGS = _answers.settings_from(_ANSWERS, _REGIONS)
# The sample practice's details, for the sample check and the confidentiality scan:
# they are reported once, as sample content, never as a client's details.
_SAMPLE_ANSWERS = _load(_SAMPLE) if _SAMPLE.is_file() else None
# What practice.toml should change (e.g. a file from before group practices): the
# practice plugin says it on every build.
PRACTICE_NOTES = _SETTINGS["PRACTICE_NOTES"]
SAMPLE_PRACTICE = {**_answers.settings_from(_SAMPLE_ANSWERS, _REGIONS)["PRACTICE"],
                   "site_url": _SAMPLE_ANSWERS.get("site_url", "")} if _SAMPLE_ANSWERS else {}

SITENAME = _SETTINGS["SITENAME"]
SITESUBTITLE = _SETTINGS["SITESUBTITLE"]
AUTHOR = _SETTINGS["AUTHOR"]
SITEURL = ""  # the dev preview uses relative links; publishconf.py sets the real address
TIMEZONE = _SETTINGS["TIMEZONE"]
# The site's languages (practice.toml's languages line, the main one first) and each
# one's regional form for the practice's country (fr -> fr_CA in Canada): the pages'
# lang, their dates and the theme's words follow them (docs/languages.md).
DEFAULT_LANG = _SETTINGS["DEFAULT_LANG"]
LANGUAGES = _SETTINGS["LANGUAGES"]
LOCALES = _SETTINGS["LOCALES"]

# The practice's own details: the theme shows them in the header, footer, contact block
# and the home page's structured data; pages use them as {{ placeholders }}
# (plugins/practice/README.md); the pre-publish checks allow exactly these in posts.
PRACTICE = _SETTINGS["PRACTICE"]
# Links to your professional pages (plain links: nothing loads from these sites), e.g.
# PRACTICE["social"] = {"LinkedIn": "https://www.linkedin.com/in/your-profile"}

# The live address, from practice.toml's site_url (publishconf.py; SITEURL=... wins).
SITE_URL = _SETTINGS["SITE_URL_ANSWER"]

# The crisis notice at the top of every page follows the practice's country.
EMERGENCY_REGION = _SETTINGS["EMERGENCY_REGION"]
# Optional overrides of the region's wording or numbers, for example a local crisis line:
# EMERGENCY_NOTICE = {"extra": "Multnomah County crisis line: 503-988-4888"}
EMERGENCY_NOTICE = {}

# Share links under each post: plain links, no scripts, nothing loads until clicked.
SHARE_NETWORKS = ["facebook", "x", "linkedin", "pinterest", "bluesky", "email"]
# Your live address; share links in the preview use it (publish builds use SITEURL).
SHARE_SITEURL = SITE_URL

# Policies: pages in content/policies/ carry `Policy: <key>`. Switch one off here, e.g.
# POLICIES_DISABLED = ["social-media"]. The US-only ones (HIPAA notice, Good Faith
# Estimate) follow practice.toml: `make setup` copies only the ones your answers ask for,
# and one whose answer you turn off later is switched off here.
POLICIES_DISABLED = [
    key for key in _SETTINGS["PRACTICE_US_POLICIES_OFF"]
    if (_FILE.parent / "content" / "policies" / f"{key}.md").is_file()
]
# Attach a policy notice to every post with one of these tags or categories.
POLICY_RULES = {
    "tags": {
        "telehealth": ["online-therapy"],
        "online-therapy": ["online-therapy"],
        "social-media": ["social-media"],
        "email": ["electronic-communication"],
    },
    "categories": {},
}
# Every email link to the practice is followed by a short note: email is not secure and
# not for emergencies. PRACTICE["email"] is always covered; list any other addresses here.
POLICY_PRACTICE_EMAILS = []

# Origins allowed to load anything into your pages. Empty means none: the safe choice.
PRIVACY_ALLOWED_ORIGINS = []
# Pages that moved: old path -> new path, both of this site, e.g.
# REDIRECTS = {"/old-fees/": "/fees/"}. Written for your host (_redirects, .htaccess).
REDIRECTS = {}

# Blog categories. A post whose Category is not in this list stops the build with a
# message, so a typo never creates a stray category. Add a name here to start a new one;
# an empty list allows any category.
ALLOWED_CATEGORIES = ["Therapy basics", "Privacy and technology", "Wellbeing", "Encouragement",
                      # the sample's French and Spanish posts (a post names its category
                      # in its own language)
                      "Les bases de la thérapie", "Vie privée et technologie",
                      "Conceptos básicos de la terapia", "Privacidad y tecnología"]
# Optional: the only tags posts may use (same idea). Unset or empty allows any tag.
# ALLOWED_TAGS = ["anxiety", "self-care", "telehealth"]

# Show "sample content" markers on pages still marked `Sample: yes` (make publish refuses
# them until the line is removed; see docs/setup.md).
SHOW_SAMPLE_MARKERS = True



def menu_label(label):
    """Marks a label for the theme's catalogs: each page shows it in its own language
    (a label of your own shows as you wrote it on every page)."""
    return label


# Main menu: (label, path) pairs, paths relative to the site root.
MENU = [
    (menu_label("About"), "about/"),
    *([(menu_label("Team"), "team/")] if PRACTICE["group"] else []),
    (menu_label("Services"), "services/"),
    (menu_label("Fees"), "fees/"),
    (menu_label("Online therapy"), "online-therapy/"),
    (menu_label("Blog"), "blog/"),
    (menu_label("Resources"), "resources/"),
    (menu_label("Contact"), "contact/"),
]

DEFAULT_PAGINATION = 6
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# ---------------------------------------------------------------------------------------
# 2. Pelican plumbing
# ---------------------------------------------------------------------------------------

# The content next to the practice file: content/ after setup, sample/content/ before.
PATH = str(_FILE.parent / "content")
THEME = "theme"
PAGE_PATHS = ["pages", "policies", "team"]  # team/: one profile per clinician
ARTICLE_PATHS = ["posts"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/favicon.svg": {"path": "favicon.svg"},
}

# An explicit list, so builds never change with whatever happens to be pip-installed.
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "languages",  # first: the others' page text reads its catalogs (GETTEXT)
    "stable_sitemap",
    "emergency_notice",
    "policies",
    "share_buttons",
    "front_matter",
    "practice",
    "post_extras",
    "feed_titles",
    "confidentiality",
    "photos",
    "documents",
    "privacy_guard",
    "cache_key",  # last: its key covers what the others add to the settings at startup
]

# Header fields that the plugins, the theme and the tools above read, besides Pelican's
# own: the front_matter plugin (which knows only Pelican's) takes a field that looks like
# one of these for a typo ("Polices:") and leaves the rest alone.
FRONT_MATTER_EXTRA_FIELDS = [
    "Policies", "Policy",                                # policies
    "Share",                                             # share_buttons
    "Image", "Image-alt",                                # photos (the share picture)
    "Confidential-ok", "Confidential_ok",                # confidentiality
    "Client-consent", "Client_consent",
    "Type", "Attribution",                               # the theme's quote posts
    "Sample",                                            # the sample check (make check)
]

# Clean URLs: /about/, /blog/a-post/, /blog/ for the post list, / for the home page.
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
# Pages with `Status: draft` (make newpage starts one) preview under drafts/pages/.
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# Slugs made from titles are ASCII, accents folded ("Été à Montréal" -> ete-a-montreal),
# so every address types on any keyboard; a `Slug:` set by hand is kept as written.
SLUGIFY_USE_UNICODE = False
SLUGIFY_PRESERVE_CASE = False
CATEGORY_URL = "blog/category/{slug}/"
CATEGORY_SAVE_AS = "blog/category/{slug}/index.html"
TAG_URL = "blog/tag/{slug}/"
TAG_SAVE_AS = "blog/tag/{slug}/index.html"
# An author's page is their profile (team/<slug>/, from the practice plugin); Pelican
# writes no second page per author. The theme links an author only when a profile exists.
AUTHOR_URL = "team/{slug}/"
AUTHOR_SAVE_AS = ""
CATEGORIES_URL = "blog/categories/"
CATEGORIES_SAVE_AS = "blog/categories/index.html"
TAGS_URL = "blog/tags/"
TAGS_SAVE_AS = "blog/tags/index.html"
AUTHORS_URL = "blog/authors/"
AUTHORS_SAVE_AS = "blog/authors/index.html"
ARCHIVES_URL = "blog/archives/"
ARCHIVES_SAVE_AS = "blog/archives/index.html"
INDEX_URL = "blog/"
INDEX_SAVE_AS = "blog/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404", "robots",
                    "team"]
TEAM_URL = "team/"  # the team page: a card per clinician (theme/templates/team.html)
TEAM_SAVE_AS = "team/index.html"
ROBOTS_SAVE_AS = "robots.txt"  # a template, so it can name the sitemap's full address
TEMPLATE_PAGES = {}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# "404" is written to 404.html at the root, where hosts look for it.

# Dev builds: relative links (works from any folder), no feeds.
RELATIVE_URLS = True
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

SUMMARY_MAX_LENGTH = 40

# Titles, tags and settings are escaped everywhere; trusted HTML (post bodies, summaries)
# is marked |safe in the templates.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                      # {% trans %} and _(): the languages plugin installs the catalogs.
                      "extensions": ["jinja2.ext.i18n"]}
# The theme's catalogs, one .po file per language form (en_GB, fr, es): docs/languages.md.
LANGUAGE_CATALOGS = str(_HERE / "theme" / "translations")

# Keep Pelican's Markdown defaults (fenced code, tables, footnotes) and add heading ids.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.tables": {"use_align_attribute": True},  # align=, not style=
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.6, "indexes": 0.5, "pages": 0.7},
    "changefreqs": {"articles": "monthly", "indexes": "weekly", "pages": "monthly"},
    "exclude": [r"^drafts/", r"^404\.html$"],
}

# Faster rebuilds in the dev server.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Cached pages hold what the settings and the plugins' data put in them (the practice's
# details, crisis lines): the cache_key plugin adds a key of every setting and plugin file
# to this folder's name, so a change to any of them is never served from the old cache.
CACHE_PATH = ".cache/pelican"
CHECK_MODIFIED_METHOD = "mtime"
# Pelican writes the whole content cache again on every rebuild, before the first page:
# gzip (its default, at the slowest level) costs about 0.4 s of CPU there at 2,000 posts.
# Unzipped, that cache takes 5 MB instead of 1 MB.
GZIP_CACHE = False

DELETE_OUTPUT_DIRECTORY = False
