"""Style signal: spelling, page boilerplate, clickbait headline, shouting, pronouns, rhythm,
vocabulary variety and readability.

Careless or sensational writing (typos, fused words, ALL CAPS, exclamations, clickbait titles,
leftover share/subscribe lines) is a weak but cheap hint about editorial standards.
"""

from __future__ import annotations

import math
from itertools import compress, repeat

from credibly.features.document import PUNCT, TOKEN_TEXT, Document
from credibly.features.evidence import Evidence, SignalResult
from credibly.features.spec import LOWERS, FeatureSpec, Unit, per_1000_words, spec_names
from credibly.features.style import clickbait
from credibly.features.style.boilerplate import find_boilerplate
from credibly.features.style.fluency import find_disfluencies
from credibly.features.style.readability import readability_scores
from credibly.features.style.shouting import caps_runs, caps_words
from credibly.features.style.spelling import find_spelling
from credibly.features.words import FIRST_PERSON, SECOND_PERSON

SIGNAL = "style"


def _spec(
    name: str, label: str, meaning: str, unit: Unit, direction: int | None, evidence: tuple[str, ...] = ()
) -> FeatureSpec:
    return FeatureSpec(SIGNAL, name, label, meaning, unit, direction, True, evidence)


FEATURES: tuple[FeatureSpec, ...] = (
    _spec(
        "misspelling_rate",
        "misspellings",
        "words missing from the English word list, per 100 words",
        Unit.PER_100_WORDS,
        LOWERS,
        ("misspelling",),
    ),
    _spec(
        "fused_words_per_1000_words",
        "fused words",
        "words or names run together ('andthe', 'IlhamAliyev'), per 1,000 words",
        Unit.PER_1000_WORDS,
        LOWERS,
        ("fused_word",),
    ),
    _spec(
        "disfluent_sentence_share",
        "disfluent sentences",
        "share of sentences with a grammar slip edited news does not make (agreement, a missing word, "
        "word order)",
        Unit.SHARE,
        LOWERS,
        ("disfluency",),
    ),
    _spec(
        "boilerplate_share",
        "boilerplate",
        "share of the text that is page boilerplate (share prompts, bios)",
        Unit.SHARE,
        LOWERS,
        ("boilerplate",),
    ),
    _spec(
        "boilerplate_line_share",
        "boilerplate lines",
        "share of lines that are page boilerplate",
        Unit.SHARE,
        LOWERS,
        ("boilerplate",),
    ),
    _spec(
        "clickbait_score",
        "clickbait headline",
        "clickbait traits of the headline, combined into 0-1",
        Unit.SCORE,
        LOWERS,
        ("clickbait",),
    ),
    _spec(
        "caps_rate",
        "shouting",
        "ALL-CAPS words that are not acronyms, per 100 words",
        Unit.PER_100_WORDS,
        LOWERS,
        ("shouting",),
    ),
    _spec(
        "exclamation_rate",
        "exclamations",
        "runs of exclamation marks per sentence",
        Unit.PER_SENTENCE,
        LOWERS,
        ("exclamation",),
    ),
    _spec(
        "first_person_rate",
        "first person",
        "first-person pronouns outside quotations, per 100 words",
        Unit.PER_100_WORDS,
        None,
    ),
    _spec(
        "second_person_rate",
        "second person",
        "'you'/'your' outside quotations, per 100 words",
        Unit.PER_100_WORDS,
        LOWERS,
    ),
    _spec("mean_sentence_length", "sentence length", "mean words per sentence", Unit.WORDS, None),
    _spec(
        "sentence_length_std",
        "sentence length spread",
        "standard deviation of words per sentence",
        Unit.WORDS,
        None,
    ),
    _spec(
        "type_token_ratio",
        "lexical diversity",
        "distinct words per word, over 50-word segments",
        Unit.RATIO,
        None,
    ),
    _spec("flesch_reading_ease", "reading ease", "Flesch reading ease (textstat)", Unit.INDEX, None),
    _spec("fk_grade", "grade level", "Flesch-Kincaid grade level (textstat)", Unit.GRADE, None),
)
FEATURE_NAMES = spec_names(FEATURES)

_PRONOUNS = FIRST_PERSON | SECOND_PERSON
# Type-token ratio segment length: long enough to see repetition, short enough that article
# length does not drive the figure.
_TTR_WINDOW = 50


def _per_100(count: int, words: int) -> float:
    return 100.0 * count / words if words else 0.0


def _exclamations(doc: Document) -> list[tuple[int, int, int]]:
    """Runs of adjacent exclamation marks ("!!!") as ``(start, end, n)``."""
    if "!" not in doc.text:
        return []
    marks = [t for t in doc.tokens if t.kind == PUNCT and t.text == "!"]
    runs: list[tuple[int, int, int]] = []
    for t in marks:
        if runs and runs[-1][1] == t.start:
            runs[-1] = (runs[-1][0], t.end, runs[-1][2] + 1)
        else:
            runs.append((t.start, t.end, 1))
    return runs


