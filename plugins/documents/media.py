"""Audio and video without their tags: each kind is rebuilt from the parts that carry the
sound and pictures, and everything else is left out (tags, cover pictures, locations,
recording dates, applications' private boxes). mutagen then reads the result back, so a
file that does not come out playable is refused rather than published. Nothing here
imports Pelican.

MP3      only MPEG audio frames (ID3v2 at the start, ID3v1, APE and Lyrics tags at the end
         are not copied; anything else between frames refuses the file).
MP4/M4A  every box not needed to play it (udta, meta, uuid, Apple's location and keys...)
         becomes a zero-filled `free` box of the same size, so no offset changes; the
         creation and change times of the movie, tracks and media are zeroed.
FLAC     STREAMINFO and SEEKTABLE only (no Vorbis comments, pictures, application data),
         then the audio frames, less ID3v1, APE and Lyrics tags at the end.
WAV      the fmt, fact and data chunks only (no LIST/INFO, id3, bext...).
Others (Ogg, WebM/Matroska, AVI, AIFF, Windows Media, raw AAC, CAF) are refused with the
fix: their tags sit inside the stream (Ogg's comment packet) or in structures this module
does not rebuild, and MP3, M4A and MP4 play everywhere.
"""

import io
import struct

import mutagen
from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4


class Refused(Exception):
    def __init__(self, problem, fix):
        super().__init__(problem)
        self.problem, self.fix = problem, fix


EXPORT_FIX = ("export it as MP3 or M4A (audio) or MP4 (video) from your recording or "
              "editing app and put that in place of this file")
# Brands of ISO media files that hold pictures (photos' business), not audio or video.
IMAGE_BRANDS = {b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx",
                b"mif1", b"msf1", b"jxl "}
REFUSED_KINDS = ((b"\x1aE\xdf\xa3", 0, "WebM or Matroska"), (b"AVI ", 8, "AVI"),
                 (b"AIFF", 8, "AIFF"), (b"AIFC", 8, "AIFF"), (b"caff", 0, "CAF"),
                 (b"0&\xb2u\x8ef\xcf\x11", 0, "Windows Media"), (b"OggS", 0, "Ogg"))


def _id3_end(data, at=0):
    """Where the ID3v2 tags at `at` end (several may follow each other)."""
    while data[at:at + 3] == b"ID3" and len(data) >= at + 10:
        size = 0
        for byte in data[at + 6:at + 10]:
            size = (size << 7) | (byte & 0x7F)
        at += 10 + size + (10 if data[at + 5] & 0x10 else 0)
    return at


def kind_of(data):
    """'MP3', 'MP4', 'FLAC', 'WAV', a refused kind's name, or None (not media)."""
    head = data[_id3_end(data):][:16] if data[:3] == b"ID3" else data[:16]
    for magic, at, name in REFUSED_KINDS:
        if head[at:at + len(magic)] == magic:
            return name
    if head[:4] == b"fLaC":
        return "FLAC"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "WAV"
    if head[4:8] == b"ftyp":
        brands = {head[8:12], *(data[i:i + 4] for i in range(16, min(len(data), 64), 4))}
        return None if brands & IMAGE_BRANDS else "MP4"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip"):
        return "MP4"
    if len(head) >= 4 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return "MP3" if (head[1] >> 1) & 3 else "AAC"
    if data[:3] == b"ID3":
        return "MP3"  # a tag with no audio after it: cleaning finds no frames and refuses
    return None


# --------------------------------------------------------------------------------------
# MP3: MPEG audio frames, nothing else
# --------------------------------------------------------------------------------------

