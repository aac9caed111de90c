"""The API's SQLite store: migrations, cache rows, trusted ratings with incremental aggregates, shrinkage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from credibly.scoring.api import store as store_module
from credibly.scoring.api.service import canonical_url
from credibly.scoring.api.store import PRIOR_WEIGHT, ArticleRow, Rating, Store, shrink


def _row(url: str, content: str, score: float | None, host: str = "news.example") -> ArticleRow:
    return ArticleRow(url, content, "m1", host, score, '{"id": "x"}', "x", url or None)


def test_fresh_database_gets_every_migration_once(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite3")
    assert Store(path).version == len(store_module.MIGRATIONS)
    Store(path).close()  # reopening applies nothing twice
    versions = [
        v for (v,) in sqlite3.connect(path).execute("SELECT version FROM schema_version ORDER BY version")
    ]
    assert versions == list(range(1, len(store_module.MIGRATIONS) + 1))
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_old_database_is_upgraded_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "old.sqlite3")
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
        old = Store(path)
        old.save(_row("https://news.example/a", "h1", 70.0))
        old.close()
    upgraded = Store(path)
    assert upgraded.lookup("https://news.example/a", "h1", "m1") == (
        '{"id": "x"}',
        "x",
        "https://news.example/a",
    )
    assert upgraded.add_feedback(
        "ip:x", "https://news.example/a", "news.example", "accurate", None, None, 10
    ) == (
        1,
        False,
    )


def test_aggregates_follow_ratings_and_replacements(tmp_path: Path) -> None:
    db = Store(str(tmp_path / "s.sqlite3"))
    db.save(_row("https://news.example/c", "h0", 5.0))  # cached results never count
    assert db.source("news.example") is None
    rate = lambda key, score, host="news.example": db.rate([Rating(key, host, score, "test")])  # noqa: E731
    rate("https://news.example/a", 20.0)
    rate("https://news.example/b", 80.0)
    rate("https://news.example/b", 80.0)  # the same item again: counted once
    rate("other.example#x", 50.0, "other.example")
    stats = db.source("news.example")
    assert (
        stats is not None
        and stats["count"] == 2
        and stats["mean_score"] == 50.0
        and stats["share_low"] == 0.5
    )
    rate("https://news.example/a", 60.0)  # a newer rating of an item replaces the old one
    stats = db.source("news.example")
    assert stats is not None and stats["count"] == 2 and stats["mean_score"] == 70.0
    assert db.source("missing.example") is None


def test_shrinkage_pulls_small_sources_toward_the_global_mean() -> None:
    # global: 1000 articles, mean 50, sd 20 -> sums
    g = (1000, 50.0 * 1000, (20.0**2 + 50.0**2) * 1000)
    one = shrink(1, 90.0, 8100.0, *g)
    many = shrink(1000, 90.0 * 1000, 8100.0 * 1000, *g)
    assert one["shrunk_mean"] == pytest.approx((90 + PRIOR_WEIGHT * 50) / (1 + PRIOR_WEIGHT), abs=0.01)
    assert many["shrunk_mean"] == pytest.approx(90.0, abs=0.5)
    assert one["high"] - one["low"] > many["high"] - many["low"]
    edge = shrink(5, 500.0, 50000.0, 10, 1000.0, 100000.0)  # everything at 100: clipped
    assert edge["high"] == 100.0 and edge["low"] <= 100.0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://WWW.News.example/a/?utm_source=x&b=2&a=1#top", "https://www.news.example/a/?a=1&b=2"),
        ("  ", ""),
        (None, ""),
        ("http://[::1", "http://[::1"),
    ],
)
def test_canonical_url(url: str | None, expected: str) -> None:
    assert canonical_url(url) == expected
