"""Style signal: evidence offsets for every kind, tricky negatives, and robustness."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credibly.features.document import parse
from credibly.features.language import MIN_SHARE, MIN_WORDS, english_share, looks_english
from credibly.features.style import FEATURE_NAMES, SIGNAL, extract
from credibly.features.style.clickbait import find_traits, score


def _ev(text: str, title: str = "", kind: str | None = None) -> list[tuple[str, int, int, str]]:
    res = extract(parse(text, title=title), with_readability=False)
    return [(e.kind, e.start, e.end, e.text) for e in res.evidence if kind is None or e.kind == kind]


def _valid(text: str, title: str = "") -> None:
    res = extract(parse(text, title=title))
    assert res.signal == SIGNAL and tuple(res.features) == FEATURE_NAMES
    assert all(isinstance(v, float) and math.isfinite(v) for v in res.features.values())
    for e in res.evidence:
        src = title if e.field == "title" else text
        assert src[e.start : e.end] == e.text and e.note


def test_boilerplate_lines_exact_offsets() -> None:
    text = (
        "The council voted on Monday.\nShare this:\nLeave a Reply\n"
        "Your email address will not be published.\n"
        "Jane Roe is a contributing writer at Example News.\n3 Comments"
    )
    assert _ev(text, kind="boilerplate") == [
        ("boilerplate", 29, 40, "Share this:"),
        ("boilerplate", 41, 54, "Leave a Reply"),
        ("boilerplate", 55, 96, "Your email address will not be published."),
        ("boilerplate", 97, 147, "Jane Roe is a contributing writer at Example News."),
        ("boilerplate", 148, 158, "3 Comments"),
    ]
    feats = extract(parse(text), with_readability=False).features
    assert feats["boilerplate_line_share"] == pytest.approx(5 / 6)


def test_publishing_system_furniture_is_boilerplate() -> None:
    text = (
        "The council voted on Monday.\nFacebook\nTwitter\nWhatsApp\n"
        "Save my name, email, and website in this browser for the next time I comment.\n"
        "Notify me of follow-up comments by email.\nPrevious Post\nNext Article: Storm hits coast"
    )
    assert [e[3] for e in _ev(text, kind="boilerplate")] == [
        "Facebook",
        "Twitter",
        "WhatsApp",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Notify me of follow-up comments by email.",
        "Previous Post",
        "Next Article: Storm hits coast",
    ]


def test_a_one_word_quoted_line_is_not_furniture() -> None:
    assert (
        _ev('"What did she send?"\n"Email?"\n"Twitter is where he posts," she said.', kind="boilerplate")
        == []
    )


def test_boilerplate_phrases_inside_prose_are_not_flagged() -> None:
    text = (
        "Readers who share this view said the comments were unfair, "
        "and the editor agreed to read more letters."
    )
    assert _ev(text, kind="boilerplate") == []


def test_clickbait_title_spans() -> None:
    title = "10 Things You Won't Believe!"
    got = [(e[1], e[2], e[3]) for e in _ev("Body.", title=title, kind="clickbait")]
    assert (0, 2, "10") in got and (3, 9, "Things") in got
    assert (10, 27, "You Won't Believe") in got and (27, 28, "!") in got
    res = extract(parse("Body.", title=title), with_readability=False)
    assert all(e.field == "title" for e in res.evidence if e.kind == "clickbait")
    assert res.features["clickbait_score"] > 0.9


def test_plain_news_headline_scores_low() -> None:
    assert score(find_traits("Senate approves budget after overnight session")) == 0.0
    assert find_traits("FBI and NASA sign data agreement") == []


def test_shouting_and_exclamations() -> None:
    text = "This is TOTALLY UNACCEPTABLE, the FBI said!!! The ACLU and the ACLU disagreed."
    assert _ev(text, kind="shouting") == [("shouting", 8, 28, "TOTALLY UNACCEPTABLE")]
    assert _ev(text, kind="exclamation") == [("exclamation", 42, 45, "!!!")]


def test_pronouns_outside_quotes_only() -> None:
    feats = extract(parse('"I think we won," she said. You decide.'), with_readability=False).features
    assert feats["first_person_rate"] == 0.0
    assert feats["second_person_rate"] == pytest.approx(100 / 8)


def test_sentence_length_and_ttr() -> None:
    feats = extract(parse("One two three. One two three four five."), with_readability=False).features
    assert feats["mean_sentence_length"] == pytest.approx(4.0)
    assert feats["sentence_length_std"] == pytest.approx(1.0)
    assert 0.0 < feats["type_token_ratio"] <= 1.0


def test_readability_included_by_default() -> None:
    feats = extract(parse("The cat sat on the mat. It was happy.")).features
    assert feats["flesch_reading_ease"] > 50.0


@pytest.mark.parametrize(
    "text,title",
    [
        ("", ""),
        ("word", ""),
        ("\x00\x00", "\x00"),
        ("!!!", "???"),
        ("ÇA VA? Привет мир 你好", "İSTANBUL!"),
        ("a\n\n\n", ""),
    ],
)
def test_odd_input_never_raises(text: str, title: str) -> None:
    _valid(text, title)


def test_empty_document_features_are_zero() -> None:
    assert set(extract(parse("")).features.values()) == {0.0}


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=60))
def test_spans_valid_on_random_text(text: str, title: str) -> None:
    _valid(text, title)


def test_curly_apostrophe_pronouns_count_like_straight_ones() -> None:
    curly = extract(parse("We’re told you’ll win."), with_readability=False).features
    straight = extract(parse("We're told you'll win."), with_readability=False).features
    assert curly["first_person_rate"] == straight["first_person_rate"] == pytest.approx(25.0)
    assert curly["second_person_rate"] == straight["second_person_rate"] == pytest.approx(25.0)
    assert curly["type_token_ratio"] == straight["type_token_ratio"]


def test_language_check() -> None:
    italian = "Il governo ha deciso oggi che le nuove regole saranno esaminate ancora dal parlamento. " * 2
    assert not looks_english(parse(italian))
    late_english = (
        "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt " * 2
    )
    assert looks_english(parse(late_english + "the of and to in is that for on it with as was"))
    assert looks_english(parse("Kurz."))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "of", "Lorem", "ipsum", "dolor", "x", "!", "7"]), max_size=80))
def test_looks_english_matches_the_share(words: list[str]) -> None:
    doc = parse(" ".join(words))
    n_words = sum(1 for t in doc.tokens if t.kind == "word")
    assert looks_english(doc) == (n_words < MIN_WORDS or english_share(doc) >= MIN_SHARE)
