"""Which files may be published at all: the published tree is an allowlist of files.

Three kinds of file may be in the output, and nothing else:

- what Pelican and the plugins wrote (pages, feeds, the sitemap, the theme's files), judged
  by audit.py as what they are;
- the host files the kit itself writes, listed once below (GENERATED);
- a file copied from the content, when its bytes (not its name) are of a type on the
  list below, and its name says the same type. Decided as a browser would: a host serves
  a file with the type its extension says, and a browser without a `nosniff` header may
  look at the first bytes as well; both readings must be harmless.

Never published from the content, whatever its type: dotfiles and dot-folders at any
depth, editor backups and locks, version-control folders, host files of the kit's own
names, and anything whose real path (symlinks resolved) is outside the content folder.

Nothing here imports Pelican: tools/check.py audits a finished folder with the same rules.
"""

import fnmatch
import io
import os
import re
import struct

# The files the kit writes itself, at the output's root: the one list. headers.py writes
# the first three, tools/deploy_targets/github.py the next two (through ghp-import), the
# theme's robots template and stable_sitemap the last two. A file of one of these names
# in the content is never copied (HOST_FILE_SETTINGS says what to use instead).
GENERATED = ("_headers", ".htaccess", "_redirects", ".nojekyll", "CNAME", "robots.txt",
             "sitemap.xml")
# Host files that change how the server answers: written from settings only.
HOST_FILE_SETTINGS = {
    "_headers": "the security headers are written by the build (PRIVACY_HEADER_FILES); "
                "for a redirect use REDIRECTS in pelicanconf.py",
    ".htaccess": "the security headers are written by the build (PRIVACY_HEADER_FILES); "
                 "for a redirect use REDIRECTS in pelicanconf.py",
    "_redirects": "add the redirect to REDIRECTS in pelicanconf.py "
                  '(for example REDIRECTS = {"/old-page/": "/new-page/"})',
}

# Files an operating system leaves in folders: dropped without a word (as photos does).
CLUTTER = re.compile(r"^(\.DS_Store|\._.*|Thumbs\.db|desktop\.ini)$", re.I)
VCS_FOLDERS = frozenset({".git", ".hg", ".svn", "CVS", ".bzr", "_darcs"})
# Editor backups, autosaves and locks (Emacs, Vim, gedit, Office's "~$" owner files).
_BACKUP = ("*~", "#*#", ".#*", "*.swp", "*.swo", "*.swn", "~$*", "*.bak", "*.tmp")
# Patterns for Pelican's IGNORE_FILES (matched against each file and folder name), so a
# refused file is never even read; the refusal is still reported (scan_content).
IGNORE_PATTERNS = (".*", *_BACKUP, *sorted(VCS_FOLDERS), *HOST_FILE_SETTINGS, "Thumbs.db",
                   "desktop.ini")

REMOVE = "Move it out of the content folder (or delete it)."


def name_problem(rel, folder=False):
    """(problem, fix) when a content path may never be published by its name, else None.
    `rel` is relative to the content folder, with "/"; `folder` when it names a folder."""
    parts = [p for p in rel.split("/") if p]
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if CLUTTER.match(part) and last:
            return None  # dropped silently, never published
        if part in VCS_FOLDERS:
            return (f"a version-control folder ({part}), which holds the history of every "
                    "file and often a password or token", REMOVE)
        host = part.lower()  # a host on a case-insensitive disk reads _Headers too
        if last and not folder and host in HOST_FILE_SETTINGS:
            return (f"a host file ({part}), which would change how the web server answers "
                    "(headers, redirects)", f"Delete it: {HOST_FILE_SETTINGS[host]}.")
        if last and not folder and any(fnmatch.fnmatchcase(part, p) for p in _BACKUP):
            return ("an editor's backup or lock file, which can hold an older or unsaved "
                    "copy of a file", "Delete it.")
        if part.startswith("."):
            what = ("a hidden folder" if folder else "a hidden file") if last else \
                f"a file in the hidden folder {part}"
            return (f"{what} (its name starts with a dot), which is never published: such "
                    "files hold settings, keys and notes", REMOVE)
    return None


