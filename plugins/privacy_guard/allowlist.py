"""What a page may contain: every element and attribute that ordinary Markdown (with the
extra, codehilite, toc, footnotes, abbr, def_list, tables and attr_list extensions),
docutils (reStructuredText, once content.py has normalised it), the theme and the plugins
write. Anything not listed here is refused.

Element names are as the HTML parser reports them (SVG names keep their camel case).
An attribute is allowed when it is global, listed for its element, an ARIA `aria-*`
or a `data-*` attribute. Addresses are judged separately (see ADDRESS_ATTRS).
"""

# ---- HTML ------------------------------------------------------------------------------

HTML_ELEMENTS = frozenset("""
html head body title meta link script
header footer nav main article section aside address search hgroup
h1 h2 h3 h4 h5 h6 p hr pre blockquote ol ul li dl dt dd figure figcaption div menu
a em strong small s cite q dfn abbr data time code var samp kbd sub sup i b u mark
ruby rt rp bdi bdo span br wbr ins del
img picture source video audio track
table caption colgroup col tbody thead tfoot tr td th
details summary
""".split())

GLOBAL_ATTRS = frozenset("""
class id lang dir title role tabindex translate
""".split())

ELEMENT_ATTRS = {
    "html": {"xmlns"},
    "meta": {"charset", "name", "content", "property", "http-equiv", "media"},
    "link": {"rel", "href", "type", "sizes", "media", "title", "hreflang"},
    "script": {"type"},
    "a": {"href", "rel", "hreflang", "type", "target", "download", "name",
          "referrerpolicy"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ins": {"cite", "datetime"},
    "del": {"cite", "datetime"},
    "time": {"datetime"},
    "data": {"value"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding",
            "fetchpriority", "referrerpolicy"},
    "source": {"src", "srcset", "sizes", "type", "media", "width", "height"},
    "video": {"src", "poster", "controls", "width", "height", "preload", "muted", "loop",
              "playsinline", "autoplay", "referrerpolicy"},
    "audio": {"src", "controls", "preload", "muted", "loop", "autoplay",
              "referrerpolicy"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "td": {"colspan", "rowspan", "headers", "align", "valign"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "align", "valign"},
    "col": {"span", "align", "width"},
    "colgroup": {"span", "width"},
    # What docutils (Pelican's reStructuredText reader) writes on tables: borders and
    # alignment, drawn by the browser, loading nothing.
    "table": {"border", "frame", "rules"},
    "thead": {"valign"}, "tbody": {"valign"}, "tfoot": {"valign"}, "tr": {"valign"},
    "details": {"open"},
    "main": set(),
}

# Addresses: which attributes of which elements hold one, and how it is judged.
#   "link"  an ordinary link the visitor chooses to follow: http(s), mailto, tel, sms,
#           or into the site
#   "fetch" loaded by the browser on its own: the site's own files or a data: image
#   "srcset" a list of "fetch" addresses with descriptors (srcset.py)
#   "sizes" media conditions and lengths, nothing else (srcset.py)
ADDRESS_ATTRS = {
    ("a", "href"): "link", ("blockquote", "cite"): "link", ("q", "cite"): "link",
    ("ins", "cite"): "link", ("del", "cite"): "link",
    ("img", "src"): "fetch", ("img", "srcset"): "srcset", ("img", "sizes"): "sizes",
    ("source", "src"): "fetch", ("source", "srcset"): "srcset",
    ("source", "sizes"): "sizes",
    ("video", "src"): "fetch", ("video", "poster"): "fetch",
    ("audio", "src"): "fetch", ("track", "src"): "fetch",
    ("image", "href"): "fetch", ("image", "xlink:href"): "fetch",
    ("use", "href"): "fragment", ("use", "xlink:href"): "fragment",
}

# <meta name=...> and <meta property=...> the theme writes, and nothing that changes how
# the page behaves (http-equiv refresh, set-cookie, default-style are all refused).
META_NAMES = frozenset({"viewport", "description", "color-scheme", "referrer", "author",
                        "generator", "keywords", "robots", "theme-color",
                        "format-detection"})
META_NAME_PREFIXES = ("twitter:",)
META_PROPERTY_PREFIXES = ("og:", "article:", "profile:", "book:")
META_HTTP_EQUIV = frozenset({"content-security-policy"})

# <link rel=...>: references that load nothing, and the two that load the site's own files.
LINK_RELS_QUIET = frozenset({"canonical", "alternate", "author", "license", "prev",
                             "next", "me", "help", "search", "bookmark", "tag"})
LINK_RELS_FETCH = frozenset({"icon", "stylesheet", "apple-touch-icon", "mask-icon"})

# The one JSON-LD script type: data, never run.
SCRIPT_TYPES = frozenset({"application/ld+json"})

# ---- SVG (inline in pages, and .svg files) ---------------------------------------------

SVG_ELEMENTS = frozenset("""
svg g defs symbol use title desc metadata
path rect circle ellipse line polyline polygon text tspan textPath
linearGradient radialGradient stop clipPath mask pattern marker image a switch view
font font-face glyph missing-glyph hkern vkern
""".split())
# (SVG fonts, as Pelican's default theme ships one, draw glyphs from their own paths and
# load nothing; font-face-uri, which would fetch a font file, stays out.)

SVG_ATTRS = frozenset("""
id class lang role tabindex
xmlns xmlns:xlink version baseProfile x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height
viewBox preserveAspectRatio d points pathLength transform gradientTransform
gradientUnits patternUnits patternContentUnits patternTransform clipPathUnits
maskUnits maskContentUnits markerWidth markerHeight markerUnits refX refY orient
offset stop-color stop-opacity spreadMethod
fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity
clip-path clip-rule mask marker-start marker-mid marker-end
color display visibility overflow vector-effect shape-rendering paint-order
font-family font-size font-weight font-style text-anchor dominant-baseline
alignment-baseline letter-spacing word-spacing dx dy rotate textLength lengthAdjust
startOffset focusable href xlink:href xlink:title xml:space xml:lang
requiredExtensions systemLanguage
horiz-adv-x glyph-name unicode units-per-em ascent descent alphabetic cap-height x-height
u1 u2 g1 g2 k panose-1 font-stretch font-variant underline-position underline-thickness
""".split())

# Attributes whose value the browser reads as CSS and may hold url(...): only
# url(#local-id) is allowed there.
SVG_PAINT_ATTRS = frozenset({"fill", "stroke", "clip-path", "mask", "marker-start",
                             "marker-mid", "marker-end"})

ELEMENTS = HTML_ELEMENTS | SVG_ELEMENTS


def attribute_allowed(element, name):
    if name in GLOBAL_ATTRS or name.startswith(("aria-", "data-")):
        return True
    if element in SVG_ELEMENTS and name in SVG_ATTRS:
        return True
    return name in ELEMENT_ATTRS.get(element, ())
