"""HTML extraction keeps the article body and its metadata, and drops navigation and footers."""

from __future__ import annotations

import trafilatura.external
from justext.utils import get_stoplist
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


def test_a_short_page_is_rescued_with_the_english_stop_list_only(monkeypatch):
    """A page too short for trafilatura's own extraction goes to jusText, which must not build the
    all-language stop list (about 29 MB a worker)."""
    rescues = []
    rescue = trafilatura.external.try_justext

    def counted(*args, **kwargs):
        rescues.append(args)
        return rescue(*args, **kwargs)

    def all_languages():
        raise AssertionError("trafilatura loaded every jusText stop list")

    monkeypatch.setattr(trafilatura.external, "try_justext", counted)
    monkeypatch.setattr(trafilatura.external, "get_stoplists", all_languages)
    html = (
        "<html><body><div><p>The council voted on Tuesday to repair the bridge over the river, "
        "the mayor said.</p></div></body></html>"
    )
    assert "The council voted on Tuesday" in extract_html(html).text
    assert rescues
    assert set(trafilatura.external.JT_STOPLIST) == set(get_stoplist("English"))


def test_a_page_nested_deeper_than_the_parser_reads_keeps_its_text_and_says_so():
    body = "<p>The mayor said on Monday that the bridge would reopen.</p>" * 20
    for depth in (200, 300):
        page = extract_html("<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>")
        assert page.text.count("The mayor said on Monday") == 20
        assert bool(page.warnings) is (depth > 255)
    unclosed = extract_html(
        "<html><body><p>" + "<b>The mayor said it on Monday. " * 3000 + "</p></body></html>"
    )
    assert unclosed.text.count("The mayor said it on Monday.") == 3000 and "deeper" in unclosed.warnings[0]
