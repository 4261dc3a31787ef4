"""The Content Security Policy and the security headers, in one place.

The page carries the policy in a <meta> tag (works on any host). Hosts that let a site
set HTTP headers get the stronger header version: only a header can forbid framing
(frame-ancestors) and set Permissions-Policy, HSTS and nosniff.
"""

import os

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


def htaccess(allowed=()):
    """`.htaccess` for Apache (needs mod_headers, which most hosts enable)."""
    lines = ["# Security headers for every page (Apache with mod_headers).",
             "# Written by plugins/privacy_guard on every build: edit the settings, not this.",
             "<IfModule mod_headers.c>"]
    lines += [f'  Header always set {name} "{value}"' for name, value in header_pairs(allowed)]
    lines += ["</IfModule>"]
    return "\n".join(lines) + "\n"


def nginx(allowed=()):
    """A snippet for nginx's server block (docs/nginx-security-headers.conf)."""
    lines = [f'add_header {name} "{value}" always;' for name, value in header_pairs(allowed)]
    return "\n".join(lines) + "\n"


# ---- writing them ----------------------------------------------------------------------

# Host files a user may keep in content/extra/ (or anywhere Pelican copies): the build's
# rules come first, the user's own follow them in the same file, at the site's root.
_GENERATED = {"_headers": netlify_headers, ".htaccess": htaccess, "_redirects": None}


def write_header_files(output, allowed, sources):
    """Write `_headers` and `.htaccess` at the output's root, merged with a user's own
    file of the same name (copied from content/, per `sources`: built path -> source)."""
    for name, make in _GENERATED.items():
        own = [rel for rel, src in sources.items()
               if rel.rsplit("/", 1)[-1] == name and src.rsplit("/", 1)[-1] == name]
        text = make(allowed) if make else ""
        for rel in sorted(own):
            with open(os.path.join(output, rel), encoding="utf-8", errors="replace") as fh:
                theirs = fh.read()
            marker = "# Your own rules, from "
            if marker in theirs:  # merged by an earlier build (Pelican kept its copy)
                theirs = theirs.split(marker, 1)[1].split("\n", 1)[1]
            text += (f"\n# Your own rules, from {sources[rel]}:\n" if text else "") + theirs
            if not text.endswith("\n"):
                text += "\n"
        if text:
            with open(os.path.join(output, name), "w", encoding="utf-8") as fh:
                fh.write(text)
