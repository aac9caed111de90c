"""Scoring behind the API: cache lookup by canonical URL + content hash, scoring in killable worker
processes (never on the event loop), caching of new results, and ratings from trusted requests only."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

from courlan import normalize_url

from credibly.hosts import normalise_host
from credibly.scoring.api.config import Settings
from credibly.scoring.api.pool import ScoringPool, model_name_job, score_job
from credibly.scoring.api.schemas import ScoreRequest
from credibly.scoring.api.store import ArticleRow, Rating, Store
from credibly.scoring.engine import Scorer
from credibly.scoring.errors import ErrorCode
from credibly.scoring.inputs import INPUT_FIELDS, ArticleInput

T = TypeVar("T")
# Everything that can change a result: all input fields except the URL (the cache key) and the id.
_CONTENT_FIELDS = tuple(f for f in INPUT_FIELDS if f not in ("url", "id"))


def canonical_url(url: str | None) -> str:
    """courlan-normalised URL without its fragment (tracking parameters dropped, query sorted); "" if none."""
    if not url or not url.strip():
        return ""
    try:
        normal = normalize_url(url.strip())
    except ValueError:
        normal = url.strip()
    return normal.split("#", 1)[0]


def item_key(url: str | None, host: str, rid: str) -> str:
    """What one rating is of: the canonical URL, else the host and the result id."""
    return canonical_url(url) or f"{host}#{rid}"


@dataclass(frozen=True, slots=True)
class ArticleKey:
    """Cache identity of a request: canonical URL, hash of the scored content, publisher host."""

    url_key: str
    content_hash: str
    host: str

    @classmethod
    def of(cls, article: ArticleInput) -> ArticleKey:
        content = json.dumps([getattr(article, f) for f in _CONTENT_FIELDS], ensure_ascii=False)
        return cls(
            url_key=canonical_url(article.url),
            content_hash=hashlib.sha256(content.encode("utf-8")).hexdigest(),
            host=normalise_host(article.url) or normalise_host(article.source),
        )


def _dumps(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


class ScoringService:
    """One SQLite store, a pool of scoring processes and a single store thread (per API process)."""

    def __init__(self, settings: Settings, scorer_factory: Callable[[], Scorer] | None = None):
        self.settings = settings
        self.store = Store(settings.db_path)
        self.pool = ScoringPool(settings.score_workers, settings.request_timeout, scorer_factory)
        self._db = ThreadPoolExecutor(1, thread_name_prefix="credibly-store")
        self.model_name = ""

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store call on the store thread (writes never interleave)."""
        return await asyncio.wrap_future(self._db.submit(fn, *args))

    async def warm_up(self) -> None:
        """Start the scoring processes, learn the model's name, and score one bundled example."""
        self.model_name = await self.pool.run(model_name_job)
        example = (
            resources.files("credibly.scoring")
            .joinpath("examples/examples.jsonl")
            .read_text(encoding="utf-8")
        )
        await self.pool.run(score_job, ArticleInput(**json.loads(example.splitlines()[0])), "warm-up")

    async def score(self, req: ScoreRequest, rated_by: str | None = None) -> tuple[bytes, str, bool]:
        """The result object for one request as JSON bytes, its id, and whether it came from the cache.

        Every result is cached; only a request with a trusted key (``rated_by`` names it) adds a rating to
        its source. Cache lookups read on the event loop (one indexed SELECT on the WAL reader
        connection); a hit whose stored id and url match the request's is served as stored."""
        article = req.article()
        key = ArticleKey.of(article)
        rid = article.id or key.content_hash[:16]
        cached = self.store.lookup(key.url_key, key.content_hash, self.model_name)
        if cached is not None:
            body, stored_id, stored_url = cached
            result = None
            if stored_id != rid or (article.url and article.url != stored_url):
                result = json.loads(body)
                result["id"] = rid
                result["url"] = article.url or stored_url
                body = _dumps(result)
            if rated_by is not None:
                score = (result or json.loads(body))["score"]
                await self._rate(article, key, rid, score, rated_by)
            return body.encode("utf-8"), rid, True
        scored = await self.pool.run(score_job, article, rid)
        if scored.error_code != ErrorCode.INTERNAL_ERROR:
            row = ArticleRow(
                key.url_key,
                key.content_hash,
                self.model_name,
                key.host,
                scored.score,
                scored.body,
                rid,
                article.url,
            )
            await self.db(self.store.save, row)
            if rated_by is not None:
                await self._rate(article, key, rid, scored.score, rated_by)
        return scored.body.encode("utf-8"), rid, False

    async def _rate(
        self, article: ArticleInput, key: ArticleKey, rid: str, score: float | None, rated_by: str
    ) -> None:
        if score is not None and key.host:
            rating = Rating(item_key(article.url, key.host, rid), key.host, score, rated_by)
            await self.db(self.store.rate, [rating])

    def close(self) -> None:
        self.pool.close()
        self._db.shutdown(wait=True)
        self.store.close()
