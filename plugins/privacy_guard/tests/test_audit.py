"""The audit on small documents: what is refused and why, what passes, and the pieces it
is built from (address normalisation, srcset splitting, file sorting, the privacy meta).
The corpora (corpus/) try the same promises through real builds of the project in
`tests/kit_privacy_guard_corpus.py`."""

import pytest

from .. import audit, content, headers, html_audit, srcset, urls

SITE = "https://harborlight.example"
POLICY = audit.AuditRules(SITE, [])


def page(body, policy=POLICY, head=None):
    meta = headers.meta_html(policy.allowed)
    head = f'<meta charset="utf-8">\n{meta}\n<title>t</title>' if head is None else head
    return f"<!DOCTYPE html>\n<html><head>{head}</head>\n<body>\n{body}\n</body></html>"


def findings(body, policy=POLICY):
    return audit.Auditor(policy).html(page(body, policy), "page.html", "content/posts/p.md")


def problems(body, policy=POLICY):
    return " | ".join(f.problem for f in findings(body, policy))


# ---- refused: loads from another website ---------------------------------------------

@pytest.mark.parametrize("body, origin", [
    ('<img src="https://pixel.tracker.example/p.gif" width="1" height="1" alt="">',
     "https://pixel.tracker.example"),
    ('<img src="//cdn.example/a.png" alt="a">', "https://cdn.example"),
    ('<IMG SRC="HTTPS://CDN.EXAMPLE/A.PNG" ALT="a">', "https://cdn.example"),
    ('<img src="/a.png" srcset="/a.png 1x, https://img.example/a@2x.png 2x" alt="a">',
     "https://img.example"),
    ('<video src="/v.mp4" poster="https://img.example/p.jpg"></video>', "https://img.example"),
    ('<audio src="https://media.example/a.mp3"></audio>', "https://media.example"),
    ('<svg><image href="https://img.example/a.png"/></svg>', "https://img.example"),
    ('<img src="http://harborlight.example/a.png" alt="a">', "http://harborlight.example"),
    ('<img src="https://harborlight.example.evil.example/a.png" alt="a">',
     "https://harborlight.example.evil.example"),
    ('<img src="https://harborlight.example@evil.example/a.png" alt="a">',
     "https://evil.example"),
    ('<img src="https:\\\\evil.example\\a.png" alt="a">', "https://evil.example"),
])
def test_loads_from_another_origin_are_refused_with_the_origin_and_a_fix(body, origin):
    found = findings(body)
    assert found, body
    assert any(f"another website, {origin}" in f.problem for f in found), found
    line = page(body)[:page(body).index(body)].count("\n") + 1
    assert all(f.file == "page.html" and f.line == line for f in found)
    assert all(f.source == "content/posts/p.md" for f in found)
    assert any("PRIVACY_ALLOWED_ORIGINS" in f.fix for f in found)


# ---- refused: anything not on the allowlist ------------------------------------------

@pytest.mark.parametrize("body, words", [
    ("<script>alert(1)</script>", "a <script>"),
    ('<script type="module">x</script>', "a <script>"),
    ('<script type="application/ld+json" src="https://x.example/d.json"></script>',
     "attribute src="),
    ('<p onclick="steal()">x</p>', "onclick="),
    ("<img/onerror=x() src=/a.png alt=a>", "onerror="),
    ('<a href="javascript:alert(1)">x</a>', "a javascript: address"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "a javascript: address"),
    ('<a href="java\tscript:alert(1)">x</a>', "a javascript: address"),
    ('<a href="  JavaScript&colon;alert(1)">x</a>', "a javascript: address"),
    ('<a href="&#x01;javascript:alert(1)">x</a>', "a javascript: address"),
    ('<iframe src="/local.html" title="v"></iframe>', "<iframe src="),
    ('<object data="/a.swf"></object>', "<object data="),
    ('<meta http-equiv="refresh" content="0; https://elsewhere.example/">', "refresh"),
    ('<meta http-equiv="set-cookie" content="id=1">', "set-cookie"),
    ('<meta name="referrer" content="unsafe-url">', "only no-referrer"),
    ('<a href="/x" referrerpolicy="origin">x</a>', "referrer policy"),
    ('<a href="/x" ping="/count">x</a>', "attribute ping="),
    ('<form action="/search/"></form>', "<form action="),
    ('<p style="color: red">content brings no CSS</p>', "attribute style="),
    ("<style>p { color: red }</style>", "<style>"),
    ('<link rel="stylesheet" href="/extra/mine.css">', "only the theme's own"),
    ('<link rel="preload" href="/a.woff2">', 'rel="preload"'),
    ("<template><p>x</p></template>", "<template>"),
    ("<noscript><p>x</p></noscript>", "<noscript>"),
    ("<math><mi>x</mi></math>", "<math>"),
    ('<svg><set attributeName="href" to="/x"/></svg>', "<set>"),
    ('<svg><rect fill="url(https://e.example/p#g)"/></svg>', "can load a file"),
    ('<svg><rect fill="u\\72l(https://e.example/p#g)"/></svg>', "can load a file"),
    ('<svg><use href="/sprite.svg#i"/></svg>', ""),  # same site: allowed (no finding)
    ('<a title="a > b" href="/x" onclick="x()">x</a>', "onclick="),
    ('<img src="https://e.example/p.gif" src="/a.png" alt="a">', "https://e.example"),
])
def test_what_is_not_allowed_is_refused(body, words):
    text = problems(body)
    if not words:
        assert text == ""
    else:
        assert words in text, text


