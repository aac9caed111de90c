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
from functools import cache
from importlib import resources

from features.document import PUNCT, WORD, Document, NameChain, Sentence, Token
from features.evidence import Evidence, SignalResult
from features.lexicon import DATA_PACKAGE, PhraseMatcher, load_lexicon

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
_PREPOSITIONS = frozenset({"in", "at", "from", "of", "for", "with", "to", "on", "by", "about", "against"})
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "such"})
_NOT_ACCORDING = frozenset({"plan", "schedule", "script", "design", "expectations", "form"})
_DOUBLE_QUOTES = '"“”«»'
_LEARNED = frozenset({"learned", "colon"})  # candidate categories not from the lexicon
_QUOTE_NORMAL = {"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}
_INVERSION_MARKS = frozenset({",", '"', "”", "’", "'", "—", "–"})
_QUOTE_OPENERS = frozenset('"“‘«\'')
_MAX_SOURCE_GAP = 10  # tokens between a source and its cue
_MAX_UNATTRIBUTED_EVIDENCE = 3
_MAX_QUOTE_EVIDENCE = 10
_MIN_FACTUAL_TOKENS = 6
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue at ``[start, end)`` covering tokens ``[tok_start, tok_end)``, with its probability."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    category: str
    p: float


@dataclass(frozen=True, slots=True)
class Source:
    """Who a cue cites: ``kind`` is ``named`` or ``anonymous``; ``key`` groups mentions of one name."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    kind: str
    key: str


class DocIndex:
    """Per-document lookup tables (sources by token position) built once per :func:`extract` call."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.anonymous = [
            self.source(s, e, "anonymous", doc.lower[s:e])
            for s, e, _, _ in _ANONYMOUS.finditer(doc.lower)
            if not doc.in_quote(s)
        ]
        self.anonymous_ends = {a.tok_end for a in self.anonymous}
        self._anonymous_starts = [a.tok_start for a in self.anonymous]
        self._chain_starts = [c.tok_start for c in doc.name_chains]

    def tok_at(self, offset: int) -> int:
        """Index of the token starting at or after ``offset``."""
        return bisect_left(self.doc.tokens, offset, key=_token_start)

    def source(self, start: int, end: int, kind: str, key: str) -> Source:
        """A :class:`Source` for the character span ``[start, end)``."""
        return Source(start, end, self.tok_at(start), self.tok_at(end), kind, key)

    def names_between(self, lo: int, hi: int) -> list[NameChain]:
        """Plausible name chains outside quotations whose first token index lies in ``[lo, hi)``."""
        chains = self.doc.name_chains[bisect_left(self._chain_starts, lo) : bisect_left(self._chain_starts, hi)]
        return [c for c in chains if _is_name(c) and not self.doc.in_quote(c.start)]

    def anonymous_between(self, lo: int, hi: int) -> list[Source]:
        """Vague sources whose first token index lies in ``[lo, hi)``."""
        return self.anonymous[bisect_left(self._anonymous_starts, lo) : bisect_left(self._anonymous_starts, hi)]


def _token_start(token: Token) -> int:
    return token.start


def _is_name(chain: NameChain) -> bool:
    """True for a capitalised chain that plausibly names a person or organisation."""
    first = chain.text.split(" ", 1)[0].lower()
    if chain.text.lower() in _NOT_NAMES or first in _NOT_NAMES and chain.tok_end - chain.tok_start == 1:
        return False
    return not (chain.sentence_initial and chain.tok_end - chain.tok_start == 1 and first in _PRONOUNS)


def _skip_back(doc: Document, i: int, floor: int) -> int:
    """Index of the first token before ``i`` (not below ``floor``) that is not an auxiliary/adverb."""
    j = i - 1
    while j >= floor and doc.tokens[j].text.lower().replace("’", "'") in _BETWEEN:
        j -= 1
    return j


def _has_subject(doc: Document, index: DocIndex, tok: int) -> bool:
    """True when the verb at token ``tok`` follows a pronoun, a name or a source noun."""
    j = _skip_back(doc, tok, 0)
    if j < 0:
        return False
    prev = doc.tokens[j]
    low = prev.text.lower()
    if low in _PRONOUNS or prev.is_capitalised and low not in _NOT_NAMES:
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
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class Candidate:
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


def _lemma(word: str) -> str:
    """Crude lemma by suffix stripping ("believes", "believed", "believing" -> "believ")."""
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + repl
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _context(tok: Token, low: str) -> str:
    """A context token as a feature value: lower-case words and punctuation, shapes for names/numbers."""
    if tok.kind == PUNCT:
        return _QUOTE_NORMAL.get(low, low)
    if tok.kind != WORD:
        return tok.kind
    if low in _PRONOUNS or not tok.text[0].isupper():
        return low
    return "CAPS" if len(low) > 1 and tok.text.isupper() else "Cap"


