"""Shared word resources: the one-edit neighbour search behind typo detection."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from credibly.features.words import _neighbour_targets, _one_edit_strings, common_neighbour, edit_kind


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_one_edit_strings_are_exactly_the_single_edits(data):
    targets = sorted(_neighbour_targets())
    target = data.draw(st.sampled_from(targets))
    i = data.draw(st.integers(0, len(target) - 1))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz'"))
    kind = data.draw(st.sampled_from(["drop", "add", "replace", "swap", "far"]))
    word = {
        "drop": target[:i] + target[i + 1 :],
        "add": target[:i] + letter + target[i:],
        "replace": target[:i] + letter + target[i + 1 :],
        "swap": target[:i] + target[i + 1 : i + 2] + target[i : i + 1] + target[i + 2 :],
        "far": letter + letter + target[::-1],
    }[kind]
    found = word != target and target in _one_edit_strings(word)  # the search drops the word itself
    assert found == (edit_kind(word, target) is not None)


def test_common_neighbour_finds_the_word_a_typo_slips_from():
    assert (
        common_neighbour("presidnet") is not None and common_neighbour("presidnet").neighbour == "president"
    )
    assert common_neighbour("goverment").neighbour == "government"
    assert common_neighbour("x" * 31) is None  # longer than any English word: not searched
