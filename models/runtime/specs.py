"""Every column the reliability model can see, as declared next to the code that computes it."""

from __future__ import annotations

from functools import cache

from credibly.features.pipeline import feature_specs
from credibly.features.spec import FeatureSpec, markdown_table
from credibly.models.runtime.text_term import TEXT_SPEC


@cache
def model_specs() -> tuple[FeatureSpec, ...]:
    """The signal features in registry order, then the text term."""
    return (*feature_specs(), TEXT_SPEC)


@cache
def _by_key() -> dict[str, FeatureSpec]:
    return {s.key: s for s in model_specs()}


def spec_for(key: str) -> FeatureSpec:
    """The declaration of the column ``family.name`` (KeyError for an undeclared one)."""
    return _by_key()[key]


def main() -> int:
    """Print the README's feature table (``python -m credibly.models.runtime.specs``)."""
    print(markdown_table(model_specs()), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
