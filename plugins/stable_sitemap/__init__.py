from .stable_sitemap import register  # noqa: F401
