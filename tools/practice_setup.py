"""`make setup`: make the site the practice's own.

    make setup                        asks, in plain words (current answers as defaults)
    make setup ANSWERS=answers.toml   reads the same answers from a file (docs/setup.md)

It writes practice.toml (which pelicanconf.py reads) and, the first time, copies the kit's
sample pages and policies from sample/content/ into content/, keeping every `Sample: yes`
line: `make publish` refuses those pages until you have read, edited and unmarked them.
Only the samples in the practice's languages are copied (fees.md, Lang: en; fees.fr.md,
Lang: fr...); a page with none in them comes in English.
The sample blog posts and images are copied only with keep_sample_posts = true, the US-only
policies only for a US practice whose answers ask for them. An existing content/ folder is
never overwritten.
"""

import argparse
import os
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

from tools.pelican_adapter import plugin_module

A = plugin_module("practice.answers")  # tools may import plugins
S = plugin_module("practice.setup_texts")  # what setup says (its one home)
catalogs = plugin_module("languages.catalogs")
header_values = plugin_module("front_matter.header").header_values
# Every country's facts and words: the one source (the emergency_notice plugin's data).
COUNTRIES = plugin_module("emergency_notice.regions").load_regions()

ROOT = Path(__file__).resolve().parent.parent

SAMPLE_ONLY = ("posts", "images")  # left out unless keep_sample_posts = true
TEAM = "team"  # content/team/<slug>.md: each clinician's profile text (the sample's stays)
# A group's voice: sample/group/ holds "we" versions of the pages and policies that speak
# as "I"; for a practice of two or more clinicians they replace the sample's own.
GROUP = "group"


class Stop(Exception):
    """Setup cannot go on; the message says why and what to do."""


# -- its language ---------------------------------------------------------------------------

# The language setup speaks: chosen first (or the answers file's first language). Its
# words come from the theme's catalogs, as the site's do.
_words = {"t": catalogs.SOURCE, "lang": "en"}


def speak(lang):
    """Ask and answer in `lang` from now on ('en', 'fr' or 'es')."""
    name = catalogs.catalog_name(lang)
    folder = ROOT / "theme" / "translations"
    if name and not catalogs.catalog_path(folder, name).is_file():
        name = None
    _words.update(t=catalogs.load(folder, name), lang=lang)


def _(text, **values):
    """`text` in setup's language, its %(names)s filled in."""
    said = _words["t"].gettext(text)
    return said % values if values else said


def _choose_language(current, read, say):
    """The first question, in every language setup speaks: which one to continue in."""
    default = (current.get("languages") or ["en"])[0]
    while True:
        try:
            typed = read(f"{S.CHOOSE_LANGUAGE} [{default}]: ").strip().lower() or default
        except EOFError:
            raise Stop(_(S.STOPPED))
        code = {"english": "en", "français": "fr", "francais": "fr", "español": "es",
                "espanol": "es"}.get(typed, typed[:2])
        if code in S.SETUP_LANGUAGES:
            speak(code)
            return code
        say(f"  {S.CHOOSE_AGAIN}")


# -- asking -------------------------------------------------------------------------------

def _shown(value):
    """An answer as it would be typed: yes/no, a comma list, or registrations as
    `body: number; body: number` (the form the registrations question reads back)."""
    if isinstance(value, bool):
        return _(S.YES) if value else _(S.NO)
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            return "; ".join(f"{item.get('body', '')}: {item.get('number', '')}"
                             for item in value)
        return ", ".join(str(item) for item in value)
    return str(value)