def test_a_duplicated_attribute_is_judged_as_the_browser_reads_it():
    # The browser keeps the first of two equal attribute names, and so does the parser.
    assert problems('<img src="/a.png" src="https://e.example/p.gif" alt="a">') == ""


def test_an_embed_from_an_allowed_origin_is_still_refused():
    allowed = audit.AuditRules(SITE, ["https://www.youtube-nocookie.com"])
    found = findings('<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
                     allowed)
    assert len(found) == 1 and "Link to the video instead" in found[0].fix


# ---- passes ------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    '<a href="https://www.youtube.com/watch?v=abc">Watch the video</a>',
    '<a href="mailto:hello@harborlight.example">mail</a> <a href="tel:+15035550142">call</a>',
    '<a href="sms:+15035550142">text</a> <a href="#top">top</a> <a href="//e.example/">e</a>',
    '<img src="/images/a.png" alt="a"> <img src="../b.png" alt="b">',
    '<img src="https://harborlight.example/images/a.png" alt="a">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
    '<script type="application/ld+json">{"url": "https://schema.org"}</script>',
    '<link rel="canonical" href="https://harborlight.example/">',
    '<link rel="alternate" type="application/atom+xml" href="https://feeds.example/all.xml">',
    '<link rel="stylesheet" href="https://harborlight.example/theme/css/site.css">',
    '<meta name="description" content="A page about online therapy and onboarding=easy">',
    '<meta property="og:image" content="https://harborlight.example/a.png">',
    '<svg aria-hidden="true" viewBox="0 0 4 4"><path d="M0 0" fill="url(#g)"/>'
    '<use href="#icon"/></svg>',
    "<p>Typing javascript: in a sentence, or onclick= as text, or url(x) does nothing.</p>",
    '<table><tr><th align="right">Fee</th></tr><tr><td align="right">$1</td></tr></table>',
    '<a href="https://e.example/" referrerpolicy="no-referrer" rel="noopener">x</a>',
])
def test_ordinary_content_passes(body):
    assert findings(body) == []


def test_allowed_origin_passes_and_others_still_fail():
    policy = audit.AuditRules(SITE, ["https://images.example.org"])
    assert findings('<img src="https://images.example.org/a.png" alt="a">', policy) == []
    assert findings('<img src="https://images.example.org:8443/a.png" alt="a">', policy)


def test_dev_build_with_relative_urls_has_no_own_origin():
    policy = audit.AuditRules("", [])
    assert findings('<img src="theme/a.png" alt="a">', policy) == []
    assert findings('<img src="https://harborlight.example/a.png" alt="a">', policy)


# ---- the privacy meta at the start of <head> ------------------------------------------

META = headers.meta_html([])


@pytest.mark.parametrize("head, ok", [
    (f'<meta charset="utf-8">{META}<title>t</title>', True),
    (f"{META}<title>t</title>", True),
    ('<meta charset="utf-8"><title>t</title>', False),                     # missing
    (f'<meta charset="utf-8"><link rel="icon" href="/f.ico">{META}', False),  # too late
    ('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
     'content="default-src *"><meta name="referrer" content="no-referrer">', False),
    (f'<meta charset="utf-8">{META.split(chr(10))[0]}', False),            # no referrer
])
def test_the_privacy_meta_must_open_the_head(head, ok):
    found = audit.Auditor(POLICY).html(page("<p>x</p>", head=head), "p.html")
    assert (found == []) == ok, found


@pytest.mark.parametrize("doc", [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>x</body>',
    "<!DOCTYPE html><html><head><title>t</title></head><body>x</body></html>",
    "<!DOCTYPE html><title>t</title><p>no head or body tags",
    "<p>a bare fragment",
    '<HTML LANG="en"><HEAD><META CHARSET=utf-8><TITLE>t</TITLE></HEAD></HTML>',
])
def test_the_meta_is_inserted_where_a_template_forgot_it(doc, tmp_path):
    path = tmp_path / "p.html"
    path.write_text(doc, encoding="utf-8")
    auditor = audit.Auditor(POLICY)
    assert auditor.html(doc, "p.html")  # without it: refused
    assert auditor.file(path, tmp_path, fix_meta=True) == []
    assert auditor.file(path, tmp_path) == []  # written into the file itself


