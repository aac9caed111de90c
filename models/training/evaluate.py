"""Source-disjoint evaluation of the reliability model beside simple baselines on the same folds.

Protocols (out-of-fold probabilities pooled within each protocol, then scored):
- pooled: 5-fold StratifiedGroupKFold over all corpora, grouped by publisher host;
- per corpus: leave-one-publisher-out (BuzzFeed-Webis, 9 publishers) or 5-fold grouped (FakeNewsNet);
- leave-one-corpus-out: train on the other corpora, test on one;
- random 5-fold (leaky, publisher overlap allowed): shown only beside the grouped figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score, roc_curve
from sklearn.model_selection import LeaveOneGroupOut, StratifiedGroupKFold, StratifiedKFold

from credibly.features.pipeline import feature_names
from credibly.models.runtime.paths import REPORT_DIR
from credibly.models.runtime.text_term import TEXT_FEATURE
from credibly.models.training.baselines import nela_model, tfidf_model
from credibly.models.training.model import SEED, corpus_weights, featurise, fit, fit_stacked, training_frame

Split = tuple[np.ndarray, np.ndarray]


@dataclass
class EvalData:
    """Everything the protocols need, computed once: frame, signal matrix, labels, groups, texts."""

    frame: pd.DataFrame
    X: np.ndarray
    grams: list[list[str]]
    y: np.ndarray
    groups: np.ndarray
    texts: list[str]
    weights: np.ndarray


def load_eval_data(data_dir: Path) -> EvalData:
    frame = training_frame(data_dir)
    X, grams = featurise(frame)
    texts = (frame["title"].fillna("") + "\n" + frame["text"].fillna("")).tolist()
    return EvalData(
        frame,
        X,
        grams,
        frame["label"].astype(int).to_numpy(),
        frame["source"].to_numpy(),
        texts,
        corpus_weights(frame["corpus"]),
    )


def ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error with equal-width probability bins."""
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            total += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(total)


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """ROC-AUC, macro-F1 at 0.5, Brier score and ECE of out-of-fold probabilities."""
    out: dict[str, float] = {"n": len(y), "positives": int(y.sum())}
    out["roc_auc"] = float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else float("nan")
    out["macro_f1"] = float(f1_score(y, (p >= 0.5).astype(int), average="macro"))
    out["brier"] = float(brier_score_loss(y, p))
    out["ece"] = ece(y, p)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


# --- models under comparison: each maps (data, train idx, test idx) -> test probabilities ----------


def _credibly(d: EvalData, tr: np.ndarray, te: np.ndarray) -> np.ndarray:
    model = fit_stacked(d.X[tr], [d.grams[i] for i in tr], d.y[tr], d.weights[tr], d.groups[tr])
    return model.predict_proba(d.X[te], [d.grams[i] for i in te])


def _signals_only(d: EvalData, tr: np.ndarray, te: np.ndarray) -> np.ndarray:
    return fit(d.X[tr], d.y[tr], d.weights[tr]).predict_proba(d.X[te])[:, 1]


def _tfidf(d: EvalData, tr: np.ndarray, te: np.ndarray) -> np.ndarray:
    model = tfidf_model()
    model.fit([d.texts[i] for i in tr], d.y[tr], logisticregression__sample_weight=d.weights[tr])
    return model.predict_proba([d.texts[i] for i in te])[:, 1]


def _nela(d: EvalData, tr: np.ndarray, te: np.ndarray) -> np.ndarray:
    model = nela_model()
    model.fit([d.texts[i] for i in tr], d.y[tr], logisticregression__sample_weight=d.weights[tr])
    return model.predict_proba([d.texts[i] for i in te])[:, 1]


MAIN = "credibly (signals + text term)"
MODELS: dict[str, Callable[[EvalData, np.ndarray, np.ndarray], np.ndarray]] = {
    MAIN: _credibly,
    "credibly signals only (ablation)": _signals_only,
    "tf-idf + LR": _tfidf,
    "NELA-style counts + LR": _nela,
}


# --- protocols ------------------------------------------------------------------------------------


def pooled_grouped(d: EvalData) -> Iterator[Split]:
    cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED)
    yield from cv.split(d.X, d.y, d.groups)


def random_folds(d: EvalData) -> Iterator[Split]:
    yield from StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(d.X, d.y)


def within_corpus(d: EvalData, corpus: str) -> Iterator[Split]:
    """Publisher-disjoint folds inside one corpus (leave-one-publisher-out when it has few)."""
    idx = np.flatnonzero(d.frame["corpus"].to_numpy() == corpus)
    groups = d.groups[idx]
    cv = (
        LeaveOneGroupOut()
        if len(set(groups)) <= 12
        else StratifiedGroupKFold(5, shuffle=True, random_state=SEED)
    )
    for tr, te in cv.split(idx, d.y[idx], groups):
        if len(set(d.y[idx[tr]])) == 2:
            yield idx[tr], idx[te]


