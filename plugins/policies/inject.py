"""String operations on written HTML: the policy nav, policy notices and email
disclosures for pages whose theme did not render them. No HTML parser: each page costs a
few substring searches and one regular expression, so big blogs stay fast.
"""

import re
from functools import lru_cache
from html import unescape
from urllib.parse import parse_qs, unquote

from markupsafe import Markup, escape

from .checks import NAV_LABEL

NOTICE_MARK = 'class="policy-notice"'

# An href that starts with mailto: or with an HTML entity (Markdown writes <me@example.org>
# autolinks entity-encoded, so "mailto:" is not visible there). Only a, area, link and
# base carry href. The pattern starts with a literal and is case-sensitive on purpose:
# that lets the regex engine skip ahead, about 70 times faster than re.IGNORECASE.
MAILTO_HREF = re.compile(
    r"""href\s*=\s*(["'])\s*((?:[mM][aA][iI][lL][tT][oO]:|&\#)[^"']*)\1""")

BLOCK_TAG = re.compile(
    r"<(/?)(p|h[1-6]|pre|address|li|dt|dd|td|th|tr|thead|tbody|tfoot|caption|ul|ol|dl|"
    r"table|figure|figcaption|details|summary|div|blockquote|section|article|aside|main|"
    r"header|footer|nav|form|fieldset|body)\b[^>]*>", re.IGNORECASE)
# Where the link's nearest block closes: after these a sibling <p> is valid HTML...
AFTER_CLOSE = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "ul", "ol",
               "dl", "table", "figure"}
# ...these sit inside a list or table, so the disclosure goes after the whole list...
CLIMB = {"li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "caption",
         "figcaption", "summary"}
# ...and any other container gets it as its last child.

ALREADY = re.compile(r"""\s*<[a-zA-Z][^>]*\bclass\s*=\s*["'][^"']*\bemail-disclosure\b""")


def link(base, url):
    return f"{base}/{url}"


# -- policy nav and notices ------------------------------------------------------------

def fallback_html(policy, href, available, language):
    """The line a page shows for a policy its language has no page of: `available` is
    the page's language's "Available in %(language)s: %(link)s", `language` the name of
    the policy's language in it. The link says its own language (lang, hreflang)."""
    target = Markup('<a href="{}" hreflang="{}" lang="{}">{}</a>').format(
        href, policy.lang, policy.lang, policy.title)
    return Markup(escape(available)) % {"language": language, "link": target}


def nav_html(policies, base, label=NAV_LABEL, fallback=None):
    """`fallback(policy)`: the line for a policy in another language than the page's
    (fallback_html), None for one in the page's own."""
    # Every page of a build asks for the same nav: it is made once per (policies, base,
    # label and fallback lines: the page's language's words).
    return _nav_html(tuple((p.url, p.title, fallback(p) if fallback else None)
                           for p in policies), base, label)


@lru_cache(maxsize=64)
def _nav_html(policies, base, label):
    items = Markup("").join(
        Markup("<li>{}</li>").format(other) if other else
        Markup('<li><a href="{}">{}</a></li>').format(link(base, url), title)
        for url, title, other in policies)
    return Markup('<nav class="policy-nav" aria-label="{}"><ul>{}</ul></nav>'
                  ).format(label, items)


def notices_html(notices, base, read_full="Read the full %(title)s", fallback=None):
    """`read_full`: the link's words in the page's language, around the policy's title;
    `fallback(policy)`: as for nav_html. A policy in another language keeps its title and
    summary, marked with their language, and links with the fallback line."""
    out = []
    for p in notices:
        other = fallback(p) if fallback else None
        lang = Markup(' lang="{}"').format(p.lang) if other else ""
        more = other or Markup('<a href="{}">{}</a>').format(
            link(base, p.url), Markup(escape(read_full)) % {"title": p.title})
        out.append(Markup(
            '<aside class="policy-notice" data-policy="{key}" '
            'aria-labelledby="policy-notice-{key}"><h2 class="policy-notice__title" '
            'id="policy-notice-{key}"{lang}>{title}</h2><p{lang}>{summary}</p><p>{more}'
            '</p></aside>').format(key=p.key, title=p.title, lang=lang,
                                   summary=p.summary.striptags(), more=more))
    return Markup("\n").join(out)


