"""The published tree is an allowlist of files: a hostile tree and a benign one, built for
real in a scratch copy of the project.

One hostile tree holds every file vector at once (links out of the project, hidden files
and folders, editor backups, version-control folders, host files, XML and SVG by their
root, office documents, files whose name and bytes disagree, pictures with metadata...).
It is built twice: with `make html`'s command and with `make publish`. Both must refuse,
name every vector's source file, and leave none of its secrets in any file of the output
folder; `make publish` must upload nothing and leave output/ byte for byte as it was.
A benign tree (what a therapist really has) builds with zero findings, and REDIRECTS
reach `_redirects` and `.htaccess`.
"""

import hashlib
import io
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image, PngImagePlugin

from .. import audit, files, headers

pillow_heif.register_heif_opener()  # HEIC, as phones write it

# These tests build the whole kit (a scratch copy of the project, make html, make publish):
# in a site that only copied this plugin folder, they have nothing to build.
if not (Path(__file__).resolve().parents[3] / "tools" / "child_build.py").is_file():
    pytest.skip("needs the Harbor Light project around this plugin", allow_module_level=True)

from conftest import ROOT, copy_project, run_pelican  # noqa: E402 (the project's own)
from tools.pelican_adapter import plugin_module  # noqa: E402
from tools.child_build import TOOLS_BUILD  # noqa: E402
from tools.stress_publish import blank_pdf  # noqa: E402

SITEURL = "https://harborlight.example"
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


# ---- pictures that still carry what the photos plugin would strip ------------------------

def _image(fmt, **options):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (120, 90, 60)).save(buf, fmt, **options)
    return buf.getvalue()


def _exif(text):
    exif = Image.Exif()
    exif[0x010E] = text  # ImageDescription
    return exif.tobytes()


def _png_with_text(text):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    return _image("PNG", pnginfo=info)


def _ico_around(png):
    """An .ico whose one image is a PNG (as favicon makers write them)."""
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 8, 8, 0, 0, 1, 32,
                                                      len(png), 22) + png


def _docx(secret):
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document>{secret}</w:document>")
    return buf.getvalue()


