"""Scoring throughput against textstat on the same texts, measured in one run.

Each side runs in its own fresh process (so neither warms the other's caches, and every article is
new to the scorer, as in a crawl): textstat's ``flesch_reading_ease`` alone, then credibly's full
scoring (parse, four families, model, explanation). The two alternate over several rounds and are
timed in process CPU time; the reported figures are per-side medians, and the ratio is the median
of the per-round ratios, the figure that stays put on a shared, noisy machine.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import resource
import statistics
import time
from pathlib import Path
from queue import Empty

from credibly.models.runtime.paths import DEFAULT_DATA_DIR

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_WORDS = 300
ROUNDS = 5


def _trim(text: str, words: int = TARGET_WORDS) -> str:
    """First paragraphs of ``text`` until about ``words`` words (whole paragraphs kept)."""
    out, count = [], 0
    for para in text.split("\n"):
        if not para.strip():
            continue
        out.append(para)
        count += len(para.split())
        if count >= words:
            break
    return "\n".join(out)


def load_texts(data_dir: Path, n: int) -> tuple[list[str], str]:
    """~300-word real articles from the shared corpora, or the bundled examples when absent."""
    texts: list[str] = []
    origin = "bundled examples (../shared/data absent)"
    if data_dir.is_dir():
        from credibly.models.datasets import load_buzzfeed_webis, load_fakenewsnet

        for frame in (load_buzzfeed_webis(data_dir), load_fakenewsnet(data_dir)):
            for text in frame["text"]:
                trimmed = _trim(text or "")
                if len(trimmed.split()) >= 200:
                    texts.append(trimmed)
        origin = f"BuzzFeed-Webis + FakeNewsNet articles trimmed to ~{TARGET_WORDS} words"
    if not texts:
        examples = Path(__file__).resolve().parents[1] / "scoring" / "examples" / "examples.jsonl"
        texts = [json.loads(line)["text"] for line in examples.read_text().splitlines()]
    texts = (texts * (n // len(texts) + 1))[:n] if len(texts) < n else texts[:n]
    return texts, origin


def _time_textstat(texts: list[str], queue: mp.Queue) -> None:
    import textstat

    import credibly.features.style.readability  # noqa: F401 - installs the offline CMU dictionary first

    textstat.flesch_reading_ease("Warm up the dictionaries with one sentence.")
    t0 = time.process_time()
    for text in texts:
        textstat.flesch_reading_ease(text)
    queue.put({"seconds": time.process_time() - t0, "max_rss_mb": _rss_mb()})


def _time_scoring(texts: list[str], queue: mp.Queue) -> None:
    from credibly.scoring.engine import Scorer

    scorer = Scorer()
    scorer.warm_up()
    t0 = time.process_time()
    errors = sum(scorer.score({"text": text}).error is not None for text in texts)
    queue.put({"seconds": time.process_time() - t0, "max_rss_mb": _rss_mb(), "errors": errors})


def _time_stages(texts: list[str], queue: mp.Queue) -> None:
    """Where the time goes: parse, each family, model + explanation."""
    from credibly.features.article import prepare
    from credibly.features.pipeline import FAMILIES, family_module, flatten
    from credibly.models.runtime.registry import load_default_model
    from credibly.models.runtime.text_term import TEXT_FEATURE
    from credibly.scoring.engine import WARM_UP
    from credibly.scoring.explain import build_reasons

    model = load_default_model()
    # The article Scorer.warm_up scores (it has a typo, so the spelling tables are built too): lexicons,
    # dictionaries and indexes are loaded outside the timed loop, as _time_scoring does.
    warm_up = prepare(text=WARM_UP.text, title=WARM_UP.title).doc
    for fam in FAMILIES:
        family_module(fam).extract(warm_up)
    if model.text_term is not None:
        model.text_term.evaluate(warm_up)
    stages = {"parse": 0.0, **dict.fromkeys(FAMILIES, 0.0), "model": 0.0}
    for text in texts:
        t = time.perf_counter()
        doc = prepare(text=text).doc
        stages["parse"] += time.perf_counter() - t
        results = {}
        for fam in FAMILIES:
            t = time.perf_counter()
            results[fam] = family_module(fam).extract(doc)
            stages[fam] += time.perf_counter() - t
        t = time.perf_counter()
        features = flatten(results)
        if model.text_term is not None:
            features[TEXT_FEATURE], _ = model.text_term.evaluate(doc)
        build_reasons(model.explain(features, doc.word_count), features, [], model, doc.word_count)
        stages["model"] += time.perf_counter() - t
    queue.put(stages)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _in_fresh_process(target, texts: list[str]) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(texts, queue))
    proc.start()
    while True:  # a child that dies (an exception) would otherwise leave the parent waiting forever
        try:
            result = queue.get(timeout=5)
            break
        except Empty:
            if not proc.is_alive():
                raise RuntimeError(
                    f"benchmark process {target.__name__} exited with {proc.exitcode}"
                ) from None
    proc.join()
    return result


def run(data_dir: Path, n: int) -> dict:
    """Run both sides on the same texts and return the figures (also written to bench/results)."""
    texts, origin = load_texts(data_dir, n)
    words = sum(len(t.split()) for t in texts) / len(texts)
    textstat_runs, scoring_runs = [], []
    for _ in range(ROUNDS):
        textstat_runs.append(_in_fresh_process(_time_textstat, texts))
        scoring_runs.append(_in_fresh_process(_time_scoring, texts))
    textstat_s = statistics.median(r["seconds"] for r in textstat_runs)
    scoring_s = statistics.median(r["seconds"] for r in scoring_runs)
    ratios = [c["seconds"] / t["seconds"] for t, c in zip(textstat_runs, scoring_runs)]
    stages = _in_fresh_process(_time_stages, texts)
    report = {
        "articles": len(texts),
        "mean_words": round(words, 1),
        "texts": origin,
        "rounds": ROUNDS,
        "timer": "process CPU time, medians over rounds",
        "textstat_seconds": round(textstat_s, 3),
        "credibly_seconds": round(scoring_s, 3),
        "ratio_credibly_over_textstat": round(statistics.median(ratios), 2),
        "ratio_per_round": [round(r, 2) for r in ratios],
        "credibly_articles_per_second": round(len(texts) / scoring_s, 1),
        "credibly_ms_per_article": round(1000 * scoring_s / len(texts), 3),
        "textstat_articles_per_second": round(len(texts) / textstat_s, 1),
        "credibly_worker_max_rss_mb": round(max(r["max_rss_mb"] for r in scoring_runs), 1),
        "errors": scoring_runs[0]["errors"],
        "stage_ms_per_article": {k: round(1000 * v / len(texts), 3) for k, v in stages.items()},
        "model_share_of_core": round(stages["model"] / (sum(stages.values()) - stages["model"]), 3),
        "python": platform.python_version(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "score_vs_textstat.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("-n", type=int, default=1500, help="number of articles")
    args = parser.parse_args()
    report = run(args.data, args.n)
    print(json.dumps(report, indent=2))
    print(
        f"\ncredibly score: {report['ratio_credibly_over_textstat']}x the textstat-only run "
        f"({report['credibly_articles_per_second']} vs {report['textstat_articles_per_second']} articles/s "
        f"at {report['mean_words']} words), worker max RSS {report['credibly_worker_max_rss_mb']} MB"
    )


if __name__ == "__main__":
    main()
