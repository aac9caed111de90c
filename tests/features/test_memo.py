"""The token memo: the same values as computing each token, each distinct text computed once."""

from __future__ import annotations

import pickle

from credibly.features.document import parse
from credibly.features.memo import TokenMemo, per_document


def test_values_are_those_of_the_function_and_each_text_is_computed_once() -> None:
    calls: list[str] = []

    def shape(tok) -> str:
        calls.append(tok.text)
        return f"{tok.kind}:{tok.text.lower()}"

    memo = TokenMemo(shape)
    doc = parse("The mayor said the plan, the budget and the vote were approved. The mayor left.")
    expected = [f"{t.kind}:{t.text.lower()}" for t in doc.tokens]
    assert memo.values(doc.tokens) == expected
    assert sorted(calls) == sorted({t.text for t in doc.tokens})
    calls.clear()
    assert memo.values(doc.tokens) == expected
    assert calls == []


def test_a_full_table_starts_a_new_generation_and_values_stay_right() -> None:
    calls: list[str] = []

    def length(tok) -> int:
        calls.append(tok.text)
        return len(tok.text)

    memo = TokenMemo(length, limit=4)
    for text in ("one two three four", "five six", "one two", "seven eight nine"):
        doc = parse(text)
        assert memo.values(doc.tokens) == [len(t.text) for t in doc.tokens]
        assert len(memo._table) + len(memo._old) <= 2 * (4 + len(doc.tokens))
    # "one".."four" left for the old generation, then came back from it without being computed again
    assert calls.count("one") == 1 and calls.count("two") == 1 and len(calls) == len(set(calls))


def test_per_document_computes_once_per_document_and_keeps_documents_apart() -> None:
    calls: list[str] = []

    @per_document
    def first_word(doc):
        calls.append(doc.text)
        return doc.words[0].text

    a, b = parse("Alpha beta."), parse("Gamma delta.")
    assert [first_word(a), first_word(a), first_word(b), first_word(b)] == [
        "Alpha",
        "Alpha",
        "Gamma",
        "Gamma",
    ]
    assert calls == ["Alpha beta.", "Gamma delta."]
    assert pickle.loads(pickle.dumps(a)).derived == a.derived  # a document stays picklable