# (content path, bytes, the secret it holds). Each one must be refused, named by this path.
FILES = [
    ("extra/.env", b"AWS_SECRET_ACCESS_KEY=SECRET-ENV-1\n", "SECRET-ENV-1"),
    ("extra/.git/config", b'[remote "origin"]\n\turl = https://therapist:SECRET-GIT-2@'
     b"github.com/x/site.git\n", "SECRET-GIT-2"),
    ("images/.notes/session.md", b"Session notes: SECRET-NOTES-3\n", "SECRET-NOTES-3"),
    ("posts/.unfinished.md", b"Title: Private\nDate: 2026-01-01\n\nSECRET-DOTPOST-4\n",
     "SECRET-DOTPOST-4"),
    ("extra/notes.txt~", b"older copy SECRET-BACKUP-5\n", "SECRET-BACKUP-5"),
    ("extra/#letter.md#", b"autosave SECRET-EMACS-6\n", "SECRET-EMACS-6"),
    ("extra/.#letter.md", b"therapist@laptop.1234", "therapist@laptop"),
    ("extra/letter.md.swp", b"b0VIM 9.0 SECRET-SWP-7", "SECRET-SWP-7"),
    ("extra/.svn/entries", b"SECRET-SVN-8\n", "SECRET-SVN-8"),
    ("extra/CVS/Root", b":pserver:SECRET-CVS-9@cvs.example:/repo\n", "SECRET-CVS-9"),
    ("extra/_headers", b"/*\n  Set-Cookie: id=SECRET-HEADERS-10; Max-Age=31536000\n"
     b"  Link: <https://tracker.example>; rel=preconnect\n", "SECRET-HEADERS-10"),
    ("extra/.htaccess", b"Header unset Content-Security-Policy\nHeader set Referrer-Policy"
     b" unsafe-url\nOptions +Includes\nProxyPass /blog/ https://SECRET-HTACCESS-11.example/\n",
     "SECRET-HTACCESS-11"),
    ("images/_redirects", b"/blog/* https://SECRET-REDIRECTS-12.example/:splat 200!\n",
     "SECRET-REDIRECTS-12"),
    ("extra/_REDIRECTS", b"/x https://SECRET-CASE-46.example/ 200!\n", "SECRET-CASE-46"),
    ("extra/data.xml", b'<?xml version="1.0"?>\n<root><script xmlns="http://www.w3.org/1999/'
     b"xhtml\">fetch('https://SECRET-XML-13.example/')</script></root>\n", "SECRET-XML-13"),
    ("extra/not-a-drawing.svg", b'<root><x:script xmlns:x="http://www.w3.org/1999/xhtml">'
     b"fetch('https://SECRET-SVGROOT-14.example/')</x:script></root>\n", "SECRET-SVGROOT-14"),
    ("extra/group-root.svg", f'<g {SVG_NS}><title>SECRET-GROOT-15</title></g>\n'.encode(),
     "SECRET-GROOT-15"),
    ("extra/linked.svg", f'<svg {SVG_NS}><a href="https://SECRET-SVGLINK-16.example/">'
     '<rect width="9" height="9"/></a></svg>\n'.encode(), "SECRET-SVGLINK-16"),
    ("extra/xlinked.svg", f'<svg {SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink"><a '
     'xlink:href="//SECRET-XLINK-17.example/"><text>Go</text></a></svg>\n'.encode(),
     "SECRET-XLINK-17"),
    ("extra/intake-form.docx", _docx("SECRET-DOCX-18"), "SECRET-DOCX-18"),
    ("extra/fees.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"SECRET-DOC-19" * 4,
     "SECRET-DOC-19"),
    ("extra/fees.xlsx", _docx("SECRET-XLSX-20"), "SECRET-XLSX-20"),
    ("extra/blob.bin", os.urandom(64) + b"SECRET-BIN-21", "SECRET-BIN-21"),
    ("extra/aws-credentials", b"[default]\naws_secret_access_key = SECRET-NOEXT-22\n",
     "SECRET-NOEXT-22"),
    ("extra/readme.txt", b"<html><body><script>fetch('//SECRET-TXTHTML-23.example')"
     b"</script>\n", "SECRET-TXTHTML-23"),
    ("extra/handout.pdf", b"<!DOCTYPE html><p>SECRET-FAKEPDF-24\n", "SECRET-FAKEPDF-24"),
    ("extra/photo.jxl", b"\xff\x0a\xfa\x7f" + b"SECRET-JXL-25", "SECRET-JXL-25"),
    ("extra/camera.jpg", _image("JPEG", exif=_exif("SECRET-EXIF-26")), "SECRET-EXIF-26"),
    ("extra/screenshot.png", _png_with_text("SECRET-PNG-27"), "SECRET-PNG-27"),
    ("extra/gps.webp", _image("WEBP", exif=_exif("SECRET-WEBP-28")), "SECRET-WEBP-28"),
    ("extra/loop.gif", _image("GIF", comment=b"SECRET-GIF-29"), "SECRET-GIF-29"),
    ("extra/scan.tiff", _image("TIFF", tiffinfo={270: "SECRET-TIFF-30"}), "SECRET-TIFF-30"),
    ("extra/phone.heic", _image("HEIF", exif=_exif("SECRET-HEIC-44")), "SECRET-HEIC-44"),
    ("extra/modern.avif", _image("AVIF", exif=_exif("SECRET-AVIF-45")), "SECRET-AVIF-45"),
    ("extra/icon.ico", _ico_around(_png_with_text("SECRET-ICO-31")), "SECRET-ICO-31"),
    ("extra/landing.html", b"<!DOCTYPE html><title>Landing</title><p>SECRET-HTML-32\n",
     "SECRET-HTML-32"),
    ("extra/extra.css", b"body { background: #fff } /* SECRET-CSS-33 */\n", "SECRET-CSS-33"),
    ("extra/captions.vtt", b"<script>SECRET-VTT-34</script>\n", "SECRET-VTT-34"),
    ("extra/appointment.ics", b"BEGIN:VCALENDAR\x00SECRET-ICS-35\n", "SECRET-ICS-35"),
    ("extra/setup.exe", b"MZ\x90\x00SECRET-EXE-36", "SECRET-EXE-36"),
    ("extra/backup.zip", b"PK\x03\x04" + zlib.compress(b"x") + b"SECRET-ZIP-37",
     "SECRET-ZIP-37"),
    ("extra/letter.rtf", b"{\\rtf1\\ansi SECRET-RTF-38}", "SECRET-RTF-38"),
    ("extra/sitemap.xml", b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
     b"<url><loc>https://SECRET-SITEMAP-39.example/</loc></url></urlset>\n",
     "SECRET-SITEMAP-39"),
]


