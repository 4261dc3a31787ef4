"""A short crisis notice at the top of every HTML page Pelican writes.

Two ways in, so the guarantee never depends on a theme remembering it:

1. `generator_init` adds the Jinja global `emergency_notice_html` (a Markup string). A
   theme renders `{{ emergency_notice_html }}` right after its skip link.
2. `content_written` looks at every written .html file; a page that lacks
   `id="emergency-notice"` gets the notice inserted right after its `<body ...>` tag
   (plain string operations). A page that has one is checked with `checks.notice_problems`
   (the rule `make check` uses too): two notices, or one after `<main>`, is logged as an
   error naming the file.

A page whose template rendered the notice exactly once is not opened; the first such page
of each build is checked once, to see where the theme puts the notice, and so is every
page whose template rendered it more than once. Where the privacy_guard plugin parses
every page anyway (its `page_parsed` signal, a blinker named signal: no import), those
checks read its tree, and the problems are reported when its walk is over (its
`pages_walked` signal; PRIVACY_GUARD_WALKS says it will come); a site without it has those
pages read here at `finalized`.

Settings: EMERGENCY_REGION (one of the regions in regions.json, default "US") and
EMERGENCY_NOTICE (a dict overriding any field). A wrong value stops the build.

Languages: the notice's words ("call", "or", "text") and each line's name and note
(looked up by the line's `id`) come from GETTEXT(lang), the kit's catalogs, which the
languages plugin publishes in the settings; without it the notice is in English. The
theme renders `{{ emergency_notice_in(lang) }}` for a page in `lang`.
"""

import gettext
import logging
import os
import re

from blinker import signal
from markupsafe import Markup, escape
from pelican import signals

from .checks import NOTICE_ID, TreePlaces, notice_problems
from .regions import go_sentence, load_regions

logger = logging.getLogger(__name__)

MARKER = f'id="{NOTICE_ID}"'


def N_(text):
    """Marks text for the catalogs; it is translated where the page is written."""
    return text


# Wording shared by every region; EMERGENCY_NOTICE can override each of these too.
DEFAULT_WORDING = {
    "label": N_("Emergency help"),
    "lead": N_("In an emergency"),
    "monitor": N_("This website and email are not monitored for emergencies."),
    "extra": "",
}
FIELDS = ("label", "lead", "emergency", "go", "crisis", "monitor", "extra")
CRISIS_FIELDS = ("name", "call", "text", "text_body", "note",
                 # id: the catalogs give the name and note in each language by it.
                 "id",
                 # Facts about the line, kept with it: shown on Resources (languages) or
                 # for whoever checks the data (source, checked); in_notice: in the banner.
                 "languages", "in_notice", "source", "checked")

# A phone number inside the free-text `extra` line becomes a tel: link.
PHONE_IN_TEXT = re.compile(r"(?<![\w+])\+?\d[\d ().-]{1,18}\d(?![\w])")


class EmergencyNoticeError(Exception):
    """A setting has a value this plugin cannot use, or a written page holds the notice
    wrongly: the message says which, and `.findings` holds the same as finding dicts
    (docs/plugin-contract.md). Raised with a message alone, the finding names the setting
    `field` in pelicanconf.py."""

    def __init__(self, message, field="EMERGENCY_NOTICE", *, fix=None, findings=None):
        super().__init__(message + (f" {fix}" if fix else ""))
        self.findings = findings or [_finding("pelicanconf.py", message, fix or (
            f"Correct {field} in pelicanconf.py (plugins/emergency_notice/README.md "
            "lists what it takes)."), field=field)]


def _finding(file, what, fix, *, field="", line=0, page=""):
    return {"check": "notice", "file": file, "line": line, "field": field, "what": what,
            "fix": fix, "page": page}


REGIONS = load_regions()


# --- settings ------------------------------------------------------------------------

