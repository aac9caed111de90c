"""Attribution signal: who is cited, how specifically, and which factual claims carry no source.

Reporting cues ("said", "believes", "according to", "PENCE:") are found by a per-token logistic
classifier trained on PolNeAR train (``models/train_attribution_cues.py``, weights in
``features/data/attribution_cue_weights.json``): candidate words are scored from cheap context
features (neighbouring words, a preceding subject, quotation state, the curated cue lexicon) with a
dict lookup and a sum. Each cue is linked to the nearest named or vague source in its sentence.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple

from features.document import PUNCT, WORD, Document, NameChain, Sentence
from features.evidence import Evidence, SignalResult
from features.lexicon import DATA_PACKAGE, Hit, MatcherGroup, PhraseMatcher, load_lexicon

SIGNAL = "attribution"
FEATURES: tuple[str, ...] = (
    "attributed_sentence_share",
    "cues_per_sentence",
    "named_source_share",
    "anonymous_source_share",
    "distinct_named_sources",
    "quote_char_share",
    "unattributed_factual_count",
    "unattributed_factual_share",
    "links_per_100_words",
)

_WEIGHTS_FILE = "attribution_cue_weights.json"
_CUES = PhraseMatcher(load_lexicon("attribution_cues.txt"))
_ANONYMOUS = PhraseMatcher(load_lexicon("attribution_sources.txt"))
_FACTUAL = PhraseMatcher(load_lexicon("attribution_factual.txt"))
_NOT_NAMES = frozenset(phrase for phrase, _ in load_lexicon("attribution_nonnames.txt"))

# Words that may sit between a subject and its verb ("Trump has repeatedly said").
_BETWEEN = frozenset(
    ["also", "still", "has", "have", "had", "did", "does", "do", "not", "never", "will", "would", "may", "might", "could", "can", "should", "reportedly", "repeatedly", "previously", "often", "publicly", "already", "recently", "later", "once", "just", "is", "was", "are", "were", "been", "be", "n't", "don't", "doesn't", "didn't", "won't", "really", "clearly", "even", "now", "then", "always", "long", "strongly", "openly", "privately", "initially", "first", "further", "increasingly", "quickly"]
)
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "who"})
_SUBJECT_PRONOUNS = _PRONOUNS - {"who"}
_PREPOSITIONS = frozenset({"in", "at", "from", "of", "for", "with", "to", "on", "by", "about", "against"})
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "such"})
_NOT_ACCORDING = frozenset({"plan", "schedule", "script", "design", "expectations", "form"})
_DOUBLE_QUOTES = '"“”«»'
_LEARNED = frozenset({"learned", "colon"})  # candidate categories not from the lexicon
_QUOTE_NORMAL = {"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}
_INVERSION_MARKS = frozenset({",", '"', "”", "’", "'", "—", "–"})
_QUOTE_OPENERS = frozenset('"“‘«\'')
_TOK_END = attrgetter("tok_end")
_MAX_SOURCE_GAP = 10  # tokens between a source and its cue
_MAX_UNATTRIBUTED_EVIDENCE = 3
_MAX_QUOTE_EVIDENCE = 10
_MIN_FACTUAL_TOKENS = 6
_DIGIT_RE = re.compile(r"\d")


class Cue(NamedTuple):
    """A reporting cue at ``[start, end)`` covering tokens ``[tok_start, tok_end)``, with its probability.

    Cues, sources and candidates are NamedTuples rather than frozen dataclasses: several are built per
    article and a frozen dataclass is about three times slower to construct."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    category: str
    p: float


