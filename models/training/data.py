"""The training data of the reliability model: labelled articles, their signals, and sample weights.

Articles come from every labelled corpus plus the two with distant labels from publisher ratings
(``load_all(distant=True)``), exact and near duplicates removed. Weights give every corpus the same
total, damp large publishers (each publisher's weight grows with the square root of its article
count, not linearly) and balance the two labels, so no corpus, outlet or base rate defines
"reliable" alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from credibly.features.pipeline import feature_names
from credibly.features.transformer import SignalExtractor, as_document
from credibly.features.wording import masked_ngrams

SHINGLE_WORDS = 6
NEAR_DUP_CONTAINMENT = 0.5
CHUNK = 100
_WORDS_RE = re.compile(r"[a-z0-9]+")
# Topic and period of each corpus, for leave-one-topic-out and the per-topic reports.
TOPICS = {
    "buzzfeed_webis": "US politics 2016",
    "fakenewsnet": "US politics 2016",
    "horne2017": "US politics 2016",
    "hyperpartisan": "US politics 2016",
    "recovery": "COVID-19 2020",
    "fakehealth": "health news 2013-2018",
}


@dataclass
class TrainingData:
    """Everything training and evaluation need, computed once; rows follow ``frame``."""

    frame: pd.DataFrame
    X: np.ndarray
    names: list[str]
    grams: list[list[str]]
    y: np.ndarray
    publishers: np.ndarray
    corpora: np.ndarray
    weights: np.ndarray
    texts: list[str]
    word_counts: np.ndarray


def _shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    words = _WORDS_RE.findall(text.lower())
    return {" ".join(words[i : i + k]) for i in range(max(len(words) - k + 1, 0))}


def near_duplicate_mask(texts: Sequence[str], containment: float = NEAR_DUP_CONTAINMENT) -> np.ndarray:
    """True for each text sharing more than ``containment`` of the smaller shingle set with an earlier
    kept text: the same story re-crawled by another corpus would otherwise sit on both sides of a
    leave-one-corpus-out split (FakeNewsNet's BuzzFeed items are largely BuzzFeed-Webis articles)."""
    index: dict[str, list[int]] = {}
    kept_sizes: dict[int, int] = {}
    drop = np.zeros(len(texts), dtype=bool)
    for i, text in enumerate(texts):
        shingles = _shingles(text or "")
        shared: dict[int, int] = {}
        for g in shingles:
            for j in index.get(g, ()):
                shared[j] = shared.get(j, 0) + 1
        if any(c > containment * max(1, min(len(shingles), kept_sizes[j])) for j, c in shared.items()):
            drop[i] = True
            continue
        kept_sizes[i] = len(shingles)
        for g in shingles:
            index.setdefault(g, []).append(i)
    return drop


def drop_near_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop later rows whose text is a near-duplicate of an earlier row (see near_duplicate_mask)."""
    return frame.loc[~near_duplicate_mask(frame["text"].fillna("").tolist())].reset_index(drop=True)


def training_frame(data_dir: Path) -> pd.DataFrame:
    """Labelled and distantly labelled articles, exact and near duplicates removed, with ``topic``."""
    from credibly.models.datasets import load_all

    frame = load_all(data_dir, distant=True)
    frame = frame[frame["label"].notna()].reset_index(drop=True)
    frame = drop_near_duplicates(frame)
    return frame.assign(topic=frame["corpus"].map(TOPICS).fillna("other"))


def sample_weights(corpora: Sequence[str], publishers: Sequence[str], y: Sequence[int]) -> np.ndarray:
    """Per-article weights (mean 1): equal total per corpus, publishers damped to the square root of
    their size, and equal total per label."""
    frame = pd.DataFrame({"corpus": list(corpora), "publisher": list(publishers), "y": list(y)})
    size = frame.groupby(["corpus", "publisher"])["y"].transform("size").to_numpy(dtype=float)
    w = 1.0 / np.sqrt(size)
    w /= frame.assign(w=w).groupby("corpus")["w"].transform("sum").to_numpy()
    labels = frame["y"].to_numpy()
    for label in (0, 1):
        mask = labels == label
        if mask.any():
            w[mask] *= 0.5 / w[mask].sum()
    return w * len(w) / w.sum()


def records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as scoring inputs (text, else HTML, plus metadata)."""
    html = frame["html"] if "html" in frame else pd.Series([None] * len(frame), index=frame.index)
    return [
        {
            "text": t if isinstance(t, str) and t else None,
            "html": h if isinstance(h, str) else None,
            "title": ti if isinstance(ti, str) else None,
            "url": u if isinstance(u, str) else None,
            "published": p if isinstance(p, str) else None,
        }
        for t, h, ti, u, p in zip(frame["text"], html, frame["title"], frame["url"], frame["published"])
    ]


def _chunk(items: list[dict]) -> tuple[np.ndarray, list[list[str]], list[int]]:
    docs = [as_document(r) for r in items]
    X = SignalExtractor().fit(docs).transform(docs)
    return X, [masked_ngrams(doc) for doc in docs], [doc.word_count for doc in docs]


def featurise(items: list[dict], n_jobs: int = -1) -> tuple[np.ndarray, list[list[str]], np.ndarray]:
    """Signal matrix, masked n-gram lists and word counts of scoring inputs (in order)."""
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    parts = Parallel(n_jobs=n_jobs)(delayed(_chunk)(c) for c in chunks)
    if not parts:
        return np.zeros((0, len(feature_names()))), [], np.zeros(0)
    X = np.vstack([p[0] for p in parts])
    return X, [g for p in parts for g in p[1]], np.concatenate([p[2] for p in parts]).astype(float)


def _cache_key(frame: pd.DataFrame) -> str:
    digest = hashlib.sha256("\x1f".join(feature_names()).encode())
    for text in frame["text"].fillna(""):
        digest.update(hashlib.sha1(text.encode("utf-8", "replace")).digest())
    return digest.hexdigest()[:16]


def _load_cache(path: Path) -> tuple[np.ndarray, list[list[str]], np.ndarray]:
    with np.load(path, allow_pickle=False) as arrays:
        X, words = arrays["X"], arrays["words"]
    grams = json.loads(gzip.decompress(path.with_suffix(".grams.json.gz").read_bytes()))
    return X, grams, words


def _save_cache(path: Path, X: np.ndarray, grams: list[list[str]], words: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, X=X, words=words)
    path.with_suffix(".grams.json.gz").write_bytes(gzip.compress(json.dumps(grams).encode(), mtime=0))


def load_training_data(data_dir: Path, cache_dir: Path | None = None) -> TrainingData:
    """Frame, signals, masked n-grams, labels, groups and weights. With ``cache_dir``, signals are
    stored there (plain arrays and JSON, never pickles) keyed by the texts and feature names."""
    frame = training_frame(data_dir)
    cached = cache_dir / f"features-{_cache_key(frame)}.npz" if cache_dir is not None else None
    if cached is not None and cached.exists():
        X, grams, words = _load_cache(cached)
    else:
        X, grams, words = featurise(records(frame))
        if cached is not None:
            _save_cache(cached, X, grams, words)
    y = frame["label"].astype(int).to_numpy()
    publishers = frame["source"].fillna("").astype(str).to_numpy()
    corpora = frame["corpus"].astype(str).to_numpy()
    return TrainingData(
        frame=frame,
        X=X,
        names=feature_names(),
        grams=grams,
        y=y,
        publishers=publishers,
        corpora=corpora,
        weights=sample_weights(corpora, publishers, y),
        texts=(frame["title"].fillna("") + "\n" + frame["text"].fillna("")).tolist(),
        word_counts=words,
    )
