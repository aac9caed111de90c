"""HTTP API for the browser extension: ``credibly serve`` (FastAPI app, SQLite store, demo page)."""
