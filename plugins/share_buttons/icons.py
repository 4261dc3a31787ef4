"""Small inline SVG glyphs for the share links, drawn for this plugin on a 24x24 grid.

They are simple shapes that hint at each network (a letter, a pin, a butterfly, a paper
plane...), not the networks' logos: the visible name next to each icon does the naming.
Filled shapes take the link's text colour (the theme sets `fill: currentColor`); outlined
ones draw with `stroke="currentColor"`. No style attributes: the site's CSP forbids them.
"""

_OUTLINE = 'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" ' \
           'stroke-linejoin="round"'

GLYPHS = {
    # a lower-case f
    "facebook": '<path d="M13.5 21v-7.5h2.6l.4-3h-3V8.7c0-.9.3-1.5 1.6-1.5h1.5V4.5'
                'a19 19 0 0 0-2.3-.1c-2.3 0-3.8 1.4-3.8 3.9v2.2H8v3h2.5V21z"/>',
    # two crossing strokes
    "x": '<path d="M4.5 4h4l11 16h-4z"/><path d="M17.6 4h2.1L6.4 20H4.3z"/>',
    # the letters "in"
    "linkedin": '<rect x="3.5" y="9" width="3.6" height="11" rx=".6"/>'
                '<circle cx="5.3" cy="5.3" r="2"/>'
                '<path d="M9.8 9h3.4v1.5c.7-1.1 1.9-1.8 3.5-1.8 2.7 0 3.8 1.7 3.8 4.6V20'
                'h-3.6v-6c0-1.4-.5-2.2-1.7-2.2-1.3 0-2 .9-2 2.3V20H9.8z"/>',
    # a map pin
    "pinterest": '<path fill-rule="evenodd" d="M12 2.5a7 7 0 0 0-7 7c0 4.8 7 12 7 12'
                 's7-7.2 7-12a7 7 0 0 0-7-7zm0 4.3a2.7 2.7 0 1 0 0 5.4 2.7 2.7 0 0 0 0-5.4z"/>',
    # a butterfly: four wings
    "bluesky": '<ellipse cx="7.3" cy="9" rx="5" ry="3.4" transform="rotate(35 7.3 9)"/>'
               '<ellipse cx="16.7" cy="9" rx="5" ry="3.4" transform="rotate(-35 16.7 9)"/>'
               '<ellipse cx="8.6" cy="16" rx="3.4" ry="2.3" transform="rotate(-40 8.6 16)"/>'
               '<ellipse cx="15.4" cy="16" rx="3.4" ry="2.3" transform="rotate(40 15.4 16)"/>',
    # an at sign
    "threads": f'<circle cx="12" cy="12" r="3.6" {_OUTLINE}/>'
               f'<path d="M15.6 8.5v4.6c0 1.6 1 2.6 2.4 2.6s2.5-1 2.5-3.4A8.5 8.5 0 1 0 16 19.4" '
               f'{_OUTLINE}/>',
    # a round face with an antenna
    "reddit": '<path fill-rule="evenodd" d="M4 14.5a8 5.7 0 1 0 16 0 8 5.7 0 1 0-16 0z'
              'M7.6 13.6a1.5 1.5 0 1 0 3 0 1.5 1.5 0 1 0-3 0zm5.8 0a1.5 1.5 0 1 0 3 0 '
              '1.5 1.5 0 1 0-3 0z"/><circle cx="18" cy="4.8" r="1.9"/>'
              f'<path d="M12 8.8 13.2 4l3 .7" {_OUTLINE}/>',
    # a round speech bubble
    "whatsapp": '<path d="M12 3a9 9 0 0 0-7.7 13.6L3 21l4.5-1.2A9 9 0 1 0 12 3z"/>',
    # a paper plane
    "telegram": '<path d="M21.5 3.5 2.5 11l5.7 2.2L18 7l-7.6 7.6v5.9l3.3-4 4.6 3.5z"/>',
    # a square speech bubble
    "mastodon": '<path d="M5 3h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H10l-5 4v-4a2 2 0 0 1-2-2'
                'V5a2 2 0 0 1 2-2z"/>',
    # an envelope
    "email": f'<rect x="3" y="5.5" width="18" height="13" rx="1.5" {_OUTLINE}/>'
             f'<path d="m3.5 6.5 8.5 7 8.5-7" {_OUTLINE}/>',
}


def svg(network):
    return ('<svg class="share-buttons__icon" viewBox="0 0 24 24" width="18" height="18" '
            'aria-hidden="true" focusable="false">' + GLYPHS[network] + '</svg>')
