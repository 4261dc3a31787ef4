"""Draw the kit's two sample pictures (sample/content/images/) with Pillow.

They are our own drawings, made by this script, so the sample site ships no photo of
anyone's place or anything under someone else's licence. Run it again to remake them:

    .venv/bin/python -m tools.make_sample_pictures
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "sample" / "content" / "images"
W, H = 1600, 1000


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def gradient(draw, top, bottom, y0, y1, width=W):
    for y in range(y0, y1):
        draw.line([(0, y), (width, y)], fill=mix(top, bottom, (y - y0) / max(1, y1 - y0)))


def harbor_at_dawn():
    """A quiet harbor at dawn: sky, low sun, hills, a jetty and the sun's path on water."""
    im = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(im)
    horizon = 600
    gradient(d, (70, 96, 128), (246, 196, 150), 0, horizon)
    d.ellipse((1040, 430, 1200, 590), fill=(255, 226, 170))
    hills = [(0, 560), (220, 500), (420, 540), (640, 470), (900, 530), (1150, 490),
             (1400, 545), (1600, 515), (1600, horizon), (0, horizon)]
    d.polygon(hills, fill=(78, 96, 104))
    gradient(d, (150, 140, 140), (38, 70, 84), horizon, H)
    rng = random.Random(15)
    for _ in range(260):  # the sun's broken path on the water
        y = rng.randint(horizon + 4, H - 10)
        spread = 30 + (y - horizon) * 0.35
        x = 1120 + rng.uniform(-spread, spread)
        length = rng.uniform(12, 50) * (1 + (y - horizon) / 300)
        d.line([(x - length / 2, y), (x + length / 2, y)], fill=(250, 214, 168),
               width=2 + (y - horizon) // 120)
    d.rectangle((180, 640, 760, 668), fill=(58, 44, 38))  # the jetty
    for x in range(200, 760, 70):
        d.rectangle((x, 668, x + 12, 760), fill=(48, 36, 32))
    d.polygon([(330, 615), (470, 615), (450, 640), (350, 640)], fill=(168, 75, 37))  # a boat
    d.line([(400, 615), (400, 520)], fill=(60, 50, 45), width=5)
    return im.filter(ImageFilter.GaussianBlur(1.2))


def quiet_room():
    """A calm room: a window with soft light, two armchairs and a plant."""
    im = Image.new("RGB", (W, H), (236, 226, 210))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 760, W, H), fill=(176, 140, 104))  # floor
    for x in range(0, W, 120):
        d.line([(x, 760), (x - 60, H)], fill=(160, 124, 92), width=3)
    d.rectangle((560, 140, 1040, 600), fill=(250, 246, 236))  # the window
    gradient(d, (170, 206, 220), (226, 236, 232), 160, 580, width=W)
    d.rectangle((0, 0, 580, 160), fill=(236, 226, 210))
    d.rectangle((1020, 0, W, 760), fill=(236, 226, 210))
    d.rectangle((0, 580, W, 760), fill=(236, 226, 210))
    d.rectangle((0, 0, 560, 760), fill=(236, 226, 210))
    d.rectangle((560, 140, 1040, 600), outline=(250, 246, 236), width=18)
    d.line([(800, 140), (800, 600)], fill=(250, 246, 236), width=12)
    d.polygon([(560, 600), (1040, 600), (1180, 760), (420, 760)], fill=(244, 232, 212))

    def chair(x, colour):
        d.rounded_rectangle((x, 520, x + 300, 820), 40, fill=colour)
        d.rounded_rectangle((x - 30, 640, x + 330, 860), 36, fill=mix(colour, (0, 0, 0), 0.12))
        d.rectangle((x, 860, x + 16, 920), fill=(90, 64, 48))
        d.rectangle((x + 284, 860, x + 300, 920), fill=(90, 64, 48))

    chair(230, (31, 95, 91))
    chair(1080, (168, 96, 70))
    d.polygon([(770, 880), (830, 880), (820, 960), (780, 960)], fill=(168, 75, 37))  # pot
    for i in range(9):
        angle = math.radians(200 + i * 18)
        d.line([(800, 880), (800 + 120 * math.cos(angle), 880 + 160 * math.sin(angle))],
               fill=(66, 120, 84), width=14)
    return im.filter(ImageFilter.GaussianBlur(1.0))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    harbor_at_dawn().save(OUT / "harbor-at-dawn.jpg", quality=88)
    quiet_room().save(OUT / "quiet-room.jpg", quality=88)
    print("wrote", OUT / "harbor-at-dawn.jpg", "and", OUT / "quiet-room.jpg")


if __name__ == "__main__":
    main()
