"""Small input fixtures for the batch tests: a WARC written with warcio, CSV, Parquet, gzip JSONL and a
folder."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pandas as pd

SENTENCES = [
    "The council voted on Wednesday to approve the plan, according to minutes published by the clerk.",
    "Director Maria Delgado said the work would start in June and cost about $4 million.",
    "Councilmember James Okafor said the budget did not add up and asked for an independent review.",
    "Residents who attended the meeting said they had not been consulted before the vote.",
    "The city's transport department said in a statement that traffic would be diverted for six weeks.",
    "According to the county's figures, 1,200 vehicles use the bridge every day.",
    "A spokesperson for the contractor declined to comment on the schedule.",
    "Officials said a second public hearing would be held in March.",
]


def article(i: int, words: int = 120) -> str:
    """A distinct, English, news-like text (``i`` makes it unique)."""
    out: list[str] = [f"Report {i}: the district board met on day {i % 28 + 1} to discuss item {i}."]
    k = i
    while sum(len(s.split()) for s in out) < words:
        out.append(SENTENCES[k % len(SENTENCES)])
        k += 3
    return " ".join(out)


def html_page(title: str, body: str) -> str:
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


def write_jsonl_gz(path: Path, n: int = 3) -> Path:
    """n good lines, one blank line, one invalid line."""
    lines = [
        json.dumps({"id": f"j{i}", "text": article(i), "url": f"https://news.example.com/j/{i}"})
        for i in range(n)
    ]
    lines[1:1] = [""]
    lines.append("{not json")
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def write_csv(path: Path) -> Path:
    """Three rows: plain, multi-line text with an empty id, one row with a surplus field."""
    path.write_text(
        "id,text,url,title\n"
        f'c1,"{article(101)}",https://csv.example.org/1,First\n'
        f',"{article(102)}\nSecond paragraph, said the mayor.",https://csv.example.org/2,\n'
        "c3,short,https://csv.example.org/3,x,surplus\n",
        encoding="utf-8",
    )
    return path


def write_parquet(path: Path) -> Path:
    """Two rows: text with a timestamp date, and html with a NaN text."""
    pd.DataFrame(
        {
            "id": ["p1", "p2"],
            "text": [article(201), None],
            "html": [None, html_page("Bridge reopens", article(202))],
            "published": [pd.Timestamp("2021-05-04"), pd.NaT],
            "url": ["https://pq.example.net/1", None],
        }
    ).to_parquet(path, index=False)
    return path


def write_warc(path: Path) -> Path:
    """warcinfo, a request, two HTML 200 responses (one latin-1), a PNG response and an HTML 404."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            )

        req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "warc.example.com")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record("https://warc.example.com/a", "request", http_headers=req)
        )
        response(
            "https://warc.example.com/a",
            html_page("Council vote", article(301)).encode(),
            "text/html; charset=utf-8",
        )
        response("https://warc.example.com/logo.png", b"\x89PNG....", "image/png")
        response("https://warc.example.com/gone", b"<html>Not found</html>", "text/html", "404 Not Found")
        body = html_page("Café opens", article(302) + " The café's owner said so.").encode("latin-1")
        response("https://warc.example.com/b", body, "text/html; charset=ISO-8859-1")
    return path


def write_folder(path: Path) -> Path:
    """a.html, b.txt, nested/c.txt, plus a hidden file and a PNG that are not articles."""
    (path / "nested").mkdir(parents=True)
    (path / "a.html").write_text(html_page("Folder page", article(401)), encoding="utf-8")
    (path / "b.txt").write_text(article(402), encoding="utf-8")
    (path / "nested" / "c.txt").write_text(article(403), encoding="utf-8")
    (path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (path / "image.png").write_bytes(b"\x89PNG")
    return path


class SleepyScorer:
    """A scorer without a model that takes ``DELAY`` seconds per record (importable by worker processes)."""

    DELAY = 0.3

    def score_record(self, record):
        import time

        from credibly.scoring.result import ScoreResult

        time.sleep(self.DELAY)
        return ScoreResult(id=record.id, score=50.0, label="mixed", probability=0.5)


class InstantScorer(SleepyScorer):
    DELAY = 0.0
