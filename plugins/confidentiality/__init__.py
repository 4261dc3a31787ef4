"""Confidentiality scan: reports what could identify a client in the posts and pages
Pelican read (names with details, therapy-room stories, phone, ID and health numbers)."""

from .confidentiality import register  # noqa: F401