def _folded(word):
    """'Sí' -> 'si': an answer typed without its accent still counts."""
    decomposed = unicodedata.normalize("NFKD", word.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _parse(kind, typed):
    if kind == "bool":
        word = _folded(typed)
        yes, no = _folded(_(S.YES)), _folded(_(S.NO))
        if word in ("y", "yes", "true", "1", yes, yes[:1]):
            return True
        if word in ("n", "no", "false", "0", no, no[:1]):
            return False
        raise A.PracticeError(_(S.YES_OR_NO))
    return typed


def _examples(country):
    """The country's words (in setup's language) and setup examples, for the
    {placeholders} in questions."""
    words = A.setup_words(COUNTRIES, country)
    country_words = COUNTRIES.get(country or "", COUNTRIES["US"])["words"]
    return {k: _words["t"].pgettext("country words", v) if k in country_words else v
            for k, v in words.items()}


def _question(text, words):
    """A question of answers.py in setup's language, its {examples} filled in."""
    return _(text).format(**words)


def _ask_one(key, kind, required, question, default, read, say, keys=None):
    """One question until the answer is usable; returns (answered, value)."""
    while True:
        prompt = question + (f" [{_shown(default)}]" if default not in (None, "", []) else
                             "" if required else f" {_(S.OPTIONAL)}")
        try:
            typed = read(prompt + ": ").strip()
        except EOFError:
            raise Stop(_(S.STOPPED))
        if not typed:
            if default in (None, "", []):
                if required:
                    say(f"  {_(S.NEEDED)}")
                    continue
                return False, None
            return True, default
        if typed == "-" and not required:
            return False, None
        try:
            return True, A.check_value(key, _parse(kind, typed), source="", keys=keys,
                                       countries=COUNTRIES, t=_words["t"])
        except A.PracticeError as error:
            say(f"  {error}")


def _ask_group(current, read, say):
    """'Just you, or a group?' then how many: the number of clinicians to ask about."""
    count = len(current)
    me, group = _(S.JUST_ME), _(S.GROUP)
    default = (group if count > 1 else me) if count else None
    while True:
        prompt = _(S.GROUP_QUESTION, just_me=me, group=group) + (
            f" [{default}]" if default else "")
        try:
            typed = read(prompt + ": ").strip().lower() or (default or "")
        except EOFError:
            raise Stop(_(S.STOPPED))
        if typed in ("just me", "me", "just you", "solo", "1", me.lower()):
            return 1
        if typed in ("group", "a group", "g", "we", group.lower()):
            break
        say("  " + _(S.GROUP_AGAIN, just_me=me, group=group))
    while True:
        prompt = _(S.HOW_MANY) + (f" [{count}]" if count > 1 else "")
        try:
            typed = read(prompt + ": ").strip() or (str(count) if count > 1 else "")
        except EOFError:
            raise Stop(_(S.STOPPED))
        if typed.isdigit() and 2 <= int(typed) <= 50:
            return int(typed)
        say("  " + _(S.HOW_MANY_AGAIN))


def ask(current, read=input, say=print):
    """Ask every question; Enter keeps the default. Returns the raw answers. The first
    question is the language to ask the others in."""
    _choose_language(current, read, say)
    say(_(S.INTRO) + "\n")
    raw = {}
    for key, (kind, required, question) in A.KEYS.items():
        country = raw.get("country", current.get("country"))
        if key in A.US_ONLY and country != "US":
            continue
        where = A.region_of({**raw, "country": country}, COUNTRIES) if country else None
        if where:
            # The region's rules make some answers required (Québec's privacy officer).
            required = required or key in COUNTRIES[where].get("required_answers", {})
        default = current.get(key)
        if key == "languages" and not default and where:
            # The region's own default (Québec: French first), with the reason.
            default, why = A.default_languages(COUNTRIES[where])
            if why:
                say(why)
        answered, value = _ask_one(key, kind, required,
                                   _question(question, _examples(where)), default, read, say)
        if answered:
            raw[key] = value
    words = _examples(A.region_of(raw, COUNTRIES) if raw.get("country") else None)
    before = current.get("clinicians") or []
    count = _ask_group(before, read, say)
    raw["clinicians"] = []
    for number in range(count):
        say("\n" + (_(S.CLINICIAN_OF, number=number + 1, count=count) if count > 1
                    else _(S.ABOUT_YOU)))
        old = before[number] if number < len(before) else {}
        clinician = {}
        for key, (kind, required, question) in A.CLINICIAN_KEYS.items():
            if key == "photo_alt" and not clinician.get("photo"):
                continue
            answered, value = _ask_one(key, kind, required, _question(question, words),
                                       old.get(key), read, say, keys=A.CLINICIAN_KEYS)
            if answered:
                clinician[key] = value
        raw["clinicians"].append(clinician)
    return raw


# -- writing ------------------------------------------------------------------------------

def write_text_atomically(path, text):
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def header_field(path, name):
    """A field of a sample file's header, lowercased (front_matter's one header reader)."""
    value = header_values(path).get(name)
    return value.strip().lower() if value else None


def policy_key(path):
    return header_field(path, "policy")


def stem_of(name):
    """fees.fr.md and fees.md are one page in two languages: both 'fees'."""
    base = name[:-len(".md")]
    head, dot, tail = base.rpartition(".")
    return head if dot and tail in A.LOCALES else base


def sample_lang(path):
    """A sample file's language: its `Lang:` (every sample carries one), else the one
    its name gives (fees.fr.md), else English."""
    named = path.name[len(stem_of(path.name)) + 1:-len(".md")]
    return (header_field(path, "lang") or named or "en").replace("_", "-").split("-")[0]


def unwanted(folder, names, languages):
    """The sample files in `folder` not to copy: a translation in a language the practice
    does not use. A page none of whose versions is in its languages keeps its English
    one, so the site never misses a page (its writer translates it)."""
    versions = {}
    for name in names:
        if name.endswith(".md") and (folder / name).is_file():
            versions.setdefault(stem_of(name), []).append((sample_lang(folder / name), name))
    out = set()
    for found in versions.values():
        wanted = [lang for lang, _ in found if lang in languages]
        keep = set(wanted) or {"en"}
        out |= {name for lang, name in found if lang not in keep}
    return out


def copy_content(root, answers):
    """Copy the sample into content/ (first time) or add US-only policies newly asked
    for. Returns the lines to report."""
    sample, content = root / "sample" / "content", root / "content"
    voice = root / "sample" / GROUP if len(answers["clinicians"]) > 1 else None

    def source_of(rel):
        """The sample file for this path, in the practice's voice."""
        if voice is not None and (voice / rel).is_file():
            return voice / rel
        return sample / rel

    off = set(A.policies_off(answers))
    languages = answers.get("languages") or ["en"]
    if content.exists():
        added = []
        folder = sample / "policies"
        skip = unwanted(folder, [p.name for p in folder.iterdir()], languages)
        for source in sorted(folder.glob("*.md")):
            key, target = policy_key(source), content / "policies" / source.name
            if source.name in skip:
                continue
            if key in A.US_POLICIES.values() and key not in off and not target.exists():
                shutil.copy2(source_of(Path("policies") / source.name), target)
                added.append("  " + _(S.ADDED, file=target.relative_to(root)))
        return [_(S.CONTENT_KEPT)] + added
    skip = set() if answers["keep_sample_posts"] else set(SAMPLE_ONLY)

    def ignore(folder, names):
        here = Path(folder)
        out = {n for n in names if here == sample and (n in skip or n == TEAM)}
        out |= unwanted(here, names, languages)
        return out | {n for n in names if n.endswith(".md") and here.name == "policies"
                      and policy_key(here / n) in off}

    tmp = Path(tempfile.mkdtemp(prefix=".content-", dir=root))
    try:
        shutil.copytree(sample, tmp / "content", ignore=ignore)
        if voice is not None:
            for copied in sorted((tmp / "content").rglob("*.md")):
                rel = copied.relative_to(tmp / "content")
                if source_of(rel) != sample / rel:
                    shutil.copy2(source_of(rel), copied)
        os.rename(tmp / "content", content)  # all of it or none of it
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    marked = sorted(p.relative_to(root).as_posix() for p in content.rglob("*.md"))
    return [_(S.COPIED, count=len(marked))]


def team_text(clinician, lang="en"):
    """A clinician's profile file: the bio answer as its text, or, without one, a line to
    replace (in the site's first language), marked as sample so that `make publish`
    waits for it."""
    bio = clinician.get("bio", "").strip()
    head = [f"Title: {clinician['name']}"]
    if bio:
        return "\n".join(head + [f"Summary: {bio}", "", bio]) + "\n"
    said = _words["lang"]
    speak(lang)
    try:
        line = _(S.PROFILE_TO_WRITE, name=clinician["name"])
    finally:
        speak(said)
    return "\n".join(head + ["Sample: yes", "", line]) + "\n"


def write_team(root, answers):
    """content/team/<slug>.md for each clinician who has none (never overwritten); files
    of clinicians no longer listed are named, not deleted."""
    folder = root / "content" / TEAM
    folder.mkdir(exist_ok=True)
    lines, slugs = [], set()
    for clinician in answers["clinicians"]:
        slug = A.slug_of(clinician["name"])
        slugs.add(slug)
        target = folder / f"{slug}.md"
        if not target.exists():
            write_text_atomically(target, team_text(clinician,
                                                    (answers.get("languages") or ["en"])[0]))
            lines.append("  " + _(S.WROTE_PROFILE, file=target.relative_to(root),
                                  name=clinician["name"]))
    for path in sorted(folder.glob("*.md")):
        if path.stem not in slugs:
            lines.append("  " + _(S.NO_CLINICIAN, file=path.relative_to(root)))
    return lines


def current_answers(target, say):
    """The answers in practice.toml as defaults; a file with a mistake still gives its
    readable values, so running setup again is the way to fix it."""
    if not target.is_file():
        return {}
    try:
        return A.load(target, COUNTRIES)
    except A.PracticeError as error:
        say(f"{error}\nThe questions below fix it.\n")
        try:
            import tomllib
            raw = tomllib.loads(target.read_text(encoding="utf-8", errors="replace"))
        except ValueError:
            return {}
        current = {}
        for key, value in raw.items():
            try:
                current[key] = A.check_value(key, value, source="", countries=COUNTRIES) \
                    if key in A.KEYS else None
            except A.PracticeError:
                pass
        current = {k: v for k, v in current.items() if v is not None}
        # Clinicians as written (each answer is checked again when asked).
        if any(k in raw for k in A.LEGACY):
            current["clinicians"] = [{A.LEGACY[k]: raw[k] for k in A.LEGACY if k in raw}]
        elif isinstance(raw.get("clinicians"), list):
            current["clinicians"] = [c for c in raw["clinicians"] if isinstance(c, dict)]
        return current


def setup(root, answers_file=None, read=input, say=print):
    root = Path(root)
    target = root / "practice.toml"
    if answers_file:
        answers = A.load(answers_file, COUNTRIES)
        # Setup speaks the site's first language (the region's default without a line).
        speak((answers.get("proposed_languages") or answers.get("languages") or ["en"])[0])
        if answers.get("proposed_languages"):
            # No languages line: the region's default (Québec: French first), and why.
            answers["languages"] = answers["proposed_languages"]
            answers["notes"] = [n for n in answers["notes"] if "no languages line" not in n]
            say(A.default_languages(COUNTRIES[A.region_of(answers, COUNTRIES)])[1])
    else:
        current = current_answers(target, say)
        answers = A.check(ask(current, read, say), COUNTRIES, source="your answers")
    # The pages first: practice.toml without a content/ folder would not build.
    report = copy_content(root, answers) + write_team(root, answers)
    write_text_atomically(target, A.dump(answers, COUNTRIES))
    for note in answers.get("notes", []):
        say(note)
    say("\n" + _(S.WROTE_MIGRATED if answers.get("notes") else S.WROTE,
                 file=target.relative_to(root)))
    for line in report:
        say(line)
    say("\n" + _(S.NEXT))
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
    except (A.PracticeError, Stop) as error:
        print(f"{_(S.NOTHING_WRITTEN)}\n{error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n" + _(S.INTERRUPTED), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
