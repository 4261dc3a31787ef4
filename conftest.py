"""Shared test fixtures: real Pelican builds of the project, in subprocesses.

The tests never build the user's own site (content/, practice.toml): a build of this
project builds the kit's sample (sample/content with sample/practice.toml, selected with
PRACTICE_FILE), and a scratch copy (copy_project) is a set-up site made from the sample.

Pelican's signal receivers stay connected for the life of a process, so every build runs
in its own child process: a fork of a server that has Pelican and the libraries imported
already (tools.child_build.ForkServer, one per test worker), which saves starting Python
and importing them in every build. The sample site is built once per test session in each
configuration (dev and publish) and the tests only read the result.
"""

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent
PUBLISH_SITEURL = "https://harborlight.example"
SAMPLE = ROOT / "sample"
# The environment that makes a build, check or publish of ROOT use the sample, and lets
# the sample be published (the sample check refuses it otherwise).
SAMPLE_ENV = {"PRACTICE_FILE": str(SAMPLE / "practice.toml"), "ALLOW_SAMPLE": "1"}


def build_server():
    """This test process's fork server (one, even where this file is loaded twice)."""
    from tools.child_build import shared_server
    return shared_server()


def run_python(cmd, *, cwd=ROOT, env=None, timeout=600, input=None, errors=None):
    """subprocess.run(cmd, capture_output=True, text=True) for `python -m MODULE ARGS`
    (a tool's entry point, as make runs it), through the fork server."""
    return build_server().run(cmd, cwd=cwd, env=env, timeout=timeout, input=input,
                              errors=errors)


def run_pelican(output, *, conf="pelicanconf.py", content=None, settings=None, env=None,
                cwd=ROOT, launcher=None):
    """Build a site with Pelican in a subprocess and return the CompletedProcess.

    `settings` are passed with `-e KEY=<json>` and override the settings file. The build
    runs with `--fatal errors`, like `make html`. `launcher=TOOLS_BUILD` builds the way
    make html does (tools.build), for tests that a plugin's error shows without a traceback.
    """
    from tools.child_build import pelican_build
    # A build of this project's own settings builds the sample, never the user's site.
    own = Path(conf).resolve().parent == ROOT
    if Path(cwd).resolve() == ROOT and "CACHE_PATH" not in (settings or {}):
        # Two test workers build here at once. Pelican writes its content cache in
        # place, so a worker could read the other's half-written file: each build gets
        # its own, next to its output. Cleaned photos and cards stay shared (the photos
        # plugin writes each entry whole), which saves re-encoding them in every build.
        settings = {"CACHE_PATH": f"{output}.cache/pelican",
                    "PHOTOS_CACHE_PATH": str(ROOT / ".cache" / "photos"),
                    **(settings or {})}
    from tools.child_build import TOOLS_BUILD
    if launcher is not None and tuple(launcher) == TOOLS_BUILD and \
            not (Path(cwd) / "tools").is_dir():
        # make html runs in a project folder that holds tools/: so does a scratch site's
        # build through it (nothing puts the kit's root on the import path).
        shutil.copytree(ROOT / "tools", Path(cwd) / "tools",
                        ignore=shutil.ignore_patterns("__pycache__"))
    return pelican_build(output, conf=conf, content=content or SAMPLE / "content",
                         settings=settings, env={**(SAMPLE_ENV if own else {}), **(env or {})},
                         cwd=cwd, timeout=600, server=build_server(),
                         **({"launcher": launcher} if launcher else {}))


def sample_settings():
    """The sample's Pelican settings (this project's pelicanconf.py with the sample's
    answers), read in this process whatever the user's own practice.toml says."""
    from pelican.settings import read_settings
    before = os.environ.get("PRACTICE_FILE")
    os.environ["PRACTICE_FILE"] = SAMPLE_ENV["PRACTICE_FILE"]
    try:
        return read_settings(str(ROOT / "pelicanconf.py"))
    finally:
        if before is None:
            del os.environ["PRACTICE_FILE"]
        else:
            os.environ["PRACTICE_FILE"] = before


