"""Plain share links under posts: no script, no iframe, no remote image.

Nothing is requested from any network until a visitor clicks a link. For each published
article (and each page with `Share: yes`) the plugin sets `share_buttons_html` (Markup):

    <nav class="share-buttons" aria-label="Share this post">
      <h2 class="share-buttons__label">Share this post</h2>
      <ul><li><a href="https://www.linkedin.com/sharing/share-offsite/?url=..."
                 rel="noopener noreferrer" aria-label="Share on LinkedIn">
            <svg ...></svg><span>LinkedIn</span></a></li> ...</ul>
    </nav>

A theme renders `{{ article.share_buttons_html }}`; on a theme that does not (Pelican's
`simple`), `content_written` inserts the block before the main article's `</article>`.

Settings: SHARE_NETWORKS, SHARE_SITEURL, SHARE_MASTODON_INSTANCE,
SHARE_MASTODON_SHARE_PAGE (see README.md). A wrong value stops the build.

Languages: the block's words ("Share this post", "Share on LinkedIn", "Email") are in the
post's language, from GETTEXT(lang), the kit's catalogs (the languages plugin publishes it
in the settings); without it they are in English.
"""

import gettext
import logging
import os
import re
from urllib.parse import quote

from markupsafe import Markup, escape
from pelican import signals

from .icons import svg

logger = logging.getLogger(__name__)

DEFAULT_NETWORKS = ["facebook", "x", "linkedin", "pinterest", "bluesky", "email"]
MARKER = 'class="share-buttons"'



def N_(text):
    """Marks text for the catalogs; it is translated where the block is made."""
    return text


EMAIL = N_("Email")  # the one network name that is a word, shown in the post's language

# network: (visible name, base URL, parameters). In parameters, {title}, {url} and
# {image} are the article's values; every value is percent-encoded.
NETWORKS = {
    "facebook": ("Facebook", "https://www.facebook.com/sharer/sharer.php",
                 [("u", "{url}")]),
    "x": ("X", "https://twitter.com/intent/tweet",
          [("text", "{title}"), ("url", "{url}")]),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/",
                 [("url", "{url}")]),
    "pinterest": ("Pinterest", "https://www.pinterest.com/pin/create/button/",
                  [("url", "{url}"), ("media", "{image}"), ("description", "{title}")]),
    "bluesky": ("Bluesky", "https://bsky.app/intent/compose",
                [("text", "{title} {url}")]),
    "threads": ("Threads", "https://www.threads.com/intent/post",
                [("text", "{title}"), ("url", "{url}")]),
    "reddit": ("Reddit", "https://www.reddit.com/submit",
               [("url", "{url}"), ("title", "{title}")]),
    "whatsapp": ("WhatsApp", "https://wa.me/", [("text", "{title} {url}")]),
    "telegram": ("Telegram", "https://t.me/share/url",
                 [("url", "{url}"), ("text", "{title}")]),
    "mastodon": ("Mastodon", None, [("text", "{title} {url}")]),
    "email": (EMAIL, "mailto:", [("subject", "{title}"), ("body", "{url}")]),
}

YES = {"yes", "true", "on", "1"}
NO = {"no", "false", "off", "0"}
HOSTNAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+"
                      r"(:\d{1,5})?$")


class ShareButtonsError(Exception):
    """A setting or a post's `Share:` field has a value the plugin cannot use: one
    finding dict for each in `.findings` (docs/plugin-contract.md), and in words."""

    def __init__(self, findings):
        super().__init__("share_buttons: " + "\n".join(
            f"{f['file']}: {f['what']} {f['fix']}" for f in findings))
        self.findings = findings


def _problem(file, field, what, fix):
    return {"check": "share", "file": file, "line": 0, "field": field, "what": what,
            "fix": fix, "page": ""}


def _bad_setting(name, what, fix):
    return ShareButtonsError([_problem("pelicanconf.py", name, what, fix)])


# --- settings ------------------------------------------------------------------------

