"""``--format table``: a compact, readable summary of one scored article for a terminal."""

from __future__ import annotations

import textwrap

from credibly.scoring.result import ScoreResult

WIDTH = 100


def format_table(result: ScoreResult) -> str:
    """Header line with score and label, then the reasons with their points and example spans."""
    lines = [f"== {result.id}" + (f" — {result.title}" if result.title else "")]
    if result.error:
        lines.append(f"   error [{result.error.code}]: {result.error.message}")
        return "\n".join(lines) + "\n\n"
    lines.append(f"   score {result.score:5.1f}/100  label {result.label}")
    for reason in result.explanation:
        head = f"   {reason.points:+5.1f}  {reason.measured}"
        lines.extend(textwrap.wrap(head, WIDTH, subsequent_indent=" " * 10))
    counts: dict[str, int] = {}
    for ev in result.evidence:
        counts[ev.signal] = counts.get(ev.signal, 0) + 1
    if counts:
        lines.append("   evidence: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for warning in result.warnings:
        lines.append(f"   warning: {warning}")
    return "\n".join(lines) + "\n\n"
