"""Drafts stay home: nothing a draft links reaches a build that does not write drafts.

How Pelican 4.12 would publish a draft's files: right after reading each post or page,
drafts included, the generator adds every `{static}` and `{attach}` path in its body to
the context's `static_links` (Generator.add_static_links, from Content.get_static_links);
StaticGenerator then copies those files *and* everything in STATIC_PATHS, wherever they
are, even outside STATIC_PATHS, whether or not the linking page is ever written. And the
photos plugin cleans and writes every picture a body shows, when the body is read
(content_object_init). So a draft linking `{attach}intake-form-filled.pdf` published the
PDF although the draft itself was not.

A draft is "unwritten" when the build's settings give it no file (publishconf.py empties
DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS); the preview writes its drafts, so nothing changes
there. For an unwritten draft:

1. withhold(): at content_object_init (this plugin's receiver runs before the photos
   plugin's, as PLUGINS lists it first) its body is set aside and an empty one left, so
   neither Pelican's static_links nor photos see its links;
2. give_back(): when the generator has read everything (before any plugin reads bodies
   for its checks, and before the confidentiality scan), the body is put back;
3. without_draft_files(): a file in STATIC_PATHS (content/extra/...) that such drafts link
   and no written post or page links is taken off the list of files to copy.

Hidden posts and pages (`Status: hidden`) are written, only not listed, so their files
are published with them. Pictures in PHOTOS_PATHS (content/images/) are published by the
photos plugin whether or not anything links them: that folder is published as a whole.
"""

from pelican.contents import Article, Page

WITHHELD = "_front_matter_withheld_body"


def unwritten(content):
    """A draft that this build gives no file (the live build's drafts)."""
    return getattr(content, "status", None) == "draft" and not content.save_as


def withhold(content):
    if isinstance(content, (Article, Page)) and unwritten(content) and \
            not hasattr(content, WITHHELD):
        setattr(content, WITHHELD, content._content)
        content._content = ""


def give_back(*groups):
    for group in groups:
        for content in group:
            body = getattr(content, WITHHELD, None)
            if body is not None:
                content._content = body
                delattr(content, WITHHELD)


def _links(contents):
    found = set()
    for content in contents:
        found |= {path.replace("\\", "/") for path in content.get_static_links()}
    return found


def draft_only_files(contents):
    """Content-relative paths that unwritten drafts link and nothing written links."""
    contents = list(contents)
    return _links(c for c in contents if unwritten(c)) - _links(
        c for c in contents if not unwritten(c))


def without(staticfiles, stay):
    """`staticfiles` without the files in `stay`."""
    return [static for static in staticfiles
            if static.relative_source_path.replace("\\", "/") not in stay]
