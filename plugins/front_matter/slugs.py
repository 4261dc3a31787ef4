"""Addresses (slugs) short enough for any file system, and stable from build to build.

A post's folder is named after its slug, and Pelican makes the slug from the title: a
500-character title stops the build with `OSError: File name too long`. Every slug is
capped at MAX_BYTES bytes of UTF-8 (whatever the script), cut between words. A slug that
had to be cut ends in a short digest of the whole slug, so two long titles that begin
alike still get different addresses, and the same title gets the same address on every
build (the digest depends on nothing else).
"""

import hashlib
import os

MAX_BYTES = 80
DIGEST_CHARS = 6


def cap(slug, limit=MAX_BYTES):
    """`slug` unchanged when it fits in `limit` bytes; else cut between words + digest."""
    raw = slug.encode("utf-8")
    if len(raw) <= limit:
        return slug
    digest = hashlib.sha256(raw).hexdigest()[:DIGEST_CHARS]
    room = limit - len(digest) - 1
    # Cut on a byte limit, then drop a character split in half.
    head = raw[:room].decode("utf-8", errors="ignore")
    cut_at_word = raw[room:room + 1] in (b"-", b"/")
    if not cut_at_word and "-" in head.strip("-"):
        head = head[:head.rstrip("-").rindex("-")]
    return f"{head.strip('-')}-{digest}".lstrip("-")


def fallback(source_path):
    """For a title that gives no slug at all (only emoji, say): the file's name."""
    name = os.path.splitext(os.path.basename(source_path or ""))[0]
    return name or "untitled"