_BITRATES = {(1, 1): (32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
             (1, 2): (32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
             (1, 3): (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
             (2, 1): (32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
             (2, 2): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
_BITRATES[(2, 3)] = _BITRATES[(2, 2)]
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _frame_length(h):
    if len(h) < 4 or h[0] != 0xFF or h[1] & 0xE0 != 0xE0:
        return None
    version, layer_bits = (h[1] >> 3) & 3, (h[1] >> 1) & 3
    index, rate, pad = h[2] >> 4, (h[2] >> 2) & 3, (h[2] >> 1) & 1
    if version == 1 or layer_bits == 0 or index in (0, 15) or rate == 3:
        return None  # reserved values, or "free format", which nothing here can frame
    layer = 4 - layer_bits
    bitrate = _BITRATES[(1 if version == 3 else 2, layer)][index - 1] * 1000
    sample_rate = _RATES[version][rate]
    if layer == 1:
        return (12 * bitrate // sample_rate + pad) * 4
    if layer == 3 and version != 3:
        return 72 * bitrate // sample_rate + pad
    return 144 * bitrate // sample_rate + pad


def _without_end_tags(data):
    """`data` less the tags players accept at the end of MP3 and FLAC files: ID3v1,
    APEv2 and Lyrics3v2, in any order."""
    while True:
        if data[-128:-125] == b"TAG":
            data = data[:-128]
        elif data[-32:-24] == b"APETAGEX":
            size, flags = struct.unpack("<I4xI", data[-20:-8])
            data = data[:-(size + (32 if flags & 0x80000000 else 0))]
        elif data[-9:] == b"LYRICS200" and data[-15:-9].isdigit():
            data = data[:-(int(data[-15:-9]) + 15)]
        else:
            return data


def _mp3(data):
    data = _without_end_tags(data)
    at, frames = _id3_end(data), []
    while at < len(data):
        length = _frame_length(data[at:at + 4])
        if not length or at + length > len(data):
            break
        frames.append(data[at:at + length])
        at += length
    # Only frames are copied. Anything else before the end (a tag in the middle, a cut
    # file) means the audio could not be followed to its end: refuse rather than publish
    # a recording with its end cut off. A last few bytes of padding are let go.
    if not frames or len(data) - at > 4096:
        raise Refused("this MP3 could not be read to its end as MPEG audio", EXPORT_FIX)
    return b"".join(frames)


# --------------------------------------------------------------------------------------
# MP4 / M4A / MOV: boxes needed to play, the rest blanked in place
# --------------------------------------------------------------------------------------

_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex",
               b"moof", b"traf", b"mfra"}
_KEPT = {b"ftyp", b"styp", b"mdat", b"free", b"skip", b"wide", b"mvhd", b"tkhd", b"elst",
         b"mdhd", b"hdlr", b"vmhd", b"smhd", b"nmhd", b"sthd", b"gmhd", b"dref", b"stsd",
         b"stts", b"ctts", b"cslg", b"stss", b"stsh", b"sdtp", b"stsc", b"stsz", b"stz2",
         b"stco", b"co64", b"sgpd", b"sbgp", b"subs", b"saiz", b"saio", b"trex", b"mehd",
         b"mfhd", b"tfhd", b"tfdt", b"trun", b"tfra", b"mfro", b"sidx", b"tref", b"pdin"}
_TIMED = {b"mvhd", b"tkhd", b"mdhd"}  # version 0: 32-bit times, version 1: 64-bit


def _boxes(data, start, end):
    at = start
    while at + 8 <= end:
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[at + 8:at + 16])[0], 16
        elif size == 0:
            size = end - at
        if size < header or at + size > end:
            raise Refused("this video or audio file is cut short or damaged (a box runs "
                          "past its end)", EXPORT_FIX)
        yield at, header, size, kind
        at += size
    if at != end:
        raise Refused("this video or audio file has bytes that belong to no box",
                      EXPORT_FIX)


def _blank_mp4(buf, start, end):
    for at, header, size, kind in _boxes(buf, start, end):
        if kind in _CONTAINERS:
            _blank_mp4(buf, at + header, at + size)
        elif kind in _TIMED:
            times = 16 if buf[at + header] == 1 else 8
            buf[at + header + 4:at + header + 4 + times] = bytes(times)
        elif kind == b"dref":  # every data reference must say "in this file"
            for entry, entry_header, _size, _kind in _boxes(buf, at + header + 8, at + size):
                if not buf[entry + entry_header + 3] & 1:
                    raise Refused("this video or audio file plays media kept in other files "
                                  "or on the web", EXPORT_FIX)
        elif kind not in _KEPT:
            buf[at:at + size] = struct.pack(">I4s", size, b"free") + bytes(size - 8) \
                if header == 8 else struct.pack(">I4sQ", 1, b"free", size) + bytes(size - 16)


def _mp4(data):
    buf = bytearray(data)
    _blank_mp4(buf, 0, len(buf))
    return bytes(buf)


# --------------------------------------------------------------------------------------
# FLAC, WAV
# --------------------------------------------------------------------------------------

def _flac(data):
    at, kept = _id3_end(data) + 4, []
    while True:
        if at + 4 > len(data):
            raise Refused("this FLAC file is cut short", EXPORT_FIX)
        last, code = data[at] & 0x80, data[at] & 0x7F
        length = int.from_bytes(data[at + 1:at + 4], "big")
        if code in (0, 3):  # STREAMINFO, SEEKTABLE
            kept.append((code, data[at + 4:at + 4 + length]))
        at += 4 + length
        if last:
            break
    audio = _without_end_tags(data[at:])
    blocks = b"".join(bytes([code | (0x80 if n == len(kept) - 1 else 0)])
                      + len(body).to_bytes(3, "big") + body
                      for n, (code, body) in enumerate(kept))
    return b"fLaC" + blocks + audio


def _wav(data):
    kept, at = [], 12
    while at + 8 <= len(data):
        kind, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        body = data[at + 8:at + 8 + size]
        if len(body) < size:
            raise Refused("this WAV file is cut short", EXPORT_FIX)
        if kind in (b"fmt ", b"fact", b"data"):
            kept.append(kind + struct.pack("<I", size) + body + (b"\0" if size & 1 else b""))
        at += 8 + size + (size & 1)
    body = b"WAVE" + b"".join(kept)
    return b"RIFF" + struct.pack("<I", len(body)) + body


_CLEANERS = {"MP3": _mp3, "MP4": _mp4, "FLAC": _flac, "WAV": _wav}
# How the result is read back: it must be playable, with no tags left.
_READERS = {"MP3": MP3, "MP4": MP4, "FLAC": FLAC}


def clean(data, kind):
    """The bytes of a copy of the media file `data` (of kind_of's `kind`) without tags."""
    if kind not in _CLEANERS:
        raise Refused(f"this is a file in the {kind} format, whose tags this site cannot "
                      "remove",
                      EXPORT_FIX)
    try:
        out = _CLEANERS[kind](data)
        reader = _READERS.get(kind, mutagen.File)
        back = reader(io.BytesIO(out))
        tags = getattr(back, "tags", None)
        if back is None or (tags and len(tags)) or getattr(back, "pictures", None):
            raise Refused(f"this {kind} file still had tags after cleaning", EXPORT_FIX)
    except Refused:
        raise
    except (mutagen.MutagenError, struct.error, ValueError, IndexError, EOFError) as err:
        raise Refused(f"this file could not be read as {kind} audio or video "
                      f"({str(err)[:120]})", EXPORT_FIX) from err
    return out
