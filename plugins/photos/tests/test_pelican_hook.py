"""The one place this plugin reaches into Pelican's internals, pinned.

A picture's srcset holds several addresses, and Pelican rewrites only single-address
attributes ({static} in src or href), per page, at the moment it renders the content
(relative addresses differ from page to page). No signal or setting comes in at that
moment, so the plugin stands in for the content object's own _update_content
(photos.py, _Links), which Pelican calls with the text and that page's site address.
These tests fail, saying so, when the pinned Pelican changes that call.
"""

import inspect

from pelican.contents import Content, Page
from pelican.settings import DEFAULT_CONFIG


def test_content_is_rendered_through_the_objects_own_update_content():
    page = Page("<p>text</p>", metadata={"title": "T"}, settings=dict(DEFAULT_CONFIG),
                context={"localsiteurl": ""})
    calls = []

    def stand_in(text, siteurl):
        calls.append((text, siteurl))
        return text.replace("text", "rewritten")

    page._update_content = stand_in  # what photos.content_object_init does
    assert page.get_content("../..") == "<p>rewritten</p>", (
        "Pelican no longer renders a post's text through the object's _update_content: "
        "photos.py's _Links must follow how the pinned Pelican rewrites links")
    assert calls == [("<p>text</p>", "../..")]


def test_the_class_method_the_stand_in_hands_on_to_keeps_its_arguments():
    params = list(inspect.signature(Content._update_content).parameters)
    assert params == ["self", "content", "siteurl"], (
        f"Content._update_content now takes {params}: update photos.py's _Links")
