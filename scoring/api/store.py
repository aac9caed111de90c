"""SQLite store (WAL): scored articles (the cache), trusted ratings with per-source aggregates, and
readers' feedback.

Schema changes are ordered ``MIGRATIONS``; ``schema_version`` records each applied one, so an old
database is upgraded in place at start-up (inside one ``BEGIN IMMEDIATE``, safe with several workers).

**Trust.** Every scored request is cached (canonical URL + content hash + model), but only *ratings*
count toward a source's aggregate, and ratings come only from trusted input: results the operator
imported (``credibly import-sources``, ``credibly serve --sources``) and requests made with a trusted
API key. One rating per item (canonical URL, else host and id): a newer trusted rating of the same
item replaces the old contribution. Aggregates (count, sum, sum of squares, count below 40) are kept
per normalised host and globally (key ``*``, which is never a host). Shrinkage, with prior weight
k = ``PRIOR_WEIGHT`` articles and the global mean m and variance v_g::

    shrunk   = (n * mean + k * m) / (n + k)
    sd       = sqrt((n * v_source + k * v_g) / (n + k))        # v_source: population variance
    interval = shrunk -/+ 1.645 * sd / sqrt(n + k), clipped to [0, 100]   (90%)

Feedback is one row per client and URL (a client's new verdict on a URL replaces its old one). Only
feedback sent with a trusted key is published with a source's rating; the rest is kept for the
operator to read, so anonymous clients cannot change what the service says about a source.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterable, Iterator
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
    (  # 3: ratings only from trusted input; the aggregates built from anonymous requests are dropped
        """CREATE TABLE ratings (
            item_key TEXT PRIMARY KEY, host TEXT NOT NULL, score REAL NOT NULL,
            origin TEXT NOT NULL, rated_at REAL NOT NULL)""",
        "DELETE FROM source_stats",
        "ALTER TABLE feedback ADD COLUMN client TEXT",
        "CREATE UNIQUE INDEX feedback_client_url ON feedback (client, url_key) WHERE client IS NOT NULL",
    ),
    (  # 4: feedback from trusted keys is published; everyone else's is kept for the operator only
        "ALTER TABLE feedback ADD COLUMN trusted INTEGER NOT NULL DEFAULT 0",
    ),
]


@dataclass(frozen=True, slots=True)
class Rating:
    """One trusted score of an item (canonical URL, else ``host#id``) of a host; ``origin`` says where it
    came from (``import:<file>`` or ``key:<key digest>``)."""

    item_key: str
    host: str
    score: float
    origin: str


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
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":  # persistent: set once
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
        """Cache a scored article (an existing identical row is kept). Never changes a rating.
        One statement, so it commits by itself: an explicit transaction's two extra statements cost
        the API process about 0.3 ms a request (each hands the GIL to and from the store thread)."""
        self.conn.execute(
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
        )

    def rate(self, ratings: Iterable[Rating]) -> int:
        """Record trusted ratings in one transaction, each replacing an earlier rating of its item in the
        aggregates; returns how many were recorded."""
        count = 0
        now = time.time()
        with self._transaction() as db:
            for r in ratings:
                old = db.execute(
                    "SELECT host, score FROM ratings WHERE item_key = ?", (r.item_key,)
                ).fetchone()
                if old is not None:
                    self._add(db, old[0], old[1], -1)
                db.execute(
                    "INSERT INTO ratings VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_key) DO UPDATE SET"
                    " host = excluded.host, score = excluded.score, origin = excluded.origin,"
                    " rated_at = excluded.rated_at",
                    (r.item_key, r.host, r.score, r.origin, now),
                )
                self._add(db, r.host, r.score, 1)
                count += 1
        return count

    @staticmethod
    def _add(db: sqlite3.Connection, host: str, score: float, sign: int) -> None:
        """Add (sign 1) or remove (sign -1) one rating from its host's and the global sums."""
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
                "SELECT verdict, COUNT(*) FROM feedback WHERE host = ? AND trusted = 1 GROUP BY verdict",
                (host,),
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
        self,
        client: str,
        url_key: str,
        host: str,
        verdict: str,
        comment: str | None,
        result_id: str | None,
        max_per_client: int,
        trusted: bool = False,
    ) -> tuple[int, bool] | None:
        """Record a client's verdict on a URL, replacing its earlier one on the same URL; returns
        ``(id, replaced)``, or None when the client already has ``max_per_client`` other URLs on file.
        Only ``trusted`` feedback (a trusted key's) counts in :meth:`source`."""
        with self._transaction() as db:
            existing = db.execute(
                "SELECT id FROM feedback WHERE client = ? AND url_key = ?", (client, url_key)
            ).fetchone()
            if existing is None:
                (filed,) = db.execute("SELECT COUNT(*) FROM feedback WHERE client = ?", (client,)).fetchone()
                if filed >= max_per_client:
                    return None
            cur = db.execute(
                "INSERT INTO feedback"
                " (url_key, host, verdict, comment, result_id, created_at, client, trusted)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client, url_key) WHERE client IS NOT NULL"
                " DO UPDATE SET verdict = excluded.verdict, comment = excluded.comment,"
                " result_id = excluded.result_id, created_at = excluded.created_at,"
                " trusted = excluded.trusted RETURNING id",
                (url_key, host, verdict, comment, result_id, time.time(), client, int(trusted)),
            )
            (fid,) = cur.fetchone()
        return int(fid), existing is not None

    def close(self) -> None:
        self.reader.close()
        self.conn.close()
