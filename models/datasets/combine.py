"""`load_all`: the labelled corpora in one frame, with a domain-rating soft label, deduplicated.

Steps, in order: drop excluded labels (NaN), drop empty texts and crawl placeholders, attach
`soft_label` (the source host's
`pc1` when the source is known and rated, else NaN), drop texts that occur with contradictory labels,
then keep one copy per normalised-text hash, preferring article-level labels, known sources, then
corpus order. The counts of every step are in
`frame.attrs["stats"]`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from credibly.models.datasets._common import DEFAULT_DATA_DIR, is_placeholder, text_key
from credibly.models.datasets.buzzfeed_webis import load_buzzfeed_webis
from credibly.models.datasets.domain_ratings import load_domain_ratings, rating_lookup
from credibly.models.datasets.fakenewsnet import load_fakenewsnet
from credibly.models.datasets.horne2017 import load_horne2017
from credibly.models.datasets.hyperpartisan import load_hyperpartisan

LOADERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "buzzfeed_webis": load_buzzfeed_webis,
    "fakenewsnet": load_fakenewsnet,
    "horne2017": load_horne2017,
}
_KIND_RANK: dict[str, int] = {"article": 0, "source": 1, "proxy": 2}


def load_corpora(data_dir: Path = DEFAULT_DATA_DIR, include_proxy: bool = False) -> dict[str, pd.DataFrame]:
    """Each labelled corpus as loaded, by corpus name (hyperpartisan only with `include_proxy`)."""
    corpora = {name: loader(data_dir) for name, loader in LOADERS.items()}
    if include_proxy:
        corpora["hyperpartisan"] = load_hyperpartisan(data_dir, include_proxy=True)
    return corpora


def load_all(data_dir: Path = DEFAULT_DATA_DIR, include_proxy: bool = False) -> pd.DataFrame:
    """Concatenated labelled corpora with `soft_label`, deduplicated; step counts in `attrs["stats"]`."""
    ratings = rating_lookup(load_domain_ratings(data_dir))
    return combine(load_corpora(data_dir, include_proxy), ratings)


def combine(corpora: dict[str, pd.DataFrame], ratings: dict[str, float]) -> pd.DataFrame:
    """Filter, soft-label and deduplicate already loaded corpora (the testable core of `load_all`)."""
    frame = pd.concat(list(corpora.values()), ignore_index=True)
    stats: dict[str, Any] = {"loaded": _per_corpus(frame)}
    frame = frame[frame["label"].notna()]
    stats["labelled"] = _per_corpus(frame)
    frame = frame[frame["text"].str.strip() != ""]
    stats["non_empty"] = _per_corpus(frame)
    frame = frame[~frame["text"].map(is_placeholder)]
    stats["not_placeholder"] = _per_corpus(frame)
    frame = frame.assign(soft_label=frame["source"].map(ratings).where(frame["source_known"]))
    frame, stats["duplicates"] = deduplicate(frame)
    stats["kept"] = _per_corpus(frame)
    frame = frame.reset_index(drop=True)
    frame.attrs["stats"] = stats
    return frame


def deduplicate(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """One row per normalised-text hash; texts carrying contradictory labels are dropped altogether."""
    keyed = frame.assign(text_key=frame["text"].map(text_key))
    labels_per_key = keyed.groupby("text_key")["label"].transform("nunique")
    conflicting = keyed[labels_per_key > 1]
    keyed = keyed[labels_per_key == 1]
    order = keyed.assign(
        _kind=keyed["label_kind"].map(_KIND_RANK),
        _unknown=~keyed["source_known"],
        _corpus=keyed["corpus"].map({name: rank for rank, name in enumerate(LOADERS)}).fillna(len(LOADERS)),
    ).sort_values(["_kind", "_unknown", "_corpus", "id"], kind="stable")
    duplicated = order["text_key"].duplicated()
    groups = keyed[keyed["text_key"].isin(order.loc[duplicated, "text_key"])].groupby("text_key")
    report = {
        "removed": _per_corpus(order[duplicated]),
        "groups": int(groups.ngroups),
        "cross_corpus_groups": int((groups["corpus"].nunique() > 1).sum()),
        "label_conflicts_dropped": _per_corpus(conflicting),
    }
    kept = order[~duplicated].drop(columns=["_kind", "_unknown", "_corpus"]).sort_index()
    return kept, report


def _per_corpus(frame: pd.DataFrame) -> dict[str, int]:
    """Row count per corpus, plus `total`."""
    counts = {str(name): int(size) for name, size in frame.groupby("corpus").size().items()}
    return {**counts, "total": len(frame)}
