"""Who each reporting cue cites: a named speaker, an anonymous one ("a senior official"), a vague one
("reports", "some people"), or a pronoun that refers back to a named speaker."""

from __future__ import annotations

from operator import attrgetter

from credibly.features.attribution.cues import ReportingCue
from credibly.features.attribution.index import DocIndex, Speaker, name_start, points_ahead
from credibly.features.document import PUNCT, WORD, NameChain
from credibly.features.words import PREPOSITIONS

# Pronouns resolved to the last named speaker ("he said"); "I" and "we" are usually the writer or
# their outlet, not someone the article names.
_RESOLVED_PRONOUNS = frozenset({"he", "she", "they"})


_INVERSION_MARKS = frozenset({",", '"', "”", "’", "'", "—", "–"})

_TOK_END = attrgetter("tok_end")

_MAX_SOURCE_GAP = 10  # tokens between a source and its cue
# A cue that cites reports in general ("The mayor reportedly knew"): with no source found for it, it
# names nobody, like "it is reported".
_SOURCELESS_CUES = frozenset({"reportedly"})
_MAX_VAGUE_PHRASE = 4  # tokens of a vague source phrase before the cue inside it ("it has been said")


def _named(chain: NameChain, index: DocIndex) -> Speaker:
    """A named :class:`Speaker` for a name chain, keyed by its last word ("Trump" for "Donald Trump")."""
    first = name_start(index.doc, chain)
    start = index.doc.tokens[first].start
    return Speaker(start, chain.end, first, chain.tok_end, "named", chain.text.split()[-1].lower())


def _speaker_after(cue: ReportingCue, index: DocIndex, sent_end_tok: int) -> Speaker | None:
    """The source right after an inverted or 'according to' cue ("..., said Jane Doe")."""
    limit = min(sent_end_tok, cue.tok_end + 4)
    anon = next(iter(index.anonymous_between(cue.tok_end, limit)), None)
    name = next(iter(index.names_between(cue.tok_end, limit)), None)
    if name and (anon is None or name.tok_start <= anon.tok_end + 2):
        return _named(name, index)
    return anon


def _speaker_before(cue: ReportingCue, index: DocIndex, sent_start_tok: int) -> Speaker | None:
    """The nearest name or vague source before the cue in its sentence ("Officials said")."""
    at = cue.tok_start
    floor = max(sent_start_tok, at - _MAX_SOURCE_GAP)
    tokens = index.doc.tokens
    names = [
        n
        for n in index.names_between(floor, at)
        if n.tok_end <= at and not (n.tok_start > 0 and tokens[n.tok_start - 1].text.lower() in PREPOSITIONS)
    ]
    anon = [a for a in index.anonymous_between(floor, at) if a.tok_end <= at]
    if not names and not anon:
        return None
    # The last of the candidates ending furthest right (max over the reversed list keeps the last tie).
    candidates: list[NameChain | Speaker] = [*names, *anon]
    best = max(reversed(candidates), key=_TOK_END)
    if isinstance(best, Speaker):
        follower = next((n for n in names if best.tok_end <= n.tok_start <= best.tok_end + 1), None)
        return best if follower is None else _named(follower, index)
    return _named(best, index)


def _pronoun_speaker(
    cue: ReportingCue, index: DocIndex, sent_start_tok: int, named_seen: bool
) -> Speaker | None:
    """A pronoun subject ("he said"), counted as named when a named source was cited earlier."""
    if not named_seen:
        return None
    doc = index.doc
    j = index.skip_back(cue.tok_start, sent_start_tok)
    if j < sent_start_tok or doc.tokens[j].text.lower() not in _RESOLVED_PRONOUNS:
        return None
    tok = doc.tokens[j]
    return Speaker(tok.start, tok.end, j, j + 1, "named", "")


def _find_speaker(cue: ReportingCue, index: DocIndex, named_seen: bool) -> Speaker | None:
    """Who the cue cites, looking after inverted/'according to' cues and before the others."""
    doc = index.doc
    s = doc.sentences[doc.sentence_index(cue.start)]
    pronoun = _pronoun_speaker(cue, index, s.tok_start, named_seen)
    if pronoun:
        return pronoun
    prev = doc.tokens[cue.tok_start - 1] if cue.tok_start > s.tok_start else None
    inverted = prev is None or (prev.kind == PUNCT and prev.text in _INVERSION_MARKS)
    if (
        cue.category == "according"
        or points_ahead(doc, cue.start, cue.end)
        or (inverted and cue.category != "colon")
    ):
        return _speaker_after(cue, index, s.tok_end)
    return _speaker_before(cue, index, s.tok_start)


