"""From a raw article (plain text or HTML, plus optional metadata) to the shared :class:`Document`.

Control characters (NUL and friends) are replaced by spaces of the same length so offsets into the
returned text stay valid; invisible formatting characters (zero-width spaces and joiners, soft
hyphens, direction marks, variation selectors) are removed, since inside a word they split it for the
tokeniser; mojibake is repaired (the text is returned with the result whenever it was changed, and
offsets refer to it); long texts are cut at ``max_chars`` and the cut is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from credibly.features.document import Document, parse
from credibly.features.encoding import repair_mojibake
from credibly.features.html import extract_html

MAX_CHARS = 500_000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE_RE = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufe00-\ufe0f"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)


@dataclass(slots=True)
class PreparedArticle:
    """The parsed document plus what preparation changed (for the result's ``warnings``)."""

    doc: Document
    from_html: bool
    warnings: list[str] = field(default_factory=list)
    control_chars: int = 0
    repaired: bool = False  # mojibake undone or invisible characters removed: offsets refer to the new text
    metadata: dict[str, str] = field(default_factory=dict)


def clean_control(text: str) -> tuple[str, int]:
    """Replace control characters by spaces (same length); return the text and how many."""
    count = 0

    def _space(m: re.Match) -> str:
        nonlocal count
        count += 1
        return " "

    return _CONTROL_RE.sub(_space, text), count


def strip_invisible(text: str) -> tuple[str, int]:
    """Remove invisible formatting characters ("a\u200bccording" -> "according"); return the text and
    how many were removed."""
    return _INVISIBLE_RE.subn("", text)


def prepare(
    text: str | None = None,
    html: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    max_chars: int = MAX_CHARS,
) -> PreparedArticle:
    """Extract (if HTML), clean and parse one article; ``text`` wins over ``html`` when both given."""
    warnings: list[str] = []
    metadata: dict[str, str] = {}
    links: list[str] = []
    from_html = text is None and html is not None
    if from_html:
        page = extract_html(html or "", url=url)
        text = page.text
        links = page.links
        warnings.extend(page.warnings)
        title = title or page.title
        published = published or page.date or None
        metadata = {
            k: v for k, v in (("author", page.author), ("sitename", page.sitename), ("date", page.date)) if v
        }
    body, n_control = clean_control(text or "")
    body, n_invisible = strip_invisible(body)
    if n_invisible:
        warnings.append(
            f"{n_invisible} invisible formatting character(s) (zero-width spaces, soft hyphens, "
            "direction marks) removed before scoring"
        )
    body, repaired = repair_mojibake(body)
    if repaired:
        warnings.append("garbled characters (mojibake such as 'â€™') were repaired before scoring")
    if len(body) > max_chars:
        warnings.append(f"text truncated to its first {max_chars} characters of {len(body)}")
        body = body[:max_chars]
    if n_control:
        warnings.append(f"{n_control} control character(s) replaced by spaces")
    clean_title, _ = clean_control(repair_mojibake(strip_invisible((title or "")[:2000])[0])[0])
    doc = parse(body, title=clean_title, url=url or "", published=published, links=links, is_html=from_html)
    return PreparedArticle(doc, from_html, warnings, n_control, repaired or n_invisible > 0, metadata)
