"""The practice reader keeps one Markdown converter for all of a build's files. Nothing
of one file may show in the next: footnotes, abbreviations, link references, heading ids,
metadata. Each file must come out exactly as Pelican's own reader (a new converter per
file) makes it, read in any order."""

import random

from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG, configure_settings

from ..practice import PracticeMarkdownReader

DOCS = {
    "footnotes.md": "Title: One\nDate: 2026-01-01\nSummary: Has a note[^a].\n\n"
                    "Text with a note[^a] and another[^b].\n\n[^a]: First.\n[^b]: Second.\n",
    "abbr.md": "Title: Two\nDate: 2026-01-02\n\nThe HTML spec.\n\n*[HTML]: Hyper Text\n",
    "refs.md": "Title: Three\nDate: 2026-01-03\n\nSee [the office][office].\n\n"
               "[office]: https://example.org/office\n",
    # Uses the names the files above define: here they must stay plain text.
    "leaks.md": "Title: Four\nDate: 2026-01-04\n\nHTML and [the office][office] and a "
                "stray note[^a].\n\n## Heading\n\n## Heading\n",
    "headings.md": "Title: Five\nDate: 2026-01-05\n\n## Heading\n\n[TOC]\n\n### Heading\n",
    # A formatted field whose text looks like metadata must stay text.
    "summary.md": "Title: Six\nDate: 2026-01-06\nSummary: Author: nobody\n    Tags: none\n"
                  "Custom: kept\n\nBody.\n",
    "nometa.md": "Just a paragraph, no metadata at all.\n\n    code block\n",
    "placeholder.md": "Title: Call {{ phone }}\nDate: 2026-01-07\nSummary: Ring {{ phone }}.\n\n"
                      "Call {{ phone }}[^a].\n\n[^a]: Weekdays.\n",
    "table.md": "Title: Seven\nDate: 2026-01-08\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
                "```python\nprint('x')\n```\n\n<div markdown=\"1\">*inside*</div>\n",
}


def settings():
    return configure_settings({
        **DEFAULT_CONFIG,
        "PRACTICE": {"phone": "555-0100", "name": "Sample Practice"},
        "MARKDOWN": {"extension_configs": {
            "markdown.extensions.codehilite": {"css_class": "highlight"},
            "markdown.extensions.extra": {},
            "markdown.extensions.meta": {},
            "markdown.extensions.toc": {"permalink": False},
        }, "output_format": "html5"},
    })


def read_all(reader, folder, names):
    out = {}
    for name in names:
        content, metadata = reader.read(str(folder / name))
        out[name] = (content, {k: str(v) for k, v in metadata.items()})
    return out


def test_each_file_reads_as_with_a_new_converter_whatever_came_before(tmp_path):
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    fresh = {}
    for name in DOCS:  # Pelican's way: a new reader, so a new converter, for each file
        fresh.update(read_all(MarkdownReader(settings()), tmp_path, [name]))
    # The placeholder file is compared filled in: Pelican's reader leaves {{ phone }}.
    fresh_placeholder = fresh.pop("placeholder.md")
    assert "{{ phone }}" in fresh_placeholder[0]

    for seed in range(5):
        order = list(DOCS)
        random.Random(seed).shuffle(order)
        shared = read_all(PracticeMarkdownReader(settings()), tmp_path, order * 2)
        placeholder = shared.pop("placeholder.md")
        assert shared == fresh, f"order {order}"
        assert placeholder[0] == fresh_placeholder[0].replace("{{ phone }}", "555-0100")
        assert placeholder[1]["title"] == "Call 555-0100"

    # The corpus really exercises the state a converter carries.
    assert 'href="#fn:a"' in fresh["footnotes.md"][0]
    assert "<abbr" in fresh["abbr.md"][0] and "<abbr" not in fresh["leaks.md"][0]
    assert "https://example.org/office" not in fresh["leaks.md"][0]
    assert fresh["summary.md"][1]["custom"] == "kept"
    assert "Author: nobody" in fresh["summary.md"][1]["summary"]
