"""`make publish` uploads: rsync over SSH, a GitHub Pages branch, S3-compatible storage.

Every test publishes a real Pelican production build to a real server started here on
127.0.0.1 (a private sshd, a bare git repository, moto's S3 endpoint) by running
tools/deploy.py as make does, then reads back what the server holds.

The site is built three times from one scratch copy of the project: A (with an extra
page), B (A with one post edited) and C (B without the extra page). What "changed"
means is computed here by comparing those builds byte by byte.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import PUBLISH_SITEURL, build_or_fail, copy_project, run_python, shared_folder
from tests.deploy_servers import SSHD, MotoServer, SshServer, free_port, require
from tools.deploy import READ

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.deploy

# `python -m tools.deploy` from a project root (some tests run it where a git remote is).
DEPLOY_CMD = ["-m", "tools.deploy"]
PUBLISH = ROOT / "tools" / "publish.py"
# Every setting tools/deploy.py reads (their names are written once, in the targets'
# SETTINGS), and DRY_RUN: none may leak in from the environment the tests run in.
SETTING_KEYS = (*READ, "DRY_RUN")
SUMMARY = re.compile(r"^Summary \[(\w+)(, dry run)?\]: (\d+) files (?:would be )?uploaded, "
                     r"(\d+) (?:would be )?deleted, (\d+) bytes", re.M)
EDITED_POST = "content/posts/what-happens-in-a-first-session.md"
EXTRA_PAGE = "open-house/index.html"
AWS_SECRET = "deploy-test-secret-Zq81x"


# --- the three builds -------------------------------------------------------------------

def tree(folder, skip=()):
    """{relative path: bytes} of every file under folder, leaving out `skip` parts."""
    root = Path(folder)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not set(p.relative_to(root).parts) & set(skip)}


def assert_same_files(actual, expected):
    assert sorted(actual) == sorted(expected)
    differing = [name for name in expected if actual[name] != expected[name]]
    assert differing == [], f"these files differ from the build: {differing}"


def build_sites(base):
    """The builds A, A again, B and C, from one scratch copy (base/project)."""
    project = copy_project(base / "project")
    extra = project / "content" / "pages" / "open-house.md"
    extra.write_text("Title: Open house\nSlug: open-house\n\n"
                     "An evening to meet the practice and ask questions.\n")

    def build(name):
        return build_or_fail(base / name, conf=project / "publishconf.py",
                             content=project / "content", env={"SITEURL": PUBLISH_SITEURL},
                             cwd=project)

    build("a")
    build("a-rebuilt")  # the same content built again: must be the same bytes
    post = project / EDITED_POST
    post.write_text(post.read_text() + "\nOne more thought: bring your questions along.\n")
    build("b")
    extra.unlink()
    build("c")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    # Built once per test run: the deploy tests only read the builds (one test asserts so).
    base = shared_folder(tmp_path_factory, "deploy-sites", build_sites)
    project = base / "project"
    a, a2, b, c = (base / name for name in ("a", "a-rebuilt", "b", "c"))
    files = {name: tree(path) for name, path in (("a", a), ("b", b), ("c", c))}
    assert_same_files(tree(a2), files["a"])
    changed_ab = [k for k in files["b"] if files["a"].get(k) != files["b"][k]]
    changed_bc = [k for k in files["c"] if files["b"].get(k) != files["c"][k]]
    # Guards on the scenario itself: an edit must change some, not all, files; C must
    # lose exactly the extra page.
    assert 0 < len(changed_ab) < len(files["b"]), changed_ab
    assert sorted(set(files["a"]) - set(files["b"])) == []
    assert sorted(set(files["b"]) - set(files["c"])) == [EXTRA_PAGE]
    return SimpleNamespace(a=a, a2=a2, b=b, c=c, files=files, changed_ab=changed_ab,
                           changed_bc=changed_bc, project=project)


def clean_env(env):
    """This process's environment without any deploy setting, plus the given ones."""
    clean = {k: v for k, v in os.environ.items()
             if k not in SETTING_KEYS and not k.startswith("AWS_")}
    clean.update(env)
    return clean


def deploy(site, env, *, dry_run=False, flag=False, conf=None, cwd=ROOT, rollback=False):
    """Run tools/deploy.py as tools/publish.py (or make rollback) does, with only the
    given settings."""
    clean = clean_env(env)  # `cwd` is a project root: `python -m` finds tools/ there
    if dry_run:
        clean["DRY_RUN"] = "1"
    # A settings file that does not exist: no defaults from the real publishconf.py.
    cmd = [sys.executable, *DEPLOY_CMD] + (["--rollback"] if rollback else [str(site)])
    cmd += ["--settings", str(conf or Path(site or ROOT / "tests").parent /
                              "no-such-publishconf.py")]
    if flag:
        cmd.append("--dry-run")
    return run_python(cmd, cwd=cwd, env=clean, timeout=180)


def summary_of(result, target):
    assert result.returncode == 0, f"deploy failed:\n{result.stdout}\n{result.stderr}"
    found = SUMMARY.findall(result.stdout)
    assert len(found) == 1, result.stdout
    name, dry, uploaded, deleted, sent = found[0]
    assert name == target
    return SimpleNamespace(dry=bool(dry), uploaded=int(uploaded), deleted=int(deleted),
                           sent=int(sent))


def assert_clear_failure(result, target, *words, code=1):
    assert result.returncode == code, f"{result.stdout}\n{result.stderr}"
    assert f"Publishing failed (target: {target})" in result.stderr
    assert "What to check:" in result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    assert not SUMMARY.search(result.stdout)


# --- rsync over SSH -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    require(shutil.which("rsync"), "rsync", "sudo apt-get install rsync")
    require(SSHD, "sshd", "sudo apt-get install openssh-server")
    server = SshServer(tmp_path_factory.mktemp("sshd"))
    yield server
    server.stop()


