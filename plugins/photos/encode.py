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

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

try:  # HEIC/HEIF photos from phones: read only when pillow-heif is installed.
    import pillow_heif
    pillow_heif.register_heif_opener()
    HEIF = True
except ImportError:  # pragma: no cover - it is pinned in requirements.txt
    HEIF = False

# Raster formats that are cleaned and re-encoded, and the format of their full-size copy.
RECODED = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "HEIF": "JPEG"}
EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "AVIF": ".avif"}
# Icons (favicon.ico) hold no camera data; they are left to Pelican's plain copy.
LEFT_AS_IS = {"ICO"}
# Bump when what encode() writes changes, so every cache entry is made again.
VERSION = 1

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PhotoError(Exception):
    """A picture that cannot be published: `problem` says what, `fix` what to do."""

    def __init__(self, problem, fix):
        super().__init__(problem)
        self.problem, self.fix = problem, fix


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
    """The Pillow format name of a file ('JPEG', 'PNG', ...), or None if not a picture."""
    try:
        with Image.open(path) as im:
            return im.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def _unreadable(reason):
    return PhotoError(f"this file could not be read as a picture ({reason})",
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


def _save(im, path, fmt, quality):
    if fmt == "JPEG":
        im.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "PNG":
        im.save(path, "PNG", optimize=True)
    elif fmt == "WEBP":
        im.save(path, "WEBP", quality=quality, method=4)
    elif fmt == "AVIF":
        im.save(path, "AVIF", quality=quality, speed=7)
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

    Raises PhotoError for a file that is too large, unreadable or of another kind.
    """
    try:
        size = os.path.getsize(path)
    except OSError as err:
        raise _unreadable(err.strerror or str(err)) from err
    if size > options.max_bytes:
        mb, limit = size / 1024 / 1024, options.max_bytes / 1024 / 1024
        raise PhotoError(f"this picture is {mb:.1f} MB; the limit is {limit:g} MB "
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
                raise PhotoError(
                    f"this is a {fmt} picture, which the site does not publish",
                    "save it as JPEG (photos) or PNG (drawings, screenshots) and put that "
                    "in place of this file")
            im.load()
            clean = _clean_pixels(im)
    except Image.DecompressionBombError as err:
        raise PhotoError(f"this picture has too many pixels to open safely ({err})",
                         "export a smaller copy (3000 pixels on the long side) and use "
                         "that") from err
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as err:
        raise _unreadable(str(err) or type(err).__name__) from err

    os.makedirs(os.path.dirname(folder), exist_ok=True)
    work = tempfile.mkdtemp(prefix=".tmp-", dir=os.path.dirname(folder))
    alpha = clean.mode == "RGBA"
    full_fmt = "PNG" if alpha and RECODED[fmt] == "JPEG" else RECODED[fmt]
    picture = Picture(clean.width, clean.height, alpha, "full" + EXTENSION[full_fmt])
    _save(clean, os.path.join(work, picture.full), full_fmt, options.full_quality)
    fallback = "PNG" if alpha else "JPEG"
    for width in plan_widths(clean.width, options.widths):
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
