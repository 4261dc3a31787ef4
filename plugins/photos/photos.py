"""photos: every published picture is cleaned of camera data, right-sized, and every post
gets a share card made on the site itself.

How it fits into a Pelican build (each step is one signal):

1. content_object_init: the <img> tags a post or page uses become <picture> markup with
   sized copies; a picture it names that does not exist is noted as a problem. Each
   picture is cleaned and sized right then (encode.py), or found in the cache.
2. PhotosGenerator.generate_context: every picture in PHOTOS_PATHS is cleaned too (used
   or not), and each post gets its share card (cards.py).
3. static_generator_finalized: the cleaned pictures are taken off Pelican's list of files
   to copy, so the original bytes never reach output/; any other raster file Pelican
   would copy is cleaned the same way.
4. all_generators_finalized: if anything was noted, the build stops here, before a single
   file is written, with one message listing every problem (file, line, what to do).
5. PhotosGenerator.generate_output: the cleaned files and cards are copied from the cache.
6. Writing: the markup of step 1 names each sized copy by a marker (markup.TOKEN), since
   a srcset holds several addresses and Pelican's link rewriting handles one. This
   plugin's writer (get_writer) fills them in as each page is rendered, with the site
   address that page's links were made with; feed_generated does the same in feeds.
   finalized stops the build if another plugin's writer wrote the pages instead.
"""

import difflib
import logging
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from urllib.parse import quote

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import Generator
from pelican.writers import Writer

from . import cards, encode, markup

logger = logging.getLogger(__name__)

DEFAULTS = {
    "PHOTOS_PATHS": ["images"],
    "PHOTOS_WIDTHS": [480, 800, 1200, 1600],
    "PHOTOS_FORMAT": "webp",
    "PHOTOS_QUALITY": 78,
    "PHOTOS_MAX_MB": 25,
    # The picture's width on the page: the content column of this theme (at most 68ch,
    # about 40rem; the page's width less its margins on a phone).
    "PHOTOS_SIZES": "(min-width: 42rem) 40rem, calc(100vw - 2rem)",
    "PHOTOS_CACHE_PATH": None,      # default: "photos" next to Pelican's CACHE_PATH
    "PHOTOS_SHARE_CARDS": True,
    "PHOTOS_CARD_FONT": None,       # default: the theme's fonts/, else this plugin's own
    "PHOTOS_CARD_COLORS": {},       # default: the theme stylesheet's :root colours
}
MIME = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
        ".avif": "image/avif"}
# Files an operating system leaves in folders: never published, never an error.
CLUTTER = re.compile(r"^(\.DS_Store|\._.*|Thumbs\.db|desktop\.ini)$", re.I)


# The plugin's one error lives with the picture checks (encode.py), which raise it too.
PhotosError = encode.PhotosError


def _problem(where, line, what, fix, field=""):
    """A finding (docs/plugin-contract.md): `where` is the file as the writer knows it."""
    return {"check": "photos", "file": where, "line": line or 0, "field": field,
            "what": what, "fix": fix, "page": ""}


@dataclass
class Record:
    """One source picture and the files made from it (output path -> cache file)."""
    source: str                 # content-relative
    picture: encode.Picture
    save_as: str                # the full-size copy, output-relative
    files: dict = field(default_factory=dict)
    variants: list = field(default_factory=list)   # (width, modern url, fallback url)
    fallback_src: str = ""


class _State:
    def __init__(self):
        self.reset(None)

    def reset(self, settings):
        self.settings = settings
        self.records = {}       # content-relative source -> Record, or None if it failed
        self.problems = []      # finding dicts (_problem)
        self.refused = set()    # content-relative files already reported: never copied
        self.cards = {}         # output path -> card bytes' cache file
        self.counts = {"encoded": 0, "cached": 0, "drawn": 0, "cards_cached": 0}
        self.marked = False     # a page's text holds markers (markup.TOKEN)
        self.writer_used = False  # PhotosWriter wrote this build's pages


_state = _State()


# --------------------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------------------

