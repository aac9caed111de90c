"""Consistency signal: an article contradicting itself.

Four detectors, each in its own module: a name spelled two ways (``names``), one quantity given
two values (``numbers``), dates that clash with their weekday or the publication date (``dates``),
and headline names/numbers the body never mentions (``headline``). Evidence marks the deviant mention;
the note names the other one.
"""

from __future__ import annotations

from credibly.features.consistency.dates import find_date_conflicts
from credibly.features.consistency.headline import title_terms
from credibly.features.consistency.names import find_name_variants
from credibly.features.consistency.numbers import find_quantity_conflicts
from credibly.features.document import Document
from credibly.features.evidence import Evidence, SignalResult
from credibly.features.spec import LOWERS, FeatureSpec, Unit, spec_names

SIGNAL = "consistency"
_BODY = ("name_variant", "quantity_conflict", "weekday_mismatch", "relative_date_conflict")


def _spec(
    name: str,
    label: str,
    meaning: str,
    unit: Unit,
    direction: int | None,
    *,
    modelled: bool = True,
    evidence: tuple[str, ...] = (),
) -> FeatureSpec:
    return FeatureSpec(SIGNAL, name, label, meaning, unit, direction, modelled, evidence)


FEATURES: tuple[FeatureSpec, ...] = (
    _spec(
        "name_variants",
        "name variants",
        "names spelled two ways in the article",
        Unit.COUNT,
        LOWERS,
        evidence=("name_variant",),
    ),
    _spec(
        "quantity_conflicts",
        "quantity conflicts",
        "quantities given two different values",
        Unit.COUNT,
        LOWERS,
        evidence=("quantity_conflict",),
    ),
    _spec(
        "date_conflicts",
        "date conflicts",
        "dates that clash with their weekday or with the publication date",
        Unit.COUNT,
        LOWERS,
        evidence=("weekday_mismatch", "relative_date_conflict"),
    ),
    _spec(
        "headline_terms",
        "headline key terms",
        "names and numbers in the headline",
        Unit.COUNT,
        None,
        modelled=False,
    ),
    _spec(
        "headline_unsupported_terms",
        "unsupported headline terms",
        "headline names and numbers the body never mentions",
        Unit.COUNT,
        None,
        modelled=False,
        evidence=("headline_unsupported",),
    ),
    _spec(
        "headline_unsupported_share",
        "unsupported headline share",
        "share of the headline's key terms the body never mentions",
        Unit.SHARE,
        LOWERS,
        evidence=("headline_unsupported",),
    ),
    _spec(
        "inconsistencies",
        "inconsistencies",
        "all internal inconsistencies found",
        Unit.COUNT,
        LOWERS,
        evidence=_BODY,
    ),
)
FEATURE_NAMES = spec_names(FEATURES)


def _text_evidence(doc: Document, kind: str, start: int, end: int, note: str) -> Evidence:
    return Evidence(SIGNAL, kind, start, end, doc.text[start:end], note)


def _body_evidence(doc: Document) -> list[Evidence]:
    """Evidence for the three in-body detectors, in text order."""
    out = [
        _text_evidence(
            doc,
            "name_variant",
            v.start,
            v.end,
            f"spelled '{v.canonical}' elsewhere (char {v.canonical_at}; {v.how})",
        )
        for v in find_name_variants(doc)
    ]
    out += [
        _text_evidence(
            doc, "quantity_conflict", c.start, c.end, f"given as '{c.other}' elsewhere (char {c.other_at})"
        )
        for c in find_quantity_conflicts(doc)
    ]
    out += [_text_evidence(doc, c.kind, c.start, c.end, c.note) for c in find_date_conflicts(doc)]
    return sorted(out, key=lambda e: e.start)


def extract(doc: Document) -> SignalResult:
    """Return the consistency features and evidence for one parsed article."""
    evidence = _body_evidence(doc)
    terms = title_terms(doc)
    unsupported = [t for t in terms if not t.supported]
    evidence += [
        Evidence(
            SIGNAL,
            "headline_unsupported",
            t.start,
            t.end,
            t.text,
            "headline term not found in the article body",
            "title",
        )
        for t in unsupported
    ]
    count = {kind: sum(1 for e in evidence if e.kind == kind) for kind in _BODY}
    features = {
        "name_variants": float(count["name_variant"]),
        "quantity_conflicts": float(count["quantity_conflict"]),
        "date_conflicts": float(count["weekday_mismatch"] + count["relative_date_conflict"]),
        "headline_terms": float(len(terms)),
        "headline_unsupported_terms": float(len(unsupported)),
        "headline_unsupported_share": len(unsupported) / len(terms) if terms else 0.0,
        "inconsistencies": float(len(evidence)),
    }
    return SignalResult(SIGNAL, features, evidence)
