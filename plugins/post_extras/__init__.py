from .post_extras import register  # noqa: F401
