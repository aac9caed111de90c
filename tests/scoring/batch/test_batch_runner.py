"""The batch engine: one row per record with identity, errors as rows, duplicates reused, timeouts, resume."""

from __future__ import annotations

import itertools
import json
import os
import signal
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from batch_fixtures import article, write_csv, write_folder, write_jsonl_gz, write_parquet, write_warc

from credibly.scoring.batch.parts import JobMismatch, fingerprint, open_job
from credibly.scoring.batch.runner import DEFAULT_CHUNK_BYTES, BatchConfig, parts_dir_for, run_batch
from credibly.scoring.cli import main
from credibly.scoring.inputs import InputRecord
from credibly.scoring.result import ScoreResult


class FakeScorer:
    """Instant scorer (no model load) with pathological pages: SPIN loops forever in Python, HANG is stuck
    in one C call (a builtin sum over an endless iterator, deaf to signals), DIE kills its own process."""

    def score_record(self, record: InputRecord) -> ScoreResult:
        if record.error is not None:
            return ScoreResult.failed(record.id, record.error.code, record.error.message)
        text = record.article.text or record.article.html or ""
        while "SPIN" in text:
            pass
        if "HANG" in text:
            sum(itertools.repeat(1, 10**12))
        if "DIE" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return ScoreResult(id=record.id, score=float(len(text) % 100), label="mixed", probability=0.5)


