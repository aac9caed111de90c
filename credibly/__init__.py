"""credibly: source-reliability scoring for news articles.

The score rates writing and sourcing practice (attribution, hedging, internal consistency, style),
not the truth of the claims. Quick use::

    import credibly
    result = credibly.score("Officials said on Monday that ...", title="...", url="https://...")
    result.score, result.label, result.explanation

The installed package is one namespace: ``credibly.features`` (the engine: shared parse and signal
families), ``credibly.models`` (the runtime model, training and evaluation) and ``credibly.scoring``
(the product surface: engine, CLI, batch, HTTP API). Names below load lazily, so ``import credibly``
stays cheap and loads no model until one is used.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("credibly")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from credibly.scoring.engine import Scorer
    from credibly.scoring.inputs import ArticleInput
    from credibly.scoring.result import ScoreResult

__all__ = ["ArticleInput", "ScoreResult", "Scorer", "__version__", "score"]

_LAZY = {
    "Scorer": "credibly.scoring.engine",
    "ScoreResult": "credibly.scoring.result",
    "ArticleInput": "credibly.scoring.inputs",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'credibly' has no attribute {name!r}")


def score(
    text: str | None = None,
    *,
    html: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    id: str | None = None,
) -> ScoreResult:
    """Score one article (plain ``text`` or raw ``html``) with the shipped model; never raises on bad
    input: a result whose ``error`` is set says why it could not be scored."""
    from credibly.scoring.engine import default_scorer
    from credibly.scoring.inputs import ArticleInput

    article = ArticleInput(
        text=text, html=html, title=title, url=url, published=published, source=source, id=id
    )
    return default_scorer().score(article)
