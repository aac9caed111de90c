"""Credit and signature lines: embedded-post signatures ("— TRT World (@trtworld) October 2, 2020"),
photo and video credits ("Photo: Reuters", "(Image by Jane Doe/Getty Images)") and "Source:" lines.

They name who a picture, post or figure comes from (attribution), and their handles and agency
codes ("TRTWorld", "OCHASyria", "AFP/Getty") are not prose, so spelling and consistency skip them.
Found once per article in :func:`credibly.features.document.parse` (``doc.social_lines``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A credit or signature line is short: a caption, not a paragraph that mentions a photo.
MAX_WORDS = 40
_HANDLE = r"@[A-Za-z0-9_]{1,15}"
# Embedded post: a "(@handle)" signature, a pic.twitter.com / status link, or "— Name (@handle)".
_SIGNATURE_RE = re.compile(rf"\({_HANDLE}\)|pic\.twitter\.com/|twitter\.com/{_HANDLE[1:]}/status/")
_SIGNATURE_NAME_RE = re.compile(rf"[—–-]\s*(?P<name>[^()\n—–]{{1,60}}?)\s*\((?P<handle>{_HANDLE})\)")
_CREDIT_RE = re.compile(
    r"(?P<cue>\b(?:photo(?:graph)?|image|picture|video|footage|graphic|illustration|screenshot)s?"
    r"(?:\s+credit)?\s*(?::|\bby\b|\bcourtesy(?:\s+of)?\b)|\bcredit\s*:|\bcourtesy\s+of\b|^\s*source\s*:)"
    r"\s*(?P<name>[^\n;|]{1,80})",
    re.IGNORECASE | re.MULTILINE,
)
# Agency credit without a cue word: "AP Photo/Evan Vucci", "Jane Doe/Getty Images", "AFP via Getty".
_AGENCY_RE = re.compile(
    r"(?P<name>(?:AP|AFP|Reuters|Getty Images|EPA|Anadolu(?: Agency)?|Xinhua|Shutterstock|Bloomberg)"
    r"(?:\s+Photo)?(?:\s*/\s*[^\n/)]{1,40}|\s+via\s+Getty(?:\s+Images)?)?)",
)

# Words the case-insensitive credit pattern needs, one of them at least: tested before its scan (the
# slowest search here; the agency pattern's literal names are scanned fast).
_CREDIT_WORDS = (
    "photo", "image", "picture", "video", "footage", "graphic", "illustration", "screenshot",
    "credit", "courtesy", "source",
)  # fmt: skip


class SocialLine(NamedTuple):
    """A credit or signature line ``[start, end)``; ``name_start:name_end`` is who it credits
    (-1 when no name could be read) and ``cue_start:cue_end`` the words that mark it."""

    start: int
    end: int
    kind: str  # "signature" or "credit"
    cue_start: int
    cue_end: int
    name_start: int
    name_end: int


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t,.:()[]—–-":
        start += 1
    while end > start and text[end - 1] in " \t,.:()[]—–-":
        end -= 1
    return start, end


def _signature(text: str, start: int, end: int) -> SocialLine | None:
    marker = _SIGNATURE_RE.search(text, start, end)
    if marker is None:
        return None
    named = _SIGNATURE_NAME_RE.search(text, start, end)
    if named is not None:
        n_start, n_end = _strip(text, named.start("name"), named.end("name"))
        return SocialLine(start, end, "signature", named.start("handle"), named.end("handle"), n_start, n_end)
    return SocialLine(start, end, "signature", marker.start(), marker.end(), -1, -1)


def _credit(text: str, start: int, end: int) -> SocialLine | None:
    line = text[start:end].lower()
    m = _CREDIT_RE.search(text, start, end) if any(word in line for word in _CREDIT_WORDS) else None
    if m is not None:
        n_start, n_end = _strip(text, m.start("name"), m.end("name"))
        return SocialLine(start, end, "credit", m.start("cue"), m.end("cue"), n_start, n_end)
    m = _AGENCY_RE.search(text, start, end)
    if m is None or not ("/" in m.group() or " via " in m.group()):
        return None
    n_start, n_end = _strip(text, m.start("name"), m.end("name"))
    return SocialLine(start, end, "credit", n_start, n_end, n_start, n_end)


def find_social_lines(text: str, paragraphs: list[tuple[int, int]]) -> list[SocialLine]:
    """Credit and signature lines among ``paragraphs`` (one line each), in text order."""
    if not any(
        marker in text for marker in ("@", "twitter.com", "/", ":", "by ", "via ", "ourtesy", "OURTESY")
    ):
        return []
    found = []
    for start, end in paragraphs:
        if text.count(" ", start, end) >= MAX_WORDS:
            continue
        line = _signature(text, start, end) or _credit(text, start, end)
        if line is not None:
            found.append(line)
    return found
