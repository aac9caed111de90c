"""One serialiser for the output contract: CLI/API objects and batch rows share keys and order."""

from __future__ import annotations

from credibly.scoring.batch.rows import contract_row, result_row
from credibly.scoring.engine import Scorer
from credibly.scoring.errors import ErrorCode
from credibly.scoring.inputs import ArticleInput
from credibly.scoring.result import ALWAYS, ScoreResult

ARTICLE = ArticleInput(
    text="Officials said on Monday that 29 people were injured. Some experts believe it may rise.",
    title="Bridge crash injures 29",
    url="https://news.example.com/a",
    source="example.com",
    id="a1",
)


def test_scored_object_has_the_contract_keys_in_order():
    obj = Scorer().score(ARTICLE).to_dict()
    assert list(obj)[: len(ALWAYS)] == list(ALWAYS)
    # `warnings` is set only when there is one: here, that the 14-word text counts less.
    assert list(obj)[len(ALWAYS) :] == ["title", "url", "source", "model", "warnings"]
    assert [w.split(":")[0] for w in obj["warnings"]] == ["short text (14 words)"]
    assert all(
        isinstance(e, dict) and set(e) >= {"signal", "kind", "start", "end", "text"} for e in obj["evidence"]
    )


def test_batch_rows_round_trip_to_the_same_object():
    for result in (
        Scorer().score(ARTICLE),
        ScoreResult.failed("b2", ErrorCode.EMPTY_TEXT, "no words", url="u"),
    ):
        row = {
            "input_file": "f.jsonl",
            "record": 3,
            "duplicate_of": None,
            **result_row(result),
            "url": result.url,
        }
        back = contract_row(row)
        assert list(back)[:2] == ["input_file", "record"] and list(back)[-1] == "duplicate_of"
        inner = {k: v for k, v in back.items() if k not in ("input_file", "record", "duplicate_of")}
        assert inner == result.to_dict() and list(inner) == list(result.to_dict())


def test_error_rows_keep_metadata_and_null_scores():
    obj = ScoreResult.failed("x", ErrorCode.UNSUPPORTED_LANGUAGE, "not English", title="T").to_dict()
    assert obj["score"] is None and obj["label"] is None and obj["signals"] == {}
    assert obj["error"] == {"code": "unsupported_language", "message": "not English"} and obj["title"] == "T"