def scan_content(content, paths):
    """Walk the folders Pelican reads (`paths`, relative to `content`; "" for all of it)
    and return (refusals, ignore): refusals are (shown path, problem, fix) for every
    file or folder that may never be published, and `ignore` the exact names to add to
    IGNORE_FILES so that Pelican reads none of them. A symlink is followed only when its
    real path stays inside the content folder (and is allowed there)."""
    root = os.path.realpath(content)
    shown_root = os.path.basename(os.path.normpath(content))
    refusals, ignore, seen = [], set(), set()

    def refuse(rel, problem, fix, name):
        refusals.append((f"{shown_root}/{rel}", problem, fix))
        ignore.add(_glob_escape(name))

    def visit(rel, full):
        name = rel.rsplit("/", 1)[-1]
        if rel in seen:
            return
        seen.add(rel)
        found = name_problem(rel, folder=os.path.isdir(full) and not os.path.islink(full))
        if found:
            refuse(rel, *found, name)
            return
        if os.path.islink(full):
            found = real_path_problem(full, root)
            if found:
                refuse(rel, *found, name)
                return
            if os.path.isdir(full):
                return  # its target is inside the content folder: walked from there
        if os.path.isdir(full):
            try:
                names = sorted(os.listdir(full))
            except OSError:
                return
            for child in names:
                visit(f"{rel}/{child}" if rel else child, os.path.join(full, child))

    for path in sorted(set(paths or [""])):
        path = path.strip("/")
        full = os.path.join(content, path) if path else content
        if os.path.lexists(full):
            if path:
                visit(path, full)
            else:
                for child in sorted(os.listdir(full)):
                    visit(child, os.path.join(full, child))
    return refusals, sorted(ignore)


def real_path_problem(path, root):
    """(problem, fix) when the real path of `path` (links resolved, ".." undone) is
    outside the content folder `root` (a real path) or hidden inside it, else None."""
    real = os.path.realpath(path)
    what = "a link to" if os.path.islink(path) else "a file whose real path is"
    if real != root and not real.startswith(root + os.sep):
        return (f"{what} {real}, outside the content folder (it would publish what it "
                "points to)", "Copy the file itself into the content folder if it is "
                "meant to be published, and delete the link.")
    found = name_problem(os.path.relpath(real, root).replace(os.sep, "/"),
                         folder=os.path.isdir(real))
    if found:
        return f"{what} {real}, which is {found[0]}", found[1]
    return None


def _glob_escape(name):
    return re.sub(r"([*?\[])", r"[\1]", name)


# ---- types, from the bytes -------------------------------------------------------------

# The first bytes by which a browser's MIME sniffing takes a file for HTML
# (WHATWG MIME Sniffing, "identifying a resource with an unknown MIME type").
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1",
               b"<div", b"<font", b"<table", b"<a", b"<style", b"<title", b"<b",
               b"<body", b"<br", b"<p", b"<!--")


