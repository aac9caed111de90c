"""``credibly serve``: what happens before uvicorn starts its worker processes."""

from __future__ import annotations

import argparse
import sqlite3

import uvicorn

from credibly.scoring.api.config import SETTINGS_ENV
from credibly.scoring.api.serve import cmd_serve, register
from credibly.scoring.api.store import MIGRATIONS


def test_the_store_is_migrated_and_in_wal_mode_before_the_workers_start(tmp_path, monkeypatch):
    """Two workers preparing a fresh file at once got "database is locked" and stopped the server."""
    db = tmp_path / "fresh.sqlite3"
    seen: dict[str, object] = {}

    def fake_run(app: str, **kwargs: object) -> None:
        conn = sqlite3.connect(db)
        seen["journal"] = conn.execute("PRAGMA journal_mode").fetchone()[0]
        seen["version"] = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        seen["workers"] = kwargs["workers"]
        conn.close()

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv(SETTINGS_ENV, "")  # cmd_serve sets it for the workers; restored after the test
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["serve", "--workers", "2", "--db", str(db)])
    assert cmd_serve(args) == 0
    assert seen == {"journal": "wal", "version": len(MIGRATIONS), "workers": 2}


def test_an_existing_store_is_left_as_it_is(tmp_path, monkeypatch):
    db = tmp_path / "kept.sqlite3"
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: None)
    monkeypatch.setenv(SETTINGS_ENV, "")
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    for _ in range(2):
        assert cmd_serve(parser.parse_args(["serve", "--db", str(db)])) == 0
    rows = sqlite3.connect(db).execute("SELECT COUNT(*) FROM schema_version").fetchone()[0]
    assert rows == len(MIGRATIONS)
