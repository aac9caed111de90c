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
        (
            ["score", str(EXAMPLES / "examples.jsonl"), "-o", "{tmp}/file.txt/out.jsonl"],
            "file.txt is a file, not a folder",
        ),
        (
            [
                "batch",
                str(EXAMPLES / "examples.jsonl"),
                "-o",
                "{tmp}/file.txt/sub/out.jsonl",
                "--workers",
                "0",
            ],
            "file.txt/sub/out.jsonl.parts: Not a directory",
        ),
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


def test_output_onto_the_file_standard_input_reads_is_refused(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "A short note."}) + "\n", encoding="utf-8")
    before = src.read_bytes()
    with src.open("rb") as fh:
        saved = os.dup(0)
        os.dup2(fh.fileno(), 0)  # `credibly score - -o in.jsonl < in.jsonl`
        try:
            _refused(capsys, ["score", "-", "-o", str(src)], src, before)
            _refused(capsys, ["score", "-o", str(src)], src, before)  # no input: standard input too
        finally:
            os.dup2(saved, 0)
            os.close(saved)


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--workers", "-1"], "--workers: must be an integer >= 0"),
        (["--timeout", "nan"], "--timeout: must be a number of seconds >= 0"),
        (["--timeout", "-1"], "--timeout: must be a number of seconds >= 0"),
        (["--chunk-size", "0"], "--chunk-size: must be an integer >= 1"),
    ],
)
def test_batch_rejects_bad_options_before_any_work(extra, says, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "A short note."}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["batch", str(src), "-o", str(tmp_path / "out.parquet"), *extra])
    assert stop.value.code == 2 and says in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


@pytest.mark.parametrize(
    ("output", "says"), [("folder", "is a folder"), ("notes.txt", "cannot tell the output format")]
)
def test_batch_refuses_an_output_it_cannot_write_before_scoring(output, says, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "A short note."}) + "\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("the user's notes", encoding="utf-8")
    assert main(["batch", str(src), "-o", str(tmp_path / output), "--workers", "0"]) == 2
    assert says in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "in.jsonl", "notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "the user's notes"
    assert list((tmp_path / "folder").iterdir()) == []


def test_sources_counts_only_scores_on_the_scale_and_reads_past_bad_lines(scored, capsys, caplog):
    with scored.open("a", encoding="utf-8") as fh:
        for score in (10**400, -1e300, 1000, 100):
            fh.write(json.dumps({"score": score, "url": "https://x.org/a"}) + "\n")
        fh.write("[" * 100_000 + "\n")
        fh.write('{"score": 50, "url": "https://\\ud800.com/a"}\n')
    assert main(["sources", str(scored)]) == 0
    out = capsys.readouterr().out
    assert "x.org" in out and "Traceback" not in out and "skipped 1 line(s)" in caplog.text
    assert main(["import-sources", str(scored), "--db", str(scored.parent)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("credibly import-sources: cannot use") and "Traceback" not in err
