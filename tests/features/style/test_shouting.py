"""Shouting (features/style/shouting.py): words in capitals for emphasis, not news typography."""

from __future__ import annotations

import pytest

from credibly.features.document import parse
from credibly.features.style.shouting import caps_words


def _caps(text: str) -> list[str]:
    return [t.text for t in caps_words(parse(text))]


@pytest.mark.parametrize(
    "text",
    [
        "This is a HUGE scandal and they were DEAD wrong.",
        "BREAKING: nothing will ever be the same.",  # a lower-case word before the colon: no label
        "SHOCKING NEWS FOR EVERYONE!\nThe mayor resigned.",  # a line in capitals with "!" shouts
    ],
)
def test_emphasis_in_capitals_is_shouting(text: str) -> None:
    assert _caps(text)


@pytest.mark.parametrize(
    "text",
    [
        "LONDON (Reuters) - The first new asthma pill in years was approved.",
        "NEW YORK (Reuters Health) - In a small study, people slept better.",
        "MONDAY, Jan. 4, 2016 (HealthDay News) -- Newer drugs helped.",
        "ALBANY, N.Y. - A businessman who co-chaired the panel was charged.",
        "MARLBOROUGH, Mass., April 26, 2016 /PRNewswire/ -- The company said.",
        "The trial ended.\nFILE PHOTO: An Amgen sign is seen at the company's office.",
        "The trial ended.\nSOURCE: The company's annual report.",
        "The study ended.\nFINDINGS\nGene expression changed in specific cells.",
        "The study ended.\n(SOUNDBITE OF ARCHIVED RECORDING)\nThe president spoke.",
        "Genius 3D MAMMOGRAPHY™ exams reduce recall rates.",
        "The pain was modest. REUTERS/NIR ELIAS",
        "The Food Allergy Research and Education (FARE) group said so.",
        "Women with HER2-negative cancer took the drug, formerly ONT-380.",
        "COVID cases rose, and SCOTUS ruled on Monday.",
    ],
)
def test_news_typography_is_not_shouting(text: str) -> None:
    assert _caps(text) == []


def test_a_dateline_does_not_hide_shouting_later_in_its_paragraph() -> None:
    assert _caps("WASHINGTON (Reuters) - Officials called the plan a TOTAL disaster.") == ["TOTAL"]


@pytest.mark.parametrize(
    "text",
    [
        "Arpaio told POLITICO of the plan, in a letter obtained by POLITICO.",
        "Every member of NASCAR is beloved, and UCLA said so.",
        "The SARS-CoV-2 virus spread to CANADA and COLORADO.",
    ],
)
def test_names_and_brands_in_capitals_are_not_shouting(text: str) -> None:
    assert _caps(text) == []


def test_rarer_words_in_capitals_still_shout() -> None:
    assert _caps("They chose the more INEFFECTIVE option, a DEPLORABLE choice.") == [
        "INEFFECTIVE",
        "DEPLORABLE",
    ]
