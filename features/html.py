"""Main-text extraction from raw HTML with trafilatura, keeping title, author, date, site and links.

The extracted text is what credibly scores and returns, so every evidence offset refers to it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html.parser import HTMLParser

import lxml.html
import trafilatura
import trafilatura.external
from justext.utils import get_stoplist
from lxml.etree import ParserError

from credibly.features.lexicon import occurring

# trafilatura logs every unparseable page at ERROR level; a crawl has many, and they are not ours.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
# When its own extraction comes out short, trafilatura asks jusText to classify the page's
# paragraphs by their share of stop words; with no language given, it first builds the union of
# jusText's ~100 stop lists (about 29 MB per worker, kept for the process's life). credibly scores
# English only, so jusText gets the English list, seeded into the cache trafilatura fills lazily
# (on 645 hyperpartisan pages, 9 rescues, every extracted text identical).
trafilatura.external.JT_STOPLIST = tuple(get_stoplist("English"))  # type: ignore[assignment]  # typed by its None default


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """Main content of an HTML page: text plus the metadata trafilatura found (empty when absent)."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    sitename: str = ""
    links: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


TOO_DEEP = (
    "the page nests its markup deeper than the HTML parser's limit ({depth} levels), so its text was "
    "read without the page's structure (menus and other page furniture included)"
)
_MAX_DEPTH = 256  # libxml2's limit without XML_PARSE_HUGE: text below it is cut off silently


def _parse(html: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The page's lxml tree (None when it cannot be parsed) and whether libxml2 hit its nesting
    limit, which cuts off everything below it: trafilatura parses the same way, so its text is
    then cut short too."""
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except (ParserError, ValueError):
        return None, False
    return tree, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


class _TextCollector(HTMLParser):
    """All text outside scripts and styles, a line per block element: the standard library's parser
    keeps no tree, so no nesting depth cuts it short."""

    _SKIP = frozenset({"script", "style", "noscript", "template"})
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _flat_text(html: str) -> str:
    """Visible text of a page too deep for lxml, one line per block, blank lines dropped."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = "".join(collector.parts).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _body_links(tree: lxml.html.HtmlElement | None, text: str) -> list[str]:
    """Hrefs of anchors whose visible text occurs in the extracted main text (in-article links)."""
    if tree is None:
        return []
    anchors = []
    for a in tree.iterfind(".//a[@href]"):
        href = (a.get("href") or "").strip()
        anchor = " ".join(a.text_content().split())
        if href and not href.startswith(("#", "javascript:", "mailto:")) and len(anchor) >= 3:
            anchors.append((href, anchor))
    in_text = occurring((anchor for _, anchor in anchors), text)
    return [href for href, anchor in anchors if anchor in in_text]


def _plain_text(html: str) -> str:
    """All visible text of a fragment trafilatura rejects (e.g. a bare ``<p>`` snippet)."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for bad in tree.xpath(".//script | .//style"):
        bad.drop_tree()
    return "\n".join(" ".join(line.split()) for line in tree.text_content().splitlines() if line.strip())


def _drop_title_line(text: str, title: str) -> str:
    """trafilatura repeats the <h1> headline as the first line; keep the body only."""
    first, sep, rest = text.partition("\n")
    if title and sep and " ".join(first.split()).lower() == " ".join(title.split()).lower():
        return rest
    return text


def extract_html(html: str, url: str | None = None, fast: bool = False) -> ExtractedPage:
    """Extract the article body of ``html``; falls back to the page's plain text when trafilatura
    finds no main content, or when the page nests deeper than the parser reads (a warning says so),
    and returns empty text only when the page has no text at all."""
    tree, too_deep = _parse(html)
    if too_deep:
        text = _flat_text(html)
        return ExtractedPage(
            text=text, links=_body_links(tree, text), warnings=[TOO_DEEP.format(depth=_MAX_DEPTH)]
        )
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, fast=fast
    )
    # ``as_dict`` is off, so a result is trafilatura's Document (the dict branch is for type checkers).
    if result is not None and not isinstance(result, dict) and result.text:
        title = result.title or ""
        text = _drop_title_line(result.text, title)
        return ExtractedPage(
            text=text,
            title=title,
            author=result.author or "",
            date=result.date or "",
            sitename=result.sitename or "",
            links=_body_links(tree, text),
        )
    fallback = trafilatura.html2txt(html) or _plain_text(html)
    return ExtractedPage(text=fallback, links=_body_links(tree, fallback) if fallback else [])
