"""Duplicate keys: canonical URL and content hash; the first record is the primary."""

from __future__ import annotations

import pytest

from credibly.scoring.batch.dedup import Deduplicator, canonical_url, content_key
from credibly.scoring.inputs import ArticleInput as A


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://www.Example.com/a/?utm_source=x&b=2#top", "http://example.com/a?b=2"),
        ("example.com/story/", "https://example.com/story"),
        ("https://ex.com/n.php?id=2&a=1", "https://ex.com/n.php?a=1&id=2"),
        ("https://ex.com/a?fbclid=123", "https://ex.com/a"),
    ],
)
def test_equivalent_urls_share_a_canonical_form(a, b):
    assert canonical_url(a) == canonical_url(b) is not None


def test_different_articles_and_non_urls():
    assert canonical_url("https://ex.com/n.php?id=1") != canonical_url("https://ex.com/n.php?id=2")
    assert canonical_url("") is None and canonical_url("not a url") is None and canonical_url(None) is None


def test_content_key_ignores_whitespace_but_not_title():
    base = content_key(A(text="Officials said  the bridge\nreopened.", title="Bridge"))
    assert base == content_key(A(text="Officials said the bridge reopened. ", title=" Bridge"))
    assert base != content_key(A(text="Officials said the bridge reopened.", title="Other"))
    assert content_key(A(text="   ")) is None and content_key(A(html=None)) is None


def test_deduplicator_marks_later_records_with_the_first_id():
    dedup = Deduplicator()
    assert dedup.check(0, "a", "https://x.com/1", A(text="one")) is None
    assert dedup.check(1, "b", "https://www.x.com/1/", A(text="changed")).id == "a"  # same URL
    assert dedup.check(2, "c", None, A(text="one")).seq == 0  # same content
    assert dedup.check(3, "d", "https://x.com/2", A(text="changed")).id == "a"  # content of b -> a's result
    assert dedup.check(4, "e", "https://x.com/3", A(text="new")) is None
    assert dedup.check(5, "f", None, None) is None  # unreadable rows are never duplicates
