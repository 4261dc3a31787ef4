"""PDFs, audio and video that carry secrets or can act on their own, made here with pypdf,
mutagen and by hand (no encoder is needed: the audio frames are silent but well formed)."""

import io
import struct
import wave

from mutagen import id3
from mutagen.apev2 import APEv2
from mutagen.flac import FLAC, Picture
from mutagen.mp4 import MP4
from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject,
                           NumberObject, TextStringObject, ByteStringObject)

SECRET = "SECRET-CLIENT-Jane-Riverside"
PLACE = "+45.5231-122.6765/"      # an ISO 6709 position, as a phone writes it
NEEDLES = [SECRET.encode(), SECRET.encode("utf-16-be"), PLACE.encode(), b"45.5231"]


def _xmp():
    return ('<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
            '"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc='
            f'"http://purl.org/dc/elements/1.1/" dc:creator="{SECRET}" dc:coverage='
            f'"{PLACE}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()


def _stream(writer, data, **entries):
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject("/" + key)] = value
    return writer._add_object(stream)


def _page(writer, text="Grounding exercise: name five things you can see."):
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    page[NameObject("/Contents")] = _stream(
        writer, f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())
    return page


def _bytes(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf(kind="plain"):
    """A one-page PDF; `kind` adds one thing to it (see the branches)."""
    writer = PdfWriter()
    writer.metadata = None
    page = _page(writer)
    root = writer._root_object

    def action(**entries):
        return DictionaryObject({NameObject("/Type"): NameObject("/Action"),
                                 **{NameObject("/" + k): v for k, v in entries.items()}})

    def link(act):
        annot = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (72, 700, 300, 730)]),
            NameObject("/A"): act})
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(annot)])

    if kind == "metadata":  # author, creator, producer, and XMP on the document and page
        writer.add_metadata({"/Author": SECRET, "/Creator": f"Word for {SECRET}",
                             "/Producer": "SpyPDF 1.0", "/Title": f"Notes on {SECRET}"})
        root[NameObject("/Metadata")] = _stream(writer, _xmp(), Type=NameObject("/Metadata"),
                                                Subtype=NameObject("/XML"))
        page[NameObject("/Metadata")] = _stream(writer, _xmp(), Type=NameObject("/Metadata"),
                                                Subtype=NameObject("/XML"))
        page[NameObject("/PieceInfo")] = DictionaryObject({NameObject("/Illustrator"):
                                                           TextStringObject(SECRET)})
    elif kind == "javascript":  # a document-level script in the names tree
        js = writer._add_object(action(S=NameObject("/JavaScript"),
                                       JS=TextStringObject("app.alert('hi')")))
        tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"), js])})
        root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    elif kind == "openaction":
        root[NameObject("/OpenAction")] = action(S=NameObject("/JavaScript"),
                                                 JS=TextStringObject("this.submitForm()"))
    elif kind == "openaction-uri":  # the action without the word JavaScript anywhere
        root[NameObject("/OpenAction")] = action(S=NameObject("/URI"),
                                                 URI=TextStringObject("https://t.example/p"))
    elif kind == "launch":
        link(action(S=NameObject("/Launch"), F=TextStringObject("calc.exe")))
    elif kind == "uri":
        link(action(S=NameObject("/URI"), URI=TextStringObject("https://tracker.example/x")))
    elif kind == "submit":
        link(action(S=NameObject("/SubmitForm"), F=TextStringObject("https://t.example/f")))
    elif kind == "page-aa":  # runs when the page opens
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): action(
            S=NameObject("/GoToR"), F=TextStringObject("other.pdf"))})
    elif kind == "embedded":
        writer.add_attachment("session-notes.txt", SECRET.encode())
    elif kind == "goto":  # a link to the same file's page: allowed
        link(action(S=NameObject("/GoTo"), D=ArrayObject([page.indirect_reference,
                                                          NameObject("/Fit")])))
    elif kind in ("form", "filled"):
        field = DictionaryObject({
            NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("name"),
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (72, 600, 300, 620)]),
            NameObject("/P"): page.indirect_reference})
        if kind == "filled":
            field[NameObject("/V")] = TextStringObject(SECRET)
        ref = writer._add_object(field)
        clear = writer._add_object(DictionaryObject({  # a "clear the form" button
            NameObject("/FT"): NameObject("/Btn"), NameObject("/Ff"): NumberObject(65536),
            NameObject("/T"): TextStringObject("clear"),
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (72, 560, 150, 580)]),
            NameObject("/A"): action(S=NameObject("/ResetForm"))}))
        page[NameObject("/Annots")] = ArrayObject([ref, clear])
        root[NameObject("/AcroForm")] = DictionaryObject({
            NameObject("/Fields"): ArrayObject([ref, clear]),
            NameObject("/DA"): TextStringObject("/Helv 0 Tf 0 g")})
    elif kind == "xfa":
        root[NameObject("/AcroForm")] = DictionaryObject({
            NameObject("/Fields"): ArrayObject(),
            NameObject("/XFA"): _stream(writer, b"<xdp:xdp/>")})
    elif kind == "comment":  # a sticky note: the therapist's comment goes out with it
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (1, 1, 20, 20)]),
            NameObject("/Contents"): ByteStringObject(SECRET.encode())}))])
    if kind == "encrypted":  # opens without a password, but its objects are encrypted
        writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    return _bytes(writer)


def pdf_with_old_revision():
    """A PDF saved twice: the first revision's author is still in the file's bytes."""
    first = pdf("metadata")
    writer = PdfWriter(io.BytesIO(first), incremental=True)
    writer.add_metadata({"/Author": "Someone else"})
    return _bytes(writer)


# --------------------------------------------------------------------------------------
# Audio and video
# --------------------------------------------------------------------------------------

# MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames.
MP3_FRAME = b"\xff\xfb\x90\x64" + bytes(413)


def mp3():
    """Silent MP3 frames with ID3v2 (comment, GPS-like text, title, cover), APEv2 and
    ID3v1 tags."""
    fh = io.BytesIO(MP3_FRAME * 40)
    tags = id3.ID3()
    tags.add(id3.TIT2(encoding=3, text="Body scan for " + SECRET))
    tags.add(id3.COMM(encoding=3, lang="eng", desc="", text=SECRET))
    tags.add(id3.TXXX(encoding=3, desc="GPS", text=PLACE))
    tags.add(id3.APIC(encoding=3, mime="image/jpeg", type=3, desc=SECRET, data=b"\xff\xd8pic"))
    tags.save(fh, v1=0)
    ape = APEv2()  # an APE tag, then an ID3v1 one, as some taggers write both
    ape["Comment"] = SECRET
    fh.seek(0)
    ape.save(fh)
    v1 = b"TAG" + b"Body scan".ljust(30, b"\0") + bytes(60) + b"2026" + \
        SECRET.encode()[:28].ljust(28, b"\0") + b"\0\1\xff"
    data = fh.getvalue() + v1
    assert len(v1) == 128 and b"APETAGEX" in data
    return data


def _box(kind, payload):
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _full(kind, payload, version=0):
    return _box(kind, bytes([version, 0, 0, 0]) + payload)


def m4a():
    """A minimal M4A (one audio track, one sample) with iTunes tags from mutagen, a
    QuickTime location (udta/©xyz), recording times, and a top-level XMP uuid box."""
    when = 3_850_000_000  # a 1904-based time, as QuickTime writes
    mvhd = _full(b"mvhd", struct.pack(">IIII", when, when, 1000, 1000) + bytes(80))
    tkhd = _full(b"tkhd", struct.pack(">IIII", when, when, 1, 0) + bytes(64), 0)
    mdhd = _full(b"mdhd", struct.pack(">IIIIHH", when, when, 44100, 1024, 0x55C4, 0))
    hdlr = _full(b"hdlr", bytes(4) + b"soun" + bytes(12) + b"Sound\0")
    esds = _full(b"esds", bytes.fromhex("03190000000411400000000000000000000000050212100603"))
    mp4a = _box(b"mp4a", bytes(6) + b"\0\1" + bytes(8) + b"\0\2\0\x10" + bytes(4)
                + struct.pack(">I", 44100 << 16) + esds)
    stsd = _full(b"stsd", struct.pack(">I", 1) + mp4a)
    stbl = _box(b"stbl", stsd + _full(b"stts", struct.pack(">III", 1, 1, 1024))
                + _full(b"stsc", struct.pack(">IIII", 1, 1, 1, 1))
                + _full(b"stsz", struct.pack(">III", 0, 1, 8))
                + _full(b"stco", struct.pack(">II", 1, 0)))
    dinf = _box(b"dinf", _full(b"dref", struct.pack(">I", 1) + _full(b"url ", b"")[:8]
                                + b"\0\0\0\1"))
    minf = _box(b"minf", _full(b"smhd", bytes(4)) + dinf + stbl)
    trak = _box(b"trak", tkhd + _box(b"mdia", mdhd + hdlr + minf))
    udta = _box(b"udta", _box(b"\xa9xyz", struct.pack(">HH", len(PLACE), 0x15C7)
                              + PLACE.encode()))
    moov = _box(b"moov", mvhd + trak + udta)
    ftyp = _box(b"ftyp", b"M4A \0\0\0\0M4A mp42isom")
    uuid = _box(b"uuid", bytes.fromhex("be7acfcb97a942e89c71999491e3afac") + _xmp())
    head = ftyp + moov + uuid
    mdat = _box(b"mdat", b"\x21\x10\x04\x60\x8c\x1c\0\0")
    # the one chunk starts inside mdat: point stco at it
    data = bytearray(head + mdat)
    at = data.index(b"stco") + 12
    data[at:at + 4] = struct.pack(">I", len(head) + 8)
    fh = io.BytesIO(bytes(data))
    tagged = MP4(fh)
    tagged.add_tags()
    tagged["\xa9nam"] = ["Breathing for " + SECRET]
    tagged["\xa9cmt"] = [SECRET]
    tagged["\xa9ART"] = ["Dr. " + SECRET]
    fh.seek(0)
    tagged.save(fh)
    return fh.getvalue()


def flac():
    """A FLAC header with no audio frames, a Vorbis comment and a cover picture."""
    streaminfo = struct.pack(">HH", 4096, 4096) + bytes(6) + \
        ((44100 << 44) | (1 << 41) | (15 << 36)).to_bytes(8, "big") + bytes(16)
    fh = io.BytesIO(b"fLaC" + bytes([0x80]) + len(streaminfo).to_bytes(3, "big") + streaminfo)
    tagged = FLAC(fh)
    tagged["comment"] = SECRET
    tagged["location"] = PLACE
    picture = Picture()
    picture.data, picture.mime, picture.desc = b"\x89PNG fake", "image/png", SECRET
    tagged.add_picture(picture)
    fh.seek(0)
    tagged.save(fh)
    return fh.getvalue()


def wav():
    """A short silent WAV with a LIST/INFO chunk naming the client."""
    fh = io.BytesIO()
    with wave.open(fh, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(bytes(1600))
    data = fh.getvalue()
    text = SECRET.encode() + b"\0"
    info = b"INFO" + b"ICMT" + struct.pack("<I", len(text)) + text + b"\0" * (len(text) & 1)
    chunk = b"LIST" + struct.pack("<I", len(info)) + info
    body = data[12:] + chunk
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body
