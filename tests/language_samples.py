"""The sample in one language, as a site of its own: a French-first Québec practice and a
Spanish-first US practice, each built from the sample's files in that language.

What goes in is what `make setup` gives a practice whose only language is French (or
Spanish): the sample's content files whose `Lang:` field (read by the front_matter
plugin's own header reader) is that language, and every file that is not a page or a post
(pictures, favicons). The answers: tests/data/practice-qc-fr.toml for French; the sample's
own practice.toml with `languages = ["es"]` for Spanish, so the Spanish site follows the
sample's answers as they change.

Shared by the Nu checker test (tests/test_html_valid.py) and the browser checks on French
and Spanish pages (tests/browser/test_language_pages.py).
"""

import shutil
from pathlib import Path

from conftest import ROOT, SAMPLE, build_or_fail, read_meta

SOURCE_EXT = {".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm"}
LANGUAGES = {
    # language: (its <html lang> on these sites, where its practice.toml comes from)
    "fr": ("fr-CA", ROOT / "tests" / "data" / "practice-qc-fr.toml"),
    "es": ("es-US", None),  # the sample's own answers, with languages = ["es"]
}


def practice_file(language, folder):
    """Write the practice.toml of `language`'s site into `folder` and return its path."""
    _html_lang, source = LANGUAGES[language]
    if source is not None:
        text = source.read_text(encoding="utf-8")
    else:
        text = (SAMPLE / "practice.toml").read_text(encoding="utf-8")
        assert "\nlanguages =" not in text.split("[[clinicians]]")[0], \
            "the sample now answers languages: write it over rather than add a second line"
        text = text.replace("[[clinicians]]", f'languages = ["{language}"]\n\n[[clinicians]]', 1)
    path = Path(folder) / "practice.toml"
    path.write_text(text, encoding="utf-8")
    return path


def content_in(language, folder):
    """Copy the sample's content into `folder`/content, keeping the pages and posts written
    in `language` and every other file; return the content folder."""
    source, content = SAMPLE / "content", Path(folder) / "content"
    kept = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix.lower() in SOURCE_EXT:
            if read_meta(path).get("lang") != language:
                continue
            kept += 1
        target = content / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    assert kept >= 10, f"the sample holds only {kept} files in {language!r}"
    return content


def build(language, output, siteurl, folder):
    """Build `language`'s site with the publish configuration into `output` (SITEURL =
    `siteurl`), its answers and content written into `folder`; return the output path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    practice = practice_file(language, folder)
    content = content_in(language, folder)
    return build_or_fail(output, conf=ROOT / "publishconf.py", content=content,
                         env={"PRACTICE_FILE": str(practice), "SITEURL": siteurl})
