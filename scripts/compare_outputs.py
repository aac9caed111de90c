"""Byte-for-byte comparison of ``credibly score`` output before and after a change.

``build`` writes a deterministic JSONL of real articles from ../shared/data (plain text with title,
URL and date from BuzzFeed-Webis, ReCOVery and FakeHealth; raw HTML pages from the hyperpartisan
corpus), reading the corpus files directly so the script runs against any version of the package.
``compare`` reports how many output lines are identical.

    python scripts/compare_outputs.py build --data ../shared/data -o /tmp/golden-in.jsonl
    credibly score /tmp/golden-in.jsonl -o /tmp/before.jsonl     # on the old commit
    credibly score /tmp/golden-in.jsonl -o /tmp/after.jsonl      # on the new one
    python scripts/compare_outputs.py compare /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

PER_CORPUS = 300


def _buzzfeed(data: Path) -> Iterator[dict]:
    for path in sorted((data / "buzzfeed_webis_2016" / "articles").glob("*.xml")):
        root = ET.parse(path).getroot()
        text = root.findtext("mainText") or ""
        if text.strip():
            yield {
                "id": f"bw:{path.stem}",
                "text": text,
                "title": root.findtext("title") or "",
                "url": root.findtext("uri") or "",
            }


def _recovery(data: Path) -> Iterator[dict]:
    csv.field_size_limit(sys.maxsize)
    with gzip.open(data / "recovery" / "recovery-news-data.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["body_text"].strip():
                yield {
                    "id": f"rc:{row['news_id']}",
                    "text": row["body_text"],
                    "title": row["title"],
                    "url": row["url"],
                    "published": row["publish_date"],
                }


def _fakehealth(data: Path) -> Iterator[dict]:
    with gzip.open(data / "fakehealth" / "fakehealth_content.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            row = json.loads(line)
            if (row.get("text") or "").strip():
                yield {
                    "id": f"fh:{i}",
                    "text": row["text"],
                    "title": row.get("title") or "",
                    "url": row.get("url") or "",
                }


def _hyperpartisan(data: Path) -> Iterator[dict]:
    path = data / "hyperpartisan_2019" / "articles-training-byarticle-20181122.xml"
    for _, el in ET.iterparse(path, events=("end",)):
        if el.tag == "article":
            inner = "".join(ET.tostring(child, encoding="unicode") for child in el)
            yield {
                "id": f"hp:{el.get('id')}",
                "html": f"<html><body><article>{inner}</article></body></html>",
                "title": el.get("title") or "",
                "published": el.get("published-at") or None,
            }
            el.clear()


def build(data: Path, out: Path, per_corpus: int) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for reader in (_buzzfeed, _recovery, _fakehealth, _hyperpartisan):
            for i, rec in enumerate(reader(data)):
                if i == per_corpus:
                    break
                fh.write(
                    json.dumps({k: v for k, v in rec.items() if v is not None}, ensure_ascii=False) + "\n"
                )
                n += 1
    return n


def compare(before: Path, after: Path) -> int:
    a = before.read_bytes().splitlines()
    b = after.read_bytes().splitlines()
    same = sum(x == y for x, y in zip(a, b))
    print(f"{len(a)} lines before, {len(b)} after, {same} identical")
    for k, (x, y) in enumerate(zip(a, b)):
        if x != y:
            print(f"first difference at line {k + 1}: id {json.loads(x).get('id')}")
            break
    return 0 if len(a) == len(b) == same else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--data", type=Path, default=Path("../shared/data"))
    b.add_argument("-o", "--output", type=Path, required=True)
    b.add_argument("--per-corpus", type=int, default=PER_CORPUS)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "build":
        print(f"wrote {build(args.data, args.output, args.per_corpus)} articles to {args.output}")
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