# ---- addresses ---------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("  https://a.example/ ", "https://a.example/"),
    ("\x01\x1fjava\tscr\nipt:x", "javascript:x"),
    ("\\\\evil.example\\p", "//evil.example/p"),
])
def test_addresses_are_normalised_like_a_browser(raw, clean):
    assert urls.normalise(raw) == clean


@pytest.mark.parametrize("value, expected", [
    ("/a.png 1x, /b.png 2x", ["/a.png", "/b.png"]),
    ("/a.png 1x,https://e.example/b.png 2x", ["/a.png", "https://e.example/b.png"]),
    ("/a.png,/b.png", ["/a.png,/b.png"]),  # no space: one address with a comma in it
    ("  /a.png   480w  ,  /b.png 800w ", ["/a.png", "/b.png"]),
    ("data:image/png;base64,AAA= 1x", ["data:image/png;base64,AAA="]),
])
def test_srcset_is_split_like_the_html_standard(value, expected):
    assert srcset.urls(value) == expected


@pytest.mark.parametrize("value, ok", [
    (["https://images.example.org"], ["https://images.example.org"]),
    (["HTTPS://Images.Example.org/"], ["https://images.example.org"]),
    (["http://localhost:8080"], ["http://localhost:8080"]),
    (["https://images.example.org/path"], []),
    (["*.example.org"], []),
    ("https://images.example.org", []),
])
def test_allowed_origins_setting_is_validated(value, ok):
    origins, found = audit.parse_allowed_origins(value)
    assert origins == ok
    assert bool(found) == (not ok)
    assert all("PRIVACY_ALLOWED_ORIGINS" in p for p in found)


# ---- CSS, SVG and other files -----------------------------------------------------

@pytest.mark.parametrize("css, origin", [
    ("@import url(https://cdn.example/a.css);", "https://cdn.example"),
    ('@import "https://cdn.example/a.css";', "https://cdn.example"),
    ("@font-face { src: url('https://fonts.gstatic.com/x.woff2') }", "https://fonts.gstatic.com"),
    ("a { background: url( //img.example/a.png ) }", "https://img.example"),
    ('a { background-image: image-set("https://img.example/a.png" 1x) }', "https://img.example"),
    (r"a { background: \75 rl(https://img.example/esc.png) }", "https://img.example"),
    ("@media screen { a { background: url(https://img.example/m.png) } }",
     "https://img.example"),
])
def test_css_loads_are_refused(css, origin):
    found = audit.audit_css(css, "theme/css/x.css", POLICY)
    assert found
    assert all(f.line == 1 for f in found)
    if origin:
        assert origin in found[0].problem


@pytest.mark.parametrize("css", [
    "a { background: url(/*x*/https://img.example/c.png) }",  # no comment in url(): relative
    "a { background: url(/theme/x.png), url('data:image/png;base64,AA==') }",
    "@media (min-width: 40rem) { .a { color: red } }",
    "/* url(https://img.example/in-a-comment.png) */ a { content: 'url(https://x.example)' }",
])
def test_harmless_css_passes(css):
    assert audit.audit_css(css, "theme/css/x.css", POLICY) == []


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">{}</svg>'


@pytest.mark.parametrize("text, words", [
    (SVG.format('<circle cx="2" cy="2" r="2" fill="#123"/>'), None),
    ('<?xml version="1.0" encoding="UTF-8"?>\n' + SVG.format("<title>Mark</title>"), None),
    (SVG.format("<script>x</script>"), "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
     "<h:script>x</h:script></svg>", "namespace"),
    (SVG.format('<rect onclick="x()"/>'), "onclick"),
    # The bare DOCTYPE line drawing programs write declares and loads nothing: fine.
    ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/'
     'DTD/svg11.dtd">' + SVG.format(""), None),
    # A DOCTYPE with declarations inside [...] can add attributes or text the scan would
    # not see as written: refused.
    ('<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>' + SVG.format(""), "DTD"),
    ('<!DOCTYPE svg [<!ENTITY a "<script>x</script>">]>' + SVG.format("&a;"), "DTD"),
    # An SVG font (Pelican's default theme ships one) draws from its own paths.
    (SVG.format('<defs><font horiz-adv-x="200"><font-face font-family="Y" '
                'units-per-em="1000" panose-1="0 0 5 0 0 0 0 0 0 0"/><glyph unicode="a" '
                'glyph-name="a" d="M0 0h1"/></font></defs>'), None),
    (SVG.format('<font-face><font-face-src><font-face-uri href="https://f.example/'
                'y.svg"/></font-face-src></font-face>'), "<font-face-src>"),
    (SVG.format('<a href="javascript:x()"><rect/></a>'), "javascript"),
    (SVG.format('<animate attributeName="href" to="/x"/>'), "<animate>"),
])
def test_svg_files_are_read_as_xml_and_allowlisted(tmp_path, text, words):
    (tmp_path / "x.svg").write_text(text, encoding="utf-8")
    found = audit.audit_tree(str(tmp_path), POLICY)
    if words is None:
        assert found == []
    else:
        assert found and words in found[0].problem, found
        assert found[0].fix