def rsync_env(server, target_dir, **extra):
    return {"DEPLOY": "rsync", "SSH_HOST": "127.0.0.1", "SSH_PORT": str(server.port),
            "SSH_USER": os.environ.get("USER") or __import__("getpass").getuser(),
            "SSH_TARGET_DIR": str(target_dir), "SSH_OPTS": server.ssh_opts(), **extra}


def test_rsync_first_publish_uploads_everything_then_nothing(sites, sshd, tmp_path):
    target = tmp_path / "www"
    env = rsync_env(sshd, target)
    dry = summary_of(deploy(sites.a, env, flag=True), "rsync")
    assert dry.dry and dry.uploaded == len(sites.files["a"])
    assert not target.exists() or tree(target) == {}

    first = summary_of(deploy(sites.a, env), "rsync")
    assert (first.uploaded, first.deleted) == (len(sites.files["a"]), 0)
    assert first.sent > 0
    assert_same_files(tree(target), sites.files["a"])

    again = summary_of(deploy(sites.a2, env), "rsync")
    assert (again.uploaded, again.deleted) == (0, 0)
    assert tree(sites.a) == sites.files["a"]  # the build itself stays as built


def test_rsync_sends_only_changed_files_and_removes_deleted_pages(sites, sshd, tmp_path):
    target = tmp_path / "www"
    env = rsync_env(sshd, target)
    summary_of(deploy(sites.a, env), "rsync")

    dry = summary_of(deploy(sites.b, env, dry_run=True), "rsync")
    assert (dry.uploaded, dry.deleted) == (len(sites.changed_ab), 0)
    assert_same_files(tree(target), sites.files["a"])  # the dry run changed nothing

    changed = summary_of(deploy(sites.b, env), "rsync")
    assert (changed.uploaded, changed.deleted) == (len(sites.changed_ab), 0)
    assert_same_files(tree(target), sites.files["b"])

    removed = summary_of(deploy(sites.c, env), "rsync")
    assert (removed.uploaded, removed.deleted) == (len(sites.changed_bc), 1)
    assert not (target / "open-house").exists()
    assert_same_files(tree(target), sites.files["c"])


def releases_of(target):
    """{release name: {path: bytes}} of the releases kept beside the target."""
    folder = Path(f"{target}.releases")
    return {p.name: tree(p) for p in sorted(folder.iterdir())
            if p.is_dir() and not p.name.startswith(".")}


def live_release(target):
    assert Path(target).is_symlink(), f"{target} is not a symlink"
    return Path(os.readlink(target)).name


