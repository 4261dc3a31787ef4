"""Work in progress: filled in by the plugin work."""


def register():
    pass
