"""How each feature is put into words, and which evidence kinds illustrate it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Span = dict[str, Any]


def _quoted(spans: list[Span], noun: str, limit: int = 1) -> str:
    """"'municipalitis' and 4 other misspellings" from evidence spans."""
    if not spans:
        return f"no {noun}s"
    shown = ", ".join(f"'{s['text']}'" for s in spans[:limit])
    rest = len(spans) - limit
    return f"{shown} and {rest} other {noun}{'s' if rest != 1 else ''}" if rest > 0 else f"{shown} ({noun})"


@dataclass(frozen=True)
class Description:
    """A feature's reader-facing label, evidence kinds, and optional custom sentence builder."""

    label: str
    kinds: tuple[str, ...] = ()
    unit: str = ""
    render: Callable[[float, list[Span]], str] | None = None

    def measured(self, value: float, spans: list[Span]) -> str:
        """One sentence stating what was measured (no judgement)."""
        if self.render is not None:
            return self.render(value, spans)
        if self.unit == "%":
            return f"{self.label}: {100 * value:.0f}%"
        return f"{self.label}: {value:.2f}{(' ' + self.unit) if self.unit else ''}"


def _spans_sentence(noun: str) -> Callable[[float, list[Span]], str]:
    return lambda value, spans: _quoted(spans, noun) if spans else f"no {noun}s found"


def _name_variant(value: float, spans: list[Span]) -> str:
    if not spans:
        return f"{value:.0f} name(s) spelled two ways"
    s = spans[0]
    other = f" ({s['note']})" if s.get("note") else ""
    more = f" and {int(value) - 1} more" if value > 1 else ""
    return f"name spelled two ways: '{s['text']}'{other}{more}"


DESCRIPTIONS: dict[str, Description] = {}


def register(feature: str, description: Description) -> None:
    """Add or replace the description of ``family.feature``."""
    DESCRIPTIONS[feature] = description


def describe(feature: str) -> Description:
    """The registered description, or a neutral one built from the feature name."""
    if feature in DESCRIPTIONS:
        return DESCRIPTIONS[feature]
    return Description(feature.partition(".")[2].replace("_", " "))


def _share(label: str) -> Callable[[float, list[Span]], str]:
    return lambda value, spans: f"{label}: {100 * value:.0f}%"


def _rate(label: str, per: str) -> Callable[[float, list[Span]], str]:
    return lambda value, spans: f"{label}: {value:.2f} {per}".rstrip()


def _with_examples(render: Callable[[float, list[Span]], str], noun: str) -> Callable[[float, list[Span]], str]:
    """Append the first evidence span(s) to a measured sentence, e.g. "…: 'clearly', 'definitely'"."""

    def wrapped(value: float, spans: list[Span]) -> str:
        base = render(value, spans)
        return f"{base} ({_quoted(spans, noun)})" if spans else base

    return wrapped