def sniff(head):
    """'html', 'xml' or None, from a file's first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf\t\n\x0c\r ").lower()
    if text.startswith(b"<?xml") or text.startswith(b"<svg"):
        return "xml"
    for sign in _HTML_SNIFF:
        if text.startswith(sign) and text[len(sign):len(sign) + 1] in (b" ", b">", b""):
            return "html"
    return None


# What each extension promises (a host sends the type its extension says).
_EXT_FAMILY = {}
for _family, _exts in {
    "raster": "jpg jpeg jpe jfif png gif webp avif heic heif ico bmp tif tiff",
    "pdf": "pdf",
    "font": "woff woff2 ttf otf eot",
    "media": "mp3 m4a aac ogg oga opus wav flac mp4 m4v mov webm ogv",
    "vtt": "vtt",
    "ics": "ics",
    "vcf": "vcf",
    "text": "txt md csv",
    "office": "doc docx docm dot dotx odt ott fodt xls xlsx xlsm ods fods ppt pptx pptm "
              "pps ppsx odp fodp rtf pages numbers key wpd wps pub vsd vsdx one msg",
}.items():
    for _ext in _exts.split():
        _EXT_FAMILY["." + _ext] = _family

OFFICE_FIX = ("Publish a PDF instead (File > Save as PDF, or Export as PDF): an office "
              "document keeps its author, earlier edits, comments and sometimes macros.")
FIX = {
    "raster": "Save the picture again as JPEG or PNG under the same name.",
    "jxl": "Save the picture as JPEG or PNG: JPEG XL cannot be cleaned of its camera data "
           "by this build.",
    "unknown": "Remove it. To offer a document, publish it as a PDF; pictures as JPEG or "
               "PNG; text as .txt.",
}
# Image formats an ISO media file ("ftyp" box) may announce.
_IMAGE_BRANDS = {b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx",
                 b"mif1", b"msf1", b"mif2"}
_HEIF_JXL = (b"\xff\x0a", b"\x00\x00\x00\x0cJXL \r\n\x87\n")


def sniff_binary(head):
    """The family of a file by its first bytes: raster, jxl, pdf, font, media, office,
    archive, program, or None (perhaps text)."""
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a",
                        b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00", b"BM")) or (
            head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "raster"
    if head.startswith(_HEIF_JXL):
        return "jxl"
    if head[4:8] == b"ftyp":
        brands = {head[i:i + 4] for i in range(8, min(len(head), 64), 4)} - {b"\0\0\0\0"}
        return "raster" if head[8:12] in _IMAGE_BRANDS or (
            brands & _IMAGE_BRANDS and not head[8:12].startswith((b"mp4", b"M4", b"iso")))\
            else "media"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"wOFF", b"wOF2", b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")):
        return "font"
    if head.startswith((b"ID3", b"OggS", b"fLaC", b"\x1a\x45\xdf\xa3")) or (
            head[:4] == b"RIFF" and head[8:12] == b"WAVE") or (
            len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "media"
    if head.startswith((b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf")):
        return "office"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")):
        return "archive"
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe",
                        b"#!", b"\x00asm")):
        return "program"
    return None


def needs_all_bytes(rel):
    """Whether judging this file takes all its bytes (text is read whole, pictures are
    searched for metadata), or only its first few (PDF, fonts, audio and video)."""
    return _EXT_FAMILY.get(os.path.splitext(rel.lower())[1]) not in ("pdf", "font", "media",
                                                                       "office", None)


def text_problem(data):
    """Why bytes are not plain UTF-8 text, or None."""
    if b"\x00" in data:
        return "binary data (a NUL byte)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "bytes that are not UTF-8 text"
    if any(ord(c) < 32 and c not in "\t\n\r\x0c" or c == "\x7f" for c in text):
        return "control characters that plain text does not have"
    return None


_TEXT_START = {"vtt": b"WEBVTT", "ics": b"BEGIN:VCALENDAR", "vcf": b"BEGIN:VCARD"}
_NAMES = {"raster": "a picture", "jxl": "a JPEG XL picture", "pdf": "a PDF",
          "font": "a font", "media": "audio or video", "office": "an office document",
          "archive": "an archive (zip, gzip...)", "program": "a program or script",
          "vtt": "WebVTT captions", "ics": "a calendar file", "vcf": "a contact card",
          "text": "plain text", "html": "an HTML page", "xml": "XML"}


def static_problem(rel, data, sniffed_markup):
    """(problem, fix) for a file copied from the content, or None when it may be
    published. `sniffed_markup` is "html"/"xml" when its first bytes make a browser take
    it for markup. Markup files themselves (.svg) are judged by audit.py."""
    ext = os.path.splitext(rel.lower())[1]
    family = _EXT_FAMILY.get(ext)
    found = sniff_binary(data[:64])
    if family == "office" or found == "office" or (
            found == "archive" and _is_office_zip(data)):
        return "an office document", OFFICE_FIX
    if found == "jxl":
        return "a JPEG XL picture", FIX["jxl"]
    if family is None:
        said = f"a {ext} file" if ext else "a file without an extension"
        held = _NAMES.get(found or sniffed_markup or "", "")
        return (f"{said}{', holding ' + held if held else ''}, a type this site does not "
                "publish", FIX["unknown"])
    if sniffed_markup and family in ("text", "vtt", "ics", "vcf") or (
            sniffed_markup and found is None):
        return (f"its name says {_NAMES[family]}, but a browser would read it as "
                f"{_NAMES[sniffed_markup]}", "Save it with the extension of what it is "
                "(a page belongs in content/pages/ as Markdown), or remove it.")
    if family in ("text", "vtt", "ics", "vcf"):
        # Text is text when its bytes are: a letter that happens to begin like a file
        # signature ("BM", "true") is still shown as text; real binary data fails here.
        problem = text_problem(data)
        if problem is None and family in _TEXT_START and not data.lstrip(
                b"\xef\xbb\xbf").startswith(_TEXT_START[family]):
            problem = f"it does not start with {_TEXT_START[family].decode()}"
        if problem:
            return (f"its name says {_NAMES[family]}, but it holds {problem}",
                    "Save it again as what its name says, or remove it.")
        return None
    if family == "font" and ext == ".eot" and data[34:36] == b"LP":
        found = "font"  # Embedded OpenType: its magic number sits at byte 34 (old themes)
    if found != family:
        held = _NAMES.get(found, "something else")
        return (f"its name says {_NAMES[family]}, but its bytes are {held}",
                "Save it again in the format its name says, or remove it.")
    if family == "raster":
        problem = raster_metadata(data)
        if problem:
            return (f"a picture that still holds {problem}, which can tell where and when "
                    "it was taken and with what", FIX["raster"] + " (The photos plugin "
                    "publishes it without that data when it is in content/images/.)")
    return None


def _is_office_zip(data):
    return any(sign in data[:4096] for sign in (
        b"[Content_Types].xml", b"mimetypeapplication/vnd.oasis", b"word/", b"xl/",
        b"ppt/", b"mimetypeapplication/vnd.apple"))


# ---- pictures: what they may still carry -------------------------------------------------

# PNG chunks that describe pixels only; text, EXIF, time and unknown chunks are refused.
_PNG_OK = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB",
           b"iCCP", b"sBIT", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT", b"cICP", b"cLLI",
           b"mDCV", b"mDCv", b"cLLi"}
# Pillow's `info` keys that describe pixels or playback only.
_INFO_OK = {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "icc_profile",
            "adobe", "adobe_transform", "progressive", "progression", "transparency",
            "gamma", "srgb", "chromaticity", "duration", "loop", "background", "version",
            "compression", "sizes", "aspect", "interlace", "timestamp", "disposal",
            "bit_depth", "primary", "nclx_profile", "mode", "background_color", "blend",
            "default_image", "mp", "original_orientation", "resolution", "xres", "yres",
            "subsampling", "quality", "chroma"}
# TIFF tags that describe the pixels (everything else, EXIF/GPS/XMP/IPTC/text, is refused).
_TIFF_OK = {254, 255, 256, 257, 258, 259, 262, 266, 273, 274, 277, 278, 279, 280, 281, 282,
            283, 284, 290, 291, 296, 317, 318, 319, 320, 322, 323, 324, 325, 338, 339, 340,
            341, 530, 531, 532, 34675}


def raster_metadata(data):
    """What a picture carries besides its pixels ('EXIF data', 'a text chunk'...), or
    None. A second line of defence: the photos plugin re-encodes pictures without it."""
    if data.startswith(b"\x89PNG"):
        return _png_metadata(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_metadata(data)
    if data.startswith(b"\x00\x00\x01\x00"):
        return _ico_metadata(data)
    return _pillow_metadata(data)


def _png_metadata(data):
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind not in _PNG_OK:
            return f"a {kind.decode('latin-1')} chunk (text, EXIF or other data)"
        pos += 12 + length
        if kind == b"IEND":
            return "data after its end" if data[pos:].strip(b"\0") else None
    return "a damaged structure"


_JPEG_APP_OK = {0xE0: (b"JFIF\0", b"JFXX\0"), 0xE2: (b"ICC_PROFILE\0",), 0xEE: (b"Adobe",)}


def _jpeg_metadata(data):
    pos, size = 2, len(data)
    while pos + 2 <= size:
        if data[pos] != 0xFF:
            return "a damaged structure"
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xD9:  # end of image
            return "data after its end" if data[pos + 2:].strip(b"\0") else None
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if pos + 4 > size:
            break
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        body = data[pos + 4:pos + 2 + length]
        if marker == 0xFE:
            return "a comment"
        if 0xE0 <= marker <= 0xEF and not body.startswith(_JPEG_APP_OK.get(marker, (b"\xff",))):
            label = body[:12].split(b"\0")[0].decode("latin-1", "replace") or "unnamed"
            return f"an APP{marker - 0xE0} block ({label}: EXIF, XMP, IPTC or other data)"
        pos += 2 + length
        if marker == 0xDA:  # start of scan: skip the compressed data to the next marker
            pos = _next_marker(data, pos)
    return "a damaged structure"


# A marker after compressed data: 0xFF followed by anything but a stuffed 0x00, a restart
# marker or another 0xFF (fill). One regular-expression search in C, not a Python loop
# over every stuffed byte (a share card has thousands).
_MARKER = re.compile(rb"\xff(?=[^\x00\xd0-\xd7\xff])")


def _next_marker(data, pos):
    """The position of the next marker after compressed data, or len(data)."""
    found = _MARKER.search(data, pos)
    return found.start() if found else len(data)


def _ico_metadata(data):
    count = struct.unpack("<H", data[4:6])[0]
    for index in range(count):
        entry = data[6 + 16 * index:22 + 16 * index]
        if len(entry) < 16:
            return "a damaged structure"
        size, offset = struct.unpack("<II", entry[8:16])
        image = data[offset:offset + size]
        if image.startswith(b"\x89PNG"):
            problem = _png_metadata(image)
            if problem:
                return problem
    end = max((sum(struct.unpack("<II", data[14 + 16 * i:22 + 16 * i]))
               for i in range(count)), default=6)
    return "data after its end" if data[end:].strip(b"\0") else None


def _pillow_metadata(data):
    from PIL import Image, UnidentifiedImageError
    try:
        import pillow_heif  # noqa: F401 (HEIC; pinned in requirements.txt)
        pillow_heif.register_heif_opener()
    except ImportError:  # pragma: no cover
        pass
    try:
        with Image.open(io.BytesIO(data)) as im:
            frames = getattr(im, "n_frames", 1)
            for frame in range(min(frames, 64)):
                if frame:
                    im.seek(frame)
                # An empty entry (pillow-heif lists "thumbnails": [] always) holds nothing.
                extra = sorted(k for k, v in im.info.items() if v and k not in _INFO_OK)
                if extra:
                    return f"{extra[0]} data"
                if im.format == "TIFF":
                    tags = sorted(set(im.tag_v2) - _TIFF_OK)
                    if tags:
                        return f"TIFF tag {tags[0]} (EXIF, GPS, XMP or text)"
                exif = im.getexif()
                if len(exif) or exif.get_ifd(0x8825):
                    if im.format != "TIFF":
                        return "EXIF data"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError,
            Image.DecompressionBombError):
        return "a structure this build cannot read"
    return None
