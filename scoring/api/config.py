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
    # Keys whose requests also rate their sources (an operator's own crawler or editors).
    trusted_keys: tuple[str, ...] = ()
    # Addresses of reverse proxies whose X-Forwarded-For is believed (default: none).
    trusted_proxies: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 2_000_000
    request_timeout: float = 10.0
    header_timeout: float = 10.0
    body_timeout: float = 10.0
    rate_per_second: float = 5.0
    rate_burst: int = 50
    # Failed API-key attempts per client address and minute before it is refused (429).
    auth_failures_per_minute: int = 5
    feedback_per_minute: float = 6.0
    feedback_max_per_client: int = 500
    score_workers: int = 1
    max_connections: int = 200
    log_level: str = "info"

    def to_env(self) -> str:
        """JSON form, handed to uvicorn worker processes through ``CREDIBLY_API_SETTINGS``."""
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> Settings:
        """Settings written by :meth:`to_env` (defaults when the variable is unset)."""
        raw = json.loads(os.environ.get(SETTINGS_ENV, "{}"))
        for key in ("api_keys", "trusted_keys", "trusted_proxies", "cors_origins"):
            raw[key] = tuple(raw.get(key, ()))
        return cls(**raw)
