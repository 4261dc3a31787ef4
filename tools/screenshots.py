"""Save full-page screenshots of the key pages, so anyone can see the design.

    make screenshots                 light colour scheme, into docs/screenshots/
    .venv/bin/python -m tools.screenshots --scheme dark

Builds the production configuration with the address of a local server on 127.0.0.1,
serves it, and photographs the home page, a post, the contact page and a policy page at
360 px (a small phone) and 1280 px (a laptop) wide. Nothing is fetched from elsewhere:
any request for another origin is blocked.
"""

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from tools.localsite import CHROMIUM_FLAGS, ROOT, LocalServer, build_publish, chromium_path

# name -> page path on the site. The post is one with a policy notice and share links.
PAGES = {
    "home": "",
    "post": "blog/is-online-therapy-a-good-fit/",
    "contact": "contact/",
    "policy": "social-media-policy/",
}
WIDTHS = {360: 640, 1280: 800}
OUT = ROOT / "docs" / "screenshots"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    chromium = chromium_path()
    if not chromium:
        sys.exit("Chromium not found at /usr/bin/chromium: install it with `apt-get install chromium`.")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.scheme == "light" else f"-{args.scheme}"
    with tempfile.TemporaryDirectory() as tmp:
        server = LocalServer(Path(tmp) / "site")
        build_publish(server.directory, server.origin)
        missing = [p for p in PAGES.values() if not (server.directory / p / "index.html").exists()]
        if missing:
            sys.exit(f"tools/screenshots.py: pages not in the build: {missing}; edit PAGES.")
        with server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                         args=[f for f in CHROMIUM_FLAGS if "headless" not in f])
            for width, height in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              color_scheme=args.scheme, reduced_motion="reduce")
                context.route("**/*", lambda r: r.continue_()
                              if urlsplit(r.request.url).netloc == urlsplit(server.origin).netloc
                              else r.abort("blockedbyclient"))
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(f"{server.origin}/{path}", wait_until="load")
                    target = args.out / f"{name}-{width}{suffix}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"saved {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
