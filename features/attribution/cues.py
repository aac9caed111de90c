"""Reporting cues ("said", "according to", "PENCE:") found by a learned per-token classifier.

Candidate words (lexicon phrases and the classifier's vocabulary) are scored from cheap context
features (neighbouring words, a preceding subject, quotation state, the curated cue lexicon) with a
dict lookup and a sum; weights are trained on PolNeAR train by
``credibly.models.training.attribution_cues`` and shipped in ``features/data/attribution_cue_weights.json``.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat
from typing import NamedTuple

from credibly.features.attribution.index import DocIndex, has_subject, is_speech_colon, points_ahead
from credibly.features.document import PUNCT, WORD, Document, Sentence
from credibly.features.lexicon import DATA_PACKAGE, Hit
from credibly.features.words import DETERMINERS, SPEAKER_PRONOUNS, VERB_SUFFIXES, strip_suffix

_WEIGHTS_FILE = "attribution_cue_weights.json"


_NOT_ACCORDING = frozenset({"plan", "schedule", "script", "design", "expectations", "form"})

_DOUBLE_QUOTES = '"“”«»'

_LEARNED = frozenset({"learned", "colon"})  # candidate categories not from the lexicon

_QUOTE_NORMAL = {"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}


class ReportingCue(NamedTuple):
    """A reporting cue at ``[start, end)`` covering tokens ``[tok_start, tok_end)``, with its probability.

    Cues, sources and candidates are NamedTuples rather than frozen dataclasses: several are built per
    article and a frozen dataclass is about three times slower to construct."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    category: str
    p: float


@dataclass(frozen=True, slots=True)
class CueModel:
    """The learned cue classifier: candidate words, feature weights, bias and probability threshold."""

    candidates: frozenset[str]
    weights: dict[str, float]
    bias: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict) -> CueModel:
        """Build from the JSON layout written by ``credibly.models.training.attribution_cues``."""
        return cls(frozenset(data["candidates"]), data["weights"], data["bias"], data["threshold"])

    def probability(self, features: list[str]) -> float:
        """Logistic probability that a candidate with these features is a cue."""
        z = self.bias + sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class Candidate(NamedTuple):
    """A word that may be a cue: token ``tok``, the cue span it would yield and its features."""

    tok: int
    tok_start: int
    tok_end: int
    category: str
    features: list[str]

    @property
    def lexical(self) -> bool:
        """True when the candidate comes from the curated cue lexicon."""
        return self.category not in _LEARNED


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    """Crude lemma by suffix stripping ("believes", "believed", "believing" -> "believ")."""
    word = strip_suffix(word, VERB_SUFFIXES)
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _near_subject(doc: Document, i: int, floor: int) -> bool:
    """True when a pronoun or a mid-sentence capitalised word lies within three tokens before ``i``."""
    tokens = doc.tokens
    for j in range(max(floor, i - 3), i):
        text, _, _, kind = tokens[j]
        if kind == WORD and (text.lower() in SPEAKER_PRONOUNS or (j > floor and text[0].isupper())):
            return True
    return False


def _position(i: int, s: Sentence) -> str:
    """Where token ``i`` sits in its sentence: first, early (within 3), last (within 2) or mid."""
    if i == s.tok_start:
        return "first"
    if i >= s.tok_end - 2:
        return "last"
    return "early" if i - s.tok_start <= 3 else "mid"


def _lexicon_spans(index: DocIndex) -> dict[int, tuple[int, int, str]]:
    """Token index -> (tok_start, tok_end, category) for every token inside a cue-lexicon phrase."""
    out = {}
    starts = index.tok_starts
    for start, end, _, category in index.cue_hits:
        a, b = bisect_left(starts, start), bisect_left(starts, end)
        span = (a, b, category)
        for t in range(a, b):
            out[t] = span
    return out


def _quoted_sentences(doc: Document) -> set[int]:
    """Indices of sentences overlapping a quotation."""
    out: set[int] = set()
    for q_start, q_end in doc.quotes:
        out.update(
            range(max(doc.sentence_index(q_start), 0), doc.sentence_index(max(q_start, q_end - 1)) + 1)
        )
    return out


def _ctx(doc: Document, j: int, s: Sentence) -> str:
    """Token ``j`` as a feature value (lower-case words and punctuation, shapes for names/numbers),
    or a boundary marker outside sentence ``s``."""
    if j < s.tok_start:
        return "<s>"
    if j >= s.tok_end:
        return "</s>"
    text, start, end, kind = doc.tokens[j]
    if kind == WORD:
        low = doc.lower[start:end]
        if low in SPEAKER_PRONOUNS or not text[0].isupper():
            return low
        return "CAPS" if len(low) > 1 and text.isupper() else "Cap"
    if kind == PUNCT:
        low = doc.lower[start:end]
        return _QUOTE_NORMAL.get(low, low)
    return kind