def _setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def _check_settings(settings):
    """Problems with the PHOTOS_* settings, as (setting, message) pairs."""
    found = []
    widths = _setting(settings, "PHOTOS_WIDTHS")
    if not (isinstance(widths, (list, tuple)) and widths and
            all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 8000
                for w in widths)):
        found.append(("PHOTOS_WIDTHS", f"{widths!r} is not a list of widths in pixels "
                      "between 16 and 8000, for example [480, 800, 1200, 1600]"))
    fmt = str(_setting(settings, "PHOTOS_FORMAT")).lower()
    if fmt not in ("webp", "avif"):
        found.append(("PHOTOS_FORMAT", f"{fmt!r} is not one of \"webp\", \"avif\""))
    quality = _setting(settings, "PHOTOS_QUALITY")
    if not (isinstance(quality, int) and 30 <= quality <= 95):
        found.append(("PHOTOS_QUALITY", f"{quality!r} is not a whole number from 30 to 95"))
    limit = _setting(settings, "PHOTOS_MAX_MB")
    if not (isinstance(limit, (int, float)) and not isinstance(limit, bool) and limit > 0):
        found.append(("PHOTOS_MAX_MB", f"{limit!r} is not a size in megabytes, e.g. 25"))
    paths = _setting(settings, "PHOTOS_PATHS")
    if not (isinstance(paths, (list, tuple)) and all(isinstance(p, str) for p in paths)):
        found.append(("PHOTOS_PATHS", f"{paths!r} is not a list of folders in content/, "
                      'for example ["images"]'))
    colors = _setting(settings, "PHOTOS_CARD_COLORS")
    if not isinstance(colors, dict) or set(colors) - set(cards.DEFAULT_COLORS):
        found.append(("PHOTOS_CARD_COLORS", f"{colors!r}: use only the keys "
                      + ", ".join(cards.DEFAULT_COLORS)))
    else:
        for key, value in colors.items():
            try:
                cards.ImageColor.getrgb(value)
            except (ValueError, AttributeError):
                found.append(("PHOTOS_CARD_COLORS", f"{key}: {value!r} is not a colour; "
                              'write it like "#1f5f5b"'))
    if _setting(settings, "PHOTOS_SHARE_CARDS") and not _card_font(settings):
        found.append(("PHOTOS_CARD_FONT", "no font file for the share cards at "
                      f"{_setting(settings, 'PHOTOS_CARD_FONT')!r}: name an existing .ttf "
                      "or .otf file, or remove the setting to use the plugin's own font"))
    return found


def _options(settings):
    fmt = str(_setting(settings, "PHOTOS_FORMAT")).upper()
    return encode.Options(widths=tuple(_setting(settings, "PHOTOS_WIDTHS")), modern=fmt,
                          quality=_setting(settings, "PHOTOS_QUALITY"),
                          max_bytes=int(_setting(settings, "PHOTOS_MAX_MB") * 1024 * 1024))


def _cache_root(settings):
    path = _setting(settings, "PHOTOS_CACHE_PATH")
    if path:
        return os.path.abspath(path)
    return os.path.join(os.path.dirname(os.path.abspath(settings["CACHE_PATH"])), "photos")


OWN_FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts")


def _card_font(settings):
    path = _setting(settings, "PHOTOS_CARD_FONT")
    if path:
        return path if os.path.isfile(path) else None
    # A theme may bring its own font; else the one kept in this plugin's folder, so the
    # plugin works on any site and draws the same bytes on every machine.
    for folder in (os.path.join(settings.get("THEME", ""), "fonts"), OWN_FONTS):
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.lower().endswith((".ttf", ".otf")):
                    return os.path.join(folder, name)
    return None


def _shown(settings, rel):
    """A content-relative path as the writer sees it: content/images/a.jpg."""
    return f"{os.path.basename(os.path.normpath(settings['PATH']))}/{rel}"


# --------------------------------------------------------------------------------------
# Pictures
# --------------------------------------------------------------------------------------

def _slug(stem):
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60] or "photo"


