"""A phone visitor's cost: the home page and a post showing a 4,000-pixel photo, loaded in
Chromium at 360x640 with a device pixel ratio of 2, must transfer under 150 KB each, and
nothing may move once drawn (cumulative layout shift 0, lazy pictures scrolled in included).

The photo is made here: 4000x3000, busy with edges and grain (about 2 MB as a JPEG at
quality 90), so its sized copies are not flattered by flat colour. Bytes are counted as
Chromium reports them on the wire (encodedDataLength), with the browser's cache empty.
"""

import io
import random

import pytest
from PIL import Image, ImageDraw, ImageFilter

from conftest import build_or_fail, copy_project
from tools.localsite import LocalServer

pytestmark = pytest.mark.browser

BUDGET = 150 * 1024
POST = """Title: A walk by the river
Date: 2026-01-05 09:00
Category: Wellbeing
Tags: self-care
Slug: a-walk-by-the-river
Summary: A test post with one large photo, to measure what a phone downloads.
Sample: yes

A short paragraph before the photo.

![A busy test picture of many coloured circles]({static}/images/river-4000.jpg)

A paragraph after it, and a second, smaller picture further down.

![The quiet room again]({static}/images/quiet-room.jpg)
"""

# Sum of bytes on the wire, and the layout shifts a visitor did not cause.
CLS_JS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


def big_photo():
    rng = random.Random(4000)
    width, height = 4000, 3000
    im = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(im)
    for y in range(0, height, 4):
        draw.rectangle((0, y, width, y + 4),
                       fill=(90 + y * 100 // height, 130 + y * 60 // height, 170 - y * 80 // height))
    for _ in range(2500):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randint(8, 160)
        draw.ellipse((x - r, y - r * rng.uniform(0.3, 1), x + r, y + r),
                     fill=(rng.randint(40, 230), rng.randint(60, 220), rng.randint(40, 200)))
    im = Image.blend(im.filter(ImageFilter.GaussianBlur(2)),
                     Image.effect_noise((width, height), 24).convert("RGB"), 0.12)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def photo_site(chromium, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("photo-project"))
    (project / "content" / "images" / "river-4000.jpg").write_bytes(big_photo())
    (project / "content" / "posts" / "a-walk-by-the-river.md").write_text(POST, encoding="utf-8")
    server = LocalServer(tmp_path_factory.mktemp("photo-site"))
    try:
        build_or_fail(server.directory, conf=project / "publishconf.py",
                      content=project / "content", cwd=project,
                      env={"SITEURL": server.origin})
        server.start()
        yield server
    finally:
        server.stop()


def visit(browser, origin, path):
    """Load one page on a 360x640 phone at DPR 2 with an empty cache: bytes, CLS, pictures."""
    context = browser.new_context(viewport={"width": 360, "height": 640},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes, urls = {}, {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(origin + path, wait_until="networkidle")
    loaded = sum(sizes.values())
    files = {urls.get(k, k): v for k, v in sizes.items()}
    # Scroll to the end and back, so every lazy picture loads, then read the shifts.
    page.evaluate("""async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 300) {
        window.scrollTo(0, y); await new Promise(r => setTimeout(r, 60)); }
      window.scrollTo(0, 0); }""")
    page.wait_for_load_state("networkidle")
    cls = page.evaluate(CLS_JS)
    chosen = page.eval_on_selector_all(
        "main picture img", "els => els.map(i => [i.currentSrc, i.complete, i.naturalWidth])")
    context.close()
    return loaded, files, cls, chosen


@pytest.mark.parametrize("path", ["/", "/blog/a-walk-by-the-river/"])
def test_phone_transfer_under_150_kb_and_no_layout_shift(browser, photo_site, path):
    loaded, files, cls, chosen = visit(browser, photo_site.origin, path)
    listing = "\n".join(f"  {size:>7} {url}" for url, size in sorted(files.items()))
    print(f"\n{path}: {loaded} bytes on load, CLS {cls}\n{listing}")
    assert files, "no request was recorded: the measurement is not working"
    assert loaded < BUDGET, f"{path}: {loaded} bytes on load (budget {BUDGET}):\n{listing}"
    assert cls == 0, f"{path}: cumulative layout shift {cls}"
    if path != "/":
        assert len(chosen) == 2 and all(done for _src, done, _w in chosen), chosen
        # The phone took a sized WebP copy of the 4,000-pixel photo, never the original.
        src, _done, natural = chosen[0]
        assert src.endswith(".webp") and "river-4000-" in src and natural <= 800, chosen
        assert not any(u.endswith("/images/river-4000.jpg") for u in files), listing
