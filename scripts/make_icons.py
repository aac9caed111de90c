"""Render the extension's PNG icons (16, 32, 48, 128 px) from ``extension/icons/icon.svg``.

The SVG is the one drawing of the icon; the PNGs are what browsers want for toolbar and store icons,
so they are rendered here with Debian's Chromium (through Playwright, already a dev dependency) on a
transparent background and committed. The demo page's favicon is the same SVG, copied to
``scoring/api/static/favicon.svg``. Run after editing the SVG::

    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "extension" / "icons" / "icon.svg"
FAVICON = ROOT / "scoring" / "api" / "static" / "favicon.svg"
SIZES = (16, 32, 48, 128)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    """Write icon-<size>.png next to the SVG and refresh the demo page's favicon copy."""
    svg = SVG.read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for size in SIZES:
                page = browser.new_page(viewport={"width": size, "height": size}, device_scale_factor=1)
                page.set_content(
                    "<style>html,body{margin:0;background:transparent}svg{display:block}</style>"
                    + svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
                )
                out = SVG.with_name(f"icon-{size}.png")
                page.screenshot(path=str(out), omit_background=True)
                page.close()
                print(f"wrote {out.relative_to(ROOT)}")
        finally:
            browser.close()
    shutil.copyfile(SVG, FAVICON)
    print(f"wrote {FAVICON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
