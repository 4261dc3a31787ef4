"""One profile page per clinician of PRACTICE["clinicians"], at PRACTICE_PROFILE_URL.

The therapist edits the bio in `content/team/<slug>.md` (`make setup` writes one per
clinician); the structured fields (credentials, registrations, languages, booking) come
from practice.toml, so they are written once. Here, after Pelican has read the pages:

- each `team/<slug>.md` is tied to the clinician with that slug: it gets the `profile`
  template, the profile address and the clinician's fields as `page.clinician`;
- a clinician without a file gets a profile from the `bio` answer;
- a file whose clinician is no longer in practice.toml is not published (a warning names
  it), so a clinician who leaves loses their profile, and no link points at it.

Posts' authors are matched to profiles by name in the theme; AUTHOR_URL points at the
profiles and AUTHOR_SAVE_AS is empty, so there is no second page per author.
"""

import logging
import os

from markupsafe import escape
from pelican.contents import Page

from .answers import PracticeError

logger = logging.getLogger(__name__)

FOLDER = "team"


def _stem(page):
    rel = (page.get_relative_source_path() or "").replace(os.sep, "/")
    folder, _, name = rel.rpartition("/")
    if folder != FOLDER:
        return None
    return name.rsplit(".", 1)[0]


def _tie(page, clinician):
    page.slug = clinician["slug"]
    page.override_url = clinician["url"]
    page.override_save_as = clinician["url"] + "index.html"
    page.template = "profile"
    page.clinician = clinician
    if not getattr(page, "title", None):
        page.title = clinician["name"]


def _made(generator, clinician):
    """A profile for a clinician who has no file in content/team/: the bio answer."""
    bio = clinician.get("bio") or ""
    content = f"<p>{escape(bio)}</p>" if bio else ""
    metadata = {"title": clinician["name"], "slug": clinician["slug"],
                "summary": escape(bio or f"{clinician['name']}, {clinician['job_title']}")}
    page = Page(content, metadata=metadata, settings=generator.settings,
                source_path=os.path.join(generator.path, FOLDER, clinician["slug"] + ".md"),
                context=generator.context)
    _tie(page, clinician)
    return page


PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


def _photo_problem(field, what, fix):
    return {"check": "practice", "file": "practice.toml", "line": 0, "field": field,
            "what": what, "fix": fix, "page": ""}


def photo_problems(clinicians, settings, content):
    """Each photo must be a picture inside a static folder of content/ (where Pelican
    copies it and the photos plugin cleans it), and must be there."""
    problems = []
    folders = [f.strip("/") + "/" for f in settings.get("STATIC_PATHS") or []]
    for number, clinician in enumerate(clinicians, 1):
        photo = (clinician.get("photo") or "").replace("\\", "/")
        if not photo:
            continue
        field = f"clinician {number} ({clinician['name']}), photo"
        parts = photo.split("/")
        if (photo.startswith("/") or ".." in parts or not photo.lower().endswith(PHOTO_TYPES)
                or not any(photo.startswith(f) for f in folders if f != "/")):
            problems.append(_photo_problem(field, f"the photo is {photo!r}.", "Give a JPEG, "
                                           "PNG or WebP picture in content/images/, "
                                           "written as images/name.jpg."))
        elif not os.path.isfile(os.path.join(content, *parts)):
            problems.append(_photo_problem(field, f"content/{photo} does not exist.",
                                           "Put the picture there, or correct the name."))
    return problems


def tie_profiles(generator):
    clinicians = (generator.settings.get("PRACTICE") or {}).get("clinicians") or []
    problems = photo_problems(clinicians, generator.settings, generator.path)
    if problems:
        raise PracticeError(findings=problems)
    by_slug = {c["slug"]: c for c in clinicians}
    seen = set()
    for pages in (generator.pages, generator.hidden_pages):
        for page in list(pages):
            stem = _stem(page)
            if stem is None:
                continue
            clinician = by_slug.get(stem)
            if clinician is None or stem in seen:
                pages.remove(page)
                logger.warning(
                    "practice: content/%s/%s is not published: no clinician in "
                    "practice.toml has the address %r (known: %s). Delete the file if "
                    "they left the practice, or rename it to match their name.",
                    FOLDER, os.path.basename(page.source_path), stem,
                    ", ".join(sorted(by_slug)) or "none")
                continue
            seen.add(stem)
            _tie(page, clinician)
    for clinician in clinicians:
        if clinician["slug"] not in seen:
            generator.pages.append(_made(generator, clinician))


def person_ld(clinician, siteurl="", organization=None):
    """A clinician as a schema.org Person (the `person_ld` filter of the theme): the home
    page lists one per clinician, a profile page has one as its mainEntity."""
    person = {"@type": "Person", "name": clinician["name"],
              "jobTitle": clinician["job_title"]}
    credentials = [{"@type": "EducationalOccupationalCredential",
                    "name": clinician["credentials"]}]
    for registration in clinician.get("registrations") or []:
        credential = {"@type": "EducationalOccupationalCredential",
                      "credentialCategory": "registration",
                      "recognizedBy": {"@type": "Organization", "name": registration["body"]}}
        if registration.get("number"):
            credential["identifier"] = registration["number"]
        credentials.append(credential)
    person["hasCredential"] = credentials
    bodies = [{"@type": "Organization", "name": r["body"]}
              for r in clinician.get("registrations") or []]
    if bodies:
        person["memberOf"] = bodies
    if clinician.get("languages"):
        person["knowsLanguage"] = list(clinician["languages"])
    if str(siteurl).startswith("http"):
        person["url"] = f"{siteurl}/{clinician['url']}"
    if organization:
        person["worksFor"] = organization
    return person


def add_filters(generator):
    generator.env.filters["person_ld"] = person_ld