def _outside(tmp_path):
    """Files outside the project that links in the content point at."""
    outside = tmp_path / "home"
    (outside / "sessions").mkdir(parents=True)
    (outside / "id_ed25519").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                                        "SECRET-KEY-40\n", encoding="utf-8")
    (outside / "sessions" / "2026-01-07.txt").write_text("Client J.: SECRET-SESSION-41\n",
                                                         encoding="utf-8")
    (outside / "post.md").write_text("Title: Linked\nDate: 2026-01-02\nCategory: Wellbeing\n"
                                     "\nSECRET-LINKPOST-42\n", encoding="utf-8")
    return outside


def _links(project, outside):
    """(link path, target path as the message names it, secret)."""
    content = project / "content"
    (content / ".private").mkdir()
    (content / ".private" / "keys.txt").write_text("SECRET-INSIDE-43\n", encoding="utf-8")
    links = [("extra/key.pem", outside / "id_ed25519", "SECRET-KEY-40"),
             ("extra/sessions", outside / "sessions", "SECRET-SESSION-41"),
             ("posts/linked-post.md", outside / "post.md", "SECRET-LINKPOST-42"),
             ("images/keys.txt", content / ".private" / "keys.txt", "SECRET-INSIDE-43")]
    for rel, target, _secret in links:
        (content / rel).symlink_to(target)
    return links


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-files")
    project = copy_project(tmp / "site", tools=True, settings=(
        # The guard is judged on its own: without photos, pictures reach it as they are.
        'PLUGINS = [p for p in PLUGINS if p != "photos"]\n'
        "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"))
    for rel, data, _secret in FILES:
        path = project / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # Operating-system clutter is left out without a word (never named, never published).
    (project / "content" / "extra" / "Thumbs.db").write_bytes(b"SECRET-CLUTTER-47")
    (project / "content" / "images" / ".DS_Store").write_bytes(b"SECRET-CLUTTER-48")
    links = _links(project, _outside(tmp))
    expected = [f"content/{rel}" for rel, _d, _s in FILES]
    # A refused folder is named as the folder: nothing inside it was read.
    expected = [re.sub(r"/(\.git|\.svn|CVS|\.notes)/.*", r"/\1", e) for e in expected]
    expected += [f"content/{rel}" for rel, _t, _s in links]
    secrets = [s for _r, _d, s in FILES] + [s for _r, _t, s in links] + [
        "SECRET-CLUTTER-47", "SECRET-CLUTTER-48"]
    return project, expected, secrets, links


def _flat(text):
    return "".join(text.split())


def _secrets_in(folder, secrets):
    found = []
    for path in Path(folder).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [(str(path), s) for s in secrets if s.encode() in data]
    return found


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def test_every_file_vector_stops_make_html_is_named_and_leaves_no_secret(hostile, tmp_path):
    project, expected, secrets, links = hostile
    assert len(expected) >= 40
    out = tmp_path / "out"
    result = run_pelican(out, conf=project / "pelicanconf.py", content=project / "content",
                         cwd=project, launcher=TOOLS_BUILD)  # make html's build
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Privacy: nothing loads from another website" in output
    flat = _flat(output)
    missing = [name for name in expected if _flat(name) not in flat]
    assert not missing, f"not named: {missing}\n{output}"
    # A link is refused naming both the link and what it points to.
    for rel, target, _secret in links:
        assert _flat(f"content/{rel}: a link to {target}") in flat, output
    assert "Thumbs.db" not in output and ".DS_Store" not in output
    # The fixes say what to use instead.
    assert "REDIRECTS" in output and "Publish a PDF instead" in output
    # make html builds beside output/ and swaps only a good build in: nothing was left,
    # neither in the output folder nor beside it.
    assert not out.exists()
    assert _secrets_in(tmp_path, secrets) == []


def test_every_file_vector_stops_make_publish_and_output_is_unchanged(hostile):
    project, expected, secrets, _links = hostile
    report = publish_refused(project, secrets)
    flat = _flat(report)
    missing = [name for name in expected if _flat(name) not in flat]
    assert not missing, f"not named: {missing}\n{report}"


