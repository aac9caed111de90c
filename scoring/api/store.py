"""SQLite store (WAL): scored articles (the cache), readers' feedback and per-source aggregates.

Schema changes are ordered ``MIGRATIONS``; ``schema_version`` records each applied one, so an old
database is upgraded in place at start-up (inside one ``BEGIN IMMEDIATE``, safe with several workers).

Source aggregates are kept current on every insert (count, sum, sum of squares, count below 40)
per normalised host and globally (host ``*``). A URL counts once: a new version of its content (or a
new model) replaces the old contribution. Shrinkage, with prior weight k = ``PRIOR_WEIGHT`` articles
and the global mean m and variance v_g::

    shrunk   = (n * mean + k * m) / (n + k)
    sd       = sqrt((n * v_source + k * v_g) / (n + k))        # v_source: population variance
    interval = shrunk -/+ 1.645 * sd / sqrt(n + k), clipped to [0, 100]   (90%)
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from credibly.scoring.result import LOW_BELOW
from credibly.scoring.sources import PRIOR_ARTICLES, shrunk_interval

PRIOR_WEIGHT = PRIOR_ARTICLES
GLOBAL = "*"

MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: scored articles (cache) and per-source running sums
        """CREATE TABLE articles (
            url_key TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            model TEXT NOT NULL,
            host TEXT NOT NULL,
            score REAL,
            current INTEGER NOT NULL DEFAULT 1,
            result TEXT NOT NULL,
            result_id TEXT NOT NULL,
            result_url TEXT,
            created_at REAL NOT NULL,
            PRIMARY KEY (url_key, content_hash, model))""",
        "CREATE INDEX articles_current_url ON articles (url_key) WHERE current = 1",
        """CREATE TABLE source_stats (
            host TEXT PRIMARY KEY, n INTEGER NOT NULL, total REAL NOT NULL,
            total_sq REAL NOT NULL, n_low INTEGER NOT NULL)""",
    ),
    (  # 2: readers' and publishers' feedback
        """CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT, url_key TEXT NOT NULL, host TEXT NOT NULL,
            verdict TEXT NOT NULL, comment TEXT, result_id TEXT, created_at REAL NOT NULL)""",
        "CREATE INDEX feedback_host ON feedback (host)",
    ),
]


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One scored article: cache key (canonical URL, content hash, model), host, score, and the result
    JSON with the ``id`` and ``url`` it carries (so a hit with the same ones is served byte for byte)."""

    url_key: str
    content_hash: str
    model: str
    host: str
    score: float | None
    result_json: str
    result_id: str
    result_url: str | None


def shrink(
    n: int, total: float, total_sq: float, g_n: int, g_total: float, g_total_sq: float
) -> dict[str, float]:
    """Shrunk mean and 90% interval of one source toward the global distribution (formula above)."""
    mean = total / n
    g_mean = g_total / g_n
    sd = math.sqrt(max(total_sq / n - mean * mean, 0.0))
    g_sd = math.sqrt(max(g_total_sq / g_n - g_mean * g_mean, 0.0))
    shrunk, low, high = shrunk_interval(n, mean, sd, g_mean, g_sd, PRIOR_WEIGHT)
    return {
        "mean_score": round(mean, 2),
        "shrunk_mean": round(shrunk, 2),
        "low": round(low, 2),
        "high": round(high, 2),
        "global_mean": round(g_mean, 2),
    }


