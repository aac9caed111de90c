"""Shared schema and helpers for the corpus loaders."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from credibly.models.runtime.paths import DEFAULT_DATA_DIR

__all__ = ["COLUMNS", "DEFAULT_DATA_DIR", "OPTIONAL_COLUMNS"]

COLUMNS: tuple[str, ...] = (
    "id",
    "text",
    "html",
    "title",
    "url",
    "source",
    "source_known",
    "corpus",
    "subset",
    "published",
    "label",
    "label_raw",
    "label_kind",
)
OPTIONAL_COLUMNS: tuple[str, ...] = ("html", "url", "published")
NAN: float = math.nan
# Normalised texts of crawl failures found in the corpora (14 BuzzFeed-Webis redirects, 2 FakeNewsNet).
PLACEHOLDER_TEXTS: frozenset[str] = frozenset(
    {"the document has moved here", "website is down for maintenance"}
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _cp1252_char(byte: int) -> str:
    """The character Windows-1252 shows for a byte (Latin-1 for its five undefined bytes)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_CONTINUATION = "".join({_cp1252_char(b) + chr(b) for b in range(0x80, 0xC0)})
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{re.escape(_CONTINUATION)}]+")


def make_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """DataFrame with exactly the loader schema: `label` float (NaN = excluded), missing optionals None."""
    frame = pd.DataFrame.from_records(list(records), columns=list(COLUMNS))
    frame["label"] = frame["label"].astype(float)
    frame["source_known"] = frame["source_known"].astype(bool)
    for column in OPTIONAL_COLUMNS:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    if frame["id"].duplicated().any():
        raise ValueError("duplicate ids in corpus")
    return frame


def text_key(text: str | None) -> str:
    """Hash of the text lowercased with punctuation and whitespace removed: the cross-corpus duplicate key."""
    normal = _NON_WORD.sub(" ", (text or "").lower()).strip()
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def is_placeholder(text: str | None) -> bool:
    """True for crawl error pages stored as article text (redirect notice, maintenance page)."""
    return _NON_WORD.sub(" ", (text or "").lower()).strip() in PLACEHOLDER_TEXTS


def unknown_source(corpus: str, text: str | None) -> str:
    """Group key for an item whose publisher is unknown: one group per distinct text.

    Keyed by the text hash rather than the item id so that copies of one text share a group (no leak
    between folds) while unrelated unknown items do not collapse into one giant group.
    """
    return f"unknown:{corpus}:{text_key(text)[:12]}"


def decode_text(raw: bytes) -> str:
    """Decode corpus bytes: UTF-8 when valid, else Windows-1252 (common in 2016 scrapes), else Latin-1."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 (`heâ€™s` -> `he’s`), run by run; runs that do not decode stay."""
    return _MOJIBAKE.sub(_redecode, text)


def _redecode(match: re.Match[str]) -> str:
    """One mojibake run re-read as UTF-8, or unchanged when it is not valid UTF-8."""
    chunk = match.group()
    try:
        return bytes(_cp1252_byte(char) for char in chunk).decode("utf-8")
    except (UnicodeError, ValueError):
        return chunk


def _cp1252_byte(char: str) -> int:
    """The byte a character came from under Windows-1252, falling back to Latin-1."""
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char)


def clean_text(text: str | None) -> str:
    """Repair mojibake, normalise newlines, trim lines, collapse runs of blank lines to one break."""
    text = repair_mojibake(text or "")
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
