"""A stand-in for another plugin that brings its own writer (Pelican's get_writer signal):
Pelican's Writer under another name (tests/test_pelican_hook.py)."""

from pelican import signals
from pelican.writers import Writer


class OwnWriter(Writer):
    pass


def get_writer(pelican):
    return OwnWriter


def register():
    signals.get_writer.connect(get_writer)
