"""Checks over the built site: emergency notice, policy nav, links and anchors, alt text.

Each page is read once with the standard library's HTML parser, which records only what
the checks need (ids, addresses, images, where the notice and <main> are); building a
whole BeautifulSoup tree per page was most of `make check`'s time.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from plugins.emergency_notice.checks import notice_problems
from plugins.languages.catalogs import catalog_name, load
from plugins.policies.checks import NAV_LABEL, nav_problems

from .model import Finding

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


class Page(HTMLParser):
    """What the checks need from one page."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids, self.refs, self.imgs, self.notices = set(), [], [], []
        self.main = None
        self.lang = ""
        self.nav_labels = set()  # the policy nav is the one named in the page's language
        self.policy_nav = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        where = self.getpos()
        values = {}
        for key, value in attrs:
            values.setdefault(key, value if value is not None else "")
        if values.get("id"):
            self.ids.add(values["id"])
            if values["id"] == "emergency-notice":
                self.notices.append(where)
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if tag == "html" and not self.lang:
            self.lang = values.get("lang", "")
        if tag == "main" and self.main is None:
            self.main = where
        elif tag == "nav" and "aria-label" in values:
            self.nav_labels.add(values["aria-label"])
        elif tag == "img":
            self.imgs.append((values, where[0]))
        for attr in _REFS.get(tag, ()):
            if values.get(attr):
                self.refs.append((tag, attr, values[attr], where[0]))

    handle_startendtag = handle_starttag


class Site:
    def __init__(self, root, siteurl, origin_of):
        self.root = Path(root)
        self.origin_of = origin_of
        self.own = origin_of(siteurl) if siteurl and "//" in siteurl else None
        self.base = urlsplit(siteurl).path.rstrip("/") if self.own else ""
        self.pages = {}   # relative path -> Page

    def load(self):
        # The page extensions the privacy audit treats as HTML (it refuses XHTML).
        for path in sorted(p for p in self.root.rglob("*")
                           if p.suffix.lower() in (".html", ".htm", ".shtml")):
            rel = path.relative_to(self.root).as_posix()
            self.pages[rel] = Page(path.read_text(encoding="utf-8", errors="replace"))
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
    for rel, page in site.pages.items():
        issues += _notice(rel, page)
        issues += _policy_nav(rel, page)
        issues += _links(site, rel, page)
        issues += _alt(rel, page)
    issues += _css_refs(site)
    return issues


def _notice(rel, page):
    # The rule is the plugin's own (tools may import plugins, docs/plugin-contract.md).
    return [Finding("notice", rel, line, problem, fix)
            for line, problem, fix in notice_problems(page)]


# The theme's catalogs: a page's policy nav is named in the page's language.
CATALOGS = Path(__file__).resolve().parents[2] / "theme" / "translations"


def nav_label(lang):
    """The policy nav's name on a page whose <html lang> is `lang` ("fr-CA" ->
    "Politiques"); the English name for a language without a catalog."""
    name = catalog_name((lang or "en").replace("-", "_"))
    if name is None or not (CATALOGS / f"{name}.po").is_file():
        return NAV_LABEL
    return load(CATALOGS, name).gettext(NAV_LABEL)


def _policy_nav(rel, page):
    label = nav_label(page.lang)
    page.policy_nav = label in page.nav_labels
    return [Finding("policy-nav", rel, line, problem, fix)
            for line, problem, fix in nav_problems(page, label)]


def _links(site, rel, page):
    issues = []
    for tag, attr, value, line in page.refs:
        urls = [c.split()[0] for c in value.split(",") if c.split()] if attr == "srcset" \
            else [value]
        for url in urls:
            issue = _resolve(site, rel, tag, url, line)
            if issue:
                issues.append(issue)
    return issues


def _resolve(site, rel, tag, url, line):
    target = site.target(rel, url)
    if target is None:
        return None
    path, fragment = target
    found = site.file_for(path)
    if found is None:
        return Finding("links", rel, line, f'<{tag}> points to "{url}", which does not '
                     "exist in the built site",
                     "Correct the address. For a post or page use {filename}../pages/NAME.md "
                     "in Markdown; for an image use {static}/images/NAME.")
    if fragment and fragment != "top" and not fragment.startswith(":~:") \
            and found.endswith((".html", ".htm")) and found in site.pages \
            and fragment not in site.pages[found].ids:
        return Finding("links", rel, line, f'<{tag}> points to "{url}", but {found} has no '
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
                issues.append(Finding("links", rel, line, f'the stylesheet points to "{url}", '
                                    "which does not exist in the built site",
                                    "Add the file under theme/static/ or correct the path."))
    return issues


def _decorative(values):
    return (values.get("role") or "").strip().lower() in ("presentation", "none") or \
        (values.get("aria-hidden") or "").strip().lower() == "true"


def _alt(rel, page):
    issues = []
    for values, line in page.imgs:
        src = values.get("src") or ""
        alt = values.get("alt")
        name = unquote(src.rsplit("/", 1)[-1].split("?")[0]) if src else ""
        stem = name.rsplit(".", 1)[0]
        describe = ("Describe what the image shows for someone who cannot see it: "
                    "![A quiet harbor at dawn]({static}/images/harbor.jpg).")
        if alt is None:
            issues.append(Finding("alt", rel, line, f'the image "{name}" has no alt text',
                                describe + ' If it is only decoration, write ![](...){: '
                                'role="presentation"} so screen readers skip it.'))
        elif not alt.strip():
            if not _decorative(values):
                issues.append(Finding("alt", rel, line, f'the image "{name}" has an empty alt '
                                    "but is not marked as decoration",
                                    describe + ' If it is only decoration, mark it: '
                                    '![](...){: role="presentation"}.'))
        elif _FILE_LIKE.match(alt.strip()) or alt.strip().lower() in (name.lower(),
                                                                    stem.lower()) \
                or alt.strip().lower() in _MEANINGLESS:
            issues.append(Finding("alt", rel, line, f'the image "{name}" has alt text '
                                f'"{alt.strip()}", which does not describe it', describe))
    return issues
