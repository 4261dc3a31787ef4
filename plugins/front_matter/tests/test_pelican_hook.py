"""The one place this plugin reaches into Pelican's internals, pinned.

To report every unusable post or page at once, a file Pelican would reject (a date it
cannot read, a missing title) must be set aside before Pelican logs it as an error and,
with --fatal errors, stops at that first file. Pelican raises that error from inside
Readers.read_file, before any signal a plugin could answer, so front_matter.py
(guard_reading) wraps each content generator's read_file. These tests fail, saying so,
when the pinned Pelican changes what that wrapper relies on.
"""

import inspect

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import Readers


def test_read_file_takes_the_arguments_the_wrapper_passes_on():
    params = list(inspect.signature(Readers.read_file).parameters)
    assert params[:4] == ["self", "base_path", "path", "content_class"], (
        f"Readers.read_file now takes {params}: update front_matter.py's guard_reading")


def test_posts_and_pages_are_read_through_the_generators_readers():
    for generator in (ArticlesGenerator, PagesGenerator):
        source = inspect.getsource(generator.generate_context)
        assert "self.readers.read_file(" in source, (
            f"{generator.__name__} no longer reads through self.readers.read_file: "
            "update front_matter.py's guard_reading")
