"""Attribution signal: who is cited, how specifically, and which factual claims carry no source.

Three jobs, one module each: ``index`` (per-article lookup tables and lexicon hits), ``cues``
(the learned reporting-cue classifier) and ``speakers`` (linking each cue to who it cites). This
module turns them into the family's features and evidence.
"""

from __future__ import annotations

import re
from collections import Counter

from credibly.features.attribution.anchors import find_time_anchors
from credibly.features.attribution.cues import ReportingCue, cue_model, find_cues
from credibly.features.attribution.index import DocIndex, Speaker
from credibly.features.attribution.speakers import document_pairs, link_speakers
from credibly.features.consistency.dates import find_date_conflicts
from credibly.features.document import Document
from credibly.features.evidence import Evidence, SignalResult
from credibly.features.spec import LOWERS, RAISES, FeatureSpec, Unit, spec_names
from credibly.features.style.boilerplate import find_boilerplate

SIGNAL = "attribution"


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
        "attributed_sentence_share",
        "attributed sentences",
        "share of sentences that cite someone (or share a quotation with such a sentence); vague "
        "attributions ('reports say') do not count",
        Unit.SHARE,
        RAISES,
        evidence=("cue",),
    ),
    _spec(
        "cues_per_sentence",
        "reporting cues",
        "reporting cues that cite someone ('said', 'according to', photo credits) per sentence",
        Unit.PER_SENTENCE,
        RAISES,
        evidence=("cue",),
    ),
    _spec(
        "named_source_share",
        "named sources",
        "share of cited speakers that are named people or organisations",
        Unit.SHARE,
        RAISES,
        evidence=("source",),
    ),
    _spec(
        "anonymous_source_share",
        "anonymous sources",
        "share of cited speakers that are unnamed but identifiable ('a senior official')",
        Unit.SHARE,
        LOWERS,
        evidence=("source",),
    ),
    _spec(
        "vague_source_share",
        "vague attributions",
        "share of cited speakers that are nobody in particular ('reports', 'some people', 'critics')",
        Unit.SHARE,
        LOWERS,
        evidence=("vague_source",),
    ),
    _spec(
        "distinct_named_sources",
        "distinct named sources",
        "number of different named speakers cited",
        Unit.COUNT,
        None,
        modelled=False,
        evidence=("source",),
    ),
    _spec(
        "quote_char_share",
        "quoted text",
        "share of the text inside quotation marks",
        Unit.SHARE,
        None,
        evidence=("quote",),
    ),
    _spec(
        "unattributed_factual_count",
        "unattributed factual sentences",
        "factual-looking sentences (numbers, dates, events) with no source",
        Unit.COUNT,
        None,
        modelled=False,
        evidence=("unattributed",),
    ),
    _spec(
        "unattributed_factual_share",
        "unattributed factual sentences",
        "share of factual-looking sentences that cite nobody",
        Unit.SHARE,
        LOWERS,
        evidence=("unattributed",),
    ),
    _spec(
        "dated_sentence_share",
        "dated sentences",
        "share of sentences that say which day the events happened (a weekday or a calendar date "
        "in prose, not in timestamps or page furniture)",
        Unit.SHARE,
        RAISES,
        evidence=("dated",),
    ),
    _spec(
        "links_per_100_words",
        "links",
        "in-article links per 100 words (HTML input only)",
        Unit.PER_100_WORDS,
        None,
    ),
)
FEATURE_NAMES = spec_names(FEATURES)

_MAX_UNATTRIBUTED_EVIDENCE = 3
_MAX_QUOTE_EVIDENCE = 10
_MIN_FACTUAL_TOKENS = 6
_DIGIT_RE = re.compile(r"\d")
_DASHES = "—–-"


