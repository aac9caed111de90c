"""Property tests: arbitrary Unicode never crashes the engine and every evidence span is valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credibly.scoring.engine import Scorer

SCORER = Scorer()
words = st.sampled_from(
    [
        "said",
        "according",
        "to",
        "Mr.",
        "Smith",
        "Smiht",
        "reportedly",
        "clearly",
        "Monday,",
        "June",
        "14,",
        "2016",
        "3,000",
        "people",
        '"',
        "“",
        "”",
        "!",
        "?",
        "\n",
        "\n\n",
        "YOU",
        "won't",
        "believe",
        "Leave",
        "a",
        "Reply",
        "IlhamAliyev",
        "Ilham",
        "Aliyev",
        "the",
        "of",
        "İ",
        "ß",
        "\x00",
        "\u200b",
        "😀",
        "some",
        "say",
        "officials",
        "told",
        "reporters",
        ".",
        ",",
        "-",
        "http://x.y/z",
    ]
)
article_like = st.lists(words, max_size=200).map(" ".join)


def _check(result, text: str, title: str) -> None:
    if result.error is not None:
        assert result.score is None and result.error.code
        return
    assert 0 <= result.score <= 100
    body = result.text if result.text is not None else text
    for ev in result.evidence:
        source = result.title or "" if ev.field == "title" else body
        assert 0 <= ev.start <= ev.end <= len(source)
        assert source[ev.start : ev.end] == ev.text
    for reason in result.explanation:
        assert all(0 <= i < len(result.evidence) for i in reason.evidence)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000), st.text(max_size=200))
def test_arbitrary_unicode_never_crashes(text, title):
    result = SCORER.score({"text": text, "title": title})
    assert result.error is None or result.error.code != "internal_error", result.error
    _check(result, text, title)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_like, article_like)
def test_article_like_text_gives_valid_spans(text, title):
    result = SCORER.score({"text": text, "title": title, "published": "2016-06-17"})
    assert result.error is None or result.error.code != "internal_error", result.error
    _check(result, text, title)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=1500))
def test_arbitrary_html_never_crashes(html):
    result = SCORER.score({"html": html})
    assert result.error is None or result.error.code != "internal_error", result.error
    _check(result, html, "")
