"""The linear-time rewrites give exactly what the code they replaced gave.

Each reference below is the pattern or loop as it was before the rewrite (quadratic on some inputs);
hypothesis compares old and new on short random strings over the characters that matter to each.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from credibly.features import hedging
from credibly.features.attribution.index import DocIndex
from credibly.features.consistency import dates
from credibly.features.document import _SENT_END_RE, parse
from credibly.features.lexicon import occurring
from credibly.features.style import boilerplate, clickbait
from credibly.features.words import SUBJECT_VERB_GAP_WORDS

OLD_SENT_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
OLD_NAME_BEFORE_RE = re.compile(r"(?:\b[A-Z][\w.-]*|\d+)\s+$")
OLD_QUESTION_RE = re.compile(r"\?+\s*$")
OLD_RELATIVE_RE = re.compile(
    rf"\b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\s*[(,–—-]?\s*(?:on\s+)?"
    rf"(?:{dates._WD}|{dates._DATE})"
)
OLD_EXACT_REST_RE = re.compile(r"[\W\d_]*")


def texts(alphabet: str, max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), max_size=max_size)


@settings(max_examples=300)
@given(texts(".!?…\"')]”’ \n\t(“A0aÀ"))
def test_sentence_ends_are_the_same_matches(text: str) -> None:
    assert [m.span() for m in _SENT_END_RE.finditer(text)] == [
        m.span() for m in OLD_SENT_END_RE.finditer(text)
    ]


@settings(max_examples=300)
@given(texts("Aa1_.- \n\t\u00a0é٣"), st.data())
def test_name_before_matches_the_old_regex(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, end))
    assert hedging._name_before(text, lo, end) == (OLD_NAME_BEFORE_RE.search(text, lo, end) is not None)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)), max_size=8), st.data())
def test_masked_matches_any_covering_mask(spans: list[tuple[int, int]], data: st.DataObject) -> None:
    masks = sorted((s, s + n) for s, n in spans)
    rules = hedging._SenseRules(parse("x"), masks)
    start = data.draw(st.integers(0, 40))
    end = start + data.draw(st.integers(1, 6))
    assert rules.masked(start, end) == any(s <= start and end <= e for s, e in masks)


@settings(max_examples=300)
@given(texts("?x \n\t", 30))
def test_question_headline_pattern_is_unchanged(title: str) -> None:
    old, new = OLD_QUESTION_RE.search(title), clickbait._QUESTION_RE.search(title)
    assert (old and old.span()) == (new and new.span())


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            ["today", "Yesterday", " ", "  ", "\n", ",", "(", "on", " on ", "Monday", "March", "3"]
        ),
        max_size=10,
    )
)
def test_relative_date_pattern_is_unchanged(parts: list[str]) -> None:
    text = "".join(parts)
    old = [(m.span(), m.groupdict()) for m in OLD_RELATIVE_RE.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in dates._RELATIVE_RE.finditer(text)] == old


def _old_phrase_reason(lower: str, start: int, end: int, hits: list[tuple[int, int, str, str]]) -> str | None:
    for h_start, h_end, phrase, where in hits:
        if where == "contains":
            return f"boilerplate phrase '{phrase}'"
        if where == "start" and OLD_EXACT_REST_RE.fullmatch(lower[start:h_start]):
            return f"line starts with '{phrase}'"
        if where == "exact" and OLD_EXACT_REST_RE.fullmatch(lower[start:h_start] + lower[h_end:end]):
            return f"line is just '{phrase}'"
    return None


@settings(max_examples=300)
@given(texts("ab1_ -|é", 30), st.data())
def test_boilerplate_line_rules_are_unchanged(line: str, data: st.DataObject) -> None:
    """Hits lie inside the line, as the line's phrase hits always do."""
    start = data.draw(st.integers(0, len(line)))
    end = data.draw(st.integers(start, len(line)))
    spans = data.draw(st.lists(st.tuples(st.integers(start, end), st.integers(start, end)), max_size=4))
    wheres = data.draw(
        st.lists(st.sampled_from(["start", "exact", "contains", "other"]), min_size=4, max_size=4)
    )
    hits = [(min(a, b), max(a, b), "p", w) for (a, b), w in zip(spans, wheres)]
    assert boilerplate._phrase_reason(line, start, end, hits) == _old_phrase_reason(line, start, end, hits)


@settings(max_examples=100)
@given(st.lists(st.sampled_from(["has", "also", "said", "he", "Smith", "reportedly", ","]), max_size=30))
def test_skip_back_matches_the_plain_walk(words: list[str]) -> None:
    doc = parse(" ".join(words))
    index = DocIndex(doc)
    for i in reversed(range(len(doc.tokens) + 1)):  # out of order, so remembered walks are reused
        for floor in (0, i // 2, i):
            j = i - 1
            while j >= floor and doc.tokens[j].text.lower() in SUBJECT_VERB_GAP_WORDS:
                j -= 1
            assert index.skip_back(i, floor) == j


@given(st.lists(texts("ab ", 5), max_size=6), texts("ab ", 60))
def test_occurring_finds_exactly_the_substrings(needles: list[str], text: str) -> None:
    assert occurring(needles, text) == {n for n in needles if n and n in text}