def _features(
    doc: Document, index: DocIndex, w: str, lem: str, i: int, s: Sentence, quoted: bool
) -> list[str]:
    """Feature strings of the candidate token ``i`` (lower-case ``w``, lemma ``lem``) in sentence ``s``."""
    p1, p2, p3 = _ctx(doc, i - 1, s), _ctx(doc, i - 2, s), _ctx(doc, i - 3, s)
    n1, n2, n3 = _ctx(doc, i + 1, s), _ctx(doc, i + 2, s), _ctx(doc, i + 3, s)
    feats = [
        f"w={w}",
        f"l={lem}",
        f"p1={p1}",
        f"p2={p2}",
        f"p3={p3}",
        f"n1={n1}",
        f"n2={n2}",
        f"n3={n3}",
        f"w|p1={w}|{p1}",
        f"w|n1={w}|{n1}",
        f"l|p1={lem}|{p1}",
        f"l|n1={lem}|{n1}",
        f"l|n2={lem}|{n2}",
        f"p2|p1={p2}|{p1}",
        f"n1|n2={n1}|{n2}",
        f"p1|w|n1={p1}|{w}|{n1}",
        f"pos={_position(i, s)}",
    ]
    if quoted:
        feats += ("sent_quote", f"l|sent_quote={lem}")
    if doc.quotes and doc.in_quote(doc.tokens[i].start):
        feats += ("in_quote", f"l|in_quote={lem}")
    if has_subject(doc, index, i):
        feats += ("subject", f"l|subject={lem}")
    if _near_subject(doc, i, s.tok_start):
        feats += ("near_subject", f"l|near_subject={lem}")
    if w == ":" and is_speech_colon(doc, index, doc.tokens[i].start):
        feats.append("speech_colon")
    return feats


def _picked(doc: Document, index: DocIndex, word_hits: list[Hit]) -> dict[int, tuple[int, int, str]]:
    """Candidate token -> (span tok_start, span tok_end, category): lexicon phrases, then whole-token
    vocabulary words (``word_hits``)."""
    picked = _lexicon_spans(index)
    tokens, starts = doc.tokens, index.tok_starts
    n = len(tokens)
    for start, end, _, category in word_hits:
        t = bisect_left(starts, start)
        if t < n and tokens[t].end == end and t not in picked:
            picked[t] = (t, t + 1, category)
    # A word inside a quotation is the quoted speaker's content, never a cue of the article's (each
    # token belongs to one attribution), so it is not scored at all.
    quoted = doc.in_quote if doc.quotes else None
    return {
        t: span
        for t, span in picked.items()
        if not (quoted and quoted(tokens[t].start)) and not _vetoed(doc, span)
    }


def _vetoed(doc: Document, span: tuple[int, int, str]) -> bool:
    """True for spans that are never cues: "the said property", "according to plan", and a learned
    word right after "I" outside a quotation ("I want a sandwich"): the writer's own wish or belief
    reports nobody."""
    a, b, category = span
    tokens = doc.tokens
    before = doc.lower[tokens[a - 1].start : tokens[a - 1].end] if a > 0 else ""
    if before in DETERMINERS or (before == "i" and category in _LEARNED):
        return True
    if category != "according" or b >= len(tokens):
        return False
    return doc.lower[tokens[b].start : tokens[b].end] in _NOT_ACCORDING


def _mark_offsets(text: str) -> list[int]:
    """Sorted offsets of every double quote mark in ``text`` (``str.find`` scans faster than a regex)."""
    out = []
    for ch in _DOUBLE_QUOTES:
        at = text.find(ch)
        while at >= 0:
            out.append(at)
            at = text.find(ch, at + 1)
    out.sort()
    return out


def _quote_marks(mark_offsets: list[int], s: Sentence) -> list[int]:
    """Offsets of the first and last double quote mark in sentence ``s`` (empty when none), given the
    sorted offsets of every double quote mark in the text."""
    lo, hi = bisect_left(mark_offsets, s.start), bisect_left(mark_offsets, s.end)
    return [mark_offsets[lo], mark_offsets[hi - 1]] if lo < hi else []


