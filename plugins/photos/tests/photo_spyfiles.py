"""Pictures that carry secrets, made here byte by byte, and readers that list what a
published file still holds.

The EXIF block is written by hand (a little-endian TIFF structure: IFD0 with the camera's
make and model and orientation 6, an Exif IFD with the time and a maker note, a GPS IFD
with a position, and IFD1 with an embedded JPEG thumbnail), because Pillow does not write
thumbnails. XMP, IPTC (Photoshop APP13), a comment and an ICC profile come on top.
"""

import io
import struct

from PIL import Image, ImageCms

MAKE = "SpyCam Industries"
MODEL = "Pocket Spy 9000"
OWNER = "Jordan Secret Owner"
MAKERNOTE = b"SPY-MAKERNOTE-serial-77231"
XMP_PLACE = "Secret Street 12, Hometown"
IPTC_CITY = b"Hidden Hometown"
COMMENT = "taken at home, do not share"
THUMB_MARK = (250, 3, 250)   # the thumbnail's colour: magenta, nowhere in the picture
# Byte strings that must not appear in any published file (text the fixtures carry).
NEEDLES = [MAKE.encode(), MODEL.encode(), OWNER.encode(), MAKERNOTE, XMP_PLACE.encode(),
           IPTC_CITY, COMMENT.encode(), b"Exif\x00\x00", b"http://ns.adobe.com/xap/1.0/",
           b"<x:xmpmeta", b"Photoshop 3.0", b"8BIM", b"2026:03:04 05:06:07"]

_TYPES = {"BYTE": 1, "ASCII": 2, "SHORT": 3, "LONG": 4, "RATIONAL": 5, "UNDEFINED": 7}


def _value(kind, value):
    if kind == "ASCII":
        data = value.encode() + b"\0"
        return data, len(data)
    if kind == "SHORT":
        return struct.pack("<H", value), 1
    if kind == "LONG":
        return struct.pack("<I", value), 1
    if kind == "BYTE":
        return bytes(value), len(value)
    if kind == "RATIONAL":
        return b"".join(struct.pack("<II", n, d) for n, d in value), len(value)
    return value, len(value)  # UNDEFINED


def _ifd_size(entries):
    extra = sum((len(_value(k, v)[0]) + 1) & ~1 for _t, k, v in entries
                if len(_value(k, v)[0]) > 4)
    return 2 + 12 * len(entries) + 4 + extra


def _ifd(entries, start, next_offset):
    entries = sorted(entries)
    head = struct.pack("<H", len(entries))
    data = b""
    data_at = start + 2 + 12 * len(entries) + 4
    for tag, kind, value in entries:
        raw, count = _value(kind, value)
        if len(raw) <= 4:
            field = raw.ljust(4, b"\0")
        else:
            field = struct.pack("<I", data_at + len(data))
            data += raw + (b"\0" if len(raw) % 2 else b"")
        head += struct.pack("<HHI", tag, _TYPES[kind], count) + field
    return head + struct.pack("<I", next_offset) + data


def exif_block(orientation=6, thumbnail=b""):
    """The TIFF bytes of a full EXIF block (without the "Exif\\0\\0" prefix)."""
    exif = [(0x9003, "ASCII", "2026:03:04 05:06:07"), (0x927C, "UNDEFINED", MAKERNOTE),
            (0xA430, "ASCII", OWNER)]
    gps = [(0x0000, "BYTE", [2, 3, 0, 0]), (0x0001, "ASCII", "N"),
           (0x0002, "RATIONAL", [(45, 1), (31, 1), (1234, 100)]), (0x0003, "ASCII", "W"),
           (0x0004, "RATIONAL", [(122, 1), (40, 1), (5678, 100)])]
    ifd0 = [(0x010F, "ASCII", MAKE), (0x0110, "ASCII", MODEL),
            (0x0112, "SHORT", orientation), (0x0132, "ASCII", "2026:03:04 05:06:07"),
            (0x8769, "LONG", 0), (0x8825, "LONG", 0)]
    ifd1 = [(0x0103, "SHORT", 6), (0x0201, "LONG", 0), (0x0202, "LONG", len(thumbnail))]
    at0 = 8
    at_exif = at0 + _ifd_size(ifd0)
    at_gps = at_exif + _ifd_size(exif)
    at1 = at_gps + _ifd_size(gps)
    at_thumb = at1 + _ifd_size(ifd1)
    ifd0 = [e for e in ifd0 if e[0] not in (0x8769, 0x8825)] + [
        (0x8769, "LONG", at_exif), (0x8825, "LONG", at_gps)]
    ifd1 = [(0x0103, "SHORT", 6), (0x0201, "LONG", at_thumb),
            (0x0202, "LONG", len(thumbnail))]
    return (b"II*\0" + struct.pack("<I", at0) + _ifd(ifd0, at0, at1 if thumbnail else 0)
            + _ifd(exif, at_exif, 0) + _ifd(gps, at_gps, 0)
            + (_ifd(ifd1, at1, 0) + thumbnail if thumbnail else b""))