class Source(NamedTuple):
    """Who a cue cites: ``kind`` is ``named`` or ``anonymous``; ``key`` groups mentions of one name."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    kind: str
    key: str


class DocIndex:
    """Per-document lookup tables built once per :func:`extract` call: token offsets, sources by
    token position, and the hits of every attribution lexicon found in one automaton pass (whole-word
    ``vocabulary`` hits included, so candidate words cost no extra scan of the text)."""

    def __init__(self, doc: Document, vocabulary: frozenset[str] = frozenset()):
        self.doc = doc
        self.vocabulary = vocabulary
        self.tok_starts = list(map(attrgetter("start"), doc.tokens))
        hits = _matchers(vocabulary).findall(doc.lower)
        self.cue_hits, anonymous, self.factual_hits, self._word_hits = hits
        self.anonymous = [
            self.source(s, e, "anonymous", doc.lower[s:e]) for s, e, _, _ in anonymous if not doc.in_quote(s)
        ]
        self.anonymous_ends = {a.tok_end for a in self.anonymous}
        self._anonymous_starts = [a.tok_start for a in self.anonymous]
        self._chain_starts = [c.tok_start for c in doc.name_chains]

    def word_hits(self, vocabulary: frozenset[str]) -> list[Hit]:
        """Whole-word hits of ``vocabulary``: from the shared pass when it is the index's own."""
        if vocabulary is self.vocabulary:
            return self._word_hits
        return list(_word_matcher(vocabulary).finditer(self.doc.lower))

    def tok_at(self, offset: int) -> int:
        """Index of the token starting at or after ``offset``."""
        return bisect_left(self.tok_starts, offset)

    def source(self, start: int, end: int, kind: str, key: str) -> Source:
        """A :class:`Source` for the character span ``[start, end)``."""
        return Source(start, end, self.tok_at(start), self.tok_at(end), kind, key)

    def names_between(self, lo: int, hi: int) -> list[NameChain]:
        """Plausible name chains outside quotations whose first token index lies in ``[lo, hi)``."""
        chains = self.doc.name_chains[bisect_left(self._chain_starts, lo) : bisect_left(self._chain_starts, hi)]
        quotes = self.doc.quotes
        return [c for c in chains if _is_name(c) and not (quotes and self.doc.in_quote(c.start))]

    def anonymous_between(self, lo: int, hi: int) -> list[Source]:
        """Vague sources whose first token index lies in ``[lo, hi)``."""
        return self.anonymous[bisect_left(self._anonymous_starts, lo) : bisect_left(self._anonymous_starts, hi)]


def _is_name(chain: NameChain) -> bool:
    """True for a capitalised chain that plausibly names a person or organisation."""
    first = chain.text.split(" ", 1)[0].lower()
    if chain.text.lower() in _NOT_NAMES or first in _NOT_NAMES and chain.tok_end - chain.tok_start == 1:
        return False
    return not (chain.sentence_initial and chain.tok_end - chain.tok_start == 1 and first in _PRONOUNS)


def _skip_back(doc: Document, i: int, floor: int) -> int:
    """Index of the first token before ``i`` (not below ``floor``) that is not an auxiliary/adverb."""
    tokens = doc.tokens
    j = i - 1
    while j >= floor and tokens[j].text.lower().replace("’", "'") in _BETWEEN:
        j -= 1
    return j


def _has_subject(doc: Document, index: DocIndex, tok: int) -> bool:
    """True when the verb at token ``tok`` follows a pronoun, a name or a source noun."""
    j = _skip_back(doc, tok, 0)
    if j < 0:
        return False
    text, _, _, kind = doc.tokens[j]
    low = text.lower()
    if low in _PRONOUNS or kind == WORD and text[0].isupper() and low not in _NOT_NAMES:
        return True
    return j + 1 in index.anonymous_ends


def _is_speech_colon(doc: Document, index: DocIndex, at: int) -> bool:
    """True when the colon at ``at`` follows a speaker label or opens a quotation."""
    p_start, p_end = doc.paragraphs[doc.sentences[doc.sentence_index(at)].paragraph]
    rest = doc.text[at + 1 : p_end].lstrip()
    if not rest or rest[0].isdigit() or at == p_start:
        return False
    if rest[0] in _QUOTE_OPENERS:
        return True
    t = index.tok_at(at)
    prev = doc.tokens[t - 1] if t > 0 else None
    if prev is None or prev.kind != WORD or not prev.text[0].isupper():
        return False
    return index.tok_at(p_start) >= t - 4


@dataclass(frozen=True, slots=True)
class CueModel:
    """The learned cue classifier: candidate words, feature weights, bias and probability threshold."""

    candidates: frozenset[str]
    weights: dict[str, float]
    bias: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict) -> CueModel:
        """Build from the JSON layout written by ``models.train_attribution_cues``."""
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
def _lemma(word: str) -> str:
    """Crude lemma by suffix stripping ("believes", "believed", "believing" -> "believ")."""
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + repl
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _near_subject(doc: Document, i: int, floor: int) -> bool:
    """True when a pronoun or a mid-sentence capitalised word lies within three tokens before ``i``."""
    tokens = doc.tokens
    for j in range(max(floor, i - 3), i):
        text, _, _, kind = tokens[j]
        if kind == WORD and (text.lower() in _PRONOUNS or j > floor and text[0].isupper()):
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
        out.update(range(max(doc.sentence_index(q_start), 0), doc.sentence_index(max(q_start, q_end - 1)) + 1))
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
        if low in _PRONOUNS or not text[0].isupper():
            return low
        return "CAPS" if len(low) > 1 and text.isupper() else "Cap"
    if kind == PUNCT:
        low = doc.lower[start:end]
        return _QUOTE_NORMAL.get(low, low)
    return kind


