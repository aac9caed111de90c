"""Duplicate detection for crawls: canonical URL (courlan) and a hash of the article content.

The first record with a given key is the primary; later records with the same canonical URL or the
same content are duplicates, scored once and marked with the primary's id. Decisions are made in
input order in the coordinating process, so a resumed job makes exactly the same ones.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

from credibly.scoring.inputs import ArticleInput


def canonical_url(url: str | None) -> str | None:
    """courlan's normalisation (tracking parameters dropped, host lowercased, query sorted), then
    scheme, ``www.``, fragment and a trailing slash ignored; None when the value has no host."""
    if not url or not url.strip():
        return None
    value = url.strip()
    if "://" not in value:
        value = "http://" + value.lstrip("/")
    try:
        parts = urlsplit(normalize_url(value, trailing_slash=False))
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if "." not in host or " " in host:
        return None
    return urlunsplit(("", host, parts.path.rstrip("/"), parts.query, ""))


def content_key(article: ArticleInput) -> bytes | None:
    """16-byte hash of the title and whitespace-normalised text (or raw HTML when there is no text);
    None when there is nothing to compare. The title is included because evidence can point into it."""
    field, body = ("text", article.text) if article.text is not None else ("html", article.html)
    if body is None or not body.strip():
        return None
    blob = "\0".join((field, " ".join((article.title or "").split()), " ".join(body.split())))
    return hashlib.blake2b(blob.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class Primary:
    """The record a duplicate points at: its global sequence number and its id."""

    seq: int
    id: str


class Deduplicator:
    """Remembers the first record per canonical URL and per content hash."""

    def __init__(self) -> None:
        self._by_url: dict[str, Primary] = {}
        self._by_content: dict[bytes, Primary] = {}

    def check(self, seq: int, rid: str, url: str | None, article: ArticleInput | None) -> Primary | None:
        """The primary this record duplicates, or None (then it becomes the primary for its keys)."""
        if article is None:
            return None
        ukey = canonical_url(url)
        ckey = content_key(article)
        found = (self._by_url.get(ukey) if ukey else None) or (self._by_content.get(ckey) if ckey else None)
        target = found or Primary(seq, rid)
        if ukey:
            self._by_url.setdefault(ukey, target)
        if ckey:
            self._by_content.setdefault(ckey, target)
        return found
