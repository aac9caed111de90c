"""Imported only by the API's forkserver, as a preload: loads and warms up the shipped model once
there, so every scoring worker forked from it (and every replacement of a killed one) starts with the
model loaded and its tables out of the garbage collector's sight."""

from credibly.scoring.engine import default_scorer

default_scorer()
