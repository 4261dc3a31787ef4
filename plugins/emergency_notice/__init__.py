"""Emergency notice: a short crisis notice with tel: links at the top of every page."""

from .emergency_notice import register  # noqa: F401
