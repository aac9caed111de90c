"""Corpus loaders: label mapping, exclusions, host normalisation, dedup and schema, on synthetic fixtures;
counts against the shared-data README on the real corpora (marked `shared`)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from support import FIXTURES

from credibly.hosts import normalise_host
from credibly.models.datasets import (
    COLUMNS,
    load_all,
    load_buzzfeed_webis,
    load_domain_ratings,
    load_fakenewsnet,
    load_horne2017,
    load_hyperpartisan,
)
from credibly.models.datasets.combine import deduplicate
from credibly.models.datasets.summary import main as summary_main

CORPORA = FIXTURES / "corpora"
LOADERS = [load_fakenewsnet, load_horne2017, load_buzzfeed_webis, load_hyperpartisan]


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    """Index a loaded corpus by its id."""
    return frame.set_index("id")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://www.politico.com/story/x?y=1", "politico.com"),
        ("http://m.cnn.com:8080/a", "cnn.com"),
        ("amp.theguardian.com", "theguardian.com"),
        ("WWW.BBC.CO.UK", "bbc.co.uk"),
        ("http://news.bbc.co.uk/1/hi", "bbc.co.uk"),
        ("www.smh.com.au/politics", "smh.com.au"),
        ("abcnews.go.com", "abcnews.go.com"),
        ("http://author.addictinginfo.org", "addictinginfo.org"),
        ("westernjournalism.com", "westernjournal.com"),
        ("http://politi.co", "politico.com"),
        ("cnn.it", "cnn.com"),
        ("https://www.ббб.рф/a", "xn--90aaa.xn--p1ai"),  # an internationalised name: its ASCII form
        ("Bücher.example", "xn--bcher-kva.example"),
        ("https://" + "ä" * 70 + ".example/", ""),  # a label too long to be a name
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_host(given: str | None, expected: str) -> None:
    assert normalise_host(given) == expected


@pytest.mark.parametrize("loader", LOADERS)
def test_schema(loader) -> None:
    frame = loader(CORPORA)
    assert list(frame.columns) == list(COLUMNS)
    assert frame["id"].is_unique
    assert frame["label"].dtype == float
    assert set(frame["label_kind"]) <= {"article", "source", "proxy"}
    assert frame["id"].str.contains(":").all()


def test_fakenewsnet_labels_and_sources() -> None:
    frame = by_id(load_fakenewsnet(CORPORA))
    assert frame.loc["fnn:BuzzFeed_Fake_1", "label"] == 0.0
    assert frame.loc["fnn:BuzzFeed_Real_1", "label"] == 1.0
    assert frame.loc["fnn:BuzzFeed_Real_1", "source"] == "politico.com"
    assert frame.loc["fnn:BuzzFeed_Fake_1", "source"] == "madeupnews.com"  # goo.gl -> canonical link
    assert frame.loc["fnn:PolitiFact_Real_1", "source"] == "cnn.com"
    assert frame.loc["fnn:BuzzFeed_Fake_1", "published"] == "2016-09-19"
    unknown = frame.loc[["fnn:PolitiFact_Fake_1", "fnn:PolitiFact_Fake_2"]]
    assert not unknown["source_known"].any()
    assert unknown["source"].nunique() == 1  # same text -> same group


def test_horne_pairs_titles_and_excludes_satire() -> None:
    frame = by_id(load_horne2017(CORPORA))
    assert len(frame) == 5
    assert frame.loc["horne:random:real:101", "title"] == "Senator’s Bill"  # cp1252 decoded
    assert frame.loc["horne:random:real:101", "label_kind"] == "source"
    assert frame.loc["horne:buzzfeed:fake:1_Fake", "label_kind"] == "article"
    assert math.isnan(frame.loc["horne:random:satire:2001", "label"])
    assert frame.loc["horne:random:satire:2001", "label_raw"] == "satire"
    assert frame.loc["horne:random:fake:001", "source"] == "unknown:horne2017:random-fake"
    assert not frame["source_known"].any()


def test_buzzfeed_webis_veracity_mapping() -> None:
    frame = by_id(load_buzzfeed_webis(CORPORA))
    assert frame["label"].to_dict() == pytest.approx(
        {"bfw:0000": 1.0, "bfw:0001": 0.0, "bfw:0002": math.nan, "bfw:0003": 0.0}, nan_ok=True
    )
    assert frame.loc["bfw:0000", "text"].endswith("vote passed.\n\nA second paragraph quotes the clerk.")
    assert frame.loc["bfw:0001", "text"] == "Synthetic fixture: he’s sure the “race war” is coming."
    assert frame.loc["bfw:0002", "text"] == ""
    assert frame.loc["bfw:0001", "source"] == "eaglerising.com"
    assert frame.loc["bfw:0000", "url"] == "http://www.politico.com/story/a?x=1&y=2"


def test_hyperpartisan_proxy_labels_html_and_hosts() -> None:
    plain = by_id(load_hyperpartisan(CORPORA))
    assert plain["label"].isna().all()
    proxy = by_id(load_hyperpartisan(CORPORA, include_proxy=True))
    assert proxy["label"].to_dict() == {"hp:0000001": 0.0, "hp:0000002": 1.0, "hp:0000003": 1.0}
    assert '<a href="https://example.org/congress"' in proxy.loc["hp:0000001", "html"]
    assert proxy.loc["hp:0000001", "text"].split("\n\n")[1:3] == [
        "The walls are closing in on Congress.",
        "They must act now.",
    ]
    assert proxy["source"].tolist() == ["opednews.com", "bbc.co.uk", "foxnews.com"]
    assert proxy.loc["hp:0000003", "published"] is None


def test_domain_ratings_normalised_with_aliases_and_no_paths() -> None:
    ratings = load_domain_ratings(CORPORA)
    assert set(ratings["host"]) == {"politico.com", "westernjournal.com", "reuters.com"}
    assert {"pc1", "afm", "mbfc"} <= set(ratings.columns)


def test_load_all_filters_dedups_and_soft_labels() -> None:
    frame = load_all(CORPORA)
    stats = frame.attrs["stats"]
    assert "hyperpartisan" not in set(frame["corpus"])
    assert frame["label"].isin([0.0, 1.0]).all()
    assert (frame["text"].str.strip() != "").all()
    assert "bfw:0002" not in set(frame["id"]) and "horne:random:satire:2001" not in set(frame["id"])
    assert stats["duplicates"]["removed"] == {"fakenewsnet": 2, "total": 2}
    assert stats["duplicates"]["cross_corpus_groups"] == 1
    assert "bfw:0003" in set(frame["id"])  # article-level, known source, first corpus wins
    soft = frame.set_index("id")["soft_label"]
    assert soft["bfw:0000"] == 0.86 and math.isnan(soft["bfw:0001"])
    assert len(load_all(CORPORA, include_proxy=True).query("corpus == 'hyperpartisan'")) == 3


def test_deduplicate_drops_contradictory_texts() -> None:
    rows = [
        {
            "id": "a:1",
            "text": "Same words.",
            "label": 1.0,
            "label_kind": "article",
            "source_known": True,
            "corpus": "fakenewsnet",
        },
        {
            "id": "a:2",
            "text": "same words",
            "label": 0.0,
            "label_kind": "article",
            "source_known": True,
            "corpus": "fakenewsnet",
        },
        {
            "id": "a:3",
            "text": "Other words.",
            "label": 0.0,
            "label_kind": "article",
            "source_known": True,
            "corpus": "fakenewsnet",
        },
    ]
    kept, report = deduplicate(pd.DataFrame(rows))
    assert kept["id"].tolist() == ["a:3"]
    assert report["label_conflicts_dropped"] == {"fakenewsnet": 2, "total": 2}


def test_summary_writes_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "datasets.json"
    summary_main(["--data-dir", str(CORPORA), "--out", str(out)])
    report = json.loads(out.read_text())
    assert report["corpora"]["buzzfeed_webis"]["items"] == 4
    assert report["label_mapping"]["buzzfeed_webis"]["no factual content"] == "excluded"
    assert "buzzfeed_webis" in capsys.readouterr().out


@pytest.mark.shared
def test_shared_buzzfeed_webis_counts(shared_data: Path) -> None:
    frame = load_buzzfeed_webis(shared_data)
    assert len(frame) == 1627
    assert frame["label_raw"].value_counts().to_dict() == {
        "mostly true": 1264,
        "mixture of true and false": 212,
        "mostly false": 87,
        "no factual content": 64,
    }
    assert frame["source"].nunique() == 9
    assert (frame["text"] == "").sum() == 23


@pytest.mark.shared
def test_shared_fakenewsnet_counts(shared_data: Path) -> None:
    frame = load_fakenewsnet(shared_data)
    counts = frame.groupby(["subset", "label_raw"]).size().to_dict()
    assert counts == {
        ("BuzzFeed", "fake"): 91,
        ("BuzzFeed", "real"): 91,
        ("PolitiFact", "fake"): 120,
        ("PolitiFact", "real"): 120,
    }
    assert (~frame["source_known"]).sum() == 39


@pytest.mark.shared
def test_shared_horne_counts(shared_data: Path) -> None:
    frame = load_horne2017(shared_data)
    random = frame[frame["subset"] == "Random"]["label_raw"].value_counts().to_dict()
    assert random == {"real": 75, "fake": 75, "satire": 75}
    assert (frame["title"] != "").all()


@pytest.mark.shared
def test_shared_hyperpartisan_counts(shared_data: Path) -> None:
    frame = load_hyperpartisan(shared_data, include_proxy=True)
    assert len(frame) == 645
    assert frame["label_raw"].value_counts().to_dict() == {"not-hyperpartisan": 407, "hyperpartisan": 238}
    assert frame["url"].notna().all()


@pytest.mark.shared
def test_shared_domain_ratings_and_load_all(shared_data: Path) -> None:
    ratings = load_domain_ratings(shared_data)
    assert 10_000 < len(ratings) <= 11_520 and ratings["host"].is_unique
    frame = load_all(shared_data)
    assert frame["id"].is_unique and frame["label"].isin([0.0, 1.0]).all()
    assert frame.loc[frame["corpus"] == "buzzfeed_webis", "soft_label"].notna().all()


def test_recovery_labels_are_the_publishers_and_aggregator_rows_are_excluded() -> None:
    from credibly.models.datasets.recovery import load_recovery

    frame = load_recovery(CORPORA)
    assert list(frame.columns) == list(COLUMNS) and frame["id"].is_unique
    assert frame["label"].tolist()[:2] == [1.0, 0.0] and math.isnan(frame["label"].iloc[2])
    assert frame["label_raw"].iloc[2] == "aggregator" and set(frame["label_kind"]) == {"source"}
    assert frame["source"].tolist()[:2] == ["slate.com", "sputniknews.com"]


def test_fakehealth_unwraps_archived_urls_and_is_unlabelled() -> None:
    from credibly.models.datasets.fakehealth import load_fakehealth

    frame = load_fakehealth(CORPORA)
    assert frame["source"].tolist() == ["reuters.com", "eurekalert.org"]
    assert frame["url"].iloc[0].startswith("https://www.reuters.com/")
    assert frame["label"].isna().all() and frame["published"].iloc[0] == "2018-12-16"


def test_distant_labels_come_from_the_publishers_rating() -> None:
    frame = load_all(CORPORA, distant=True).set_index("id")
    health = frame[frame["corpus"] == "fakehealth"]
    assert health["label"].tolist() == [1.0]  # reuters.com is rated 0.95; eurekalert.org is unrated
    assert health["label_kind"].tolist() == ["rating"]
