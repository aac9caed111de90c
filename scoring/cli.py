"""The ``credibly`` command line.

``score`` (the stable output contract) and ``features`` (the feature matrix) need only the core
install; ``sources`` rates publishers from scored results; ``train`` and ``evaluate`` need the
reference corpora; ``batch`` and ``batch-report`` (extra ``[batch]``, plots ``[plot]``) score crawls at
scale; ``serve`` (extra ``[api]``) runs the HTTP API. A command whose extra is missing says which
one to install instead of failing with an import error.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from credibly.models.runtime.paths import DEFAULT_DATA_DIR, DEFAULT_MODEL, REPORT_DIR
from credibly.scoring.errors import UsageError
from credibly.scoring.inputs import read_inputs
from credibly.scoring.outputs import make_output_folder, refuse_output_on_input
from credibly.scoring.reasons_text import STATEMENT
from credibly.scoring.result import ScoreResult
from credibly.scoring.table import format_table


def _open_output(path: str | None) -> TextIO:
    if path in (None, "-"):
        return sys.stdout
    make_output_folder(path)
    return open(path, "w", encoding="utf-8")


def _scored(inputs: list[str]) -> Iterable[ScoreResult]:
    from credibly.scoring.engine import default_scorer

    scorer = default_scorer()
    for record in read_inputs(inputs):
        yield scorer.score_record(record)


def cmd_score(args: argparse.Namespace) -> int:
    """Write one result per input row, in input order (JSONL or a readable table)."""
    refuse_output_on_input("score", args.output, args.inputs)
    out = _open_output(args.output)
    try:
        if args.format == "table":
            out.write(textwrap.fill(STATEMENT, 100) + "\n\n")
        for result in _scored(args.inputs):
            if args.format == "table":
                out.write(format_table(result))
            else:
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def cmd_features(args: argparse.Namespace) -> int:
    """Write the feature matrix (one row per input row; errors kept as a column) as CSV or Parquet."""
    import pandas as pd

    refuse_output_on_input("features", args.output, args.inputs)
    rows = []
    for result in _scored(args.inputs):
        row: dict[str, object] = {"id": result.id, "error": result.error.code if result.error else None}
        for family, values in result.signals.items():
            row.update({f"{family}.{k}": v for k, v in values.items()})
        rows.append(row)
    frame = pd.DataFrame(rows)
    if args.output.endswith(".parquet"):
        frame.to_parquet(args.output, index=False)
    else:
        frame.to_csv(args.output, index=False)
    print(f"wrote {len(frame)} rows x {frame.shape[1] - 2} features to {args.output}", file=sys.stderr)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Fit the reliability model on the shared corpora and write the artifact + model card."""
    from credibly.models.training.train import train

    card = train(Path(args.data), Path(args.out), Path(args.cache) if args.cache else None)
    print(
        f"wrote {args.out} (sha256 {card['sha256'][:16]}…): {card['training_articles']} articles, "
        f"baseline score {card['baseline_score']}; figures: make evaluate"
    )
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Publisher-disjoint evaluation with baselines on the same folds; writes Markdown, JSON and PNGs."""
    from credibly.models.training.data import load_training_data
    from credibly.models.training.evaluate import evaluate

    out = Path(args.out)
    data = load_training_data(Path(args.data), Path(args.cache) if args.cache else None)
    evaluate(data, Path(args.data), out)
    print((out / "evaluation.md").read_text(encoding="utf-8"))
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    """Per-source table from scored results (JSONL or Parquet), as a table, CSV or JSON."""
    from credibly.scoring.sources import aggregate_sources, read_results

    refuse_output_on_input("sources", args.output, args.results)
    rows = [row for path in args.results for row in read_results(Path(path))]
    table = aggregate_sources(rows)
    if args.output:
        if args.output.endswith(".json"):
            table.to_json(args.output, orient="records", indent=2, force_ascii=False)
        else:
            table.to_csv(args.output, index=False)
    else:
        with_reasons = table.drop(columns=["top_reasons"]).to_string(index=False)
        print(with_reasons if len(table) else "no scored rows")
    return 0


def _data_dir_missing(path: str) -> bool:
    if Path(path).is_dir():
        return False
    print(f"credibly: corpus folder {path} not found (pass --data DIR)", file=sys.stderr)
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="credibly", description="Reliability scoring for news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    score = sub.add_parser("score", help="score articles (JSONL, .txt, .html, or - for stdin JSONL)")
    score.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="input files; '-' or none reads stdin JSONL"
    )
    score.add_argument("-o", "--output", help="output path (default: stdout)")
    score.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    score.set_defaults(func=cmd_score)

    feats = sub.add_parser("features", help="write the feature matrix as CSV or Parquet")
    feats.add_argument("inputs", nargs="*", metavar="INPUT")
    feats.add_argument("-o", "--output", required=True, help="output .csv or .parquet")
    feats.set_defaults(func=cmd_features)

    sources = sub.add_parser("sources", help="rate sources (hosts) from scored results")
    sources.add_argument(
        "results", nargs="+", metavar="RESULTS", help="credibly score JSONL or batch Parquet"
    )
    sources.add_argument("-o", "--output", help="write CSV (or .json) instead of printing a table")
    sources.set_defaults(func=cmd_sources)

    train = sub.add_parser("train", help="train the reliability model on the reference corpora")
    train.add_argument("--data", default=str(DEFAULT_DATA_DIR), help="corpus folder (default ../shared/data)")
    train.add_argument("--out", default=str(DEFAULT_MODEL), help="artifact path (card written beside it)")
    train.add_argument("--cache", default=None, help="folder to keep extracted signals in between runs")
    train.set_defaults(func=cmd_train)

    evaluate = sub.add_parser("evaluate", help="source-disjoint evaluation report with baselines")
    evaluate.add_argument("--data", default=str(DEFAULT_DATA_DIR))
    evaluate.add_argument("--out", default=str(REPORT_DIR), help="report folder")
    evaluate.add_argument("--cache", default=None, help="folder to keep extracted signals in between runs")
    evaluate.set_defaults(func=cmd_evaluate)

    from credibly.scoring.api.serve import register as register_serve
    from credibly.scoring.batch.cli import register as register_batch

    register_batch(sub)
    register_serve(sub)
    return parser


# Modules each command needs beyond the core install, and the extra that provides them.
_EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "batch": ("batch", ("pyarrow", "warcio", "courlan", "tqdm")),
    "batch-report": ("batch,plot", ("pyarrow", "matplotlib")),
    "serve": ("api", ("fastapi", "uvicorn", "courlan")),
    "import-sources": ("api", ("courlan",)),
    "evaluate": ("plot", ("matplotlib",)),
}


def _missing_extra(args: argparse.Namespace) -> str | None:
    """A message naming the extra to install when a module the command needs is absent."""
    extra, modules = _EXTRAS.get(args.command, ("", ()))
    if args.command in ("features", "sources", "import-sources") and any(
        str(p).endswith(".parquet")
        for p in [getattr(args, "output", None) or "", *getattr(args, "results", [])]
    ):
        extra, modules = "batch", ("pyarrow",)
    absent = [m for m in modules if importlib.util.find_spec(m) is None]
    if not absent:
        return None
    needs = ", ".join(absent)
    return f"credibly {args.command}: needs {needs}; install it with: pip install 'credibly[{extra}]'"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("train", "evaluate") and _data_dir_missing(args.data):
        return 2
    problem = _missing_extra(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except UsageError as exc:
        print(f"credibly {args.command}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file the command had to open: missing, unreadable, not writable
        print(f"credibly {args.command}: {_describe_os_error(exc)}", file=sys.stderr)
        return 2


def _describe_os_error(exc: OSError) -> str:
    """``<file>: <reason>`` for an OSError, also for the bare ones pyarrow raises (no errno, no text)."""
    if exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    if isinstance(exc, FileNotFoundError):
        return f"{exc} does not exist"
    return f"{type(exc).__name__}: {exc}"


if __name__ == "__main__":
    raise SystemExit(main())
