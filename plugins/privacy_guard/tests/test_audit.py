"""The audit itself, on small documents: each kind of leak in issue 4's list is caught,
and what is harmless (links, the site's own files, data: images, JSON-LD) is not."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from privacy_guard import audit, headers  # noqa: E402

SITE = "https://harborlight.example"
POLICY = audit.Policy(SITE, [])


def findings(body, policy=POLICY):
    page = f"<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body>\n{body}\n</body></html>"
    return audit.audit_html(page, "page.html", policy)


def one(body, policy=POLICY):
    found = findings(body, policy)
    assert len(found) == 1, found
    return found[0]


# ---- things that must be caught --------------------------------------------------------

@pytest.mark.parametrize("body, origin", [
    ('<img src="https://pixel.tracker.example/p.gif" width="1" height="1" alt="">',
     "https://pixel.tracker.example"),
    ('<img src="//cdn.example/a.png" alt="a">', "https://cdn.example"),
    ('<IMG SRC="HTTPS://CDN.EXAMPLE/A.PNG" ALT="a">', "https://cdn.example"),
    ('<img src="/a.png" srcset="/a.png 1x, https://img.example/a@2x.png 2x" alt="a">',
     "https://img.example"),
    ('<picture><source srcset="https://img.example/a.webp"><img src="/a.png" alt="a">'
     "</picture>", "https://img.example"),
    ('<video src="/v.mp4" poster="https://img.example/p.jpg"></video>', "https://img.example"),
    ('<audio src="https://media.example/a.mp3"></audio>', "https://media.example"),
    ('<video><track src="https://media.example/c.vtt"></video>', "https://media.example"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Lato">',
     "https://fonts.googleapis.com"),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', "https://fonts.gstatic.com"),
    ('<link rel="dns-prefetch" href="//stats.example">', "https://stats.example"),
    ('<link rel="preload" as="font" href="https://f.example/a.woff2">', "https://f.example"),
    ('<link rel="modulepreload" href="https://js.example/m.js">', "https://js.example"),
    ('<link rel="prefetch" href="https://p.example/x">', "https://p.example"),
    ('<link rel="icon" href="https://icons.example/i.ico">', "https://icons.example"),
    ('<link rel="manifest" href="https://m.example/site.webmanifest">', "https://m.example"),
    ('<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">',
     "https://elsewhere.example"),
    ('<form action="https://forms.example/submit" method="post"></form>',
     "https://forms.example"),
    ('<div style="background: url(https://img.example/bg.png)">x</div>',
     "https://img.example"),
    ('<svg><image href="https://img.example/a.png"/></svg>', "https://img.example"),
    ('<svg><use xlink:href="https://icons.example/s.svg#i"/></svg>', "https://icons.example"),
    ('<base href="https://elsewhere.example/">', "https://elsewhere.example"),
    ('<a href="/x" ping="https://track.example/click">x</a>', "https://track.example"),
    ('<img src="http://harborlight.example/a.png" alt="a">', "http://harborlight.example"),
    # Look-alikes of the site's own address.
    ('<img src="https://harborlight.example.evil.example/a.png" alt="a">',
     "https://harborlight.example.evil.example"),
    ('<img src="https://harborlight.example@evil.example/a.png" alt="a">',
     "https://evil.example"),
    ('<body background="https://img.example/bg.png"><p>x</p></body>', "https://img.example"),
    ('<link rel="preload" as="image" imagesrcset="https://img.example/a.png 2x">',
     "https://img.example"),
    # A ">" inside a quoted value must not hide the rest of the tag.
    ('<meta content="x>y; url=https://elsewhere.example/" http-equiv="refresh">',
     "https://elsewhere.example"),
    ('<link title="a > b" rel="stylesheet" href="https://cdn.example/x.css">',
     "https://cdn.example"),
])
def test_loads_from_another_origin_are_caught(body, origin):
    found = one(body)
    assert found.origin == origin
    assert found.path == "page.html" and found.line == 4
    assert "PRIVACY_ALLOWED_ORIGINS" in found.hint


@pytest.mark.parametrize("body, words", [
    ("<script>alert(1)</script>", "a script"),
    ('<script src="/local.js"></script>', "a script"),
    ('<script type="module" src="https://cdn.example/m.js"></script>', "a script"),
    ('<script type="application/ld+json" src="https://x.example/d.json"></script>',
     "a script"),
    ('<p onclick="steal()">x</p>', "onclick="),
    ('<img src="/a.png" alt="a" ONERROR="x()">', "onerror="),
    ("<img/onerror=x() src=/a.png alt=a>", "onerror="),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript:"),
    ('<a href="java\tscript:alert(1)">x</a>', "javascript:"),
    ('<a href="  JavaScript&colon;alert(1)">x</a>', "javascript:"),
    ('<iframe src="https://www.youtube.com/embed/abc" title="v"></iframe>', "<iframe>"),
    ('<iframe src="/local.html" title="v"></iframe>', "<iframe>"),
    ('<object data="https://x.example/a.swf"></object>', "<object>"),
    ('<embed src="https://x.example/a.swf">', "<embed>"),
    ('<meta http-equiv="set-cookie" content="id=1">', "cookie"),
])
def test_code_and_embeds_are_caught(body, words):
    found = one(body)
    assert words in found.problem


def test_youtube_embed_hint_says_link_to_the_video():
    found = one('<iframe width="560" src="https://www.youtube-nocookie.com/embed/x"></iframe>')
    assert "Link to the video instead" in found.hint
    assert found.origin == "https://www.youtube-nocookie.com"
    # An allowed origin does not make an embed acceptable: frames are never allowed.
    allowed = audit.Policy(SITE, ["https://www.youtube-nocookie.com"])
    assert len(findings('<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
                        allowed)) == 1


def test_font_hint_says_host_the_font():
    found = one('<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Lato">')
    assert "Host the font files yourself" in found.hint


def test_style_block_import_is_caught_with_its_line():
    found = one("<style>\nbody { color: red }\n@import url('https://cdn.example/x.css');\n"
                "</style>")
    assert found.origin == "https://cdn.example" and found.line == 6


@pytest.mark.parametrize("css, origin", [
    ("@import url(https://cdn.example/a.css);", "https://cdn.example"),
    ('@import "https://cdn.example/a.css";', "https://cdn.example"),
    ("@font-face { src: url('https://fonts.gstatic.com/x.woff2') }", "https://fonts.gstatic.com"),
    ("a { background: url( //img.example/a.png ) }", "https://img.example"),
    ('a { background-image: image-set("https://img.example/a.png" 1x) }', "https://img.example"),
    (r"a { background: \75 rl(https://img.example/esc.png) }", "https://img.example"),
])
def test_css_loads_are_caught(css, origin):
    found = audit.audit_css(css, "theme/css/x.css", POLICY)
    assert [f.origin for f in found] == [origin]


# ---- things that must pass ------------------------------------------------------------

@pytest.mark.parametrize("body", [
    '<a href="https://www.youtube.com/watch?v=abc">Watch the video</a>',
    '<a href="mailto:hello@harborlight.example">mail</a> <a href="tel:+15035550142">call</a>',
    '<img src="/images/a.png" alt="a"> <img src="../b.png" alt="b">',
    '<img src="https://harborlight.example/images/a.png" alt="a">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
    '<script type="application/ld+json">{"url": "https://schema.org"}</script>',
    '<link rel="canonical" href="https://harborlight.example/">',
    '<link rel="alternate" type="application/atom+xml" href="https://feeds.example/all.xml">',
    '<link rel="stylesheet" href="https://harborlight.example/theme/css/site.css">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src '
    "'none'\">",
    '<meta name="description" content="A page about online therapy and onboarding=easy">',
    '<svg aria-hidden="true"><path d="M0 0"/><use href="#icon"/></svg>',
    "<p>Typing javascript: in a sentence, or onclick= as text, or url(x) does nothing.</p>",
    '<form action="/search/"></form>',
    '<p style="color: red">inline style without a url</p>',
])
def test_harmless_things_pass(body):
    assert findings(body) == []


def test_allowed_origin_passes_and_others_still_fail():
    policy = audit.Policy(SITE, ["https://images.example.org"])
    assert findings('<img src="https://images.example.org/a.png" alt="a">', policy) == []
    assert len(findings('<img src="https://images.example.org:8443/a.png" alt="a">',
                        policy)) == 1


def test_dev_build_with_relative_urls_has_no_own_origin():
    policy = audit.Policy("", [])
    assert findings('<img src="theme/a.png" alt="a">', policy) == []
    assert len(findings('<img src="https://harborlight.example/a.png" alt="a">', policy)) == 1


@pytest.mark.parametrize("value, ok", [
    (["https://images.example.org"], ["https://images.example.org"]),
    (["HTTPS://Images.Example.org/"], ["https://images.example.org"]),
    (["http://localhost:8080"], ["http://localhost:8080"]),
    (["https://images.example.org/path"], []),
    (["*.example.org"], []),
    ("https://images.example.org", []),
])
def test_allowed_origins_setting_is_validated(value, ok):
    origins, problems = audit.parse_allowed_origins(value)
    assert origins == ok
    assert bool(problems) == (not ok)
    for problem in problems:
        assert "PRIVACY_ALLOWED_ORIGINS" in problem


def test_meta_policy_has_no_header_only_directives():
    meta = headers.meta_html(["https://images.example.org"])
    assert "script-src 'none'" in meta and 'name="referrer" content="no-referrer"' in meta
    assert "img-src 'self' data: https://images.example.org" in meta
    for header_only in ("frame-ancestors", "report-uri", "sandbox"):
        assert header_only not in meta
    assert "frame-ancestors 'none'" in headers.csp(header=True)
    assert "https://images.example.org" not in headers.csp(["https://images.example.org"]) \
        .split("script-src")[1].split(";")[0]


def test_nginx_snippet_in_docs_matches_the_plugin():
    docs = Path(__file__).resolve().parents[3] / "docs" / "nginx-security-headers.conf"
    text = docs.read_text(encoding="utf-8")
    for line in headers.nginx().splitlines():
        assert line in text
