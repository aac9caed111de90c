"""Batch readers: every article-bearing record becomes one row with its identity; bad rows become errors."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

from batch_fixtures import write_csv, write_folder, write_jsonl_gz, write_parquet, write_warc

from credibly.scoring.batch.readers import iter_records


def _read(*paths: Path) -> tuple[list, Counter]:
    skipped: Counter = Counter()
    return list(iter_records([str(p) for p in paths], skipped)), skipped


def test_gzip_jsonl_keeps_line_numbers_and_invalid_lines(tmp_path):
    recs, _ = _read(write_jsonl_gz(tmp_path / "in.jsonl.gz"))
    assert [r.record for r in recs] == [1, 3, 4, 5]  # line 2 is blank
    assert [r.item.id for r in recs[:3]] == ["j0", "j1", "j2"]
    assert recs[0].url == "https://news.example.com/j/0"
    assert recs[-1].item.error.code == "invalid_json"


def test_truncated_gzip_ends_with_an_unreadable_row(tmp_path):
    path = write_jsonl_gz(tmp_path / "in.jsonl.gz")
    raw = gzip.compress(b'{"id": "x", "text": "hello there"}\n' * 2000)
    path.write_bytes(raw[: len(raw) // 2])
    recs, _ = _read(path)
    assert recs[-1].item.error.code == "unreadable_input"
    assert recs[-1].record == len(recs)


def test_csv_rows_numbers_default_ids_and_malformed_row(tmp_path):
    recs, _ = _read(write_csv(tmp_path / "in.csv"))
    assert [r.record for r in recs] == [1, 2, 3]
    assert recs[0].item.id == "c1" and recs[0].item.article.title == "First"
    assert recs[1].item.id == "in.csv:2" and "said the mayor" in recs[1].item.article.text
    assert recs[1].item.article.title is None  # empty cell = absent
    assert recs[2].item.error.code == "invalid_record"


def test_parquet_dates_become_iso_text_and_nulls_are_absent(tmp_path):
    recs, _ = _read(write_parquet(tmp_path / "in.parquet"))
    assert [r.item.id for r in recs] == ["p1", "p2"]
    assert recs[0].item.article.published.startswith("2021-05-04")
    assert set(recs[1].item.article.to_dict()) == {"id", "html"}
    assert recs[0].url == "https://pq.example.net/1" and recs[1].url is None


def test_warc_html_responses_only_with_target_uri(tmp_path):
    recs, skipped = _read(write_warc(tmp_path / "crawl.warc.gz"))
    assert [r.url for r in recs] == ["https://warc.example.com/a", "https://warc.example.com/b"]
    assert [r.record for r in recs] == [3, 6]  # position among all WARC records
    assert recs[0].item.article.url == recs[0].url and "<article>" in recs[0].item.article.html
    assert "Café" in recs[1].item.article.html  # charset from the HTTP header
    assert skipped == Counter(
        {
            "warc warcinfo record": 1,
            "warc request record": 1,
            "warc non-HTML response": 1,
            "warc HTTP 404 response": 1,
        }
    )


def test_folder_reads_known_files_recursively_in_order(tmp_path):
    recs, skipped = _read(write_folder(tmp_path / "pages"))
    assert [Path(r.input_file).name for r in recs] == ["a.html", "b.txt", "c.txt"]
    assert recs[0].item.article.html and recs[1].item.article.text
    assert all(r.record == 1 for r in recs)
    assert skipped == Counter({"folder file of unknown type": 1})


def test_missing_input_is_an_error_row(tmp_path):
    recs, _ = _read(tmp_path / "nope.jsonl")
    assert len(recs) == 1 and recs[0].item.error.code == "unreadable_input"


def test_a_cut_warc_gz_ends_in_an_unreadable_row_at_the_cut_record(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz")
    whole = path.read_bytes()
    complete, _ = _read(path)
    positions = [r.record for r in complete]
    for keep in (0.55, 0.75, 0.9, 0.97):  # inside a record's body or header, or the last gzip trailer
        path.write_bytes(whole[: int(len(whole) * keep)])
        recs, _ = _read(path)
        *good, last = recs
        assert last.item.error is not None and last.item.error.code == "unreadable_input", keep
        assert f"at record {last.record}" in last.item.error.message
        assert all(r.item.error is None for r in good)  # earlier records are intact, none scored partly
        assert [r.record for r in good] == positions[: len(good)] and last.record > (good or complete)[
            0
        ].record - 1


def test_a_cut_plain_warc_record_is_an_error_not_a_partial_page(tmp_path):
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(write_warc(tmp_path / "c.warc.gz").read_bytes())[:-400])
    recs, _ = _read(plain)
    assert recs[-1].item.error.code == "unreadable_input" and "cut short" in recs[-1].item.error.message
    assert recs[-1].record == 6 and recs[0].item.error is None


def test_csv_unterminated_quote_is_an_error_row_and_the_rows_after_it_are_kept(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "id,text,url\n"
        'c1,"an unterminated quote,https://a.example/1\n'
        "c2,second row,https://a.example/2\n"
        'c3,"third, quoted",https://a.example/3\n'
        'c4,"a field over\ntwo lines",https://a.example/4\n'
        'c5,a 5" screen,https://a.example/5\n',
        encoding="utf-8",
    )
    recs, _ = _read(path)
    assert [r.record for r in recs] == [1, 2, 3, 4, 5]
    assert recs[0].item.error.code == "invalid_record" and "line 2" in recs[0].item.error.message
    assert [r.item.id for r in recs[1:]] == ["c2", "c3", "c4", "c5"]
    assert (
        recs[2].item.article.text == "third, quoted"
        and recs[3].item.article.text == "a field over\ntwo lines"
    )
    assert recs[4].item.article.text == 'a 5" screen'


def test_a_malformed_csv_header_makes_every_row_an_error_not_nothing(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('id,"text\nr1,The mayor said it.\nr2,x\n', encoding="utf-8")
    recs, _ = _read(path)
    assert [r.record for r in recs] == [1, 2]
    assert all(r.item.error.code == "invalid_record" and "CSV header" in r.item.error.message for r in recs)


def test_a_spreadsheet_byte_order_mark_does_not_hide_the_first_column(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes("text,url\nThe mayor said it on Monday.,https://a.example/1\n".encode("utf-8-sig"))
    (rec,) = _read(path)[0]
    assert rec.item.error is None and rec.item.article.text == "The mayor said it on Monday."


def test_a_warc_the_library_cannot_parse_is_an_error_row_in_words(tmp_path, monkeypatch):
    import warcio.archiveiterator

    class Broken:
        def __init__(self, *args, **kwargs):
            pass

        def __iter__(self):
            raise AttributeError("'NoneType' object has no attribute 'startswith'")

    monkeypatch.setattr(warcio.archiveiterator, "ArchiveIterator", Broken)
    path = tmp_path / "odd.warc"
    path.write_bytes(b"WARC/1.0\r\n")
    (rec,) = _read(path)[0]
    assert rec.item.error.code == "unreadable_input"
    assert "not a valid WARC record (malformed or cut short)" in rec.item.error.message


def test_an_empty_warc_is_counted_not_silently_passed_over(tmp_path):
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    recs, skipped = _read(empty, write_warc(tmp_path / "c.warc.gz"))
    assert skipped["warc file with no records"] == 1
    assert recs  # the other archive's articles are read as before
