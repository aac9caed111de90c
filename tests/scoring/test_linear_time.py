"""Scoring time grows linearly with the input on any text: long runs of every ASCII punctuation mark,
letters, digits, whitespace and the units that once made a regex or a loop quadratic ("...", "Mr. ",
"IlhamAliyev ", "has ", "1,") go through the whole engine at two lengths, and a targeted fuzz test
searches for slow inputs.

A run is scored between two stretches of ordinary prose as long as the run itself, so the article
stays English enough to reach every extractor, with the run in the title and a publication date set
(the date rules only run then). Timing on a shared machine is noisy: each figure is the best of a few
runs, and a unit that looks slow is measured again at twice the length before the test fails.
"""

from __future__ import annotations

import json
import string
import time
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st
from support import EXAMPLES

from credibly.scoring.engine import Scorer

SCORER = Scorer()
PROSE = " ".join(json.loads(line)["text"] for line in (EXAMPLES / "examples.jsonl").open(encoding="utf-8"))
RUN = 2_000  # characters of the pathological run at the short length (the long one is 4x)
# Time for 4x the input: 4 when linear, 16 when quadratic (the prose around a run dilutes that).
MAX_GROWTH = 6.5
# Seconds per character of any input, as a multiple of ordinary prose. Linear, but higher than 1
# where every character is a token or a candidate (a run of ":" is about 13x).
MAX_PER_CHAR = 30.0
UNITS = [
    *string.punctuation,
    *"…“”‘’«»—–©",
    *string.whitespace,
    "a",
    "A",
    "7",
    "Mr. ",
    "U.S. ",
    "IlhamAliyev ",
    "andthe",
    "has ",
    "1,",
    "1.",
    "$1 million ",
    "in may could ",
    "studies show ",
    "today ",
    "Monday, ",
    "March 3 ",
    "Monday, June 14, 2016 ",
    "Updated on Monday, March 3 ",
    "a.b",
    "!A",
    ". A",
    "A\n",
    ' : "',
    "Aliyev Aliyyev ",
    "Share this ",
]


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _article(run: str) -> dict[str, str]:
    prose = _repeat(PROSE + "\n\n", len(run))
    return {
        "text": f"{prose}\n{run}\n{prose}",
        "title": run[:2000],
        "published": "2016-09-19",
        "url": "https://news.example.com/story",
    }


def _seconds(article: dict[str, str], repeats: int = 2) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        SCORER.score(article)
        best = min(best, time.perf_counter() - start)
    return best


@cache
def _prose_per_char(n: int, fresh: int = 0) -> float:
    """Seconds per character of plain prose of about ``3 * n`` characters (best of three); a new
    ``fresh`` value measures again (the machine's load changes)."""
    text = _repeat(PROSE + "\n\n", 3 * n)
    return _seconds({"text": text, "published": "2016-09-19"}, repeats=3) / len(text)


def _measure(unit: str, n: int, fresh: int = 0) -> tuple[float, float]:
    """Growth of the time from a run of ``n`` to one of ``4 n`` characters, and the long run's time
    per character as a multiple of prose."""
    short = _seconds(_article(_repeat(unit, n)))
    long_article = _article(_repeat(unit, 4 * n))
    long = _seconds(long_article)
    return long / short, long / len(long_article["text"]) / _prose_per_char(4 * n, fresh)


@pytest.mark.parametrize("unit", UNITS, ids=repr)
def test_time_per_character_stays_flat_on_long_runs(unit: str) -> None:
    growth, per_char = _measure(unit, RUN)
    for attempt in range(1, 3):  # noise or a real problem: measure again, on longer runs
        if growth <= MAX_GROWTH and per_char <= MAX_PER_CHAR:
            break
        again = _measure(unit, 2 * RUN, fresh=attempt)
        growth, per_char = min(growth, again[0]), min(per_char, again[1])
    assert growth <= MAX_GROWTH, f"{unit!r}: 4x the input took {growth:.1f}x the time"
    assert per_char <= MAX_PER_CHAR, f"{unit!r}: {per_char:.1f}x the time per character of prose"


segments = st.lists(
    st.tuples(
        st.one_of(
            st.sampled_from(UNITS),
            st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=4),
        ),
        st.integers(1, 3_000),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(segments)
def test_fuzzed_inputs_are_not_slow(parts: list[tuple[str, int]]) -> None:
    """Hypothesis steers toward the inputs with the highest time per character (``target``)."""
    run = "".join(_repeat(unit, n * len(unit)) for unit, n in parts)
    article = _article(_repeat(run, min(max(len(run), RUN), 4 * RUN)))  # long enough to time
    chars = len(article["text"])
    per_char = _seconds(article, repeats=1) / chars / _prose_per_char(RUN)
    target(per_char)
    if per_char > MAX_PER_CHAR:  # a noisy single run: measure again before failing
        per_char = _seconds(article, repeats=3) / chars / _prose_per_char(RUN, fresh=1)
    assert per_char <= MAX_PER_CHAR, f"{per_char:.1f}x the time per character of prose"
