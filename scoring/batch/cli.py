"""The ``batch`` and ``batch-report`` subcommands: ``register(subparsers)`` adds both to ``credibly``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from credibly.scoring.errors import UsageError
from credibly.scoring.outputs import refuse_output_on_input

_SUFFIXES = {".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def _output_format(args: argparse.Namespace) -> str:
    """The output format: ``--format``, else from the output's suffix; any other suffix is refused
    before anything is scored (a file named ``.csv`` or ``.txt`` would otherwise become Parquet)."""
    output = Path(args.output)
    if output.is_dir():
        raise UsageError(
            f"the output {output} is a folder; give a file path such as {output / 'scored.parquet'}"
        )
    if args.format:
        return str(args.format)
    fmt = _SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the output format of {output}: "
            "name it .parquet, .jsonl or .ndjson, or give --format"
        )
    return fmt


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer of at least ``minimum``."""

    def parse(value: str) -> int:
        number = int(value)
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {value}")
        return number

    parse.__name__ = "integer"
    return parse


def _seconds(value: str) -> float:
    """An argparse type: a finite number of seconds >= 0."""
    number = float(value)
    if not 0 <= number < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0, got {value}")
    return number


def cmd_batch(args: argparse.Namespace) -> int:
    """Score all inputs in parallel into one Parquet/JSONL file; resumes a killed run of the same command."""
    from credibly.scoring.batch.runner import BatchConfig, format_summary, parts_dir_for, run_batch
    from credibly.scoring.batch.watchdog import WorkersKeepDying

    output = Path(args.output)
    fmt = _output_format(args)
    refuse_output_on_input("batch", output, args.inputs)
    refuse_output_on_input("batch", parts_dir_for(output), args.inputs)
    if args.summary:
        refuse_output_on_input("batch", args.summary, [*args.inputs, output])
    cfg = BatchConfig(
        inputs=args.inputs,
        output=Path(args.output),
        workers=args.workers,
        chunk_size=args.chunk_size,
        **({"chunk_bytes": args.chunk_bytes} if args.chunk_bytes else {}),
        timeout=args.timeout or None,
        fmt=fmt,
        progress=sys.stderr.isatty(),
    )
    try:
        summary = run_batch(cfg)
    except WorkersKeepDying as exc:
        print(
            f"credibly batch: {exc}; completed chunks are kept, re-run the same command to resume",
            file=sys.stderr,
        )
        return 1
    print(format_summary(summary), file=sys.stderr)
    if args.summary:
        Path(args.summary).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


def cmd_batch_report(args: argparse.Namespace) -> int:
    """Markdown + PNG report of a batch output: totals, errors and score distributions of the largest
    hosts."""
    from credibly.scoring.batch.report import write_report

    report = Path(args.output)
    refuse_output_on_input("batch-report", report, [args.results])
    refuse_output_on_input("batch-report", report.with_suffix(".png"), [args.results])
    write_report(Path(args.results), Path(args.output), top=args.top)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``batch`` and ``batch-report`` to the ``credibly`` subcommands."""
    batch = subparsers.add_parser(
        "batch", help="score crawled articles at scale (JSONL[.gz], CSV, Parquet, WARC[.gz], folders)"
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    batch.add_argument("-o", "--output", required=True, help="output .parquet (default) or .jsonl")
    batch.add_argument(
        "--workers",
        type=_count(0),
        default=os.cpu_count() or 1,
        help="worker processes (default: all cores; 0 = in this process)",
    )
    batch.add_argument(
        "--chunk-size", type=_count(1), default=500, help="records per chunk, the unit of resumption"
    )
    batch.add_argument(
        "--chunk-bytes",
        type=_count(1),
        help="characters of article content per chunk, bounding the coordinator's memory (default 16000000)",
    )
    batch.add_argument("--timeout", type=_seconds, default=30.0, help="seconds per article, 0 = no limit")
    batch.add_argument(
        "--format", choices=("parquet", "jsonl"), help="default: from OUTPUT's suffix, else parquet"
    )
    batch.add_argument("--summary", help="also write the run summary as JSON to this path")
    batch.set_defaults(func=cmd_batch)

    report = subparsers.add_parser("batch-report", help="Markdown + PNG report of a `credibly batch` output")
    report.add_argument("results", metavar="OUTPUT", help="the batch output (.parquet or .jsonl)")
    report.add_argument("-o", "--output", required=True, help="report .md (the PNG is written beside it)")
    report.add_argument("--top", type=int, default=12, help="how many of the largest hosts to show")
    report.set_defaults(func=cmd_batch_report)