def _segment_ttr(words: list[str]) -> float:
    """Mean type-token ratio over consecutive ``_TTR_WINDOW``-word segments (plain TTR if shorter)."""
    n = len(words)
    if n == 0:
        return 0.0
    if n < _TTR_WINDOW:
        return len(set(words)) / n
    segments = range(0, n - _TTR_WINDOW + 1, _TTR_WINDOW)
    return sum(len(set(words[i : i + _TTR_WINDOW])) for i in segments) / (len(segments) * _TTR_WINDOW)


def _sentence_lengths(doc: Document) -> tuple[float, float]:
    """Mean and standard deviation of words per sentence."""
    kinds = [t.kind for t in doc.tokens]
    lengths = [s.tok_end - s.tok_start - kinds[s.tok_start : s.tok_end].count(PUNCT) for s in doc.sentences]
    if not lengths:
        return 0.0, 0.0
    mean = sum(lengths) / len(lengths)
    return mean, math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths))


def extract(doc: Document, *, with_readability: bool = True) -> SignalResult:
    """Return the style SignalResult; ``with_readability=False`` skips textstat (features 0.0)."""
    text = doc.text
    words = doc.words
    n_words = len(words)
    evidence: list[Evidence] = []

    spelling, _ = find_spelling(doc)
    for f in spelling:
        evidence.append(Evidence(SIGNAL, f.kind, f.start, f.end, text[f.start : f.end], f.note))
    misspelled = sum(1 for f in spelling if f.kind == "misspelling")

    disfluent = find_disfluencies(doc)
    for d in disfluent:
        note = "grammar edited news does not use here (agreement, a missing word or word order)"
        evidence.append(Evidence(SIGNAL, "disfluency", d.start, d.end, text[d.start : d.end], note))

    lines = find_boilerplate(doc)
    for line in lines:
        evidence.append(
            Evidence(SIGNAL, "boilerplate", line.start, line.end, text[line.start : line.end], line.note)
        )
    para_chars = sum(e - s for s, e in doc.paragraphs)
    bp_chars = sum(line.end - line.start for line in lines)

    traits = clickbait.find_traits(doc.title)
    for tr in traits:
        evidence.append(
            Evidence(
                SIGNAL, "clickbait", tr.start, tr.end, doc.title[tr.start : tr.end], tr.note, field="title"
            )
        )

    caps = caps_words(doc)
    for start, end, n in caps_runs(caps, text):
        evidence.append(Evidence(SIGNAL, "shouting", start, end, text[start:end], f"{n} ALL-CAPS word(s)"))
    exclaims = _exclamations(doc)
    for start, end, n in exclaims:
        note = "exclamation inside a quotation" if doc.in_quote(start) else f"{n} exclamation mark(s)"
        evidence.append(Evidence(SIGNAL, "exclamation", start, end, text[start:end], note))

    lowered = list(map(str.lower, map(TOKEN_TEXT, words)))
    if "’" in text:
        lowered = list(map(str.replace, lowered, repeat("’"), repeat("'")))
    pronouns = compress(zip(lowered, words), map(_PRONOUNS.__contains__, lowered))
    outside = [w for w, t in pronouns if not doc.in_quote(t.start)]
    mean_len, std_len = _sentence_lengths(doc)
    scores = (
        readability_scores(text)
        if with_readability and n_words
        else {"flesch_reading_ease": 0.0, "fk_grade": 0.0}
    )

    features = {
        "misspelling_rate": _per_100(misspelled, n_words),
        "fused_words_per_1000_words": per_1000_words(len(spelling) - misspelled, n_words),
        "disfluent_sentence_share": len(disfluent) / len(doc.sentences) if doc.sentences else 0.0,
        "boilerplate_share": bp_chars / para_chars if para_chars else 0.0,
        "boilerplate_line_share": len(lines) / len(doc.paragraphs) if doc.paragraphs else 0.0,
        "clickbait_score": clickbait.score(traits),
        "caps_rate": _per_100(len(caps), n_words),
        "exclamation_rate": len(exclaims) / len(doc.sentences) if doc.sentences else 0.0,
        "first_person_rate": _per_100(sum(1 for w in outside if w in FIRST_PERSON), n_words),
        "second_person_rate": _per_100(sum(1 for w in outside if w in SECOND_PERSON), n_words),
        "mean_sentence_length": mean_len,
        "sentence_length_std": std_len,
        "type_token_ratio": _segment_ttr(lowered),
        **scores,
    }
    evidence.sort(key=lambda e: (e.field, e.start, e.end))
    return SignalResult(SIGNAL, {k: float(features[k]) for k in FEATURE_NAMES}, evidence)
