"""privacy_guard: no third-party loads and no scripts, enforced at build time."""

from .privacy_guard import register  # noqa: F401