def _features(doc: Document, index: DocIndex, w: str, lem: str, i: int, s: Sentence, quoted: bool) -> list[str]:
    """Feature strings of the candidate token ``i`` (lower-case ``w``, lemma ``lem``) in sentence ``s``."""
    p1, p2, n1, n2 = _ctx(doc, i - 1, s), _ctx(doc, i - 2, s), _ctx(doc, i + 1, s), _ctx(doc, i + 2, s)
    feats = [
        f"w={w}", f"l={lem}", f"p1={p1}", f"p2={p2}", f"n1={n1}", f"n2={n2}",
        f"w|p1={w}|{p1}", f"w|n1={w}|{n1}", f"l|n2={lem}|{n2}", f"pos={_position(i, s)}",
    ]
    if quoted:
        feats += ("sent_quote", f"l|sent_quote={lem}")
    if doc.quotes and doc.in_quote(doc.tokens[i].start):
        feats += ("in_quote", f"l|in_quote={lem}")
    if _has_subject(doc, index, i):
        feats += ("subject", f"l|subject={lem}")
    if _near_subject(doc, i, s.tok_start):
        feats += ("near_subject", f"l|near_subject={lem}")
    if w == ":" and _is_speech_colon(doc, index, doc.tokens[i].start):
        feats.append("speech_colon")
    return feats


@cache
def _word_matcher(vocabulary: frozenset[str]) -> PhraseMatcher:
    """A whole-word matcher for the candidate words (built once per vocabulary)."""
    return PhraseMatcher((w, "colon" if w == ":" else "learned") for w in sorted(vocabulary))


@cache
def _matchers(vocabulary: frozenset[str]) -> MatcherGroup:
    """Cue-lexicon, vague-source, factual-marker and ``vocabulary``-word matchers as one automaton."""
    return MatcherGroup([_CUES, _ANONYMOUS, _FACTUAL, _word_matcher(vocabulary)])


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
    return {t: span for t, span in picked.items() if not _vetoed(doc, span)}


def _vetoed(doc: Document, span: tuple[int, int, str]) -> bool:
    """True for spans that are never cues: "the said property", "according to plan"."""
    a, b, category = span
    tokens = doc.tokens
    if a > 0 and doc.lower[tokens[a - 1].start : tokens[a - 1].end] in _DETERMINERS:
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
            lem = _lemma(w)
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


def select_cues(doc: Document, candidates: list[Candidate], probabilities: list[float], threshold: float) -> list[Cue]:
    """Cues from candidates scoring at least ``threshold``; overlapping or adjacent spans are merged."""
    cues: list[Cue] = []
    tokens, sentence_index = doc.tokens, doc.sentence_index
    for c, p in zip(candidates, probabilities):
        if p < threshold:
            continue
        last = cues[-1] if cues else None
        if last and c.tok_start <= last.tok_end and sentence_index(last.start) == sentence_index(tokens[c.tok_start].start):
            end_tok = max(last.tok_end, c.tok_end)
            cues[-1] = Cue(last.start, tokens[end_tok - 1].end, last.tok_start, end_tok, last.category, max(last.p, p))
        else:
            cues.append(Cue(tokens[c.tok_start].start, tokens[c.tok_end - 1].end, c.tok_start, c.tok_end, c.category, p))
    return cues


@cache
def _model() -> CueModel:
    """The shipped classifier, read once from ``features/data/attribution_cue_weights.json``."""
    raw = resources.files(DATA_PACKAGE).joinpath(_WEIGHTS_FILE).read_text(encoding="utf-8")
    return CueModel.from_dict(json.loads(raw))


def _find_cues(doc: Document, index: DocIndex) -> list[Cue]:
    """All cues the shipped classifier accepts, in text order."""
    model = _model()
    candidates = find_candidates(doc, index, model.candidates)
    probability = model.probability
    probabilities = [probability(c.features) for c in candidates]
    return select_cues(doc, candidates, probabilities, model.threshold)


def _named(chain: NameChain) -> Source:
    """A named :class:`Source` for a name chain, keyed by its last word ("Trump" for "Donald Trump")."""
    return Source(chain.start, chain.end, chain.tok_start, chain.tok_end, "named", chain.text.split()[-1].lower())


def _source_after(cue: Cue, index: DocIndex, sent_end_tok: int) -> Source | None:
    """The source right after an inverted or 'according to' cue ("..., said Jane Doe")."""
    limit = min(sent_end_tok, cue.tok_end + 4)
    anon = next(iter(index.anonymous_between(cue.tok_end, limit)), None)
    name = next(iter(index.names_between(cue.tok_end, limit)), None)
    if name and (anon is None or name.tok_start <= anon.tok_end + 2):
        return _named(name)
    return anon


