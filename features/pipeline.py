"""All signal families over one shared parse: the registry, the extraction loop, feature names."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from credibly.features.document import Document
from credibly.features.evidence import SignalResult
from credibly.features.spec import FeatureSpec

FAMILIES: tuple[str, ...] = ("attribution", "hedging", "consistency", "style")


def family_module(name: str) -> ModuleType:
    """The module implementing signal family ``name`` (``credibly.features.<name>``)."""
    if name not in FAMILIES:
        raise ValueError(f"unknown signal family {name!r}; expected one of {FAMILIES}")
    return import_module(f"credibly.features.{name}")


def feature_specs(families: tuple[str, ...] = FAMILIES) -> list[FeatureSpec]:
    """The declared features of the given families, in registry order."""
    return [spec for fam in families for spec in family_module(fam).FEATURES]


def feature_names(families: tuple[str, ...] = FAMILIES) -> list[str]:
    """Flat, ordered feature names ``family.feature`` for the given families."""
    return [spec.key for spec in feature_specs(families)]


def extract_signals(doc: Document, families: tuple[str, ...] = FAMILIES) -> dict[str, SignalResult]:
    """Run every requested family on the shared parse; results keyed by family name."""
    return {fam: family_module(fam).extract(doc) for fam in families}


def flatten(results: dict[str, SignalResult]) -> dict[str, float]:
    """``{family.feature: value}`` from per-family results, in registry order."""
    return {f"{fam}.{k}": float(v) for fam, res in results.items() for k, v in res.features.items()}
