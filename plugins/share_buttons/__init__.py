"""Share buttons: plain share links under posts, with no scripts and no tracking."""

from .share_buttons import register  # noqa: F401