def test_rsync_releases_link_unchanged_files_keep_three_and_roll_back(sites, sshd, tmp_path):
    target = tmp_path / "www"
    env = rsync_env(sshd, target)
    summary_of(deploy(sites.a, env), "rsync")
    first = live_release(target)
    assert list(releases_of(target)) == [first]

    # Unchanged: nothing uploaded and no new release.
    again = summary_of(deploy(sites.a2, env), "rsync")
    assert (again.uploaded, again.deleted, again.sent) == (0, 0, 0)
    assert list(releases_of(target)) == [first] and live_release(target) == first

    changed = summary_of(deploy(sites.b, env), "rsync")
    assert changed.uploaded == len(sites.changed_ab)
    second = live_release(target)
    assert second != first and sorted(releases_of(target)) == sorted([first, second])
    assert_same_files(tree(target), sites.files["b"])
    # Unchanged files are hard links to the previous release's: only changes travelled.
    old, new = Path(f"{target}.releases") / first, Path(f"{target}.releases") / second
    shared = [name for name in sites.files["b"]
              if (old / name).stat().st_ino == (new / name).stat().st_ino]
    assert sorted(shared) == sorted(set(sites.files["b"]) - set(sites.changed_ab))

    # Two more publishes: only the newest three releases stay.
    summary_of(deploy(sites.a, env), "rsync")
    summary_of(deploy(sites.b, env), "rsync")
    kept = releases_of(target)
    assert len(kept) == 3 and first not in kept
    names = sorted(kept)
    assert live_release(target) == names[-1]

    # make rollback: the previous release is live again in one rename; the rolled-back
    # one is deleted, so a second rollback goes one further.
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "rollback", "STAMP=",
                             f"PY={sys.executable}"], env=clean_env(env), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"release {names[-2]} is live" in result.stdout
    assert live_release(target) == names[-2]
    assert_same_files(tree(target), sites.files["a"])
    assert sorted(releases_of(target)) == names[:2]

    result = deploy(None, env, rollback=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert live_release(target) == names[0]
    assert_same_files(tree(target), sites.files["b"])
    assert_clear_failure(deploy(None, env, rollback=True), "rsync", "no earlier release",
                         code=2)
    assert live_release(target) == names[0]


def test_rsync_removed_page_is_gone_from_every_kept_release(sites, sshd, tmp_path):
    target = tmp_path / "www"
    env = rsync_env(sshd, target)
    for site in (sites.a, sites.b):
        summary_of(deploy(site, env), "rsync")
    assert all(EXTRA_PAGE in files for files in releases_of(target).values())
    removed = summary_of(deploy(sites.c, env), "rsync")
    assert removed.deleted == 1
    kept = releases_of(target)
    assert kept, "no release left"
    assert [name for name, files in kept.items() if EXTRA_PAGE in files] == []
    leftovers = [p for p in Path(f"{target}.releases").rglob("*") if "open-house" in p.name]
    assert leftovers == []
    assert_same_files(tree(target), sites.files["c"])
    # Nothing to roll back to that still shows the page.
    assert_clear_failure(deploy(None, env, rollback=True), "rsync", "no earlier release",
                         code=2)


def big_site(base, folder, count=80, size=512 * 1024):
    """A copy of a built site with `count` incompressible files: an upload that lasts."""
    site = Path(folder)
    shutil.copytree(base, site)
    bulk = site / "images" / "bulk"
    bulk.mkdir(parents=True)
    for number in range(count):
        (bulk / f"photo-{number:03d}.bin").write_bytes(os.urandom(size))
    return site


def start_deploy(site, env):
    cmd = [sys.executable, *DEPLOY_CMD, str(site), "--settings",
           str(Path(site).parent / "no-such-publishconf.py")]
    return subprocess.Popen(cmd, cwd=ROOT, env=clean_env(env), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def kill_when(proc, arrived, what, timeout=120):
    """SIGKILL the upload (its whole process group) as soon as arrived() is true."""
    deadline = time.monotonic() + timeout
    while not arrived():
        assert proc.poll() is None, f"the upload ended before {what}"
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def test_rsync_killed_upload_leaves_the_old_release_live_and_the_next_finishes_it(
        sites, sshd, tmp_path):
    target = tmp_path / "www"
    env = rsync_env(sshd, target)
    summary_of(deploy(sites.a, env), "rsync")
    live = live_release(target)
    big = big_site(sites.b, tmp_path / "big")
    incoming = Path(f"{target}.releases") / ".incoming" / "images" / "bulk"

    def some_photos_arrived():
        return incoming.is_dir() and any(p.name.startswith("photo-")
                                         for p in incoming.iterdir())

    kill_when(start_deploy(big, env), some_photos_arrived, "the first photo arriving")
    arrived = [p for p in incoming.iterdir() if p.name.startswith("photo-")]
    assert 0 < len(arrived) < 80, "the kill did not land mid-transfer"
    # The live site is exactly the old release, every byte.
    assert live_release(target) == live
    assert_same_files(tree(target), sites.files["a"])

    done = summary_of(deploy(big, env), "rsync")
    assert_same_files(tree(target), tree(big))
    assert live_release(target) != live
    # What arrived before the kill was not sent again.
    assert done.sent < 80 * 512 * 1024
    assert not (Path(f"{target}.releases") / ".incoming").exists()


def test_rsync_single_layout_updates_the_folder_in_place(sites, sshd, tmp_path):
    target = tmp_path / "www"
    env = rsync_env(sshd, target, SSH_LAYOUT="single")
    first = summary_of(deploy(sites.a, env), "rsync")
    assert first.uploaded == len(sites.files["a"])
    assert target.is_dir() and not target.is_symlink()
    assert not Path(f"{target}.releases").exists()
    again = summary_of(deploy(sites.a2, env), "rsync")
    assert (again.uploaded, again.deleted) == (0, 0)
    removed = summary_of(deploy(sites.c, env), "rsync")
    assert removed.deleted == 1
    assert_same_files(tree(target), sites.files["c"])
    assert_clear_failure(deploy(None, env, rollback=True), "rsync", "SSH_LAYOUT", code=2)


def test_rsync_moves_an_existing_folder_aside_as_the_first_release(sites, sshd, tmp_path):
    target = tmp_path / "www"
    summary_of(deploy(sites.a, rsync_env(sshd, target, SSH_LAYOUT="single")), "rsync")
    env = rsync_env(sshd, target)
    changed = summary_of(deploy(sites.b, env), "rsync")
    assert changed.uploaded == len(sites.changed_ab)
    assert_same_files(tree(target), sites.files["b"])
    kept = releases_of(target)
    assert len(kept) == 2
    assert_same_files(kept["00000000-000000-000000"], sites.files["a"])
    assert deploy(None, env, rollback=True).returncode == 0
    assert_same_files(tree(target), sites.files["a"])


def test_rsync_refuses_a_symlink_it_did_not_make(sites, sshd, tmp_path):
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the website")
    (tmp_path / "www").symlink_to(elsewhere)
    result = deploy(sites.a, rsync_env(sshd, tmp_path / "www"))
    assert_clear_failure(result, "rsync", "symlink", "SSH_LAYOUT", code=2)
    assert tree(elsewhere) == {"keep.txt": b"not the website"}


def test_rsync_target_with_spaces_quotes_and_shell_syntax(sites, sshd, tmp_path):
    # Every name reaches the server's shell as one quoted word: nothing in it runs.
    odd = tmp_path / "my site $(touch PWNED) `touch PWNED2`; 'q\" é"
    env = rsync_env(sshd, odd)
    summary_of(deploy(sites.a, env), "rsync")
    summary_of(deploy(sites.b, env), "rsync")
    assert_same_files(tree(odd), sites.files["b"])
    assert len(releases_of(odd)) == 2
    assert deploy(None, env, rollback=True).returncode == 0
    assert_same_files(tree(odd), sites.files["a"])
    planted = [*tmp_path.rglob("PWNED*"), *Path.home().glob("PWNED*"), *ROOT.glob("PWNED*")]
    assert planted == []


@pytest.mark.parametrize("layout", ["atomic", "Releases; rm -rf /", "symlink"])
def test_rsync_unknown_layout_is_refused(sites, layout, tmp_path):
    env = {"DEPLOY": "rsync", "SSH_HOST": "127.0.0.1", "SSH_PORT": str(free_port()),
           "SSH_TARGET_DIR": str(tmp_path / "www"), "SSH_LAYOUT": layout}
    assert_clear_failure(deploy(sites.a, env), "rsync", "SSH_LAYOUT", code=2)


def test_rsync_unreachable_server_is_a_clear_error(sites, sshd, tmp_path):
    env = rsync_env(sshd, tmp_path / "www", SSH_PORT=str(free_port()))
    assert_clear_failure(deploy(sites.a, env), "rsync", "refused the connection",
                         "SSH_PORT")
    assert not (tmp_path / "www").exists()


def test_rsync_unknown_host_key_is_refused(sites, sshd, tmp_path):
    # A known_hosts entry holding some other server's key: ssh must refuse to go on.
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "other")],
                   check=True)
    other = (tmp_path / "other.pub").read_text().split()[:2]
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{sshd.port} {' '.join(other)}\n")
    env = rsync_env(sshd, tmp_path / "www", SSH_OPTS=sshd.ssh_opts(known_hosts=known))
    assert_clear_failure(deploy(sites.a, env), "rsync", "host key", "known_hosts")
    assert not (tmp_path / "www").exists()