def build_or_fail(output, **kwargs):
    result = run_pelican(output, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"Pelican build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return Path(output)


def run_site(root, settings=None, launcher=None):
    """Build a scratch site laid out as ROOT/conf.py + ROOT/content into ROOT/output."""
    root = Path(root)
    return run_pelican(root / "output", conf=root / "conf.py", content=root / "content",
                       settings=settings, cwd=root, launcher=launcher)


def build_site(root, settings=None):
    """run_site, failing the test with Pelican's output if the build fails."""
    result = run_site(root, settings)
    assert result.returncode == 0, result.stdout + result.stderr
    return Path(root) / "output"


def assert_stopped(result, *needles):
    """The build failed, and its output names every needle. Line wrapping is undone by
    comparing without whitespace: a logger may break a long path mid-word."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    flat = "".join(output.split())
    for needle in needles:
        assert "".join(needle.split()) in flat, f"{needle!r} not in the build output:\n{output}"


def copy_project(dest, *, sample_only=False, tools=False, makefile=False, settings=""):
    """The one scratch-site factory for tests/: a copy of the project to break on purpose.

    Always theme, plugins (without their tests), settings and the kit's sample/, and a
    set-up site made from it (content/ and practice.toml copied from the sample, markers
    kept). sample_only: no content/ or practice.toml, a fresh clone before `make setup`.
    tools: tools/ too (make check, publish, setup). makefile: the Makefile and the
    requirements files too. settings: Python lines appended to pelicanconf.py (Pelican
    keeps only the last of several -e options, so the file is the place for several).
    """
    dest = Path(dest)
    folders = ("theme", "plugins", "sample") + (("tools",) if tools else ())
    for name in folders:
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "tests"))
    files = ("pelicanconf.py", "publishconf.py") + (
        ("Makefile", "requirements.txt", "requirements-dev.txt", "requirements-s3.txt")
        if makefile else ())
    for name in files:
        shutil.copy2(ROOT / name, dest / name)
    if settings:
        conf = dest / "pelicanconf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + "\n" + settings, encoding="utf-8")
    if not sample_only:
        shutil.copytree(SAMPLE / "content", dest / "content")
        shutil.copy2(SAMPLE / "practice.toml", dest / "practice.toml")
    return dest


def read_meta(path):
    """The fields at the top of a content file, keys lower-cased (the front_matter
    plugin's own reader)."""
    from tools.pelican_adapter import plugin_module
    return plugin_module("front_matter.header").header_values(path)


def html_files(site):
    return sorted(Path(site).rglob("*.html"))


def soup_of(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def shared_folder(tmp_path_factory, name, fill):
    """A folder that `fill(folder)` fills once per test run, whichever test worker asks
    first; the other workers wait for it and get the same folder. For what the tests only
    read (the sample's builds): under `make test` each worker would build it otherwise."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    # A worker's folder is named after it, inside the run's own folder: share that one.
    # (A pytest started inside a test inherits the variable, but not such a folder.)
    if worker and base.name.endswith(worker):
        base = base.parent
    folder, done = base / f"shared-{name}", base / f"shared-{name}.done"
    with open(base / f"shared-{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            fill(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory):
    """The sample site built with pelicanconf.py (the preview configuration)."""
    return shared_folder(tmp_path_factory, "dev-site", lambda out: build_or_fail(
        out, conf=ROOT / "pelicanconf.py",
        settings={"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}))


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory):
    """The sample site built with publishconf.py (the production configuration)."""
    return shared_folder(tmp_path_factory, "publish-site", lambda out: build_or_fail(
        out, conf=ROOT / "publishconf.py", env={"SITEURL": PUBLISH_SITEURL}))


# Module-scoped servers: the tests that use one share a worker, so it starts once.
SERVER_GROUPS = {"sshd": "deploy-rsync", "moto": "deploy-s3"}


def module_fixture_group(item):
    """The group of a test that uses a module-scoped fixture of its own module (a build or
    a copy shared by the module's tests): one per module, so that the fixture is made once
    rather than once on each worker that runs one of those tests. (pytest offers no
    public way to read a fixture's scope from a collected item; without one, no group.)"""
    module = item.nodeid.split("::")[0]
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    for name in getattr(item, "fixturenames", ()):
        for fixture in definitions.get(name, ()):
            if fixture.scope == "module" and fixture.baseid == module:
                return f"module-fixtures:{module}"
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups off the markers
def pytest_collection_modifyitems(config, items):
    """Under `make test` (pytest-xdist, --dist loadgroup) the browser tests that read the
    crawl of every page share one worker, so the site is built and crawled once; the other
    browser tests (their own visits) form a second group, which can run on the other worker
    at the same time. The deploy tests that use one server (sshd, the S3 endpoint) share a
    worker too, and so do a module's tests that read a module-scoped fixture. xdist hands out the largest groups first; everything else spreads freely
    after them, which keeps both cores busy to the end."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("browser"):
            crawled = {"crawl", "phone_crawl"} & fixtures
            item.add_marker(pytest.mark.xdist_group("browser-crawl" if crawled
                                                    else "browser-visits"))
        elif item.get_closest_marker("xdist_group") is None:
            group = next((group for fixture, group in SERVER_GROUPS.items()
                          if fixture in fixtures), None) or module_fixture_group(item)
            if group:
                item.add_marker(pytest.mark.xdist_group(group))
    use_fork_server_in_plugin_conftests()
    run_travelled_tests_once(config, items)


# ---- the plugins' own tests, run in place ------------------------------------------

class _ForkedRuns:
    """The subprocess module as a plugin's tests/conftest.py uses it, with one change:
    `python -m ...` runs that capture text (its scratch sites' Pelican builds) go to this
    worker's fork server (tools.child_build), which runs each exactly as a new `python -m`
    would, without starting Python and importing Pelican again each time. Everything
    else is the real subprocess.run."""

    def __getattr__(self, name):
        import subprocess
        return getattr(subprocess, name)

    def run(self, cmd, *, cwd=None, env=None, timeout=None, capture_output=False,
            text=False, input=None, **other):
        import subprocess
        import sys
        if capture_output and text and not other and \
                [str(part) for part in cmd[:2]] == [sys.executable, "-m"]:
            return run_python(cmd, cwd=cwd or os.getcwd(), env=env, timeout=timeout,
                              input=input)
        return subprocess.run(cmd, cwd=cwd, env=env, timeout=timeout, input=input,
                              capture_output=capture_output, text=text, **other)


def use_fork_server_in_plugin_conftests():
    """Here (make test), the plugins' own tests build through the fork server. Their
    conftest.py starts a new Python per build so that the folder needs nothing of this
    kit; tests/test_plugins_travel.py runs the same tests that way, from copied folders."""
    import sys
    plugins = ROOT / "plugins"
    for module in list(sys.modules.values()):
        where = getattr(module, "__file__", None) or ""
        if where.endswith("conftest.py") and Path(where).parent.parent.parent == plugins \
                and getattr(module, "subprocess", None) is not None:
            module.subprocess = _ForkedRuns()


TRAVEL_TEST = "tests/test_plugins_travel.py::test_plugin_folder_builds_a_quickstart_site_" \
              "and_passes_its_own_tests"


def run_travelled_tests_once(config, items):
    """A plugin's own tests (plugins/NAME/tests/test_*.py) run twice in a whole-suite run:
    here, and in tests/test_plugins_travel.py, which runs every one of them again from
    a copy of the folder in a quickstart site and fails NAME's case on any failure or
    error among them. Where NAME's travel case is in this run, its in-place copies are
    deselected, except in a module that can skip (one that needs this kit or Chromium
    around it): those skip when travelling, so only here do they really run.
    `pytest plugins/NAME` alone still runs them all in place."""
    travelling = {item.nodeid.split("[", 1)[1].split("]", 1)[0] for item in items
                  if item.nodeid.startswith(TRAVEL_TEST + "[")}
    if not travelling:
        return
    plugins = ROOT / "plugins"
    keep, twice, can_skip = [], [], {}
    for item in items:
        path = Path(str(item.path))
        rel = path.relative_to(ROOT).parts if path.is_relative_to(ROOT) else ()
        if len(rel) == 4 and rel[0] == "plugins" and rel[2] == "tests" and \
                rel[3].startswith("test_") and rel[1] in travelling and \
                (plugins / rel[1] / "__init__.py").is_file():
            if path not in can_skip:
                can_skip[path] = "skip" in path.read_text(encoding="utf-8")
            if not can_skip[path]:
                twice.append(item)
                continue
        keep.append(item)
    if twice:
        config.hook.pytest_deselected(items=twice)
        items[:] = keep


# ---- the privacy guard's corpora (its corpus test and the browser hit test) ----------

# The corpora belong to the plugin; the project's tests build them into a copy of the project.
CORPUS = ROOT / "plugins" / "privacy_guard" / "tests" / "corpus"


def read_corpus(name):
    """[(id, kind, what, body)] from a corpus file (format in the file's header)."""
    entries, current = [], None
    for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            ident, kind, what = (line[4:].split(" ", 2) + [""])[:3]
            current = [ident, kind, what, []]
            entries.append(current)
        elif current is not None:
            current[3].append(line)
        elif line and not line.startswith("#"):
            raise ValueError(f"{name}: text before the first entry: {line!r}")
    return [(i, k, w, "\n".join(b).strip() + "\n") for i, k, w, b in entries]


def post(ident, title, body, summary):
    return (f"Title: {title}\nDate: 2026-02-01 10:00\nCategory: Wellbeing\nTags: rest\n"
            f"Slug: {ident}\nSummary: {summary}\n\n{body}")


def rst_post(ident, title, body, summary):
    return (f"{title}\n{'#' * len(title)}\n\n:date: 2026-02-01 10:00\n:category: Wellbeing\n"
            f":tags: rest\n:slug: {ident}\n:summary: {summary}\n\n{body}")


def add_hostile(project, kinds=None):
    """Every hostile snippet (or those of `kinds`) into the project, as its kind says."""
    for ident, kind, _what, body in read_corpus("hostile.txt"):
        if kinds is not None and kind.partition(":")[0] not in kinds:
            continue
        kind, _, target = kind.partition(":")
        body = body.replace("{NUL}", "\x00")
        if kind == "rst":
            (project / "content" / "posts" / f"{ident}.rst").write_text(
                rst_post(ident, f"Hostile {ident}", body, f"Entry {ident}."), encoding="utf-8")
        elif kind == "post":
            path = project / "content" / "posts" / f"{ident}.md"
            path.write_text(post(ident, f"Hostile {ident}", body, f"Entry {ident}."),
                            encoding="utf-8")
        elif kind in ("page", "template"):
            template = f"Template: {ident}\n" if kind == "template" else ""
            text = f"Title: Hostile {ident}\nSlug: {ident}\n{template}\n"
            text += "A page.\n" if kind == "template" else body
            (project / "content" / "pages" / f"{ident}.md").write_text(text, encoding="utf-8")
            if kind == "template":
                (project / "theme" / "templates" / f"{ident}.html").write_text(
                    '{% extends "page.html" %}\n{% block meta %}\n' + body +
                    "{% endblock %}\n", encoding="utf-8")
        elif kind == "static":
            (project / "content" / "extra" / target).write_text(body, encoding="utf-8")
        elif kind == "theme":
            (project / "theme" / "static" / target).write_text(body, encoding="utf-8")
        else:
            raise ValueError(f"hostile.txt: unknown kind {kind!r} for {ident}")


def add_site_files(project):
    """The site's own files that the benign posts show (a video, its poster and captions,
    a picture in two formats), so every address they use exists."""
    from PIL import Image

    extra = project / "content" / "extra"
    for name, fmt in (("poster.png", "PNG"), ("photo.jpg", "JPEG"), ("photo.webp", "WEBP"),
                      ("photo@2x.webp", "WEBP")):
        Image.new("RGB", (64, 48), (90, 120, 140)).save(extra / name, fmt)
    # A real (tiny) MP4 file: the documents plugin reads and cleans it before publishing.
    from tools.pelican_adapter import plugin_module
    m4a = plugin_module("documents.tests.spyfiles").m4a
    (extra / "intro.mp4").write_bytes(m4a().replace(b"ftypM4A ", b"ftypmp42", 1))
    (extra / "intro.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n",
                                     encoding="utf-8")


def add_benign(project):
    """Every benign post (Markdown and reStructuredText) and every cleaned one, with the
    site files they show."""
    add_site_files(project)
    posts = project / "content" / "posts"
    for ident, _kind, title, body in read_corpus("benign.txt"):
        (posts / f"{ident}.md").write_text(post(ident, title, body, title + "."),
                                           encoding="utf-8")
    for ident, _kind, title, body in read_corpus("benign_rst.txt"):
        (posts / f"{ident}.rst").write_text(rst_post(ident, title, body, title + "."),
                                            encoding="utf-8")
    for ident, kind, what, body in read_corpus("cleaned.txt"):
        write = rst_post if kind == "rst" else post
        (posts / f"{ident}.{'rst' if kind == 'rst' else 'md'}").write_text(
            write(ident, f"Cleaned {ident}", body, what), encoding="utf-8")
