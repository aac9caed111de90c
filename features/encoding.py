"""Mojibake repair: UTF-8 text that was decoded as Latin-1/Windows-1252 somewhere upstream.

"Hereâ€™s" and "cafÃ©" are encoding damage, not the writer's spelling: left alone they read as
misspellings and odd tokens (and ~2% of one corpus's unreliable texts carry them, a publisher
fingerprint). ``ftfy.fix_encoding`` undoes the damage; a cheap pattern check runs first so clean
text (nearly all of it) costs one regex scan.
"""

from __future__ import annotations

import re

# A lead byte of a 2- or 3-byte UTF-8 sequence read as cp1252/Latin-1 ("Ã", "Â", "â"), followed by a
# character a continuation byte becomes (U+0080-U+00BF, or the cp1252 punctuation block).
_MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00c3\u00e2][\u0080-\u00bf\u2018-\u201e\u2020-\u2022\u2026\u2030\u20ac\u2122]"
)


def repair_mojibake(text: str) -> tuple[str, bool]:
    """The text with encoding damage undone, and whether anything changed."""
    if not _MOJIBAKE_RE.search(text):
        return text, False
    from ftfy import fix_encoding

    fixed = fix_encoding(text)
    return fixed, fixed != text