def out_of_fold(d: EvalData, splits: list[Split], model: Callable) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate test-fold predictions; returns (indices, probabilities)."""
    idx = np.concatenate([te for _, te in splits])
    prob = np.concatenate([model(d, tr, te) for tr, te in splits])
    return idx, prob


def _grouped_corpora(d: EvalData) -> list[str]:
    """Corpora with at least three known publishers (so publisher-disjoint folds exist)."""
    out = []
    for corpus, part in d.frame.groupby("corpus"):
        if part.loc[part["source_known"], "source"].nunique() >= 3:
            out.append(str(corpus))
    return sorted(out)


def run_protocols(d: EvalData) -> tuple[dict, dict]:
    """All protocols x all models -> metrics; plus the pooled out-of-fold predictions for plots."""
    results: dict[str, dict] = {}
    pooled_oof: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    pooled = list(pooled_grouped(d))
    rnd = list(random_folds(d))
    corpora = sorted(d.frame["corpus"].unique())
    for name, model in MODELS.items():
        res: dict[str, dict] = {}
        idx, p = out_of_fold(d, pooled, model)
        pooled_oof[name] = (idx, p)
        res["pooled, publisher-grouped 5-fold"] = metrics(d.y[idx], p)
        for corpus in corpora:
            sub = idx[d.frame["corpus"].to_numpy()[idx] == corpus]
            mask = np.isin(idx, sub)
            res[f"pooled grouped, {corpus} rows"] = metrics(d.y[idx[mask]], p[mask])
        for corpus in _grouped_corpora(d):
            splits = list(within_corpus(d, corpus))
            ci, cp = out_of_fold(d, splits, model)
            res[f"within {corpus}, publisher-disjoint"] = metrics(d.y[ci], cp)
        loco_idx, loco_p = [], []
        for corpus in corpora:
            te = np.flatnonzero(d.frame["corpus"].to_numpy() == corpus)
            tr = np.flatnonzero(d.frame["corpus"].to_numpy() != corpus)
            pr = model(d, tr, te)
            res[f"leave-one-corpus-out, test {corpus}"] = metrics(d.y[te], pr)
            loco_idx.append(te)
            loco_p.append(pr)
        res["leave-one-corpus-out, all test rows"] = metrics(
            d.y[np.concatenate(loco_idx)], np.concatenate(loco_p)
        )
        ri, rp = out_of_fold(d, rnd, model)
        res["random 5-fold (publisher overlap, leaky)"] = metrics(d.y[ri], rp)
        results[name] = res
    return results, pooled_oof


def c_sensitivity(d: EvalData, cs: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)) -> dict[str, float]:
    """Pooled grouped ROC-AUC of the signals-only model for several regularisation strengths."""
    pooled = list(pooled_grouped(d))
    out = {}
    for c in cs:

        def model(dd: EvalData, tr: np.ndarray, te: np.ndarray, c: float = c) -> np.ndarray:
            return fit(dd.X[tr], dd.y[tr], dd.weights[tr], c=c).predict_proba(dd.X[te])[:, 1]

        idx, p = out_of_fold(d, pooled, model)
        out[str(c)] = round(float(roc_auc_score(d.y[idx], p)), 4)
    return out


def proxy_checks(d: EvalData, data_dir: Path) -> dict:
    """Transfer checks the model never trained on: hyperpartisan articles (proxy label, AUC of
    'not hyperpartisan') and per-host mean score vs Lin et al. pc1 domain quality (Spearman)."""
    from credibly.models.datasets import load_domain_ratings, load_hyperpartisan
    from credibly.models.datasets.domain_ratings import rating_lookup

    model = fit_stacked(d.X, d.grams, d.y, d.weights, d.groups)
    hyp = load_hyperpartisan(data_dir, include_proxy=True)
    hyp = hyp[hyp["label"].notna()].reset_index(drop=True)
    p = model.predict_proba(*featurise(hyp))
    out = {
        "hyperpartisan_articles": len(hyp),
        "hyperpartisan_auc_not_hyperpartisan": metrics(hyp["label"].astype(int).to_numpy(), p)["roc_auc"],
    }
    ratings = rating_lookup(load_domain_ratings(data_dir))
    hosts = pd.DataFrame({"host": hyp["source"], "p": p}).groupby("host")["p"].agg(["mean", "size"])
    hosts = hosts[(hosts["size"] >= 2) & hosts.index.isin(list(ratings))]
    if len(hosts) >= 5:
        rho = spearmanr(hosts["mean"], [ratings[h] for h in hosts.index])
        out.update(
            {
                "hosts_with_rating_and_2plus_articles": len(hosts),
                "spearman_mean_score_vs_pc1": round(float(rho.statistic), 4),
            }
        )
    return out


def plots(d: EvalData, pooled_oof: dict, coefs: dict[str, float], out_dir: Path) -> list[str]:
    """ROC per corpus, reliability diagram and top feature effects as PNGs; returns file names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    idx, p = pooled_oof[MAIN]
    corpus = d.frame["corpus"].to_numpy()[idx]
    y = d.y[idx]
    fig, ax = plt.subplots(figsize=(5.5, 5))
    for c in sorted(set(corpus)):
        m = corpus == c
        if 0 < y[m].sum() < m.sum():
            fpr, tpr, _ = roc_curve(y[m], p[m])
            ax.plot(fpr, tpr, label=f"{c} (AUC {roc_auc_score(y[m], p[m]):.2f})")
    fpr, tpr, _ = roc_curve(y, p)
    ax.plot(fpr, tpr, "k", lw=2, label=f"pooled (AUC {roc_auc_score(y, p):.2f})")
    ax.plot([0, 1], [0, 1], ":", color="grey")
    ax.set(
        xlabel="false positive rate", ylabel="true positive rate", title="ROC, publisher-grouped out-of-fold"
    )
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out_dir / "roc_by_corpus.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5.5, 5))
    edges = np.linspace(0, 1, 11)
    b = np.clip(np.digitize(p, edges) - 1, 0, 9)
    xs = [p[b == i].mean() for i in range(10) if (b == i).any()]
    ys = [y[b == i].mean() for i in range(10) if (b == i).any()]
    ns = [(b == i).sum() for i in range(10) if (b == i).any()]
    ax.plot([0, 1], [0, 1], ":", color="grey")
    ax.plot(xs, ys, "o-")
    for x_, y_, n_ in zip(xs, ys, ns):
        ax.annotate(str(n_), (x_, y_), fontsize=7, xytext=(3, -9), textcoords="offset points")
    ax.set(
        xlabel="predicted probability (reliable)",
        ylabel="observed share reliable",
        title=f"Reliability diagram (ECE {ece(y, p):.3f})",
    )
    fig.tight_layout()
    fig.savefig(out_dir / "reliability_diagram.png", dpi=110)
    plt.close(fig)

    top = sorted(coefs.items(), key=lambda kv: -abs(kv[1]))[:15][::-1]
    fig, ax = plt.subplots(figsize=(7, 5.5))
    ax.barh(
        [k for k, _ in top], [v for _, v in top], color=["tab:green" if v > 0 else "tab:red" for _, v in top]
    )
    ax.set(xlabel="logit change per standard deviation", title="Top feature effects (final model)")
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    fig.savefig(out_dir / "feature_effects.png", dpi=110)
    plt.close(fig)
    return ["roc_by_corpus.png", "reliability_diagram.png", "feature_effects.png"]


