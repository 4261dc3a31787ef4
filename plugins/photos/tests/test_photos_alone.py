"""The photos plugin alone on a scratch site with Pelican's default theme: a phone photo
full of secrets comes out clean and upright. Share cards are off here, because a card
needs a font file and this folder brings none; the full suite, cards included, runs on
the project in `tests/kit_photos_on_sample.py`."""

import textwrap
from pathlib import Path

from PIL import Image

from . import photo_spyfiles as spy
from .conftest import PLUGINS_DIR, build_site


def test_a_phone_photo_comes_out_without_its_secrets_and_upright(tmp_path):
    photo = spy.spy_jpeg()
    # The fixture really carries what it claims (else the test proves nothing).
    assert all(needle in photo for needle in spy.NEEDLES[:2])
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "office.jpg").write_bytes(photo)
    (content / "office.md").write_text(
        "Title: Our office\nDate: 2026-01-02\n\n![The office]({static}/images/office.jpg)\n",
        encoding="utf-8")
    (tmp_path / "conf.py").write_text(textwrap.dedent(f"""\
        SITENAME = "Photo test"
        PATH = "content"
        STATIC_PATHS = ["images"]
        TIMEZONE = "UTC"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["photos"]
        PHOTOS_SHARE_CARDS = False
        PHOTOS_CACHE_PATH = {str(tmp_path / "photo-cache")!r}
        """), encoding="utf-8")

    out = build_site(tmp_path)

    files = [p for p in Path(out).rglob("*") if p.is_file()]
    pictures = [p for p in files if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")]
    assert pictures
    for path in files:
        data = path.read_bytes()
        for needle in spy.NEEDLES:
            assert needle not in data, f"{needle!r} found in {path}"
    for path in pictures:
        assert spy.leftovers(path.read_bytes()) == [], path
        with Image.open(path) as im:
            assert not im.getexif(), f"{path} has EXIF"
            assert im.height > im.width, f"{path.name} lies on its side"
