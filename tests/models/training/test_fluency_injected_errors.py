"""The injected errors the fluency classifier is trained and measured on: one error, marked where it is."""

from __future__ import annotations

import random

import pytest

from credibly.features.document import parse
from credibly.models.training.fluency import KINDS, UNTRAINED_KINDS, Item, corrupt

SENTENCE = "Officials said the ministry was denying reports that 40 soldiers had crossed into the region."


def _items(text: str) -> list[Item]:
    doc = parse(text)
    return [(doc.lower[t.start : t.end], t.kind, t.text) for t in doc.tokens]


def _words(items: list[Item]) -> list[str]:
    return [text for _, _, text in items]


@pytest.mark.parametrize("seed", range(20))
def test_an_inserted_article_goes_before_a_content_word_with_no_determiner_or_number(seed: int) -> None:
    items = _items(SENTENCE)
    changed = corrupt(items, random.Random(seed), "inserted_article")
    assert changed is not None
    new, at = changed
    (i,) = at
    assert new[i][0] in {"the", "a"}
    assert _words(new[:i] + new[i + 1 :]) == _words(items)
    before, after = new[i - 1][0], new[i + 1][0]
    assert before not in {"the", "40"} and after not in {"the", "that", "into", "had", "was"}


def test_a_sentence_with_no_bare_content_word_gets_no_inserted_article() -> None:
    assert corrupt(_items("The 40 ."), random.Random(0), "inserted_article") is None


@pytest.mark.parametrize("kind", KINDS)
def test_each_trained_kind_changes_the_sentence_at_the_marked_tokens(kind: str) -> None:
    items = _items(SENTENCE)
    changed = corrupt(items, random.Random(3), kind)
    assert changed is not None
    new, at = changed
    assert _words(new) != _words(items) and at and all(0 <= j < len(new) for j in at)


def test_the_untrained_kind_is_never_drawn_for_training() -> None:
    assert not set(UNTRAINED_KINDS) & set(KINDS)
    rng = random.Random(1)
    items = _items(SENTENCE)
    for _ in range(200):
        changed = corrupt(items, rng)
        assert changed is not None
        new, _ = changed
        assert len(new) <= len(items)  # only an inserted article makes a sentence longer
