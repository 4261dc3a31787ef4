from .documents import register  # noqa: F401