def _enclosing_vague(cue: ReportingCue, index: DocIndex) -> Speaker | None:
    """The vague source phrase the cue itself lies in ("it is said", "growing calls"): nobody in
    particular, so the cue earns no sourcing credit."""
    for speaker in index.anonymous_between(max(0, cue.tok_start - _MAX_VAGUE_PHRASE), cue.tok_start + 1):
        if speaker.kind == "vague" and speaker.start <= cue.start < speaker.end:
            return speaker
    return None


def link_speakers(cues: list[ReportingCue], index: DocIndex) -> list[tuple[ReportingCue, Speaker | None]]:
    """Pair every cue with its source (or None), resolving pronouns against earlier names."""
    named_seen = False
    pairs = []
    for cue in cues:
        source = _find_speaker(cue, index, named_seen)
        vague = _enclosing_vague(cue, index)
        # A cue inside a vague phrase is that phrase's: with nothing else, or when the name found is a
        # word of the phrase itself ("Growing" of "Growing calls" at a sentence start is no name). A
        # pronoun (no key) keeps the speaker it refers back to ("..., they say").
        if vague is not None and (source is None or (source.key and vague.start <= source.start < vague.end)):
            source = vague
        elif source is None and index.doc.lower[cue.start : cue.end] in _SOURCELESS_CUES:
            source = index.source(cue.start, cue.end, "vague", "")
        named_seen = named_seen or (source is not None and source.kind == "named")
        pairs.append((cue, source))
    return pairs


# "In a new Quinnipiac poll, 52 percent ...": a finding introduced by "in" + a poll, survey, study or
# report is attributed to that document; "in" is the cue (PolNeAR's convention) and the noun phrase up
# to the comma closing the introductory phrase is the source. Interviews, statements and speeches are
# left out: there the speaker follows ("In an interview, Durbin said") and "said" carries the cue.
_FINDING_NOUNS = frozenset(
    "poll polls survey surveys study studies report analysis audit census forecast forecasts projections "
    "estimate estimates tally ranking rankings".split()
)
_PHRASE_JOINERS = frozenset({"/", "-", "'s", "’s", "&"})
_MAX_TO_NOUN = 8  # tokens from "in" to the document noun
_MAX_TO_COMMA = 12  # tokens from the noun to the comma closing the phrase


def _finding_noun(tokens: list, lower: str, i: int, end: int) -> int:
    """Index of the document noun heading the phrase after "in" at token ``i`` (-1 when there is none)."""
    for j in range(i + 1, min(end, i + 1 + _MAX_TO_NOUN)):
        _, start, stop, kind = tokens[j]
        low = lower[start:stop]
        if kind == PUNCT and low not in _PHRASE_JOINERS:
            return -1
        if low in _FINDING_NOUNS and j > i + 1:
            return j
        if kind == WORD and low in PREPOSITIONS:
            return -1
    return -1


def _in_offsets(doc_lower: str, sentence_starts: list[int]) -> list[int]:
    """Offsets of every "in " opening a sentence or following ", " (found by ``str.find``, no token loop)."""
    out = [at for at in sentence_starts if doc_lower.startswith("in ", at)]
    at = doc_lower.find(", in ")
    while at >= 0:
        out.append(at + 2)
        at = doc_lower.find(", in ", at + 5)
    return sorted(out)


def document_pairs(index: DocIndex) -> list[tuple[ReportingCue, Speaker | None]]:
    """A cue ("In") and its source for every introductory "in <poll/survey/study/report> ...," phrase at
    a sentence start or after a comma."""
    doc = index.doc
    tokens, lower = doc.tokens, doc.lower
    pairs: list[tuple[ReportingCue, Speaker | None]] = []
    for at in _in_offsets(lower, [s.start for s in doc.sentences]):
        if doc.quotes and doc.in_quote(at):
            continue
        i = index.tok_at(at)
        s = doc.sentences[doc.sentence_index(at)]
        noun = _finding_noun(tokens, lower, i, s.tok_end)
        if noun < 0:
            continue
        stop = min(s.tok_end, noun + 1 + _MAX_TO_COMMA)
        comma = next((k for k in range(noun + 1, stop) if tokens[k].text == ","), -1)
        if comma < 0:
            continue
        cue = ReportingCue(tokens[i].start, tokens[i].end, i, i + 1, "document", 1.0)
        names = index.names_between(i + 1, comma)
        kind, key = ("named", names[0].text.split()[-1].lower()) if names else ("anonymous", "")
        pairs.append((cue, Speaker(tokens[i + 1].start, tokens[comma - 1].end, i + 1, comma, kind, key)))
    return pairs
