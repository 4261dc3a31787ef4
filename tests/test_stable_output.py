"""Unchanged content builds the same bytes: twice in one clone, and in another clone whose
files carry other times. This is what lets `make publish` upload nothing when nothing
changed (tests/test_deploy.py checks that on every target).
"""

import os
import time

from conftest import PUBLISH_SITEURL, build_or_fail, copy_project

OLD_TIME = 981173106  # 2001-02-03: a clone made long ago, or a checkout with other times


def every_byte(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_identical(a, b):
    assert len(a) > 50, f"only {len(a)} files were built"
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == [], f"these files differ between the builds: {differing}"


def test_two_clones_build_byte_identical_dev_and_live_sites(tmp_path):
    one = copy_project(tmp_path / "one")
    two = copy_project(tmp_path / "other-folder" / "two")
    for path in two.rglob("*"):
        os.utime(path, (OLD_TIME, OLD_TIME))

    def build(project, name, conf, **kwargs):
        return every_byte(build_or_fail(tmp_path / name, conf=project / conf,
                                        content=project / "content", cwd=project, **kwargs))

    live = {"env": {"SITEURL": PUBLISH_SITEURL}}
    dev_one = build(one, "dev-one", "pelicanconf.py")
    live_one = build(one, "live-one", "publishconf.py", **live)
    time.sleep(1.1)  # a build-time stamp in any file would now differ
    # The second dev build in the same clone reads the content cache the first one wrote.
    assert_identical(dev_one, build(one, "dev-one-again", "pelicanconf.py"))
    assert_identical(dev_one, build(two, "dev-two", "pelicanconf.py"))
    assert_identical(live_one, build(two, "live-two", "publishconf.py", **live))
    assert "sitemap.xml" in live_one and "feeds/all.atom.xml" in live_one
