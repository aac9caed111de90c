"""Values computed once and shared: per token across articles, and per article across families.

Most tokens of a news article ("the", ",", "said") were seen in the articles before it, so a value
that depends only on a token's text is computed once per distinct text and then looked up with
C-level ``map`` calls (:class:`TokenMemo`). A result derived from one article's parse that several
families read (its boilerplate lines) is computed once per article (:func:`per_document`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from itertools import compress, repeat
from operator import is_
from typing import Generic, TypeVar, cast

from credibly.features.document import TOKEN_TEXT, Document, Token

V = TypeVar("V")

# Distinct token texts per generation: a crawl meets new names and numbers without end, so the
# table keeps two generations of this many (a few MB), the texts in use moving to the newer one.
MEMO_LIMIT = 30_000


class TokenMemo(Generic[V]):
    """``compute(token)``, a value that depends only on the token's text (its kind and lower-case form
    follow from the text), for many tokens: each distinct text computed once (values never None).

    When the table reaches ``limit`` texts it becomes the old generation and a new one starts; a text
    found only in the old one moves to the new one, so frequent tokens are never computed again and
    memory stays bounded however long the process runs. Results never depend on what is kept."""

    def __init__(self, compute: Callable[[Token], V], limit: int = MEMO_LIMIT) -> None:
        self.compute = compute
        self.limit = limit
        self._table: dict[str, V] = {}
        self._old: dict[str, V] = {}

    def values(self, tokens: Sequence[Token]) -> list[V]:
        """The value of each token, in order."""
        table = self._table
        texts = list(map(TOKEN_TEXT, tokens))
        values: list[V | None] = list(map(table.get, texts))
        if None in values:
            if len(table) >= self.limit:
                self._old, self._table = table, {}
                table = self._table
            old, compute = self._old, self.compute
            for i in compress(range(len(values)), map(is_, values, repeat(None))):
                text = texts[i]
                value = table.get(text)
                if value is None:
                    value = old.get(text)
                    if value is None:
                        value = compute(tokens[i])
                    table[text] = value
                values[i] = value
        return values  # type: ignore[return-value]  # every None was replaced above


def per_document(compute: Callable[[Document], V]) -> Callable[[Document], V]:
    """``compute(doc)`` computed on the first call for a document and kept in ``doc.derived``, so
    every family that reads it shares one result (keyed by the function's qualified name, so a
    document stays picklable)."""
    key = f"{compute.__module__}.{compute.__qualname__}"

    @wraps(compute)
    def shared(doc: Document) -> V:
        if key in doc.derived:
            return cast(V, doc.derived[key])
        value = doc.derived[key] = compute(doc)
        return value

    return shared
