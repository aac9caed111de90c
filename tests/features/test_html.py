"""HTML extraction keeps the article body and its metadata, and drops navigation and footers."""

from __future__ import annotations

from support import EXAMPLES

from credibly.features.html import extract_html

EXAMPLE = EXAMPLES / "press-release.html"


def test_extracts_body_and_metadata():
    page = extract_html(EXAMPLE.read_text(encoding="utf-8"))
    assert page.title == "Study links air pollution to hospital admissions"
    assert page.author == "Priya Raman"
    assert page.date == "2024-02-02"
    assert "Days with high levels of fine particulate pollution" in page.text
    assert "All rights reserved" not in page.text
    assert "Home | Health" not in page.text
    assert not page.text.startswith("Study links air pollution")  # headline line removed from body


def test_keeps_only_in_article_links():
    page = extract_html(EXAMPLE.read_text(encoding="utf-8"))
    assert "https://doi.org/10.0000/example" in page.links
    assert "/privacy" not in page.links and "/subscribe" not in page.links


def test_pages_without_main_content_fall_back_or_return_empty():
    assert extract_html("<html><body></body></html>").text == ""
    assert "hello world" in extract_html("<p>hello world</p>").text
    assert extract_html("not html at all <<<>>>").text is not None