def resolve(settings):
    """Validated settings: {"networks": [...], "mastodon": base URL or None}."""
    known = ", ".join(NETWORKS)
    networks = settings.get("SHARE_NETWORKS", DEFAULT_NETWORKS)
    if networks is None:
        networks = []
    if isinstance(networks, str) or not isinstance(networks, (list, tuple)):
        raise _bad_setting(
            "SHARE_NETWORKS", f"SHARE_NETWORKS is {networks!r}, not a list.",
            f"Make it a list such as {DEFAULT_NETWORKS!r}. Known networks: {known}.")
    chosen = []
    for name in networks:
        key = name.strip().lower() if isinstance(name, str) else name
        if key not in NETWORKS:
            raise _bad_setting(
                "SHARE_NETWORKS", f"SHARE_NETWORKS lists {name!r}, which is not a known "
                "network.", f"Correct or remove it. Known networks: {known}.")
        if key not in chosen:
            chosen.append(key)

    mastodon = None
    if "mastodon" in chosen:
        instance = (settings.get("SHARE_MASTODON_INSTANCE") or "").strip()
        page = (settings.get("SHARE_MASTODON_SHARE_PAGE") or "").strip()
        if page:
            if not re.match(r"^https://[^\s/?#]+", page):
                raise _bad_setting(
                    "SHARE_MASTODON_SHARE_PAGE", f"SHARE_MASTODON_SHARE_PAGE is {page!r}.",
                    "It must be the https:// address of a share page, such as "
                    "'https://example.org/share'.")
            mastodon = page
        elif instance:
            host = re.sub(r"^https?://", "", instance).rstrip("/").lower()
            if not HOSTNAME.match(host):
                raise _bad_setting(
                    "SHARE_MASTODON_INSTANCE", f"SHARE_MASTODON_INSTANCE is {instance!r}.",
                    "It must be a server name such as 'mastodon.social'.")
            mastodon = f"https://{host}/share"
        else:
            raise _bad_setting(
                "SHARE_NETWORKS", "SHARE_NETWORKS lists 'mastodon', but Mastodon has no "
                "single address.", "Set SHARE_MASTODON_INSTANCE (a server name such as "
                "'mastodon.social') or SHARE_MASTODON_SHARE_PAGE (the https:// address of "
                "a share page that asks visitors for their own server).")

    share_siteurl = settings.get("SHARE_SITEURL") or ""
    if share_siteurl and not _is_absolute(share_siteurl):
        raise _bad_setting(
            "SHARE_SITEURL", f"SHARE_SITEURL is {share_siteurl!r}.", "It must be your "
            "site's full address, such as 'https://www.example.org'.")
    return {"networks": chosen, "mastodon": mastodon}


def _is_absolute(url):
    return isinstance(url, str) and re.match(r"^https?://[^\s/]+", url) is not None


def base_url(settings):
    """The site's absolute address for share links, or None in a dev build without one."""
    siteurl = settings.get("SITEURL") or ""
    if _is_absolute(siteurl):
        return siteurl.rstrip("/")
    share_siteurl = settings.get("SHARE_SITEURL") or ""
    if _is_absolute(share_siteurl):
        return share_siteurl.rstrip("/")
    return None


# --- markup --------------------------------------------------------------------------

class ShareMarkup(Markup):
    """The block's HTML; counts how often a template renders it.

    `content_written` then knows, without opening the page, whether the theme already
    put the block in (themes that render `share_buttons_html`) or whether it must.
    """

    __slots__ = ()

    def __html__(self):        # autoescaping templates call this
        _renders[0] += 1
        return Markup(str.__str__(self))

    def __str__(self):         # templates without autoescape call str()
        _renders[0] += 1
        return str.__str__(self)


_renders = [0]
_compiled = {}


def translations(settings, lang):
    """The kit's catalog for a post in `lang` (GETTEXT, from the languages plugin); this
    plugin alone speaks English."""
    find = (settings or {}).get("GETTEXT")
    return find(lang) if find and lang else gettext.NullTranslations()


def _compile(networks, mastodon, label, t):
    """Everything about the block that does not depend on the post, built once per
    language (`t`, its translations; `label` is translated here)."""
    # Keyed by the words themselves: the same block for every post of a language.
    key = (tuple(networks), mastodon, t.gettext(label), t.gettext("Share on %(network)s"),
           t.gettext(EMAIL))
    if key not in _compiled:
        items = []
        for network in networks:
            name, base, params = NETWORKS[network]
            name = t.gettext(name)
            if network == "mastodon":
                base = mastodon
            base += "&" if "?" in base else "?"
            start = ('<li><a class="share-buttons__link share-buttons__link--'
                     f'{network}" href="{escape(base)}')
            share_on = t.gettext("Share on %(network)s") % {"network": name}
            end = (f'" rel="noopener noreferrer" aria-label="{escape(share_on)}">'
                   f'{svg(network)}<span>{escape(name)}</span></a></li>')
            items.append((start, params, end))
        label = t.gettext(label)
        head = (f'<nav class="share-buttons" aria-label="{escape(label)}">'
                f'<h2 class="share-buttons__label">{escape(label)}</h2><ul>')
        _compiled[key] = (head, items, "</ul></nav>")
    return _compiled[key]


_ENGLISH = gettext.NullTranslations()


