"""Publisher-disjoint evaluation of the reliability model beside baselines on the same folds.

Protocols (out-of-fold probabilities pooled within each protocol, then scored):
- leave-one-corpus-out: train on the other corpora, test on one (the figure that matters: new
  publishers, and for ReCOVery a topic and year the others lack);
- leave-one-topic-out: train on the other topics (US politics 2016, COVID-19 2020, health news);
- pooled: 5-fold StratifiedGroupKFold over all corpora, grouped by publisher host.
Models: credibly as shipped, its signal families alone (additive), the signals in a plain logistic
regression, and tf-idf + logistic regression over the raw text.

Beyond accuracy: each component's share of the logit's variance on every held-out corpus and how
often it gives an article's first reason, the within-publisher correlation of score and length,
per-publisher mean scores against the domain ratings and MBFC factuality, reliability diagrams per
held-out corpus, content-farm copies of real reliable articles
(``credibly.models.training.farm``) scored by the model that never saw them, and held-out articles cut
to a few words (how the short-text weight calibrates them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, f1_score, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from credibly.models.runtime.paths import REPORT_DIR
from credibly.models.runtime.specs import spec_for
from credibly.models.runtime.text_term import TEXT_FEATURE
from credibly.models.training.baselines import tfidf_model
from credibly.models.training.data import TrainingData, featurise
from credibly.models.training.farm import STEPS, degrade
from credibly.models.training.model import SEED, USE_TEXT_TERM, Model, fit_model
from credibly.scoring.result import label_for

Split = tuple[np.ndarray, np.ndarray]
MAIN = "credibly"
MIN_PUBLISHERS_FOR_SOURCE_CHECK = 5
MIN_ARTICLES_PER_PUBLISHER = 3
MIN_ARTICLES_FOR_LENGTH = 10
FARM_PAIRS = 400
SHORT_LENGTHS = (10, 20, 40)  # words kept of a held-out article in the short-text check
SHORT_PER_CORPUS = 200


@dataclass
class Fitted:
    """One fitted model of a protocol fold: predicts probabilities and, for credibly, contributions."""

    predict: Callable[[np.ndarray], np.ndarray]  # row indices of TrainingData -> P(reliable)
    model: Model | None = None


# --- models under comparison: each maps (data, train rows) -> Fitted ------------------------------


def _credibly(d: TrainingData, tr: np.ndarray, text: bool = USE_TEXT_TERM) -> Fitted:
    grams = [d.grams[i] for i in tr] if text else None
    model = fit_model(d.X[tr], d.y[tr], d.weights[tr], d.names, d.publishers[tr], d.corpora[tr], grams)
    return Fitted(lambda te: model.predict_proba(d.X[te], [d.grams[i] for i in te], d.word_counts[te]), model)


def _signals_additive(d: TrainingData, tr: np.ndarray) -> Fitted:
    return _credibly(d, tr, text=False)


def _signals_linear(d: TrainingData, tr: np.ndarray) -> Fitted:
    modelled = [j for j, n in enumerate(d.names) if spec_for(n).modelled]
    pipe = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=5000))
    pipe.fit(np.nan_to_num(d.X[tr][:, modelled]), d.y[tr], logisticregression__sample_weight=d.weights[tr])
    return Fitted(lambda te: pipe.predict_proba(np.nan_to_num(d.X[te][:, modelled]))[:, 1])


def _tfidf(d: TrainingData, tr: np.ndarray) -> Fitted:
    pipe = tfidf_model()
    pipe.fit([d.texts[i] for i in tr], d.y[tr], logisticregression__sample_weight=d.weights[tr])
    return Fitted(lambda te: pipe.predict_proba([d.texts[i] for i in te])[:, 1])


MODELS: dict[str, Callable[[TrainingData, np.ndarray], Fitted]] = {
    MAIN: _credibly,
    "signal families only (additive)": _signals_additive,
    "signals in plain logistic regression": _signals_linear,
    "tf-idf + LR (raw text)": _tfidf,
}
if not USE_TEXT_TERM:  # credibly is the signal families alone: the additive ablation is the same model
    del MODELS["signal families only (additive)"]


# --- protocols: name -> list of (train rows, test rows) --------------------------------------------


def leave_one_corpus_out(d: TrainingData) -> Iterator[tuple[str, Split]]:
    for corpus in sorted(set(d.corpora)):
        te = np.flatnonzero(d.corpora == corpus)
        yield corpus, (np.flatnonzero(d.corpora != corpus), te)


def leave_one_topic_out(d: TrainingData) -> Iterator[tuple[str, Split]]:
    topics = d.frame["topic"].to_numpy()
    for topic in sorted(set(topics)):
        yield topic, (np.flatnonzero(topics != topic), np.flatnonzero(topics == topic))


def pooled_grouped(d: TrainingData) -> Iterator[tuple[str, Split]]:
    cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED)
    for k, split in enumerate(cv.split(d.X, d.y, d.publishers)):
        yield f"fold {k}", split


PROTOCOLS = {
    "leave-one-corpus-out": leave_one_corpus_out,
    "leave-one-topic-out": leave_one_topic_out,
    "pooled publisher-grouped 5-fold": pooled_grouped,
}


# --- metrics ---------------------------------------------------------------------------------------


def ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error with equal-width probability bins."""
    idx = np.clip((p * bins).astype(int), 0, bins - 1)
    return float(sum(abs(p[idx == b].mean() - y[idx == b].mean()) * (idx == b).mean() for b in set(idx)))


