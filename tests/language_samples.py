"""The sample's French-first Québec site and Spanish-first US site (tools/sample_languages.py),
built for the tests: the Nu HTML checker (tests/test_html_valid.py) and the browser checks
on French and Spanish pages (tests/browser/test_language_pages.py)."""

from conftest import ROOT, build_or_fail
from tools.sample_languages import LANGUAGES, prepare  # noqa: F401 (LANGUAGES: the tests')


def build(language, output, siteurl, folder):
    """Build `language`'s site with the publish configuration into `output` (SITEURL =
    `siteurl`), its answers and content written into `folder`; return the output path."""
    practice, content = prepare(language, folder)
    return build_or_fail(output, conf=ROOT / "publishconf.py", content=content,
                         env={"PRACTICE_FILE": str(practice), "SITEURL": siteurl})
