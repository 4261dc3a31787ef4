"""The documents plugin alone on scratch sites with Pelican's default theme, in three
builds: one that publishes (handouts, a blank form, audio and captions, and files full of
metadata that must come out clean), one that must refuse every hostile file with one
message, and one with wrong settings. Outputs are read back with pypdf and mutagen, and
searched byte by byte."""

import io
import struct
import textwrap
from pathlib import Path
from types import SimpleNamespace

import mutagen
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject

from . import spyfiles as spy
from .conftest import PLUGINS_DIR, assert_stopped, run_site


def write_site(root, files, extra_conf=""):
    """A scratch site in `root`: content/ holding `files` ({path: bytes or str}), and a
    conf.py with this plugin alone and Pelican's default theme."""
    root = Path(root)
    for rel, data in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(textwrap.dedent(data), encoding="utf-8")
        else:
            path.write_bytes(data)
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        SITENAME = "Documents test"
        PATH = "content"
        ARTICLE_PATHS = ["posts"]
        STATIC_PATHS = ["extra", "posts", "audio"]
        ARTICLE_URL = "blog/{{slug}}/"
        ARTICLE_SAVE_AS = "blog/{{slug}}/index.html"
        TIMEZONE = "UTC"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        CACHE_CONTENT = False
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["documents"]
        DOCUMENTS_CACHE_PATH = {str(root / "documents-cache")!r}
        """) + extra_conf, encoding="utf-8")
    return root


VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nBreathe in slowly.\n"
SRT = "1\n00:00:00,000 --> 00:00:02,000\nBreathe in slowly.\n"

# content-relative source: (bytes, published address, what it must be: "PDF", media kind,
# or "same" for a file left as it is)
PUBLISHED = {
    "extra/handout.pdf": (spy.pdf(), "extra/handout.pdf", "PDF"),
    "extra/intake-form.pdf": (spy.pdf("form"), "extra/intake-form.pdf", "PDF"),
    "extra/contents.pdf": (spy.pdf("goto"), "extra/contents.pdf", "PDF"),
    "extra/from-word.pdf": (spy.pdf("metadata"), "extra/from-word.pdf", "PDF"),
    "extra/revised.pdf": (spy.pdf_with_old_revision(), "extra/revised.pdf", "PDF"),
    "extra/scan-2026.dat": (spy.pdf("metadata"), "extra/scan-2026.dat", "PDF"),
    "posts/week/worksheet.pdf": (spy.pdf("metadata"), "blog/week/worksheet.pdf", "PDF"),
    "audio/body-scan.mp3": (spy.mp3(), "audio/body-scan.mp3", "MP3"),
    "extra/voice-note.txt": (spy.mp3(), "extra/voice-note.txt", "MP3"),  # by its bytes
    "audio/breathing.m4a": (spy.m4a(), "audio/breathing.m4a", "MP4"),
    "audio/rain.flac": (spy.flac(), "audio/rain.flac", "FLAC"),
    "audio/bell.wav": (spy.wav(), "audio/bell.wav", "WAV"),
    "audio/body-scan.vtt": (VTT.encode(), "audio/body-scan.vtt", "same"),
    "audio/body-scan.srt": (SRT.encode(), "audio/body-scan.srt", "same"),
}
POST = ("Title: Week one\nDate: 2026-01-02\nSlug: week\n\n"
        "The [worksheet]({attach}worksheet.pdf) and the "
        "[body scan]({static}/audio/body-scan.mp3).\n")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("documents-published")
    files = {rel: data for rel, (data, _out, _kind) in PUBLISHED.items()}
    write_site(root, {**files, "posts/week/week.md": POST})
    result = run_site(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def test_the_fixtures_carry_what_they_claim():
    for rel, (data, _out, kind) in PUBLISHED.items():
        if rel.endswith(("from-word.pdf", "revised.pdf", ".dat", "worksheet.pdf")) or \
                kind in ("MP3", "MP4", "FLAC", "WAV"):
            assert any(n in data for n in spy.NEEDLES), rel


def test_every_file_is_published_at_its_address_and_cleaned(published):
    for rel, (data, address, kind) in PUBLISHED.items():
        path = published / address
        assert path.is_file(), (rel, sorted(str(p.relative_to(published))
                                            for p in published.rglob("*")))
        if kind == "same":  # captions are text: left as they are
            assert path.read_bytes() == data
        else:
            assert path.read_bytes() != data, f"{address} is the original"
    # The attached worksheet moved next to its post; nothing was left at its old address.
    assert not (published / "posts").exists()


def test_no_secret_in_any_published_file(published):
    files = [p for p in published.rglob("*") if p.is_file()]
    assert len(files) >= len(PUBLISHED)
    for path in files:
        data = path.read_bytes()
        assert not [n for n in spy.NEEDLES if n in data], path


def _pdf_objects(reader):
    for number in range(1, reader.trailer["/Size"]):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - a free entry
            continue
        if obj is not None:
            yield obj


@pytest.mark.parametrize("rel", [r for r, v in PUBLISHED.items() if v[2] == "PDF"])
def test_each_pdf_keeps_its_pages_and_loses_its_metadata(published, rel):
    reader = PdfReader(published / PUBLISHED[rel][1])
    assert reader.metadata is None  # no /Info: no Author, Creator, Producer, Title
    assert reader.xmp_metadata is None
    assert "Grounding exercise" in reader.pages[0].extract_text()
    for obj in _pdf_objects(reader):  # every object, stream contents decoded
        if isinstance(obj, DictionaryObject):
            assert not {"/Metadata", "/PieceInfo", "/Author", "/Producer"} & set(obj), obj
        if isinstance(obj, StreamObject):
            assert not [n for n in spy.NEEDLES if n in obj.get_data()]
    if "intake-form" in rel:  # the blank form is still a form
        assert reader.get_fields()["name"].get("/V") is None


def _mp4_boxes(data, start=0, end=None, path=""):
    end = len(data) if end is None else end
    while start < end:
        size, kind = struct.unpack(">I4s", data[start:start + 8])
        name = f"{path}/{kind.decode('latin-1')}"
        yield name, data[start + 8:start + size]
        if kind in (b"moov", b"trak", b"mdia", b"minf", b"stbl"):
            yield from _mp4_boxes(data, start + 8, start + size, name)
        start += size


def test_audio_and_video_keep_their_sound_and_lose_their_tags(published):
    for rel, (_data, address, kind) in PUBLISHED.items():
        if kind not in ("MP3", "MP4", "FLAC", "WAV"):
            continue
        data = (published / address).read_bytes()
        back = mutagen.File(io.BytesIO(data))
        assert back is not None, address
        assert not back.tags, (address, back.tags)
        assert not getattr(back, "pictures", None)
        if kind == "MP3":
            assert data[:3] != b"ID3" and data[-128:-125] != b"TAG"
            assert data == spy.MP3_FRAME * 40  # every frame, and only the frames
        if kind == "MP4":
            boxes = dict(_mp4_boxes(data))
            assert {"/ftyp", "/moov/trak/mdia/minf/stbl/stco", "/mdat"} <= set(boxes)
            assert not [b for b in boxes if b.rsplit("/", 1)[1] in ("udta", "meta", "uuid")]
            assert boxes["/moov/mvhd"][4:12] == bytes(8)  # no recording time
            assert back.info.sample_rate == 44100
        if kind == "FLAC":
            assert back.info.sample_rate == 44100
            codes, at, last = [], 4, False
            while not last:  # the metadata blocks: the stream information only
                last, code = data[at] & 0x80, data[at] & 0x7F
                codes.append(code)
                at += 4 + int.from_bytes(data[at + 1:at + 4], "big")
            assert codes == [0], codes
        if kind == "WAV":
            chunks, at = [], 12
            while at < len(data):
                size = struct.unpack("<I", data[at + 4:at + 8])[0]
                chunks.append(data[at:at + 4])
                at += 8 + size + (size & 1)
            assert chunks == [b"fmt ", b"data"]


HOSTILE = {  # content-relative source: (bytes, words the message must hold for it)
    "extra/script.pdf": (spy.pdf("javascript"), "JavaScript"),
    "extra/open-script.pdf": (spy.pdf("openaction"), "JavaScript"),
    "extra/open-link.pdf": (spy.pdf("openaction-uri"), "an action (URI)"),
    "extra/launch.pdf": (spy.pdf("launch"), "an action (Launch)"),
    "extra/web-link.pdf": (spy.pdf("uri"), "a link to a web address"),
    "extra/submit.pdf": (spy.pdf("submit"), "an action (SubmitForm)"),
    "extra/page-trigger.pdf": (spy.pdf("page-aa"), "actions that run when a page"),
    "extra/attachment.pdf": (spy.pdf("embedded"), "embedded files"),
    "extra/intake-form-filled.pdf": (spy.pdf("filled"), "with an answer filled in"),
    "extra/xfa.pdf": (spy.pdf("xfa"), "an XFA form"),
    "extra/commented.pdf": (spy.pdf("comment"), "a Text annotation"),
    "extra/broken.pdf": (b"%PDF-1.7\n1 0 obj <<", "could not be read as a PDF"),
    "extra/readme.txt": (spy.pdf("javascript"), "JavaScript"),  # by its bytes, not its name
    # a PDF reader finds the header anywhere in the first 1024 bytes, and so does the plugin
    "extra/prefixed.pdf": (b"\x00" * 500 + spy.pdf("javascript"), "JavaScript"),
    "extra/locked.pdf": (spy.pdf("encrypted"), "protected with a password"),
    "audio/talk.webm": (b"\x1aE\xdf\xa3" + bytes(60), "in the WebM or Matroska format"),
    "audio/talk.ogg": (b"OggS\x00\x02" + bytes(60), "in the Ogg format"),
    "audio/talk.avi": (b"RIFF\x10\0\0\0AVI LIST" + bytes(40), "in the AVI format"),
    "audio/cut.mp3": (spy.mp3()[:200] + b"not audio" * 9000, "could not be read to its end"),
    # a tag hidden between the frames: the audio cannot be followed past it
    "audio/middle.mp3": (spy.MP3_FRAME * 20 + b"ID3 hidden " + spy.SECRET.encode() * 400
                         + spy.MP3_FRAME * 20, "could not be read to its end"),
    "audio/remote.mp4": (spy.m4a().replace(b"url \0\0\0\1", b"url \0\0\0\0"),
                         "plays media kept in other files"),
}


def test_hostile_files_stop_the_build_with_one_message_and_nothing_written(tmp_path):
    site = write_site(tmp_path, {**{rel: data for rel, (data, _w) in HOSTILE.items()},
                                 "extra/handout.pdf": spy.pdf()})
    result = run_site(site)
    assert_stopped(result, *(f"content/{rel}: this" for rel in HOSTILE),
                   f"documents: {len(HOSTILE)} document problem(s); nothing was written")
    output = result.stdout + result.stderr
    # The plugin's own error (a plain `pelican` run shows it with Pelican's traceback; the
    # project's build shows the message alone), listing each file once.
    assert "DocumentsError" in output
    report = output.split("DocumentsError", 1)[1].split("Traceback", 1)[0]
    assert report.count("Fix:") == len(HOSTILE), output
    flat = "".join(report.split())
    for rel, (_data, words) in HOSTILE.items():  # each file's own line says what is wrong
        line = flat.split(f"content/{rel}:", 1)[1].split("Fix:", 1)[0]
        assert "".join(words.split()) in line, (rel, line)
    written = [p for p in (site / "output").rglob("*") if p.is_file()] \
        if (site / "output").exists() else []
    assert written == [], written


@pytest.mark.parametrize("name, value, needle", [
    ("DOCUMENTS_MAX_MB", "big", "'big' is not a size in megabytes"),
    ("DOCUMENTS_MAX_MB", 0, "0 is not a size in megabytes"),
    ("DOCUMENTS_MAX_MB", True, "True is not a size in megabytes"),
    ("DOCUMENTS_CACHE_PATH", 3, "3 is not a folder name"),
])
def test_wrong_settings_stop_the_build_naming_them(name, value, needle):
    # The check Pelican's `initialized` signal runs, called directly: a build would only
    # add Pelican's start-up to the same message.
    from .. import documents
    pelican = SimpleNamespace(settings={"CACHE_PATH": "cache", name: value})
    with pytest.raises(documents.DocumentsError) as caught:
        documents.initialized(pelican)
    assert f"documents: setting {name}" in str(caught.value)
    assert needle in str(caught.value)
