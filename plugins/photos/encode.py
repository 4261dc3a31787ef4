"""Clean and size one picture with Pillow, keeping the results in a content-hash cache.

Cleaning means: the orientation tag is applied to the pixels (so nothing shows sideways once
the tag is gone), the colours are converted to sRGB from any embedded profile, and a new
image is made from the bare pixels, so no EXIF, GPS, XMP, IPTC, maker note, comment or
thumbnail can ride along into any file written from it. The source file is only read.

Nothing here imports Pelican: tools and tests can call it on any file.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field

from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

try:  # HEIC/HEIF photos from phones: read only when pillow-heif is installed.
    import pillow_heif
    pillow_heif.register_heif_opener()
    HEIF = True
except ImportError:  # pragma: no cover - it is pinned in requirements.txt
    HEIF = False

# Raster formats that are cleaned and re-encoded, and the format of their full-size copy
# (the same as the source's, so every address keeps working; HEIC becomes JPEG because
# browsers other than Safari cannot show it). Every other picture kind is refused.
RECODED = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "HEIF": "JPEG",
           "AVIF": "AVIF", "GIF": "GIF", "ICO": "ICO", "BMP": "BMP", "TIFF": "TIFF"}
# Kept whole rather than sized: every frame of a GIF (an animation would stop if sized
# copies replaced it) and every size of an icon.
UNSIZED = {"GIF", "ICO"}
EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "AVIF": ".avif", "GIF": ".gif",
             "ICO": ".ico", "BMP": ".bmp", "TIFF": ".tif"}
# Picture kinds Pillow cannot open, known by their first bytes, so that they are refused
# as pictures (with the fix) instead of being copied as they are with their camera data.
_UNREADABLE_KINDS = ((0, b"\xff\x0a", "JPEG XL"),
                     (0, b"\x00\x00\x00\x0cJXL \r\n\x87\n", "JPEG XL"),
                     (0, b"II\xbc", "JPEG XR"))
# ISO media files (the box "ftyp" at byte 4) whose brand says they hold a picture.
_IMAGE_BRANDS = {b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx",
                 b"mif1", b"msf1", b"jxl "}
# Bump when what encode() writes changes, so every cache entry is made again.
VERSION = 2

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PhotosError(Exception):
    """The plugin's one error (docs/plugin-contract.md): a PHOTOS_ setting or a picture
    needs fixing. Raised once by the build, with every problem in `.findings` (finding
    dicts) and in its message; here, for one picture, whose file the caller fills in."""

    def __init__(self, message, findings):
        super().__init__(message)
        self.findings = findings


def _refused(problem, fix):
    """A picture that cannot be published: one finding, its file left for the caller."""
    return PhotosError(problem, [{"check": "photos", "file": "", "line": 0, "field": "",
                                  "what": problem, "fix": fix, "page": ""}])


@dataclass(frozen=True)
class Options:
    widths: tuple = (480, 800, 1200, 1600)
    modern: str = "WEBP"          # or "AVIF"
    quality: int = 78             # the sized copies (modern and fallback)
    full_quality: int = 85        # the full-size copy
    max_bytes: int = 25 * 1024 * 1024

    def key(self):
        return json.dumps({**asdict(self), "version": VERSION}, sort_keys=True)


@dataclass
class Picture:
    """What one source became: file names are inside its cache folder."""
    width: int
    height: int
    alpha: bool
    full: str                                   # the cleaned full-size copy
    sizes: list = field(default_factory=list)   # [width, height, modern file, fallback file]
    folder: str = ""                            # the cache folder (not stored)


def sniff(path):
    """The kind of picture a file holds by its bytes ('JPEG', 'PNG', ... as Pillow names
    them, or 'JPEG XL' and the like for kinds Pillow cannot open), or None."""
    try:
        with Image.open(path) as im:
            return im.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        pass
    try:
        with open(path, "rb") as fh:
            head = fh.read(32)
    except OSError:
        return None
    for at, magic, kind in _UNREADABLE_KINDS:
        if head[at:at + len(magic)] == magic:
            return kind
    if head[4:8] == b"ftyp" and (head[8:12] in _IMAGE_BRANDS or
                                 _IMAGE_BRANDS & {head[i:i + 4] for i in range(16, 32, 4)}):
        return "HEIF or AVIF"  # a picture container Pillow could not open here
    return None


def _unreadable(reason):
    return _refused(f"this file could not be read as a picture ({reason})",
                    "open it in a photo app, export it again as JPEG or PNG, and replace "
                    "the file (or remove it)")


def _clean_pixels(im):
    """Upright, sRGB, RGB or RGBA, and a brand-new image holding nothing but pixels."""
    im = ImageOps.exif_transpose(im)
    alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
    target = "RGBA" if alpha else "RGB"
    icc = im.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if im.mode not in ("RGB", "RGBA", "CMYK", "L"):
                im = im.convert(target)
            im = ImageCms.profileToProfile(im, source, SRGB, outputMode=target)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken or mismatched profile: the pixels are taken as sRGB
    if im.mode != target:
        im = im.convert(target)
    # frombytes: the new image has an empty .info, so no profile, EXIF or XMP is carried.
    return Image.frombytes(target, im.size, im.tobytes())


def _clean_frames(im):
    """Every frame of a GIF (or every size of an icon), each rebuilt from bare pixels, with
    only what showing them needs: frame durations and the loop count of an animation."""
    if im.format == "ICO":
        sizes = sorted(im.ico.sizes(), reverse=True)
        return [_clean_pixels(im.ico.getimage(size)) for size in sizes], {}
    frames, durations = [], []
    for frame in ImageSequence.Iterator(im):
        frames.append(_clean_pixels(frame.convert("RGBA")))
        durations.append(int(frame.info.get("duration") or 100))
    timing = {"duration": durations} if len(frames) > 1 else {}
    if len(frames) > 1 and isinstance(im.info.get("loop"), int):
        timing["loop"] = im.info["loop"]
    return frames, timing


def _save_frames(frames, timing, path, fmt):
    # Only the frames and their timing are passed: no comment, XMP or other application
    # block of the source can be written (the new frames' .info is empty).
    if fmt == "ICO":
        frames[0].save(path, "ICO", sizes=[f.size for f in frames],
                       append_images=frames[1:])
    else:
        frames[0].save(path, "GIF", save_all=len(frames) > 1, append_images=frames[1:],
                       optimize=False, disposal=2, **timing)


def _save(im, path, fmt, quality):
    if fmt == "JPEG":
        im.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "PNG":
        im.save(path, "PNG", optimize=True)
    elif fmt == "WEBP":
        im.save(path, "WEBP", quality=quality, method=4)
    elif fmt == "AVIF":
        im.save(path, "AVIF", quality=quality, speed=7)
    elif fmt == "BMP":
        im.save(path, "BMP")
    elif fmt == "TIFF":
        im.save(path, "TIFF", compression="tiff_lzw")
    else:  # pragma: no cover - Options are checked by the plugin
        raise ValueError(fmt)


def plan_widths(width, widths):
    """The widths to make for a picture `width` wide: never wider than the source."""
    wanted = sorted({w for w in widths if w < width})
    top = min(width, max(widths))
    if top not in wanted:
        wanted.append(top)
    return wanted


def digest_of(data, options):
    return hashlib.sha256(options.key().encode() + b"\0" + data).hexdigest()


def store(path, make):
    """Write make()'s bytes to path so that it appears whole or not at all.

    Two builds can share one cache (the test suite runs two at once): each writes its
    own uniquely named temporary file, and whichever renames last wins with the same
    bytes, so neither finds its file taken away by the other.
    """
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(make())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def process(path, options, cache_root):
    """Clean and size one picture. Returns (Picture, encoded), encoded False on a cache hit.

    Raises PhotosError for a file that is too large, unreadable or of another kind.
    """
    try:
        size = os.path.getsize(path)
    except OSError as err:
        raise _unreadable(err.strerror or str(err)) from err
    if size > options.max_bytes:
        mb, limit = size / 1024 / 1024, options.max_bytes / 1024 / 1024
        raise _refused(f"this picture is {mb:.1f} MB; the limit is {limit:g} MB "
                       "(PHOTOS_MAX_MB)",
                       "export a smaller copy (3000 pixels on the long side is plenty for "
                       "a website) and put it in place of this file")
    with open(path, "rb") as fh:
        data = fh.read()
    digest = digest_of(data, options)
    folder = os.path.join(cache_root, digest[:2], digest)
    info = os.path.join(folder, "picture.json")
    if os.path.exists(info):
        with open(info, encoding="utf-8") as fh:
            return Picture(**json.load(fh), folder=folder), False

    try:
        with Image.open(io.BytesIO(data)) as im:
            fmt = im.format
            if fmt not in RECODED:
                raise _refused(
                    f"this is a {fmt} picture, which the site does not publish",
                    "save it as JPEG (photos) or PNG (drawings, screenshots) and put that "
                    "in place of this file")
            im.load()
            if fmt in UNSIZED:
                frames, timing = _clean_frames(im)
                clean = frames[0]
            else:  # a TIFF's first page, an MPO's first picture: the one a viewer shows
                clean = _clean_pixels(im)
    except Image.DecompressionBombError as err:
        raise _refused(f"this picture has too many pixels to open safely ({err})",
                       "export a smaller copy (3000 pixels on the long side) and use "
                       "that") from err
    except PhotosError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as err:
        raise _unreadable(str(err) or type(err).__name__) from err

    os.makedirs(os.path.dirname(folder), exist_ok=True)
    work = tempfile.mkdtemp(prefix=".tmp-", dir=os.path.dirname(folder))
    alpha = clean.mode == "RGBA"
    full_fmt = "PNG" if alpha and RECODED[fmt] == "JPEG" else RECODED[fmt]
    picture = Picture(clean.width, clean.height, alpha, "full" + EXTENSION[full_fmt])
    if fmt in UNSIZED:
        _save_frames(frames, timing, os.path.join(work, picture.full), full_fmt)
    else:
        _save(clean, os.path.join(work, picture.full), full_fmt, options.full_quality)
    fallback = "PNG" if alpha else "JPEG"
    for width in plan_widths(clean.width, options.widths) if fmt not in UNSIZED else ():
        height = max(1, round(clean.height * width / clean.width))
        sized = clean if width == clean.width else clean.resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        names = [f"{width}{EXTENSION[options.modern]}", f"{width}{EXTENSION[fallback]}"]
        _save(sized, os.path.join(work, names[0]), options.modern, options.quality)
        _save(sized, os.path.join(work, names[1]), fallback, options.quality)
        picture.sizes.append([width, height, *names])
    with open(os.path.join(work, "picture.json"), "w", encoding="utf-8") as fh:
        json.dump({k: v for k, v in asdict(picture).items() if k != "folder"}, fh)
    try:
        os.replace(work, folder)  # the entry appears whole or not at all
    except OSError:  # another build made it meanwhile: keep that one
        shutil.rmtree(work, ignore_errors=True)
    picture.folder = folder
    return picture, True