def xmp_packet():
    return ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
            f'photoshop:City="{XMP_PLACE}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()


def _segment(marker, payload):
    return marker + struct.pack(">H", len(payload) + 2) + payload


def _iptc():
    record = b"\x1c\x02\x5a" + struct.pack(">H", len(IPTC_CITY)) + IPTC_CITY
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    return b"Photoshop 3.0\x00" + block + (b"\0" if len(record) % 2 else b"")


def marked_picture(width=400, height=300):
    """A landscape picture as stored by a phone held upright: red in the stored top-left
    corner, blue in the stored bottom-right; orientation 6 turns it a quarter right."""
    im = Image.new("RGB", (width, height), (120, 160, 140))
    im.paste((220, 20, 20), (0, 0, width // 4, height // 4))
    im.paste((20, 20, 220), (width - width // 4, height - height // 4, width, height))
    return im


def thumbnail_jpeg():
    out = io.BytesIO()
    Image.new("RGB", (64, 48), THUMB_MARK).save(out, "JPEG", quality=90)
    return out.getvalue()


def srgb_icc():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def spy_jpeg(width=400, height=300, orientation=6):
    """A real JPEG with GPS, make/model, maker note, thumbnail, XMP, IPTC, comment, ICC."""
    out = io.BytesIO()
    marked_picture(width, height).save(out, "JPEG", quality=92, icc_profile=srgb_icc(),
                                       comment=COMMENT)
    data = out.getvalue()
    app1 = _segment(b"\xff\xe1", b"Exif\x00\x00" + exif_block(orientation, thumbnail_jpeg()))
    xmp = _segment(b"\xff\xe1", b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet())
    app13 = _segment(b"\xff\xed", _iptc())
    return data[:2] + app1 + xmp + app13 + data[2:]


def exif_bytes(orientation=6):
    return b"Exif\x00\x00" + exif_block(orientation)


def spy_png(orientation=6):
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", COMMENT)
    info.add_itxt("XML:com.adobe.xmp", xmp_packet().decode())
    info.add_text("Make", MAKE)
    out = io.BytesIO()
    marked_picture().save(out, "PNG", pnginfo=info, exif=exif_bytes(orientation)[6:],
                          icc_profile=srgb_icc())
    return out.getvalue()


def spy_webp(orientation=6):
    out = io.BytesIO()
    marked_picture().save(out, "WEBP", quality=90, exif=exif_bytes(orientation),
                          xmp=xmp_packet(), icc_profile=srgb_icc())
    return out.getvalue()


def spy_heic(orientation=6):
    import pillow_heif
    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    marked_picture().save(out, "HEIF", quality=90, exif=exif_bytes(orientation),
                          xmp=xmp_packet())
    return out.getvalue()


# --------------------------------------------------------------------------------------
# What a published file holds, by container: only the parts listed as allowed may appear.
# --------------------------------------------------------------------------------------

# JPEG markers a bare picture needs: frame, tables, scan, restart, end, and JFIF's APP0.
JPEG_ALLOWED = {0xD8, 0xD9, 0xC0, 0xC1, 0xC2, 0xC4, 0xDB, 0xDA, 0xDD, 0xE0}
PNG_ALLOWED = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
WEBP_ALLOWED = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def jpeg_markers(data):
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    found, i = [0xD8], 2
    while i < len(data):
        assert data[i] == 0xFF, f"broken marker at {i}"
        marker = data[i + 1]
        found.append(marker)
        if marker == 0xDA:  # the scan: entropy-coded data follows until EOI
            break
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker == 0xE0:
            assert data[i + 4:i + 9] == b"JFIF\0", "an APP0 that is not JFIF"
        i += 2 + length
    return found


def png_chunks(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    found, i = [], 8
    while i < len(data):
        length = struct.unpack(">I", data[i:i + 4])[0]
        found.append(data[i + 4:i + 8])
        i += 12 + length
    return found


def webp_chunks(data):
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "not a WebP"
    found, i = [], 12
    while i < len(data):
        kind, length = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
        found.append(kind)
        i += 8 + length + (length & 1)
    return found


def leftovers(data):
    """What a published raster still carries beyond bare pixels (empty list when clean)."""
    if data[:2] == b"\xff\xd8":
        extra = [hex(m) for m in jpeg_markers(data) if m not in JPEG_ALLOWED]
        if data.count(b"\xff\xd8\xff") != 1:
            extra.append("a second JPEG inside (a thumbnail)")
        return extra
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return [c.decode() for c in png_chunks(data) if c not in PNG_ALLOWED]
    if data[:4] == b"RIFF":
        extra = [c.decode() for c in webp_chunks(data) if c not in WEBP_ALLOWED]
        # VP8X announces metadata with flags: ICC 0x20, EXIF 0x08, XMP 0x04.
        if data[12:16] == b"VP8X" and data[20] & 0x2C:
            extra.append(f"VP8X flags {data[20]:#x}")
        return extra
    return [f"unknown container {data[:12]!r}"]