def resolve(settings):
    """The notice's fields for these settings, validated; raises EmergencyNoticeError."""
    allowed = ", ".join(REGIONS)
    region = settings.get("EMERGENCY_REGION", "US")
    if not isinstance(region, str) or region.strip().upper() not in REGIONS:
        raise EmergencyNoticeError(
            f"EMERGENCY_REGION is {region!r}, which is not a built-in region.",
            "EMERGENCY_REGION", fix=f"Allowed values: {allowed}. For another country, "
            "pick the closest one and replace its numbers with EMERGENCY_NOTICE = "
            "{'emergency': [...], 'crisis': [...]} (see plugins/emergency_notice/README.md).")
    region = region.strip().upper()
    data = REGIONS[region]
    fields = {**DEFAULT_WORDING, **{k: v for k, v in data.items() if k in FIELDS}}
    # What to do besides calling, in the country's words (A&E, emergency department...).
    fields["go"] = go_sentence(data)

    overrides = settings.get("EMERGENCY_NOTICE") or {}
    if not isinstance(overrides, dict):
        raise EmergencyNoticeError(
            f"EMERGENCY_NOTICE must be a dict of fields to override, not "
            f"{type(overrides).__name__}. Allowed fields: {', '.join(FIELDS)}.")
    unknown = sorted(set(overrides) - set(FIELDS))
    if unknown:
        raise EmergencyNoticeError(
            f"EMERGENCY_NOTICE has unknown field(s) {', '.join(map(repr, unknown))}. "
            f"Allowed fields: {', '.join(FIELDS)}.")
    fields.update(overrides)

    for key in ("label", "lead", "go", "monitor"):
        if not isinstance(fields[key], str):
            raise EmergencyNoticeError(f"EMERGENCY_NOTICE['{key}'] must be text.")
    if not fields["label"].strip():
        raise EmergencyNoticeError(
            "EMERGENCY_NOTICE['label'] is empty: the notice needs a name for screen "
            "readers, such as 'Emergency help'.")
    fields["emergency"] = _as_list(fields["emergency"], "emergency")
    fields["extra"] = _as_list(fields["extra"], "extra")
    crisis = fields["crisis"] or []
    if isinstance(crisis, dict):
        crisis = [crisis]
    if not isinstance(crisis, list):
        raise EmergencyNoticeError(
            "EMERGENCY_NOTICE['crisis'] must be a list of lines, each a dict with "
            f"the fields {', '.join(CRISIS_FIELDS)}.")
    for i, line in enumerate(crisis):
        if not isinstance(line, dict) or set(line) - set(CRISIS_FIELDS):
            raise EmergencyNoticeError(
                f"EMERGENCY_NOTICE['crisis'][{i}] must be a dict with only the fields "
                f"{', '.join(CRISIS_FIELDS)}; got {line!r}.")
        for key in ("call", "text"):
            if line.get(key) and not _digits(line[key]):
                raise EmergencyNoticeError(
                    f"EMERGENCY_NOTICE['crisis'][{i}]['{key}'] is {line[key]!r}, which "
                    f"has no digits to dial.")
    fields["crisis"] = crisis
    for number in fields["emergency"]:
        if not _digits(number):
            raise EmergencyNoticeError(
                f"EMERGENCY_NOTICE['emergency'] has {number!r}, which has no digits to "
                f"dial.")
    fields["region"] = region
    return fields


def _as_list(value, key):
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [v for v in value if v.strip()]
    raise EmergencyNoticeError(f"EMERGENCY_NOTICE['{key}'] must be text or a list of text.")


def _digits(number):
    """`+1 (503) 555-0100` -> `+15035550100`: what goes after tel: or sms:."""
    number = str(number).strip()
    digits = re.sub(r"\D", "", number)
    return ("+" + digits if number.startswith("+") else digits) if digits else ""


# --- markup --------------------------------------------------------------------------

def translations(settings, lang):
    """The kit's catalog for a page in `lang` (GETTEXT, from the languages plugin); this
    plugin alone speaks English."""
    find = (settings or {}).get("GETTEXT")
    return find(lang) if find and lang else gettext.NullTranslations()


def _link(scheme, number, text, body=None):
    href = f"{scheme}:{_digits(number)}"
    if body:
        href += "?body=" + body  # RFC 5724; escaped below with the rest of the href
    return Markup('<a href="{}">{}</a>').format(href, text)


def _line_words(line, t):
    """A line's name and note in the page's language: the catalogs key them by the line's
    id; a line without one (from EMERGENCY_NOTICE) or a catalog without it keeps its own."""
    key = line.get("id")
    name = (line.get("name") or "").strip()
    note = line.get("note") or ""
    if key:
        name = t.pgettext(key, name) if name else name
        note = t.pgettext(key + " note", note) if note else note
    return name, note


