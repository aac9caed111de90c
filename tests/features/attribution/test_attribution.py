"""Behaviour of the attribution extractor: cue and source spans, negatives, features, robustness."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from credibly.features.attribution import FEATURE_NAMES, SIGNAL, extract
from credibly.features.attribution.cues import cue_model, find_candidates
from credibly.features.attribution.index import DocIndex
from credibly.features.document import parse


def _spans(text: str, kind: str) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.text, e.note) for e in extract(parse(text)).evidence if e.kind == kind]


def test_according_to_with_named_source_after_title() -> None:
    text = "The hall hosted 40 events, according to spokesman Todd Mesek."
    assert [s[:3] for s in _spans(text, "cue")] == [(27, 39, "according to")]
    assert _spans(text, "source") == [(50, 60, "Todd Mesek", "named source")]


def test_inverted_said_and_pronoun_resolves_to_named() -> None:
    text = '"We will win," said Jane Doe. She added that the team was ready.'
    assert [s[:3] for s in _spans(text, "cue")] == [(15, 19, "said"), (34, 39, "added")]
    assert _spans(text, "source") == [(20, 28, "Jane Doe", "named source"), (30, 33, "She", "named source")]


def test_anonymous_sources() -> None:
    text = (
        "Officials said the bridge was closed. "
        "A person familiar with the matter told reporters it would reopen."
    )
    assert [s[:3] for s in _spans(text, "cue")] == [(10, 14, "said"), (72, 86, "told reporters")]
    assert _spans(text, "source") == [
        (0, 9, "Officials", "anonymous source"),
        (38, 71, "A person familiar with the matter", "anonymous source"),
    ]
    features = extract(parse(text)).features
    assert features["anonymous_source_share"] == 1.0 and features["named_source_share"] == 0.0


def _colon_probability(text: str) -> float:
    doc = parse(text)
    model = cue_model()
    candidates = find_candidates(doc, DocIndex(doc, model.candidates), model.candidates)
    return max(model.probability(c.features) for c in candidates if doc.tokens[c.tok].text == ":")


def test_speaker_label_colon_is_a_cue_and_a_score_colon_is_not() -> None:
    speaker = _colon_probability("PENCE: We are ready to lead this country, and we will.")
    assert speaker > 3 * _colon_probability("The score: 3 to 1.")
    assert _spans("The score: 3 to 1.", "cue") == []


def test_tricky_negatives() -> None:
    text = "The said property was sold. Everything went according to plan. The claims adjuster arrived."
    assert _spans(text, "cue") == []


def test_cue_inside_quotation_is_ignored() -> None:
    text = 'Smith said: "I think he said no."'
    assert [s[:3] for s in _spans(text, "cue")] == [(6, 11, "said:")]


def test_learned_thinking_verb_cue_is_a_plain_reporting_cue() -> None:
    cues = _spans("Smith believes that the plan will fail.", "cue")
    assert [c[:3] for c in cues] == [(6, 14, "believes")]
    assert cues[0][3] == "reported stance"  # no model internals (probabilities) in a reader's note
    assert _spans("Smith believes that the plan will fail.", "source") == [(0, 5, "Smith", "named source")]


def test_plain_want_is_not_a_cue() -> None:
    assert _spans("I want a sandwich.", "cue") == []


def test_shipped_cue_model_is_a_plain_weight_table() -> None:
    model = cue_model()
    assert 0.0 < model.threshold < 1.0 and "said" in model.candidates
    assert model.probability(["w=said", "subject"]) > model.probability(["w=said", "in_quote"])


def test_trainer_exits_cleanly_without_data(tmp_path: Path) -> None:
    from credibly.models.training.attribution_cues import main

    out = tmp_path / "weights.json"
    assert main(["--data", str(tmp_path), "--out", str(out)]) == 0
    assert not out.exists()


def test_unattributed_factual_claim() -> None:
    text = "Police arrested 12 people on Monday. The mayor said the city is calm."
    result = extract(parse(text))
    assert [(e.start, e.end, e.note) for e in result.evidence if e.kind == "unattributed"] == [
        (0, 36, "factual claim with no source")
    ]
    assert result.features["unattributed_factual_count"] == 1.0
    assert result.features["attributed_sentence_share"] == 0.5


def test_distinct_named_sources_and_links() -> None:
    text = "Donald Trump said no. Trump added more. Hillary Clinton said yes."
    doc = parse(text, links=["https://a.example", "https://b.example"], is_html=True)
    features = extract(doc).features
    assert features["distinct_named_sources"] == 2.0
    assert features["links_per_100_words"] == pytest.approx(100 * 2 / doc.word_count)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "word",
        "\x00\x00said",
        "according to",
        ":",
        '"',
        "Ünïcödé 東京 said: «да»",
        "x " * 20000,
        "said\n" * 500,
    ],
)
def test_odd_input_never_raises_and_features_are_finite(text: str) -> None:
    result = extract(parse(text))
    assert result.signal == SIGNAL
    assert tuple(result.features) == FEATURE_NAMES
    assert all(isinstance(v, float) and math.isfinite(v) for v in result.features.values())


def test_evidence_spans_match_text() -> None:
    text = (
        'Sources say the deal is off. "It is over," Jane Roe, a senior aide, told CNN on Tuesday. '
        "According to a report, 30 people were injured.\nQ: Did you know?\nA: No."
    )
    doc = parse(text)
    for e in extract(doc).evidence:
        assert e.text == doc.text[e.start : e.end]


def _dev_cue_f1(shared_data: Path) -> float:
    from credibly.models.signal_eval.attribution import evaluate, load_split

    return evaluate(load_split(shared_data / "polnear", "dev"))["cue"]["per_annotation"]["f1"]


@pytest.mark.shared
def test_polnear_dev_cue_f1_regression_floor(shared_data: Path) -> None:
    assert _dev_cue_f1(shared_data) >= 0.75


@pytest.mark.shared
@pytest.mark.xfail(
    strict=True, reason="target 0.80 not reached by the learned cue classifier (dev F1 0.7715)"
)
def test_polnear_dev_cue_f1_target(shared_data: Path) -> None:
    assert _dev_cue_f1(shared_data) >= 0.80


def test_matcher_group_hits_equal_each_matchers_own_hits() -> None:
    from credibly.features.lexicon import MatcherGroup, PhraseMatcher

    matchers = [
        PhraseMatcher([("according to", "according"), ("according", "learned"), ("said", "report")]),
        PhraseMatcher([("said", "learned"), ("don't", "neg"), ("co-sponsored", "learned"), (":", "colon")]),
        PhraseMatcher([("sponsored", "x"), ("to say", "y"), ("say", "z")]),
        PhraseMatcher([]),
    ]
    text = "according to him, co-sponsored said: don’t say_ to say so; unsaid 'said' saying:according"
    group = MatcherGroup(matchers)
    for longest in (True, False):
        assert group.findall(text, longest) == [list(m.finditer(text, longest)) for m in matchers]
    assert [p for _, _, p, _ in matchers[0].finditer(text)] == ["according to", "said", "said", "according"]
    assert [p for _, _, p, _ in matchers[1].finditer(text)] == [
        "co-sponsored",
        "said",
        ":",
        "don’t",
        "said",
        ":",
    ]


def test_candidates_are_the_same_with_and_without_a_shared_vocabulary_pass() -> None:

    text = (
        'PENCE: "We will win," said Jane Doe. Officials believe, according to a report, that she added: no.'
    )
    doc = parse(text)
    vocabulary = cue_model().candidates
    shared = find_candidates(doc, DocIndex(doc, vocabulary), vocabulary)
    assert shared and shared == find_candidates(doc, DocIndex(doc), vocabulary)


def test_vague_attributions_are_evidence_but_not_sourcing_credit() -> None:
    text = "Reports say the army shot down two drones. Many people are saying the attack was planned."
    assert [s[2:] for s in _spans(text, "vague_source")] == [
        ("Reports", "vague source: nobody in particular"),
        ("Many people", "vague source: nobody in particular"),
    ]
    features = extract(parse(text)).features
    assert features["vague_source_share"] == 1.0
    assert features["attributed_sentence_share"] == 0.0 and features["cues_per_sentence"] == 0.0


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The study enrolled 821 patients. The researchers said the results were encouraging.",
            "researchers",
        ),
        ("Scientists at Oxford University said the vaccine was safe.", "Scientists"),
        ("Analysts at Goldman Sachs said inflation would ease.", "Analysts"),
        ("These experts said the bridge was sound.", "experts"),
    ],
)
def test_a_group_the_article_makes_specific_is_an_identifiable_source(text: str, source: str) -> None:
    assert _spans(text, "vague_source") == []
    assert [s[2:] for s in _spans(text, "source")] == [(source, "anonymous source")]
    assert extract(parse(text)).features["cues_per_sentence"] > 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Researchers say the results were encouraging.",
        "Experts believe the bridge was unsafe.",
        "The people said the bridge was unsafe.",
    ],
)
def test_a_bare_or_generic_group_stays_vague(text: str) -> None:
    assert len(_spans(text, "vague_source")) == 1 and _spans(text, "source") == []


def test_a_source_of_two_cues_is_one_evidence_span() -> None:
    text = "Residents said they were never warned about the fire."
    spans = _spans(text, "vague_source")
    assert len(spans) == 1 and len(_spans(text, "cue")) == 2


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("It is said that the plant leaked chemicals for years.", "It is said"),
        ("There are growing calls from around the world for a ceasefire.", "growing calls"),
        ("It has been said that the mayor knew.", "It has been said"),
        # at a sentence start the phrase's capitalised first word is no named source
        ("Growing calls from around the world urged a ceasefire.", "Growing calls"),
        ("Mounting calls for an inquiry were heard in the capital.", "Mounting calls"),
        ("Calls are growing for an inquiry into the fire.", "Calls are growing"),
        # an adverb that cites reports in general names nobody either
        ("The mayor reportedly knew about the leak for years.", "reportedly"),
        ("Reportedly, the plant leaked chemicals for years.", "Reportedly"),
    ],
)
def test_a_cue_inside_a_vague_phrase_earns_no_sourcing_credit(text: str, vague: str) -> None:
    cues = _spans(text, "cue")
    assert len(cues) == 1 and cues[0][3].endswith("of a vague source: no sourcing credit")
    assert [s[2] for s in _spans(text, "vague_source")] == [vague]
    features = extract(parse(text)).features
    assert features["cues_per_sentence"] == 0.0 and features["attributed_sentence_share"] == 0.0
    assert features["named_source_share"] == 0.0 and features["distinct_named_sources"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Senator Jane Smith reportedly told aides the plant was safe.",
        "Senator Jane Smith reportedly said the plant was safe.",
        "Senator Jane Smith supposedly said the plant was safe.",
    ],
)
def test_a_named_subject_before_reportedly_stays_the_source(text: str) -> None:
    assert {s[2] for s in _spans(text, "source")} == {"Senator Jane Smith"}
    assert _spans(text, "vague_source") == []


@pytest.mark.parametrize("opener", ["Supposedly", "Meanwhile", "However", "Later", "Separately"])
def test_a_sentence_adverb_opening_a_sentence_is_no_named_source(opener: str) -> None:
    text = f"{opener}, the mayor said he would resign."
    assert _spans(text, "source") == []
    assert extract(parse(text)).features["named_source_share"] == 0.0


def test_a_sentence_opener_before_a_name_is_not_part_of_the_source() -> None:
    text = "Artsrun Hovhannisyan spoke first. Later Artsrun Hovhannisyan said the town had fallen."
    start = text.index("Artsrun", 10)
    assert [s[:3] for s in _spans(text, "source")] == [(start, start + 20, "Artsrun Hovhannisyan")]


def test_a_pronoun_inside_a_vague_phrase_keeps_its_speaker() -> None:
    text = "Senator Jane Smith said the program works. But it has grown too large, they say."
    assert [s[2] for s in _spans(text, "source")] == ["Senator Jane Smith", "they"]
    assert _spans(text, "vague_source") == []


def test_a_cue_with_a_named_source_keeps_its_plain_note() -> None:
    assert [s[2:] for s in _spans("The minister said the plant was safe.", "cue")] == [
        ("said", "reporting verb")
    ]


def test_author_bio_and_comment_form_are_not_sourcing() -> None:
    body = "The minister said the plant was safe."
    furniture = (
        "\nAbout the author: Daniel Morris is a freelance journalist who has been writing about world "
        "politics for over ten years.\n"
        "Leave a Reply\nYour email address will not be published. Required fields are marked *"
    )
    plain, padded = extract(parse(body)), extract(parse(body + furniture))
    cue_texts = [e.text for e in padded.evidence if e.kind == "cue"]
    assert cue_texts == ["said"]
    assert not [e for e in padded.evidence if e.kind == "source" and e.text in ("Daniel Morris", "Your")]
    assert plain.features["distinct_named_sources"] == padded.features["distinct_named_sources"]


@pytest.mark.parametrize(
    "text,cue,source",
    [
        (
            "The video was shared by the Ministry of Defense on Twitter late on Friday.",
            "shared by",
            "Ministry of Defense",
        ),
        (
            "In a tweet from Hikmet Hajiyev sharing that the city was hit, aides added more.",
            "In a tweet from",
            "Hikmet Hajiyev",
        ),
    ],
)
def test_social_media_and_document_idioms_cite_their_source(text: str, cue: str, source: str) -> None:
    assert [s[2] for s in _spans(text, "cue")][:1] == [cue]
    assert [s[2:] for s in _spans(text, "source")][:1] == [(source, "named source")]


def test_a_preposition_before_a_name_is_no_idiom() -> None:
    assert _spans("Apples from Chile arrived in the port on Monday.", "cue") == []


def test_credit_and_signature_lines_name_their_source() -> None:
    text = (
        "Azerbaijan said it destroyed the launchers.\n"
        "Photo: Reuters/Jane Doe\n"
        "Drone strike footage pic.twitter.com/AbC — Ministry of Defence (@wwwmodgovaz) October 2, 2020"
    )
    assert [s[2] for s in _spans(text, "cue")] == ["said", "Photo:", "@wwwmodgovaz"]
    assert [s[2] for s in _spans(text, "source")] == ["Azerbaijan", "Reuters/Jane Doe", "Ministry of Defence"]


_POST = "Armenian forces shelled Ganja on Sunday, killing 12 civilians. pic.twitter.com/AbC123"
_SIGNATURE = "— Hikmet Hajiyev (@HikmetHajiyev) October 4, 2020"


def test_a_signature_line_attributes_the_embedded_post_above_it() -> None:
    text = f"Ganja was hit again overnight.\n\n{_POST}\n\n{_SIGNATURE}\n\nThe ministry said more."
    res = extract(parse(text))
    assert [e.text for e in res.evidence if e.kind == "unattributed"] == []
    assert res.features["unattributed_factual_share"] == 0.0


def test_a_signature_ending_a_line_of_prose_attributes_only_that_line() -> None:
    text = f"{_POST}\n\nOfficials met on Monday to discuss aid. {_SIGNATURE}\n\nThe ministry said more."
    res = extract(parse(text))
    assert [e.text for e in res.evidence if e.kind == "unattributed"] == [_POST]


def test_first_person_is_the_writer_not_a_named_source() -> None:
    text = "Jane Doe spoke first. We said the plan would fail."
    assert _spans(text, "source") == [] or all(s[2] != "We" for s in _spans(text, "source"))


def test_hedges_and_event_words_are_not_reporting_cues() -> None:
    text = "The footage seems to show a fire. The rocket was launched officially and it also appears new."
    assert _spans(text, "cue") == []


def test_introductory_poll_phrase_cites_the_poll() -> None:
    text = "In a September Washington Post-ABC News poll, 75 percent of Republicans said politicians lie."
    assert next(s[:3] for s in _spans(text, "cue")) == (0, 2, "In")
    assert _spans(text, "source") == [(3, 44, "a September Washington Post-ABC News poll", "named source")]
    text = "Trump had 40 percent, in a Washington Post-ABC News poll released Sunday, his worst showing."
    assert (22, 24, "in") in [s[:3] for s in _spans(text, "cue")]
    assert (25, 72, "a Washington Post-ABC News poll released Sunday", "named source") in _spans(
        text, "source"
    )
    text = "In the new survey, most voters backed the plan."
    assert next(s[:3] for s in _spans(text, "cue")) == (0, 2, "In")
    assert _spans(text, "source") == [(3, 17, "the new survey", "anonymous source")]


def test_in_phrases_that_are_not_a_findings_source() -> None:
    # The interviewee, not the interview, is the source; "in the wake of" is no document; "leads in
    # the polls" is not introductory; a phrase never closed by a comma is not read as one.
    assert [s[2] for s in _spans("In an interview, Durbin said he was ready.", "cue")] == ["said"]
    assert _spans("In the wake of the poll, Trump fled.", "cue") == []
    assert [s[2] for s in _spans("Trump leads in the polls, aides said.", "cue")] == ["said"]
    assert _spans("In a poll taken last week most voters sided with him.", "source") == []


def test_words_inside_a_quotation_are_never_cues() -> None:
    text = '"I think we will win and I want it," she said.'
    assert [s[:3] for s in _spans(text, "cue")] == [(41, 45, "said")]
    doc = parse(text)
    vocabulary = cue_model().candidates
    assert {"think", "want"} <= vocabulary
    assert [doc.tokens[c.tok].text for c in find_candidates(doc, DocIndex(doc, vocabulary), vocabulary)] == [
        "said"
    ]
