from .feed_titles import register  # noqa: F401
