"""``python -m scoring.batch batch|batch-report ...``."""

from scoring.batch.cli import main

raise SystemExit(main())
