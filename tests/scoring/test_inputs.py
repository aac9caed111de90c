"""ArticleInput and the readers of `credibly score`: one field list, the id rule, errors as rows."""

from __future__ import annotations

import io
import json

import pytest

from credibly.scoring.engine import Scorer
from credibly.scoring.errors import ErrorCode
from credibly.scoring.inputs import INPUT_FIELDS, ArticleInput, InputError, read_jsonl

TEXT = "The council said on Monday that the bridge would reopen in May, according to a statement."


def _records(*objects: object) -> list:
    lines = "\n".join(o if isinstance(o, str) else json.dumps(o) for o in objects)
    return list(read_jsonl(io.StringIO(lines), "in.jsonl"))


def test_the_field_list_is_declared_once():
    assert INPUT_FIELDS == ("text", "html", "title", "url", "published", "source", "id")
    assert ArticleInput.from_mapping({"text": TEXT, "extra": 1}).to_dict() == {"text": TEXT}


@pytest.mark.parametrize(
    "raw_id, expected",
    [("a-1", "a-1"), (42, "42"), (None, "in.jsonl:1"), ("", "in.jsonl:1")],
)
def test_string_and_integer_ids_are_kept_missing_ones_default(raw_id, expected):
    (record,) = _records({"id": raw_id, "text": TEXT})
    assert record.id == expected and record.error is None


@pytest.mark.parametrize("raw_id", [[1, 2], {"a": 1}, 1.5, True])
def test_other_id_types_are_an_error_row_under_the_default_id(raw_id):
    (record,) = _records({"id": raw_id, "text": TEXT})
    assert record.id == "in.jsonl:1" and record.article is None
    assert record.error is not None and record.error.code == ErrorCode.INVALID_TYPE
    result = Scorer().score_record(record)
    assert result.to_dict()["id"] == "in.jsonl:1" and result.to_dict()["error"]["code"] == "invalid_type"


def test_wrong_field_types_and_missing_text_keep_the_records_own_id():
    bad_type, no_text = _records({"id": "x", "text": 5}, {"id": "y", "title": "t"})
    assert (bad_type.id, bad_type.error.code) == ("x", ErrorCode.INVALID_TYPE)
    assert (no_text.id, no_text.error.code) == ("y", ErrorCode.MISSING_TEXT)


def test_unreadable_lines_are_rows_with_their_line_number():
    rows = _records("{not json", "[1, 2]", {"text": TEXT})
    assert [(r.id, r.error.code if r.error else None) for r in rows] == [
        ("in.jsonl:1", ErrorCode.INVALID_JSON),
        ("in.jsonl:2", ErrorCode.INVALID_RECORD),
        ("in.jsonl:3", None),
    ]


def test_a_directly_built_article_is_validated_too():
    with pytest.raises(InputError):
        ArticleInput().checked()
    assert Scorer().score(ArticleInput(title="no body")).error.code == ErrorCode.MISSING_TEXT
