"""Share cards: the 1200x630 picture a network shows when someone shares a post.

A post with a picture gets that picture, cover-cropped to 1200x630. A post without one
gets a card drawn here: its title on the theme's colours, in the font kept in the theme,
laid out without the system's text shaper, so every machine draws the same bytes.
"""

import functools
import hashlib
import io

import tinycss2
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

WIDTH, HEIGHT = 1200, 630
VERSION = 1

# Used when the theme's stylesheet does not name its colours as these custom properties.
DEFAULT_COLORS = {"background": "#1d3b3a", "text": "#ffffff", "accent": "#c8643a",
                  "band": "#f7f4ef", "band_text": "#1d3b3a"}
# Which of the theme's custom properties (in its first `:root` rule) paint what.
THEME_PROPERTIES = {"background": "--brand", "text": "--on-brand", "accent": "--accent",
                    "band": "--bg", "band_text": "--brand"}


def theme_colors(css_text):
    """The card colours named by the `:root` custom properties of a stylesheet."""
    found = {}
    for rule in tinycss2.parse_stylesheet(css_text, skip_comments=True,
                                          skip_whitespace=True):
        if rule.type != "qualified-rule" or tinycss2.serialize(rule.prelude).strip() != ":root":
            continue
        for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                    skip_whitespace=True):
            if decl.type == "declaration" and decl.name.startswith("--"):
                found.setdefault(decl.name, tinycss2.serialize(decl.value).strip())
        break  # the light scheme only: later :root rules sit in @media blocks
    colors = dict(DEFAULT_COLORS)
    for role, prop in THEME_PROPERTIES.items():
        try:
            colors[role] = ImageColor.getrgb(found[prop])[:3]
        except (KeyError, ValueError):
            pass
    return {role: ImageColor.getrgb(value)[:3] if isinstance(value, str) else value
            for role, value in colors.items()}


def cover(picture_path):
    """A cleaned picture cover-cropped (and scaled) to exactly 1200x630, as JPEG bytes."""
    with Image.open(picture_path) as im:
        im = im.convert("RGB")
        card = ImageOps.fit(im, (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    card.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def _wrap(draw, text, font, width):
    """Greedy word wrap; a word too long for a line is cut where it must be."""
    lines, line = [], ""
    for word in text.split():
        while draw.textlength(word, font=font) > width:
            cut = len(word)
            while cut > 1 and draw.textlength(word[:cut], font=font) > width:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


@functools.lru_cache(maxsize=32)
def _font(path, size):
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def title_card(title, site_name, colors, font_path):
    """A drawn card (JPEG bytes): the title large on the background colour, the site's name below."""
    card = Image.new("RGB", (WIDTH, HEIGHT), colors["background"])
    draw = ImageDraw.Draw(card)
    margin, band = 80, 110
    room = HEIGHT - band - 2 * 60
    # The largest size at which the title fits in four lines.
    for size in range(76, 34, -4):
        font = _font(font_path, size)
        lines = _wrap(draw, " ".join(title.split()), font, WIDTH - 2 * margin)
        line_height = round(size * 1.22)
        if len(lines) <= 4 and len(lines) * line_height <= room:
            break
    else:
        lines = lines[:4]
        lines[-1] = lines[-1].rstrip(".") + "..."
    top = 60 + (room - len(lines) * line_height) // 2
    for n, line in enumerate(lines):
        draw.text((margin, top + n * line_height), line, font=font, fill=colors["text"])
    draw.rectangle((0, HEIGHT - band, WIDTH, HEIGHT), fill=colors["band"])
    draw.rectangle((0, HEIGHT - band, WIDTH, HEIGHT - band + 10), fill=colors["accent"])
    small = _font(font_path, 34)
    draw.text((margin, HEIGHT - band + 10 + (band - 10 - 34) // 2 - 4), site_name,
              font=small, fill=colors["band_text"])
    out = io.BytesIO()
    # JPEG: twenty times faster to write than PNG here (a big site has thousands of
    # cards); full chroma keeps the letters' edges clean.
    card.save(out, "JPEG", quality=90, subsampling=0)
    return out.getvalue()


def title_card_key(title, site_name, colors, font_digest):
    """The cache key of a drawn card: everything that changes its bytes."""
    text = repr((VERSION, title, site_name, sorted(colors.items()), font_digest)).encode()
    return hashlib.sha256(text).hexdigest()


def font_digest(font_path):
    with open(font_path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()
