"""The photos plugin on real Pelican builds (each in a subprocess), read back with Pillow,
BeautifulSoup and plain byte searches.

- Hostile corpus: phone pictures full of secrets (GPS, camera make and model, maker note,
  owner's name, thumbnail, XMP, IPTC, comment, ICC profile) as JPEG, PNG, WebP and HEIC,
  under odd names, outside content/images/, in CMYK, in every EXIF orientation. Nothing of
  them may reach any file in output/, and every picture must stand upright.
- Benign corpus: ordinary pictures and drawings linked every way Pelican allows; the
  markup, sizes and addresses are checked against the files actually written.
- Refusals: missing, unreadable, oversized and unsupported pictures stop the build with
  one message naming file, line and fix, and nothing is written.
- Cache: a second build re-encodes nothing. Share cards: 1200x630, same bytes every time.
"""

import hashlib
import io
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, SAMPLE, assert_stopped, build_site, run_site
from tools.pelican_adapter import plugin_module
from tools.child_build import TOOLS_BUILD

markup = plugin_module("photos.markup")

spy = plugin_module("photos.tests.photo_spyfiles")

PLUGINS_DIR = ROOT / "plugins"
# Share cards need a font file: the one this project's theme ships. That is why these
# tests live here and not in the plugin's folder (which keeps its hostile pictures,
# photo_spyfiles.py, and a share-card-free test of its own).
FONT = ROOT / "plugins" / "photos" / "fonts" / "DejaVuSans-Bold.ttf"
RED, BLUE = (220, 20, 20), (20, 20, 220)