def _near_subject(doc: Document, i: int, floor: int) -> bool:
    """True when a pronoun or a mid-sentence capitalised word lies within three tokens before ``i``."""
    for j in range(max(floor, i - 3), i):
        t = doc.tokens[j]
        if t.kind == WORD and (t.text.lower() in _PRONOUNS or j > floor and t.text[0].isupper()):
            return True
    return False


def _position(i: int, s: Sentence) -> str:
    """Where token ``i`` sits in its sentence: first, early (within 3), last (within 2) or mid."""
    if i == s.tok_start:
        return "first"
    if i >= s.tok_end - 2:
        return "last"
    return "early" if i - s.tok_start <= 3 else "mid"


def _lexicon_spans(doc: Document, index: DocIndex) -> dict[int, tuple[int, int, str]]:
    """Token index -> (tok_start, tok_end, category) for every token inside a cue-lexicon phrase."""
    out = {}
    for start, end, _, category in _CUES.finditer(doc.lower):
        a, b = index.tok_at(start), index.tok_at(end)
        for t in range(a, b):
            out[t] = (a, b, category)
    return out


def _quoted_sentences(doc: Document) -> set[int]:
    """Indices of sentences overlapping a quotation."""
    out: set[int] = set()
    for q_start, q_end in doc.quotes:
        out.update(range(max(doc.sentence_index(q_start), 0), doc.sentence_index(max(q_start, q_end - 1)) + 1))
    return out


def _ctx(doc: Document, j: int, s: Sentence) -> str:
    """The context value of token ``j``, or a boundary marker outside sentence ``s``."""
    if j < s.tok_start:
        return "<s>"
    if j >= s.tok_end:
        return "</s>"
    t = doc.tokens[j]
    return _context(t, doc.lower[t.start : t.end])


def _features(doc: Document, index: DocIndex, w: str, lem: str, i: int, s: Sentence, quoted: bool) -> list[str]:
    """Feature strings of the candidate token ``i`` (lower-case ``w``, lemma ``lem``) in sentence ``s``."""
    p1, p2, n1, n2 = _ctx(doc, i - 1, s), _ctx(doc, i - 2, s), _ctx(doc, i + 1, s), _ctx(doc, i + 2, s)
    feats = [
        f"w={w}", f"l={lem}", f"p1={p1}", f"p2={p2}", f"n1={n1}", f"n2={n2}",
        f"w|p1={w}|{p1}", f"w|n1={w}|{n1}", f"l|n2={lem}|{n2}", f"pos={_position(i, s)}",
    ]
    if quoted:
        feats += ("sent_quote", f"l|sent_quote={lem}")
    if doc.in_quote(doc.tokens[i].start):
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


def _picked(doc: Document, index: DocIndex, vocabulary: frozenset[str]) -> dict[int, tuple[int, int, str]]:
    """Candidate token -> (span tok_start, span tok_end, category): lexicon phrases, then whole-token
    vocabulary words."""
    picked = _lexicon_spans(doc, index)
    for start, end, _, category in _word_matcher(vocabulary).finditer(doc.lower):
        t = index.tok_at(start)
        if t < len(doc.tokens) and doc.tokens[t].end == end and t not in picked:
            picked[t] = (t, t + 1, category)
    return {t: span for t, span in picked.items() if not _vetoed(doc, span)}


def _vetoed(doc: Document, span: tuple[int, int, str]) -> bool:
    """True for spans that are never cues: "the said property", "according to plan"."""
    a, b, category = span
    if a > 0 and doc.lower[doc.tokens[a - 1].start : doc.tokens[a - 1].end] in _DETERMINERS:
        return True
    if category != "according" or b >= len(doc.tokens):
        return False
    return doc.lower[doc.tokens[b].start : doc.tokens[b].end] in _NOT_ACCORDING


def _quote_marks(doc: Document, s: Sentence) -> list[int]:
    """Offsets of the first and last double quote mark in sentence ``s`` (empty when none)."""
    found = [at for ch in _DOUBLE_QUOTES if (at := doc.text.find(ch, s.start, s.end)) >= 0]
    if not found:
        return []
    return [min(found), max(doc.text.rfind(ch, s.start, s.end) for ch in _DOUBLE_QUOTES)]