def _register(rel, settings):
    """Clean and size one content-relative picture once per build; its Record or None."""
    if rel in _state.records:
        return _state.records[rel]
    full = os.path.join(settings["PATH"], rel)
    try:
        picture, encoded = encode.process(full, _options(settings), _cache_root(settings))
    except PhotosError as err:
        _state.problems += [{**found, "file": _shown(settings, rel)} for found in err.findings]
        _state.records[rel] = None
        return None
    _state.counts["encoded" if encoded else "cached"] += 1
    folder, name = os.path.split(rel)
    stem, ext = os.path.splitext(name)
    save_as = rel if ext.lower() not in (".heic", ".heif") else os.path.join(folder,
                                                                           stem + ".jpg")
    record = Record(rel, picture, save_as.replace(os.sep, "/"))
    record.files[record.save_as] = os.path.join(picture.folder, picture.full)
    tag = os.path.basename(picture.folder)[:8]
    base = "/".join(p for p in (folder.replace(os.sep, "/"), _slug(stem)) if p)
    for width, _height, modern, fallback in picture.sizes:
        pair = []
        for made in (modern, fallback):
            out = f"{base}-{width}w-{tag}{os.path.splitext(made)[1]}"
            record.files[out] = os.path.join(picture.folder, made)
            pair.append(markup.TOKEN + quote(out))
        record.variants.append((width, *pair))
    # The <img> fallback: the copy closest to a phone's screen (800 px), or the largest.
    # A GIF or an icon has no sized copies: it is shown as itself.
    if record.variants:
        best = min(record.variants, key=lambda v: (v[0] < 800, abs(v[0] - 800)))
        record.fallback_src = best[2]
    _state.records[rel] = record
    return record


