"""Production settings, used by `make publish` (and `make check`).

Everything in pelicanconf.py applies, then this: absolute URLs, feeds, no drafts.
The site's address is practice.toml's site_url (make setup asks for it); the SITEURL
environment variable wins when it is set:
    SITEURL=https://www.example.org make publish
"""

import os
from pathlib import Path

from pelican.settings import get_settings_from_file

# pelicanconf.py beside this file, read the way Pelican reads a settings file (every
# UPPERCASE name), whatever the working directory: nothing here changes the import path.
_PREVIEW = get_settings_from_file(str(Path(__file__).with_name("pelicanconf.py")))
globals().update(_PREVIEW)

SITEURL = (os.environ.get("SITEURL") or _PREVIEW["SITE_URL"]).rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TAG_FEED_ATOM = None
FEED_MAX_ITEMS = 20

# Drafts and scheduled (future-dated) posts never reach the live site.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""
WITH_FUTURE_DATES = False

# Start from an empty output folder so nothing stale is published.
DELETE_OUTPUT_DIRECTORY = True
# Production builds never reuse the dev server's cache.
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False

# Where `make publish` uploads the site (docs/publishing.md). Uncomment one block.
# Values given on the command line (make publish DEPLOY=s3 ...) win over these.
# DEPLOY = "rsync"                      # rsync over SSH to a web host
# SSH_HOST = "ssh.example-host.com"
# SSH_PORT = 22
# SSH_USER = "yourlogin"
# SSH_TARGET_DIR = "public_html"        # the folder that holds only the website
# SSH_OPTS = "-i ~/.ssh/website_key"    # optional extra ssh options
# SSH_LAYOUT = "single"                 # only if the web root cannot be a symlink
#
# DEPLOY = "github"                     # GitHub Pages
# GITHUB_REMOTE = "git@github.com:yourname/yourname.github.io.git"  # or a remote name
# GITHUB_PAGES_BRANCH = "gh-pages"
#
# DEPLOY = "s3"                         # Amazon S3, Cloudflare R2, Backblaze B2, MinIO
# S3_BUCKET = "www-yourpractice"
# S3_ENDPOINT_URL = "https://ACCOUNT.r2.cloudflarestorage.com"  # not needed for Amazon
# CLOUDFRONT_DISTRIBUTION_ID = "E1ABCDEF2GHIJ"                  # optional
