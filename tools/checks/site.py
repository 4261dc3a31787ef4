"""Checks over the built site: emergency notice, policy nav, links and anchors, alt text.

No page is opened or parsed here. The privacy audit parses every page of the build once
(Lexbor) and hands each tree over (privacy_guard's `page_parsed` signal, or the Auditor's
`on_page` for a folder checked without a build); SiteChecks.page reads that tree in one
pass over its elements. Stylesheets come the same way, as the addresses the audit's CSS
tokenizer read (`stylesheet_parsed`). Lines are found only for findings.

Findings are the plugin contract's dicts: `file` is the page's source (content/...) when
it has one, else the built page; `page` is the built page.
"""

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tools.pelican_adapter import plugin_module

_notice = plugin_module("emergency_notice.checks")
is_notice, notice_problems = _notice.is_notice, _notice.notice_problems
_policies = plugin_module("policies.checks")
NAV_LABEL, nav_problems = _policies.NAV_LABEL, _policies.nav_problems
_catalogs = plugin_module("languages.catalogs")
catalog_name, load_catalog = _catalogs.catalog_name, _catalogs.load
locate = plugin_module("privacy_guard.html_audit").locate

# Elements and attributes whose address must exist when it points into the site.
_REFS = {"a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
         "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
         "track": ("src",), "script": ("src",), "iframe": ("src",), "embed": ("src",),
         "object": ("data",), "use": ("href", "xlink:href"), "image": ("href", "xlink:href"),
         "form": ("action",)}
_IMAGE_EXT = frozenset({"png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "tif",
                        "tiff", "ico", "heic"})
_MEANINGLESS = {"image", "img", "photo", "picture", "pic", "graphic", "icon", "logo",
                "untitled", "placeholder", "alt", "alt text", "spacer", "screenshot"}
# Node names of the tree that are not elements (text, comments, the doctype).
_NOT_ELEMENTS = ("-", "_", "!")


def finding(check, rel, source, line, what, fix):
    """A finding about the built page `rel`, made from `source` ("" when none)."""
    if source and source != rel:
        return {"check": check, "file": source, "line": 0, "field": "", "what": what,
                "fix": fix, "page": rel}
    return {"check": check, "file": rel, "line": line, "field": "", "what": what, "fix": fix,
            "page": rel}


class Page:
    """What the checks need from one page's tree. Positions are (order, tag, index): the
    element's place in the document, and its index among elements of its name, which
    locate() turns into a line."""

    def __init__(self, tree):
        self.ids, self.refs, self.imgs, self.notices = set(), [], [], []
        self.main = None
        self.lang = ""
        self.nav_labels = set()  # the policy nav is the one named in the page's language
        self.policy_nav = False
        seen = {}
        for order, node in enumerate(tree.root.traverse(include_text=False)):
            tag = node.tag
            if not tag or tag.startswith(_NOT_ELEMENTS):
                continue
            index = seen.get(tag, 0)
            seen[tag] = index + 1
            attrs = node.attributes
            if not attrs and tag not in ("main", "img"):
                continue  # most elements: nothing to look at
            values = {k: v if v is not None else "" for k, v in attrs.items()}
            where = (order, tag, index)
            if values.get("id"):
                self.ids.add(values["id"])
                if is_notice(values):
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
                self.imgs.append((values, where))
            for attr in _REFS.get(tag, ()):
                if values.get(attr):
                    self.refs.append((tag, attr, values[attr], where))


