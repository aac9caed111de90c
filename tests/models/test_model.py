"""The shipped model: integrity checks on load, exact explanations, and sensible rankings."""

from __future__ import annotations

import json
import shutil

import pytest
from support import EXAMPLES, model_features

from credibly.features.article import prepare
from credibly.models.runtime import artifact
from credibly.models.runtime.registry import load_default_model
from credibly.scoring.engine import Scorer

EXAMPLES_JSONL = EXAMPLES / "examples.jsonl"
ARTICLES = {a["id"]: a for a in map(json.loads, EXAMPLES_JSONL.read_text(encoding="utf-8").splitlines())}
SHIPPED = artifact.DEFAULT_MODEL.exists()
needs_artifact = pytest.mark.skipif(not SHIPPED, reason="no trained artifact shipped")


@needs_artifact
def test_shipped_model_loads_and_has_a_card():
    model = load_default_model()
    card = artifact.read_card()
    assert model.name == card["name"]
    assert list(model.feature_names) == card["features"]
    assert card["sha256"] == artifact.sha256(artifact.DEFAULT_MODEL)


@needs_artifact
def test_tampered_or_foreign_artifacts_are_refused(tmp_path):
    copy = tmp_path / artifact.DEFAULT_MODEL.name
    for path in (
        artifact.DEFAULT_MODEL,
        artifact.card_path(artifact.DEFAULT_MODEL),
        artifact.runtime_path(artifact.DEFAULT_MODEL),
    ):
        shutil.copy(path, tmp_path / path.name)
    assert artifact.load(copy).name and artifact.load_pipeline(copy)["estimator"]
    runtime = artifact.runtime_path(copy)
    tampered = artifact.read_runtime(runtime)
    tampered["baseline_logit"] += 0.5
    artifact.write_runtime(runtime, tampered)
    with pytest.raises(artifact.UntrustedModelError, match="sha256"):
        artifact.load(copy)
    with open(copy, "ab") as fh:
        fh.write(b"\0")
    with pytest.raises(artifact.UntrustedModelError, match="sha256"):
        artifact.load_pipeline(copy)
    shutil.copy(artifact.DEFAULT_MODEL, copy)
    card = json.loads(artifact.card_path(copy).read_text())
    card["versions"]["scikit-learn"] = "0.0.1"
    artifact.card_path(copy).write_text(json.dumps(card))
    with pytest.raises(artifact.UntrustedModelError, match="scikit-learn"):
        artifact.load_pipeline(copy)


@needs_artifact
def test_runtime_model_matches_the_fitted_estimator():
    import numpy as np

    bundle = artifact.load_pipeline()
    model = load_default_model()
    rng = np.random.default_rng(1)
    spans = [(s.knots[0], s.knots[-1]) if s.knots else (0.0, 1.0) for s in model.shapes]
    X = np.array([[rng.uniform(lo - 0.5, hi + 0.5) for lo, hi in spans] for _ in range(50)])
    expected = bundle["estimator"].predict_proba(X)[:, 1]
    got = [model.explain(dict(zip(model.feature_names, row))).probability for row in X]
    assert np.allclose(got, expected, atol=1e-12)


@needs_artifact
def test_an_article_with_no_evidence_either_way_scores_mid_scale():
    model = load_default_model()
    reference = {n: s.reference for n, s in zip(model.feature_names, model.shapes)}
    exp = model.explain(reference)
    assert exp.score == exp.baseline_score and 40 <= exp.score <= 60


@needs_artifact
@pytest.mark.parametrize("article_id", sorted(ARTICLES))
def test_contributions_add_up_to_the_score(article_id):
    model = load_default_model()
    article = ARTICLES[article_id]
    doc = prepare(text=article["text"], title=article["title"], published=article["published"]).doc
    exp = model.explain(model_features(model, doc))
    assert abs(exp.baseline_score + sum(exp.points.values()) - exp.score) < 1e-9
    result = Scorer(model).score(article)
    assert result.score == round(exp.score, 1)
    assert result.explanation[0].points == round(max(exp.points.values(), key=abs), 1)


@needs_artifact
def test_careful_report_scores_clearly_above_the_content_farm():
    scorer = Scorer()
    careful = scorer.score(ARTICLES["careful-report"])
    farm = scorer.score(ARTICLES["content-farm"])
    assert careful.score - farm.score >= 15
    assert careful.label != "low" and farm.label == "low"


@needs_artifact
def test_reasons_point_at_real_evidence():
    result = Scorer().score(ARTICLES["content-farm"])
    linked = [i for reason in result.explanation for i in reason.evidence]
    assert linked, "at least one reason links to evidence"
    for reason in result.explanation:
        assert reason.measured and reason.conclusion
        for i in reason.evidence:
            assert result.evidence[i].signal == reason.signal


@needs_artifact
def test_training_predictions_weight_short_texts_as_scoring_does():
    """The evaluation's fold models (``Model.predict_proba`` with word counts) and the scorer agree on
    texts below and above the short-text limit."""
    import numpy as np

    from credibly.features.wording import masked_ngrams
    from credibly.models.training.model import Model

    bundle = artifact.load_pipeline()
    fitted = Model(bundle["estimator"], tuple(bundle["feature_names"]), bundle["text_term"])
    runtime = load_default_model()
    words = ARTICLES["careful-report"]["text"].split()
    rows, grams, counts, expected = [], [], [], []
    for n in (5, 20, 60, 200):
        doc = prepare(text=" ".join(words[:n])).doc
        features = model_features(runtime, doc)
        rows.append([features[name] for name in fitted.names[:-1]])  # the text term is fitted's own
        grams.append(masked_ngrams(doc))
        counts.append(doc.word_count)
        expected.append(runtime.explain(features, doc.word_count).probability)
    got = fitted.predict_proba(np.array(rows), grams, counts)
    assert np.allclose(got, expected, atol=1e-9)
    assert not np.allclose(fitted.predict_proba(np.array(rows), grams)[:2], expected[:2], atol=1e-3)
