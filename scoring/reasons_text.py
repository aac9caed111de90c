"""How each feature is put into words for a reader, and which evidence shows the way it pushed.

Every sentence states what was found in plain words ("3 misspelled words", "40% of the sentences say
who the information comes from"), never model internals (logits, rates per 100 words, ratios). The
evidence a reason cites is chosen by the way it pushed the score: a sourcing reason that raises it
cites the attributions; the same reason lowering it cites the sentences that name no source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from credibly.models.runtime.specs import spec_for

# What the score is, shown wherever readers see a score.
STATEMENT = (
    "The score rates how an article is written and sourced (attribution, hedging, internal "
    "consistency, style), not whether its claims are true."
)


@dataclass(frozen=True)
class Found:
    """What a reason can say about one feature in one article."""

    value: float
    raises: bool  # the way the feature pushed the score
    count: int  # evidence spans showing it in the article
    words: int
    examples: tuple[str, ...]  # texts of the cited spans

    @property
    def pct(self) -> str:
        return f"{100 * self.value:.0f}%"

    def e_g(self, limit: int = 2) -> str:
        """ " (e.g. 'said', 'according to')" from the cited spans, or ""."""
        shown = [f"'{_short(t)}'" for t in dict.fromkeys(self.examples)][:limit]
        return f" (e.g. {', '.join(shown)})" if shown else ""


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _n(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


Phrase = Callable[[Found], str]

PHRASES: dict[str, Phrase] = {
    "attribution.attributed_sentence_share": lambda f: (
        f"{f.pct} of the sentences say who the information comes from"
    ),
    "attribution.cues_per_sentence": lambda f: f"{_n(f.count, 'attribution')} to a source{f.e_g()}",
    "attribution.named_source_share": lambda f: (
        f"{f.pct} of the cited sources are named people or organisations{f.e_g()}"
    ),
    "attribution.anonymous_source_share": lambda f: f"{f.pct} of the cited sources are unnamed{f.e_g()}",
    "attribution.vague_source_share": lambda f: (
        f"{f.pct} of the cited sources are nobody in particular{f.e_g()}"
    ),
    "attribution.quote_char_share": lambda f: f"{f.pct} of the text is direct quotation",
    "attribution.unattributed_factual_share": lambda f: (
        f"{f.pct} of the factual-looking sentences give no source{f.e_g(1)}"
    ),
    "attribution.dated_sentence_share": lambda f: (
        f"{f.pct} of the sentences say which day the events happened{f.e_g()}"
    ),
    "attribution.links_per_100_words": lambda f: f"{_n(f.count, 'link')} in the article text",
    "hedging.hedges_per_sentence": lambda f: f"{_n(f.count, 'expression')} of doubt{f.e_g()}",
    "hedging.generalisations_per_sentence": lambda f: f"{_n(f.count, 'generalising word')}{f.e_g()}",
    "hedging.modal_hedges_per_sentence": lambda f: f"{_n(f.count, 'weak modal')}{f.e_g()}",
    "hedging.weasels_per_sentence": lambda f: (
        f"{_n(f.count, 'vague attribution or quantity', 'vague attributions or quantities')}{f.e_g()}"
    ),
    "hedging.peacocks_per_sentence": lambda f: (
        f"{_n(f.count, 'word')} of praise or importance without evidence{f.e_g()}"
    ),
    "hedging.boosters_per_sentence": lambda f: f"{_n(f.count, 'assertion')} of certainty{f.e_g()}",
    "hedging.hedged_sentence_share": lambda f: (
        f"{f.pct} of the sentences hedge, generalise or use vague wording{f.e_g()}"
    ),
    "hedging.hedge_booster_balance": lambda f: (
        "more expressions of doubt than of certainty"
        if f.value > 0
        else "more expressions of certainty than of doubt"
    ),
    "hedging.quoted_hedge_share": lambda f: (
        f"{f.pct} of the doubtful wording is inside quotations (someone else's)"
    ),
    "consistency.name_variants_per_1000_words": lambda f: f"{_n(f.count, 'name')} spelled two ways{f.e_g()}",
    "consistency.quantity_conflicts_per_1000_words": lambda f: (
        f"{_n(f.count, 'figure')} given with two different values{f.e_g()}"
    ),
    "consistency.date_conflicts_per_1000_words": lambda f: (
        f"{_n(f.count, 'date')} clashing with the weekday or the publication date{f.e_g(1)}"
    ),
    "consistency.headline_unsupported_share": lambda f: (
        f"{f.pct} of the headline's names and numbers never appear in the article{f.e_g()}"
    ),
    "style.misspelling_rate": lambda f: f"{_n(f.count, 'misspelled word')}{f.e_g()}",
    "style.fused_words_per_1000_words": lambda f: (
        f"{_n(f.count, 'word or name', 'words or names')} run together{f.e_g()}"
    ),
    "style.disfluent_sentence_share": lambda f: f"{_n(f.count, 'ungrammatical clause')}{f.e_g()}",
    "style.boilerplate_share": lambda f: f"page boilerplate left in the text{f.e_g()}",
    "style.boilerplate_line_share": lambda f: f"page boilerplate left in the text{f.e_g()}",
    "style.clickbait_score": lambda f: f"the headline uses clickbait devices{f.e_g()}",
    "style.caps_rate": lambda f: f"{_n(f.count, 'word')} in capitals for emphasis{f.e_g()}",
    "style.exclamation_rate": lambda f: f"{_n(f.count, 'exclamation')}{f.e_g(1)}",
    "style.first_person_rate": lambda f: (
        "the writer speaks in the first person ('I', 'we') outside quotations"
    ),
    "style.second_person_rate": lambda f: "the article addresses the reader as 'you'",
    "style.mean_sentence_length": lambda f: f"sentences average {f.value:.0f} words",
    "style.sentence_length_std": lambda f: f"sentence lengths vary by about {f.value:.0f} words",
    "style.type_token_ratio": lambda f: "the range of words used",
    "style.flesch_reading_ease": lambda f: (
        f"reading ease {f.value:.0f} on the Flesch scale (higher is easier)"
    ),
    "style.fk_grade": lambda f: f"reads at US school grade {f.value:.0f}",
    "text.wording": lambda f: (
        f"phrasing (function words, punctuation, reporting frames) closer to "
        f"{'reliable' if f.raises else 'unreliable'} articles than a typical article's{f.e_g(3)}"
    ),
}

# Evidence that shows a feature pushing the other way from its declared direction: a sourcing
# feature that lowers the score is shown by the sentences with no source.
CONTRARY_EVIDENCE: dict[str, tuple[str, ...]] = {
    "attribution.attributed_sentence_share": ("unattributed",),
    "attribution.cues_per_sentence": ("unattributed",),
    "attribution.named_source_share": ("source", "vague_source"),
}


def label(feature: str) -> str:
    """A feature's short reader-facing label (from its declaration; derived from the name for a
    feature this version does not declare, e.g. in old results)."""
    try:
        return spec_for(feature).label
    except KeyError:
        return feature.partition(".")[2].replace("_", " ")


def phrase(feature: str, found: Found) -> str:
    """The plain-language sentence for ``feature`` (a neutral one for undeclared features)."""
    render = PHRASES.get(feature)
    if render is not None:
        return render(found)
    return f"{feature.partition('.')[2].replace('_', ' ')}: {found.value:.2f}"


# Evidence of a kind shared by several features, told apart by its note.
EVIDENCE_NOTES: dict[str, str] = {
    "attribution.named_source_share": "named source",
    "attribution.anonymous_source_share": "anonymous source",
}


# Sourcing features: a cue whose source is nobody in particular does not show them.
SOURCING_CREDIT = frozenset({"attribution.cues_per_sentence", "attribution.attributed_sentence_share"})


def evidence_kinds(feature: str, raises: bool) -> tuple[str, ...]:
    """Evidence kinds that show ``feature`` raising (``raises``) or lowering the score."""
    spec = spec_for(feature)
    declared = spec.direction
    if declared is None or (declared > 0) == raises:
        return spec.evidence
    return CONTRARY_EVIDENCE.get(feature, ())


def percentile_phrase(feature: str, percentile: float | None, raises: bool) -> str:
    """ "more than in 95% of reliable articles" when the value is unusual for reliable reporting."""
    if percentile is None or percentile != percentile:
        return ""
    spec = spec_for(feature)
    if spec.direction is None:
        return ""
    # Above what most reliable articles have, for a feature whose higher values raise the score
    # when raises is True (and lowers when False): say how unusual, in the direction shown.
    higher = (spec.direction > 0) == raises
    share = percentile if higher else 100.0 - percentile
    if share < 60:
        return ""
    return f"{'more' if higher else 'less'} than in {min(share, 99.0):.0f}% of reliable articles"