for _feature, _description in {
    "attribution.attributed_sentence_share": Description(
        "attributed sentences", ("cue",), render=_share("sentences attributed to a source")),
    "attribution.cues_per_sentence": Description(
        "reporting cues", ("cue",), render=_rate("reporting cues", "per sentence")),
    "attribution.named_source_share": Description(
        "named sources", ("source",), render=_share("cited sources that are named")),
    "attribution.anonymous_source_share": Description(
        "anonymous sources", ("source",), render=_share("cited sources that are anonymous or vague")),
    "attribution.distinct_named_sources": Description(
        "distinct named sources", ("source",), render=lambda v, s: f"{v:.0f} distinct named sources"),
    "attribution.quote_char_share": Description(
        "quoted text", ("quote",), render=_share("text inside quotation marks")),
    "attribution.unattributed_factual_count": Description(
        "unattributed factual sentences", ("unattributed",),
        render=lambda v, s: f"{v:.0f} factual-looking sentences name no source"),
    "attribution.unattributed_factual_share": Description(
        "unattributed factual sentences", ("unattributed",),
        render=_share("factual-looking sentences with no source")),
    "attribution.links_per_100_words": Description(
        "links", render=_rate("in-article links", "per 100 words")),
    "hedging.hedges_per_sentence": Description(
        "hedges", ("hedge",), render=_with_examples(_rate("hedges", "per sentence"), "hedge")),
    "hedging.modal_hedges_per_sentence": Description(
        "modal hedges", ("modal",), render=_rate("'may'/'could' hedges", "per sentence")),
    "hedging.weasels_per_sentence": Description(
        "weasel phrases", ("weasel",), render=_with_examples(_rate("weasel phrases", "per sentence"), "weasel phrase")),
    "hedging.boosters_per_sentence": Description(
        "boosters", ("booster",), render=_with_examples(_rate("boosters", "per sentence"), "booster")),
    "hedging.hedged_sentence_share": Description(
        "hedged sentences", ("hedge", "weasel"), render=_share("sentences with a hedge or weasel phrase")),
    "hedging.hedge_booster_balance": Description(
        "hedge/booster balance", ("hedge", "booster"),
        render=lambda v, s: f"hedge/booster balance {v:+.2f} (+1 all hedges, -1 all boosters)"),
    "hedging.quoted_hedge_share": Description(
        "hedges inside quotes", ("hedge",), render=_share("hedges that sit inside quotations")),
    "consistency.name_variants": Description("name variants", ("name_variant",), render=_name_variant),
    "consistency.quantity_conflicts": Description(
        "quantity conflicts", ("quantity_conflict",), render=_spans_sentence("conflicting quantity")),
    "consistency.date_conflicts": Description(
        "date conflicts", ("weekday_mismatch", "relative_date_conflict"), render=_spans_sentence("clashing date")),
    "consistency.headline_terms": Description(
        "headline key terms", render=lambda v, s: f"{v:.0f} key terms in the headline"),
    "consistency.headline_unsupported_terms": Description(
        "unsupported headline terms", ("headline_unsupported",),
        render=_spans_sentence("headline term missing from the body")),
    "consistency.headline_unsupported_share": Description(
        "unsupported headline share", ("headline_unsupported",),
        render=_with_examples(_share("headline key terms the body never mentions"), "term")),
    "consistency.inconsistencies": Description(
        "inconsistencies", ("name_variant", "quantity_conflict", "weekday_mismatch", "relative_date_conflict"),
        render=lambda v, s: f"{v:.0f} internal inconsistencies" + (f": {_quoted(s, 'inconsistency')}" if s else "")),
    "style.misspelling_rate": Description(
        "misspellings", ("misspelling",),
        render=lambda v, s: (f"{_quoted(s, 'misspelling')} ({v:.2f} per 100 words)" if s else "no misspellings")),
    "style.fused_word_count": Description("fused words", ("fused_word",), render=_spans_sentence("fused word")),
    "style.boilerplate_share": Description(
        "boilerplate", ("boilerplate",), render=_with_examples(_share("text that is page boilerplate"), "boilerplate line")),
    "style.boilerplate_line_share": Description(
        "boilerplate lines", ("boilerplate",), render=_share("lines that are page boilerplate")),
    "style.clickbait_score": Description(
        "clickbait headline", ("clickbait",),
        render=lambda v, s: f"clickbait headline score {v:.2f}" + (f" ({_quoted(s, 'trait', limit=2)})" if s else "")),
    "style.caps_rate": Description(
        "shouting", ("shouting",), render=_with_examples(_rate("all-caps words", "per 100 words"), "all-caps word")),
    "style.exclamation_rate": Description(
        "exclamations", ("exclamation",), render=_rate("exclamation marks", "per sentence")),
    "style.first_person_rate": Description("first person", render=_rate("first-person pronouns", "per 100 words")),
    "style.second_person_rate": Description("second person", render=_rate("'you'/'your'", "per 100 words")),
    "style.mean_sentence_length": Description("sentence length", render=_rate("mean sentence length", "words")),
    "style.sentence_length_std": Description(
        "sentence length spread", render=_rate("sentence length spread (SD)", "words")),
    "style.type_token_ratio": Description("lexical diversity", render=_rate("lexical diversity (type/token)", "")),
    "style.flesch_reading_ease": Description("reading ease", render=_rate("Flesch reading ease", "")),
    "style.fk_grade": Description("grade level", render=_rate("Flesch-Kincaid grade", "")),
    "text.wording": Description(
        "wording", ("ngram",),
        render=lambda v, s: f"wording score {v:+.2f} (text term over word pairs)"
        + (f"; strongest phrases {_quoted(s, 'phrase', limit=3)}" if s else "")),
}.items():
    register(_feature, _description)