def reliability_diagram(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    """Per probability bin: mean predicted, observed share reliable, count."""
    idx = np.clip((p * bins).astype(int), 0, bins - 1)
    return [
        {
            "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
            "predicted": round(float(p[idx == b].mean()), 3),
            "observed": round(float(y[idx == b].mean()), 3),
            "n": int((idx == b).sum()),
        }
        for b in sorted(set(idx))
    ]


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float | int | None]:
    """ROC-AUC (None with one class), macro-F1 at 0.5, Brier, ECE, mean score and share labelled low."""
    out: dict[str, float | int | None] = {"n": len(y), "reliable": int(y.sum())}
    out["roc_auc"] = round(float(roc_auc_score(y, p)), 4) if 0 < y.sum() < len(y) else None
    out["macro_f1"] = round(float(f1_score(y, (p >= 0.5).astype(int), average="macro")), 4)
    out["brier"] = round(float(brier_score_loss(y, p)), 4)
    out["ece"] = round(ece(y, p), 4)
    out["mean_score"] = round(float(100 * p.mean()), 1)
    out["share_low"] = round(float(np.mean([label_for(100 * v) == "low" for v in p])), 3)
    return out


def family_of(name: str) -> str:
    return "text" if name == TEXT_FEATURE else name.partition(".")[0]


def contributions_by_fold(
    d: TrainingData, folds: list[tuple[str, np.ndarray, Fitted]]
) -> dict[str, tuple[np.ndarray, list[str]]]:
    """Each held-out fold's per-feature logit contributions (rows: its test articles; columns in
    ``names`` order) from the model fitted without it, with those names."""
    out = {}
    for fold, te, fitted in folds:
        model = fitted.model
        assert model is not None, "only credibly's own folds carry a model"
        out[fold] = (model.contributions(d.X[te], [d.grams[i] for i in te]), list(model.names))
    return out


def top_reason_shares(parts: np.ndarray, names: Sequence[str]) -> dict[str, float]:
    """Share of articles whose largest contribution, the first reason a reader sees, comes from each
    component (a signal family or the text term)."""
    families = np.array([family_of(n) for n in names])
    top = families[np.abs(parts).argmax(axis=1)]
    return {f: round(float(np.mean(top == f)), 3) for f in sorted(set(families))}


def variance_shares(parts: np.ndarray, names: Sequence[str]) -> dict[str, float]:
    """Each component's share of the logit's variance over the rows of ``parts``: Cov(component,
    logit) / Var(logit), which sums to 1 over the components (signal families and the text term)."""
    families = sorted({family_of(n) for n in names})
    by_family = {f: parts[:, [family_of(n) == f for n in names]].sum(axis=1) for f in families}
    logit = parts.sum(axis=1)
    var = logit.var()
    if var <= 0:
        return dict.fromkeys(families, 0.0)
    shares = {
        f: round(float(np.mean((c - c.mean()) * (logit - logit.mean())) / var), 3)
        for f, c in by_family.items()
    }
    shares["signal families"] = round(sum(v for f, v in shares.items() if f != "text"), 3)
    return shares