def _crisis_sentence(line, t):
    actions = []
    if line.get("call"):
        actions.append(_link("tel", line["call"],
                             t.gettext("call %(number)s") % {"number": line["call"]}))
    if line.get("text"):
        if line.get("text_body"):
            actions.append(_link("sms", line["text"],
                                 t.gettext("text %(word)s to %(number)s")
                                 % {"word": line["text_body"], "number": line["text"]},
                                 body=line["text_body"]))
        else:
            actions.append(_link("sms", line["text"],
                                 t.gettext("text %(number)s") % {"number": line["text"]}))
    if not actions:
        return Markup("")
    said = Markup(t.gettext(" or ")).join(actions)
    name, note = _line_words(line, t)
    if note:
        said += Markup(", ") + escape(note)
    if not name:
        return _capitalize(said) + Markup(".")
    if name[-1] in "?!:":
        return escape(name) + Markup(" ") + _capitalize(said) + Markup(".")
    return Markup(escape(t.gettext("%(name)s: %(actions)s."))) % {"name": name,
                                                                 "actions": said}


def _capitalize(markup):
    # The first visible letter sits right after the opening <a ...>.
    text = str(markup)
    close = text.find(">") + 1
    return Markup(text[:close] + text[close:close + 1].upper() + text[close + 1:])


def _linkify(text):
    out, last = [], 0
    for m in PHONE_IN_TEXT.finditer(text):
        if len(re.sub(r"\D", "", m.group())) < 3:
            continue
        out.append(escape(text[last:m.start()]))
        out.append(_link("tel", m.group(), m.group()))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out), len(out) > 1


def render(fields, t=None):
    """The notice's HTML for resolved fields, in the language of translations `t`
    (English without); raises if it would offer no number."""
    t = t or gettext.NullTranslations()
    # The region's wording is English source text the catalogs translate; an override of
    # the practice's own stays as written (no catalog has it).
    lead, go, monitor, label = (fields[k].strip() for k in ("lead", "go", "monitor", "label"))
    parts, numbers = [], 0
    emergency = fields["emergency"]
    if emergency:
        calls = [_link("tel", emergency[0],
                       t.gettext("call %(number)s") % {"number": emergency[0]})]
        calls += [_link("tel", n, n) for n in emergency[1:]]
        numbers += len(emergency)
        sep = Markup(t.gettext(", or ") if len(emergency) > 1 else t.gettext(" or "))
        first = (Markup("<strong>{}</strong>, ").format(t.gettext(lead))
                 + Markup(t.gettext(" or ")).join(calls))
        if go:
            first += sep + escape(t.gettext(go))
        parts.append(first + Markup("."))
    elif lead:
        parts.append(Markup("<strong>{}</strong>:").format(t.gettext(lead)))
    # The notice stays short: the lines marked in_notice (a line without the mark, e.g.
    # from EMERGENCY_NOTICE, is shown). Resources lists every line (lines_html).
    for line in fields["crisis"]:
        sentence = _crisis_sentence(line, t) if line.get("in_notice", True) else None
        if sentence:
            numbers += 1
            parts.append(sentence)
    body = Markup("<p>{}</p>").format(Markup(" ").join(parts)) if parts else Markup("")
    for extra in fields["extra"]:
        linked, has_number = _linkify(extra.strip())
        numbers += has_number
        body += Markup('<p class="emergency-notice__extra">{}</p>').format(linked)
    if not numbers:
        raise EmergencyNoticeError(
            f"EMERGENCY_NOTICE leaves the {fields['region']} notice without any number "
            f"to call or text. Keep the region's numbers, or give at least one in "
            f"'emergency' (e.g. ['911']), 'crisis' (e.g. [{{'name': 'Crisis line', "
            f"'call': '988'}}]) or 'extra'. Allowed fields: {', '.join(FIELDS)}.")
    if monitor:
        body += Markup('<p class="emergency-notice__monitor">{}</p>').format(
            t.gettext(monitor))
    return Markup('<aside id="{}" class="emergency-notice" '
                  'aria-label="{}">{}</aside>').format(NOTICE_ID, t.gettext(label), body)


