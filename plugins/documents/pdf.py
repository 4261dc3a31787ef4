"""Judge a PDF and write a copy without its metadata, with pypdf (pure Python).

A PDF is refused when anything in it can act on its own or reach outside the file:
JavaScript, any action other than going to a page of the same file or clearing a form
(web links, launching programs, submitting or importing form data, opening other files),
actions triggered by opening a page or using a field, embedded or attached files, XFA
forms, annotations other than links and form fields (comments, sounds, movies), form
fields with answers filled in, and encryption. A blank fillable form without scripts
passes: an intake form to download.

The published copy is written anew from the document's pages: the document information
(Author, Creator, Producer, Title, dates) and every XMP /Metadata stream are left out, and
so is every catalog or page entry not listed below, and everything only they reached.
Nothing here imports Pelican.
"""

import io
import logging

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (ArrayObject, DictionaryObject, IndirectObject, NameObject,
                           TextStringObject, ByteStringObject)


# pypdf logs what it repairs in a damaged file; here a file is either published cleaned or
# refused with one message naming it, so its notes would only add noise to the build log.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class Refused(Exception):
    def __init__(self, problem, fix):
        super().__init__(problem)
        self.problem, self.fix = problem, fix


FIX = ("make the PDF again from the original document (File > Export or Save as PDF) "
       "without web links (write an address as plain text instead), attachments, comments, "
       "scripts or filled-in answers; a blank fillable form is fine")
UNREADABLE_FIX = ("open it in a PDF viewer, save or export it again as PDF, and put that in "
                  "place of this file")

# The only actions a published PDF may hold: going to a page of the same file, and a
# form's "clear" button (it empties the fields on the reader's own screen).
ALLOWED_ACTIONS = {"/GoTo", "/ResetForm"}
OTHER = "other than going to a page or clearing a form"
# Entries whose value is an action (or, for /OpenAction, a page to open at).
ACTION_KEYS = {"/A", "/OpenAction", "/Next", "/PA"}
# Entries that never appear in a PDF that only shows pages and a blank form.
FORBIDDEN = {"/JS": "JavaScript", "/JavaScript": "JavaScript",
             "/EmbeddedFiles": "embedded files", "/EmbeddedFile": "embedded files",
             "/AF": "attached files", "/XFA": "an XFA form (a form that runs a program)",
             "/AA": "actions that run when a page or field is opened or used",
             "/RichMediaContent": "embedded media", "/URI": "a link to a web address"}
ANNOTATIONS = {"/Link", "/Widget"}
# What the rewritten copy keeps of the catalog and of each page; everything else, and what
# only it reached, is left out (document metadata, application data, thumbnails...).
CATALOG_KEYS = {"/Type", "/Pages", "/AcroForm", "/Outlines", "/PageMode", "/PageLayout",
                "/Dests", "/Lang", "/MarkInfo", "/StructTreeRoot", "/ViewerPreferences",
                "/PageLabels", "/OpenAction", "/Version", "/Names"}
PAGE_KEYS = {"/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox",
             "/TrimBox", "/ArtBox", "/BoxColorInfo", "/Contents", "/Rotate", "/Group",
             "/Annots", "/StructParents", "/Tabs", "/UserUnit"}
# Removed from every object: XMP packets and applications' private data.
DROPPED_EVERYWHERE = ("/Metadata", "/PieceInfo", "/LastModified")


def _objects(root):
    """Every dictionary (streams included) reachable from `root`, each once."""
    seen, stack = set(), [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            yield obj
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _findings(reader):
    found = set()
    for obj in _objects(reader.trailer["/Root"]):
        for key, what in FORBIDDEN.items():
            if key in obj:
                found.add(what)
        for key in ACTION_KEYS & set(obj):
            action = obj[key].get_object()
            if key == "/OpenAction" and isinstance(action, ArrayObject):
                continue  # a page to open at
            kind = action.get("/S") if isinstance(action, DictionaryObject) else None
            if kind not in ALLOWED_ACTIONS:
                found.add(f"an action ({str(kind or '?')[1:]}) {OTHER}")
        if obj.get("/Type") == "/Action" and obj.get("/S") not in ALLOWED_ACTIONS:
            found.add(f"an action ({str(obj.get('/S') or '?')[1:]}) {OTHER}")
        if (obj.get("/Type") == "/Annot" or "/Rect" in obj and "/Subtype" in obj) and \
                obj.get("/Subtype") not in ANNOTATIONS:
            found.add(f"a {str(obj.get('/Subtype'))[1:]} annotation (a comment, attachment "
                      "or media)")
        value = obj.get("/V")
        if "/FT" in obj and isinstance(value, (TextStringObject, ByteStringObject)) and \
                str(value).strip():
            found.add(f"a form field ({obj.get('/T', '?')}) with an answer filled in")
    return found


def clean(data):
    """The bytes of a cleaned copy of the PDF `data`, or Refused."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Refused("this PDF is protected with a password",
                          "save a copy without the password and put that in place of this "
                          "file")
        found = _findings(reader)
        if found:
            raise Refused("this PDF holds " + "; ".join(sorted(found)), FIX)
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        root = writer._root_object
        for key in set(root) - CATALOG_KEYS:
            del root[key]
        names = root.get("/Names")
        if names is not None:  # only named destinations, never scripts or files
            names = names.get_object()
            for key in set(names) - {"/Dests"}:
                del names[key]
        for page in writer.pages:
            for key in set(page) - PAGE_KEYS:
                del page[key]
        for obj in _objects(root):
            for key in DROPPED_EVERYWHERE:
                if key in obj:
                    del obj[NameObject(key)]
        # Objects that nothing points to any more (the metadata just cut off) are not
        # written at all.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except Refused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as err:
        raise Refused(f"this file could not be read as a PDF ({type(err).__name__}: "
                      f"{str(err)[:120]})", UNREADABLE_FIX) from err
    return out.getvalue()
