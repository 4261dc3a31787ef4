"""links.file_links skips the HTML parser for HTML that cannot hold a {filename}-style
link. The shortcut must never drop a link: on every spelling below, the result equals the
full parse (forced by an equivalent link pattern that the shortcut does not know)."""

from .. import links

DEFAULT = links.DEFAULT_LINK_REGEX
SAME_PATTERN = "[|{](?P<what>.*?)[}|]"   # the same language, another spelling: no shortcut

HOSTILE = [  # each holds a link by file name, in some spelling the parser resolves
    '<a href="{filename}/posts/gone.md">x</a>',
    '<a href="|filename|/posts/gone.md">x</a>',
    '<img src="{static}/images/gone.png" alt="">',
    '<a href="&#123;filename}/posts/gone.md">x</a>',
    '<a href="&#x7b;filename}/posts/gone.md">x</a>',
    '<a href="&#X7B;attach}/files/gone.pdf">x</a>',
    '<a href="&lbrace;filename}/posts/gone.md">x</a>',
    '<a href="&lcub;filename}/posts/gone.md">x</a>',
    '<a href="&vert;filename&vert;/posts/gone.md">x</a>',
    '<a href="&verbar;static&verbar;/gone.png">x</a>',
    '<a href="&VerticalLine;filename&VerticalLine;/x.md">x</a>',
    '<a href="&#124;filename&#124;/posts/gone.md">x</a>',
    '<a href=\'{filename}/posts/gone.md\'>x</a>',
    '<a href={filename}/posts/gone.md>x</a>',
    '<blockquote cite="{filename}/posts/gone.md">q</blockquote>',
]
BENIGN = [  # no link by file name: both ways find nothing
    "<p>Plain words, a <em>stress</em> and no links.</p>",
    '<p><a href="../../blog/">the blog</a> and <a href="https://example.org/">a site</a></p>',
    "<p>Fees: $120 &amp; up; &ldquo;quoted&rdquo; &mdash; fine.</p>",
    '<p>Braces in text {like this} and a pipe | here.</p>',
    '<p>Write to <a href="&#109;&#97;ilto:me@example.org">me</a>.</p>',
    "",
]


def test_the_shortcut_finds_every_link_the_parser_finds():
    found = 0
    for html in HOSTILE:
        full = links.file_links(html, SAME_PATTERN)
        assert full, html            # the corpus really holds a link
        assert links.file_links(html, DEFAULT) == full, html
        found += 1
    assert found == len(HOSTILE)


def test_the_shortcut_agrees_on_html_without_such_links():
    for html in BENIGN:
        assert links.file_links(html, DEFAULT) == links.file_links(html, SAME_PATTERN) == [], html
