"""`make publish` (tools/publish.py) on scratch copies of the project: a failed check
leaves output/ byte-for-byte as it was; a passing one swaps the new build in and hands it
to tools/deploy.py; DRY_RUN=1 swaps nothing.

The upload step is another tool (tools/deploy.py, tested in test_deploy.py); here a
small stand-in script records how publish.py called it and answers with the exit codes
of deploy.py's contract (0 uploaded, 3 no target).
"""

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

from conftest import ROOT, copy_project

# The scratch copies are the sample, published on purpose (ALLOW_SAMPLE).
CLEAN_ENV = {**{k: v for k, v in os.environ.items()
                if k not in ("SITEURL", "DRY_RUN", "DEPLOY")}, "ALLOW_SAMPLE": "1"}

RECORDING_DEPLOY = textwrap.dedent("""\
    import json, os, sys
    from pathlib import Path
    site = Path(sys.argv[1])
    record = {"argv": sys.argv[1:], "cwd": os.getcwd(),
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
    result = subprocess.run([sys.executable, "-m", "tools.publish"],
                            cwd=project, env=full_env, capture_output=True, text=True,
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


def test_dry_run_then_publish_swaps_in_the_new_site_and_uploads_it(tmp_path):
    project = scratch(tmp_path)
    before = checksums(project / "output")

    result, called = publish(project, tmp_path, DRY_RUN="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "Dry run: checks passed; output/ unchanged; the upload shown above was not made.")
    assert checksums(project / "output") == before
    # deploy.py saw the new build, in a temporary folder next to output/, as a dry run.
    site, flag = called["argv"]
    assert flag == "--dry-run" and called["has_index"]
    assert os.path.dirname(site) == str(project) and os.path.basename(site).startswith(".publish-")
    assert called["cwd"] == str(project)
    assert leftovers(project) == []

    (tmp_path / "deploy-record.json").unlink()
    result, called = publish(project, tmp_path, DEPLOY="rsync")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == \
        "Published: checks passed, output/ updated, uploaded to the rsync target."
    assert "All checks passed: 0 findings." in result.stdout
    output = project / "output"
    assert not (output / "only-in-the-old-site.txt").exists()
    assert not (output / "blog" / "old-post").exists()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'id="emergency-notice"' in home and "the site as it was" not in home
    assert (output / "_headers").is_file() and (output / "feeds" / "all.atom.xml").is_file()
    assert called["argv"] == [str(output)] and called["has_index"]
    assert oct(output.stat().st_mode & 0o777) != oct(0o700)  # not the temp folder's mode
    assert leftovers(project) == []


def test_no_upload_target_still_updates_output_and_says_so(tmp_path):
    project = scratch(tmp_path, deploy_script=False)
    result, _ = publish(project, tmp_path)
    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "Not uploaded: checks passed and output/ updated, but no upload target is "
        "configured (see above).")
    assert not (project / "output" / "only-in-the-old-site.txt").exists()
    assert (project / "output" / "index.html").is_file()


def test_swap_exchanges_two_folders_in_one_step(tmp_path):
    from tools import publish as tool
    new, current = tmp_path / "new", tmp_path / "current"
    new.mkdir()
    current.mkdir()
    (new / "a.txt").write_text("new")
    (current / "a.txt").write_text("old")
    tool.swap_dirs(new, current)
    assert (current / "a.txt").read_text() == "new"
    assert (new / "a.txt").read_text() == "old"
    # A first publish: there is no output/ yet.
    fresh = tmp_path / "fresh"
    tool.swap_dirs(new, fresh)
    assert (fresh / "a.txt").read_text() == "old" and not new.exists()


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
