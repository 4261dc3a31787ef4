"""The sample in one language, as a site of its own: a French-first Québec practice and a
Spanish-first US practice, each built from the sample's files in that language (make
lighthouse scores a French page; the tests check both sites in a browser and with the Nu
HTML checker).

What goes in is what a practice whose only language is French (or Spanish) holds after
`make setup`: the sample's pages and posts whose `Lang:` field (read by the front_matter
plugin's own header reader) is that language, and every other file (pictures, favicons).
The answers: sample/practice-fr-qc.toml for French; the sample's own practice.toml with
`languages = ["es"]` for Spanish, so the Spanish site follows the sample's answers.
"""

import shutil
from pathlib import Path

from tools.pelican_adapter import plugin_module

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample"
SOURCE_EXT = {".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm"}
LANGUAGES = {
    # language: (its pages' <html lang> on this site, its answers; None: the sample's own)
    "fr": ("fr-CA", SAMPLE / "practice-fr-qc.toml"),
    "es": ("es-US", None),
}


def practice_file(language, folder):
    """Write the practice.toml of `language`'s site into `folder`; return its path."""
    _html_lang, source = LANGUAGES[language]
    if source is not None:
        text = source.read_text(encoding="utf-8")
    else:
        text = (SAMPLE / "practice.toml").read_text(encoding="utf-8")
        head, _, _ = text.partition("[[clinicians]]")
        if "\nlanguages =" in head:
            raise ValueError("sample/practice.toml answers languages now: replace its line "
                             "here rather than add a second one")
        text = text.replace("[[clinicians]]", f'languages = ["{language}"]\n\n[[clinicians]]', 1)
    path = Path(folder) / "practice.toml"
    path.write_text(text, encoding="utf-8")
    return path


def content_in(language, folder):
    """Copy the sample's content into `folder`/content, keeping the pages and posts in
    `language` and every file that is neither; return (the folder, how many kept)."""
    header_values = plugin_module("front_matter.header").header_values
    source, content = SAMPLE / "content", Path(folder) / "content"
    kept = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix.lower() in SOURCE_EXT:
            if header_values(path).get("lang") != language:
                continue
            kept += 1
        target = content / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return content, kept


def prepare(language, folder):
    """The practice file and content folder of `language`'s site, written into `folder`
    (the content next to the practice file, as in a set-up project): (practice, content)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    practice = practice_file(language, folder)
    content, kept = content_in(language, folder)
    if kept < 10:
        raise ValueError(f"the sample holds only {kept} pages and posts in {language!r}")
    return practice, content
