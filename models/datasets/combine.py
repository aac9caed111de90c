"""`load_all`: the labelled corpora in one frame, with a domain-rating soft label, deduplicated.

Corpora with their own labels: BuzzFeed-Webis, FakeNewsNet, Horne 2017 (article level) and ReCOVery
(publisher level). With `distant=True`, two more get distant labels from the publisher's Lin et al.
quality rating (`pc1 >= RELIABLE_RATING` -> 1, `<= UNRELIABLE_RATING` -> 0, in between excluded,
`label_kind="rating"`): the hyperpartisan corpus (its own label measures partisanship, not
reliability) and FakeHealth (health news and press releases, unlabelled; its rated publishers are
all mainstream, a counterweight to "health topic = unreliable").

Steps, in order: drop excluded labels (NaN), drop empty texts and crawl placeholders, attach
`soft_label` (the source host's `pc1` when the source is known and rated, else NaN), drop texts that
occur with contradictory labels, then keep one copy per normalised-text hash, preferring
article-level labels, known sources, then corpus order. The counts of every step are in
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
from credibly.models.datasets.fakehealth import load_fakehealth
from credibly.models.datasets.fakenewsnet import load_fakenewsnet
from credibly.models.datasets.horne2017 import load_horne2017
from credibly.models.datasets.hyperpartisan import load_hyperpartisan
from credibly.models.datasets.recovery import load_recovery

LOADERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "buzzfeed_webis": load_buzzfeed_webis,
    "fakenewsnet": load_fakenewsnet,
    "horne2017": load_horne2017,
    "recovery": load_recovery,
}
DISTANT_LOADERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "hyperpartisan": load_hyperpartisan,
    "fakehealth": load_fakehealth,
}
_KIND_RANK: dict[str, int] = {"article": 0, "source": 1, "rating": 2, "proxy": 3}
# Lin et al. pc1 thresholds for distant labels: high-quality outlets sit above 0.7 (Reuters 1.0, NPR
# 0.93), unreliable ones below 0.4 (Breitbart 0.28, InfoWars 0.05); the band between is left out.
RELIABLE_RATING, UNRELIABLE_RATING = 0.7, 0.4


def rating_label(rating: float | None) -> float:
    """1 for a publisher rated high, 0 for one rated low, NaN in between or unrated."""
    if rating is None or rating != rating:
        return float("nan")
    if rating >= RELIABLE_RATING:
        return 1.0
    return 0.0 if rating <= UNRELIABLE_RATING else float("nan")


def with_rating_labels(frame: pd.DataFrame, ratings: dict[str, float]) -> pd.DataFrame:
    """``frame`` with labels from its publishers' ratings (``label_kind="rating"``)."""
    labels = frame["source"].map(ratings).where(frame["source_known"]).map(rating_label)
    return frame.assign(
        label=labels, label_raw=frame["source"].map(ratings).round(3).astype(str), label_kind="rating"
    )


def load_corpora(
    data_dir: Path = DEFAULT_DATA_DIR, include_proxy: bool = False, distant: bool = False
) -> dict[str, pd.DataFrame]:
    """Each labelled corpus as loaded, by corpus name: hyperpartisan with its proxy label when
    `include_proxy`, or with distant rating labels (and FakeHealth too) when `distant`."""
    corpora = {name: loader(data_dir) for name, loader in LOADERS.items()}
    if distant:
        ratings = rating_lookup(load_domain_ratings(data_dir))
        for name, loader in DISTANT_LOADERS.items():
            corpora[name] = with_rating_labels(loader(data_dir), ratings)
    elif include_proxy:
        corpora["hyperpartisan"] = load_hyperpartisan(data_dir, include_proxy=True)
    return corpora


def load_all(
    data_dir: Path = DEFAULT_DATA_DIR, include_proxy: bool = False, distant: bool = False
) -> pd.DataFrame:
    """Concatenated labelled corpora with `soft_label`, deduplicated; step counts in `attrs["stats"]`."""
    ratings = rating_lookup(load_domain_ratings(data_dir))
    return combine(load_corpora(data_dir, include_proxy, distant), ratings)


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
