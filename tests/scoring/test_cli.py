"""The `credibly score` contract: one row per input row, same order, errors as data."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import EXAMPLES

from credibly.scoring.cli import main

GOOD = (
    "The council voted on Wednesday to approve the plan, according to minutes published by the clerk. "
    "Director Maria Delgado said the work would start in June. Councilmember James Okafor said the budget "
    "did not add up."
)
KEYS = {"id", "score", "label", "probability", "signals", "explanation", "evidence", "error"}


def _run(tmp_path: Path, lines: list[str], *extra: str) -> list[dict]:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(src), "-o", str(out), *extra]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_valid_rows_are_scored_with_the_full_schema(tmp_path):
    rows = _run(tmp_path, [json.dumps({"id": "a", "text": GOOD, "title": "Council approves plan"})])
    (row,) = rows
    assert row.keys() >= KEYS
    assert row["error"] is None
    assert 0 <= row["score"] <= 100 and row["label"] in {"low", "mixed", "high"}
    assert 0 <= row["probability"] <= 1
    assert set(row["signals"]) == {"attribution", "hedging", "consistency", "style"}
    for ev in row["evidence"]:
        source = row.get("title", "") if ev["field"] == "title" else GOOD
        assert source[ev["start"] : ev["end"]] == ev["text"]
        assert {"signal", "kind", "start", "end", "text", "note"} <= ev.keys()


BAD_LINES = {
    "not json {": "invalid_json",
    "[1, 2]": "invalid_record",
    json.dumps({"id": "no-text"}): "missing_text",
    json.dumps({"id": "num", "text": 5}): "invalid_type",
    json.dumps({"id": "list-title", "text": GOOD, "title": ["x"]}): "invalid_type",
    json.dumps({"id": "empty", "text": "   "}): "empty_text",
    json.dumps({"id": "punct", "text": "!!! ... ???"}): "empty_text",
    json.dumps({"id": "nul", "text": "\x00" * 500 + "word"}): "binary_content",
    json.dumps({"id": "junk", "text": "\ufffd\x01\x02" * 300}): "binary_content",
    json.dumps(
        {
            "id": "fr",
            "text": "Le gouvernement a annoncé mercredi une nouvelle réforme des retraites qui "
            "prévoit un relèvement progressif de l'âge légal de départ, selon plusieurs syndicats.",
        }
    ): "unsupported_language",
    json.dumps(
        {"id": "ru", "text": "Правительство объявило в среду о новой пенсионной реформе " * 5}
    ): "unsupported_language",
}


def test_bad_rows_become_error_rows_in_order(tmp_path):
    lines = []
    for bad in BAD_LINES:
        lines += [json.dumps({"id": "ok", "text": GOOD}), bad]
    rows = _run(tmp_path, lines)
    assert len(rows) == len(lines)
    for i, (bad, code) in enumerate(BAD_LINES.items()):
        good_row, bad_row = rows[2 * i], rows[2 * i + 1]
        assert good_row["id"] == "ok" and good_row["error"] is None
        assert bad_row["error"]["code"] == code, bad
        assert bad_row["score"] is None and bad_row["label"] is None and bad_row["error"]["message"]


def test_missing_ids_default_to_file_and_line(tmp_path):
    rows = _run(tmp_path, [json.dumps({"text": GOOD}), "{broken"])
    assert [r["id"] for r in rows] == ["in.jsonl:1", "in.jsonl:2"]


def test_nul_bytes_in_a_real_article_are_scored_with_a_warning(tmp_path):
    rows = _run(tmp_path, [json.dumps({"id": "x", "text": GOOD.replace("voted", "vot\x00ed")})])
    assert rows[0]["error"] is None and any("control" in w for w in rows[0]["warnings"])


def test_multi_megabyte_article_is_scored_not_lost(tmp_path):
    rows = _run(tmp_path, [json.dumps({"id": "big", "text": (GOOD + "\n") * 12000})])
    assert rows[0]["error"] is None and rows[0]["score"] is not None
    assert any("truncated" in w for w in rows[0]["warnings"])


def test_html_input_returns_extracted_text_and_offsets_refer_to_it(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["score", str(EXAMPLES / "press-release.html"), "-o", str(out)]) == 0
    (row,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert row["id"] == "press-release.html" and row["error"] is None
    assert "fine particulate pollution" in row["text"]
    assert row["title"] == "Study links air pollution to hospital admissions"
    for ev in row["evidence"]:
        source = row["title"] if ev["field"] == "title" else row["text"]
        assert source[ev["start"] : ev["end"]] == ev["text"]


def test_txt_files_and_stdin(tmp_path, monkeypatch, capsys):
    txt = tmp_path / "story.txt"
    txt.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"id": "s1", "text": GOOD}) + "\n"))
    assert main(["score", str(txt), "-"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["story.txt", "s1"]


def test_unreadable_file_is_an_error_row(tmp_path, capsys):
    assert main(["score", str(tmp_path / "missing.txt")]) == 0
    (row,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert row["error"]["code"] == "unreadable_input"


def test_table_format_is_readable(tmp_path, capsys):
    assert main(["score", str(EXAMPLES / "examples.jsonl"), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "== careful-report" in out and "score" in out and "label" in out


def test_features_command_writes_one_row_per_input(tmp_path):
    out = tmp_path / "f.csv"
    assert main(["features", str(EXAMPLES / "examples.jsonl"), "-o", str(out)]) == 0
    import pandas as pd

    frame = pd.read_csv(out)
    assert list(frame["id"]) == ["careful-report", "content-farm", "inconsistent-dispatch"]
    assert frame.shape[1] > 20


@pytest.mark.slow
def test_console_script_runs_as_a_process(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "credibly.scoring.cli", "score", str(EXAMPLES / "examples.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 3
