"""What reading.py relies on in Pelican, pinned with Pelican's own classes.

To report every unusable post or page at once, the plugin reads content through a
subclass of each generator's readers and sets a refused file aside at the context signal
by giving it the status "skip" (reading.py says why). These tests run Pelican's own
Readers on a scratch file, and fail, saying so, when the pinned Pelican changes any of it:
where a generator's readers are, what the context signal carries, what "skip" does, and
that Pelican's content cache keeps what a reader returned.
"""

import copy

import pytest
from blinker import Namespace
from pelican.contents import Article, SkipStub
from pelican.readers import MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG

from .. import reading

POST = "Title: Fine\nDate: 2026-05-01 09:00\nCategory: Wellbeing\n\nBody.\n"
BAD_DATE = "Title: Wrong\nDate: 03/11/2026\nCategory: Wellbeing\n\nBody.\n"


@pytest.fixture
def site(tmp_path):
    (tmp_path / "content").mkdir()
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(PATH=str(tmp_path / "content"), CACHE_PATH=str(tmp_path / "cache"),
                    CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    return tmp_path, settings


class Generator:
    """Stands in for the generator only as the sender and owner of the readers: what
    the plugin's receivers read from it (readers, settings)."""

    def __init__(self, settings):
        self.settings = settings
        self.readers = Readers(settings, "Test-Readers")


def read(generator, path, signal, set_aside):
    def judged(sender, metadata):
        reading.set_aside_if_refused(metadata, generator.settings, Article, set_aside)
    signal.connect(judged)
    try:
        return generator.readers.read_file(
            base_path=generator.settings["PATH"], path=path, content_class=Article,
            context_signal=signal, context_sender=generator)
    finally:
        signal.disconnect(judged)


def test_a_generators_readers_are_instances_by_extension_that_the_plugin_can_replace(site):
    _, settings = site
    generator = Generator(settings)
    assert isinstance(generator.readers.readers, dict), (
        "Readers.readers is no longer a dict of readers: update reading.use_checking_readers")
    assert isinstance(generator.readers.readers["md"], MarkdownReader)
    reading.use_checking_readers(generator)
    reader = generator.readers.readers["md"]
    assert isinstance(reader, MarkdownReader) and reader.front_matter_checks
    # Pelican records the reader's class name, less "Reader", as the "reader" metadata.
    assert type(reader).__name__ == "MarkdownReader"


def test_the_context_signal_carries_the_metadata_and_skip_leaves_the_file_out(site):
    tmp_path, settings = site
    (tmp_path / "content" / "fine.md").write_text(POST, encoding="utf-8")
    (tmp_path / "content" / "bad.md").write_text(BAD_DATE, encoding="utf-8")
    generator = Generator(settings)
    reading.use_checking_readers(generator)
    signal = Namespace().signal("test_generator_context")
    set_aside = []
    fine = read(generator, "fine.md", signal, set_aside)
    assert isinstance(fine, Article) and fine.title == "Fine"
    assert reading.CARRIED not in fine.metadata
    bad = read(generator, "bad.md", signal, set_aside)
    assert isinstance(bad, SkipStub), (
        "status \"skip\" set at the context signal no longer makes Pelican skip the file: "
        "update reading.set_aside_if_refused")
    assert [(src.full_path.endswith("bad.md"), p[0]["field"]) for src, p in set_aside] == [
        (True, "Date")]


def test_the_content_cache_keeps_what_the_reader_found(site):
    """A rebuild with the cache does not open the file again, and still refuses it."""
    tmp_path, settings = site
    bad = tmp_path / "content" / "bad.md"
    bad.write_text(BAD_DATE, encoding="utf-8")
    first = Generator(settings)
    reading.use_checking_readers(first)
    signal = Namespace().signal("test_generator_context")
    read(first, "bad.md", signal, [])
    first.readers.save_cache()

    again = Generator(settings)
    reading.use_checking_readers(again)
    opened = []
    reader = again.readers.readers["md"]
    reader.read = lambda path: opened.append(path)  # would fail the read if called
    set_aside = []
    assert isinstance(read(again, "bad.md", signal, set_aside), SkipStub)
    assert opened == [], "Pelican's content cache no longer serves an unchanged file"
    assert len(set_aside) == 1 and set_aside[0][1][0]["field"] == "Date"
