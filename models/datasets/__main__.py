"""Entry point for `python -m models.datasets`."""

from models.datasets.summary import main

main()
