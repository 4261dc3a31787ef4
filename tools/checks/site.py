"""Checks over the built site: emergency notice, policy nav, links and anchors, alt text.

This is not the build's hot path (it runs once before publishing), so every page is
parsed properly with BeautifulSoup.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from .model import Issue

# Elements and attributes whose address must exist when it points into the site.
_REFS = {"a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
         "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
         "track": ("src",), "script": ("src",), "iframe": ("src",), "embed": ("src",),
         "object": ("data",), "use": ("href", "xlink:href"), "image": ("href", "xlink:href"),
         "form": ("action",)}
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)|@import\s+["']([^"']+)["']""")
_FILE_LIKE = re.compile(r"^[\w .()-]+\.(?:png|jpe?g|gif|webp|avif|svg|bmp|tiff?|ico|heic)$", re.I)
_MEANINGLESS = {"image", "img", "photo", "picture", "pic", "graphic", "icon", "logo",
                "untitled", "placeholder", "alt", "alt text", "spacer", "screenshot"}


def _page_path(rel):
    return "/" + rel


class Site:
    def __init__(self, root, siteurl, origin_of):
        self.root = Path(root)
        self.origin_of = origin_of
        self.own = origin_of(siteurl) if siteurl and "//" in siteurl else None
        self.base = urlsplit(siteurl).path.rstrip("/") if self.own else ""
        self.pages = {}   # relative path -> soup
        self.ids = {}     # relative path -> set of ids and names

    def load(self):
        for path in sorted(self.root.rglob("*.htm*")):
            rel = path.relative_to(self.root).as_posix()
            soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"),
                                 "html.parser")
            self.pages[rel] = soup
            self.ids[rel] = {t.get("id") for t in soup.find_all(id=True)} | \
                {t.get("name") for t in soup.find_all("a", attrs={"name": True})}
        return self

    # ----------------------------------------------------------------------------------
    def target(self, page_rel, url):
        """(site-relative path, fragment) for an address inside the site, else None."""
        url = url.strip()
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None  # mailto:, tel:, sms:, data: ... are not files of this site
        if parts.netloc or url.startswith("//"):
            if not self.own or self.origin_of(url) != self.own:
                return None  # another website: not fetched
            path = parts.path or "/"
            if self.base:
                if not (path == self.base or path.startswith(self.base + "/")):
                    return ("<outside " + self.base + ">" + path, parts.fragment)
                path = path[len(self.base):] or "/"
        elif parts.path:
            path = urljoin(_page_path(page_rel), parts.path)
        else:
            path = _page_path(page_rel)
        return unquote(path).lstrip("/"), unquote(parts.fragment)

    def file_for(self, rel):
        if rel.startswith("<outside"):
            return None
        path = self.root / rel
        if rel == "" or rel.endswith("/") or path.is_dir():
            path = path / "index.html"
        try:
            return path.relative_to(self.root).as_posix() if path.is_file() else None
        except ValueError:
            return None


def check_pages(site):
    issues = []
    for rel, soup in site.pages.items():
        issues += _notice(rel, soup)
        issues += _policy_nav(rel, soup)
        issues += _links(site, rel, soup)
        issues += _alt(rel, soup)
    issues += _css_refs(site)
    return issues


def _pos(tag):
    return (tag.sourceline or 0, tag.sourcepos or 0)


def _notice(rel, soup):
    notices = soup.find_all(id="emergency-notice")
    fix = ("Keep {{ emergency_notice_html }} in theme/templates/base.html, right after the "
           "skip link, and keep emergency_notice in PLUGINS (pelicanconf.py).")
    if not notices:
        return [Issue("notice", rel, 0, "this page has no emergency notice (#emergency-notice)",
                      fix)]
    if len(notices) > 1:
        return [Issue("notice", rel, notices[1].sourceline or 0,
                      f"this page has {len(notices)} emergency notices; it must have exactly "
                      "one", "Remove the extra notice from the template or the post.")]
    main = soup.find("main")
    if main is not None and _pos(notices[0]) > _pos(main):
        return [Issue("notice", rel, notices[0].sourceline or 0,
                      "the emergency notice comes after the main content; it must come "
                      "before <main>, at the same place on every page", fix)]
    return []


