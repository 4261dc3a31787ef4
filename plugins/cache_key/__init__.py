from .cache_key import register  # noqa: F401
