"""Two builds sharing one photo cache (the test suite runs two at once) may draw the same
share card at the same moment. Each must finish with the file whole, and neither may
find its work taken away by the other."""

import threading

from .. import encode


def test_a_second_build_writing_the_same_card_meanwhile_does_not_break_the_first(tmp_path):
    path = tmp_path / "cards" / "title-abc.jpg"
    first_is_drawing = threading.Event()
    second_is_done = threading.Event()
    errors = []

    def slow_make():
        # The first build is still drawing when the second one writes the same card.
        first_is_drawing.set()
        assert second_is_done.wait(10)
        return b"card bytes"

    def first():
        try:
            encode.store(str(path), slow_make)
        except Exception as err:  # reported below, with the thread's own error
            errors.append(err)

    worker = threading.Thread(target=first)
    worker.start()
    assert first_is_drawing.wait(10)
    encode.store(str(path), lambda: b"card bytes")
    second_is_done.set()
    worker.join(10)

    assert errors == []
    assert path.read_bytes() == b"card bytes"
    # No temporary file is left behind for a later build to trip over.
    assert [p.name for p in path.parent.iterdir()] == ["title-abc.jpg"]


def test_a_failed_drawing_leaves_neither_a_card_nor_a_temporary_file(tmp_path):
    path = tmp_path / "cards" / "title-abc.jpg"

    def broken():
        raise OSError("disk full")

    try:
        encode.store(str(path), broken)
    except OSError:
        pass
    else:
        raise AssertionError("the drawing's error was swallowed")
    assert list(path.parent.iterdir()) == []


def test_a_cached_file_reaches_output_once_and_never_through_someone_elses_link(tmp_path):
    from ..photos import _copy

    cached = tmp_path / "cache" / "full.jpg"
    cached.parent.mkdir()
    cached.write_bytes(b"clean picture")
    dest = tmp_path / "output" / "images" / "office" / "full.jpg"

    assert _copy(str(cached), str(dest)) == 1          # the folder is made on the way
    assert dest.read_bytes() == b"clean picture"
    assert _copy(str(cached), str(dest)) == 0          # already there: nothing to do

    # A link Pelican made to the original (STATIC_CREATE_LINKS) is replaced, not
    # followed: the original keeps its bytes.
    original = tmp_path / "content" / "office.jpg"
    original.parent.mkdir()
    original.write_bytes(b"camera data and all")
    dest.unlink()
    dest.symlink_to(original)
    assert _copy(str(cached), str(dest)) == 1
    assert not dest.is_symlink() and dest.read_bytes() == b"clean picture"
    assert original.read_bytes() == b"camera data and all"

    # A different file already at the address is replaced too.
    dest.unlink()
    dest.write_bytes(b"an older picture")
    assert _copy(str(cached), str(dest)) == 1
    assert dest.read_bytes() == b"clean picture"