def _embedded_posts(doc: Document) -> set[int]:
    """Sentences of the paragraph right above a signature line of its own ("— Name (@handle) October
    4, 2020"): the embedded post's text, which the signature attributes."""
    text, out = doc.text, set[int]()
    for line in doc.social_lines:
        if line.kind != "signature" or line.name_start < 0 or text[line.start] not in _DASHES:
            continue
        newline = text.rfind("\n", 0, line.start)
        if newline < 0 or text[newline + 1 : line.start].strip():
            continue  # the signature ends a line of prose: its own sentence holds the cue
        end = newline
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        if end > start:
            out.update(range(max(doc.sentence_index(start), 0), doc.sentence_index(end - 1) + 1))
    return out


def _attributed_sentences(doc: Document, cues: list[ReportingCue]) -> set[int]:
    """Sentences holding a cue or an embedded post's text, plus sentences sharing a quotation with
    such a sentence."""
    attributed = {doc.sentence_index(c.start) for c in cues}
    if doc.social_lines:
        attributed |= _embedded_posts(doc)
    for q_start, q_end in doc.quotes:
        first, last = doc.sentence_index(q_start), doc.sentence_index(max(q_start, q_end - 1))
        span = set(range(max(first, 0), last + 1))
        if span & attributed:
            attributed |= span
    attributed.discard(-1)
    return attributed


def _factual_sentences(doc: Document, index: DocIndex) -> list[int]:
    """Sentences (outside quotations, six tokens or more) with a number, date or event marker."""
    marked = {doc.sentence_index(start) for start, _, _, _ in index.factual_hits}
    return [
        i
        for i, s in enumerate(doc.sentences)
        if s.tok_end - s.tok_start >= _MIN_FACTUAL_TOKENS
        and not (doc.quotes and doc.in_quote(s.start))
        and (i in marked or _DIGIT_RE.search(doc.text, s.start, s.end))
    ]


def _share(part: float, whole: float) -> float:
    return float(part) / whole if whole else 0.0


_CUE_NOTES = {
    "report": "reporting verb",
    "stance": "reported stance",
    "subject": "reported belief or finding",
    "according": "attribution phrase",
    "colon": "speaker label",
    "learned": "reporting cue",
    "credit": "credit line",
    "signature": "signature of an embedded post",
    "document": "finding attributed to a poll, survey or report",
}
_SPEAKER_EVIDENCE = {
    "named": ("source", "named source"),
    "anonymous": ("source", "anonymous source"),
    "vague": ("vague_source", "vague source: nobody in particular"),
}


# Ends the note of a cue whose source is nobody in particular ("reports say"): still a reporting cue,
# but not one that counts as sourcing (explanations leave it out of the sourcing reasons).
NO_CREDIT_NOTE = "of a vague source: no sourcing credit"


def _cue_evidence(doc: Document, pairs: list[tuple[ReportingCue, Speaker | None]]) -> list[Evidence]:
    """``cue`` evidence for every cue and ``source`` / ``vague_source`` evidence for its speaker (once
    per span: a speaker of two cues is one source in the text)."""
    out = []
    shown: set[tuple[int, int]] = set()
    for cue, speaker in pairs:
        note = _CUE_NOTES.get(cue.category, "reporting cue")
        if speaker is not None and speaker.kind == "vague":
            note = f"{note} {NO_CREDIT_NOTE}"
        out.append(Evidence(SIGNAL, "cue", cue.start, cue.end, doc.text[cue.start : cue.end], note))
        if speaker is not None and (speaker.start, speaker.end) not in shown:
            shown.add((speaker.start, speaker.end))
            kind, note = _SPEAKER_EVIDENCE[speaker.kind]
            out.append(
                Evidence(
                    SIGNAL, kind, speaker.start, speaker.end, doc.text[speaker.start : speaker.end], note
                )
            )
    return out


def _social_pairs(doc: Document) -> list[tuple[ReportingCue, Speaker | None]]:
    """A cue and a named speaker for each credit or signature line that names someone."""
    pairs: list[tuple[ReportingCue, Speaker | None]] = []
    for line in doc.social_lines:
        first = doc.text[line.name_start : line.name_start + 1] if line.name_start >= 0 else ""
        if not (first.isupper() or first == "@"):  # "Video courtesy of the family" names nobody
            continue
        cue = ReportingCue(line.cue_start, line.cue_end, -1, -1, line.kind, 1.0)
        key = doc.lower[line.name_start : line.name_end]
        pairs.append((cue, Speaker(line.name_start, line.name_end, -1, -1, "named", key)))
    return pairs


