"""checks.control_problems: a hostile corpus (every kind of invisible character a paste
can bring, in every place a header has) is refused with its line and field; a benign one
(tabs, emoji sequences, right-to-left marks, any script) passes untouched."""

from ..checks import Source, control_problems

HOSTILE = {  # name: (file text, line, field)
    "nul in title": ("Title: Hello\x00world\nDate: 2026-01-01\n\nBody\n", 1, "Title"),
    "esc colours": ("Title: A\nSummary: \x1b[31mred\x1b[0m\n\nBody\n", 2, "Summary"),
    "bell": ("Title: A\x07\n\nBody\n", 1, "Title"),
    "delete": ("Title: A\x7f\n\nBody\n", 1, "Title"),
    "vertical tab": ("Title: A\x0bB\n\nBody\n", 1, "Title"),
    "form feed": ("Title: A\x0cB\n\nBody\n", 1, "Title"),
    "file separator": ("Title: A\x1cB\n\nBody\n", 1, "Title"),
    "lone carriage return": ("Title: A\rB\n\nBody\n", 1, "Title"),
    "c1 next line": ("Title: A\x85B\n\nBody\n", 1, "Title"),
    "c1 dcs": ("Tags: a, b\x90\n\nBody\n", 1, "Tags"),
    "non-character fffe": ("Title: A\ufffe\n\nBody\n", 1, "Title"),
    "non-character ffff": ("Title: A\uffff\n\nBody\n", 1, "Title"),
    "non-character fdd0": ("Title: A\ufdd0\n\nBody\n", 1, "Title"),
    "non-character plane 16": ("Title: A\U0010ffff\n\nBody\n", 1, "Title"),
    "continuation line": ("Title: A\nSummary: one\n    two \x00 three\n\nBody\n", 3,
                          "Summary"),
    "yaml-style first line": ("---\nTitle: A\x00\n\nBody\n", 2, "Title"),
    "custom field": ("Title: A\nMood: calm\x1b\n\nBody\n", 2, "Mood"),
}
BENIGN = [
    "Title: Tabs\tare fine\nSummary: Yes.\n\nBody\n",
    "Title: Wave \U0001F44B\U0001F3FD and family \U0001F468\u200d\U0001F469\u200d\U0001F467\n\nB\n",
    "Title: \u05e9\u05dc\u05d5\u05dd\u200f and \u0645\u0631\u062d\u0628\u0627\u200e\n\nB\n",
    "Title: Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144 \u2014 caf\u00e9\n\nB\n",
    "Title: \u5fc3\u306e\u5065\u5eb7\nSummary: soft\u00adhyphen and\u00a0no-break space\n\nB\n",
    "Title: Windows line ends\r\nSummary: fine\r\n\r\nBody\r\n",
    "Title: A\n\nThe body may hold \x00 anything; only the header is read.\n",
]


def _source(tmp_path, text, name="post.md"):
    path = tmp_path / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return Source(str(path), {"PATH": str(tmp_path / "content")})


def test_every_hostile_header_is_refused_with_line_and_field(tmp_path):
    for name, (text, line, field) in HOSTILE.items():
        found = control_problems(_source(tmp_path, text))
        assert [(f["file"], f["line"], f["field"]) for f in found] == \
            [("content/post.md", line, field)], name
        assert "U+" in found[0]["what"] and "type it again" in found[0]["fix"], name


def test_rest_field_lines_are_read_too(tmp_path):
    found = control_problems(_source(tmp_path, ":title: Bell\n:summary: a \x07 b\n\nText\n",
                                     "page.rst"))
    assert [(f["line"], f["field"]) for f in found] == [(2, "summary")]


def test_ordinary_writing_in_any_script_passes(tmp_path):
    for text in BENIGN:
        assert control_problems(_source(tmp_path, text)) == [], text
