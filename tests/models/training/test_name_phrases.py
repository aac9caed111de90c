"""Tests for the builder of the two-word name list behind fused-name detection."""

from __future__ import annotations

from credibly.features.lexicon import load_lexicon
from credibly.models.training.name_phrases import OUT_FILE, article_pairs, name_phrases


def test_pairs_are_capitalised_words_inside_name_chains() -> None:
    text = "Officials in North Korea met Tim Kaine. The Secret Service said the United States agreed."
    assert article_pairs(text) == {"north korea", "tim kaine", "secret service", "united states"}


def test_a_sentence_opener_and_short_or_non_alphabetic_parts_are_no_pair() -> None:
    # "The Secret" begins a sentence; "Al Gore" has a two-letter part; "COVID Task" is not title case
    text = "The Secret was out. Al Gore spoke. The COVID Task Force met."
    assert article_pairs(text) == {"task force"}


def test_only_pairs_found_in_enough_articles_are_kept() -> None:
    texts = [
        "Officials in North Korea met.",
        "Then North Korea fired.",
        "Both North Korea and Tim Kaine spoke.",
    ]
    assert name_phrases(texts, min_articles=3) == ["north korea"]
    assert name_phrases(texts, min_articles=1) == ["north korea", "tim kaine"]


def test_the_shipped_list_holds_common_names_and_no_brand() -> None:
    phrases = {p for p, _ in load_lexicon(OUT_FILE)}
    assert {"north korea", "united states", "white house"} <= phrases
    assert "black rock" not in phrases and "news guard" not in phrases
