"""SemEval-2019 Task 4 hyperpartisan, by-article training set: `articles-*.xml` joined to
`ground-truth-*.xml`.

Hyperpartisan is a proxy, not reliability (`label_kind="proxy"`): label is NaN unless
`include_proxy=True`, then hyperpartisan -> 0 and not hyperpartisan -> 1. `html` keeps the article's
`<p>`, `<q>` and `<a>` markup; `text` is a plain rendering with one paragraph per `<p>`. The url and
source host come from the ground-truth record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from credibly.hosts import normalise_host
from credibly.models.datasets._common import DEFAULT_DATA_DIR, NAN, clean_text, make_frame, unknown_source

CORPUS = "hyperpartisan"
PROXY_LABELS: dict[str, float] = {"true": 0.0, "false": 1.0}
_BLOCKS = frozenset({"p"})


def load_hyperpartisan(data_dir: Path = DEFAULT_DATA_DIR, include_proxy: bool = False) -> pd.DataFrame:
    """Load the by-article articles joined by id to their ground truth (url, hyperpartisan flag)."""
    folder = Path(data_dir) / "hyperpartisan_2019"
    truth = _ground_truth(_single(folder, "ground-truth-*.xml"))
    articles = etree.parse(str(_single(folder, "articles-*.xml"))).getroot()
    return make_frame(
        _record(article, truth.get(article.get("id"), {}), include_proxy) for article in articles
    )


def _single(folder: Path, pattern: str) -> Path:
    """The one file in `folder` matching `pattern` (the by-article release has exactly one of each)."""
    matches = sorted(folder.glob(pattern))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one {pattern} in {folder}, found {len(matches)}")
    return matches[0]


def _ground_truth(path: Path) -> dict[str, dict[str, str]]:
    """Ground-truth attributes keyed by article id."""
    return {node.get("id"): dict(node.attrib) for node in etree.parse(str(path)).getroot()}


def _record(article: etree._Element, truth: dict[str, str], include_proxy: bool) -> dict[str, Any]:
    """One article record; label NaN (excluded) unless the proxy is requested."""
    flag = truth.get("hyperpartisan", "").lower()
    text = html_to_text(article)
    host = normalise_host(truth.get("url"))
    return {
        "id": f"hp:{article.get('id')}",
        "text": text,
        "html": inner_html(article),
        "title": clean_text(article.get("title")),
        "url": truth.get("url") or None,
        "source": host or unknown_source(CORPUS, text),
        "source_known": bool(host),
        "corpus": CORPUS,
        "subset": truth.get("labeled-by", "article"),
        "published": article.get("published-at") or None,
        "label": PROXY_LABELS.get(flag, NAN) if include_proxy else NAN,
        "label_raw": "hyperpartisan" if flag == "true" else "not-hyperpartisan" if flag == "false" else flag,
        "label_kind": "proxy",
    }


def inner_html(element: etree._Element) -> str:
    """The element's content as markup, without the enclosing `<article>` tag."""
    head = element.text or ""
    return (head + "".join(etree.tostring(child, encoding="unicode") for child in element)).strip()


def html_to_text(element: etree._Element) -> str:
    """Plain text of the article: each `<p>`, and each stretch of loose text between them, is a paragraph."""
    paragraphs: list[str] = []
    loose: list[str] = [element.text or ""]
    for child in element:
        if child.tag in _BLOCKS:
            paragraphs.extend([" ".join(loose), "".join(child.itertext())])
            loose = []
        else:
            loose.append("".join(child.itertext()))
        loose.append(child.tail or "")
    paragraphs.append(" ".join(loose))
    return "\n\n".join(filter(None, (" ".join(part.split()) for part in paragraphs)))
