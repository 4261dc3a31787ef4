"""The Content Security Policy, the security headers and the host files, in one place.

The page carries the policy in a <meta> tag (works on any host). Hosts that let a site
set HTTP headers get the stronger header version: only a header can forbid framing
(frame-ancestors) and set Permissions-Policy, HSTS and nosniff. The host files
(`_headers`, `.htaccess`, `_redirects`) are written from settings only: a user's own file
of those names is refused (files.py), since one line in it can switch the protection off.
"""

import os
import re

# Directives that may name an allowed origin; scripts and frames never can.
_ALLOWABLE = ("img-src", "media-src", "style-src", "font-src", "form-action")


def csp(allowed=(), header=False):
    extra = "".join(f" {origin}" for origin in allowed)
    directives = [
        "default-src 'self'",
        "script-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action 'self'{extra}",
        f"img-src 'self' data:{extra}",
        f"media-src 'self'{extra}",
        f"style-src 'self'{extra}",
        f"font-src 'self'{extra}",
        "frame-src 'none'",
        "worker-src 'none'",
        "manifest-src 'self'",
        "connect-src 'self'",
    ]
    if header:  # browsers ignore (and complain about) frame-ancestors in a <meta>
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def meta_html(allowed=()):
    return (f'<meta http-equiv="Content-Security-Policy" content="{csp(allowed)}">\n'
            '  <meta name="referrer" content="no-referrer">')


# Powerful browser features the site never uses, switched off for it and anything it links.
# Only names Chromium recognises: it reports any other as an error in the console, and a
# name no browser knows protects nothing (ambient-light-sensor was dropped for that
# reason; tests/browser/test_guarantees.py checks Chromium's console).
PERMISSION_FEATURES = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "encrypted-media", "geolocation", "gyroscope", "interest-cohort", "magnetometer",
    "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
    "serial", "usb", "xr-spatial-tracking")
PERMISSIONS = ", ".join(f"{name}=()" for name in PERMISSION_FEATURES)


def header_pairs(allowed=()):
    return [
        ("Content-Security-Policy", csp(allowed, header=True)),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", PERMISSIONS),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Strict-Transport-Security", "max-age=31536000"),
    ]


def netlify_headers(allowed=()):
    """`_headers` for Netlify and Cloudflare Pages."""
    lines = ["# Security headers for every page (Netlify, Cloudflare Pages).",
             "# Written by plugins/privacy_guard on every build: edit the settings, not this.",
             "/*"]
    lines += [f"  {name}: {value}" for name, value in header_pairs(allowed)]
    return "\n".join(lines) + "\n"


def htaccess(allowed=(), redirects=()):
    """`.htaccess` for Apache: headers (mod_headers, which most hosts enable) and the
    REDIRECTS (mod_alias). `always` sends the headers on error pages and redirects too."""
    lines = ["# Security headers and redirects for Apache.",
             "# Written by plugins/privacy_guard on every build: edit the settings, not this.",
             "# It turns nothing on: no server-side includes, no CGI, no proxying, no",
             "# rewriting. It only sets headers and the redirects from REDIRECTS.",
             "<IfModule mod_headers.c>"]
    lines += [f'  Header always set {name} "{value}"' for name, value in header_pairs(allowed)]
    lines += ["</IfModule>"]
    if redirects:
        lines += ["<IfModule mod_alias.c>"]
        lines += [f"  Redirect 301 {old} {new}" for old, new in redirects]
        lines += ["</IfModule>"]
    return "\n".join(lines) + "\n"


def netlify_redirects(redirects=()):
    """`_redirects` for Netlify and Cloudflare Pages: permanent redirects, nothing else
    (no proxying, no forced rewrites)."""
    lines = ["# Redirects (Netlify, Cloudflare Pages), from REDIRECTS in pelicanconf.py.",
             "# Written by plugins/privacy_guard on every build: edit the setting, not this."]
    lines += [f"{old} {new} 301" for old, new in redirects]
    return "\n".join(lines) + "\n"


def nginx(allowed=()):
    """A snippet for nginx's server block (docs/nginx-security-headers.conf)."""
    lines = [f'add_header {name} "{value}" always;' for name, value in header_pairs(allowed)]
    return "\n".join(lines) + "\n"


# ---- REDIRECTS ---------------------------------------------------------------------------

# A path of the site: "/" and segments of unreserved characters and %-escapes. Nothing
# that a host reads as a pattern, a placeholder, a query or another site.
_PATH = re.compile(r"^/(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+(?:/(?:[A-Za-z0-9._~-]|"
                   r"%[0-9A-Fa-f]{2})+)*/?$|^/$")


def parse_redirects(value):
    """(pairs, problems) from the REDIRECTS setting: a mapping of same-site paths, old
    address -> new address, both starting with "/"."""
    if not value:
        return [], []
    if not isinstance(value, dict):
        return [], ["REDIRECTS must be a mapping of old paths to new ones, for example "
                    f'{{"/old-fees/": "/fees/"}}; it is {value!r}.']
    pairs, problems = [], []
    for old, new in value.items():
        bad = [p for p in (old, new) if not isinstance(p, str) or not _PATH.match(p)
               or any(seg in (".", "..") for seg in p.split("/"))]
        if bad:
            problems.append(
                f"REDIRECTS: {bad[0]!r} (in {old!r}: {new!r}) is not a path of this site. "
                'Write paths that start with "/", such as "/old-fees/" and "/fees/": no '
                "other website, no spaces, no *, ?, # or :.")
        elif old == new:
            problems.append(f"REDIRECTS: {old!r} redirects to itself.")
        else:
            pairs.append((old, new))
    return pairs, problems


# ---- writing them ----------------------------------------------------------------------

def write_host_files(output, allowed, redirects, site_path=""):
    """Write `_headers`, `.htaccess` and `_redirects` at the output's root. `site_path` is
    the path of SITEURL ("/practice" for a site served from a folder), put before every
    redirect's paths."""
    moved = [(site_path + old, site_path + new) for old, new in redirects]
    for name, text in (("_headers", netlify_headers(allowed)),
                       (".htaccess", htaccess(allowed, moved)),
                       ("_redirects", netlify_redirects(moved))):
        path = os.path.join(output, name)
        if os.path.islink(path):
            os.unlink(path)  # never write through a link
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