def add_nav(html, policies, base, label=NAV_LABEL, fallback=None):
    """Put the nav in the page's own footer, or in a new footer before </body>."""
    # Plain str from here on: str + Markup would escape the whole page.
    nav = str(nav_html(policies, base, label, fallback))
    footer = html.rfind("</footer>")
    # The last footer is the site's only if no article or main closes after it;
    # otherwise it is a post's footer and the nav does not belong there.
    if footer != -1 and footer > html.rfind("</article>") and footer > html.rfind("</main>"):
        return html[:footer] + nav + html[footer:]
    block = f'<footer class="policy-footer">{nav}</footer>\n'
    return insert_before(html, "</body>", block, last=True)


def add_notices(html, notices, base, read_full="Read the full %(title)s", fallback=None):
    block = str(notices_html(notices, base, read_full, fallback)) + "\n"
    if "</article>" in html:
        return insert_before(html, "</article>", block, last=False)
    return insert_before(html, "</main>", block, last=True)


def insert_before(html, marker, block, last):
    at = html.rfind(marker) if last else html.find(marker)
    if at == -1:
        at = html.rfind("</body>")
    if at == -1:
        return html + block
    return html[:at] + block + html[at:]


# -- email disclosures -----------------------------------------------------------------

@lru_cache(maxsize=64)
def disclosure_html(text, href, label, other=None):
    """`other`: the fallback line (fallback_html) when the email policy is not in the
    page's language; it replaces the link."""
    if other:
        return Markup('<p class="email-disclosure">{} {}</p>').format(text, other)
    if href:
        return Markup('<p class="email-disclosure">{} <a href="{}">{}</a></p>').format(
            text, href, label)
    return Markup('<p class="email-disclosure">{}</p>').format(text)


@lru_cache(maxsize=512)
def addresses(href):
    """Every address a mailto: URL writes to (RFC 6068: the path plus to/cc/bcc)."""
    target, _, query = href[len("mailto:"):].partition("?")
    found = [unquote(a) for a in target.split(",")]
    # Most queries are a share link's subject and body: parse only if one names an address.
    named = query and re.search(r"(?:^|&)(?:to|cc|bcc)=", query, re.IGNORECASE)
    for name, values in (parse_qs(query) if named else {}).items():
        if name.lower() in ("to", "cc", "bcc"):
            found += [unquote(a) for v in values for a in v.split(",")]
    return {a.strip().lower() for a in found if a.strip()}


def add_disclosures(html, practice_emails, disclosure):
    """Add the disclosure after the block of every mailto link to the practice, unless
    one is already there. Links are handled last to first, so positions stay valid and
    two links in one paragraph share one disclosure. `disclosure` is the HTML, or a
    function making it (called only when a page needs one)."""
    if not practice_emails or not html:
        return html
    hits = []
    for m in MAILTO_HREF.finditer(html):
        tag = html.rfind("<", 0, m.start())
        if html[tag + 1:tag + 2] not in ("a", "A") or not html[tag + 2:tag + 3].isspace():
            continue  # a <link href="mailto:..."> in the head is no link to click
        href = unescape(m.group(2)).strip()
        if href[:7].lower() == "mailto:" and addresses(href) & practice_emails:
            tag_end = html.find(">", m.end())
            hits.append(len(html) if tag_end == -1 else tag_end + 1)
    for start in reversed(hits):
        at = block_end(html, start)
        if "email-disclosure" in html[start:at] or ALREADY.match(html, at):
            continue
        if callable(disclosure):
            disclosure = disclosure()
        html = html[:at] + str(disclosure) + html[at:]
    return html


def block_end(html, start):
    """Where the disclosure for the link whose <a> tag ends at `start` goes."""
    opened = []
    for m in BLOCK_TAG.finditer(html, start):
        closing, name = m.group(1), m.group(2).lower()
        if not closing:
            opened.append(name)
            continue
        if name in opened:   # closes something that began after the link
            del opened[len(opened) - 1 - opened[::-1].index(name):]
            continue
        if name in CLIMB:
            continue
        if name in AFTER_CLOSE:
            return m.end()
        return m.start()
    return len(html)
