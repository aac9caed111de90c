"""Entry point for `python -m credibly.models.datasets`."""

from credibly.models.datasets.summary import main

main()
