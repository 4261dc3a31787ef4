"""Practice details in Markdown: `{{ phone }}` and friends (see README.md)."""

from .practice import register  # noqa: F401
