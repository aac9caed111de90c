"""No silent loss: every command refuses to write onto one of its inputs, and its bad-file paths end in a
message (exit 2), never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import EXAMPLES

from credibly.scoring.cli import main

ROW = json.dumps({"id": "a", "score": 61.5, "label": "mixed", "url": "https://news.example.com/1"}) + "\n"


@pytest.fixture
def scored(tmp_path: Path) -> Path:
    path = tmp_path / "scored.jsonl"
    path.write_text(ROW, encoding="utf-8")
    return path


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], kept: Path, before: bytes) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "refusing to write over an input" in err and "Traceback" not in err
    assert kept.read_bytes() == before


@pytest.mark.parametrize("command", ["score", "features", "sources"])
def test_output_onto_the_input_is_refused_and_the_input_untouched(command, scored, capsys, monkeypatch):
    before = scored.read_bytes()
    monkeypatch.chdir(scored.parent)
    _refused(capsys, [command, str(scored), "-o", "./scored.jsonl"], scored, before)  # relative path
    link = scored.parent / "link.jsonl"
    link.symlink_to(scored)
    _refused(capsys, [command, str(link), "-o", str(scored)], scored, before)  # through a symlink
    hard = scored.parent / "hard.jsonl"
    os.link(scored, hard)
    _refused(capsys, [command, str(scored), "-o", str(hard)], scored, before)  # a hard link


def test_batch_refuses_output_onto_or_inside_an_input(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "A short note."}) + "\n", encoding="utf-8")
    before = src.read_bytes()
    _refused(capsys, ["batch", str(src), "-o", str(src), "--workers", "0", "--format", "jsonl"], src, before)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("A short note.", encoding="utf-8")
    argv = ["batch", str(folder), "-o", str(folder / "out.parquet"), "--workers", "0"]
    _refused(capsys, argv, folder / "a.txt", b"A short note.")
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_batch_report_refuses_to_write_over_its_results(scored, capsys):
    before = scored.read_bytes()
    _refused(capsys, ["batch-report", str(scored), "-o", str(scored)], scored, before)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["sources", "{tmp}/missing.jsonl"], "cannot read"),
        (["sources", "{tmp}/broken.parquet"], "not a readable Parquet file"),
        (["batch-report", "{tmp}/missing.parquet", "-o", "{tmp}/r.md"], "does not exist"),
        (
            ["batch-report", "{tmp}/broken.parquet", "-o", "{tmp}/r.md"],
            "not a `credibly batch` Parquet output",
        ),
        (["score", str(EXAMPLES / "examples.jsonl"), "-o", "{tmp}/file.txt/out.jsonl"], "file.txt"),
    ],
)
def test_bad_files_end_in_a_message_not_a_traceback(argv, says, tmp_path, capsys):
    (tmp_path / "broken.parquet").write_bytes(b"not parquet at all")
    (tmp_path / "file.txt").write_text("a file where a folder is expected", encoding="utf-8")
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"credibly {argv[0]}: ") and says in err and "Traceback" not in err


def test_sources_skips_lines_that_are_not_result_objects_with_a_warning(scored, capsys, caplog):
    with scored.open("a", encoding="utf-8") as fh:
        fh.write(
            '[1, 2]\n"text"\n{not json\n' + json.dumps({"score": "high", "url": "https://x.org/a"}) + "\n"
        )
    assert main(["sources", str(scored)]) == 0
    out = capsys.readouterr()
    assert "skipped 3 line(s)" in caplog.text and "example.com" in out.out and "x.org" not in out.out