def _markdown(report: dict) -> str:
    models = list(report["results"])
    protocols = list(report["results"][models[0]])
    lines = [
        "# credibly reliability model — evaluation",
        "",
        (
            f"{report['articles']} labelled articles from {', '.join(report['corpora'])}; "
            f"{report['publishers']} publisher groups. All figures are out-of-fold; "
            "every baseline is run on the "
            "same folds. Random-split figures appear only beside the publisher-grouped ones."
        ),
        "",
        "| protocol | "
        + " | ".join(f"{m} AUC" for m in models)
        + " | credibly macro-F1 | credibly Brier | credibly ECE |",
        "|---|" + "---|" * (len(models) + 3),
    ]
    for proto in protocols:
        cells = [f"{report['results'][m][proto]['roc_auc']:.3f}" for m in models]
        own = report["results"][models[0]][proto]
        lines.append(
            f"| {proto} (n={own['n']}) | "
            + " | ".join(cells)
            + f" | {own['macro_f1']:.3f} | {own['brier']:.3f} | {own['ece']:.3f} |"
        )
    lines += [
        "",
        "Regularisation sensitivity (pooled grouped AUC by C): "
        + ", ".join(f"C={c}: {v:.3f}" for c, v in report["c_sensitivity"].items()),
        "",
    ]
    if report.get("proxy_checks"):
        lines += [
            "Transfer checks on data the model never trained on: "
            + ", ".join(f"{k} = {v}" for k, v in report["proxy_checks"].items()),
            "",
        ]
    lines += [f"![{p}]({p})" for p in report["plots"]]
    return "\n".join(lines) + "\n"


def evaluate(data_dir: Path, out_dir: Path = REPORT_DIR) -> dict:
    """Run every protocol and write ``evaluation.md``, ``evaluation.json`` and the PNGs to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    d = load_eval_data(data_dir)
    results, pooled_oof = run_protocols(d)
    final = fit_stacked(d.X, d.grams, d.y, d.weights, d.groups)
    names = [*feature_names(), TEXT_FEATURE]
    coefs = dict(zip(names, final.pipeline.named_steps["logreg"].coef_[0].round(4).tolist()))
    report = {
        "articles": len(d.y),
        "corpora": sorted(d.frame["corpus"].unique().tolist()),
        "publishers": len(set(d.groups)),
        "results": results,
        "c_sensitivity": c_sensitivity(d),
        "proxy_checks": proxy_checks(d, data_dir),
        "coefficients": coefs,
        "plots": plots(d, pooled_oof, coefs, out_dir),
    }
    (out_dir / "evaluation.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out_dir / "evaluation.md").write_text(_markdown(report), encoding="utf-8")
    return report
