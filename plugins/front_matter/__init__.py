from .front_matter import register  # noqa: F401
