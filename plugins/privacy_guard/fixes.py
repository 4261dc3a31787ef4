"""What a therapist can do about a finding, in plain words."""

import re

ALLOW_HINT = (' If you accept that every visitor\'s browser contacts {origin}, add "{origin}" '
              "to PRIVACY_ALLOWED_ORIGINS in pelicanconf.py (docs/privacy.md).")

_VIDEO_HOSTS = ("youtube", "youtu.be", "vimeo", "wistia", "loom", "tiktok", "dailymotion")
_FONT_HOSTS = ("fonts.googleapis", "fonts.gstatic", "typekit", "fonts.bunny", "fontawesome")
_MAP_HOSTS = ("maps.google", "google.com/maps", "openstreetmap", "mapbox", "bing.com/maps")
_ORIGIN = re.compile(r"another website, (https?://\S+)")

EMBED = ("Remove the embed and link to the page instead: an embedded frame or widget lets "
         "the other website see and follow every visitor.")
STYLE = ("Remove the styling: only the theme (theme/static/css/) styles the site, and "
         "Markdown (headings, **bold**, lists, tables) needs none.")
SCRIPT = ("Remove it: this site runs no JavaScript. Analytics, chat, booking and social "
          "widgets track visitors; link to the service instead.")
IMAGE = ("Save the image into content/images/ and insert it with "
         "![what it shows]({static}/images/FILE). A remote image (a 'tracking pixel') "
         "tells its owner who read the page and when.")
SVG_FILE = ("Save the SVG again as plain SVG (no scripts, animation, links to other files "
            "or declarations inside <!DOCTYPE [...]>), or use a PNG instead.")


def fix_for(tag, problem):
    low = problem.lower()
    origin = _ORIGIN.search(problem)
    allow = ALLOW_HINT.format(origin=origin.group(1)) if origin else ""
    if any(h in low for h in _VIDEO_HOSTS):
        return ("Link to the video instead: a plain link loads nothing from the video site "
                "until the visitor chooses to click it.")
    if any(h in low for h in _MAP_HOSTS):
        return "Link to the map instead of embedding it, and write out the address."
    if any(h in low for h in _FONT_HOSTS):
        return ("Keep the theme's system fonts, or host the font files yourself in "
                "theme/static/ and refer to them with a relative path.")
    if tag in ("iframe", "frame", "frameset", "object", "embed", "applet", "portal"):
        return EMBED
    if tag == "script" or " on" in low and "attribute on" in low or "javascript" in low:
        return SCRIPT
    if tag == "style" or "attribute style=" in low or "stylesheet" in low:
        return STYLE
    if "at-rule" in low:
        return "Remove that @-rule from the stylesheet."
    if "css the browser cannot read" in low:
        return "Correct the CSS on that line (a missing } or ; is the usual cause)."
    if "which can load a file" in low:
        return ("Use a colour, or a gradient or pattern defined in the same SVG and "
                "referred to as url(#its-id).")
    if tag == "css":
        return ("Copy the file into theme/static/ and refer to it with a relative path."
                + allow)
    if "referrer" in low:
        return ("Remove it: the site already tells browsers to send no referrer, which keeps "
                "the page's address from the sites it links to.")
    if tag == "meta":
        return ("Remove the <meta>. To send visitors elsewhere, link to the other page "
                "instead of redirecting them.")
    if tag in ("form", "input", "button", "select", "textarea", "isindex"):
        return ("Remove the form: what visitors type must not be sent from these pages. Link "
                "to your client portal (PRACTICE booking_url) instead.")
    if tag == "base":
        return "Remove the <base> element."
    if tag in ("img", "picture", "source", "image") or "image" in low:
        return IMAGE + allow
    if tag in ("video", "audio", "track"):
        return ("Put the file in content/ and refer to it with {static}, or link to it "
                "instead." + allow)
    if tag == "svg-file":
        return SVG_FILE
    if "content-security-policy" in low:
        return ("Put {{ privacy_meta_html }} right after <meta charset=\"utf-8\"> in the "
                "<head> of the template that makes this page (theme/templates/).")
    if "link" in low and "address" in low:
        return "Use an ordinary link (https://..., mailto:, tel:) or a page of the site."
    if "element <" in low:
        return ("Remove the element. If it came from an embed code, link to the service "
                "instead (docs/privacy.md says what pages may contain).")
    if "attribute" in low:
        return ("Remove the attribute: pages may carry only the attributes ordinary Markdown "
                "writes (docs/privacy.md).")
    return "Remove it, or link to the other website with an ordinary link instead." + allow
