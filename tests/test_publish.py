"""`make publish` (tools/publish.py) on scratch copies of the project: it uploads exactly
the private folder it built and checked, also while the preview rebuilds output/, and
only then swaps it into output/; a failed check uploads nothing and leaves output/ as it
was; its messages hold no secret.

The upload step is another tool (tools/deploy.py, tested in test_deploy.py); where the
upload itself does not matter, a small stand-in script records how publish.py called it
and answers with the exit codes of deploy.py's contract (0 uploaded, 3 no target).
"""

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import copy_project, run_python

# The scratch copies are the sample, published on purpose (ALLOW_SAMPLE).
CLEAN_ENV = {**{k: v for k, v in os.environ.items()
                if k not in ("SITEURL", "DRY_RUN", "DEPLOY")}, "ALLOW_SAMPLE": "1"}

RECORDING_DEPLOY = textwrap.dedent("""\
    import json, os, sys
    from pathlib import Path
    site = Path(sys.argv[1])
    record = {"argv": sys.argv[1:], "cwd": os.getcwd(), "mode": site.stat().st_mode,
              "has_index": (site / "index.html").is_file()}
    Path(os.environ["DEPLOY_RECORD"]).write_text(json.dumps(record))
    print("stand-in upload: done")
    sys.exit(int(os.environ.get("DEPLOY_EXIT", "0")))
    """)


def scratch(tmp_path, deploy_script=True):
    project = copy_project(tmp_path / "project", tools=True)
    deploy = project / "tools" / "deploy.py"
    if deploy_script:
        deploy.write_text(RECORDING_DEPLOY, encoding="utf-8")
    elif deploy.exists():
        deploy.unlink()
    # An earlier site in output/, with a nested folder and a file the new build lacks.
    old = project / "output"
    (old / "blog" / "old-post").mkdir(parents=True)
    (old / "index.html").write_text("<p>the site as it was</p>", encoding="utf-8")
    (old / "blog" / "old-post" / "index.html").write_text("old post", encoding="utf-8")
    (old / "only-in-the-old-site.txt").write_bytes(b"\x00\x01 old bytes")
    return project


def checksums(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def publish(project, tmp_path, **env):
    record = tmp_path / "deploy-record.json"
    full_env = {**CLEAN_ENV, "DEPLOY_RECORD": str(record), **env}
    result = run_python([sys.executable, "-m", "tools.publish"], cwd=project, env=full_env,
                        timeout=300)
    called = json.loads(record.read_text()) if record.exists() else None
    return result, called


def leftovers(project):
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".publish-"))


def test_failed_checks_leave_output_unchanged_and_upload_nothing(tmp_path):
    project = scratch(tmp_path)
    (project / "content" / "posts" / "leak.md").write_text(textwrap.dedent("""\
        Title: A session I keep thinking about
        Date: 2026-01-08 10:00
        Category: Wellbeing
        Tags: grief
        Summary: Too much about one person.

        My client Maria, a 34-year-old teacher I see on Tuesdays, called from 503-555-0199.
        """), encoding="utf-8")
    before = checksums(project / "output")
    result, called = publish(project, tmp_path)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert out.strip().splitlines()[-1] == \
        "Not published: 2 check finding(s); output/ unchanged; nothing uploaded."
    assert '"My client Maria"' in out and "503-555-0199" in out
    assert checksums(project / "output") == before
    assert called is None
    assert leftovers(project) == []


def test_dry_run_hands_the_private_checked_folder_to_deploy(tmp_path):
    project = scratch(tmp_path)
    # A client's story published on their written consent: named before anything goes up.
    (project / "content" / "posts" / "consented.md").write_text(textwrap.dedent("""\
        Title: What Dana taught me about starting again
        Date: 2026-01-09 10:00
        Category: Wellbeing
        Tags: grief
        Summary: A story shared with permission.
        Client-consent: 2026-01-02, signed form in the client's record

        Dana, a 52-year-old bus driver from Millbrook, lost her husband in March and came
        to see me in May.
        """), encoding="utf-8")
    before = checksums(project / "output")
    result, called = publish(project, tmp_path, DRY_RUN="1")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    listed = out.index("publish a client's story on their written consent")
    assert listed < out.index("stand-in upload"), out
    assert ('content/posts/consented.md: "What Dana taught me about starting again" '
            "(Client-consent: 2026-01-02, signed form in the client's record)") in out
    assert result.stdout.strip().splitlines()[-1] == (
        "Dry run: checks passed; output/ unchanged; the upload shown above was not made.")
    assert checksums(project / "output") == before
    # deploy.py saw the checked build in its own folder in the project (never output/,
    # which the preview writes), which only this user may write, as a dry run.
    site, flag = called["argv"]
    assert flag == "--dry-run" and called["has_index"]
    assert os.path.dirname(site) == str(project) and os.path.basename(site).startswith(".publish-")
    assert called["mode"] & 0o022 == 0 and called["mode"] & 0o500 == 0o500
    assert called["cwd"] == str(project)
    assert leftovers(project) == []


