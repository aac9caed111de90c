"""ArticleInput and the readers of `credibly score`: one field list, the id rule, errors as rows."""

from __future__ import annotations

import io
import json

import pytest

from credibly.scoring.cli import main
from credibly.scoring.engine import Scorer
from credibly.scoring.errors import ErrorCode
from credibly.scoring.inputs import INPUT_FIELDS, ArticleInput, InputError, read_file, read_jsonl

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


def test_unpaired_surrogates_are_an_error_row_and_the_rows_after_them_are_scored(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "s", "text": "said \\ud800 it"}\n'
        '{"id": "t", "text": "fine", "title": "bad \\udc80"}\n'
        '{"id": "\\ud800", "text": "fine"}\n' + json.dumps({"id": "ok", "text": TEXT}) + "\n",
        encoding="utf-8",
    )
    assert main(["score", str(path), "-o", str(tmp_path / "out.jsonl")]) == 0
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], (r["error"] or {}).get("code")) for r in rows] == [
        ("s", "invalid_type"),
        ("t", "invalid_type"),
        ("in.jsonl:3", "invalid_type"),
        ("ok", None),
    ]
    assert "surrogates" in rows[0]["error"]["message"]


def test_a_byte_order_mark_is_not_part_of_the_first_record(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": TEXT}).encode() + b"\n")
    (record,) = read_file(path)
    assert record.id == "a" and record.error is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\ufeffThe \u201cdraft\u201d \u2014 final.".encode(), "The \u201cdraft\u201d \u2014 final."),
        ("The \u201cdraft\u201d \u2014 final.".encode("cp1252"), "The \u201cdraft\u201d \u2014 final."),
        ("The \u201cdraft\u201d \u2014 final.".encode("utf-16"), "The \u201cdraft\u201d \u2014 final."),
    ],
)
def test_text_files_in_other_common_encodings_are_read_as_written(tmp_path, data, expected):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    (record,) = read_file(path)
    assert record.article is not None and record.article.text == expected


def test_a_json_file_holding_one_array_or_object_is_read_as_articles(tmp_path):
    array = tmp_path / "articles.json"
    array.write_text(json.dumps([{"id": "a", "text": TEXT}, {"text": TEXT}, 5], indent=2), encoding="utf-8")
    rows = list(read_file(array))
    assert [(r.id, r.error.code if r.error else None) for r in rows] == [
        ("a", None),
        ("articles.json:2", None),
        ("articles.json:3", ErrorCode.INVALID_RECORD),
    ]
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"id": "b", "text": TEXT}, indent=2), encoding="utf-8")
    assert [r.id for r in read_file(single)] == ["b"]
    lines = tmp_path / "lines.json"  # JSON lines named .json are still read line by line
    lines.write_text(json.dumps({"id": "c", "text": TEXT}) + "\n{broken\n", encoding="utf-8")
    assert [(r.id, r.error is None) for r in read_file(lines)] == [("c", True), ("lines.json:2", False)]
