"""`make setup`: make the site the practice's own.

    make setup                        asks, in plain words (current answers as defaults)
    make setup ANSWERS=answers.toml   reads the same answers from a file (docs/setup.md)

It writes practice.toml (which pelicanconf.py reads) and, the first time, copies the kit's
sample pages and policies from sample/content/ into content/, keeping every `Sample: yes`
line: `make publish` refuses those pages until you have read, edited and unmarked them.
The sample blog posts and images are copied only with keep_sample_posts = true, the US-only
policies only for a US practice whose answers ask for them. An existing content/ folder is
never overwritten.
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from plugins.practice import answers as A  # tools may import plugins

ROOT = Path(__file__).resolve().parent.parent

SAMPLE_ONLY = ("posts", "images")  # left out unless keep_sample_posts = true


class Stop(Exception):
    """Setup cannot go on; the message says why and what to do."""


# -- asking -------------------------------------------------------------------------------

def _shown(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _parse(kind, typed):
    if kind == "bool":
        word = typed.strip().lower()
        if word in ("y", "yes", "true", "1"):
            return True
        if word in ("n", "no", "false", "0"):
            return False
        raise A.AnswersError("Please answer yes or no.")
    return typed


def ask(current, read=input, say=print):
    """Ask every question; Enter keeps the default. Returns the raw answers."""
    say("Answer in plain words. Press Enter to keep the answer in [brackets]; type - to "
        "clear an optional one.\n")
    raw = {}
    for key, (kind, required, question) in A.KEYS.items():
        country = raw.get("country", current.get("country"))
        if key in A.US_ONLY and country != "US":
            continue
        default = current.get(key)
        while True:
            prompt = question + (f" [{_shown(default)}]" if default not in (None, "", []) else
                                 "" if required else " (optional)")
            try:
                typed = read(prompt + ": ").strip()
            except EOFError:
                raise Stop("Setup stopped before the last question; nothing was written.")
            if not typed:
                if default in (None, "", []):
                    if required:
                        say("  This one is needed.")
                        continue
                    break
                raw[key] = default
                break
            if typed == "-" and not required:
                break
            try:
                raw[key] = A.check_value(key, _parse(kind, typed), source="")
                break
            except A.AnswersError as error:
                say(f"  {error}")
    return raw


# -- writing ------------------------------------------------------------------------------

def write_text_atomically(path, text):
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def policy_key(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            return None
        key, _, value = line.partition(":")
        if key.strip().lower() == "policy":
            return value.strip().lower()
    return None


def copy_content(root, answers):
    """Copy the sample into content/ (first time) or add US-only policies newly asked
    for. Returns the lines to report."""
    sample, content = root / "sample" / "content", root / "content"
    off = set(A.policies_off(answers))
    if content.exists():
        added = []
        for source in sorted((sample / "policies").glob("*.md")):
            key, target = policy_key(source), content / "policies" / source.name
            if key in A.US_POLICIES.values() and key not in off and not target.exists():
                shutil.copy2(source, target)
                added.append(f"  added {target.relative_to(root)} (marked as sample: "
                             "read and edit it)")
        return ["content/ already exists: your pages were left as they are."] + added
    skip = set() if answers["keep_sample_posts"] else set(SAMPLE_ONLY)

    def ignore(folder, names):
        here = Path(folder)
        out = {n for n in names if here == sample and n in skip}
        return out | {n for n in names if n.endswith(".md") and here.name == "policies"
                      and policy_key(here / n) in off}

    tmp = Path(tempfile.mkdtemp(prefix=".content-", dir=root))
    try:
        shutil.copytree(sample, tmp / "content", ignore=ignore)
        os.rename(tmp / "content", content)  # all of it or none of it
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    marked = sorted(p.relative_to(root).as_posix() for p in content.rglob("*.md"))
    return [f"Copied the sample pages into content/ ({len(marked)} files, each still "
            "marked `Sample: yes`)."]


def current_answers(target, say):
    """The answers in practice.toml as defaults; a file with a mistake still gives its
    readable values, so running setup again is the way to fix it."""
    if not target.is_file():
        return {}
    try:
        return A.load(target)
    except A.AnswersError as error:
        say(f"{error}\nThe questions below fix it.\n")
        try:
            import tomllib
            raw = tomllib.loads(target.read_text(encoding="utf-8", errors="replace"))
        except ValueError:
            return {}
        current = {}
        for key, value in raw.items():
            try:
                current[key] = A.check_value(key, value, source="") if key in A.KEYS else None
            except A.AnswersError:
                pass
        return {k: v for k, v in current.items() if v is not None}


def setup(root, answers_file=None, read=input, say=print):
    root = Path(root)
    target = root / "practice.toml"
    if answers_file:
        answers = A.load(answers_file)
    else:
        current = current_answers(target, say)
        answers = A.check(ask(current, read, say), source="your answers")
    # The pages first: practice.toml without a content/ folder would not build.
    report = copy_content(root, answers)
    write_text_atomically(target, A.dump(answers))
    say(f"\nWrote {target.relative_to(root)}.")
    for line in report:
        say(line)
    say("\nNext:\n"
        "  1. make devserver   preview your site at http://127.0.0.1:8000/ (restart it after\n"
        "                      running make setup again)\n"
        "  2. Read and edit each page in content/; delete its `Sample: yes` line when it\n"
        "     is yours. Details like {{ phone }} come from practice.toml.\n"
        "  3. make publish     checks the site and refuses anything still marked as sample.")
    return answers


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", help="read the answers from this TOML file")
    parser.add_argument("--project", default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.answers and not Path(args.answers).is_file():
        print(f"Nothing written: {args.answers} does not exist. Give the path of your answers "
              "file, e.g. make setup ANSWERS=answers.toml", file=sys.stderr)
        return 1
    try:
        setup(args.project, args.answers)
    except (A.AnswersError, Stop) as error:
        print(f"Nothing written:\n{error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nSetup stopped; nothing was written.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
