"""srcset and sizes (srcset.py): a case for every branch of the HTML standard's "parse a
srcset attribute", each checked twice: against the candidates written out here, and
against the candidate Chromium chooses for it (all cases on one page, loaded once)."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from .. import audit, headers, srcset

POLICY = audit.AuditRules("https://harborlight.example", [])
A, B = "https://t.test/a.png", "https://t.test/b.png"

# (branch, srcset, sizes, [(url, valid)] as the standard reads it)
CASES = [
    ("one address, no descriptor", A, None, [(A, True)]),
    ("leading commas and spaces skipped", f" ,, {A} ,,", None, [(A, True)]),
    ("address ending in a comma has no descriptors", f"{A}, {B} 2x", None,
     [(A, True), (B, True)]),
    ("several trailing commas", f"{A},,, {B} 2x", None, [(A, True), (B, True)]),
    ("a comma inside an address without a space", f"{A},{B} 1x", None,
     [(f"{A},{B}", True)]),
    ("in descriptor, a comma ends the candidate", f"{A} 1x,{B} 2x", None,
     [(A, True), (B, True)]),
    ("after descriptor, spaces then a comma", f"{A} 1x \t\n , {B} 2x", None,
     [(A, True), (B, True)]),
    ("in parens ends at the first ) (nested parentheses)", f"{A} 2x (( ), {B} 1x", None,
     [(A, False), (B, True)]),
    ("a stray ) in descriptor", f"{A} 2x ()), {B} 1x", None, [(A, False), (B, True)]),
    ("end of input inside parens", f"{A} 1x (, {B} 1x", None, [(A, False)]),
    ("a descriptor in parentheses is invalid", f"{A} (1x), {B} 1x", None,
     [(A, False), (B, True)]),
    ("a valid descriptor followed by a parenthesised one", f"{A} 1x (2x)", None,
     [(A, False)]),
    ("width descriptor", f"{A} 100w", "100px", [(A, True)]),
    ("zero width is invalid", f"{A} 0w, {B} 1x", None, [(A, False), (B, True)]),
    ("negative density is invalid", f"{A} -1x, {B} 1x", None, [(A, False), (B, True)]),
    ("decimal density", f"{A} 1.0x", None, [(A, True)]),
    ("density with an exponent", f"{A} 1e0x", None, [(A, True)]),
    ("height without width is invalid", f"{A} 10h, {B} 1x", None,
     [(A, False), (B, True)]),
    ("width and height", f"{A} 100w 50h", "100px", [(A, True)]),
    ("two densities are invalid", f"{A} 1x 1x, {B} 1x", None, [(A, False), (B, True)]),
    ("width and density are invalid", f"{A} 100w 1x, {B} 1x", None,
     [(A, False), (B, True)]),
    ("an unknown descriptor is invalid", f"{A} 1q, {B} 1x", None,
     [(A, False), (B, True)]),
    ("the first of two equal densities", f"{A} 1x, {B} 1x", None, [(A, True), (B, True)]),
]


@pytest.mark.parametrize("branch, value, sizes, expected", CASES, ids=[c[0] for c in CASES])
def test_srcset_is_parsed_by_the_standard(branch, value, sizes, expected):
    assert [(url, ok) for url, _d, ok in srcset.parse(value)] == expected


def expected_choice(value, sizes):
    """What a browser with a device pixel ratio of 1 picks: the first valid candidate of
    density 1 (a width descriptor divided by the slot's size). Every case above has one,
    or no valid candidate at all ("")."""
    slot = float(sizes[:-2]) if sizes else None
    for url, descriptors, ok in srcset.parse(value):
        if not ok:
            continue
        density = 1.0
        for d in descriptors:
            if d.endswith("x"):
                density = float(d[:-1])
            elif d.endswith("w"):
                density = int(d[:-1]) / slot
        if density == 1.0:
            return url
    return ""


# Loads the page in Chromium and prints each image's currentSrc (JSON in, JSON out).
CHOOSE = """
import json, sys
from playwright.sync_api import sync_playwright
job = json.load(sys.stdin)
pixel = bytes.fromhex(job["pixel"])

def serve(route):
    if route.request.url == "https://t.test/":
        route.fulfill(body=job["html"], content_type="text/html")
    else:
        route.fulfill(body=pixel, content_type="image/png")

with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=job["chromium"], args=[
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update"])
    try:
        page = browser.new_page(viewport={"width": 800, "height": 600},
                                device_scale_factor=1)
        page.route("**/*", serve)
        page.goto("https://t.test/", wait_until="load")
        print(json.dumps(page.evaluate("[...document.images].map(i => i.currentSrc)")))
    finally:
        browser.close()
"""


@pytest.mark.browser
def test_chromium_chooses_what_the_parser_reads():
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    pytest.importorskip("playwright.sync_api")
    if not shutil.which(chromium):
        pytest.skip("Chromium is not installed")
    from html import escape
    imgs = "".join(f'<img id="c{i}" alt="" srcset="{escape(value)}"'
                   + (f' sizes="{sizes}"' if sizes else "") + ">"
                   for i, (_b, value, sizes, _e) in enumerate(CASES))
    page_html = f"<!DOCTYPE html><html><head></head><body>{imgs}</body></html>"
    pixel = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                          "1f15c4890000000d49444154789c6360000002000154a24f5d00000000"
                          "49454e44ae426082")

    # In a child process: a test session may already run Playwright's synchronous API
    # (the project's browser suite), and two cannot share one process.
    child = subprocess.run([sys.executable, "-c", CHOOSE], input=json.dumps(
        {"chromium": chromium, "html": page_html, "pixel": pixel.hex()}),
        capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    chosen = json.loads(child.stdout)
    differ = [(branch, value, got, expected_choice(value, sizes))
              for (branch, value, sizes, _e), got in zip(CASES, chosen)
              if got != expected_choice(value, sizes)]
    assert not differ, differ


@pytest.mark.parametrize("value", [
    "/theme/a.png 1x (( ), https://evil.example/b.png 2x",
    "/theme/a.png 1x ()), https://evil.example/b.png 2x",
    "/theme/a.png 1x (x) (y), https://evil.example/b.png 2x",
    "https://evil.example/a.png,,, /theme/b.png 2x",
])
def test_a_remote_candidate_behind_parentheses_is_refused(value):
    body = f'<img src="/theme/a.png" alt="a" srcset="{value}">'
    doc = (f'<!DOCTYPE html><html><head><meta charset="utf-8">{headers.meta_html([])}'
           f"<title>t</title></head><body>{body}</body></html>")
    found = audit.Auditor(POLICY).html(doc, "p.html")
    assert any("https://evil.example" in f.problem for f in found), found


@pytest.mark.parametrize("value, ok", [
    ("100vw", True),
    ("(max-width: 40em) 100vw, 640px", True),
    ("(min-width: 600px) and (orientation: landscape) calc(50vw - 2rem), 90vw", True),
    ("(400px <= width <= 700px) 50vw, auto", True),
    ("url(https://evil.example/s.png) 100vw", False),
    ("(min-width: 1px) image-set('https://evil.example/a.png' 1x)", False),
    ('"https://evil.example/" 100vw', False),
    ("var(--x)", False),
    ("calc(url(https://evil.example/a) + 1px)", False),
])
def test_sizes_holds_only_media_conditions_and_lengths(value, ok):
    assert (srcset.sizes_problem(value) is None) == ok