def test_publish_racing_the_preview_uploads_exactly_the_checked_build(tmp_path):
    """One publish to a local GitHub Pages remote while the preview (tools.build -r)
    rebuilds output/ in a loop, drafts included. Nothing of the drafts is uploaded: not
    their pages, not the files only they link ({attach} PDF, {static} photo and notes),
    not their text; the file a published post shares with a draft is. The custom domain
    of the sample's site_url is in CNAME. (tools/stress_publish.py runs this 20 times.)"""
    from tools import stress_publish as stress
    project = copy_project(tmp_path / "project", tools=True)
    stress.add_drafts(project)
    remote = stress.bare_repo(tmp_path / "pages.git")
    preview = stress.Preview(project, tmp_path / "preview.log")
    try:
        preview.wait_for_first_build()
        first = preview.builds()
        result = stress.publish(project, remote)
        during = preview.builds() - first
    finally:
        preview.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == \
        "Published: checks passed, the checked build uploaded to the github target, " \
        "output/ updated."
    files = stress.uploaded(remote, tmp_path)
    assert stress.leaks(files) == []
    assert any(path.endswith("/" + stress.SHARED_FILE) for path in files), sorted(files)
    assert files["CNAME"].decode().strip() == "harborlight.example"
    robots = files["robots.txt"].decode()
    assert "Disallow" not in robots and "Sitemap: https://harborlight.example/sitemap.xml" \
        in robots
    # The race was real: the preview rebuilt output/, drafts included, meanwhile.
    assert during >= 1, preview.log.read_text()
    assert leftovers(project) == []


def test_publish_messages_never_show_secrets(tmp_path):
    """make publish relays deploy's output through the one redact function: a remote
    holding a password with "@", a token and signed query parameters is unreachable, and
    none of its secrets is printed (each is checked to be in the setting, so the test
    fails if the setting changes shape)."""
    project = copy_project(tmp_path / "project", tools=True)
    secrets = ["pa@ss-W0rd-9", "ghp_Zk3Q8wLmN4pR7sT1vX6yB2cD", "tok-query-51f",
               "sig-Amz-83a"]
    from tests.deploy_servers import free_port
    remote = (f"https://me:{secrets[0]}@127.0.0.1:{free_port()}/{secrets[1]}/site.git"
              f"?access_token={secrets[2]}&X-Amz-Signature={secrets[3]}")
    result, _ = publish(project, tmp_path, DEPLOY="github", GITHUB_REMOTE=remote)
    out = result.stdout + result.stderr
    assert result.returncode == 4, out
    assert "Publishing failed (target: github)" in out and "@127.0.0.1:" in out
    for secret in secrets:
        assert secret in remote and secret not in out, secret


def test_an_interrupted_publish_leaves_output_unchanged(tmp_path):
    project = scratch(tmp_path)
    before = checksums(project / "output")
    env = {**CLEAN_ENV, "DEPLOY_RECORD": str(tmp_path / "deploy-record.json")}
    proc = subprocess.Popen([sys.executable, "-m", "tools.publish"],
                            cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    # Stop it as soon as the new build has started (its temporary folder exists).
    while not leftovers(project) and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, out + err
    assert out.strip().splitlines()[-1] == \
        "Not published: interrupted; output/ unchanged; nothing uploaded."
    assert checksums(project / "output") == before
    assert leftovers(project) == []
    assert not (tmp_path / "deploy-record.json").exists()


def test_the_one_folder_swap_switches_whole_builds_and_keeps_retained_names(tmp_path):
    """tools/folder_swap.py's swap_in (make html, the dev server, make publish): output/
    becomes a symlink to the new build in one rename, the old build is deleted, retained
    names stay, a folder from before is taken over, and a reader never finds output/
    missing or a page absent while builds are swapped in again and again."""
    import threading

    from tools.folder_swap import SwapError, swap_in

    output = tmp_path / "output"
    (output / "keep").mkdir(parents=True)  # a real folder, as an older kit left it
    (output / "gone.txt").write_text("stale")

    def staged(text):
        staging = tmp_path / ".output.building"
        staging.mkdir()
        (staging / "a.txt").write_text(text)
        return staging

    swap_in(str(staged("new")), str(output), retention=["keep"])
    assert output.is_symlink() and (output / "a.txt").read_text() == "new"
    assert (output / "keep").is_dir() and not (output / "gone.txt").exists()
    first = os.readlink(output)
    swap_in(str(staged("newer")), str(output))
    assert (output / "a.txt").read_text() == "newer" and os.readlink(output) != first
    assert not (output / "keep").exists()  # not retained this time
    releases = tmp_path / ".output.releases"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.releases", "output"]
    assert [p.name for p in releases.iterdir()] == [Path(os.readlink(output)).name]

    misses, done = [], threading.Event()

    def read_all_the_time():
        while not done.is_set():
            try:
                (output / "a.txt").read_text()
            except OSError as error:
                misses.append(error)

    reader = threading.Thread(target=read_all_the_time)
    reader.start()
    try:
        for n in range(15):
            swap_in(str(staged(f"build {n}")), str(output))
    finally:
        done.set()
        reader.join()
    assert misses == [] and (output / "a.txt").read_text() == "build 14"
    assert len(list(releases.iterdir())) == 1

    # A symlink the kit did not make (output/ pointing at someone's folder) is refused,
    # and neither it nor that folder is touched.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    other = tmp_path / "other-output"
    other.symlink_to(elsewhere)
    with pytest.raises(SwapError, match="symlink this kit did not make"):
        swap_in(str(staged("x")), str(other))
    assert other.is_symlink() and list(elsewhere.iterdir()) == []