def render(title, url, networks, *, image="", mastodon=None, label=N_("Share this post"),
           t=_ENGLISH):
    """The block for one post, in the language of translations `t`. Every value is
    percent-encoded (quote(..., safe="")) so only letters, digits, `-._~` and `%XX`
    remain: nothing left to escape in HTML."""
    head, items, tail = _compile(networks, mastodon, label, t)
    title_q, url_q = quote(title, safe=""), quote(url, safe="")
    values = {"{title}": title_q, "{url}": url_q, "{title} {url}": f"{title_q}%20{url_q}",
              "{image}": quote(image, safe="") if image else ""}
    parts = [head]
    for start, params, end in items:
        query = "&amp;".join(f"{key}={values[template]}" for key, template in params
                             if values[template])
        parts.append(start + query + end)
    parts.append(tail)
    return ShareMarkup("".join(parts))


def _wants_share(content, default, problems):
    """The post's `Share:` choice; an unusable value is added to `problems`."""
    value = content.metadata.get("share")
    if value is None:
        return default
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    content_root = os.path.basename(os.path.normpath(content.settings["PATH"]))
    shown = f"{content_root}/{content.relative_source_path}".replace(os.sep, "/")
    problems.append(_problem(shown, "Share", f"the field 'Share: {value}' must be 'yes' "
                             "or 'no'.", "Write Share: yes or Share: no."))
    return default


def _image_url(content, base):
    image = content.metadata.get("image")
    if not image:
        return ""
    image = str(image).strip()
    if _is_absolute(image):
        return image
    return f"{base}/{image.lstrip('/')}"


# --- Pelican signals (module level: Pelican keeps only weak references) --------------

def check_settings(pelican):
    resolve(pelican.settings)


def _apply(generator, contents, *, default, label):
    config = resolve(generator.settings)
    base = base_url(generator.settings)
    problems = []
    wanted = [c for c in contents if _wants_share(c, default, problems)]
    if problems:
        # Every bad `Share:` line at once, in one stop (docs/plugin-contract.md).
        raise ShareButtonsError(problems)
    for content in contents:
        content.share_buttons_html = Markup("")
    if not config["networks"] or not wanted:
        return
    if base is None:
        logger.warning(
            "share_buttons: no share links were made, because SITEURL is not a full "
            "address in this build. Set SHARE_SITEURL = \"https://your-site.example\" "
            "in pelicanconf.py (your live address; share links in the preview use it).")
        return
    for content in wanted:
        url = f"{base}/{content.url}"
        content.share_buttons_html = render(
            content.title, url, config["networks"], image=_image_url(content, base),
            mastodon=config["mastodon"], label=label,
            t=translations(generator.settings, getattr(content, "lang", None)))


def articles_ready(generator):
    # Published posts share by default; hidden (unlisted) ones only with `Share: yes`.
    published = list(generator.articles) + list(generator.translations)
    _apply(generator, published, default=True, label=N_("Share this post"))
    hidden = (list(getattr(generator, "hidden_articles", []))
              + list(getattr(generator, "hidden_translations", [])))
    _apply(generator, hidden, default=False, label=N_("Share this post"))


def pages_ready(generator):
    pages = (list(generator.pages) + list(generator.translations)
             + list(getattr(generator, "hidden_pages", []))
             + list(getattr(generator, "hidden_translations", [])))
    _apply(generator, pages, default=False, label=N_("Share this page"))


def ensure_block(path, context):
    """On a theme that does not render share_buttons_html, put it in the page."""
    rendered, _renders[0] = _renders[0], 0
    content = context.get("article") or context.get("page")
    block = getattr(content, "share_buttons_html", None) if content is not None else None
    if not block or rendered or not path.endswith((".html", ".htm")):
        return  # nothing to add, or the theme rendered it: no need to open the page
    with open(path, encoding="utf-8") as fh:
        html = fh.read()
    if MARKER in html:
        return
    at = _insertion_point(html)
    if at is None:
        logger.warning("share_buttons: %s has no <article>, <main> or <body> to hold the "
                       "share links.", path)
        return
    with open(path, "w", encoding="utf-8") as fh:
        # str.__str__: plain text (`str + Markup` would escape the whole page).
        fh.write(html[:at] + str.__str__(block) + "\n" + html[at:])


def _insertion_point(html):
    """Before the </article> closing the first article in <main>; else before </main>."""
    main = html.find("<main")
    start = html.find("<article", max(main, 0))
    if start != -1:
        depth, pos = 0, start
        while True:
            opening = html.find("<article", pos)
            closing = html.find("</article>", pos)
            if closing == -1:
                break
            if opening != -1 and opening < closing:
                depth, pos = depth + 1, opening + 8
                continue
            depth, pos = depth - 1, closing + 10
            if depth == 0:
                return closing
    for tag in ("</main>", "</body>"):
        at = html.rfind(tag)
        if at != -1:
            return at
    return None


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(articles_ready)
    signals.page_generator_finalized.connect(pages_ready)
    signals.content_written.connect(ensure_block)
