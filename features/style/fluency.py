"""Disfluent clauses: agreement, missing-word and word-order errors that edited news does not make.

Each token becomes a class: closed-class words (articles, pronouns, auxiliaries, prepositions) and
the most frequent lower-case words stay themselves, other words become their shape (a capitalised
name, a number, an "-ing", "-ed", "-ly" or plural-looking word, another word) and punctuation its
normalised mark. A per-token logistic classifier over the classes and words around each token says
how likely the token sits at an error; it was trained by ``credibly.models.training.fluency`` to tell
sentences from reliable outlets' articles from copies of them with one injected error (an agreement
slip, a dropped function word, two words swapped, a verb in another form), so it has learned what
edited prose does not do.
Agreement with a subject beyond its window is not judged (:func:`agreement_out_of_reach`).
A sentence is disfluent when its most suspicious token passes the threshold; the evidence marks that
token with its neighbours. Weights ship as ``features/data/fluency_weights.json.gz``; the classes
carry no topic words beyond the most frequent ones, so the signal is about grammar, not subject.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple, Protocol

import numpy as np

from credibly.features.document import NUM, PUNCT, URL, WORD, Document, Token, lower_same_length
from credibly.features.int_table import IntTable
from credibly.features.lexicon import DATA_PACKAGE
from credibly.features.memo import TokenMemo
from credibly.features.words import CLOSED_CLASS_WORDS, CLOSED_PREPOSITIONS, DETERMINERS

MODEL_FILE = "fluency_weights.json.gz"
MIN_SENTENCE_TOKENS = 6
MAX_SENTENCE_TOKENS = 80
_BOUNDARY = ("<s>", "<s>")
_END = ("</s>", "</s>")
PUNCT_CLASSES = frozenset(",.;:!?()\"'-")
# Integer n-gram codes: symbol ids of CLASS_BITS / WORD_BITS each, the template index above them.
CLASS_BITS, WORD_BITS, CODE_BITS = 9, 12, 45
_WORD_MASK = (1 << WORD_BITS) - 1
# The classifier sees two tokens either side, so it cannot judge a verb's agreement with a subject it
# does not see: after a noun phrase that a preposition or conjunction opens ("Results of the study
# are", "the sisters and the teen girl have", "critics like Bernie Sanders are"), after a relative
# pronoun or a conjunction ("procedures, which are", "and are"), after a relative clause ("analysts
# who track the sector are"), after a capitalised plural its classes cannot tell from a name
# ("Steroids are"), before a quantity noun that agrees with what it counts ("there are a number of"),
# or in a subjunctive ("if he were a woman"). Its verdict is not used there.
AGREEMENT_VERBS = frozenset("is are was were has have does do".split())
_PLURAL_VERBS = frozenset("are were have do".split())
_ATTRACTOR_LINKS = CLOSED_PREPOSITIONS | frozenset("and or nor who which".split())
_QUANTITY_NOUNS = frozenset(
    "number lot few couple handful variety range series host myriad dozen bunch".split()
)
_SUBJECT_ELSEWHERE = frozenset("which who that and or".split())
NOUN_PHRASE_WORDS = DETERMINERS | {"his", "her", "its", "our", "their", "my", "your", "'s", "’s", "-"}
MAX_NOUN_PHRASE = 6


class _TokenLike(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def kind(self) -> str: ...


class Disfluency(NamedTuple):
    """A disfluent stretch ``[start, end)`` (the suspicious token and its neighbours) and the
    classifier's probability that it holds an error."""

    start: int
    end: int
    probability: float


def token_class(tok: _TokenLike, low: str, closed: frozenset[str]) -> str:
    """The class of one token (see the module docstring); ``low`` is its normalised lower-case text."""
    if tok.kind == PUNCT:
        return low if low in PUNCT_CLASSES else "P"
    if tok.kind == NUM:
        return "N"
    if tok.kind == URL:
        return "U"
    if low in closed:
        return low
    text = tok.text
    if text[0].isupper():
        return "A" if text.isupper() and len(text) > 1 else "C"
    if low.endswith("ing"):
        return "G"
    if low.endswith("ed"):
        return "D"
    if low.endswith("ly"):
        return "L"
    if low.endswith("s") and not low.endswith("ss"):
        return "S"
    return "W"