def _quote_evidence(doc: Document, attributed: set[int]) -> list[Evidence]:
    """``quote`` evidence for up to ten quotations of three words or more."""
    out = []
    for q_start, q_end in doc.quotes:
        text = doc.text[q_start:q_end]
        if len(text.split()) < 3:
            continue
        ok = doc.sentence_index(q_start) in attributed
        note = "quotation attributed to a source" if ok else "quotation with no reporting cue"
        out.append(Evidence(SIGNAL, "quote", q_start, q_end, text, note))
        if len(out) == _MAX_QUOTE_EVIDENCE:
            break
    return out


def _unattributed_evidence(doc: Document, sentences: list[int]) -> list[Evidence]:
    """``unattributed`` evidence for the first few factual-looking sentences with no source."""
    out = []
    for i in sentences[:_MAX_UNATTRIBUTED_EVIDENCE]:
        s = doc.sentences[i]
        out.append(
            Evidence(
                SIGNAL,
                "unattributed",
                s.start,
                s.end,
                doc.text[s.start : s.end],
                "factual claim with no source",
            )
        )
    return out


def extract(doc: Document) -> SignalResult:
    """Return SignalResult(SIGNAL, {name: float for name in FEATURES}, [Evidence, ...])."""
    index = DocIndex(doc, cue_model().candidates)
    cues = find_cues(doc, index)
    if doc.social_lines:  # a credit or signature line is read as a whole (below), not word by word
        cues = [c for c in cues if not doc.in_social_line(c.start)]
    boilerplate = find_boilerplate(doc)
    if boilerplate:  # an author bio or a comment form is page furniture, not sourcing
        cues = [c for c in cues if not any(line.start <= c.start < line.end for line in boilerplate)]
    excluded = [(line.start, line.end) for line in boilerplate]
    anchors = find_time_anchors(doc, excluded + [(c.start, c.end) for c in find_date_conflicts(doc)])
    pairs = link_speakers(cues, index) + _social_pairs(doc) + document_pairs(index)
    pairs.sort(key=lambda pair: pair[0].start)
    credited = [c for c, sp in pairs if sp is None or sp.kind != "vague"]
    speakers = [sp for _, sp in pairs if sp is not None]
    kinds = Counter(sp.kind for sp in speakers)
    attributed = _attributed_sentences(doc, credited)
    factual = _factual_sentences(doc, index)
    unattributed = [i for i in factual if i not in attributed]
    n_sent = len(doc.sentences)
    features = {
        "attributed_sentence_share": _share(len(attributed), n_sent),
        "cues_per_sentence": _share(len(credited), n_sent),
        "named_source_share": _share(kinds["named"], len(speakers)),
        "anonymous_source_share": _share(kinds["anonymous"], len(speakers)),
        "vague_source_share": _share(kinds["vague"], len(speakers)),
        "distinct_named_sources": float(len({sp.key for sp in speakers if sp.kind == "named" and sp.key})),
        "quote_char_share": _share(sum(e - s for s, e in doc.quotes), len(doc.text)),
        "unattributed_factual_count": float(len(unattributed)),
        "unattributed_factual_share": _share(len(unattributed), len(factual)),
        "dated_sentence_share": _share(len({a.sentence for a in anchors}), n_sent),
        "links_per_100_words": _share(100 * len(doc.links), doc.word_count) if doc.is_html else 0.0,
    }
    evidence = (
        _cue_evidence(doc, pairs)
        + _quote_evidence(doc, attributed)
        + _unattributed_evidence(doc, unattributed)
        + [
            Evidence(SIGNAL, "dated", a.start, a.end, doc.text[a.start : a.end], "says which day it happened")
            for a in anchors
        ]
    )
    return SignalResult(SIGNAL, features, evidence)
