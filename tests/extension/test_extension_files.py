"""The extension's files, without a browser: a loadable MV3 manifest for Chromium and Firefox, every
referenced file present, icons of the declared sizes, one shared evidence module, no remote or
evaluated code, and the privacy note where readers see it."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

from support import ROOT

EXTENSION = ROOT / "extension"
STATIC = ROOT / "scoring" / "api" / "static"
MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
SCRIPTS = sorted(EXTENSION.rglob("*.js"))


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_manifest_is_mv3_for_chromium_and_firefox() -> None:
    assert MANIFEST["manifest_version"] == 3
    background = MANIFEST["background"]
    assert background["service_worker"] == "background.js"  # Chromium
    assert background["scripts"][-1] == "background.js"  # Firefox (event page), its libraries first
    gecko = MANIFEST["browser_specific_settings"]["gecko"]
    assert "@" in gecko["id"] and gecko["strict_min_version"]


def test_permissions_are_minimal_and_site_access_is_optional() -> None:
    assert set(MANIFEST["permissions"]) == {"activeTab", "scripting", "storage"}
    assert "host_permissions" not in MANIFEST  # no site is readable until the reader clicks or opts in
    assert MANIFEST["optional_host_permissions"] == ["http://*/*", "https://*/*"]
    settings = (EXTENSION / "lib" / "settings.js").read_text(encoding="utf-8")
    assert 'ALL_SITES = ["http://*/*", "https://*/*"]' in settings  # what the opt-in asks for


def test_every_referenced_file_exists() -> None:
    referenced = [
        MANIFEST["action"]["default_popup"],
        MANIFEST["options_ui"]["page"],
        *MANIFEST["background"]["scripts"],
        *MANIFEST["icons"].values(),
        *MANIFEST["action"]["default_icon"].values(),
    ]
    background = (EXTENSION / "background.js").read_text(encoding="utf-8")
    referenced += re.findall(r'"((?:lib|content)/[\w.-]+\.(?:js|css))"', background)
    for page in (EXTENSION / "popup" / "popup.html", EXTENSION / "options" / "options.html"):
        for src in re.findall(r'(?:src|href)="([^"#:]+)"', page.read_text(encoding="utf-8")):
            referenced.append(str((page.parent / src).resolve().relative_to(EXTENSION.resolve())))
    missing = [name for name in referenced if not (EXTENSION / name).is_file()]
    assert not missing


def test_icons_have_their_declared_sizes() -> None:
    for size, name in MANIFEST["icons"].items():
        assert png_size(EXTENSION / name) == (int(size), int(size))


def test_demo_page_and_extension_share_one_evidence_module_and_icon() -> None:
    assert (STATIC / "evidence.js").read_bytes() == (EXTENSION / "lib" / "evidence.js").read_bytes(), (
        "copy extension/lib/evidence.js to scoring/api/static/evidence.js"
    )
    assert (STATIC / "favicon.svg").read_bytes() == (EXTENSION / "icons" / "icon.svg").read_bytes(), (
        "run scripts/make_icons.py"
    )


def test_no_remote_or_evaluated_code_and_no_html_injection() -> None:
    for path in SCRIPTS:
        code = path.read_text(encoding="utf-8")
        for forbidden in (
            r"\beval\(",
            r"new Function\(",
            r"\.innerHTML\s*=",
            r"insertAdjacentHTML",
            r"\bdocument\.write\(",
        ):
            assert not re.search(forbidden, code), f"{path.name}: {forbidden}"
    for page in EXTENSION.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), (
            f"{page.name}: inline script (MV3 CSP forbids it)"
        )
        assert not re.search(r'(?:src|href)="https?:', html), f"{page.name}: remote resource"


def test_privacy_note_says_what_is_sent_where() -> None:
    options = (EXTENSION / "options" / "options.html").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (options, readme):
        assert "Nothing else is collected" in text or "nothing else is collected" in text
    assert "page's HTML" in options and "server address above" in options
