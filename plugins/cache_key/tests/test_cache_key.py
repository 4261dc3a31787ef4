"""cache_key on a scratch site built for real with Pelican's content cache on.

The site has a small reader plugin of its own (`stamp`) that writes a setting and a line of
its data file into every post while reading it, the way a reader that fills placeholders
does: what it writes is kept in Pelican's cache. A changed setting or data file must show
on the next build without deleting the cache; an unchanged site must keep its cache folder.
"""

import shutil
import textwrap

import pytest

from .conftest import PLUGINS_DIR, build_site, run_pelican

STAMP = '''\
from pathlib import Path

from pelican import signals
from pelican.readers import MarkdownReader

DATA = Path(__file__).with_name("data.txt")


class StampedReader(MarkdownReader):
    def read(self, source_path):
        content, metadata = super().read(source_path)
        stamp = f"<p>greeting: {self.settings['GREETING']}</p><p>data: {DATA.read_text()}</p>"
        return content + stamp, metadata


def use_reader(readers):
    readers.reader_classes["md"] = StampedReader


def register():
    signals.readers_init.connect(use_reader)
'''


def scratch_site(root, with_key):
    (root / "content").mkdir(parents=True)
    (root / "content" / "note.md").write_text(
        "Title: A note\nDate: 2026-01-05 09:00\n\nA short note.\n", encoding="utf-8")
    stamp = root / "local" / "stamp"
    stamp.mkdir(parents=True)
    (stamp / "__init__.py").write_text(STAMP, encoding="utf-8")
    (stamp / "data.txt").write_text("first data", encoding="utf-8")
    plugins = ["stamp", "cache_key"] if with_key else ["stamp"]
    (root / "conf.py").write_text(textwrap.dedent(f"""\
        PATH = "content"
        TIMEZONE = "UTC"
        SITEURL = ""
        PLUGIN_PATHS = [{str(PLUGINS_DIR)!r}, "local"]
        PLUGINS = {plugins!r}
        CACHE_CONTENT = True
        LOAD_CONTENT_CACHE = True
        CACHE_PATH = "cache/pelican"
        CHECK_MODIFIED_METHOD = "mtime"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        AUTHOR_FEED_ATOM = None
        AUTHOR_FEED_RSS = None
        GREETING = "first greeting"
        """), encoding="utf-8")
    return root


def note(root, settings=None, output=None):
    if output:
        site = run_pelican(root / output, conf=root / "conf.py", content=root / "content",
                           settings=settings, cwd=root)
        assert site.returncode == 0, site.stdout + site.stderr
        site = root / output
    else:
        site = build_site(root, settings)
    return (site / "a-note.html").read_text(encoding="utf-8")


def cache_folders(root):
    return sorted(p.name for p in (root / "cache").iterdir())


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same site built four times in a row, the cache kept: {step: (page, folders)}."""
    root = scratch_site(tmp_path_factory.mktemp("cache-key"), with_key=True)
    steps = {"first": (note(root), cache_folders(root))}
    steps["unchanged, elsewhere"] = (note(root, output="elsewhere"), cache_folders(root))
    steps["setting"] = (note(root, {"GREETING": "second greeting"}), cache_folders(root))
    (root / "local" / "stamp" / "data.txt").write_text("second data", encoding="utf-8")
    steps["data file"] = (note(root, {"GREETING": "second greeting"}), cache_folders(root))
    return steps


def test_the_first_build_reads_the_setting_and_the_data_file(builds):
    page, folders = builds["first"]
    assert "greeting: first greeting" in page and "data: first data" in page
    assert len(folders) == 1 and folders[0].startswith("pelican-")


def test_an_unchanged_site_keeps_its_cache_folder(builds):
    # The key is the same in a new process, the cache still saves work in the preview,
    # and building into another folder (a build tool's staging folder) changes nothing:
    # where the pages go is not what is in them.
    page, folders = builds["unchanged, elsewhere"]
    assert folders == builds["first"][1]
    assert page == builds["first"][0]


def test_a_changed_setting_shows_without_deleting_the_cache(builds):
    page, folders = builds["setting"]
    assert "greeting: second greeting" in page and "first greeting" not in page
    assert len(folders) == 2


def test_a_changed_plugin_data_file_shows_without_deleting_the_cache(builds):
    page, folders = builds["data file"]
    assert "data: second data" in page and "first data" not in page
    assert len(folders) == 3


def test_without_the_plugin_the_cache_keeps_the_old_setting(tmp_path):
    # The problem the plugin solves, on the same site: Pelican alone reuses the page.
    root = scratch_site(tmp_path / "site", with_key=False)
    assert "first greeting" in note(root)
    assert "greeting: first greeting" in note(root, {"GREETING": "second greeting"})


def test_a_key_does_not_depend_on_where_objects_sit_in_memory():
    from ..cache_key import plain

    class Opaque:
        pass

    settings = {"FILTER": shutil.copy, "THING": Opaque(), "TAGS": {"b", "a"}, 1: "one",
                "1": "text one"}
    again = {"FILTER": shutil.copy, "THING": Opaque(), "TAGS": {"a", "b"}, 1: "one",
             "1": "text one"}
    assert plain(settings) == plain(again)
    assert plain(settings)["str:FILTER"] == "shutil.copy"
    assert plain(settings)["int:1"] != plain(settings)["str:1"]
    assert "0x" not in str(plain(settings))
