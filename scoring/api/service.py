"""Scoring behind the API: cache lookup by canonical URL + content hash, CPU-bound scoring on a worker
thread pool (never on the event loop), storage of new results with their source aggregates."""

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
from credibly.scoring.api.schemas import ScoreRequest
from credibly.scoring.api.store import ArticleRow, Store
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
    """One loaded model, one SQLite store, a scoring pool and a single store thread (per process)."""

    def __init__(self, settings: Settings):
        self.scorer = Scorer()
        self.model_name = self.scorer.model.name
        self.store = Store(settings.db_path)
        self._cpu = ThreadPoolExecutor(settings.score_threads, thread_name_prefix="credibly-score")
        self._db = ThreadPoolExecutor(1, thread_name_prefix="credibly-store")

    async def run(self, pool: str, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn`` on the ``"cpu"`` or ``"db"`` pool; cancelling the await drops a job not yet started."""
        executor = self._cpu if pool == "cpu" else self._db
        return await asyncio.wrap_future(executor.submit(fn, *args))

    async def warm_up(self) -> None:
        """Score one bundled example so lexicons and matchers are built before the first request."""
        example = (
            resources.files("credibly.scoring")
            .joinpath("examples/examples.jsonl")
            .read_text(encoding="utf-8")
        )
        await self.run("cpu", self.scorer.score, json.loads(example.splitlines()[0]), "warm-up")

    async def score(self, req: ScoreRequest) -> tuple[bytes, str, bool]:
        """The result object for one request as JSON bytes, its id, and whether it came from the cache.

        Cache lookups read on the event loop (one indexed SELECT on the WAL reader connection); a hit
        whose stored id and url match the request's is served as stored, byte for byte."""
        article = req.article()
        key = ArticleKey.of(article)
        rid = article.id or key.content_hash[:16]
        cached = self.store.lookup(key.url_key, key.content_hash, self.model_name)
        if cached is not None:
            body, stored_id, stored_url = cached
            if stored_id != rid or (article.url and article.url != stored_url):
                result = json.loads(body)
                result["id"] = rid
                result["url"] = article.url or stored_url
                body = _dumps(result)
            return body.encode("utf-8"), rid, True
        result = (await self.run("cpu", self.scorer.score, article, rid)).to_dict()
        body = _dumps(result)
        if (result["error"] or {}).get("code") != ErrorCode.INTERNAL_ERROR:
            row = ArticleRow(
                key.url_key,
                key.content_hash,
                self.model_name,
                key.host,
                result["score"],
                body,
                rid,
                article.url,
            )
            await self.run("db", self.store.save, row)
        return body.encode("utf-8"), rid, False

    def close(self) -> None:
        self._cpu.shutdown(wait=False, cancel_futures=True)
        self._db.shutdown(wait=True)
        self.store.close()
