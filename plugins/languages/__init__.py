from .languages import register  # noqa: F401
