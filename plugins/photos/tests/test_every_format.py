"""Every raster kind a site can publish, full of secrets, in one build of a scratch site:
in content/images/, in content/extra/ (favicon.ico moved to the site's root by
EXTRA_PATH_METADATA, a photo saved under a name that is not a picture's), and next to a
post through {attach}. Each comes out re-encoded, in its own format at its own address,
with none of the secrets in any file of output/, and its container holding only what
showing the picture needs."""

import io
import struct
import textwrap

import pytest
from PIL import Image, ImageSequence

from . import photo_spyfiles as spy
from .conftest import PLUGINS_DIR, build_site

ONE_SECRET = b"SECRET-CLIENT-Riverside-Lane-4"


def _png_with_exif(size):
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", ONE_SECRET.decode())
    out = io.BytesIO()
    spy.marked_picture(*size).save(out, "PNG", pnginfo=info, exif=spy.exif_bytes()[6:])
    return out.getvalue()


def spy_ico():
    """An icon whose two PNG entries carry EXIF (GPS, camera) and a text comment."""
    entries = [_png_with_exif(size) for size in ((32, 32), (16, 16))]
    head = struct.pack("<HHH", 0, 1, len(entries))
    offset, table = 6 + 16 * len(entries), b""
    for (w, h), data in zip(((32, 32), (16, 16)), entries):
        table += struct.pack("<BBBBHHII", w, h, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return head + table + b"".join(entries)


def spy_gif():
    """A two-frame animation with a comment and an XMP application block."""
    frames = [spy.marked_picture(), spy.marked_picture().rotate(180)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=[300, 400],
                   loop=0, comment=spy.COMMENT.encode())
    data = out.getvalue()
    gct = 3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 0
    xmp, blocks = spy.xmp_packet(), b""
    for i in range(0, len(xmp), 255):
        blocks += bytes([len(xmp[i:i + 255])]) + xmp[i:i + 255]
    app = b"\x21\xff\x0bXMP DataXMP" + blocks + b"\x00"
    return data[:13 + gct] + app + data[13 + gct:]


def spy_tiff():
    out = io.BytesIO()
    spy.marked_picture().save(out, "TIFF", tiffinfo={
        271: spy.MAKE, 272: spy.MODEL, 315: spy.OWNER, 270: spy.COMMENT,
        700: spy.xmp_packet()})
    return out.getvalue()


def spy_avif():
    out = io.BytesIO()
    spy.marked_picture().save(out, "AVIF", exif=spy.exif_bytes(), xmp=spy.xmp_packet())
    return out.getvalue()


def spy_bmp():
    out = io.BytesIO()
    spy.marked_picture().save(out, "BMP")
    return out.getvalue() + ONE_SECRET  # bytes after the pixels, which a copy would keep


PICTURES = {  # content-relative source: (bytes, the published address, its format)
    "images/phone.jpg": (spy.spy_jpeg, "images/phone.jpg", "JPEG"),
    "images/screen.png": (spy.spy_png, "images/screen.png", "PNG"),
    "images/web.webp": (spy.spy_webp, "images/web.webp", "WEBP"),
    "images/iphone.heic": (spy.spy_heic, "images/iphone.jpg", "JPEG"),
    "images/modern.avif": (spy_avif, "images/modern.avif", "AVIF"),
    "images/moving.gif": (spy_gif, "images/moving.gif", "GIF"),
    "images/scan.tiff": (spy_tiff, "images/scan.tiff", "TIFF"),
    "images/paint.bmp": (spy_bmp, "images/paint.bmp", "BMP"),
    "extra/favicon.ico": (spy_ico, "favicon.ico", "ICO"),
    "extra/notes.txt": (spy.spy_jpeg, "extra/notes.txt", "JPEG"),
    "posts/trip/harbor.tif": (spy_tiff, "posts/trip/harbor.tif", "TIFF"),
}
NEEDLES = [*spy.NEEDLES, ONE_SECRET, b"XMP DataXMP", b"exif", b"eXIf"]


def gif_blocks(data):
    """The extension blocks of a GIF, as (label, application name) pairs."""
    assert data[:6] == b"GIF89a"
    i = 13 + (3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 0)
    found = []
    while data[i] != 0x3B:
        if data[i] == 0x21:
            label = data[i + 1]
            found.append((label, data[i + 3:i + 14] if label == 0xFF else b""))
            i += 2
        else:  # an image: descriptor, local table, LZW size
            flags = data[i + 9]
            i += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0) + 1
        while data[i]:
            i += data[i] + 1
        i += 1
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("every-format")
    content = root / "content"
    for rel, (make, _out, _fmt) in PICTURES.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
    (content / "posts" / "trip" / "trip.md").write_text(
        "Title: Trip\nDate: 2026-01-02\nSlug: trip\n\n"
        "![A scan]({attach}harbor.tif) and ![moving]({static}/images/moving.gif)\n",
        encoding="utf-8")
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        SITENAME = "Every format"
        PATH = "content"
        ARTICLE_PATHS = ["posts"]
        STATIC_PATHS = ["images", "extra", "posts"]
        EXTRA_PATH_METADATA = {{"extra/favicon.ico": {{"path": "favicon.ico"}}}}
        ARTICLE_URL = "blog/{{slug}}/"
        ARTICLE_SAVE_AS = "blog/{{slug}}/index.html"
        TIMEZONE = "UTC"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["photos"]
        PHOTOS_SHARE_CARDS = False
        PHOTOS_CACHE_PATH = {str(root / "photo-cache")!r}
        """), encoding="utf-8")
    return build_site(root), content


def test_the_fixtures_carry_their_secrets(site):
    _out, content = site
    for rel in PICTURES:
        data = (content / rel).read_bytes()
        assert any(n in data for n in NEEDLES), rel


@pytest.mark.parametrize("rel", sorted(PICTURES))
def test_each_kind_is_published_re_encoded_in_its_own_format(site, rel):
    out, content = site
    _make, address, fmt = PICTURES[rel]
    path = out / address
    assert path.is_file(), sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    data = path.read_bytes()
    assert data != (content / rel).read_bytes()
    with Image.open(path) as im:
        assert im.format == fmt
        if fmt != "TIFF":  # a TIFF's own tags are its EXIF block: checked below
            assert not im.getexif(), f"{address} has EXIF"
        assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(im.info)
        if fmt == "GIF":
            assert im.n_frames == 2  # the animation is kept
            assert [f.info["duration"] for f in ImageSequence.Iterator(im)] == [300, 400]
        if fmt == "ICO":
            assert im.ico.sizes() == {(32, 32), (16, 16)}  # every size is kept
        if fmt == "TIFF":  # only the tags that describe the pixels
            assert set(im.tag_v2) <= {256, 257, 258, 259, 262, 273, 277, 278, 279, 284,
                                      282, 283, 296, 338, 317}, sorted(im.tag_v2)
    if fmt in ("JPEG", "PNG", "WEBP"):
        assert spy.leftovers(data) == [], spy.leftovers(data)
    if fmt == "GIF":  # graphic controls and the loop count, nothing else
        assert {b for b in gif_blocks(data)} <= {(0xF9, b""), (0xFF, b"NETSCAPE2.0")}
    if fmt == "ICO":  # each entry a bare PNG
        count = struct.unpack("<H", data[4:6])[0]
        for n in range(count):
            size, at = struct.unpack("<II", data[6 + 16 * n + 8:6 + 16 * n + 16])
            assert spy.leftovers(data[at:at + size]) == []
    if fmt == "AVIF":  # no Exif or XMP item in the container
        assert b"Exif" not in data and b"application/rdf+xml" not in data


def test_no_secret_in_any_published_file(site):
    out, _content = site
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > len(PICTURES)
    for path in files:
        data = path.read_bytes()
        found = [n for n in NEEDLES if n in data]
        assert not found, f"{found} in {path}"


def test_a_gif_is_shown_as_itself_and_an_attached_tiff_is_sized(site):
    out, _content = site
    html = (out / "blog" / "trip" / "index.html").read_text(encoding="utf-8")
    assert 'src="/images/moving.gif"' in html  # shown as it is: the animation plays
    assert 'src="/posts/trip/harbor-400w-' in html  # a TIFF is sized like a photo
