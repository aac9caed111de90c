"""``credibly serve``: run the HTTP API with uvicorn (``register`` adds the subcommand to the CLI)."""

from __future__ import annotations

import argparse
import logging
import os

from credibly.scoring.api.config import DEFAULT_DB, SETTINGS_ENV, Settings

_DEFAULTS = Settings()


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from the parsed ``serve`` flags."""
    return Settings(
        db_path=args.db,
        api_keys=tuple(args.api_key or ()),
        cors_origins=tuple(args.cors_origin or ()),
        max_body_bytes=args.max_body,
        request_timeout=args.timeout,
        rate_per_second=args.rate,
        rate_burst=args.burst,
        log_level=args.log_level,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; with ``--workers N`` each worker process loads the model once."""
    import uvicorn

    settings = settings_from_args(args)
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    common = {"host": args.host, "port": args.port, "log_level": settings.log_level, "access_log": False}
    if args.workers > 1:
        os.environ[SETTINGS_ENV] = settings.to_env()
        uvicorn.run(
            "credibly.scoring.api.app:create_app_from_env", factory=True, workers=args.workers, **common
        )
    else:
        from credibly.scoring.api.app import create_app

        uvicorn.run(create_app(settings), **common)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the ``credibly`` subcommands."""
    serve = subparsers.add_parser("serve", help="run the HTTP API and demo page (for the browser extension)")
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="worker processes, each with its own model")
    serve.add_argument("--db", default=DEFAULT_DB, help=f"SQLite store path (default {DEFAULT_DB})")
    serve.add_argument(
        "--api-key",
        nargs="+",
        action="extend",
        metavar="KEY",
        help="require X-API-Key to be one of these keys",
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
        "--rate", type=float, default=_DEFAULTS.rate_per_second, help="requests/s per client (0: off)"
    )
    serve.add_argument("--burst", type=int, default=_DEFAULTS.rate_burst, help="rate-limit burst size")
    serve.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    serve.set_defaults(func=cmd_serve)
