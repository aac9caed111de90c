"""Time anchors: the days a report names in prose, and what is not one (names, timestamps, furniture)."""

from __future__ import annotations

import pytest

from credibly.features.attribution import extract
from credibly.features.attribution.anchors import find_time_anchors
from credibly.features.document import parse


def _anchors(text: str) -> list[tuple[int, int, str]]:
    doc = parse(text)
    return [(a.start, a.end, text[a.start : a.end]) for a in find_time_anchors(doc, [])]


def test_weekdays_and_dates_in_prose_are_exact_spans() -> None:
    text = "The senator said Wednesday that the bill would pass by March 3, 2016, or on 4 July."
    assert _anchors(text) == [(17, 26, "Wednesday"), (55, 62, "March 3"), (76, 82, "4 July")]


def test_abbreviated_months_and_ordinals() -> None:
    text = "The court will rule on Sept. 12 or on the 3rd of Oct., the clerk told the parties."
    assert [a[2] for a in _anchors(text)] == ["Sept. 12", "3rd of Oct"]


@pytest.mark.parametrize(
    "text",
    [
        "Super Tuesday voters went to the polls across eleven states.",
        "The Sunday Times reported that the deal collapsed after talks.",
        "Shoppers lined up for Black Friday deals at the mall downtown.",
        "Posted on Monday, March 7, 2016",  # a timestamp: too few words to be prose
        # Update stamps heading a post: when the page changed, not when the events happened.
        "UPDATE October 25, 2016: The FBI has not commented on the new emails.",
        "Updated on Tuesday, March 8: the story now includes the mayor's response.",
        "(Last modified: Friday) The council voted to close the library branch.",
        "Protesters may march 3 miles to the capitol and then rest there.",  # lower-case: no month
        "The company reported revenue in March 2016 that beat forecasts by far.",  # a month, no day
    ],
)
def test_names_timestamps_and_undated_months_are_not_anchors(text: str) -> None:
    assert _anchors(text) == []


def test_boilerplate_and_credit_lines_are_not_anchors() -> None:
    bio = "About the author: Jane writes every Monday about the markets and the economy."
    doc = parse(f"Protesters gathered on Sunday outside the ministry in the capital.\n{bio}")
    start = doc.text.index("About")
    assert [doc.text[a.start : a.end] for a in find_time_anchors(doc, [(start, len(doc.text))])] == ["Sunday"]


def test_dated_sentence_share_counts_each_sentence_once() -> None:
    text = (
        "Protesters gathered on Sunday, March 6, outside the ministry in the capital. "
        "Police said several people were detained near the square. "
        "The minister is expected to respond on Monday, his office said."
    )
    result = extract(parse(text))
    assert result.features["dated_sentence_share"] == pytest.approx(2 / 3)
    assert [e.text for e in result.evidence if e.kind == "dated"] == ["Sunday", "March 6", "Monday"]


def test_an_undated_article_has_none() -> None:
    text = "Many people are saying the plan is a disaster and that it will fail soon enough."
    assert extract(parse(text)).features["dated_sentence_share"] == 0.0


def test_a_date_clashing_with_its_weekday_earns_no_credit() -> None:
    text = (
        "The opposition leader was arrested on Monday, June 14, 2016, in the capital. "
        "His lawyer said on Tuesday that the charges would be challenged in court."
    )
    result = extract(parse(text))  # June 14, 2016 was a Tuesday
    assert [e.text for e in result.evidence if e.kind == "dated"] == ["Tuesday"]
    assert result.features["dated_sentence_share"] == pytest.approx(1 / 2)


def test_publication_words_in_prose_still_date_an_event() -> None:
    text = "In an interview published Thursday, the senator said the deal was dead.\nUpdated Friday: typo."
    assert [a[2] for a in _anchors(text)] == ["Thursday"]
