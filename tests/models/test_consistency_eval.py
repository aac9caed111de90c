"""Tests for the perturbation generator of the consistency evaluation: only fair cases are made."""

from __future__ import annotations

import random

from credibly.features.document import parse
from credibly.features.words import is_real_spelling
from credibly.models.signal_eval import consistency as ev


def _figures(text: str) -> list[str]:
    doc = parse(text)
    return [t.text for i, t in enumerate(doc.tokens) if ev._is_figure(doc, i)]


def test_only_words_capitalised_mid_sentence_are_names() -> None:
    # "This" is capitalised only at sentence starts: a word, never respelt as a name
    text = "This is new. This was said. Officials met Hovhannisyan. Later Hovhannisyan left."
    for seed in range(20):
        p = ev.perturb_name(parse(text), random.Random(seed))
        assert p is None or p.start > text.index("Officials")


def test_a_respelling_that_is_a_real_name_is_no_case() -> None:
    assert is_real_spelling("Marin") and is_real_spelling("Hilary")
    assert not is_real_spelling("Hovhanisyan")


def test_names_in_credit_lines_are_not_respelt() -> None:
    text = "Analysts met.\n\n— Jens Stoltenberg (@jensstoltenberg) October 9, 2019\n\n" * 2
    doc = parse(text)
    assert len(doc.social_lines) == 2
    for seed in range(10):
        p = ev.perturb_name(doc, random.Random(seed))
        assert p is None or not doc.in_social_line(p.start)


def test_changed_figure_keeps_thousands_separators() -> None:
    new = ev._new_number("4,000", random.Random(1))
    assert new is not None and "," in new and new != "4,000"


def test_figures_exclude_times_ranges_labels_glued_and_table_cells() -> None:
    text = (
        "By 4 p.m. the vote failed 45-55 and 60 to 80 people left. In Round 4 he fell. "
        "A 6K race began. Libya Nessma 5 6 people were killed. Police said 29 people were hurt."
    )
    assert _figures(text) == ["29"]


def test_figures_exclude_labels_rates_and_day_numbers() -> None:
    text = (
        "People with type 2 diabetes joined a phase 3 trial. The rate was 50 per 100,000 people. "
        "He travelled on 6 April. Officials said 12 people were hurt."
    )
    assert _figures(text) == ["12"]


def test_restatements_are_unqualified_and_in_another_sentence() -> None:
    one_sentence = "The study compared 30 males with autism and 30 males without autism in Boston."
    qualified = "Researchers studied women aged 65 or older. Data on women aged 65 or older came from Iowa."
    restated = "Officials said 12 people were hurt in Kabul. Later 12 people were hurt again, officials said."
    rng = random.Random(3)
    assert ev.perturb_number(parse(one_sentence), rng) is None
    assert ev.perturb_number(parse(qualified), rng) is None
    p = ev.perturb_number(parse(restated), rng)
    assert p is not None and p.start == restated.rindex("12")


def test_the_counted_noun_is_past_a_scale_word() -> None:
    doc = parse("Nielsen said 48 million viewers watched. Its 48 million total counts streams.")
    nouns = [ev._counted_noun(doc, i, False) for i, t in enumerate(doc.tokens) if t.text == "48"]
    assert nouns == ["viewer", "total"]


def test_sharing_only_the_counted_noun_makes_no_restatement() -> None:
    # "patients" is the counted noun in both: nothing else ties the two figures together
    unrelated = (
        "An early study enrolled 27 patients in Kyoto, as reported in the journal. After a long pause, "
        "Sawa's team then treated 27 patients at home."
    )
    assert ev._restatement_context(parse(unrelated), 4, "patient") == {
        "early",
        "study",
        "enrolled",
        "kyoto",
        "reported",
    }
    assert all(ev.perturb_number(parse(unrelated), random.Random(seed)) is None for seed in range(10))
    restated = unrelated.replace("treated 27 patients at home", "enrolled 27 patients at home")
    assert ev.perturb_number(parse(restated), random.Random(0)) is not None
