"""Score one article end to end: validate, prepare, extract all signals, apply the model, explain.

:class:`Scorer` never raises on bad input: every failure becomes a :class:`ScoreResult` whose
``error`` carries a stable code (see ``ERROR_CODES``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from features.article import prepare
from features.document import Document
from features.evidence import SignalResult
from features.language import looks_english
from features.pipeline import extract_signals, flatten
from models.linear import LinearScorer
from models.registry import load_default_model
from models.text_term import TEXT_FEATURE
from scoring.explain import build_reasons
from scoring.inputs import InputRecord
from scoring.result import ScoreResult, label_for

log = logging.getLogger(__name__)

ERROR_CODES = {
    "invalid_json": "the input line is not valid JSON",
    "invalid_record": "the input line is JSON but not an object",
    "unreadable_input": "the input file could not be read",
    "missing_text": "the record has neither `text` nor `html`",
    "invalid_type": "a field has the wrong type (text, html, title, url, published must be strings)",
    "empty_text": "the text (or the HTML's extracted main text) has no words",
    "binary_content": "the text is mostly control characters or undecodable bytes",
    "unsupported_language": "the text does not look like English; credibly's signals are English-only",
    "timeout": "scoring took longer than the per-article time limit",
    "worker_crashed": "the batch worker process died twice while scoring this record (e.g. out of memory)",
    "internal_error": "an unexpected failure while scoring this row (a bug: please report it)",
}
_STRING_FIELDS = ("text", "html", "title", "url", "published", "source")
BINARY_SHARE = 0.10


def _validate(payload: Mapping[str, Any]) -> tuple[str, str] | None:
    """Return ``(code, message)`` for a payload that cannot be scored, else None."""
    for key in _STRING_FIELDS:
        value = payload.get(key)
        if value is not None and not isinstance(value, str):
            return "invalid_type", f"field `{key}` must be a string, got {type(value).__name__}"
    if payload.get("text") is None and payload.get("html") is None:
        return "missing_text", "record has neither `text` nor `html`"
    return None


class Scorer:
    """Scores articles with one loaded model (the shipped default unless another is given)."""

    def __init__(self, model: LinearScorer | None = None):
        self.model = model if model is not None else load_default_model()

    def score_record(self, record: InputRecord) -> ScoreResult:
        """Score one input row; unreadable rows come back as error rows with the same id."""
        if record.error is not None or record.payload is None:
            err = record.error
            return ScoreResult.failed(record.id, err.code if err else "invalid_record", err.message if err else "")
        return self.score(record.payload, record.id)

    def score(self, payload: Mapping[str, Any], id: str = "") -> ScoreResult:
        """Score one article given as ``{text | html, title?, url?, published?, source?}``."""
        rid = str(payload.get("id", id) if payload.get("id") is not None else id)
        invalid = _validate(payload)
        if invalid:
            return ScoreResult.failed(rid, *invalid)
        try:
            return self._score_valid(payload, rid)
        except Exception as exc:
            log.exception("internal error scoring %s", rid)
            return ScoreResult.failed(rid, "internal_error", f"{type(exc).__name__}: {exc}")

    def _score_valid(self, payload: Mapping[str, Any], rid: str) -> ScoreResult:
        prepared = prepare(
            text=payload.get("text"),
            html=payload.get("html"),
            title=payload.get("title"),
            url=payload.get("url"),
            published=payload.get("published"),
        )
        doc = prepared.doc
        base = ScoreResult(
            id=rid,
            # Offsets refer to the returned text whenever it differs from the input's.
            text=doc.text if prepared.from_html or prepared.control_chars else None,
            title=doc.title or None,
            url=doc.url or None,
            source=payload.get("source"),
            warnings=prepared.warnings,
        )
        junk = prepared.control_chars + doc.text.count("\ufffd")
        if doc.text and junk / len(doc.text) > BINARY_SHARE:
            return _fail(base, "binary_content", f"{junk} of {len(doc.text)} characters are control or undecodable")
        if doc.word_count == 0:
            where = "the HTML's extracted main text" if prepared.from_html else "the text"
            return _fail(base, "empty_text", f"{where} contains no words")
        if not looks_english(doc):
            return _fail(base, "unsupported_language", "the text does not look like English")
        return _apply_model(self.model, base, doc, extract_signals(doc))


def _apply_model(
    model: LinearScorer, base: ScoreResult, doc: Document, results: dict[str, SignalResult]
) -> ScoreResult:
    """Fill ``base`` with the model's score, signals, reasons and evidence for extracted signals."""
    features = flatten(results)
    extra = []
    if model.text_term is not None:
        features[TEXT_FEATURE], extra = model.text_term.evaluate(doc)
    exp = model.explain(features)
    spans = sorted(
        [*(e for res in results.values() for e in res.evidence), *extra],
        key=lambda e: (e.field != "title", e.start, e.end, e.signal),
    )
    evidence = [e.to_dict() for e in spans]
    base.score = round(exp.score, 1)
    base.label = label_for(exp.score)
    base.probability = round(exp.probability, 4)
    base.signals = {fam: {k: _round4(float(v)) for k, v in res.features.items()} for fam, res in results.items()}
    base.explanation = build_reasons(exp, features, evidence, model)
    base.evidence = evidence
    base.model = model.name
    return base


def _round4(value: float) -> float:
    """``round(value, 4)``; whole numbers (most counts, and the many zeros) skip its decimal round trip."""
    return value if value.is_integer() else round(value, 4)


def _fail(base: ScoreResult, code: str, message: str) -> ScoreResult:
    return ScoreResult.failed(
        base.id, code, message, text=base.text, title=base.title, url=base.url, source=base.source,
        warnings=base.warnings,
    )