def find_candidates(doc: Document, index: DocIndex, vocabulary: frozenset[str]) -> list[Candidate]:
    """Every token whose lower-case form is in ``vocabulary`` or in a lexicon phrase, with features."""
    picked = _picked(doc, index, vocabulary)
    quoted = _quoted_sentences(doc)
    by_sentence: dict[int, list[int]] = {}
    for i in sorted(picked):
        by_sentence.setdefault(doc.sentence_index(doc.tokens[i].start), []).append(i)
    out = []
    for n, toks in by_sentence.items():
        s = doc.sentences[n]
        lex_toks = [i for i in toks if picked[i][2] not in _LEARNED]
        marks = _quote_marks(doc, s)
        for i in toks:
            a, b, category = picked[i]
            w = doc.lower[doc.tokens[i].start : doc.tokens[i].end]
            lem = _lemma(w)
            feats = _features(doc, index, w, lem, i, s, n in quoted)
            feats += _sentence_features(lem, (a, b, doc.tokens[a].start, doc.tokens[b - 1].end), lex_toks, marks)
            feats.append(f"cat={category}")
            out.append(Candidate(i, a, b, category, feats))
    return out


def _sentence_features(lem: str, span: tuple[int, int, int, int], lex_toks: list[int], marks: list[int]) -> list[str]:
    """Lexicon cues and quote marks before/after ``span`` (tok_start, tok_end, start, end) in its
    sentence: a cue word inside another cue's content is not annotated (one attribution per token)."""
    a, b, start, end = span
    flags = []
    if lex_toks and lex_toks[0] < a:
        flags.append("lex_before")
    if lex_toks and lex_toks[-1] >= b:
        flags.append("lex_after")
    if marks and marks[0] < start:
        flags.append("quote_before")
    if marks and marks[-1] >= end:
        flags.append("quote_after")
    return flags + [f"l|{f}={lem}" for f in flags]


def select_cues(doc: Document, candidates: list[Candidate], probabilities: list[float], threshold: float) -> list[Cue]:
    """Cues from candidates scoring at least ``threshold``; overlapping or adjacent spans are merged."""
    cues: list[Cue] = []
    for c, p in zip(candidates, probabilities):
        if p < threshold:
            continue
        last = cues[-1] if cues else None
        if last and c.tok_start <= last.tok_end and doc.sentence_index(last.start) == doc.sentence_index(doc.tokens[c.tok_start].start):
            end_tok = max(last.tok_end, c.tok_end)
            cues[-1] = Cue(last.start, doc.tokens[end_tok - 1].end, last.tok_start, end_tok, last.category, max(last.p, p))
        else:
            cues.append(Cue(doc.tokens[c.tok_start].start, doc.tokens[c.tok_end - 1].end, c.tok_start, c.tok_end, c.category, p))
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
    probabilities = [model.probability(c.features) for c in candidates]
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
    floor = max(sent_start_tok, cue.tok_start - _MAX_SOURCE_GAP)
    doc = index.doc
    names = [
        _named(n)
        for n in index.names_between(floor, cue.tok_start)
        if n.tok_end <= cue.tok_start
        and not (n.tok_start > 0 and doc.tokens[n.tok_start - 1].text.lower() in _PREPOSITIONS)
    ]
    anon = [a for a in index.anonymous_between(floor, cue.tok_start) if a.tok_end <= cue.tok_start]
    candidates = sorted(names + anon, key=lambda s: s.tok_end)
    if not candidates:
        return None
    best = candidates[-1]
    follower = next((n for n in names if best.tok_end <= n.tok_start <= best.tok_end + 1), None)
    return follower if best.kind == "anonymous" and follower else best


def _pronoun_source(cue: Cue, index: DocIndex, sent_start_tok: int, named_seen: bool) -> Source | None:
    """A pronoun subject ("he said"), counted as named when a named source was cited earlier."""
    doc = index.doc
    j = _skip_back(doc, cue.tok_start, sent_start_tok)
    if j < sent_start_tok or doc.tokens[j].text.lower() not in _PRONOUNS - {"who"} or not named_seen:
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


def _factual_sentences(doc: Document) -> list[int]:
    """Sentences (outside quotations, six tokens or more) with a number, date or event marker."""
    marked = {doc.sentence_index(start) for start, _, _, _ in _FACTUAL.finditer(doc.lower)}
    return [
        i
        for i, s in enumerate(doc.sentences)
        if s.tok_end - s.tok_start >= _MIN_FACTUAL_TOKENS
        and not doc.in_quote(s.start)
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
    index = DocIndex(doc)
    pairs = _link_sources(_find_cues(doc, index), index)
    cues = [c for c, _ in pairs]
    sources = [s for _, s in pairs if s is not None]
    named = [s for s in sources if s.kind == "named"]
    attributed = _attributed_sentences(doc, cues)
    factual = _factual_sentences(doc)
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