def write_site(root, files, *, extra_conf=""):
    """A minimal site (Pelican's default theme, the photos plugin alone) with `files`:
    {content-relative path: bytes or str}."""
    root = Path(root)
    (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(textwrap.dedent(data).lstrip(), encoding="utf-8")
        else:
            path.write_bytes(data)
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        SITENAME = "Photo test"
        SITEURL = ""
        TIMEZONE = "UTC"
        PATH = "content"
        ARTICLE_PATHS = ["posts"]
        PAGE_PATHS = ["pages"]
        STATIC_PATHS = ["images", "extra"]
        ARTICLE_URL = "blog/{{slug}}/"
        ARTICLE_SAVE_AS = "blog/{{slug}}/index.html"
        PAGE_URL = "{{slug}}/"
        PAGE_SAVE_AS = "{{slug}}/index.html"
        RELATIVE_URLS = True
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        AUTHOR_FEED_ATOM = None
        AUTHOR_FEED_RSS = None
        CACHE_CONTENT = False
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}]
        PLUGINS = ["photos"]
        PHOTOS_CARD_FONT = {str(FONT)!r}
        PHOTOS_CACHE_PATH = {str(root / "photo-cache")!r}
        """) + extra_conf, encoding="utf-8")
    return root


def post(title, body, extra=""):
    return f"Title: {title}\nDate: 2026-01-02\nCategory: Notes\n{extra}\n{body}\n"


def encoded(im, fmt="JPEG", **kw):
    out = io.BytesIO()
    im.save(out, fmt, **kw)
    return out.getvalue()


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def rasters(site):
    """Every file in output/ that is a JPEG, PNG, WebP or other Pillow-readable picture."""
    found = []
    for path in sorted(Path(site).rglob("*")):
        if path.is_file():
            try:
                with Image.open(path) as im:
                    found.append((path, im.format))
            except Exception:  # noqa: BLE001 - not a picture
                pass
    return found


def assert_clean(site, sources=()):
    """No secret of the fixtures in any file, no metadata in any picture, no source copy."""
    files = [p for p in Path(site).rglob("*") if p.is_file()]
    assert files
    source_hashes = {sha(s) for s in sources}
    for path in files:
        data = path.read_bytes()
        for needle in spy.NEEDLES:
            assert needle not in data, f"{needle!r} found in {path}"
        assert hashlib.sha256(data).hexdigest() not in source_hashes, f"{path} is a source copy"
    pictures = rasters(site)
    assert pictures
    for path, fmt in pictures:
        if fmt == "ICO":  # the theme's favicon: icons are copied as they are, by design
            continue
        assert fmt in ("JPEG", "PNG", "WEBP"), f"{path} is {fmt}"
        data = path.read_bytes()
        assert spy.leftovers(data) == [], f"{path}: {spy.leftovers(data)}"
        with Image.open(path) as im:
            assert not im.getexif(), f"{path} has EXIF"
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} \
                & set(im.info), f"{path}: {sorted(im.info)}"


def corner_colour(im, corner):
    """The average colour near one corner ("tl", "tr", "bl", "br") of a picture."""
    im = im.convert("RGB")
    w, h = im.size
    box = {"tl": (0, 0), "tr": (w - w // 8, 0), "bl": (0, h - h // 8),
           "br": (w - w // 8, h - h // 8)}[corner]
    region = im.crop((box[0], box[1], box[0] + w // 8, box[1] + h // 8))
    return region.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))


def near(colour, target, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target))


# --------------------------------------------------------------------------------------
# The "Done when" test: a phone photo full of secrets comes out clean and upright
# --------------------------------------------------------------------------------------

def test_phone_jpeg_with_gps_thumbnail_xmp_and_orientation_6_comes_out_clean(tmp_path):
    photo = spy.spy_jpeg()
    # The fixture really carries what it claims (else the test proves nothing).
    with Image.open(io.BytesIO(photo)) as im:
        exif = im.getexif()
        assert exif[0x010F] == spy.MAKE and exif[0x0110] == spy.MODEL and exif[0x0112] == 6
        assert exif.get_ifd(0x8825)[2] == (45.0, 31.0, 12.34)
        assert "xmp" in im.info and im.info["comment"] == spy.COMMENT.encode()
        assert im.size == (400, 300)
    assert photo.count(b"\xff\xd8\xff") == 2  # the picture and its thumbnail
    site = write_site(tmp_path, {
        "images/office.jpg": photo,
        "posts/office.md": post("Our office", "![The office]({static}/images/office.jpg)"),
    })
    source = site / "content" / "images" / "office.jpg"
    before = (sha(source), source.stat().st_mtime_ns)

    out = build_site(site)

    assert (sha(source), source.stat().st_mtime_ns) == before, "the source was changed"
    assert_clean(out, [source])
    full = out / "images" / "office.jpg"
    with Image.open(full) as im:
        assert im.size == (300, 400), "orientation 6 must turn the picture upright"
        assert near(corner_colour(im, "tr"), RED) and near(corner_colour(im, "bl"), BLUE)
    sized = list((out / "images").glob("office-*w-*.*"))
    assert len(sized) >= 2
    for path in sized:
        with Image.open(path) as im:
            assert im.height > im.width, f"{path.name} lies on its side"
            assert near(corner_colour(im, "tr"), RED, 60)


# --------------------------------------------------------------------------------------
# Hostile corpus: every container, odd names, other folders, every orientation
# --------------------------------------------------------------------------------------

# Where the stored top-left corner shows, by EXIF orientation (EXIF 2.32, tag 0x0112), and
# whether width and height swap.
ORIENTATIONS = {1: ("tl", False), 2: ("tr", False), 3: ("br", False), 4: ("bl", False),
                5: ("tl", True), 6: ("tr", True), 7: ("br", True), 8: ("bl", True)}


def test_every_container_and_orientation_comes_out_clean_and_upright(tmp_path):
    cmyk = spy.marked_picture().convert("CMYK")
    cmyk_jpeg = encoded(cmyk, "JPEG", quality=90)
    cmyk_jpeg = cmyk_jpeg[:2] + spy._segment(b"\xff\xe1", spy.exif_bytes(6)) + cmyk_jpeg[2:]
    files = {
        "images/spy.png": spy.spy_png(),
        "images/spy.webp": spy.spy_webp(),
        "images/spy-phone.heic": spy.spy_heic(),
        "images/LOUD NAME.JPG": spy.spy_jpeg(),
        "images/disguised.png": spy.spy_jpeg(),          # a JPEG under a PNG name
        "images/no-extension": spy.spy_jpeg(),
        "images/cmyk.jpg": cmyk_jpeg,
        "extra/header.jpg": spy.spy_jpeg(),              # another static folder
        "posts/beside-the-post.jpg": spy.spy_jpeg(),     # next to a post, linked relatively
        "images/.DS_Store": b"\0\0\0\1Bud1" + spy.MAKE.encode(),  # system clutter
    }
    for n in ORIENTATIONS:
        files[f"images/orient-{n}.jpg"] = spy.spy_jpeg(orientation=n)
    files["posts/all.md"] = post("All of them", "\n\n".join(
        f"![picture {i}]({ref})" for i, ref in enumerate([
            "{static}/images/spy.png", "{static}/images/spy.webp",
            "{static}/images/spy-phone.heic", "{static}/images/LOUD%20NAME.JPG",
            "{static}beside-the-post.jpg", "../images/cmyk.jpg"])))
    site = write_site(tmp_path, files)
    sources = [p for p in (site / "content").rglob("*") if p.is_file() and p.suffix != ".md"]
    before = {p: sha(p) for p in sources}

    out = build_site(site)

    assert {p: sha(p) for p in sources} == before
    assert_clean(out, sources)
    assert not (out / "images" / ".DS_Store").exists()
    for n, (corner, swapped) in ORIENTATIONS.items():
        with Image.open(out / "images" / f"orient-{n}.jpg") as im:
            assert im.size == ((300, 400) if swapped else (400, 300)), n
            assert near(corner_colour(im, corner), RED), (n, corner_colour(im, corner))
    for name in ("spy.png", "spy.webp", "spy-phone.jpg", "LOUD NAME.JPG", "disguised.png",
                 "no-extension", "cmyk.jpg"):
        with Image.open(out / "images" / name) as im:
            assert im.size == (300, 400), name
            assert near(corner_colour(im, "tr"), RED, 60), (name, corner_colour(im, "tr"))
    assert not (out / "images" / "spy-phone.heic").exists()
    assert (out / "extra" / "header.jpg").exists()
    assert (out / "posts" / "beside-the-post.jpg").exists()
    page = BeautifulSoup((out / "blog" / "all-of-them" / "index.html").read_text(), "html.parser")
    assert len(page.select("picture > img")) == 6


# --------------------------------------------------------------------------------------
# Benign corpus: markup and sizes match the files written
# --------------------------------------------------------------------------------------

def _resolve(page_path, url):
    """The output file a page-relative address points at."""
    assert not urlsplit(url).scheme and not url.startswith("/"), url
    return (page_path.parent / unquote(url)).resolve()


def test_markup_sizes_and_addresses_match_the_files(tmp_path):
    logo = Image.new("RGBA", (900, 300), (0, 0, 0, 0))
    logo.paste((31, 95, 91, 255), (100, 100, 800, 200))
    drawing = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
               '<rect width="40" height="20" fill="teal"/></svg>')
    site = write_site(tmp_path, {
        "images/wide.png": encoded(spy.marked_picture(1000, 600), "PNG"),
        "images/tiny.png": encoded(spy.marked_picture(40, 30), "PNG"),
        "images/logo.png": encoded(logo, "PNG"),
        "images/plain.jpg": encoded(spy.marked_picture(2000, 1000), quality=90),
        "images/drawing.svg": drawing,
        "posts/pictures.md": post("Pictures", textwrap.dedent("""\
            ![A wide picture]({static}/images/wide.png "A title")

            ![Tiny](|static|/images/tiny.png)

            ![Logo]({static}/images/logo.png){: .logo }

            ![Plain, by absolute path](/images/plain.jpg)

            ![Plain, by relative path](../images/plain.jpg)

            ![A drawing]({static}/images/drawing.svg)

            ![A drawing, relative](../images/drawing.svg)

            <picture><source srcset="{static}/images/drawing.svg"><img src="{static}/images/tiny.png" alt="mine"></picture>
            """)),
    })
    out = build_site(site)
    page_path = out / "blog" / "pictures" / "index.html"
    text = page_path.read_text(encoding="utf-8")
    assert markup.TOKEN not in text and "{static}" not in text
    page = BeautifulSoup(text, "html.parser")
    pictures = page.select("picture")
    made = [p for p in pictures if p.img.get("decoding") == "async"]
    assert len(made) == 5, [str(p)[:80] for p in pictures]
    expected = {"A wide picture": (1000, 600, "JPEG"), "Tiny": (40, 30, "JPEG"),
                "Logo": (900, 300, "PNG"), "Plain, by absolute path": (2000, 1000, "JPEG"),
                "Plain, by relative path": (2000, 1000, "JPEG")}
    for n, pic in enumerate(made):
        img, source = pic.img, pic.source
        width, height, fallback_format = expected[img["alt"]]
        assert (int(img["width"]), int(img["height"])) == (width, height)
        assert img.get("loading") == (None if n == 0 else "lazy"), n
        assert img["sizes"] == source["sizes"] and source["type"] == "image/webp"
        for attr, fmt in ((img["srcset"], fallback_format), (source["srcset"], "WEBP")):
            candidates = [c.split() for c in attr.split(",")]
            assert candidates
            widths = []
            for url, descriptor in candidates:
                file = _resolve(page_path, url)
                with Image.open(file) as im:
                    assert im.format == fmt, (url, im.format)
                    assert f"{im.width}w" == descriptor, (url, im.size)
                    assert abs(im.height / im.width - height / width) < 0.01
                    widths.append(im.width)
            assert max(widths) == min(width, 1600) and len(set(widths)) == len(widths)
        assert _resolve(page_path, img["src"]).exists()
    wide = page.find("img", alt="A wide picture")
    assert wide["title"] == "A title"
    assert "logo" in page.find("img", alt="Logo")["class"]
    assert page.find("img", alt="Tiny")["srcset"].count(",") == 0  # 40 px: one size only
    drawings = page.find_all("img", alt=re.compile("^A drawing"))
    assert len(drawings) == 2
    for img in drawings:
        assert img.find_parent("picture") is None
        assert _resolve(page_path, img["src"]).read_text() == drawing  # SVG left as is
    mine = page.find("img", alt="mine")
    assert mine.find_parent("picture").source["srcset"].endswith("drawing.svg")


def test_sample_site_pictures(dev_site):
    posts = [p for p in (SAMPLE / "content" / "posts").glob("*.md")
             if "{static}/images/" in p.read_text(encoding="utf-8")]
    assert posts, "the sample posts show no picture"
    for source in posts:
        slug = re.search(r"^Slug: (.+)$", source.read_text(encoding="utf-8"), re.M).group(1)
        page = BeautifulSoup((dev_site / "blog" / slug / "index.html").read_text(),
                             "html.parser")
        img = page.select_one(".prose picture img")
        assert img is not None and img["alt"] and img.get("loading") is None, source
    for path in (SAMPLE / "content" / "images").iterdir():
        if path.suffix.lower() in (".jpg", ".png", ".webp"):
            assert sha(path) != sha(dev_site / "images" / path.name)
    assert_clean(dev_site, [p for p in (SAMPLE / "content" / "images").iterdir()])


# --------------------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------------------

def test_bad_pictures_stop_the_build_with_one_message(tmp_path):
    noise = Image.effect_noise((900, 900), 100).convert("RGB")
    big = encoded(noise, quality=98)
    assert len(big) > 600_000
    # A JPEG XL codestream's first bytes (Pillow 13 cannot open JPEG XL): refused by them.
    jxl = b"\xff\x0a\xfa\x7f\x01\x90\x08" + bytes(64)
    site = write_site(tmp_path, {
        "images/quiet.jpg": encoded(spy.marked_picture()),
        "images/broken.jpg": b"\xff\xd8\xff\xe0 this is not really a picture",
        "images/photo.jxl": jxl,
        "extra/holiday.dat": jxl,  # judged by its bytes, whatever its name
        "images/notes.txt": "a shopping list",
        "images/huge.jpg": big,
        "posts/missing.md": post("Missing", "Some text.\n\n![Gone]({static}/images/missing.jpg)"),
        "posts/typo.md": post("Typo", "![Quiet]({static}/images/quiet.jpeg)"),
        "posts/escape.md": post("Escape", "![Out]({static}/../../secret.jpg)"),
        "posts/card.md": post("Card", "Text.", extra="Image: images/nope.jpg\n"),
        "pages/about.md": "Title: About\n\nSee [the photo]({static}/images/gone.png).\n",
    }, extra_conf="PHOTOS_MAX_MB = 0.5\n")
    result = run_site(site, launcher=TOOLS_BUILD)  # make html's build
    assert_stopped(
        result,
        "content/posts/missing.md line 7", '"{static}/images/missing.jpg" does not exist',
        "content/posts/typo.md line 5", 'did you mean "quiet.jpg"',
        "content/posts/escape.md line 5", "points outside the content folder",
        "content/posts/card.md line 4", "the Image: picture",
        "content/pages/about.md line 3", "the link to the picture",
        "content/images/broken.jpg: this file could not be read as a picture",
        "content/images/photo.jxl: this is a JPEG XL picture", "save it as JPEG",
        "content/extra/holiday.dat, content/images/photo.jxl: this is a JPEG XL picture",
        "content/images/notes.txt: this is not a picture",
        "content/images/huge.jpg: this picture is", "the limit is 0.5 MB (PHOTOS_MAX_MB)",
        "Fix:", "Nothing in the output folder was changed", "Photos: 10 problems in 10 files")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert output.count("Fix:") == 9, output  # the two JPEG XL files share one
    written = [p for p in (site / "output").rglob("*") if p.is_file()] \
        if (site / "output").exists() else []
    assert written == [], written


@pytest.mark.parametrize("line, needle", [
    ('PHOTOS_FORMAT = "gif"', "PHOTOS_FORMAT"),
    ("PHOTOS_WIDTHS = [800, 'big']", "PHOTOS_WIDTHS"),
    ("PHOTOS_QUALITY = 101", "PHOTOS_QUALITY"),
    ('PHOTOS_CARD_COLORS = {"background": "not a colour"}', "PHOTOS_CARD_COLORS"),
    ('PHOTOS_CARD_FONT = "/nowhere/font.ttf"', "PHOTOS_CARD_FONT"),
])
def test_bad_settings_stop_the_build(tmp_path, line, needle):
    site = write_site(tmp_path, {"posts/a.md": post("A", "Text.")}, extra_conf=line + "\n")
    result = run_site(site, launcher=TOOLS_BUILD)  # make html's build
    assert_stopped(result, f'pelicanconf.py, field "{needle}"')
    assert "Traceback" not in result.stdout + result.stderr


# --------------------------------------------------------------------------------------
# The cache: an unchanged picture is never encoded twice
# --------------------------------------------------------------------------------------

def verbose_build(site):
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(site / "output"),
         "-s", str(site / "conf.py"), "--fatal", "errors", "-v"],
        cwd=site, capture_output=True, text=True, timeout=600,
        env={**os.environ, "COLUMNS": "400"})
    assert result.returncode == 0, result.stdout + result.stderr
    found = re.search(r"photos: (\d+) pictures \((\d+) re-encoded, (\d+) from the cache\), "
                      r"(\d+) share cards \((\d+) drawn", result.stdout + result.stderr)
    assert found, result.stdout + result.stderr
    return [int(n) for n in found.groups()]


def cache_state(site):
    return {p: p.stat().st_mtime_ns for p in (site / "photo-cache").rglob("*") if p.is_file()}


def test_second_build_reencodes_nothing(tmp_path):
    site = write_site(tmp_path, {
        "images/a.jpg": encoded(spy.marked_picture(1700, 900)),
        "images/b.png": encoded(spy.marked_picture(600, 400), "PNG"),
        "posts/a.md": post("A", "![A]({static}/images/a.jpg)"),
        "posts/b.md": post("B", "No picture here."),
    })
    pictures, encoded_now, cached, cards, drawn = verbose_build(site)
    assert (pictures, encoded_now, cached, cards, drawn) == (2, 2, 0, 2, 2)
    cache = cache_state(site)
    assert len(cache) > 10
    outputs = {p: sha(p) for p in (site / "output").rglob("*.*") if p.suffix != ".html"}

    assert verbose_build(site) == [2, 0, 2, 2, 0]
    assert cache_state(site) == cache, "the cache was written again"
    assert {p: sha(p) for p in outputs} == outputs

    (site / "content" / "images" / "b.png").write_bytes(
        encoded(spy.marked_picture(600, 401), "PNG"))
    assert verbose_build(site)[:3] == [2, 1, 1]


# --------------------------------------------------------------------------------------
# Share cards
# --------------------------------------------------------------------------------------

def _card_of(site, slug):
    return site / "output" / "blog" / slug / "share-card.jpg"


def test_share_cards_are_1200x630_and_drawn_the_same_every_time(tmp_path):
    stripes = Image.new("RGB", (300, 900), (220, 20, 20))
    stripes.paste((20, 200, 20), (0, 300, 300, 600))
    stripes.paste((20, 20, 220), (0, 600, 300, 900))
    hostile = 'Fear & "Hope" <b>#1</b>: it\'s fine 🌊 שלום Supercalifragilisticexpialidocious' * 2
    files = {
        "images/tall.png": encoded(stripes, "PNG"),
        "posts/tall.md": post("Tall", "Text.", extra="Image: images/tall.png\n"),
        "posts/hostile.md": post(hostile, "Text."),
        "posts/plain.md": post("A plain title", "Text."),
    }
    first = write_site(tmp_path / "one", files)
    second = write_site(tmp_path / "two", files)
    build_site(first)
    build_site(second)
    for slug in ("tall", "a-plain-title"):
        assert sha(_card_of(first, slug)) == sha(_card_of(second, slug)), slug
    cards = list((first / "output" / "blog").glob("*/share-card.jpg"))
    assert len(cards) == 3
    for card in cards:
        with Image.open(card) as im:
            assert im.size == (1200, 630) and im.format == "JPEG"
    with Image.open(_card_of(first, "tall")) as im:  # cover crop: the middle stripe
        assert near(corner_colour(im, "tl"), (20, 200, 20)) and \
            near(corner_colour(im, "br"), (20, 200, 20))


def test_every_published_post_has_an_og_image_of_1200x630(publish_site):
    from conftest import PUBLISH_SITEURL
    pages = [p for p in (publish_site / "blog").glob("*/index.html")
             if BeautifulSoup(p.read_text(), "html.parser").find(
                 "meta", property="og:type", content="article")]
    from conftest import read_meta, sample_settings
    languages = sample_settings()["LANGUAGES"]  # its French and Spanish posts are not built
    live = [p for p in (SAMPLE / "content" / "posts").glob("*.md")
            if "Status: draft" not in p.read_text(encoding="utf-8")
            and read_meta(p).get("lang") in languages]
    assert pages and len(pages) == len(live)
    for path in pages:
        head = BeautifulSoup(path.read_text(), "html.parser")
        url = head.find("meta", property="og:image")["content"]
        assert url.startswith(PUBLISH_SITEURL + "/"), url
        card = publish_site / PurePosixPath(unquote(url[len(PUBLISH_SITEURL) + 1:]))
        with Image.open(card) as im:
            assert im.size == (1200, 630)
        assert head.find("meta", property="og:image:width")["content"] == "1200"
        assert head.find("meta", property="og:image:height")["content"] == "630"
        assert head.find("meta", property="og:image:alt")["content"].strip()
        assert head.find("meta", attrs={"name": "twitter:card"})["content"] == \
            "summary_large_image"


def test_card_alt_text_and_escaping_in_the_project_theme(tmp_path):
    import json

    from conftest import build_or_fail, copy_project
    project = copy_project(tmp_path / "project")
    hostile = 'Fear & "Hope" <b>bold</b> שלום'
    (project / "content" / "posts" / "with-image.md").write_text(textwrap.dedent(f"""\
        Title: {hostile}
        Date: 2026-01-03 09:00
        Category: Wellbeing
        Slug: card-alt-test
        Summary: A test post.
        Image: images/quiet-room.jpg
        Image-alt: Two chairs <and> a "plant"

        No picture in the text.
        """), encoding="utf-8")
    out = build_or_fail(tmp_path / "out", conf=project / "publishconf.py",
                        content=project / "content", cwd=project,
                        env={"SITEURL": "https://practice.example"})
    head = BeautifulSoup((out / "blog" / "card-alt-test" / "index.html").read_text(),
                         "html.parser")
    assert head.find("meta", property="og:image:alt")["content"] == 'Two chairs <and> a "plant"'
    url = head.find("meta", property="og:image")["content"]
    assert url == "https://practice.example/blog/card-alt-test/share-card.jpg"
    ld = json.loads(head.find("script", type="application/ld+json").string)
    assert ld["image"] == url and ld["headline"] == hostile
    with Image.open(out / "blog" / "card-alt-test" / "share-card.jpg") as im:
        assert im.size == (1200, 630)