def agreement_out_of_reach(tokens: Sequence[_TokenLike], lowers: Sequence[str], j: int) -> bool:
    """True when the agreeing verb at ``j`` has its subject out of the classifier's reach (see
    ``AGREEMENT_VERBS``); a noun phrase is up to ``MAX_NOUN_PHRASE`` content words, numbers and
    determiners."""
    low = lowers[j]
    before = lowers[j - 1] if j > 0 else ""
    if before in _SUBJECT_ELSEWHERE or (low == "were" and "if" in lowers[max(0, j - 3) : j]):
        return True
    if before == "there" and lowers[j + 1 : j + 2] == ["a"] and j + 2 < len(lowers):
        return lowers[j + 2] in _QUANTITY_NOUNS
    if low in _PLURAL_VERBS and j > 0:
        prev = tokens[j - 1].text
        if prev[0].isupper() and prev.endswith("s") and not prev.endswith("ss") and not prev.isupper():
            return True
    i = j - 1
    while (
        i >= 0
        and j - i <= MAX_NOUN_PHRASE
        and (
            tokens[i].kind == NUM
            or lowers[i] in NOUN_PHRASE_WORDS
            or (tokens[i].kind == WORD and lowers[i] not in CLOSED_CLASS_WORDS)
        )
    ):
        i -= 1
    return 0 <= i < j - 1 and lowers[i] in _ATTRACTOR_LINKS


def judged_scores(scores: np.ndarray, tokens: Sequence[_TokenLike], lowers: Sequence[str]) -> np.ndarray:
    """``scores`` of one sentence without the positions around an agreeing verb out of the
    classifier's reach (see :func:`agreement_out_of_reach`), which are set to -inf."""
    out = scores
    for j, low in enumerate(lowers):
        if low in AGREEMENT_VERBS and agreement_out_of_reach(tokens, lowers, j):
            if out is scores:
                out = scores.copy()
            out[max(0, j - 1) : j + 2] = -np.inf
    return out


def token_features(classes: Sequence[str], words: Sequence[str], j: int) -> list[str]:
    """Feature strings of position ``j`` in padded ``classes``/``words`` (two boundary marks each side):
    class n-grams up to five wide and word n-grams up to three wide that cover the position. Each is
    ``template=gram``; :meth:`FluencyModel.sentence_scores` computes the same sums from per-sentence
    n-gram lists."""
    c, w = classes, words
    return [
        f"c={c[j]}",
        f"cl={c[j - 1]}|{c[j]}",
        f"cr={c[j]}|{c[j + 1]}",
        f"cc={c[j - 1]}|{c[j]}|{c[j + 1]}",
        f"ll={c[j - 2]}|{c[j - 1]}|{c[j]}",
        f"rr={c[j]}|{c[j + 1]}|{c[j + 2]}",
        f"l4={c[j - 2]}|{c[j - 1]}|{c[j]}|{c[j + 1]}",
        f"r4={c[j - 1]}|{c[j]}|{c[j + 1]}|{c[j + 2]}",
        f"c5={c[j - 2]}|{c[j - 1]}|{c[j]}|{c[j + 1]}|{c[j + 2]}",
        f"wl={w[j - 1]}|{w[j]}",
        f"wr={w[j]}|{w[j + 1]}",
        f"wc={w[j - 1]}|{w[j]}|{w[j + 1]}",
        f"wll={w[j - 2]}|{w[j - 1]}|{w[j]}",
        f"wrr={w[j]}|{w[j + 1]}|{w[j + 2]}",
    ]


# (template, n-gram order, uses words, offset of the gram's first item from the position)
_TEMPLATES = (
    ("c", 1, False, 0),
    ("cl", 2, False, -1),
    ("cr", 2, False, 0),
    ("cc", 3, False, -1),
    ("ll", 3, False, -2),
    ("rr", 3, False, 0),
    ("l4", 4, False, -2),
    ("r4", 4, False, -1),
    ("c5", 5, False, -2),
    ("wl", 2, True, -1),
    ("wr", 2, True, 0),
    ("wc", 3, True, -1),
    ("wll", 3, True, -2),
    ("wrr", 3, True, 0),
)


def padded(
    tokens: Sequence[_TokenLike], lowers: Sequence[str], closed: frozenset[str], vocabulary: frozenset[str]
) -> tuple[list[str], list[str]]:
    """Classes and word forms of a sentence's tokens, padded with boundary marks."""
    classes = [token_class(t, low, closed) for t, low in zip(tokens, lowers)]
    words = [low if low in vocabulary else cls for low, cls in zip(lowers, classes)]
    return [*_BOUNDARY, *classes, *_END], [*_BOUNDARY, *words, *_END]