def publish_refused(project, secrets):
    """`make publish` in `project` over an earlier output/: refused, no traceback, nothing
    uploaded, output/ byte for byte as it was, no secret in it, no checked build left.
    Returns the report."""
    output = project / "output"
    output.mkdir()
    (output / "index.html").write_text("the site as it was\n", encoding="utf-8")
    before = _snapshot(output)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "SITEURL": SITEURL}
    for name in ("DEPLOY", "DRY_RUN"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "tools.publish"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    report = result.stdout + result.stderr
    assert result.returncode == 1, report
    assert "Traceback" not in report
    assert report.rstrip().endswith("nothing uploaded."), report
    assert _snapshot(output) == before
    assert not list(project.glob(".publish-*"))  # the checked build was thrown away
    assert _secrets_in(output, secrets) == []
    return report


# PDFs and media the documents plugin refuses (its own tests build each kind; here they go
# through `make publish`, in one scratch project of their own: the plugin stops the build
# before the guard's audit, so they cannot share the tree above).
HOSTILE_DOCUMENTS = {
    "extra/script.pdf": ("pdf", "javascript"), "extra/opens-a-site.pdf": ("pdf", "openaction-uri"),
    "extra/launcher.pdf": ("pdf", "launch"), "extra/link-out.pdf": ("pdf", "uri"),
    "extra/submits.pdf": ("pdf", "submit"), "extra/carrier.pdf": ("pdf", "embedded"),
    "extra/filled-intake.pdf": ("pdf", "filled"), "extra/notes.pdf": ("pdf", "comment"),
    "extra/meditation.ogg": ("ogg", None),
}


def test_hostile_documents_and_media_stop_make_publish_and_output_is_unchanged(tmp_path):
    spyfiles = plugin_module("documents.tests.spyfiles")

    project = copy_project(tmp_path / "site", tools=True)
    for rel, (kind, variant) in HOSTILE_DOCUMENTS.items():
        data = spyfiles.pdf(variant) if kind == "pdf" else \
            b"OggS\x00\x02" + bytes(20) + spyfiles.SECRET.encode()
        (project / "content" / rel).write_bytes(data)
    report = publish_refused(project, [spyfiles.SECRET])
    missing = [rel for rel in HOSTILE_DOCUMENTS if f"content/{rel}" not in report]
    assert not missing, f"not named: {missing}\n{report}"


# ---- what a therapist really has -----------------------------------------------------------

ILLUSTRATOR_SVG = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 28.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg"
     xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px" viewBox="0 0 64 64"
     xml:space="preserve">
<g>
  <circle fill="#2B6777" cx="32" cy="32" r="30"/>
  <a xlink:href="/about/"><path fill="#FFFFFF" d="M20,40 L32,16 L44,40 Z"/></a>
  <a href="#top"><text x="8" y="60">Harbor Light</text></a>
</g>
</svg>
"""

BENIGN_FILES = {
    "extra/logo.svg": ILLUSTRATOR_SVG.encode(),
    "extra/favicon.ico": None,  # made below with Pillow
    "extra/parking.txt": b"Parking is behind the building; the door code is on your "
                         b"appointment letter.\n",
    "extra/first-session.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Harbor Light//"
                               b"EN\r\nBEGIN:VEVENT\r\nUID:open-house@harborlight.example\r\n"
                               b"DTSTART:20260301T170000Z\r\nSUMMARY:Open house\r\n"
                               b"END:VEVENT\r\nEND:VCALENDAR\r\n",
    "extra/practice.vcf": b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Harbor Light Counseling\r\n"
                          b"END:VCARD\r\n",
    "extra/breathing.vtt": b"WEBVTT\n\n00:00.000 --> 00:04.000\nBreathe in slowly.\n",
    "extra/reading.woff2": b"wOF2\x00\x01\x00\x00" + bytes(40),
    "extra/handout.pdf": None,  # made below with pypdf
}
REDIRECTS = {"/old-fees/": "/fees/", "/blog/2019/sleep-post/": "/blog/"}


def test_a_benign_tree_builds_with_zero_findings_and_redirects_are_written(tmp_path):
    project = copy_project(tmp_path / "site", settings=f"REDIRECTS = {REDIRECTS!r}\n")
    extra = project / "content" / "extra"
    for rel, data in BENIGN_FILES.items():
        if data is not None:
            (project / "content" / rel).write_bytes(data)
    Image.new("RGBA", (32, 32), (43, 103, 119, 255)).save(extra / "favicon.ico", "ICO")
    (extra / "handout.pdf").write_bytes(blank_pdf())  # cleaned by the documents plugin
    out = tmp_path / "out"
    # The photos cleaned for the other tests are reused (the cache is keyed by content).
    result = run_pelican(out, conf=project / "publishconf.py", content=project / "content",
                         cwd=project, env={"SITEURL": SITEURL},
                         settings={"PHOTOS_CACHE_PATH": str(ROOT / ".cache" / "photos")})
    assert result.returncode == 0, result.stdout + result.stderr
    for rel in BENIGN_FILES:
        built = "favicon.ico" if rel == "extra/favicon.ico" else rel
        assert (out / built).is_file(), rel
    assert audit.audit_tree(str(out), audit.AuditRules(SITEURL, [])) == []
    redirects = (out / "_redirects").read_text(encoding="utf-8")
    apache = (out / ".htaccess").read_text(encoding="utf-8")
    for old, new in REDIRECTS.items():
        assert f"\n{old} {new} 301\n" in redirects
        assert f"  Redirect 301 {old} {new}\n" in apache
    assert "Header always set Content-Security-Policy" in apache
    for word in ("Includes", "ExecCGI", "ProxyPass", "RewriteRule", "AddHandler"):
        assert word not in apache.replace("server-side includes", "")
    assert "200" not in redirects and "http" not in redirects


@pytest.mark.parametrize("fmt, name", [
    ("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp"), ("GIF", "a.gif"),
    ("TIFF", "a.tif"), ("BMP", "a.bmp"), ("ICO", "a.ico"), ("AVIF", "a.avif"),
    ("HEIF", "a.heic"),
])
def test_a_clean_picture_of_every_format_passes_and_the_same_with_exif_does_not(fmt, name):
    assert files.static_problem(name, _image(fmt), None) is None
    if fmt not in ("BMP", "ICO"):  # no place for EXIF in these two (GIF: a comment)
        options = {"comment": b"SECRET"} if fmt == "GIF" else {"exif": _exif("SECRET")}
        found = files.static_problem(name, _image(fmt, **options), None)
        assert found and "still holds" in found[0], found


@pytest.mark.parametrize("value, words", [
    ({"/old/": "https://tracker.example/"}, "'https://tracker.example/'"),
    ({"/old/": "//tracker.example/x"}, "'//tracker.example/x'"),
    ({"old/": "/new/"}, "'old/'"),
    ({"/a b/": "/new/"}, "'/a b/'"),
    ({"/blog/*": "/new/"}, "'/blog/*'"),
    ({"/x/": "/../etc/"}, "'/../etc/'"),
    ({"/x/": "/y/?ref=1"}, "'/y/?ref=1'"),
    ({"/x/": "/x/"}, "redirects to itself"),
    (["/old/", "/new/"], "must be a mapping"),
])
def test_malformed_redirects_are_refused_naming_the_setting(value, words):
    pairs, problems = headers.parse_redirects(value)
    assert pairs == [] and len(problems) == 1
    assert problems[0].startswith("REDIRECTS") and words in problems[0]


def test_every_build_of_the_dev_server_walks_the_content_again(tmp_path):
    """The dev server rebuilds with the same settings: each build starts from the user's
    own IGNORE_FILES, adds the walk's names once, and forgets a name fixed since."""
    from .. import privacy_guard
    content = tmp_path / "content"
    (content / "extra").mkdir(parents=True)
    (content / "extra" / "notes.txt~").write_text("old", encoding="utf-8")

    class Site:
        settings = {"PATH": str(content), "IGNORE_FILES": ["**/.*", "scratch"],
                    "ARTICLE_PATHS": ["posts"], "PAGE_PATHS": [], "STATIC_PATHS": ["extra"]}

    privacy_guard.get_generators(Site)
    first = list(Site.settings["IGNORE_FILES"])
    assert first[:2] == ["**/.*", "scratch"] and "notes.txt~" in first
    assert [r[0] for r in privacy_guard._state["refused"]] == ["content/extra/notes.txt~"]
    privacy_guard.get_generators(Site)
    assert Site.settings["IGNORE_FILES"] == first
    (content / "extra" / "notes.txt~").unlink()
    (content / "extra" / "key").symlink_to(tmp_path / "elsewhere")
    privacy_guard.get_generators(Site)
    assert Site.settings["IGNORE_FILES"][:2] == ["**/.*", "scratch"]
    assert Site.settings["IGNORE_FILES"].count(".*") == 1 and "key" in Site.settings[
        "IGNORE_FILES"]
    assert [r[0] for r in privacy_guard._state["refused"]] == ["content/extra/key"]
    privacy_guard._state["refused"] = []