def _and(items, t):
    if len(items) < 2:
        return "".join(items)
    return t.gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]),
                                                  "last": items[-1]}


def lines_html(fields, t=None):
    """The same numbers as the notice, as a list for a page (a Resources page's crisis
    section): one item per line, the same link markup as the banner."""
    t = t or gettext.NullTranslations()
    go = fields["go"].strip()
    items = []
    emergency = fields["emergency"]
    if emergency:
        calls = Markup(t.gettext(" or ")).join(
            _link("tel", n, t.gettext("call %(number)s") % {"number": n}) for n in emergency)
        first = Markup("<strong>{}</strong> ").format(t.gettext("In danger right now?")) + calls
        if go:
            first += Markup(t.gettext(", or ")) + escape(t.gettext(go))
        items.append(_capitalize_after_lead(first) + Markup("."))
    for line in fields["crisis"]:
        sentence = _crisis_sentence(line, t)
        if sentence:
            languages = [t.pgettext("language", str(x)) for x in line.get("languages") or []]
            if languages:
                sentence += Markup(" {}").format(
                    t.gettext("In %(languages)s.") % {"languages": _and(languages, t)})
            items.append(sentence)
    for extra in fields["extra"]:
        items.append(_linkify(extra.strip())[0])
    return Markup('<ul class="crisis-lines">{}</ul>').format(
        Markup("").join(Markup("<li>{}</li>").format(i) for i in items))


def _capitalize_after_lead(markup):
    text = str(markup)
    at = text.find("</strong> <a")
    if at == -1:
        return markup
    close = text.find(">", at + len("</strong> <a")) + 1
    return Markup(text[:close] + text[close:close + 1].upper() + text[close + 1:])


# --- Pelican signals (module level: Pelican keeps only weak references) --------------

class NoticeMarkup(Markup):
    """The notice's HTML; counts how often a template renders it.

    When the theme rendered it exactly once on a page, `content_written` need not open
    that page at all: the per-page cost of the plugin is then a counter.
    """

    __slots__ = ()

    def __html__(self):        # autoescaping templates call this
        _state["renders"] += 1
        return Markup(str.__str__(self))

    def __str__(self):         # templates without autoescape call str()
        _state["renders"] += 1
        return str.__str__(self)


_notices = {}  # (region, overrides, language) -> NoticeMarkup
# renders: times the notice was rendered since the last written file.
# pending: pages to check, {path in the output: path}: the first page of this build whose
# template rendered the notice once (where does the theme put it?), and every page whose
# template rendered it more than once; checked: whether a first page was taken.
# problems: (page, problem, fix) about written pages, reported once, by `finish`.
_state = {"renders": 0, "checked": False, "pending": {}, "problems": []}


def notice_html(settings, lang=None):
    """The notice for these settings in `lang` (default: DEFAULT_LANG), computed once per
    distinct configuration and language."""
    lang = lang or settings.get("DEFAULT_LANG") or "en"
    key = (repr(settings.get("EMERGENCY_REGION", "US")),
           repr(settings.get("EMERGENCY_NOTICE")), lang)
    if key not in _notices:
        _notices[key] = NoticeMarkup(render(resolve(settings), translations(settings, lang)))
    return _notices[key]


def check_settings(pelican):
    """Fail before any page is read when a setting is wrong, and publish for other
    plugins, which must not import this one:
    - EMERGENCY_LINES_HTML (a list) and EMERGENCY_NUMBER (the first emergency number), so
      a page can show the same numbers as the banner; EMERGENCY_LINES_HTML_IN, the list
      in each of the site's LANGUAGES (and each language LOCALES knows, for a page in
      one the site does not list);
    - EMERGENCY_NOTICE_REGIONS, every region's data (the confidentiality scan allows
      these public numbers)."""
    notice_html(pelican.settings)
    fields = resolve(pelican.settings)
    settings = pelican.settings
    default = settings.get("DEFAULT_LANG") or "en"
    settings["EMERGENCY_LINES_HTML_IN"] = {
        lang: str(lines_html(fields, translations(settings, lang)))
        for lang in dict.fromkeys([default, *(settings.get("LANGUAGES") or []),
                                   *(settings.get("LOCALES") or {})])}
    settings["EMERGENCY_LINES_HTML"] = settings["EMERGENCY_LINES_HTML_IN"][default]
    pelican.settings["EMERGENCY_NUMBER"] = fields["emergency"][0] if fields["emergency"] else ""
    pelican.settings.setdefault("EMERGENCY_NOTICE_REGIONS", REGIONS)