def _policy_nav(rel, soup):
    if soup.find("nav", attrs={"aria-label": "Policies"}) is None:
        return [Issue("policy-nav", rel, 0,
                      'this page has no policy links (<nav aria-label="Policies">)',
                      'Keep {% include "partials/footer.html" %} (which includes '
                      "partials/policy_nav.html) in the page's template, and keep policies "
                      "in PLUGINS.")]
    return []


def _urls(tag, attr):
    value = tag.get(attr)
    if not value:
        return []
    if attr == "srcset":
        return [c.split()[0] for c in value.split(",") if c.split()]
    return [value]


def _links(site, rel, soup):
    issues = []
    for name, attrs in _REFS.items():
        for tag in soup.find_all(name):
            for attr in attrs:
                for url in _urls(tag, attr):
                    issue = _resolve(site, rel, tag, url)
                    if issue:
                        issues.append(issue)
    return issues


def _resolve(site, rel, tag, url):
    target = site.target(rel, url)
    if target is None:
        return None
    path, fragment = target
    found = site.file_for(path)
    line = tag.sourceline or 0
    if found is None:
        return Issue("links", rel, line, f'<{tag.name}> points to "{url}", which does not '
                     "exist in the built site",
                     "Correct the address. For a post or page use {filename}../pages/NAME.md "
                     "in Markdown; for an image use {static}/images/NAME.")
    if fragment and fragment != "top" and not fragment.startswith(":~:") \
            and found.endswith((".html", ".htm")) and fragment not in site.ids.get(found, ()):
        return Issue("links", rel, line, f'<{tag.name}> points to "{url}", but {found} has no '
                     f'element with id="{fragment}"',
                     "Correct the part after #: it must match a heading's id on that page "
                     "(headings get ids from their text, e.g. '## Fees and insurance' is "
                     "#fees-and-insurance).")
    return None


def _css_refs(site):
    issues = []
    for css in sorted(site.root.rglob("*.css")):
        rel = css.relative_to(site.root).as_posix()
        text = css.read_text(encoding="utf-8", errors="replace")
        for m in _CSS_URL.finditer(text):
            url = (m.group(1) or m.group(2) or "").strip()
            if not url or url.startswith(("#", "data:")):
                continue
            target = site.target(rel, url)
            if target and site.file_for(target[0]) is None:
                line = text.count("\n", 0, m.start()) + 1
                issues.append(Issue("links", rel, line, f'the stylesheet points to "{url}", '
                                    "which does not exist in the built site",
                                    "Add the file under theme/static/ or correct the path."))
    return issues


def _decorative(tag):
    return (tag.get("role") or "").strip().lower() in ("presentation", "none") or \
        (tag.get("aria-hidden") or "").strip().lower() == "true"


def _alt(rel, soup):
    issues = []
    for img in soup.find_all("img"):
        line = img.sourceline or 0
        src = img.get("src") or ""
        alt = img.get("alt")
        name = unquote(src.rsplit("/", 1)[-1].split("?")[0]) if src else ""
        stem = name.rsplit(".", 1)[0]
        describe = ("Describe what the image shows for someone who cannot see it: "
                    "![A quiet harbor at dawn]({static}/images/harbor.jpg).")
        if alt is None:
            issues.append(Issue("alt", rel, line, f'the image "{name}" has no alt text',
                                describe + ' If it is only decoration, write ![](...){: '
                                'role="presentation"} so screen readers skip it.'))
        elif not alt.strip():
            if not _decorative(img):
                issues.append(Issue("alt", rel, line, f'the image "{name}" has an empty alt '
                                    "but is not marked as decoration",
                                    describe + ' If it is only decoration, mark it: '
                                    '![](...){: role="presentation"}.'))
        elif _FILE_LIKE.match(alt.strip()) or alt.strip().lower() in (name.lower(),
                                                                    stem.lower()) \
                or alt.strip().lower() in _MEANINGLESS:
            issues.append(Issue("alt", rel, line, f'the image "{name}" has alt text '
                                f'"{alt.strip()}", which does not describe it', describe))
    return issues
