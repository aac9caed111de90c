"""Source aggregation: shrinkage toward the global mean, intervals, share low, reasons."""

from __future__ import annotations

import json

from credibly.scoring.cli import main
from credibly.scoring.sources import aggregate_sources, host_of, shrunk_interval


def _row(
    url: str, score: float, label: str, feature: str = "style.misspelling_rate", points: float = -3.0
) -> dict:
    return {
        "url": url,
        "score": score,
        "label": label,
        "error": None,
        "explanation": [{"feature": feature, "points": points}],
    }


def test_shrinkage_pulls_small_hosts_toward_the_global_mean():
    shrunk, lo, hi = shrunk_interval(n=1, mean=10.0, sd=0.0, global_mean=60.0, global_sd=20.0, prior=10)
    assert abs(shrunk - (10 + 600) / 11) < 1e-9
    assert lo < shrunk < hi
    big, blo, bhi = shrunk_interval(n=1000, mean=10.0, sd=5.0, global_mean=60.0, global_sd=20.0, prior=10)
    assert abs(big - 10.0) < 1.0 and (bhi - blo) < (hi - lo)


def test_interval_is_clipped_to_score_range():
    _, lo, hi = shrunk_interval(n=2, mean=99.0, sd=30.0, global_mean=95.0, global_sd=40.0)
    assert lo >= 0.0 and hi <= 100.0


def test_aggregate_by_normalised_host():
    rows = [
        _row("https://www.a.com/x", 20, "low"),
        _row("http://a.com/y", 30, "low"),
        _row("https://b.org/z", 90, "high", "attribution.attributed_sentence_share", 5.0),
        {"id": "bad", "score": None, "error": {"code": "empty_text"}},
    ]
    table = aggregate_sources(rows)
    assert list(table["host"]) == ["a.com", "b.org"]
    a = table.iloc[0]
    assert a["articles"] == 2 and a["mean_score"] == 25.0 and a["share_low"] == 1.0
    global_mean = (20 + 30 + 90) / 3
    assert a["shrunk_score"] == round((2 * 25 + 10 * global_mean) / 12, 1)
    assert "misspellings (lowers) ×2" in a["top_reasons"]


def test_host_of_prefers_source_then_url():
    assert host_of({"source": "www.Example.com", "url": "https://other.net/a"}) == "example.com"
    assert host_of({"url": "https://m.example.co.uk/a"}) == "example.co.uk"
    assert host_of({}) == "unknown"


def test_sources_command_reads_score_output(tmp_path, capsys):
    path = tmp_path / "scored.jsonl"
    path.write_text(
        "\n".join(json.dumps(_row(f"https://s{i % 2}.com/{i}", 10 * i, "mixed")) for i in range(6))
    )
    assert main(["sources", str(path)]) == 0
    out = capsys.readouterr().out
    assert "s0.com" in out and "s1.com" in out
    assert main(["sources", str(path), "-o", str(tmp_path / "t.json")]) == 0
    assert len(json.loads((tmp_path / "t.json").read_text())) == 2