def length_correlation(d: TrainingData, rows: np.ndarray, p: np.ndarray) -> dict[str, float | int | None]:
    """Within-publisher Spearman between score and log word count: the article-weighted mean over
    publishers with at least ``MIN_ARTICLES_FOR_LENGTH`` articles, and the share of them above 0.2."""
    frame = pd.DataFrame({"pub": d.publishers[rows], "p": p, "words": np.log1p(d.word_counts[rows])})
    rhos, sizes = [], []
    for _, part in frame.groupby("pub"):
        if len(part) >= MIN_ARTICLES_FOR_LENGTH and part["p"].nunique() > 1 and part["words"].nunique() > 1:
            rhos.append(float(spearmanr(part["p"], part["words"]).statistic))
            sizes.append(len(part))
    if not rhos:
        return {"publishers": 0, "weighted_mean_spearman": None}
    return {
        "publishers": len(rhos),
        "weighted_mean_spearman": round(float(np.average(rhos, weights=sizes)), 3),
        "share_of_publishers_above_0.2": round(float(np.mean(np.abs(rhos) > 0.2)), 3),
    }


def source_agreement(
    d: TrainingData, rows: np.ndarray, p: np.ndarray, ratings: dict[str, float], mbfc: dict[str, float]
) -> dict[str, dict]:
    """Per corpus (and all together): Spearman of per-publisher mean score against the domain rating
    (pc1) and MBFC factuality, over publishers with a rating and >= 3 articles; corpora with fewer
    than five such publishers are listed with their count only."""
    frame = pd.DataFrame({"corpus": d.corpora[rows], "pub": d.publishers[rows], "score": 100 * p})
    out: dict[str, dict] = {}
    for corpus, part in [*frame.groupby("corpus"), ("all corpora", frame)]:
        means = part.groupby("pub")["score"].agg(["mean", "size"])
        means = means[means["size"] >= MIN_ARTICLES_PER_PUBLISHER]
        entry: dict[str, float | int | None] = {}
        for name, table in (("domain_rating_pc1", ratings), ("mbfc_factuality", mbfc)):
            rated = means[means.index.isin(list(table))]
            entry[f"{name}_publishers"] = len(rated)
            if len(rated) >= MIN_PUBLISHERS_FOR_SOURCE_CHECK:
                values = [table[h] for h in rated.index]
                entry[f"{name}_spearman"] = round(float(spearmanr(rated["mean"], values).statistic), 3)
        out[str(corpus)] = entry
    return out


# --- running ---------------------------------------------------------------------------------------


def run_protocol(d: TrainingData, name: str, make: Callable[[TrainingData, np.ndarray], Fitted]) -> dict:
    """Out-of-fold predictions of one model under every protocol, with per-fold fitted models."""
    out = {}
    for protocol, splits in PROTOCOLS.items():
        rows, probs, folds = [], [], []
        for fold, (tr, te) in splits(d):
            if len(set(d.y[tr])) < 2:
                continue
            fitted = make(d, tr)
            rows.append(te)
            probs.append(fitted.predict(te))
            folds.append((fold, te, fitted))
        out[protocol] = (np.concatenate(rows), np.concatenate(probs), folds)
    return out


