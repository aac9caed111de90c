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
from credibly.features.spec import LOWERS, FeatureSpec, Unit, per_1000_words, spec_names

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
        "name_variants_per_1000_words",
        "name variants",
        "names spelled two ways in the article, per 1,000 words",
        Unit.PER_1000_WORDS,
        LOWERS,
        evidence=("name_variant",),
    ),
    _spec(
        "quantity_conflicts_per_1000_words",
        "quantity conflicts",
        "quantities given two different values, per 1,000 words",
        Unit.PER_1000_WORDS,
        LOWERS,
        evidence=("quantity_conflict",),
    ),
    _spec(
        "date_conflicts_per_1000_words",
        "date conflicts",
        "dates that clash with their weekday or with the publication date, per 1,000 words",
        Unit.PER_1000_WORDS,
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
        "all internal inconsistencies found (names, quantities, dates, unsupported headline terms)",
        Unit.COUNT,
        None,
        modelled=False,
        evidence=_BODY,
    ),
)
FEATURE_NAMES = spec_names(FEATURES)


def _text_evidence(doc: Document, kind: str, start: int, end: int, note: str) -> Evidence:
    return Evidence(SIGNAL, kind, start, end, doc.text[start:end], note)


def _body_evidence(doc: Document) -> list[Evidence]:
    """Evidence for the name, quantity and date detectors, in text order (headline spans last)."""
    out = []
    for v in find_name_variants(doc):
        if v.transliteration:
            note = f"also spelled '{v.canonical}' here: a transliteration variant, not an error"
            out.append(_text_evidence(doc, "name_transliteration", v.start, v.end, note))
        else:
            out.append(
                _text_evidence(
                    doc, "name_variant", v.start, v.end, f"spelled '{v.canonical}' elsewhere ({v.how})"
                )
            )
    for c in find_quantity_conflicts(doc):
        source = doc.title if c.field == "title" else doc.text
        where = "in the headline" if c.other_field == "title" else "in the article"
        note = f"given as {c.other} {where}"
        out.append(
            Evidence(SIGNAL, "quantity_conflict", c.start, c.end, source[c.start : c.end], note, c.field)
        )
    out += [_text_evidence(doc, c.kind, c.start, c.end, c.note) for c in find_date_conflicts(doc)]
    return sorted(out, key=lambda e: (e.field != "text", e.start))


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
    words = doc.word_count
    features = {
        "name_variants_per_1000_words": per_1000_words(count["name_variant"], words),
        "quantity_conflicts_per_1000_words": per_1000_words(count["quantity_conflict"], words),
        "date_conflicts_per_1000_words": per_1000_words(
            count["weekday_mismatch"] + count["relative_date_conflict"], words
        ),
        "headline_terms": float(len(terms)),
        "headline_unsupported_terms": float(len(unsupported)),
        "headline_unsupported_share": len(unsupported) / len(terms) if terms else 0.0,
        "inconsistencies": float(sum(1 for e in evidence if e.kind != "name_transliteration")),
    }
    return SignalResult(SIGNAL, features, evidence)
