"""Article preparation: control characters, truncation, HTML vs text precedence."""

from __future__ import annotations

from credibly.features.article import prepare


def test_control_characters_become_spaces_of_same_length():
    prepared = prepare(text="Officials\x00 said\x07 it.")
    assert prepared.doc.text == "Officials  said  it."
    assert prepared.control_chars == 2
    assert any("control" in w for w in prepared.warnings)


def test_long_text_is_truncated_with_a_warning():
    prepared = prepare(text="word " * 1000, max_chars=100)
    assert len(prepared.doc.text) == 100
    assert prepared.warnings and "truncated" in prepared.warnings[0]


def test_text_wins_over_html_and_html_metadata_is_used():
    both = prepare(text="plain body", html="<p>html body here</p>")
    assert both.doc.text == "plain body" and not both.from_html
    html = prepare(
        html="<html><head><title>T</title></head><body><article><p>The body of the article is "
        "long enough to be extracted as main content by the extractor.</p></article></body></html>"
    )
    assert html.from_html and "body of the article" in html.doc.text


def test_published_date_is_parsed():
    assert str(prepare(text="x", published="2016-06-17").doc.published) == "2016-06-17"


def test_invisible_characters_are_removed_and_the_text_is_returned_with_a_warning():
    clean = "Officials said, according to a statement, that the bridge would reopen."
    hidden = clean.replace("a", "a\u200b").replace("s", "s\ufe0f").replace("re", "re\u00ad")
    prepared = prepare(text=hidden, title="Bridge\u200b reopens")
    assert prepared.doc.text == clean and prepared.doc.title == "Bridge reopens"
    assert prepared.repaired and "invisible formatting" in prepared.warnings[0]
    assert [t.text for t in prepared.doc.tokens] == [t.text for t in prepare(text=clean).doc.tokens]
    assert not prepare(text=clean).warnings