@pytest.mark.parametrize("name, kind", [
    ("a.html", "html"), ("a.SHTML", "html"), ("a.xhtml", "xhtml"), ("a.svg", "svg"),
    ("a.js", "code"), ("a.mjs", "code"), ("CNAME", "host"), ("_headers", "host"),
    ("feeds/all.atom.xml", "xml"), ("a.css", "css"), ("a.txt", "file"), ("a.exe", "file"),
])
def test_files_are_sorted_by_extension(name, kind):
    assert audit.kind_of(name) == kind


@pytest.mark.parametrize("name, data, words", [
    ("a.txt", b"  <!DOCTYPE html><p>", "read it as an HTML page"),
    ("notes.txt", b"Plain words.", None),
    ("a.png", b"<svg onload=x()>", "read it as XML"),
    ("a.exe", b"MZ", "a type this site does not publish"),
    ("a.pdf", b"%PDF-1.7", None), ("a.pdf", b"<html><p>", "read it as an HTML page"),
    ("key", b"AKIA0000", "without an extension"),
    ("a.docx", b"PK\x03\x04[Content_Types].xml", "office document"),
])
def test_copied_files_are_judged_by_their_bytes(tmp_path, name, data, words):
    (tmp_path / name).write_bytes(data)
    found = audit.Auditor(POLICY).file(str(tmp_path / name), str(tmp_path))
    if words is None:
        assert found == []
    else:
        assert found and words in found[0].problem, found
        assert found[0].fix


def test_a_feed_entry_with_a_remote_image_is_refused(tmp_path):
    feed = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            '<entry><title>Rest</title><link href="https://harborlight.example/blog/rest/" '
            'rel="alternate"/>\n<content type="html">&lt;p&gt;Hi&lt;img src="https://t.example/'
            'p.gif" alt=""&gt;&lt;/p&gt;</content></entry></feed>')
    (tmp_path / "all.atom.xml").write_text(feed, encoding="utf-8")
    found = audit.audit_tree(str(tmp_path), POLICY, {"blog/rest/index.html": "content/r.md"})
    assert len(found) == 1
    assert 'in the feed entry "Rest"' in found[0].problem
    assert "https://t.example" in found[0].problem
    assert found[0].source == "content/r.md" and found[0].line == 3


# ---- headers --------------------------------------------------------------------

def test_meta_policy_has_no_header_only_directives():
    meta = headers.meta_html(["https://images.example.org"])
    assert "script-src 'none'" in meta and 'name="referrer" content="no-referrer"' in meta
    assert "img-src 'self' data: https://images.example.org" in meta
    for header_only in ("frame-ancestors", "report-uri", "sandbox"):
        assert header_only not in meta
    assert "frame-ancestors 'none'" in headers.csp(header=True)


def test_permissions_policy_names_no_unrecognised_feature():
    assert "ambient-light-sensor" not in headers.PERMISSIONS
    assert "camera=()" in headers.PERMISSIONS and "browsing-topics=()" in headers.PERMISSIONS


def test_a_remembered_stylesheet_verdict_still_depends_on_the_page_folder():
    # The same <link> is the theme's stylesheet from one folder and a page's own file from
    # another. Verdicts are remembered across pages: the second page must not inherit the
    # first one's, in either order.
    link = '<link rel="stylesheet" href="../theme/css/site.css">'
    doc = page("<p>x</p>", head=f'<meta charset="utf-8">\n'
               f'{headers.meta_html(POLICY.allowed)}\n<title>t</title>{link}').encode()
    for order in (["blog/index.html", "blog/post/index.html"],
                  ["blog/post/index.html", "blog/index.html"]):
        auditor = audit.Auditor(POLICY)
        verdicts = {rel: auditor.html(doc, rel) for rel in order}
        assert verdicts["blog/index.html"] == []  # resolves to /theme/css/site.css
        refused = " ".join(f.problem for f in verdicts["blog/post/index.html"])
        assert "only the theme's own stylesheets" in refused  # /blog/theme/css/site.css