@pytest.mark.parametrize("target_dir", ["", "/", "//", "~", "~/", "/root", "/var", ".",
                                        "/home/other", "$HOME", "www/../.."])
def test_rsync_refuses_unsafe_target_dirs(sites, tmp_path, target_dir):
    # No server needed: the refusal comes before any connection is tried.
    env = {"DEPLOY": "rsync", "SSH_HOST": "127.0.0.1", "SSH_PORT": str(free_port()),
           "SSH_TARGET_DIR": target_dir}
    assert_clear_failure(deploy(sites.a, env), "rsync", "SSH_TARGET_DIR", code=2)


def test_rsync_refuses_the_home_folder(sites):
    env = {"DEPLOY": "rsync", "SSH_HOST": "127.0.0.1", "SSH_USER": "clinician",
           "SSH_TARGET_DIR": "/home/clinician/"}
    assert_clear_failure(deploy(sites.a, env), "rsync", "home folder", code=2)


# --- GitHub Pages (a bare repository as the remote) ---------------------------------------

@pytest.fixture
def bare_repo(tmp_path):
    repo = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    return repo


def branch_files(repo, branch, dest):
    subprocess.run(["git", "clone", "-q", "--branch", branch, "--single-branch", str(repo),
                    str(dest)], check=True)
    return tree(dest, skip={".git"})


