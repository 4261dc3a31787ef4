"""`make stress-publish`: publish again and again while the preview rebuilds, and count
what of the drafts reached the upload (it must be nothing).

    python -m tools.stress_publish [--tries 20] [--keep DIR]

In a scratch copy of the project (the kit's sample plus a draft post and a draft page
that link files with {attach} and {static}, and a published post sharing one of them),
the preview (`python -m tools.build -r`, what make devserver runs) rebuilds output/ in a
loop, drafts included, because a file keeps being touched. Meanwhile `make publish`
uploads to a local GitHub Pages remote (a bare git repository) each try, and every upload
is searched: any draft page, any file only a draft links, or a draft's text anywhere
counts. The last line gives the figure; exit status 1 if it is not 0.

tests/test_publish.py runs one such try in the suite; this runs many, outside it.
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Written into the drafts only: found in an uploaded file, it is a leak.
DRAFT_MARK = "DRAFT-ONLY-7f3a9c"
DRAFT_FILES = ("intake-form-filled.pdf", "draft-photo.jpg", "draft-notes.txt")
SHARED_FILE = "handout.pdf"  # linked by a draft and by a published post: published
BRANCH = "gh-pages"



def blank_pdf():
    """A one-page PDF as a writing program saves it (the documents plugin reads it)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = blank_pdf()


def scratch_project(dest):
    """A set-up copy of the project made from the kit's sample (as conftest.copy_project)."""
    dest = Path(dest)
    ignore = shutil.ignore_patterns("__pycache__", "tests")
    for name in ("theme", "plugins", "sample", "tools"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "sample" / "content", dest / "content")
    shutil.copy2(ROOT / "sample" / "practice.toml", dest / "practice.toml")
    return dest


def add_drafts(project):
    """A draft post and a draft page linking files by {attach} and {static}; a published
    post linking one of the same files."""
    content = Path(project) / "content"
    posts, pages = content / "posts", content / "pages"
    (posts / "intake-form-filled.pdf").write_bytes(PDF + f"% {DRAFT_MARK}\n".encode())
    (posts / SHARED_FILE).write_bytes(PDF)
    photo = next(p for p in sorted((content / "images").iterdir())
                 if p.suffix.lower() in (".jpg", ".jpeg"))
    shutil.copy2(photo, posts / "draft-photo.jpg")
    (content / "extra" / "draft-notes.txt").write_text(f"{DRAFT_MARK} notes\n",
                                                        encoding="utf-8")
    (posts / "intake-draft.md").write_text(
        "Title: Intake paperwork, not ready\nDate: 2026-01-20 09:00\nCategory: Wellbeing\n"
        "Tags: self-care\nSlug: intake-paperwork\nSummary: Not ready.\nStatus: draft\n\n"
        f"{DRAFT_MARK}. The [filled-in form]({{attach}}intake-form-filled.pdf), "
        f"[the handout]({{attach}}{SHARED_FILE}), [notes]({{static}}/extra/draft-notes.txt) "
        "and a photo:\n\n![A client's drawing]({static}draft-photo.jpg)\n",
        encoding="utf-8")
    (pages / "groups-draft.md").write_text(
        "Title: Groups, not ready\nSlug: groups-not-ready\nSummary: Not ready.\n"
        f"Status: draft\n\n{DRAFT_MARK}. [Notes]({{static}}/extra/draft-notes.txt)\n",
        encoding="utf-8")
    (posts / "handout-post.md").write_text(
        "Title: A handout for your first visit\nDate: 2026-01-10 09:00\n"
        "Category: Wellbeing\nTags: self-care\nSummary: What to bring.\n\n"
        f"Print [the handout]({{attach}}{SHARED_FILE}) if you like.\n", encoding="utf-8")


class Preview:
    """make devserver's rebuild loop (tools.build -r) kept busy by touching a post."""

    def __init__(self, project, log):
        self.project, self.log = Path(project), Path(log)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tools.build", "-r", "-o", "output",
                 "-s", "pelicanconf.py"], cwd=self.project, env=env, stdout=out,
                stderr=subprocess.STDOUT)
        self._stop = threading.Event()
        self._toucher = threading.Thread(target=self._touch, daemon=True)
        self._toucher.start()

    def _touch(self):
        target = self.project / "content" / "posts" / "intake-draft.md"
        while not self._stop.wait(0.3):
            now = time.time()
            os.utime(target, (now, now))

    def builds(self):
        return self.log.read_text(errors="replace").count("Waiting for changes")

    def wait_for_first_build(self, timeout=120):
        deadline = time.monotonic() + timeout
        while self.builds() < 1:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the preview did not build:\n" + self.log.read_text())
            time.sleep(0.2)

    def stop(self):
        self._stop.set()
        self._toucher.join()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def bare_repo(path):
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return Path(path)


def publish(project, remote, timeout=600):
    """make publish to the bare repository; the CompletedProcess."""
    keep = ("DEPLOY", "GITHUB_REMOTE", "GITHUB_PAGES_BRANCH", "DRY_RUN", "SITEURL")
    env = {k: v for k, v in os.environ.items() if k not in keep}
    env.update(DEPLOY="github", GITHUB_REMOTE=str(remote), ALLOW_SAMPLE="1",
               PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "tools.publish"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=timeout)


def uploaded(remote, workdir):
    """{path: bytes} of the branch's files."""
    dest = Path(tempfile.mkdtemp(prefix="uploaded-", dir=workdir))
    subprocess.run(["git", "clone", "-q", "--branch", BRANCH, "--single-branch",
                    str(remote), str(dest)], check=True, capture_output=True)
    files = {p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.rglob("*")
             if p.is_file() and ".git" not in p.relative_to(dest).parts}
    shutil.rmtree(dest)
    return files


def leaks(files):
    """The uploaded files that come from a draft: its pages, its own files, its text."""
    found = []
    for path, data in sorted(files.items()):
        name = path.rsplit("/", 1)[-1]
        stem = name.split(".")[0]
        if path.startswith("drafts/") or "intake-paperwork" in path or \
                "groups-not-ready" in path or name in DRAFT_FILES or \
                stem.startswith("draft-photo") or DRAFT_MARK.encode() in data:
            found.append(path)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--keep", help="work in this folder and keep it (default: a "
                                       "temporary one, deleted at the end)")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="stress-publish-"))
    work.mkdir(parents=True, exist_ok=True)
    project = scratch_project(work / "project")
    add_drafts(project)
    remote = bare_repo(work / "pages.git")
    preview = Preview(project, work / "preview.log")
    leaked_tries, leaked_files, failed = 0, set(), 0
    try:
        preview.wait_for_first_build()
        for n in range(1, args.tries + 1):
            before = preview.builds()
            result = publish(project, remote)
            if result.returncode != 0:
                failed += 1
                print(f"try {n}: publish failed ({result.returncode}):\n"
                      + (result.stdout + result.stderr)[-1500:], flush=True)
                continue
            found = leaks(uploaded(remote, work))
            leaked_tries += bool(found)
            leaked_files |= set(found)
            print(f"try {n}: {len(found)} draft file(s) uploaded; the preview rebuilt "
                  f"{preview.builds() - before} time(s) meanwhile", flush=True)
    finally:
        preview.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Stress publish: {args.tries} tries, {failed} failed; {leaked_tries} of them "
          f"uploaded draft files, {len(leaked_files)} distinct: "
          f"{sorted(leaked_files) or 'none'}.")
    return 1 if leaked_tries or failed else 0


if __name__ == "__main__":
    sys.exit(main())
