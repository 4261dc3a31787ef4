"""Content as the readers wrote it (content.py): what is cleaned, normalised, renamed and
marked, and how the page audit reads the marks. Small documents, no build (the corpora
build the same rules for real in `tests/kit_privacy_guard_corpus.py`)."""

import json
import re

import pytest

from .. import audit, content, headers

RULES = content.Rules({"classes": ["skip-link", "emergency-notice", "crisis-lines"],
                       "ids": ["main", "emergency-notice"], "id_prefixes": ["year-"],
                       "content_classes": ["crisis-lines"]})
POLICY = audit.AuditRules("https://harborlight.example", [])


def source(tmp_path, text, name="post.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return content.Source(f"content/posts/{name}", str(path))


def clean(tmp_path, markup, text=None, name="post.md"):
    return content.clean(markup, source(tmp_path, text if text is not None else markup,
                                        name), RULES)


def marks(markup):
    return [json.loads(v.replace("&quot;", '"'))
            for v in re.findall(content.MARKER + r'="([^"]*)"', markup)]


def page_problems(body):
    doc = (f'<!DOCTYPE html><html><head><meta charset="utf-8">{headers.meta_html([])}'
           f"<title>t</title></head><body>{body}</body></html>")
    return audit.Auditor(POLICY).html(doc, "p.html", "content/posts/post.md")


@pytest.mark.parametrize("markup", [
    '<p>a<!--#exec cmd="curl https://t.example/"-->b</p>',
    "<!--[if IE]><img src=https://t.example/p.gif><![endif]--><p>ab</p>",
    "<p>a</ not a tag >b</p>",
    "<p>a<!-- x --!>b</p>",
    '<svg width="1" height="1"><!-- x --><rect/></svg>',
    "<p>ab</p><!-- never closed <p>more</p>",
])
def test_comments_are_removed(tmp_path, markup):
    out = clean(tmp_path, markup)
    assert "<!--" not in out and "t.example" not in out and "x" not in out.replace("rect", "")
    assert page_problems(out) == []


def test_a_processing_instruction_is_kept_as_text(tmp_path):
    out = clean(tmp_path, '<p>PHP: <?php echo "hi"; ?> done</p>')
    assert out == '<p>PHP: &lt;?php echo "hi"; ?&gt; done</p>'
    assert page_problems(out) == []


@pytest.mark.parametrize("markup", [
    "<p>a\x00b &#0; &#x110000; &#xD800; &bogus; &amp</p><!-- c -->",
    "<p \x00 class=skip-link>x</p><?\x00?>",
    "<svg><p><!--</svg>--><?x",
    "",
])
def test_odd_input_never_crashes(tmp_path, markup):
    out = clean(tmp_path, markup)
    page_problems(out)  # no exception


def test_docutils_markup_is_normalised(tmp_path):
    out = clean(tmp_path, '<p><tt class="docutils literal">x<b>y</b></tt></p>'
                '<img alt="a" src="/a.png" style="width: 600px; height: 450px;" />'
                '<img alt="b" src="/b.png" style="width: 300;" />')
    assert out == ('<p><code class="docutils literal">x<b>y</b></code></p>'
                   '<img alt="a" src="/a.png" width="600" height="450">'
                   '<img alt="b" src="/b.png" width="300">')
    assert page_problems(out) == []


@pytest.mark.parametrize("style", ["width: 50%", "width: 20em", "width: 20.5px",
                                   "height: 1in", "width: 600px !important"])
def test_an_image_size_that_is_not_whole_pixels_is_refused_with_a_fix(tmp_path, style):
    out = clean(tmp_path, f'<img alt="a" src="/a.png" style="{style}">')
    assert [m[0] for m in marks(out)] == ["size"]
    found = page_problems(out)
    assert any(":width: 600px" in f.fix for f in found), found


def test_other_inline_styles_stay_refused(tmp_path):
    out = clean(tmp_path, '<img alt="a" src="/a.png" style="width: 600px; position: fixed">')
    assert "style=" in out and not marks(out)
    assert any("style=" in f.problem for f in page_problems(out))


def test_ids_the_reader_made_from_titles_are_renamed_and_links_follow(tmp_path):
    markup = ('<h2 id="main">Main</h2><h2 id="main-1">Main again</h2>'
              '<h2 id="year-in-review">Year in review</h2>'
              '<p><a href="#main">up</a> <a href="#year-in-review">y</a></p>')
    out = clean(tmp_path, markup, text="## Main\n## Main again\n## Year in review\n")
    assert '<h2 id="main-2">Main</h2>' in out and '<a href="#main-2">' in out
    assert '<h2 id="section-year-in-review">' in out and 'href="#section-year-in-review"' in out
    assert not marks(out)


@pytest.mark.parametrize("text, name", [
    ("## Start {: #main }", "post.md"),
    ("## Start {#main}", "post.md"),
    ('<h2 id="main">Start</h2>', "post.md"),
    ("<h2 id=main>Start</h2>", "post.md"),
    (".. _main:\n\nStart", "post.rst"),
    (".. figure:: a.png\n   :name: Main\n", "post.rst"),
])
def test_an_id_set_by_hand_is_refused_with_its_line(tmp_path, text, name):
    out = clean(tmp_path, '<h2 id="main">Start</h2>', text="Title: x\n\n" + text, name=name)
    assert marks(out) == [["id", "main", f"content/posts/{name}", 3 if ":name:" not in text
                           else 4]]
    found = page_problems(out)
    assert len(found) == 1 and "the id \"main\"" in found[0].problem
    assert f"content/posts/{name} line" in found[0].problem and "{: #main }" in found[0].fix


@pytest.mark.parametrize("markup, rule", [
    ('<p class="skip-link">x</p>', "class"),
    ('<p class="note skip-link--wide">x</p>', "class"),
    ('<p class="emergency-notice__title">x</p>', "class"),
    ('<div id="year-2024">x</div>', "id"),
    ('<meta name="viewport" content="width=6000">', "head"),
    ('<link rel="canonical" href="/">', "head"),
    ("<title>x</title>", "head"),
    ('<base href="/">', "head"),
    ('<svg overflow="visible"><rect x="-9"/></svg>', "overflow"),
    ('<svg><g overflow="auto"><rect/></g></svg>', "overflow"),
    ('<body class="skip-link"><p>x</p>', "document"),
    ('<html lang="xx"><p>x</p>', "document"),
    ('<p data-privacy-guard="ok">x</p>', "forged"),
])
def test_content_rules_mark_and_the_page_audit_refuses(tmp_path, markup, rule):
    out = clean(tmp_path, markup)
    assert [m[0] for m in marks(out)] == [rule]
    found = page_problems(out)
    assert found and all(f.fix for f in found)
    assert any("content/posts/post.md" in f.problem for f in found), found


@pytest.mark.parametrize("markup", [
    '<ul class="crisis-lines"><li>988</li></ul>',       # a class content may use
    '<p class="skip-linked note">x</p>',                # not the class, nor a variant
    '<h2 id="mainly">Mainly</h2>',
    '<svg width="4" height="4"><rect width="4" height="4"/></svg>',
    '<p><a href="#main">the theme\'s own main, from a post</a></p>',
])
def test_ordinary_content_is_left_exactly_as_written(tmp_path, markup):
    assert clean(tmp_path, markup) == markup


def test_a_forged_marker_cannot_name_its_own_problem():
    problem, fix = content.describe('["nothing", "x", "y", 1]')
    assert "only the build writes" in problem and fix


@pytest.mark.parametrize("markup", [
    # The parser drops a <form> inside a <form>, the serialiser writes it back nested.
    "<form><div></form><form><p>x</p></div></form>",
    # DOMPurify's namespace confusion: the <img> is text the first time, markup the next.
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>"
    "</table></mtext></math>",
])
def test_markup_that_mutates_when_read_again_is_refused(tmp_path, markup):
    out = clean(tmp_path, markup + "<!-- a comment, so the text is cleaned -->")
    assert [m[0] for m in marks(out)] == ["mutation"]
    assert any("reads differently" in f.problem for f in page_problems(out))


def test_the_audit_refuses_comments_and_processing_instructions_in_pages_and_feeds(tmp_path):
    found = page_problems('<p>x</p><!--#include virtual="/x"--><?php echo 1 ?>')
    kinds = sorted(f.problem.split(" ")[1] for f in found)
    assert kinds == ["processing", "server-side"], found
    assert all(f.line > 0 and f.fix for f in found)
    feed = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            '<entry><title>Rest</title><content type="html">&lt;p&gt;Hi&lt;/p&gt;'
            "&lt;!--[if IE]&gt;x&lt;![endif]--&gt;</content></entry></feed>")
    (tmp_path / "all.atom.xml").write_text(feed, encoding="utf-8")
    found = audit.audit_tree(str(tmp_path), POLICY)
    assert len(found) == 1 and "a conditional comment" in found[0].problem
