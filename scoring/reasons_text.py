"""How each feature's measured value is put into words for a reader, and which evidence shows it.

Labels and evidence kinds come from the feature's declaration (:class:`~credibly.features.spec.FeatureSpec`);
this module only holds the sentence each feature is rendered with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from credibly.features.evidence import Evidence
from credibly.models.runtime.specs import model_specs

Render = Callable[[float, Sequence[Evidence]], str]


def _quoted(spans: Sequence[Evidence], noun: str, limit: int = 1) -> str:
    """ "'municipalitis' and 4 other misspellings" from evidence spans."""
    if not spans:
        return f"no {noun}s"
    shown = ", ".join(f"'{s.text}'" for s in spans[:limit])
    rest = len(spans) - limit
    return f"{shown} and {rest} other {noun}{'s' if rest != 1 else ''}" if rest > 0 else f"{shown} ({noun})"


@dataclass(frozen=True)
class Description:
    """A feature's reader-facing label, the evidence kinds that illustrate it, and its sentence."""

    label: str
    kinds: tuple[str, ...] = ()
    render: Render | None = None

    def measured(self, value: float, spans: Sequence[Evidence]) -> str:
        """One sentence stating what was measured (no judgement)."""
        if self.render is not None:
            return self.render(value, spans)
        return f"{self.label}: {value:.2f}"


def _spans_sentence(noun: str) -> Render:
    return lambda value, spans: _quoted(spans, noun) if spans else f"no {noun}s found"


def _name_variant(value: float, spans: Sequence[Evidence]) -> str:
    if not spans:
        return f"{value:.0f} name(s) spelled two ways"
    s = spans[0]
    other = f" ({s.note})" if s.note else ""
    more = f" and {int(value) - 1} more" if value > 1 else ""
    return f"name spelled two ways: '{s.text}'{other}{more}"


def _share(label: str) -> Render:
    return lambda value, spans: f"{label}: {100 * value:.0f}%"


def _rate(label: str, per: str) -> Render:
    return lambda value, spans: f"{label}: {value:.2f} {per}".rstrip()


def _with_examples(render: Render, noun: str) -> Render:
    """Append the first evidence span(s) to a measured sentence, e.g. "…: 'clearly', 'definitely'"."""

    def wrapped(value: float, spans: Sequence[Evidence]) -> str:
        base = render(value, spans)
        return f"{base} ({_quoted(spans, noun)})" if spans else base

    return wrapped


RENDERERS: dict[str, Render] = {
    "attribution.attributed_sentence_share": _share("sentences attributed to a source"),
    "attribution.cues_per_sentence": _rate("reporting cues", "per sentence"),
    "attribution.named_source_share": _share("cited sources that are named"),
    "attribution.anonymous_source_share": _share("cited sources that are anonymous or vague"),
    "attribution.distinct_named_sources": lambda v, s: f"{v:.0f} distinct named sources",
    "attribution.quote_char_share": _share("text inside quotation marks"),
    "attribution.unattributed_factual_count": lambda v, s: (
        f"{v:.0f} factual-looking sentences name no source"
    ),
    "attribution.unattributed_factual_share": _share("factual-looking sentences with no source"),
    "attribution.links_per_100_words": _rate("in-article links", "per 100 words"),
    "hedging.hedges_per_sentence": _with_examples(_rate("hedges", "per sentence"), "hedge"),
    "hedging.modal_hedges_per_sentence": _rate("'may'/'could' hedges", "per sentence"),
    "hedging.weasels_per_sentence": _with_examples(_rate("weasel phrases", "per sentence"), "weasel phrase"),
    "hedging.boosters_per_sentence": _with_examples(_rate("boosters", "per sentence"), "booster"),
    "hedging.hedged_sentence_share": _share("sentences with a hedge or weasel phrase"),
    "hedging.hedge_booster_balance": lambda v, s: (
        f"hedge/booster balance {v:+.2f} (+1 all hedges, -1 all boosters)"
    ),
    "hedging.quoted_hedge_share": _share("hedges that sit inside quotations"),
    "consistency.name_variants": _name_variant,
    "consistency.quantity_conflicts": _spans_sentence("conflicting quantity"),
    "consistency.date_conflicts": _spans_sentence("clashing date"),
    "consistency.headline_terms": lambda v, s: f"{v:.0f} key terms in the headline",
    "consistency.headline_unsupported_terms": _spans_sentence("headline term missing from the body"),
    "consistency.headline_unsupported_share": _with_examples(
        _share("headline key terms the body never mentions"), "term"
    ),
    "consistency.inconsistencies": lambda v, s: (
        f"{v:.0f} internal inconsistencies" + (f": {_quoted(s, 'inconsistency')}" if s else "")
    ),
    "style.misspelling_rate": lambda v, s: (
        f"{_quoted(s, 'misspelling')} ({v:.2f} per 100 words)" if s else "no misspellings"
    ),
    "style.fused_word_count": _spans_sentence("fused word"),
    "style.boilerplate_share": _with_examples(_share("text that is page boilerplate"), "boilerplate line"),
    "style.boilerplate_line_share": _share("lines that are page boilerplate"),
    "style.clickbait_score": lambda v, s: (
        f"clickbait headline score {v:.2f}" + (f" ({_quoted(s, 'trait', limit=2)})" if s else "")
    ),
    "style.caps_rate": _with_examples(_rate("all-caps words", "per 100 words"), "all-caps word"),
    "style.exclamation_rate": _rate("exclamation marks", "per sentence"),
    "style.first_person_rate": _rate("first-person pronouns", "per 100 words"),
    "style.second_person_rate": _rate("'you'/'your'", "per 100 words"),
    "style.mean_sentence_length": _rate("mean sentence length", "words"),
    "style.sentence_length_std": _rate("sentence length spread (SD)", "words"),
    "style.type_token_ratio": _rate("lexical diversity (type/token)", ""),
    "style.flesch_reading_ease": _rate("Flesch reading ease", ""),
    "style.fk_grade": _rate("Flesch-Kincaid grade", ""),
    "text.wording": lambda v, s: (
        f"wording score {v:+.2f} (text term over word pairs)"
        + (f"; strongest phrases {_quoted(s, 'phrase', limit=3)}" if s else "")
    ),
}


def describe(feature: str) -> Description:
    """The description of ``family.feature``: label and evidence kinds from its declaration; a neutral
    one built from the name for a feature this version does not declare (e.g. in old results)."""
    spec = next((s for s in model_specs() if s.key == feature), None)
    if spec is None:
        return Description(feature.partition(".")[2].replace("_", " "))
    return Description(spec.label, spec.evidence, RENDERERS.get(feature))