def find_candidates(doc: Document, index: DocIndex, vocabulary: frozenset[str]) -> list[Candidate]:
    """Every token whose lower-case form is in ``vocabulary`` or in a lexicon phrase, with features."""
    picked = _picked(doc, index, index.word_hits(vocabulary))
    if not picked:
        return []
    quoted = _quoted_sentences(doc)
    mark_offsets = _mark_offsets(doc.text)
    tokens, lower = doc.tokens, doc.lower
    by_sentence: dict[int, list[int]] = {}
    for i in sorted(picked):
        by_sentence.setdefault(doc.sentence_index(tokens[i].start), []).append(i)
    out = []
    for n, toks in by_sentence.items():
        s = doc.sentences[n]
        lex_toks = [i for i in toks if picked[i][2] not in _LEARNED]
        marks = _quote_marks(mark_offsets, s)
        sentence_quoted = n in quoted
        for i in toks:
            a, b, category = picked[i]
            _, start, end, _ = tokens[i]
            w = lower[start:end]
            lem = lemma(w)
            feats = _features(doc, index, w, lem, i, s, sentence_quoted)
            _add_sentence_features(feats, lem, (a, b, tokens[a].start, tokens[b - 1].end), lex_toks, marks)
            feats.append(f"cat={category}")
            out.append(Candidate(i, a, b, category, feats))
    return out


def _add_sentence_features(
    feats: list[str], lem: str, span: tuple[int, int, int, int], lex_toks: list[int], marks: list[int]
) -> None:
    """Append flags for lexicon cues and quote marks before/after ``span`` (tok_start, tok_end, start,
    end) in its sentence, then the flags paired with the lemma: a cue word inside another cue's content
    is not annotated (one attribution per token)."""
    a, b, start, end = span
    flags = []
    if lex_toks:
        if lex_toks[0] < a:
            flags.append("lex_before")
        if lex_toks[-1] >= b:
            flags.append("lex_after")
    if marks:
        if marks[0] < start:
            flags.append("quote_before")
        if marks[-1] >= end:
            flags.append("quote_after")
    if flags:
        feats += flags
        feats += [f"l|{f}={lem}" for f in flags]


def select_cues(
    doc: Document, candidates: list[Candidate], probabilities: list[float], threshold: float
) -> list[ReportingCue]:
    """Cues from candidates scoring at least ``threshold``; overlapping or adjacent spans are merged."""
    cues: list[ReportingCue] = []
    tokens, sentence_index = doc.tokens, doc.sentence_index
    for c, p in zip(candidates, probabilities):
        if p < threshold:
            continue
        last = cues[-1] if cues else None
        if (
            last
            and c.tok_start <= last.tok_end
            and sentence_index(last.start) == sentence_index(tokens[c.tok_start].start)
        ):
            end_tok = max(last.tok_end, c.tok_end)
            cues[-1] = ReportingCue(
                last.start, tokens[end_tok - 1].end, last.tok_start, end_tok, last.category, max(last.p, p)
            )
        else:
            cues.append(
                ReportingCue(
                    tokens[c.tok_start].start,
                    tokens[c.tok_end - 1].end,
                    c.tok_start,
                    c.tok_end,
                    c.category,
                    p,
                )
            )
    return cues


@cache
def cue_model() -> CueModel:
    """The shipped classifier, read once from ``features/data/attribution_cue_weights.json``."""
    raw = resources.files(DATA_PACKAGE).joinpath(_WEIGHTS_FILE).read_text(encoding="utf-8")
    return CueModel.from_dict(json.loads(raw))


def find_cues(doc: Document, index: DocIndex) -> list[ReportingCue]:
    """All cues the shipped classifier accepts, in text order."""
    model = cue_model()
    candidates = find_candidates(doc, index, model.candidates)
    probability = model.probability
    probabilities = [
        max(probability(c.features), model.threshold) if _names_ahead(doc, c) else probability(c.features)
        for c in candidates
    ]
    return select_cues(doc, candidates, probabilities, model.threshold)


def _names_ahead(doc: Document, c: Candidate) -> bool:
    """True for a document idiom that names its source right after it ("a tweet from Hikmet Hajiyev",
    "shared by the Ministry of Defense"): an attribution whatever the classifier makes of its words,
    which PolNeAR's political news rarely uses."""
    tokens = doc.tokens
    if c.category != "according" or c.tok_end >= len(tokens):
        return False
    if not points_ahead(doc, tokens[c.tok_start].start, tokens[c.tok_end - 1].end):
        return False
    k = c.tok_end + (tokens[c.tok_end].text.lower() == "the")
    return k < len(tokens) and tokens[k].kind == WORD and tokens[k].text[0].isupper()