def _inputs(tmp_path: Path) -> list[str]:
    dup = tmp_path / "dups.jsonl"
    dup.write_text(
        "\n".join(
            [
                json.dumps(
                    {"id": "d1", "text": article(1), "url": "https://news.example.com/j/1"}
                ),  # URL dup of j1
                json.dumps({"id": "d2", "text": article(0)}),  # content dup of j0
                json.dumps({"id": "d3", "text": "", "url": "https://dup.example.com/x"}),
                json.dumps([1, 2]),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return [
        str(write_jsonl_gz(tmp_path / "a.jsonl.gz")),
        str(write_csv(tmp_path / "b.csv")),
        str(write_parquet(tmp_path / "c.parquet")),
        str(write_warc(tmp_path / "d.warc.gz")),
        str(write_folder(tmp_path / "pages")),
        str(dup),
    ]


EXPECTED_ROWS = 4 + 3 + 2 + 2 + 3 + 4


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> tuple[list[dict], dict]:
    """The mixed inputs scored by the real model in this process (workers=0), chunks of 4."""
    tmp = tmp_path_factory.mktemp("batch")
    out = tmp / "out.parquet"
    summary = run_batch(BatchConfig(_inputs(tmp), out, workers=0, chunk_size=4))
    return pq.read_table(out).to_pylist(), summary


def test_one_row_per_record_in_input_order_with_identity(scored):
    rows, summary = scored
    assert len(rows) == summary["rows"] == EXPECTED_ROWS
    names = [Path(r["input_file"]).name for r in rows]
    assert names == sorted(
        names,
        key=["a.jsonl.gz", "b.csv", "c.parquet", "d.warc.gz", "a.html", "b.txt", "c.txt", "dups.jsonl"].index,
    )
    assert [r["record"] for r in rows[:4]] == [1, 3, 4, 5]
    warc = [r for r in rows if r["input_file"].endswith("d.warc.gz")]
    assert [r["url"] for r in warc] == ["https://warc.example.com/a", "https://warc.example.com/b"]
    assert all(r["score"] is not None for r in warc)
    assert summary["skipped"]["warc non-HTML response"] == 1
    assert not parts_dir_for(Path(summary["output"])).exists()


def test_errors_are_rows(scored):
    rows, summary = scored
    codes = {r["id"]: r["error_code"] for r in rows if r["error_code"]}
    assert codes == {
        "a.jsonl.gz:5": "invalid_json",
        "b.csv:3": "invalid_record",
        "d3": "empty_text",
        "dups.jsonl:4": "invalid_record",
    }
    assert summary["errors"] == {"invalid_json": 1, "invalid_record": 2, "empty_text": 1}
    assert all(r["score"] is None for r in rows if r["error_code"])


def test_duplicates_reuse_the_first_result_and_are_marked(scored):
    rows, summary = scored
    by_id = {r["id"]: r for r in rows}
    assert summary["duplicates"] == 2
    for dup, first in (("d1", "j1"), ("d2", "j0")):
        assert by_id[dup]["duplicate_of"] == first
        for key in ("score", "label", "signals", "explanation", "evidence"):
            assert by_id[dup][key] == by_id[first][key]
    assert json.loads(by_id["j0"]["signals"]).keys() == {"attribution", "hedging", "consistency", "style"}
    assert sum(r["duplicate_of"] is not None for r in rows) == 2


def test_worker_processes_match_in_process_results(scored, tmp_path):
    rows, _ = scored
    out = tmp_path / "out.jsonl"
    summary = run_batch(BatchConfig(_inputs(tmp_path), out, workers=2, chunk_size=3, fmt="jsonl"))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(rows) and len(summary["worker_max_rss_mb"]) >= 1
    assert [(line["id"], line["score"], line["duplicate_of"]) for line in lines] == [
        (r["id"], r["score"], r["duplicate_of"]) for r in rows
    ]
    assert {"input_file", "record", "url", "signals", "explanation", "evidence", "error"} <= lines[0].keys()
    assert isinstance(lines[0]["signals"], dict)
    assert lines[3]["error"]["code"] == "invalid_json" and lines[3]["score"] is None


@pytest.mark.parametrize("workers", [0, 1])
def test_a_stuck_article_times_out_and_the_worker_keeps_going(tmp_path, workers):
    src = tmp_path / "in.jsonl"
    texts = ["fine one", "SPIN forever", "fine two", "SPIN again", "fine three"]
    src.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    start = time.perf_counter()
    summary = run_batch(
        BatchConfig(
            [str(src)],
            tmp_path / "o.parquet",
            workers=workers,
            chunk_size=10,
            timeout=0.3,
            scorer_factory=FakeScorer,
        )
    )
    rows = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [r["error_code"] for r in rows] == [None, "timeout", None, "timeout", None]
    assert summary["errors"] == {"timeout": 2}
    assert time.perf_counter() - start < 20


def test_a_worker_stuck_in_c_code_is_killed_and_replaced_without_losing_rows(tmp_path):
    src = tmp_path / "in.jsonl"
    texts = ["fine one", "HANG in C", "fine two", "fine three", "fine four", "SPIN", "fine five"]
    src.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    start = time.perf_counter()
    summary = run_batch(
        BatchConfig(
            [str(src)],
            tmp_path / "o.parquet",
            workers=1,
            chunk_size=2,
            timeout=0.2,
            scorer_factory=FakeScorer,
        )
    )
    rows = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [r["id"] for r in rows] == [f"t{i}" for i in range(len(texts))]
    assert [r["error_code"] for r in rows] == [None, "timeout", None, None, None, "timeout", None]
    assert "killed" in rows[1]["error_message"] and rows[0]["score"] is not None
    assert summary["errors"] == {"timeout": 2} and summary["rows"] == len(texts)
    assert time.perf_counter() - start < 60


def test_a_record_that_kills_its_worker_becomes_an_error_row(tmp_path):
    src = tmp_path / "in.jsonl"
    texts = ["fine one", "fine two", "DIE here", "fine three", "fine four"]
    src.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    summary = run_batch(
        BatchConfig(
            [str(src)],
            tmp_path / "o.jsonl",
            workers=2,
            chunk_size=2,
            fmt="jsonl",
            timeout=5.0,
            scorer_factory=FakeScorer,
        )
    )
    lines = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [line["id"] for line in lines] == [f"t{i}" for i in range(len(texts))]
    assert [(line["error"] or {}).get("code") for line in lines] == [None, None, "worker_crashed", None, None]
    assert summary["errors"] == {"worker_crashed": 1}


def test_completed_parts_are_reused_and_a_changed_job_is_refused(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": article(i)}) + "\n" for i in range(6)))
    out = tmp_path / "o.parquet"
    parts = parts_dir_for(out)
    job = fingerprint([str(src)], 2, DEFAULT_CHUNK_BYTES)
    open_job(parts, job)
    # chunk 1 "done by a killed run": a part file with a marker score; a stale temp file from a dead worker
    from credibly.scoring.batch.parts import write_part

    write_part(
        parts,
        1,
        [
            {"input_file": str(src), "record": 3 + k, "id": f"r{2 + k}", "score": -1.0, "_seq": 2 + k}
            for k in range(2)
        ],
    )
    (parts / "part-000002.parquet.tmp-99999").write_bytes(b"half")
    with pytest.raises(JobMismatch):
        open_job(parts, fingerprint([str(src)], 3, DEFAULT_CHUNK_BYTES))
    summary = run_batch(BatchConfig([str(src)], out, workers=0, chunk_size=2, scorer_factory=FakeScorer))
    rows = pq.read_table(out).to_pylist()
    assert [r["id"] for r in rows] == [f"r{i}" for i in range(6)]
    assert [r["score"] for r in rows][2:4] == [-1.0, -1.0]
    assert summary["chunks_resumed"] == 1 and summary["scored_this_run"] == 4


def test_cli_batch_and_report(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    hosts = ["a.example.com", "b.example.org", "a.example.com"]
    src.write_text(
        "".join(
            json.dumps({"id": f"r{i}", "text": article(i), "url": f"https://{h}/{i}"}) + "\n"
            for i, h in enumerate(hosts)
        )
        + "oops\n"
    )
    out = tmp_path / "o.parquet"
    assert (
        main(["batch", str(src), "-o", str(out), "--workers", "0", "--summary", str(tmp_path / "s.json")])
        == 0
    )
    assert "4 rows" in capsys.readouterr().err
    assert json.loads((tmp_path / "s.json").read_text())["errors"] == {"invalid_json": 1}
    report = tmp_path / "report.md"
    assert main(["batch-report", str(out), "-o", str(report)]) == 0
    text = report.read_text()
    assert "| example.com | 2 |" in text and "| example.org | 1 |" in text and "`invalid_json` 1" in text
    assert (tmp_path / "report.png").stat().st_size > 1000


def test_batch_never_uses_or_deletes_a_parts_folder_it_did_not_create(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": article(i)}) + "\n" for i in range(3)))
    out = tmp_path / "o.jsonl"
    parts = parts_dir_for(out)
    parts.mkdir()
    (parts / "notes.txt").write_text("someone's notes")
    (parts / "part-000000.parquet").write_bytes(b"someone's file with a part-like name")
    argv = ["batch", str(src), "-o", str(out), "--workers", "0", "--format", "jsonl"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "did not write" in err and "notes.txt" in err and "Traceback" not in err
    assert sorted(p.name for p in parts.iterdir()) == ["notes.txt", "part-000000.parquet"]
    assert (parts / "notes.txt").read_text() == "someone's notes" and not out.exists()

    for path in parts.iterdir():  # an empty folder is taken over, and removed with the parts at the end
        path.unlink()
    assert main(argv) == 0 and not parts.exists() and len(out.read_text().splitlines()) == 3


def test_a_file_put_into_the_parts_folder_during_a_run_is_kept(tmp_path, caplog):
    from credibly.scoring.batch.parts import remove_parts, write_part

    parts = tmp_path / "o.parquet.parts"
    open_job(parts, fingerprint([], 1, 1))
    write_part(parts, 0, [{"input_file": "x", "record": 1, "id": "x", "_seq": 0}])
    (parts / "mine.txt").write_text("keep me")
    remove_parts(parts)
    assert sorted(p.name for p in parts.iterdir()) == ["mine.txt"] and "kept" in caplog.text
