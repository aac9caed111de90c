"""Consistency signal: an article contradicting itself.

Four detectors, each in its own module: a name spelled two ways (``consistency_names``), one
quantity given two values (``consistency_numbers``), dates that clash with their weekday or the
publication date (``consistency_dates``), and headline names/numbers the body never mentions
(``consistency_headline``). Evidence marks the deviant mention; the note names the other one.
"""

from __future__ import annotations

from features.consistency_dates import find_date_conflicts
from features.consistency_headline import title_terms
from features.consistency_names import find_name_variants
from features.consistency_numbers import find_quantity_conflicts
from features.document import Document
from features.evidence import Evidence, SignalResult

SIGNAL = "consistency"
FEATURES: tuple[str, ...] = (
    "name_variants",
    "quantity_conflicts",
    "date_conflicts",
    "headline_terms",
    "headline_unsupported_terms",
    "headline_unsupported_share",
    "inconsistencies",
)
BODY_KINDS = ("name_variant", "quantity_conflict", "weekday_mismatch", "relative_date_conflict")


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
    count = {kind: sum(1 for e in evidence if e.kind == kind) for kind in BODY_KINDS}
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