def add_global(generator):
    settings = generator.settings
    generator.env.globals["emergency_notice_html"] = notice_html(settings)
    # A page in another language renders {{ emergency_notice_in(lang) }}.
    generator.env.globals["emergency_notice_in"] = lambda lang: notice_html(settings, lang)
    _state.update(renders=0, checked=False, pending={}, problems=[])


def ensure_notice(path, context):
    """Make sure a written HTML page holds exactly one notice, before <main>.

    A page whose template rendered the notice once is trusted without being opened;
    the first such page of each build, and a page whose template rendered it twice or
    more, are checked later (check_parsed_page, or finish). Any other page is read (a
    plain string search) and gets the notice inserted after <body> when it has none.
    """
    rendered, _state["renders"] = _state["renders"], 0
    if not path.endswith((".html", ".htm")):
        return
    if rendered > 1 or (rendered == 1 and not _state["checked"]):
        _state["checked"] = _state["checked"] or rendered == 1
        rel = os.path.relpath(path, context.get("OUTPUT_PATH") or "").replace(os.sep, "/")
        _state["pending"][rel] = path
        return
    if rendered == 1:
        return
    with open(path, encoding="utf-8") as fh:
        html = fh.read()
    if MARKER not in html:
        content = context.get("article") or context.get("page")
        html = _insert(html, path, notice_html(context, getattr(content, "lang", None)))
        if html is None:
            return
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(html)
        return
    _problems(path, notice_problems(html))


def check_parsed_page(rel, tree=None, **_):
    """privacy_guard's `page_parsed`: a page waiting for its check is checked on the
    tree the guard parsed (no second reading or parsing of it)."""
    path = _state["pending"].pop(rel, None) if tree is not None else None
    if path is not None:
        _problems(path, notice_problems(TreePlaces(tree)))


def finalized(pelican):
    """`finalized`: on a site whose privacy_guard parses every page at `finalized` too,
    whichever of the two Pelican calls first, the pages wait for its walk (`finish` on
    its `pages_walked`); otherwise they are checked now."""
    if not pelican.settings.get("PRIVACY_GUARD_WALKS"):
        finish(pelican)


def finish(pelican):
    """Once the pages are written (and parsed by the guard, when it is there): a page
    whose tree never came is read and checked here; then every problem found on a
    written page is reported."""
    pending, _state["pending"] = _state["pending"], {}
    for path in pending.values():
        with open(path, encoding="utf-8") as fh:
            _problems(path, notice_problems(fh.read()))
    problems, _state["problems"] = _state["problems"], []
    if problems:
        out = pelican.output_path
        found = []
        for path, where, problem, fix in problems:
            page = os.path.relpath(path, out).replace(os.sep, "/")
            line = where[0] if isinstance(where, tuple) and len(where) == 2 else 0  # (line, col)
            found.append(_finding(page, problem, fix, line=line, page=page))
        raise EmergencyNoticeError(
            f"emergency_notice: {len(found)} page(s) hold the emergency notice wrongly, "
            f"e.g. {found[0]['file']}: {found[0]['what']}. {found[0]['fix']}",
            findings=found)


def _problems(path, found):
    _state["problems"] += [(path, where, problem, fix) for where, problem, fix in found]


def _insert(html, path, notice):
    notice = str.__str__(notice)  # plain text: `str + Markup` would escape the page
    body = html.find("<body")
    if body == -1:
        body = html.lower().find("<body")
    if body != -1:
        end = html.find(">", body)
        if end != -1:
            return html[:end + 1] + "\n" + notice + html[end + 1:]
    main = html.find("<main")
    if main != -1:
        return html[:main] + notice + "\n" + html[main:]
    logger.warning("emergency_notice: %s has no <body> or <main> tag; the emergency "
                   "notice could not be added to it.", path)
    return None


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_global)
    signals.content_written.connect(ensure_notice)
    signal("page_parsed").connect(check_parsed_page)
    signal("pages_walked").connect(finish)
    signals.finalized.connect(finalized)
