"""Server settings: one frozen value built from ``credibly serve`` flags and shared by all workers."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

SETTINGS_ENV = "CREDIBLY_API_SETTINGS"
DEFAULT_DB = "credibly-api.sqlite3"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the app needs; defaults suit a single user running the extension locally."""

    db_path: str = DEFAULT_DB
    api_keys: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 2_000_000
    request_timeout: float = 10.0
    rate_per_second: float = 5.0
    rate_burst: int = 30
    score_threads: int = 2
    log_level: str = "info"

    def to_env(self) -> str:
        """JSON form, handed to uvicorn worker processes through ``CREDIBLY_API_SETTINGS``."""
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> Settings:
        """Settings written by :meth:`to_env` (defaults when the variable is unset)."""
        raw = json.loads(os.environ.get(SETTINGS_ENV, "{}"))
        for key in ("api_keys", "cors_origins"):
            raw[key] = tuple(raw.get(key, ()))
        return cls(**raw)