def farm_pairs(d: TrainingData, pooled: list, n: int = FARM_PAIRS) -> dict:
    """Reliable held-out articles (300-1,500 words) and their content-farm copies, each scored by the
    pooled fold model that never saw its publisher; also per degradation step alone."""
    rng = np.random.default_rng(SEED)
    words = d.word_counts
    chosen = []
    for _, te, fitted in pooled:
        eligible = [i for i in te if d.y[i] == 1 and 300 <= words[i] <= 1500 and d.frame["text"].iat[i]]
        take = rng.choice(eligible, size=min(len(eligible), n // len(pooled)), replace=False)
        chosen += [(int(i), fitted) for i in sorted(take)]
    variants = {"all steps": STEPS, **{f"{s} only": (s,) for s in STEPS}}
    report: dict[str, dict] = {}
    originals = np.array([fitted.predict(np.array([i]))[0] for i, fitted in chosen])
    for variant, steps in variants.items():
        items = []
        for i, _ in chosen:
            copy = degrade(
                str(d.frame["title"].iat[i] or ""), str(d.frame["text"].iat[i]), seed=i, steps=steps
            )
            items.append({"text": copy.text, "title": copy.title or None, "url": None, "published": None})
        X, grams, _ = featurise(items)
        farm = np.array(
            [
                fitted.model.predict_proba(X[k : k + 1], grams[k : k + 1])[0]
                for k, (_, fitted) in enumerate(chosen)
            ]
        )
        gap = 100 * (originals - farm)
        report[variant] = {
            "pairs": len(chosen),
            "mean_gap_points": round(float(gap.mean()), 1),
            "median_gap_points": round(float(np.median(gap)), 1),
            "share_gap_at_least_15": round(float(np.mean(gap >= 15)), 3),
            "share_farm_labelled_low": round(float(np.mean([label_for(100 * v) == "low" for v in farm])), 3),
            "share_label_changed": round(
                float(np.mean([label_for(100 * a) != label_for(100 * b) for a, b in zip(originals, farm)])), 3
            ),
        }
    report["originals"] = {
        "mean_score": round(float(100 * originals.mean()), 1),
        "share_labelled_high": round(float(np.mean([label_for(100 * v) == "high" for v in originals])), 3),
    }
    return report


def short_texts(d: TrainingData, loco: list) -> dict:
    """Held-out articles (>= 200 words) cut to their first 10, 20 and 40 words, as a failed extraction
    or a teaser would leave them, scored by the leave-one-corpus-out model that never saw their
    corpus: log-loss, calibration error and label shares with every contribution counted in full
    and with the short-text evidence weight applied (as shipped), beside the same articles whole."""
    rng = np.random.default_rng(SEED)
    chosen = []
    for _, te, fitted in loco:
        eligible = [i for i in te if d.word_counts[i] >= 200 and d.frame["text"].iat[i]]
        take = rng.choice(eligible, size=min(len(eligible), SHORT_PER_CORPUS), replace=False)
        chosen += [(int(i), fitted) for i in sorted(take)]
    y = d.y[[i for i, _ in chosen]]
    whole = np.array([fitted.predict(np.array([i]))[0] for i, fitted in chosen])
    report: dict[str, dict] = {"whole articles": {"articles": len(chosen), **_short_metrics(y, whole)}}
    for n in SHORT_LENGTHS:
        items = [
            {"text": " ".join(str(d.frame["text"].iat[i]).split()[:n]), "title": None, "url": None}
            for i, _ in chosen
        ]
        X, grams, words = featurise(items)
        entry: dict[str, object] = {
            "articles": len(chosen),
            "mean_words": round(float(np.mean(words)), 1),
        }
        for variant, counted in (("in full", None), ("weighted", words)):
            p = np.array(
                [
                    fitted.model.predict_proba(
                        X[k : k + 1], grams[k : k + 1], None if counted is None else counted[k : k + 1]
                    )[0]
                    for k, (_, fitted) in enumerate(chosen)
                ]
            )
            entry[variant] = _short_metrics(y, p)
        report[f"{n} words"] = entry
    return report


def _short_metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Log-loss, calibration error and the share given a confident label (high or low)."""
    return {
        "log_loss": round(float(log_loss(y, p, labels=[0, 1])), 3),
        "ece": round(ece(y, p), 3),
        "labelled_high_or_low": round(float(np.mean([label_for(100 * v) != "mixed" for v in p])), 3),
    }


def real_low_quality(d: TrainingData, rows: np.ndarray, p: np.ndarray) -> dict:
    """Out-of-fold scores of real pages from the unreliable side that carry content-farm page furniture
    in their raw text ("Leave a Reply", "About the author", share prompts), against all reliable ones."""
    markers = ("leave a reply", "about the author", "share this:", "related posts", "you may also like")
    texts = d.frame["text"].fillna("").str.lower().to_numpy()[rows]
    farm = np.array([d.y[r] == 0 and any(m in t for m in markers) for r, t in zip(rows, texts)])
    reliable = d.y[rows] == 1
    return {
        "unreliable_pages_with_farm_furniture": int(farm.sum()),
        "their_mean_score": round(float(100 * p[farm].mean()), 1) if farm.any() else None,
        "their_share_labelled_low": round(float(np.mean([label_for(100 * v) == "low" for v in p[farm]])), 3)
        if farm.any()
        else None,
        "reliable_mean_score": round(float(100 * p[reliable].mean()), 1),
    }


def evaluate(d: TrainingData, data_dir: Path, out_dir: Path = REPORT_DIR) -> dict:
    """Every protocol x every model; writes ``evaluation.json`` and ``evaluation.md`` to ``out_dir``."""
    from credibly.models.datasets.domain_ratings import load_domain_ratings, rating_lookup
    from credibly.models.datasets.source_lists import load_mbfc_factuality

    ratings = rating_lookup(load_domain_ratings(data_dir))
    mbfc = load_mbfc_factuality(data_dir)
    results: dict[str, dict] = {}
    runs = {name: run_protocol(d, name, make) for name, make in MODELS.items()}
    for name, run in runs.items():
        results[name] = {}
        for protocol, (rows, p, folds) in run.items():
            entry = {"all test rows": metrics(d.y[rows], p)}
            for fold, te, _ in folds:
                mask = np.isin(rows, te)
                entry[fold] = metrics(d.y[rows[mask]], p[mask])
            results[name][protocol] = entry
    main = runs[MAIN]
    loco_rows, loco_p, loco_folds = main["leave-one-corpus-out"]
    pooled_rows, pooled_p, pooled_folds = main["pooled publisher-grouped 5-fold"]
    loco_parts = contributions_by_fold(d, loco_folds)
    report = {
        "articles": len(d.y),
        "publishers": len(set(d.publishers)),
        "corpora": {
            c: {"articles": int((d.corpora == c).sum()), "reliable": int(d.y[d.corpora == c].sum())}
            for c in sorted(set(d.corpora))
        },
        "results": results,
        "variance_shares_leave_one_corpus_out": {
            fold: variance_shares(*parts) for fold, parts in loco_parts.items()
        },
        "top_reason_shares_leave_one_corpus_out": {
            fold: top_reason_shares(*parts) for fold, parts in loco_parts.items()
        },
        "calibration_leave_one_corpus_out": {
            fold: reliability_diagram(d.y[te], loco_p[np.isin(loco_rows, te)]) for fold, te, _ in loco_folds
        },
        "length_within_publisher": {
            "pooled publisher-grouped": length_correlation(d, pooled_rows, pooled_p),
            "leave-one-corpus-out": length_correlation(d, loco_rows, loco_p),
        },
        "source_level_pooled_out_of_fold": source_agreement(d, pooled_rows, pooled_p, ratings, mbfc),
        "baseline_score_per_fold": {
            fold: round(100 / (1 + np.exp(-fitted.model.additive.intercept_)), 1)
            for fold, _, fitted in loco_folds
        },
        "content_farm_pairs": farm_pairs(d, pooled_folds),
        "short_texts_leave_one_corpus_out": short_texts(d, loco_folds),
        "real_low_quality_pages": real_low_quality(d, pooled_rows, pooled_p),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    report["plots"] = plots(report, out_dir)
    (out_dir / "evaluation.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out_dir / "evaluation.md").write_text(markdown(report), encoding="utf-8")
    return report


def plots(report: dict, out_dir: Path) -> list[str]:
    """PNG figures from an evaluation report: ROC-AUC per held-out corpus and model, the components'
    variance shares, and a reliability diagram per held-out corpus. Returns the file names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    loco = "leave-one-corpus-out"
    models = list(report["results"])
    folds = [f for f in report["results"][MAIN][loco] if f != "all test rows"]
    folds = [f for f in folds if report["results"][MAIN][loco][f]["roc_auc"] is not None]
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / len(models)
    for k, m in enumerate(models):
        aucs = [report["results"][m][loco][f]["roc_auc"] for f in folds]
        ax.bar(np.arange(len(folds)) + k * width, aucs, width, label=m)
    ax.axhline(0.5, color="grey", lw=0.8, ls=":")
    ax.set(
        xticks=np.arange(len(folds)) + 0.4 - width / 2, xticklabels=folds, ylim=(0.4, 1.0), ylabel="ROC-AUC"
    )
    ax.set_title("Leave-one-corpus-out: held-out corpus")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out_dir / "loco_auc.png", dpi=110)
    plt.close(fig)

    shares = report["variance_shares_leave_one_corpus_out"]
    fig, ax = plt.subplots(figsize=(8, 4))
    bottom = np.zeros(len(shares))
    components = sorted({c for v in shares.values() for c in v if c != "signal families"})
    for c in components:
        values = np.array([max(0.0, shares[f].get(c, 0.0)) for f in shares])
        ax.bar(list(shares), values, bottom=bottom, label=c)
        bottom += values
    ax.axhline(0.6, color="k", lw=0.8, ls="--")
    ax.set(ylabel="share of the logit's variance", title="What carries the score, per held-out corpus")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out_dir / "variance_shares.png", dpi=110)
    plt.close(fig)

    diagrams = report["calibration_leave_one_corpus_out"]
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], ":", color="grey")
    for corpus, bins in diagrams.items():
        ax.plot([b["predicted"] for b in bins], [b["observed"] for b in bins], "o-", ms=3, label=corpus)
    ax.set(xlabel="predicted probability (reliable)", ylabel="observed share reliable")
    ax.set_title("Reliability diagram per held-out corpus")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out_dir / "reliability_diagrams.png", dpi=110)
    plt.close(fig)
    return ["loco_auc.png", "variance_shares.png", "reliability_diagrams.png"]


