"""Batch scoring of crawled articles at scale: ``credibly batch`` and ``credibly batch-report``.

Modules: ``readers`` (input formats), ``dedup`` (canonical URL + content hash), ``rows`` (output
schema), ``limits`` (per-article time limit), ``worker`` (one chunk in a worker process), ``parts``
(atomic chunk files, manifest, merge), ``runner`` (parallel, resumable engine), ``report``,
``frame`` (pure ``score_frame`` for Spark and friends) and ``cli`` (the subcommands).
"""
