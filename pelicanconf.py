"""Settings for the practice website.

The first part is yours to edit: the practice's details, the crisis region, the share
networks and the policies. The second part is Pelican plumbing that rarely needs a change.
Every setting is explained in README.md.
"""

# ---------------------------------------------------------------------------------------
# 1. Your practice (edit these)
# ---------------------------------------------------------------------------------------

SITENAME = "Harbor Light Counseling"
SITESUBTITLE = "Counseling for anxiety, grief and life's big changes, in Portland and online"
AUTHOR = "Jordan Reyes, LCSW"
SITEURL = ""  # the dev preview uses relative links; publishconf.py sets the real address
TIMEZONE = "America/Los_Angeles"
DEFAULT_LANG = "en"

# The practice's own details. The theme shows them in the header, footer, contact block and
# the home page's structured data; the pre-publish checks allow exactly these in posts.
PRACTICE = {
    "name": "Harbor Light Counseling",
    "clinician": "Jordan Reyes",
    "credentials": "LCSW",
    "description": "Counseling for adults facing anxiety, depression, grief, burnout and "
    "life transitions, in a Portland office and online in Oregon and Washington.",
    "phone": "(503) 555-0142",
    "phone_link": "+15035550142",
    "email": "hello@harborlight.example",
    "street": "1200 Example Street, Suite 3",
    "city": "Portland",
    "region": "OR",
    "postal_code": "97201",
    "country": "US",
    "booking_url": "https://portal.example/harbor-light",
    "booking_label": "Book a free 15-minute consultation",
    "licensed_in": ["Oregon", "Washington"],
    # Links to your professional pages (plain links: nothing loads from these sites).
    "social": {
        # "LinkedIn": "https://www.linkedin.com/in/your-profile",
    },
}

# The crisis notice at the top of every page: US, CA, GB, IE, AU or NZ.
EMERGENCY_REGION = "US"
# Optional overrides of the region's wording or numbers, for example a local crisis line:
# EMERGENCY_NOTICE = {"extra": "Multnomah County crisis line: 503-988-4888"}
EMERGENCY_NOTICE = {}

# Share links under each post: plain links, no scripts, nothing loads until clicked.
SHARE_NETWORKS = ["facebook", "x", "linkedin", "pinterest", "bluesky", "email"]
# Your live address; share links in the preview use it (publish builds use SITEURL).
SHARE_SITEURL = "https://harborlight.example"

# Policies: pages in content/policies/ carry `Policy: <key>`. Switch one off here, for
# example a private-pay practice that is not a HIPAA covered entity:
# POLICIES_DISABLED = ["notice-of-privacy-practices"]
POLICIES_DISABLED = []
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

# Blog categories. A post whose Category is not in this list stops the build with a
# message, so a typo never creates a stray category. Add a name here to start a new one;
# an empty list allows any category.
ALLOWED_CATEGORIES = ["Therapy basics", "Privacy and technology", "Wellbeing", "Encouragement"]
# Optional: the only tags posts may use (same idea). Unset or empty allows any tag.
# ALLOWED_TAGS = ["anxiety", "self-care", "telehealth"]

# Show "sample content" markers on the sample pages (set False once you have edited them).
SHOW_SAMPLE_MARKERS = True

# Main menu: (label, path) pairs, paths relative to the site root.
MENU = [
    ("About", "about/"),
    ("Services", "services/"),
    ("Fees", "fees/"),
    ("Online therapy", "online-therapy/"),
    ("Blog", "blog/"),
    ("Resources", "resources/"),
    ("Contact", "contact/"),
]

DEFAULT_PAGINATION = 6
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# ---------------------------------------------------------------------------------------
# 2. Pelican plumbing
# ---------------------------------------------------------------------------------------

PATH = "content"
THEME = "theme"
PAGE_PATHS = ["pages", "policies"]
ARTICLE_PATHS = ["posts"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/favicon.svg": {"path": "favicon.svg"},
}

# An explicit list, so builds never change with whatever happens to be pip-installed.
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "sitemap",
    "emergency_notice",
    "policies",
    "share_buttons",
    "front_matter",
    "post_extras",
    "feed_titles",
    "photos",
    "privacy_guard",
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
CATEGORY_URL = "blog/category/{slug}/"
CATEGORY_SAVE_AS = "blog/category/{slug}/index.html"
TAG_URL = "blog/tag/{slug}/"
TAG_SAVE_AS = "blog/tag/{slug}/index.html"
AUTHOR_URL = "blog/author/{slug}/"
AUTHOR_SAVE_AS = "blog/author/{slug}/index.html"
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
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404", "robots"]
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
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Keep Pelican's Markdown defaults (fenced code, tables, footnotes) and add heading ids.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
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
CACHE_PATH = ".cache/pelican"
CHECK_MODIFIED_METHOD = "mtime"

DELETE_OUTPUT_DIRECTORY = False