class Store:
    """A writer connection, used from one dedicated thread so writes never interleave, and a reader
    connection for cache lookups (WAL lets it read while the writer commits). ``path`` is a file."""

    def __init__(self, path: str):
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.version = self._migrate()
        self.reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _migrate(self) -> int:
        """Apply the migrations this database has not seen yet; return the schema version."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at REAL)"
        )
        with self._transaction() as db:
            current = db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
            for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
                for sql in statements:
                    db.execute(sql)
                db.execute("INSERT INTO schema_version VALUES (?, ?)", (version, time.time()))
        return len(MIGRATIONS)

    def lookup(self, url_key: str, content_hash: str, model: str) -> tuple[str, str, str | None] | None:
        """``(result JSON, its id, its url)`` stored for this exact URL + content + model (a cache hit)."""
        return self.reader.execute(
            "SELECT result, result_id, result_url FROM articles"
            " WHERE url_key = ? AND content_hash = ? AND model = ?",
            (url_key, content_hash, model),
        ).fetchone()

    def save(self, row: ArticleRow) -> None:
        """Insert a scored article and keep the source aggregates current (replacing an older version)."""
        with self._transaction() as db:
            inserted = db.execute(
                "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                (
                    row.url_key,
                    row.content_hash,
                    row.model,
                    row.host,
                    row.score,
                    row.result_json,
                    row.result_id,
                    row.result_url,
                    time.time(),
                ),
            ).rowcount
            if not inserted:
                return
            if row.url_key:
                for host, score in db.execute(
                    "SELECT host, score FROM articles WHERE url_key = ? AND current = 1"
                    " AND NOT (content_hash = ? AND model = ?)",
                    (row.url_key, row.content_hash, row.model),
                ).fetchall():
                    self._add(db, host, score, -1)
                db.execute(
                    "UPDATE articles SET current = 0"
                    " WHERE url_key = ? AND NOT (content_hash = ? AND model = ?)",
                    (row.url_key, row.content_hash, row.model),
                )
            self._add(db, row.host, row.score, 1)

    @staticmethod
    def _add(db: sqlite3.Connection, host: str, score: float | None, sign: int) -> None:
        """Add (sign 1) or remove (sign -1) one article's score from its host's and the global sums."""
        if score is None:
            return
        low = int(score < LOW_BELOW)
        for key in {host, GLOBAL} - {""}:
            db.execute(
                "INSERT INTO source_stats VALUES (?, ?, ?, ?, ?) ON CONFLICT (host) DO UPDATE SET"
                " n = n + excluded.n, total = total + excluded.total,"
                " total_sq = total_sq + excluded.total_sq, n_low = n_low + excluded.n_low",
                (key, sign, sign * score, sign * score * score, sign * low),
            )

    def source(self, host: str) -> dict[str, object] | None:
        """Aggregate for one normalised host (None when nothing from it has been scored)."""
        rows = {
            r[0]: r[1:]
            for r in self.conn.execute(
                "SELECT host, n, total, total_sq, n_low FROM source_stats WHERE host IN (?, ?) AND n > 0",
                (host, GLOBAL),
            )
        }
        if host not in rows or GLOBAL not in rows:
            return None
        n, total, total_sq, n_low = rows[host]
        stats = shrink(n, total, total_sq, *rows[GLOBAL][:3])
        feedback = dict(
            self.conn.execute(
                "SELECT verdict, COUNT(*) FROM feedback WHERE host = ? GROUP BY verdict", (host,)
            )
        )
        return {
            "host": host,
            "count": n,
            "mean_score": stats["mean_score"],
            "shrunk_mean": stats["shrunk_mean"],
            "interval_90": (stats["low"], stats["high"]),
            "share_low": round(n_low / n, 4),
            "prior_weight": PRIOR_WEIGHT,
            "global_mean": stats["global_mean"],
            "feedback": feedback,
        }

    def add_feedback(
        self, url_key: str, host: str, verdict: str, comment: str | None, result_id: str | None
    ) -> int:
        """Record one verdict; returns its id."""
        with self._transaction() as db:
            cur = db.execute(
                "INSERT INTO feedback (url_key, host, verdict, comment, result_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (url_key, host, verdict, comment, result_id, time.time()),
            )
        return int(cur.lastrowid or 0)

    def close(self) -> None:
        self.reader.close()
        self.conn.close()
