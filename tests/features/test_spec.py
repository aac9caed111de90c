"""Every feature is declared once (FeatureSpec) and every declaration is used: extractors, model,
evidence kinds, training directions and the README's feature table all agree."""

from __future__ import annotations

import json

import pytest
from support import FIXTURES, ROOT

from credibly.features.document import parse
from credibly.features.pipeline import FAMILIES, family_module, feature_specs
from credibly.features.spec import markdown_table
from credibly.models.runtime.registry import load_default_model
from credibly.models.runtime.specs import model_specs
from credibly.models.training.model import directions
from credibly.scoring.engine import Scorer

ARTICLE = json.loads((FIXTURES / "every_evidence_kind.json").read_text(encoding="utf-8"))
README_START, README_END = "<!-- feature-table:start -->\n", "<!-- feature-table:end -->"


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("text", ["", "One word", ARTICLE["text"]])
def test_each_family_returns_exactly_its_declared_features(family, text):
    module = family_module(family)
    result = module.extract(parse(text, title=ARTICLE["title"], published=ARTICLE["published"]))
    assert list(result.features) == list(module.FEATURE_NAMES)
    assert all(spec.family == module.SIGNAL for spec in module.FEATURES)


def test_declarations_are_unique_and_complete():
    keys = [spec.key for spec in model_specs()]
    assert len(keys) == len(set(keys))
    assert all(spec.label and spec.meaning for spec in model_specs())
    assert tuple(keys) == load_default_model().feature_names, "the model and the declarations disagree"


def _kinds_produced() -> set[tuple[str, str]]:
    result = Scorer().score(ARTICLE)
    assert result.error is None
    return {(e.signal, e.kind) for e in result.evidence}


DECLARED_KINDS = sorted({(spec.family, kind) for spec in model_specs() for kind in spec.evidence})


@pytest.mark.parametrize(
    "declared",
    DECLARED_KINDS,
)
def test_every_declared_evidence_kind_is_produced(declared):
    assert declared in _kinds_produced()


def test_training_directions_come_from_the_declarations():
    specs = model_specs()
    prior = directions([s.key for s in specs])
    for spec, value in zip(specs, prior, strict=True):
        if not spec.modelled:
            assert value != value  # NaN: never modelled
        else:
            assert value == (spec.direction or 0)


def test_shipped_model_respects_the_declared_directions():
    model = load_default_model()
    for spec, shape in zip(model_specs(), model.shapes, strict=True):
        if not spec.modelled:
            assert not any(shape.slopes), spec.key
        elif spec.direction is not None:
            assert all(slope * spec.direction >= 0 for slope in shape.slopes), spec.key


def test_readme_feature_table_is_generated_from_the_declarations():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_START in readme, "README lacks the generated feature table"
    table = readme.split(README_START, 1)[1].split(README_END, 1)[0]
    assert table == markdown_table(model_specs()), "regenerate: python -m credibly.models.runtime.specs"


def test_signal_features_are_the_pipeline_features():
    assert [s.key for s in feature_specs()] == [s.key for s in model_specs() if s.family != "text"]