def branch_head(repo, branch):
    result = subprocess.run(["git", "--git-dir", str(repo), "rev-parse", branch],
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_github_first_publish_then_identical_publish_pushes_nothing(sites, bare_repo, tmp_path):
    env = {"DEPLOY": "github", "GITHUB_REMOTE": str(bare_repo)}
    dry = summary_of(deploy(sites.a, env, dry_run=True), "github")
    assert dry.dry and dry.uploaded == len(sites.files["a"]) + 1  # + .nojekyll
    assert subprocess.run(["git", "--git-dir", str(bare_repo), "branch", "--list"],
                          capture_output=True, text=True).stdout.strip() == ""

    first = summary_of(deploy(sites.a, env), "github")
    assert (first.uploaded, first.deleted) == (len(sites.files["a"]) + 1, 0)
    files = branch_files(bare_repo, "gh-pages", tmp_path / "check")
    assert files.pop(".nojekyll") == b""  # GitHub serves the files as they are
    assert_same_files(files, sites.files["a"])

    head = branch_head(bare_repo, "gh-pages")
    again = summary_of(deploy(sites.a2, env), "github")
    assert (again.uploaded, again.deleted, again.sent) == (0, 0, 0)
    assert branch_head(bare_repo, "gh-pages") == head  # nothing was pushed


def test_github_sends_only_changed_files_and_removes_deleted_pages(sites, bare_repo, tmp_path):
    env = {"DEPLOY": "github", "GITHUB_REMOTE": bare_repo.as_uri(),
           "GITHUB_PAGES_BRANCH": "site"}
    summary_of(deploy(sites.a, env), "github")
    head = branch_head(bare_repo, "site")

    dry = summary_of(deploy(sites.b, env, flag=True), "github")
    assert (dry.uploaded, dry.deleted) == (len(sites.changed_ab), 0)
    assert branch_head(bare_repo, "site") == head

    changed = summary_of(deploy(sites.b, env), "github")
    assert (changed.uploaded, changed.deleted) == (len(sites.changed_ab), 0)
    assert changed.sent > 0
    files = branch_files(bare_repo, "site", tmp_path / "b")
    files.pop(".nojekyll")
    assert_same_files(files, sites.files["b"])

    removed = summary_of(deploy(sites.c, env), "github")
    assert (removed.uploaded, removed.deleted) == (len(sites.changed_bc), 1)
    files = branch_files(bare_repo, "site", tmp_path / "c")
    files.pop(".nojekyll")
    assert_same_files(files, sites.files["c"])
    # Each publish is one commit without parents, force-pushed: the branch has no history,
    # so the removed page is in no commit or tree the branch can reach.
    log = subprocess.run(["git", "--git-dir", str(bare_repo), "rev-list", "--count", "site"],
                         capture_output=True, text=True, check=True)
    assert log.stdout.strip() == "1"
    objects = subprocess.run(["git", "--git-dir", str(bare_repo), "rev-list", "--objects",
                              "site"], capture_output=True, text=True, check=True).stdout
    assert "index.html" in objects and "open-house" not in objects


def test_github_remote_name_and_publishconf_defaults(sites, bare_repo, tmp_path):
    # A remote *name* is looked up in the repository make publish runs in, and the
    # settings may live in publishconf.py instead of the command line.
    project = tmp_path / "project"
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "remote", "add", "pages", str(bare_repo)],
                   check=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(sites.project / name, project / name)
    # pelicanconf.py reads the practice's answers with plugins/practice, and the theme's
    # reserved names from theme/; make publish runs the project's own tools/.
    for name in ("plugins", "sample", "theme"):
        shutil.copytree(sites.project / name, project / name)
    shutil.copytree(ROOT / "tools", project / "tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    conf = project / "publishconf.py"
    conf.write_text(conf.read_text() + '\nDEPLOY = "github"\nGITHUB_REMOTE = "pages"\n'
                    'GITHUB_PAGES_BRANCH = "live"\n')
    result = summary_of(deploy(sites.a, {}, conf=conf, cwd=project), "github")
    assert result.uploaded == len(sites.files["a"]) + 2  # + .nojekyll and CNAME
    files = branch_files(bare_repo, "live", tmp_path / "check")
    files.pop(".nojekyll")
    # publishconf.py's SITEURL is the sample's site_url, a custom domain: GitHub Pages
    # keeps serving it only if the branch names it in CNAME.
    assert files.pop("CNAME").decode().strip() == "harborlight.example"
    assert_same_files(files, sites.files["a"])


def test_github_cname_only_for_a_custom_domain(sites, bare_repo, tmp_path):
    env = {"DEPLOY": "github", "GITHUB_REMOTE": str(bare_repo), "GITHUB_PAGES_BRANCH": "x"}
    for number, (siteurl, cname) in enumerate([
            ("https://Www.Therapy-Practice.example/", "www.therapy-practice.example"),
            ("https://someone.github.io/practice", None),
            ("http://127.0.0.1:8000", None)]):
        summary_of(deploy(sites.a, {**env, "SITEURL": siteurl}), "github")
        files = branch_files(bare_repo, "x", tmp_path / f"check{number}")
        found = files.pop("CNAME", None)
        assert (found.decode().strip() if found is not None else None) == cname, siteurl


def test_github_unreachable_or_missing_remote_is_a_clear_error(sites, tmp_path):
    env = {"DEPLOY": "github",
           "GITHUB_REMOTE": f"ssh://git@127.0.0.1:{free_port()}/practice/site.git"}
    assert_clear_failure(deploy(sites.a, env), "github", "cannot be reached", "GITHUB_REMOTE")
    # A token written into the address is never shown.
    env["GITHUB_REMOTE"] = f"https://me:tok-Zq81x-secret@127.0.0.1:{free_port()}/site.git"
    result = deploy(sites.a, env)
    assert_clear_failure(result, "github", "cannot be reached", "GITHUB_REMOTE")
    assert "tok-Zq81x-secret" not in result.stdout + result.stderr
    env["GITHUB_REMOTE"] = "no-such-remote"
    elsewhere = tmp_path / "not-a-repository"  # a project (its tools/) outside any git repo
    shutil.copytree(ROOT / "tools", elsewhere / "tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    assert_clear_failure(deploy(sites.a, env, cwd=elsewhere), "github", "GITHUB_REMOTE",
                         code=2)


# --- S3 (moto's local endpoint) -----------------------------------------------------------

@pytest.fixture(scope="module")
def moto(tmp_path_factory):
    server = MotoServer(tmp_path_factory.mktemp("moto"))
    yield server
    server.stop()


def aws_env(moto):
    return {"AWS_ACCESS_KEY_ID": "deploy-test-key", "AWS_SECRET_ACCESS_KEY": AWS_SECRET,
            "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull}


def s3_client(moto, service="s3"):
    import boto3

    return boto3.client(service, endpoint_url=moto.url, region_name="us-east-1",
                        aws_access_key_id="deploy-test-key",
                        aws_secret_access_key=AWS_SECRET)


@pytest.fixture
def bucket(moto, request):
    name = re.sub(r"[^a-z0-9-]", "-", request.node.name.lower())[:50].strip("-")
    s3_client(moto).create_bucket(Bucket=name)
    return name


def bucket_files(moto, name):
    client = s3_client(moto)
    keys = [obj["Key"] for page in client.get_paginator("list_objects_v2").paginate(Bucket=name)
            for obj in page.get("Contents", [])]
    return {key: client.get_object(Bucket=name, Key=key)["Body"].read() for key in keys}


def s3_env(moto, bucket, **extra):
    return {"DEPLOY": "s3", "S3_BUCKET": bucket, "S3_ENDPOINT_URL": moto.url,
            **aws_env(moto), **extra}


def test_s3_first_publish_types_and_cache_then_nothing(sites, moto, bucket):
    env = s3_env(moto, bucket)
    dry = deploy(sites.a, env, dry_run=True)
    assert summary_of(dry, "s3").uploaded == len(sites.files["a"])
    assert bucket_files(moto, bucket) == {}

    result = deploy(sites.a, env)
    first = summary_of(result, "s3")
    assert (first.uploaded, first.deleted) == (len(sites.files["a"]), 0)
    assert first.sent == sum(len(data) for data in sites.files["a"].values())
    assert AWS_SECRET not in result.stdout + result.stderr
    assert_same_files(bucket_files(moto, bucket), sites.files["a"])

    client = s3_client(moto)
    expected = {"index.html": ("text/html; charset=utf-8", "max-age=300"),
                "theme/css/site.css": ("text/css; charset=utf-8", "max-age=86400"),
                "feeds/all.atom.xml": ("application/atom+xml", "max-age=300"),
                "feeds/all.rss.xml": ("application/rss+xml", "max-age=300"),
                "sitemap.xml": ("application/xml", "max-age=300"),
                "favicon.svg": ("image/svg+xml", "max-age=86400")}
    for key, (ctype, cache) in expected.items():
        head = client.head_object(Bucket=bucket, Key=key)
        assert head["ContentType"] == ctype, key
        assert cache in head["CacheControl"], key

    again = summary_of(deploy(sites.a2, env), "s3")
    assert (again.uploaded, again.deleted, again.sent) == (0, 0, 0)


def test_s3_sends_only_changed_files_removes_deleted_pages_and_invalidates(sites, moto,
                                                                         bucket):
    cloudfront = s3_client(moto, "cloudfront")
    distribution = cloudfront.create_distribution(DistributionConfig={
        "CallerReference": bucket, "Comment": "deploy test", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "site", "DomainName": f"{bucket}.s3.amazonaws.com",
            "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "site",
                                 "ViewerProtocolPolicy": "redirect-to-https",
                                 "MinTTL": 0,
                                 "ForwardedValues": {"QueryString": False,
                                                     "Cookies": {"Forward": "none"}},
                                 "TrustedSigners": {"Enabled": False, "Quantity": 0}},
    })["Distribution"]["Id"]
    env = s3_env(moto, bucket, CLOUDFRONT_DISTRIBUTION_ID=distribution,
                 AWS_ENDPOINT_URL_CLOUDFRONT=moto.url)
    summary_of(deploy(sites.a, env), "s3")

    dry = summary_of(deploy(sites.b, env, flag=True), "s3")
    assert (dry.uploaded, dry.deleted) == (len(sites.changed_ab), 0)
    assert_same_files(bucket_files(moto, bucket), sites.files["a"])

    changed = summary_of(deploy(sites.b, env), "s3")
    assert (changed.uploaded, changed.deleted) == (len(sites.changed_ab), 0)
    assert changed.sent == sum(len(sites.files["b"][k]) for k in sites.changed_ab)
    assert_same_files(bucket_files(moto, bucket), sites.files["b"])

    removed = summary_of(deploy(sites.c, env), "s3")
    assert (removed.uploaded, removed.deleted) == (len(sites.changed_bc), 1)
    assert_same_files(bucket_files(moto, bucket), sites.files["c"])

    # The first publish and the two updates each asked CloudFront to refresh; the last
    # one names the removed page by its clean URL.
    listed = cloudfront.list_invalidations(DistributionId=distribution)
    ids = [item["Id"] for item in listed["InvalidationList"].get("Items", [])]
    assert len(ids) == 3
    paths = set()
    for ident in ids:
        batch = cloudfront.get_invalidation(DistributionId=distribution, Id=ident)
        paths |= set(batch["Invalidation"]["InvalidationBatch"]["Paths"].get("Items", []))
    assert "/open-house/" in paths or "/*" in paths


def test_s3_unreachable_endpoint_and_missing_bucket_are_clear_errors(sites, moto, bucket,
                                                                    tmp_path):
    # One attempt: boto3's retries against a closed port only make the test slower.
    env = s3_env(moto, bucket, S3_ENDPOINT_URL=f"http://127.0.0.1:{free_port()}",
                 AWS_MAX_ATTEMPTS="1")
    result = deploy(sites.a, env)
    assert_clear_failure(result, "s3", "could not reach", "S3_ENDPOINT_URL")
    assert AWS_SECRET not in result.stdout + result.stderr

    result = deploy(sites.a, s3_env(moto, "no-such-bucket"))
    assert_clear_failure(result, "s3", "does not exist", "S3_BUCKET")
    assert bucket_files(moto, bucket) == {}

    # A wrong CloudFront ID: the upload itself worked, and the error says so. (A two-file
    # site is enough here.)
    tiny = tmp_path / "tiny"
    (tiny / "css").mkdir(parents=True)
    (tiny / "index.html").write_text("<!doctype html><title>Hi</title>\n")
    (tiny / "css" / "site.css").write_text("body { margin: 0 }\n")
    result = deploy(tiny, s3_env(moto, bucket, CLOUDFRONT_DISTRIBUTION_ID="ENOSUCHDIST",
                                 AWS_ENDPOINT_URL_CLOUDFRONT=moto.url))
    assert_clear_failure(result, "s3", "files were uploaded", "CLOUDFRONT_DISTRIBUTION_ID")
    assert_same_files(bucket_files(moto, bucket), tree(tiny))


def internal_links_broken(files, siteurl=PUBLISH_SITEURL):
    """Follow every internal link from the home page through the pages in `files`
    ({key: bytes}, as a bucket holds them); the links whose target is missing."""
    from urllib.parse import urljoin, urlsplit

    from bs4 import BeautifulSoup

    def key_of(url):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not url.startswith(siteurl + "/"):
            return None
        path = parts.path[len(urlsplit(siteurl).path):].lstrip("/")
        return path + "index.html" if path == "" or path.endswith("/") else path

    seen, todo, broken, links = set(), ["index.html"], [], 0
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        soup = BeautifulSoup(files[key], "html.parser")
        base = f"{siteurl}/{key}"
        for tag in soup.find_all(["a", "link", "img", "source", "script"]):
            for attr in ("href", "src"):
                target = key_of(urljoin(base, tag.get(attr) or "")) if tag.get(attr) else None
                if target is None:
                    continue
                links += 1
                if target not in files:
                    broken.append(f"{key} -> {target}")
                elif target.endswith(".html"):
                    todo.append(target)
    assert links > 50 and len(seen) > 10, "the link walk found too little to judge"
    return broken


@pytest.fixture(scope="module")
def site_with_new_post(sites, tmp_path_factory):
    """Site C plus one new post, which the home page and blog index then link to."""
    base = tmp_path_factory.mktemp("new-post")
    project = base / "project"
    shutil.copytree(sites.project, project)
    post = (project / EDITED_POST).read_text()
    post = post.replace("Title: What happens in a first therapy session",
                        "Title: Questions to ask a new therapist")
    post = post.replace("Slug: what-happens-in-a-first-session", "Slug: questions-to-ask")
    post = post.replace("Date: 2026-06-09 09:00", "Date: 2026-07-30 09:00")
    (project / "content" / "posts" / "questions-to-ask.md").write_text(post)
    site = build_or_fail(base / "d", conf=project / "publishconf.py",
                         content=project / "content", env={"SITEURL": PUBLISH_SITEURL},
                         cwd=project)
    assert (site / "blog" / "questions-to-ask" / "index.html").is_file()
    assert b"questions-to-ask" in (site / "blog" / "index.html").read_bytes()
    return site


def test_s3_killed_upload_keeps_every_reachable_page_working_and_the_next_finishes(
        sites, site_with_new_post, moto, bucket):
    env = s3_env(moto, bucket)
    summary_of(deploy(sites.c, env), "s3")
    old = bucket_files(moto, bucket)
    new = tree(site_with_new_post)
    assert internal_links_broken(old) == []
    client = s3_client(moto)
    old_index = client.head_object(Bucket=bucket, Key="blog/index.html")["ETag"]

    def pages_started():
        # The first page of the new site is in: the new post (right order) or a changed
        # listing (wrong order). Stop the upload right there.
        keys = {obj["Key"] for obj in client.list_objects_v2(
            Bucket=bucket, Prefix="blog/questions-to-ask/").get("Contents", [])}
        return bool(keys) or client.head_object(Bucket=bucket,
                                                Key="blog/index.html")["ETag"] != old_index

    kill_when(start_deploy(site_with_new_post, env), pages_started, "the first page upload")
    held = bucket_files(moto, bucket)
    assert held != old and held != new, "the kill did not land mid-upload"
    assert internal_links_broken(held) == []

    done = summary_of(deploy(site_with_new_post, env), "s3")
    assert done.uploaded > 0
    assert_same_files(bucket_files(moto, bucket), new)
    assert internal_links_broken(bucket_files(moto, bucket)) == []


def test_s3_upload_order_is_assets_new_pages_changed_pages_then_deletes(sites,
                                                                       site_with_new_post,
                                                                       moto, bucket):
    env = s3_env(moto, bucket)
    summary_of(deploy(sites.a, env), "s3")
    result = deploy(site_with_new_post, env)
    summary = summary_of(result, "s3")
    order = re.findall(r"upload  (\S+) \(\d+ bytes; ([a-z ]+)\)", result.stdout)
    assert len(order) == summary.uploaded > 3
    stages = [stage for _, stage in order]
    ranks = ["new assets", "changed assets", "new pages", "changed pages"]
    assert [ranks.index(s) for s in stages] == sorted(ranks.index(s) for s in stages)
    assert ("blog/questions-to-ask/index.html", "new pages") in order
    assert ("blog/index.html", "changed pages") in order
    assert result.stdout.index("upload  blog/index.html") < result.stdout.index(
        f"delete  {EXTRA_PAGE}")


def test_s3_installs_boto3_on_first_use(sites, moto, bucket, tmp_path):
    # A virtual environment with pip and nothing else, like a base install that has never
    # published to S3: the first DEPLOY=s3 publish installs requirements-s3.txt into it.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig;"
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    import pip
    pips = tmp_path / "pip-only"
    pips.mkdir()
    (pips / "pip").symlink_to(Path(pip.__file__).parent)
    Path(purelib, "pip-only.pth").write_text(f"{pips}\n")
    assert subprocess.run([str(python), "-c", "import boto3"],
                          capture_output=True).returncode != 0
    cmd = [str(python), *DEPLOY_CMD, str(sites.a), "--settings",
           str(tmp_path / "none.py")]
    first = subprocess.run(cmd, cwd=ROOT, env=clean_env(s3_env(moto, bucket)),
                           capture_output=True, text=True, timeout=300)
    assert "installing the pinned version" in first.stdout.lower(), first.stdout + first.stderr
    assert summary_of(first, "s3").uploaded == len(sites.files["a"])
    assert_same_files(bucket_files(moto, bucket), sites.files["a"])
    versions = subprocess.run([str(python), "-c", "import boto3; print(boto3.__version__)"],
                              capture_output=True, text=True, check=True).stdout.strip()
    pinned = [line.split("==")[1] for line in (ROOT / "requirements-s3.txt").read_text()
              .splitlines() if line.startswith("boto3==")]
    assert [versions] == pinned
    again = subprocess.run(cmd, cwd=ROOT, env=clean_env(s3_env(moto, bucket)),
                           capture_output=True, text=True, timeout=300)
    assert "not installed yet" not in again.stdout and "pinned version" not in again.stdout
    assert summary_of(again, "s3").uploaded == 0


# --- secrets in messages -------------------------------------------------------------------

# Each form of secret in a line a tool could print: the secret, then the text around it.
SECRET_FORMS = [
    ("p@ss:w/rd", "fatal: unable to access 'https://me:{}@git.example/x.git/'"),
    ("tok3n-only", "pushing to https://{}@github.com/you/site.git"),
    ("ghp_R2d2C3poBb8Yoda9LukeLeia", "remote: https://x-access-token:{}@github.com/a/b"),
    ("ghp_R2d2C3poBb8Yoda9LukeLeia", "git@github.com:you/{}.git not found"),
    ("github_pat_11ABCDEFG0123456789_abcdefghijkl", "token {} expired"),
    ("glpat-abcdefghij0123456789", "GITLAB {} rejected"),
    ("AKIAQ7EXAMPLE4KEYXYZ", "credentials for {} were refused"),
    ("Qz7-sig", "GET https://b.s3.example/k?X-Amz-Signature={}&X-Amz-Expires=60"),
    ("AKIAQ7EXAMPLE4KEYXYZ%2F20260101", "https://b.s3.example/k?X-AMZ-Credential={}"),
    ("at-1234", "https://api.example/v1?access_token={}"),
    ("k-99x", "https://api.example/v1?KEY={}#top"),
    ("frag-secret", "https://app.example/#id_token={}"),
    ("sesame-42", "sshpass -p {} ssh host"),
    ("sesame-42", "sshpass -e -p '{}' ssh host"),
    ("hunter2hunter2", "password={} "),
    ("hunter2hunter2", "Password: {}"),
    ("s3cr3tValue", "aws_secret_access_key = {}"),
    ("eyJhbGciOi.J9-x_y", "Authorization: Bearer {}"),
]
HARMLESS = [  # messages deploy prints that hold no secret: left exactly as they are
    "Publishing with rsync to ssh.example.org:public_html (port 22)",
    "  upload  blog/a-post/index.html",
    "Publishing with ghp-import to branch gh-pages of git@github.com:you/you.github.io.git",
    "Summary [s3]: 3 files uploaded, 0 deleted, 18211 bytes sent",
    "What to check: that your SSH key is added to GitHub, or your git credentials (a "
    "personal access token) are set up.",
    "the server refused the login for user you; Permission denied (publickey)",
    "https://www.example.org/blog/a-post/",
    "All checks passed: 0 findings.",  # make check's last line
    "Publishing failed (target: s3): uploading: blog/index.html: InvalidToken",
    "Pre-publish checks for https://harborlight.example: 49 pages, 22 posts and pages scanned",
]


def test_redact_hides_every_form_and_keeps_ordinary_messages():
    from tools.redact import redact
    for secret, line in SECRET_FORMS:
        text = line.format(secret)
        shown = redact(text)
        assert secret not in shown and "***" in shown, (text, shown)
    for line in HARMLESS:
        assert redact(line) == line


def test_every_secret_form_is_hidden_in_deploy_messages(sites, moto, bucket):
    """Each form of secret, in a setting that the failure message repeats, through the
    real deploy paths; each secret is asserted to be in the setting first, so the test
    fails if a setting stops carrying it. (GitHub remotes: test_publish.py.)"""
    require(shutil.which("rsync") and shutil.which("ssh"), "rsync and ssh",
            "sudo apt-get install rsync openssh-client")
    aws_key, aws_secret = "AKIAQ7EXAMPLE4KEYXYZ", "wJal/rXUtn@FEMI-K7MDENG"
    query = ["sig-Amz-0a1b2c", "api-9f8e7d", "pw-Query-42", "sess-Tok-77"]
    endpoint = (f"http://{aws_key}:{aws_secret}@127.0.0.1:{free_port()}/?X-Amz-Signature="
                f"{query[0]}&APIKEY={query[1]}&Password={query[2]}&auth_token={query[3]}")
    result = deploy(sites.a, s3_env(moto, bucket, S3_ENDPOINT_URL=endpoint,
                                    AWS_MAX_ATTEMPTS="1"))
    out = result.stdout + result.stderr
    assert_clear_failure(result, "s3", "S3_ENDPOINT_URL", "@127.0.0.1:")
    for secret in (aws_key, aws_secret, *query):
        assert secret in endpoint and secret not in out, (secret, out)

    # A password in SSH_OPTS (sshpass in a ProxyCommand), which ssh repeats when it fails.
    password = "Hunter2-S3cret"
    opts = (f"-o BatchMode=yes -o ProxyCommand=\"sh -c 'echo sshpass -p {password} ssh "
            "-W %h:%p jump >&2; exit 1'\"")
    result = deploy(sites.a, {"DEPLOY": "rsync", "SSH_HOST": "127.0.0.1",
                              "SSH_PORT": str(free_port()), "SSH_TARGET_DIR": "site",
                              "SSH_OPTS": opts})
    out = result.stdout + result.stderr
    assert_clear_failure(result, "rsync")
    assert "sshpass -p ***" in out, out  # the message still says what ssh said
    assert password not in out, out


# --- no target, and the whole publish pipeline --------------------------------------------

def test_no_target_configured_exits_3_with_instructions(sites):
    result = deploy(sites.a, {})
    assert result.returncode == 3, result.stderr
    assert "DEPLOY=rsync" in result.stdout and "docs/publishing.md" in result.stdout
    assert (ROOT / "docs" / "publishing.md").is_file()


def run_publish(project, env):
    """`make publish` as the clinician runs it: the copy's own tools/publish.py."""
    clean = {k: v for k, v in os.environ.items()
             if k not in SETTING_KEYS and not k.startswith("AWS_")}
    clean.update(env, SITEURL=PUBLISH_SITEURL, ALLOW_SAMPLE="1")  # the sample, on purpose
    return run_python([sys.executable, "-m", "tools.publish"], cwd=project, env=clean,
                      timeout=300)


def test_publish_whose_checks_fail_uploads_nothing(moto, bucket, tmp_path):
    if not PUBLISH.exists():
        pytest.skip("tools/publish.py (the build-check-upload pipeline) is not in the "
                    "project yet, so the end-to-end publish cannot run")
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "tools", project / "tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    post = project / EDITED_POST
    original = post.read_text()
    post.write_text(original + '\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n')
    env = s3_env(moto, bucket)

    failed = run_publish(project, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "www.youtube.com" in failed.stdout  # the finding names the embed
    assert "Not published" in failed.stdout
    assert not SUMMARY.search(failed.stdout)
    assert bucket_files(moto, bucket) == {}
    assert not (project / "output").exists()

    # The same pipeline with the embed removed does upload: the refusal above came from
    # the failed check, not from a target that could never be reached.
    post.write_text(original)
    passed = run_publish(project, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert summary_of(passed, "s3").uploaded == len(tree(project / "output"))
    assert_same_files(bucket_files(moto, bucket), tree(project / "output"))
    # A second make publish of unchanged content builds the same bytes: nothing travels.
    again = run_publish(project, env)
    assert summary_of(again, "s3").uploaded == 0