def _per_corpus_spearman(sources: dict[str, dict], rating: str) -> str:
    """The cells `corpus rho (publishers), ...` of every corpus with a Spearman against ``rating``."""
    return ", ".join(
        f"{c} {v[f'{rating}_spearman']} ({v[f'{rating}_publishers']})"
        for c, v in sources.items()
        if f"{rating}_spearman" in v
    )


def readme_summary(report: dict) -> str:
    """The README's evaluation tables, generated from ``evaluation.json`` (a test keeps them equal)."""
    models = list(report["results"])
    lines = ["| held out | " + " | ".join(models) + " |", "|---" * (len(models) + 1) + "|"]
    for protocol, label in (
        ("leave-one-corpus-out", "corpus"),
        ("leave-one-topic-out", "topic"),
        ("pooled publisher-grouped 5-fold", "pooled"),
    ):
        for fold, entry in report["results"][MAIN][protocol].items():
            if entry["roc_auc"] is None or (label == "pooled" and fold != "all test rows"):
                continue
            if label != "pooled" and fold == "all test rows":
                continue
            name = "publisher-grouped 5-fold, all rows" if label == "pooled" else f"{label}: {fold}"
            cells = [f"{report['results'][m][protocol][fold]['roc_auc']:.3f}" for m in models]
            lines.append(f"| {name} (n={entry['n']}) | " + " | ".join(cells) + " |")
    shares = report["variance_shares_leave_one_corpus_out"]
    farm = report["content_farm_pairs"]
    every = farm["all steps"]
    length = report["length_within_publisher"]
    sources = report["source_level_pooled_out_of_fold"]
    lines += [
        "",
        "| measure | value |",
        "|---|---|",
        "| signal families' share of the logit's variance, per held-out corpus | "
        + ", ".join(f"{c} {v['signal families']:.2f}" for c, v in shares.items())
        + " |",
        "| share of held-out articles whose first reason is the text term, per held-out corpus | "
        + ", ".join(
            f"{c} {v.get('text', 0.0):.2f}"
            for c, v in report["top_reason_shares_leave_one_corpus_out"].items()
        )
        + " |",
        f"| within-publisher Spearman, score vs log word count (publisher-grouped; leave-one-corpus-out) | "
        f"{length['pooled publisher-grouped']['weighted_mean_spearman']}; "
        f"{length['leave-one-corpus-out']['weighted_mean_spearman']} |",
        "| per-publisher mean score vs domain rating pc1, Spearman (publishers) | "
        + _per_corpus_spearman(sources, "domain_rating_pc1")
        + " |",
        "| per-publisher mean score vs MBFC factuality, Spearman (publishers) | "
        + _per_corpus_spearman(sources, "mbfc_factuality")
        + " |",
        f"| content-farm copies of {every['pairs']} held-out reliable articles: mean gap; share >= 15 "
        f"points apart; farm labelled low | {every['mean_gap_points']} points; "
        f"{every['share_gap_at_least_15']:.0%}; {every['share_farm_labelled_low']:.0%} |",
        "| the same, one degradation at a time (mean gap) | "
        + ", ".join(
            f"{k.removesuffix(' only')} {v['mean_gap_points']}"
            for k, v in farm.items()
            if k.endswith(" only")
        )
        + " |",
    ]
    short = dict(report.get("short_texts_leave_one_corpus_out", {}))
    whole = short.pop("whole articles", None)
    if short and whole:
        lines.append(
            "| held-out articles cut to "
            + " / ".join(k.removesuffix(" words") for k in short)
            + " words: log-loss counted in full -> with the short-text weight, labelled high or low "
            + f"(the same {whole['articles']} articles whole: {whole['log_loss']}, "
            + f"{whole['labelled_high_or_low']:.0%}; a constant 50: 0.693) | "
            + "; ".join(
                f"{v['in full']['log_loss']} -> {v['weighted']['log_loss']}, "
                f"{v['in full']['labelled_high_or_low']:.0%} -> {v['weighted']['labelled_high_or_low']:.0%}"
                for v in short.values()
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def markdown(report: dict) -> str:
    """The evaluation as a readable report (the README quotes its headline figures)."""
    models = list(report["results"])
    lines = [
        "# credibly reliability model: evaluation",
        "",
        f"{report['articles']} articles, {report['publishers']} publishers. Every figure is out of fold on "
        "publishers the model never saw; all models run on the same folds. Generated by `make evaluate`.",
        "",
    ]
    for protocol in PROTOCOLS:
        folds = list(report["results"][MAIN][protocol])
        lines += [
            f"## {protocol}: ROC-AUC",
            "",
            "| test | " + " | ".join(models) + " |",
            "|---" * (len(models) + 1) + "|",
        ]
        for fold in folds:
            cells = []
            for m in models:
                auc = report["results"][m][protocol][fold]["roc_auc"]
                cells.append("—" if auc is None else f"{auc:.3f}")
            n = report["results"][MAIN][protocol][fold]["n"]
            lines.append(f"| {fold} (n={n}) | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["## Share of the logit's variance by component (leave-one-corpus-out)", ""]
    for fold, shares in report["variance_shares_leave_one_corpus_out"].items():
        lines.append(f"- {fold}: " + ", ".join(f"{k} {v:.2f}" for k, v in shares.items()))
    lines += ["", "## Content-farm copies of held-out reliable articles", ""]
    lines += [
        "| degradation | pairs | mean gap | share gap >= 15 | farm labelled low |",
        "|---|---|---|---|---|",
    ]
    for variant, r in report["content_farm_pairs"].items():
        if "pairs" in r:
            lines.append(
                f"| {variant} | {r['pairs']} | {r['mean_gap_points']} | {r['share_gap_at_least_15']} | "
                f"{r['share_farm_labelled_low']} |"
            )
    lines += ["", "## Summary (as in the README)", "", readme_summary(report)]
    lines += ["", "Full figures (calibration, length, source level): `evaluation.json`.", ""]
    lines += [f"![{p}]({p})" for p in report.get("plots", [])]
    return "\n".join(lines)


def main() -> int:
    """Print the README's evaluation tables from ``models/reports/evaluation.json``."""
    report = json.loads((REPORT_DIR / "evaluation.json").read_text(encoding="utf-8"))
    print(readme_summary(report), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
