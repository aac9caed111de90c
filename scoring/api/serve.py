"""``credibly serve`` (the HTTP API with uvicorn) and ``credibly import-sources`` (trusted ratings into its
store); ``register`` adds both subcommands to the CLI."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from credibly.scoring.api.config import DEFAULT_DB, SETTINGS_ENV, Settings
from credibly.scoring.errors import UsageError

_DEFAULTS = Settings()


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from the parsed ``serve`` flags."""
    return Settings(
        db_path=args.db,
        api_keys=tuple(args.api_key or ()),
        trusted_keys=tuple(args.trusted_key or ()),
        trusted_proxies=tuple(args.trusted_proxy or ()),
        cors_origins=tuple(args.cors_origin or ()),
        max_body_bytes=args.max_body,
        request_timeout=args.timeout,
        header_timeout=args.header_timeout,
        body_timeout=args.body_timeout,
        rate_per_second=args.rate,
        rate_burst=args.burst,
        score_workers=args.score_workers,
        max_connections=args.max_connections,
        log_level=args.log_level,
    )


def _import(db: str, files: list[str]) -> None:
    import sqlite3

    from credibly.scoring.api.ratings import import_results

    try:
        imported = import_results(db, [Path(f) for f in files])
    except sqlite3.Error as exc:  # a folder, or a file that is no SQLite database
        raise UsageError(f"cannot use {db} as the store: {exc}") from exc
    for name, count in imported.items():
        print(f"imported {count} ratings from {name} into {db}", file=sys.stderr)


def cmd_import_sources(args: argparse.Namespace) -> int:
    """Load trusted ratings (the operator's `credibly score` or `credibly batch` results) into the store."""
    _import(args.db, args.results)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; each of ``--workers`` processes runs its own pool of scoring processes."""
    import uvicorn

    settings = settings_from_args(args)
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    if args.sources:
        _import(settings.db_path, args.sources)
    from credibly.scoring.api.store import Store
    from credibly.scoring.api.timeouts import PROTOCOL_PATH

    # Migrate the store and switch it to WAL here, once: worker processes doing it at the same
    # moment on a fresh file got "database is locked" and uvicorn stopped the whole server.
    Store(settings.db_path).close()

    os.environ[SETTINGS_ENV] = settings.to_env()  # for worker processes and the header-timeout protocol
    uvicorn.run(
        "credibly.scoring.api.app:create_app_from_env",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level=settings.log_level,
        access_log=False,
        http=PROTOCOL_PATH,
        proxy_headers=False,  # X-Forwarded-For only from --trusted-proxy, in the app
        limit_concurrency=settings.max_connections,
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``serve`` and ``import-sources`` to the ``credibly`` subcommands."""
    serve = subparsers.add_parser("serve", help="run the HTTP API and demo page (for the browser extension)")
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="API processes (one per core for throughput)")
    serve.add_argument(
        "--score-workers",
        type=int,
        default=_DEFAULTS.score_workers,
        help="scoring processes per API process (replaced when a request overruns its limit)",
    )
    serve.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store path (default {DEFAULT_DB})")
    serve.add_argument(
        "--sources",
        nargs="+",
        metavar="RESULTS",
        help="import trusted ratings from these `credibly score`/`batch` results before serving",
    )
    serve.add_argument(
        "--api-key",
        nargs="+",
        action="extend",
        metavar="KEY",
        help="require X-API-Key to be one of these keys",
    )
    serve.add_argument(
        "--trusted-key",
        nargs="+",
        action="extend",
        metavar="KEY",
        help="API keys whose requests also rate their sources (all other requests are only scored)",
    )
    serve.add_argument(
        "--trusted-proxy",
        nargs="+",
        action="extend",
        metavar="ADDRESS",
        help="reverse proxies whose X-Forwarded-For is believed (default: none)",
    )
    serve.add_argument(
        "--cors-origin",
        nargs="+",
        action="extend",
        metavar="ORIGIN",
        help="extra allowed CORS origins (extension origins are always allowed)",
    )
    serve.add_argument(
        "--max-body", type=int, default=_DEFAULTS.max_body_bytes, help="request body cap in bytes"
    )
    serve.add_argument(
        "--timeout", type=float, default=_DEFAULTS.request_timeout, help="per-request limit (s)"
    )
    serve.add_argument(
        "--header-timeout", type=float, default=_DEFAULTS.header_timeout, help="request headers deadline (s)"
    )
    serve.add_argument(
        "--body-timeout", type=float, default=_DEFAULTS.body_timeout, help="request body deadline (s)"
    )
    serve.add_argument(
        "--rate", type=float, default=_DEFAULTS.rate_per_second, help="requests/s per client (0: off)"
    )
    serve.add_argument(
        "--burst", type=int, default=_DEFAULTS.rate_burst, help="rate-limit burst (also the largest batch)"
    )
    serve.add_argument(
        "--max-connections", type=int, default=_DEFAULTS.max_connections, help="open connections per process"
    )
    serve.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    serve.set_defaults(func=cmd_serve)

    imports = subparsers.add_parser(
        "import-sources", help="load trusted source ratings from scored results into the API store"
    )
    imports.add_argument("results", nargs="+", metavar="RESULTS", help="credibly score JSONL or batch output")
    imports.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store path (default {DEFAULT_DB})")
    imports.set_defaults(func=cmd_import_sources)