def _line_of(full_path, needles):
    """The first line of a source file holding one of the needles, or None."""
    try:
        with open(full_path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if any(n and n in line for n in needles):
                    return number
    except OSError:
        pass
    return None


def _missing(settings, instance, url, rel, kind):
    content_root = settings["PATH"]
    if rel is None or rel.startswith(".."):
        problem = f'{kind} "{url}" points outside the content folder'
    else:
        problem = (f'{kind} "{url}" does not exist (looked for '
                   f"{_shown(settings, rel)})")
    fix = "put the picture in content/images/ and write ({static}/images/NAME)"
    if rel and not rel.startswith(".."):
        folder = os.path.join(content_root, os.path.dirname(rel))
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            names = []
        close = difflib.get_close_matches(os.path.basename(rel), names, n=1, cutoff=0.8)
        if close:
            fix = (f'check the name: did you mean "{close[0]}"? (names must match exactly, '
                   "capitals included)")
    source = instance.source_path
    line = _line_of(source, [url, os.path.basename(rel or url)])
    shown = _shown(settings, instance.relative_source_path.replace(os.sep, "/"))
    _state.problems.append(_problem(shown, line, problem, fix))


def _srcset_token(url, source_dir):
    """Our marker (markup.TOKEN) for one of the author's own srcset addresses, if that
    address is one of Pelican's ({static}...)."""
    if not markup.is_marker(url):
        return url
    rel = markup.resolve(url, source_dir)
    record = None
    if encode.sniff(os.path.join(_state.settings["PATH"], rel)) in encode.RECODED:
        record = _register(rel, _state.settings)  # its cleaned copy takes its place
    return markup.TOKEN + quote(record.save_as if record else rel)


class PhotosWriter(Writer):
    """Pelican's own writer, which also fills in the picture addresses of every page it
    renders, with the site address that page's links were made with (relative addresses
    differ from page to page). A picture's srcset holds several addresses, and Pelican
    rewrites only single-address attributes ({static} in src or href), so the plugin
    keeps its own markers (markup.TOKEN) until the page is rendered. The public way to
    take part in writing is a writer of one's own (the get_writer signal); the rendered
    page is right before it reaches the disk, so nothing reopens a written page."""

    def write_file(self, name, template, context, *args, **kwargs):
        _state.writer_used = True
        relative = bool(self.settings.get("RELATIVE_URLS"))
        return super().write_file(name, _Resolving(template, relative), context, *args,
                                  **kwargs)


class _Resolving:
    """A template whose rendered text has its markers made into addresses."""

    def __init__(self, template, relative):
        self.template, self.relative = template, relative

    def render(self, localcontext):
        # Pelican renders a post's text with the site address in `localsiteurl` (per
        # page with RELATIVE_URLS, else SITEURL): the same one here.
        siteurl = localcontext.get("localsiteurl") or ""
        return markup.tokens_to_urls(self.template.render(localcontext), siteurl,
                                     self.relative)

    def __getattr__(self, name):
        return getattr(self.template, name)


def feed_generated(context, feed):
    """Feeds: the same addresses, made with the site address Pelican's writer used for
    the feed's own links (SITEURL)."""
    siteurl = context.get("SITEURL") or ""
    relative = bool(context.get("RELATIVE_URLS"))
    for item in feed.items:
        for key in ("description", "content"):
            if item.get(key) and markup.TOKEN in item[key]:
                item[key] = markup.tokens_to_urls(item[key], siteurl, relative)


def content_object_init(instance):
    if not isinstance(instance, (Article, Page)) or not instance._content:
        return
    settings = instance.settings
    text = instance._content
    if markup.TOKEN in text:
        # The writer turns every marker of a page into an address: a writer's own text
        # that holds one stays text (markup.TOKEN_AS_TEXT).
        text = instance._content = text.replace(markup.TOKEN, markup.TOKEN_AS_TEXT)
    low = text.lower()
    if "<img" not in low and "<source" not in low and \
            not any(ext in low for ext in markup.PICTURE_EXTENSIONS):
        instance.photos_first = None
        return  # no picture here: skip the parse (most posts of a big blog)
    source_dir = markup.source_dir_of(instance.relative_source_path)
    content_root = settings["PATH"]
    sizes = _setting(settings, "PHOTOS_SIZES")
    mime = MIME["." + str(_setting(settings, "PHOTOS_FORMAT")).lower()]
    pieces, last, pictures = [], 0, 0
    first = None
    for tag in markup.find_tags(text):
        attrs = dict(tag.attrs)
        urls = [attrs.get("href" if tag.name == "a" else "src") or ""]
        urls += markup.srcset_urls(attrs.get("srcset") or "") if tag.name != "a" else []
        found_all = True
        for url in urls:
            rel = markup.resolve(url, source_dir)
            if rel is None and not markup.is_marker(url):
                continue
            if tag.name == "a" and not markup.is_picture_path(rel or url):
                continue
            kind = "the picture" if tag.name != "a" else "the link to the picture"
            if rel is None or rel.startswith("..") or \
                    not os.path.isfile(os.path.join(content_root, rel)):
                _missing(settings, instance, url, rel, kind)
                found_all = False
        if not found_all or tag.name == "a":
            continue
        url = urls[0]
        rel = markup.resolve(url, source_dir)
        if tag.in_picture or tag.name == "source" or rel is None:
            # The author's own <picture>: kept, with Pelican's markers in srcset resolved
            # (Pelican resolves them in src only).
            if "srcset" in attrs and any(markup.is_marker(u) for u in urls[1:]):
                pieces += [text[last:tag.start], markup.with_srcset(
                    tag.name, tag.attrs, lambda u: _srcset_token(u, source_dir))]
                last = tag.end
            continue
        if encode.sniff(os.path.join(content_root, rel)) not in encode.RECODED:
            # Not a raster we size (an SVG drawing): a plain <img> that Pelican links.
            if not url.startswith(("{", "|")):
                pieces += [text[last:tag.start], markup.plain_img_html(
                    tag.attrs, "{static}/" + quote(rel))]
                last = tag.end
            continue
        record = _register(rel, settings)
        if record is None:
            continue
        if not record.variants:  # a GIF or an icon: its cleaned copy, shown as it is
            if not url.startswith(("{", "|")):
                pieces += [text[last:tag.start], markup.plain_img_html(
                    tag.attrs, "{static}/" + quote(rel))]
                last = tag.end
            continue
        picture = record.picture
        pieces += [text[last:tag.start], markup.picture_html(
            tag.attrs, record.variants, picture.width, picture.height, mime,
            record.fallback_src, sizes, lazy=pictures > 0)]
        last = tag.end
        pictures += 1
        if first is None:
            first = (rel, attrs.get("alt") or "")
    if last:
        instance._content = "".join(pieces) + text[last:]
        _state.marked = _state.marked or markup.TOKEN in instance._content
    instance.photos_first = first


# --------------------------------------------------------------------------------------
# Share cards
# --------------------------------------------------------------------------------------

def _card_path(article):
    save_as = article.save_as.replace(os.sep, "/")
    if save_as.endswith("/index.html"):
        return save_as[: -len("index.html")] + "share-card.jpg"
    return os.path.splitext(save_as)[0] + "-share-card.jpg"


def _share_image(article, settings, colors, font, font_digest):
    """Make (or find in the cache) the card of one post; its details for the template."""
    chosen = None
    image = str(article.metadata.get("image") or "").strip()
    if image:
        rel = markup.resolve(image, "")
        shown = _shown(settings, article.relative_source_path.replace(os.sep, "/"))
        line = _line_of(article.source_path, ["Image:", "image:"])
        if rel is None:
            _state.problems.append(_problem(
                shown, line, f'Image: "{image}" is not a picture in this site\'s content '
                "folder", "put the picture in content/images/ and write Image: images/NAME",
                "Image"))
            return None
        if rel.startswith("..") or not os.path.isfile(os.path.join(settings["PATH"], rel)):
            _missing(settings, article, image, rel, "the Image: picture")
            return None
        if encode.sniff(os.path.join(settings["PATH"], rel)) not in encode.RECODED:
            _state.problems.append(_problem(
                shown, line, f'Image: "{image}" is not a photo this site can publish (JPEG, '
                "PNG, WebP, HEIC, AVIF...)", "name a photo here; a drawing (SVG) cannot be "
                "made into a share card", "Image"))
            return None
        record = _register(rel, settings)
        if record is None:
            return None
        body = article.photos_first if getattr(article, "photos_first", None) else None
        alt = body[1] if body and body[0] == rel else ""
        chosen = (record, str(article.metadata.get("image-alt") or alt or article.title))
    elif getattr(article, "photos_first", None):
        rel, alt = article.photos_first
        record = _state.records.get(rel)
        if record:
            chosen = (record, alt or article.title)

    cache = os.path.join(_cache_root(settings), "cards")
    if chosen:
        record, alt = chosen
        key = f"cover-{cards.VERSION}-{os.path.basename(record.picture.folder)}"
        make = lambda: cards.cover(os.path.join(record.picture.folder, record.picture.full))  # noqa: E731
    else:
        key = "title-" + cards.title_card_key(article.title, settings["SITENAME"], colors,
                                              font_digest)
        alt = f"{article.title}, {settings['SITENAME']}"
        make = lambda: cards.title_card(article.title, settings["SITENAME"], colors, font)  # noqa: E731
    path = os.path.join(cache, key + ".jpg")
    if os.path.exists(path):
        _state.counts["cards_cached"] += 1
    else:
        encode.store(path, make)
        _state.counts["drawn"] += 1
    out = _card_path(article)
    _state.cards[out] = path
    return {"url": quote(out), "width": cards.WIDTH, "height": cards.HEIGHT,
            "type": "image/jpeg", "alt": alt}


def _colors(settings):
    css = os.path.join(settings.get("THEME", ""), "static", "css", "site.css")
    try:
        with open(css, encoding="utf-8") as fh:
            colors = cards.theme_colors(fh.read())
    except OSError:
        colors = cards.theme_colors("")
    for key, value in _setting(settings, "PHOTOS_CARD_COLORS").items():
        colors[key] = cards.ImageColor.getrgb(value)[:3]
    return colors


# --------------------------------------------------------------------------------------
# The generator: every picture in PHOTOS_PATHS, the cards, and writing it all out
# --------------------------------------------------------------------------------------

class PhotosGenerator(Generator):
    def generate_context(self):
        settings = self.settings
        for rel in sorted(self.get_files(_setting(settings, "PHOTOS_PATHS"),
                                         extensions=False)):
            name = os.path.basename(rel)
            if CLUTTER.match(name):
                continue
            fmt = encode.sniff(os.path.join(self.path, rel))
            if fmt in encode.RECODED or (fmt is None and markup.is_picture_path(rel)
                                         and not rel.lower().endswith(".svg")):
                _register(rel, settings)  # unreadable files are reported from there
            elif fmt is not None:
                _state.refused.add(rel)
                _state.problems.append(_refusal(settings, rel, fmt))
            elif not rel.lower().endswith(".svg"):
                _state.refused.add(rel)
                _state.problems.append(_problem(_shown(settings, rel), None,
                                                "this is not a picture, and only pictures (JPEG, "
                                                "PNG, WebP, GIF, AVIF, HEIC, ICO, BMP, TIFF, SVG) "
                                                "are published from this folder",
                                                "move it to content/extra/ or delete it"))
        if not _setting(settings, "PHOTOS_SHARE_CARDS"):
            return
        colors, font = _colors(settings), _card_font(settings)
        digest = cards.font_digest(font)
        for article in self._articles():
            article.share_image = _share_image(article, settings, colors, font, digest)

    def _articles(self):
        seen, ids = [], set()
        for article in [*self.context.get("articles", []),
                        *self.context.get("hidden_articles", [])]:
            for item in (article, *getattr(article, "translations", [])):
                if id(item) not in ids:
                    ids.add(id(item))
                    seen.append(item)
        return seen

    def generate_output(self, writer):
        written = 0
        for record in _state.records.values():
            if record is not None:
                for out, cached in record.files.items():
                    written += _copy(cached, os.path.join(self.output_path, out))
        for out, cached in _state.cards.items():
            written += _copy(cached, os.path.join(self.output_path, out))
        c = _state.counts
        logger.info("photos: %d pictures (%d re-encoded, %d from the cache), %d share cards "
                    "(%d drawn, %d from the cache), %d files written",
                    c["encoded"] + c["cached"], c["encoded"], c["cached"],
                    c["drawn"] + c["cards_cached"], c["drawn"], c["cards_cached"], written)


def _copy(cached, dest):
    """Put a cached file into output/ unless the very same file is already there.

    A hard link when the cache and output/ share a disk (no bytes copied: thousands of
    share cards cost next to nothing), else a copy. Nothing ever writes into an output
    file in place, so the cache cannot be changed through the link. The link is tried
    first: in a fresh output folder (every build of `make html`) that is one system call.
    """
    try:
        os.link(cached, dest)
        return 1
    except FileNotFoundError:  # its folder is not there yet
        os.makedirs(os.path.dirname(dest), exist_ok=True)
    except FileExistsError:
        src, dst = os.stat(cached), os.lstat(dest)
        if (src.st_ino, src.st_dev) == (dst.st_ino, dst.st_dev) or (
                not stat.S_ISLNK(dst.st_mode) and src.st_size == dst.st_size
                and src.st_mtime_ns == dst.st_mtime_ns):
            return 0
        os.unlink(dest)  # never write through a link Pelican made to a source
    except OSError:  # another disk, or links not allowed: copy below
        pass
    try:
        os.link(cached, dest)
    except OSError:
        shutil.copy2(cached, dest)
    return 1


# --------------------------------------------------------------------------------------
# Pelican's static copy, and stopping the build
# --------------------------------------------------------------------------------------

def static_generator_finalized(generator):
    settings = generator.settings
    keep = []
    for static in generator.staticfiles:
        rel = static.relative_source_path.replace(os.sep, "/")
        name = os.path.basename(rel)
        if CLUTTER.match(name) or not os.path.isfile(static.source_path) or \
                rel in _state.refused:
            continue  # clutter, a missing file a page links to, or a file reported already
        # By the file's bytes, whatever its name: favicon.ico and a photo saved as
        # "notes.txt" are cleaned like the rest.
        fmt = encode.sniff(static.source_path)
        unreadable = fmt is None and markup.is_picture_path(rel) and \
            not rel.lower().endswith(".svg")
        if fmt in encode.RECODED or rel in _state.records or unreadable:
            record = _register(rel, settings)
            if record is not None:
                # The cleaned copy takes the place Pelican would copy the original to.
                if record.save_as != rel:
                    static.override_save_as = record.save_as
                    static.override_url = record.save_as
                del record.files[record.save_as]
                record.save_as = static.save_as.replace(os.sep, "/")
                record.files[record.save_as] = os.path.join(record.picture.folder,
                                                            record.picture.full)
            continue  # never copied as it is
        if fmt is not None:
            _state.problems.append(_refusal(settings, rel, fmt))
            continue
        keep.append(static)
    generator.staticfiles[:] = keep
    _check_collisions(settings)


def _refusal(settings, rel, fmt):
    """A picture kind that cannot be re-encoded here (JPEG XL, PSD, ...): never copied as
    it is, since it may carry camera data and GPS."""
    return _problem(_shown(settings, rel), None,
            f"this is a {fmt} picture, which the site cannot clean of camera data and "
            "location, so it is not published", "save it as JPEG (photos) or PNG "
            "(drawings, screenshots) and put that in place of this file")


def _check_collisions(settings):
    owners = {}
    for record in _state.records.values():
        if record is None:
            continue
        for out in record.files:
            other = owners.setdefault(out, record.source)
            if other != record.source:
                _state.problems.append(_problem(_shown(settings, record.source), None,
                                                f"its cleaned copy would be written to {out}, "
                                                f"like that of {_shown(settings, other)}",
                                                "rename one of the two pictures"))


def initialized(pelican):
    _state.reset(pelican.settings)
    bad = _check_settings(pelican.settings)
    if bad:
        raise PhotosError("\n".join(f"photos: setting {name} in pelicanconf.py: {message}"
                                     for name, message in bad),
                          [_problem("pelicanconf.py", 0, message, f"correct {name} (see the "
                                    "photos plugin's README for what it takes)", name)
                           for name, message in bad])


def all_generators_finalized(generators):
    unique = {tuple(p.values()): p for p in _state.problems}.values()
    problems = sorted(unique, key=lambda p: (p["file"], p["line"], p["what"]))
    if not problems:
        return
    lines = []
    for n, p in enumerate(problems, start=1):
        place = f"{p['file']}, line {p['line']}" if p["line"] else p["file"]
        lines.append(f"  {n}. {place}: {p['what']}\n     Fix: {p['fix']}")
    raise PhotosError(f"photos: {len(problems)} picture problem(s); nothing was written. "
                      "Fix these and build again:\n" + "\n".join(lines), problems)


def get_writer(pelican):
    return PhotosWriter


def finalized(pelican):
    """Every page is written: if another plugin's writer wrote them instead of this one
    (Pelican takes the first writer offered), the pictures' addresses were left as
    markers. Stop rather than leave broken pages."""
    if _state.marked and not _state.writer_used:
        raise PhotosError(
            "photos: another plugin replaced Pelican's writer, so the pictures' addresses "
            "were not filled in. Fix: remove that plugin, or the photos plugin, from "
            "PLUGINS in pelicanconf.py", [_problem(
                "pelicanconf.py", 0, "another plugin in PLUGINS brings its own writer "
                "(Pelican's get_writer signal), which leaves the pictures' addresses "
                "unfilled", "remove that plugin, or the photos plugin, from PLUGINS",
                "PLUGINS")])


def get_generators(pelican):
    # Called at the start of every build, the dev server's rebuilds included (unlike
    # `initialized`, which fires once per process): start with an empty record.
    _state.reset(pelican.settings)
    return PhotosGenerator


def register():
    signals.initialized.connect(initialized)
    signals.content_object_init.connect(content_object_init)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.feed_generated.connect(feed_generated)
    signals.finalized.connect(finalized)
    signals.static_generator_finalized.connect(static_generator_finalized)
    signals.all_generators_finalized.connect(all_generators_finalized)