def _source_before(cue: Cue, index: DocIndex, sent_start_tok: int) -> Source | None:
    """The nearest name or vague source before the cue in its sentence ("Officials said")."""
    at = cue.tok_start
    floor = max(sent_start_tok, at - _MAX_SOURCE_GAP)
    tokens = index.doc.tokens
    names = [
        n
        for n in index.names_between(floor, at)
        if n.tok_end <= at and not (n.tok_start > 0 and tokens[n.tok_start - 1].text.lower() in _PREPOSITIONS)
    ]
    anon = [a for a in index.anonymous_between(floor, at) if a.tok_end <= at]
    if not names and not anon:
        return None
    # The last of the candidates ending furthest right (max over the reversed list keeps the last tie).
    best = max(reversed(names + anon), key=_TOK_END)
    if isinstance(best, Source):
        follower = next((n for n in names if best.tok_end <= n.tok_start <= best.tok_end + 1), None)
        return best if follower is None else _named(follower)
    return _named(best)


def _pronoun_source(cue: Cue, index: DocIndex, sent_start_tok: int, named_seen: bool) -> Source | None:
    """A pronoun subject ("he said"), counted as named when a named source was cited earlier."""
    if not named_seen:
        return None
    doc = index.doc
    j = _skip_back(doc, cue.tok_start, sent_start_tok)
    if j < sent_start_tok or doc.tokens[j].text.lower() not in _SUBJECT_PRONOUNS:
        return None
    tok = doc.tokens[j]
    return Source(tok.start, tok.end, j, j + 1, "named", "")


def _find_source(cue: Cue, index: DocIndex, named_seen: bool) -> Source | None:
    """Who the cue cites, looking after inverted/'according to' cues and before the others."""
    doc = index.doc
    s = doc.sentences[doc.sentence_index(cue.start)]
    pronoun = _pronoun_source(cue, index, s.tok_start, named_seen)
    if pronoun:
        return pronoun
    prev = doc.tokens[cue.tok_start - 1] if cue.tok_start > s.tok_start else None
    inverted = prev is None or (prev.kind == PUNCT and prev.text in _INVERSION_MARKS)
    if cue.category == "according" or inverted and cue.category != "colon":
        return _source_after(cue, index, s.tok_end)
    return _source_before(cue, index, s.tok_start)


def _link_sources(cues: list[Cue], index: DocIndex) -> list[tuple[Cue, Source | None]]:
    """Pair every cue with its source (or None), resolving pronouns against earlier names."""
    named_seen = False
    pairs = []
    for cue in cues:
        source = _find_source(cue, index, named_seen)
        named_seen = named_seen or (source is not None and source.kind == "named")
        pairs.append((cue, source))
    return pairs


def _attributed_sentences(doc: Document, cues: list[Cue]) -> set[int]:
    """Sentences holding a cue, plus sentences sharing a quotation with such a sentence."""
    attributed = {doc.sentence_index(c.start) for c in cues}
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


def _cue_evidence(doc: Document, pairs: list[tuple[Cue, Source | None]]) -> list[Evidence]:
    """``cue`` evidence for every cue and ``source`` evidence for every linked source."""
    out = []
    for cue, source in pairs:
        note = f"{cue.category} cue (p={cue.p:.2f})"
        out.append(Evidence(SIGNAL, "cue", cue.start, cue.end, doc.text[cue.start : cue.end], note))
        if source is not None:
            note = "named source" if source.kind == "named" else "anonymous source"
            out.append(Evidence(SIGNAL, "source", source.start, source.end, doc.text[source.start : source.end], note))
    return out


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
        out.append(Evidence(SIGNAL, "unattributed", s.start, s.end, doc.text[s.start : s.end], "factual claim with no source"))
    return out


def extract(doc: Document) -> SignalResult:
    """Return SignalResult(SIGNAL, {name: float for name in FEATURES}, [Evidence, ...])."""
    index = DocIndex(doc, _model().candidates)
    pairs = _link_sources(_find_cues(doc, index), index)
    cues = [c for c, _ in pairs]
    sources = [s for _, s in pairs if s is not None]
    named = [s for s in sources if s.kind == "named"]
    attributed = _attributed_sentences(doc, cues)
    factual = _factual_sentences(doc, index)
    unattributed = [i for i in factual if i not in attributed]
    n_sent = len(doc.sentences)
    features = {
        "attributed_sentence_share": _share(len(attributed), n_sent),
        "cues_per_sentence": _share(len(cues), n_sent),
        "named_source_share": _share(len(named), len(sources)),
        "anonymous_source_share": _share(len(sources) - len(named), len(sources)),
        "distinct_named_sources": float(len({s.key for s in named if s.key})),
        "quote_char_share": _share(sum(e - s for s, e in doc.quotes), len(doc.text)),
        "unattributed_factual_count": float(len(unattributed)),
        "unattributed_factual_share": _share(len(unattributed), len(factual)),
        "links_per_100_words": _share(100 * len(doc.links), doc.word_count) if doc.is_html else 0.0,
    }
    evidence = _cue_evidence(doc, pairs) + _quote_evidence(doc, attributed) + _unattributed_evidence(doc, unattributed)
    return SignalResult(SIGNAL, features, evidence)