class SiteChecks:
    """Collects findings page by page while the audit walks the site; finish() adds what
    needs every page first (#anchors into other pages)."""

    def __init__(self, root, siteurl, origin_of):
        self.root = Path(root)
        self.origin_of = origin_of
        self.own = origin_of(siteurl) if siteurl and "//" in siteurl else None
        self.base = urlsplit(siteurl).path.rstrip("/") if self.own else ""
        self.pages = 0
        self.ids = {}       # page -> its ids
        self.anchors = []   # (page, source, tag, url, target page, fragment, line)
        self.findings = []

    # ---- receivers ---------------------------------------------------------------
    def page(self, rel, tree, html, source=""):
        page = Page(tree)
        self.pages += 1
        self.ids[rel] = page.ids
        add = self.findings.append

        def line(where):
            return locate(html, where[1], where[2]) if where else 0
        for where, what, fix in notice_problems(page):
            add(finding("notice", rel, "", line(where), what, fix))  # the theme's doing
        label = nav_label(page.lang)
        page.policy_nav = label in page.nav_labels
        for where, what, fix in nav_problems(page, label):
            add(finding("policy-nav", rel, "", line(where), what, fix))  # the theme's
        for tag, attr, value, where in page.refs:
            urls = [c.split()[0] for c in value.split(",") if c.split()] \
                if attr == "srcset" else [value]
            for url in urls:
                self._link(rel, source, tag, url, page, lambda w=where: line(w))
        for values, where in page.imgs:
            problem = alt_problem(values)
            if problem:
                add(finding("alt", rel, source, line(where), *problem))

    def stylesheet(self, rel, urls, text, source=""):
        for url in dict.fromkeys(u.strip() for u in urls):
            if not url or url.startswith(("#", "data:")):
                continue
            target = self.target(rel, url)
            if target and self.file_for(target[0]) is None:
                at = text.find(url)
                self.findings.append(finding(
                    "links", rel, source, text.count("\n", 0, at) + 1 if at >= 0 else 0,
                    f'the stylesheet points to "{url}", which does not exist in the built '
                    "site", "Add the file under theme/static/ or correct the path."))

    def finish(self):
        """Every finding, once every page has been seen."""
        for rel, source, tag, url, found, fragment, line in self.anchors:
            if fragment not in self.ids.get(found, ()):
                self.findings.append(_missing_anchor(rel, source, tag, url, found, fragment,
                                                     line))
        self.anchors = []
        return self.findings

    # ---- links -------------------------------------------------------------------
    def _link(self, rel, source, tag, url, page, line):
        target = self.target(rel, url)
        if target is None:
            return
        path, fragment = target
        found = self.file_for(path)
        if found is None:
            self.findings.append(finding(
                "links", rel, source, line(), f'<{tag}> points to "{url}", which does not '
                "exist in the built site",
                "Correct the address. For a post or page use {filename}../pages/NAME.md "
                "in Markdown; for an image use {static}/images/NAME."))
            return
        if not fragment or fragment == "top" or fragment.startswith(":~:") \
                or not found.endswith((".html", ".htm")):
            return
        if found == rel:
            if fragment not in page.ids:
                self.findings.append(_missing_anchor(rel, source, tag, url, found, fragment,
                                                     line()))
        else:  # that page may not have been read yet
            self.anchors.append((rel, source, tag, url, found, fragment, line()))

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
            path = urljoin("/" + page_rel, parts.path)
        else:
            path = "/" + page_rel
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


def _missing_anchor(rel, source, tag, url, found, fragment, line):
    return finding("links", rel, source, line,
                   f'<{tag}> points to "{url}", but {found} has no element with '
                   f'id="{fragment}"',
                   "Correct the part after #: it must match a heading's id on that page "
                   "(headings get ids from their text, e.g. '## Fees and insurance' is "
                   "#fees-and-insurance).")


# The theme's catalogs: a page's policy nav is named in the page's language.
CATALOGS = Path(__file__).resolve().parents[2] / "theme" / "translations"


def nav_label(lang):
    """The policy nav's name on a page whose <html lang> is `lang` ("fr-CA" ->
    "Politiques"); the English name for a language without a catalog."""
    name = catalog_name((lang or "en").replace("-", "_"))
    if name is None or not (CATALOGS / f"{name}.po").is_file():
        return NAV_LABEL
    return load_catalog(CATALOGS, name).gettext(NAV_LABEL)


# ---- alt text --------------------------------------------------------------------------

def _decorative(values):
    return (values.get("role") or "").strip().lower() in ("presentation", "none") or \
        (values.get("aria-hidden") or "").strip().lower() == "true"


def _file_like(text):
    """Whether an alt text is just a picture's file name (photo 1.JPG, IMG_0042.jpeg)."""
    stem, dot, ext = text.rpartition(".")
    return bool(dot and stem) and ext.lower() in _IMAGE_EXT


def alt_problem(values):
    """(what, fix) for an <img> (a dict of its attributes) without a meaningful text
    alternative, else None."""
    src = values.get("src") or ""
    alt = values.get("alt")
    name = unquote(src.rsplit("/", 1)[-1].split("?")[0]) if src else ""
    stem = name.rsplit(".", 1)[0]
    describe = ("Describe what the image shows for someone who cannot see it: "
                "![A quiet harbor at dawn]({static}/images/harbor.jpg).")
    if alt is None:
        return (f'the image "{name}" has no alt text', describe + ' If it is only '
                'decoration, write ![](...){: role="presentation"} so screen readers skip it.')
    text = alt.strip()
    if not text:
        if _decorative(values):
            return None
        return (f'the image "{name}" has an empty alt but is not marked as decoration',
                describe + ' If it is only decoration, mark it: ![](...){: '
                'role="presentation"}.')
    if _file_like(text) or text.lower() in (name.lower(), stem.lower(), *_MEANINGLESS):
        return f'the image "{name}" has alt text "{text}", which does not describe it', describe
    return None