@dataclass(frozen=True)
class FluencyModel:
    """The per-token error classifier: word lists, feature weights (as a lookup table: the weight
    strings are not kept, ~25 MB per process), bias and the sentence threshold."""

    closed: frozenset[str]
    vocabulary: frozenset[str]
    index: _WeightIndex
    bias: float
    threshold: float

    @classmethod
    def from_weights(
        cls,
        closed: frozenset[str],
        vocabulary: frozenset[str],
        weights: dict[str, float],
        bias: float,
        threshold: float,
    ) -> FluencyModel:
        """The model for ``weights`` (``template=gram`` feature strings, see :func:`token_features`)."""
        return cls(closed, vocabulary, _WeightIndex.build(weights), bias, threshold)

    @classmethod
    def from_dict(cls, data: dict) -> FluencyModel:
        return cls.from_weights(
            frozenset(data["closed_class_words"]),
            frozenset(data["vocabulary"]),
            data["weights"],
            float(data["bias"]),
            float(data["threshold"]),
        )

    def scores(self, sentences: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[np.ndarray]:
        """Logit of an error at each real position of each padded ``(classes, words)`` sentence: the
        bias plus the weight of every feature of :func:`token_features`."""
        cid, wid = self.index.class_ids.get, self.index.word_ids.get
        classes = np.fromiter((cid(c, 0) for cs, _ in sentences for c in cs), dtype=np.int64)
        words = np.fromiter((wid(w, 0) for _, ws in sentences for w in ws), dtype=np.int64)
        return self._logits(classes, words, [len(cs) for cs, _ in sentences])

    def _logits(self, classes: np.ndarray, words: np.ndarray, lengths: list[int]) -> list[np.ndarray]:
        """:meth:`scores` from the symbol ids of the padded sentences laid end to end: for all
        sentences at once, each template's n-grams become integer codes looked up in the index."""
        index = self.index
        starts = np.cumsum([0, *lengths[:-1]])
        ranges = [np.arange(o + 2, o + n - 2, dtype=np.int64) for o, n in zip(starts, lengths)]
        positions = np.concatenate(ranges) if ranges else np.zeros(0, dtype=np.int64)
        around = {  # the symbols at each offset from every position
            (uses_words, d): (words if uses_words else classes)[positions + d]
            for uses_words in (False, True)
            for d in range(-2, 3)
        }
        packed: dict[tuple[bool, int, int], np.ndarray] = {}

        def gram(uses_words: bool, offset: int, order: int) -> np.ndarray:
            """Symbol ids of the n-gram at ``offset`` packed into one int; shorter grams are prefixes."""
            key = (uses_words, offset, order)
            if key not in packed:
                last = around[uses_words, offset + order - 1]
                bits = WORD_BITS if uses_words else CLASS_BITS
                packed[key] = last if order == 1 else gram(uses_words, offset, order - 1) << bits | last
            return packed[key]

        codes = []
        for t, (_, order, uses_words, offset) in enumerate(_TEMPLATES):
            bits = WORD_BITS if uses_words else CLASS_BITS
            codes.append(gram(uses_words, offset, order) << (CODE_BITS - bits * order) | t << CODE_BITS)
        weights = index.lookup(np.concatenate(codes)).reshape(len(_TEMPLATES), len(positions))
        total = self.bias + weights.sum(axis=0)
        return np.split(total, np.cumsum([n - 4 for n in lengths])[:-1])

    def sentence_scores(self, classes: Sequence[str], words: Sequence[str]) -> list[float]:
        """:meth:`scores` of one padded sentence, as floats."""
        return self.scores([(classes, words)])[0].tolist()

    def disfluencies(self, doc: Document) -> list[Disfluency]:
        """The most suspicious stretch of each sentence whose error probability passes the threshold."""
        tokens = doc.tokens
        limit = math.log(self.threshold / (1.0 - self.threshold))
        judged = [
            (s.tok_start, s.tok_end)
            for s in doc.sentences
            if MIN_SENTENCE_TOKENS <= s.tok_end - s.tok_start <= MAX_SENTENCE_TOKENS
            and not (doc.quotes and doc.in_quote(s.start))
        ]
        if not judged:
            return []
        packed = np.asarray(self._symbols.values(tokens), dtype=np.int64)
        start, end = self._padding
        pieces: list[np.ndarray] = []
        for a, b in judged:
            pieces += (start, packed[a:b], end)
        laid = np.concatenate(pieces)
        logits = self._logits(laid >> WORD_BITS, laid & _WORD_MASK, [b - a + 4 for a, b in judged])
        out = []
        for (a, b), scores in zip(judged, logits):
            k = int(scores.argmax())
            if scores[k] >= limit:  # rare: only then are verbs out of reach looked for
                sentence = tokens[a:b]
                lowers = [doc.lower[t.start : t.end] for t in sentence]
                scores = judged_scores(scores, sentence, lowers)
                k = int(scores.argmax())
            if scores[k] >= limit:
                first, last = a + max(0, k - 1), a + min(b - a - 1, k + 1)
                probability = 1.0 / (1.0 + math.exp(-float(scores[k])))
                out.append(Disfluency(tokens[first].start, tokens[last].end, probability))
        return out

    @property
    def _symbols(self) -> TokenMemo[int]:
        """Token -> its class id and word id packed in one int (``class << WORD_BITS | word``)."""
        memo = self.__dict__.get("_symbols_memo")
        if memo is None:
            cid, wid = self.index.class_ids.get, self.index.word_ids.get

            def symbols(tok: Token) -> int:
                low = lower_same_length(tok.text)
                cls = token_class(tok, low, self.closed)
                return cid(cls, 0) << WORD_BITS | wid(low if low in self.vocabulary else cls, 0)

            memo = TokenMemo(symbols)
            object.__setattr__(self, "_symbols_memo", memo)
        return memo

    @property
    def _padding(self) -> tuple[np.ndarray, np.ndarray]:
        """Packed symbols of the two boundary marks before and after a sentence."""
        cid, wid = self.index.class_ids.get, self.index.word_ids.get
        start, end = (
            np.full(2, cid(m, 0) << WORD_BITS | wid(m, 0), dtype=np.int64) for m, _ in (_BOUNDARY, _END)
        )
        return start, end


@dataclass(frozen=True)
class _WeightIndex:
    """The weights under integer keys (a template's n-gram of symbol ids, packed into 56 bits) in an
    :class:`IntTable`: a lookup of every key of an article is a few vectorised probes (binary search
    over the sorted keys cost about a tenth of scoring)."""

    class_ids: dict[str, int]
    word_ids: dict[str, int]
    table: IntTable
    values: np.ndarray  # the weight of each row of the table, then 0.0 (row -1: no weight)

    @classmethod
    def build(cls, weights: dict[str, float]) -> _WeightIndex:
        """Ids for every symbol the weights use (0 = a symbol no weight knows), then one key each."""
        templates = {
            name: (t, order, uses_words) for t, (name, order, uses_words, _) in enumerate(_TEMPLATES)
        }
        class_ids: dict[str, int] = {}
        word_ids: dict[str, int] = {}
        keys, values = [], []
        for feature, weight in weights.items():
            name, _, gram = feature.partition("=")
            if name not in templates:
                continue
            t, order, uses_words = templates[name]
            ids, bits = (word_ids, WORD_BITS) if uses_words else (class_ids, CLASS_BITS)
            code = t
            for symbol in gram.split("|"):
                code = (code << bits) | ids.setdefault(symbol, len(ids) + 1)
            keys.append(code << (CODE_BITS - bits * order))
            values.append(weight)
        if len(class_ids) >= 1 << CLASS_BITS or len(word_ids) >= 1 << WORD_BITS:
            raise ValueError("fluency weights use more symbols than their codes can hold")
        table = IntTable.build(np.asarray(keys, dtype=np.int64))
        return cls(class_ids, word_ids, table, np.asarray([*values, 0.0], dtype=np.float64))

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The weight of each key (0.0 for keys without one)."""
        return self.values[self.table.find(keys)]


def shipped_weights() -> dict | None:
    """The shipped classifier's data as trained (None when the data file is missing)."""
    try:
        raw = resources.files(DATA_PACKAGE).joinpath(MODEL_FILE).read_bytes()
    except FileNotFoundError:
        return None
    return json.loads(gzip.decompress(raw))


@cache
def fluency_model() -> FluencyModel | None:
    """The shipped classifier (None when the data file is missing, e.g. before the first training)."""
    data = shipped_weights()
    return FluencyModel.from_dict(data) if data is not None else None


def find_disfluencies(doc: Document) -> list[Disfluency]:
    """Disfluent stretches of ``doc`` by the shipped model (none without the model file)."""
    model = fluency_model()
    return model.disfluencies(doc) if model is not None else []
