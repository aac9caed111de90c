"""Tests for the consistency signal: names, quantities, dates, headline support, robustness."""

from __future__ import annotations

import math

import pytest

from credibly.features import consistency
from credibly.features.consistency import numbers
from credibly.features.document import parse

BODY = (
    "Armenian officials met Eduard Hovhannisyan in Yerevan. Hovhannisyan said the talks went well. "
    "Later, Hovhanisyan added that more meetings would follow."
)


def _evidence(text: str, kind: str | None = None, **kw: object) -> list:
    res = consistency.extract(parse(text, **kw))
    return [e for e in res.evidence if kind is None or e.kind == kind]


def _assert_valid(text: str, title: str, res: consistency.SignalResult) -> None:
    assert set(res.features) == set(consistency.FEATURE_NAMES)
    assert all(isinstance(v, float) and math.isfinite(v) for v in res.features.values())
    for e in res.evidence:
        source = title if e.field == "title" else text
        assert 0 <= e.start < e.end <= len(source) and source[e.start : e.end] == e.text


def test_dropped_doubled_letter_flags_the_deviant_mention() -> None:
    ev = _evidence(BODY, "name_variant")
    start = BODY.index("Hovhanisyan")
    assert [(e.start, e.end, e.text) for e in ev] == [(start, start + 11, "Hovhanisyan")]
    assert "Hovhannisyan" in ev[0].note


def test_transposed_letters_and_possessive_span() -> None:
    text = "Senator Michael Rutherford spoke. Rutherford voted no. Later Ruthreford's aide resigned."
    ev = _evidence(text, "name_variant")
    start = text.index("Ruthreford")
    assert [(e.start, e.end) for e in ev] == [(start, start + len("Ruthreford"))]


def test_fused_name() -> None:
    text = "President Ilham Aliyev arrived. Aides to Ilham Aliyev spoke. Later IlhamAliyev left Baku."
    ev = _evidence(text, "name_variant")
    start = text.index("IlhamAliyev")
    assert [(e.start, e.end) for e in ev] == [(start, start + 11)]
    assert "Ilham Aliyev" in ev[0].note


@pytest.mark.parametrize(
    "text",
    [
        "Democrats met. The Democrat leader spoke. Democrats agreed with the Democrat plan.",
        "Trump spoke. Trump's plan was clear. Trump’s aides agreed.",
        "Iran and Iraq signed a deal. Iraq said Iran would comply.",
        "Austria and Australia played. Australia won against Austria.",
        "Bill Clinton spoke. The Clintons left. Clinton said the Clintons were tired.",
        "Matthew Perry and Mathew Broderick met. Matthew Perry laughed and Mathew Broderick left.",
        "Russia denied it. Russian officials said Russia was not involved.",
        "Three men came. There was no sign of them after Three days.",
        "Follow @HillaryClinton today. Hillary Clinton spoke in Ohio. See EagleRising.com and Eagle Rising.",
    ],
)
def test_name_negatives(text: str) -> None:
    assert _evidence(text, "name_variant") == []


def test_quantity_conflict_flags_later_value() -> None:
    text = (
        "Police said 29 people were injured in the blast. The mayor visited the scene. "
        "Officials later confirmed that 31 people were injured."
    )
    ev = _evidence(text, "quantity_conflict")
    start = text.index("31")
    assert [(e.start, e.end, e.text) for e in ev] == [(start, start + 2, "31")]
    assert "29" in ev[0].note


def test_appositive_age_conflict() -> None:
    text = "The suspect, Ahmad Rahami, 28, was arrested. Neighbours said Rahami, 82, was quiet."
    ev = _evidence(text, "quantity_conflict")
    assert [e.text for e in ev] == ["82"]


def test_quantity_negatives() -> None:
    text = (
        "Clinton leads 45 percent to 44 percent. In Ohio, Trump has 48 percent support. "
        "Between 20 and 30 people gathered. Five years ago 12 people died; 2016 was calmer."
    )
    assert _evidence(text, "quantity_conflict") == []


def test_weekday_mismatch_with_year() -> None:
    text = "The vote took place on Monday, March 3, 2016, in Paris."
    ev = _evidence(text, "weekday_mismatch")
    start = text.index("Monday")
    assert [(e.start, e.end) for e in ev] == [(start, start + len("Monday, March 3, 2016"))]
    assert "Thursday" in ev[0].note


def test_weekday_without_year_uses_publication_year() -> None:
    text = "The vote took place on Monday, March 3 in Paris."
    assert _evidence(text, "weekday_mismatch", published="2016-03-10")
    assert not _evidence(text, "weekday_mismatch", published="2014-03-10")  # 3 March 2014 was a Monday
    assert not _evidence(text, "weekday_mismatch")  # undecidable without a year


def test_relative_date_conflict() -> None:
    text = "Yesterday (Tuesday) the council met."
    ev = _evidence(text, "relative_date_conflict", published="2016-09-23")  # a Friday
    assert [e.text for e in ev] == ["Yesterday (Tuesday"]
    assert not _evidence(text, "relative_date_conflict", published="2016-09-21")  # a Wednesday


def test_headline_unsupported_title_offsets() -> None:
    title = "Lewandowski Slams Hovhannisyan Over 45 Deaths"
    res = consistency.extract(parse(BODY, title=title))
    ev = [e for e in res.evidence if e.kind == "headline_unsupported"]
    assert [(e.field, e.start, e.end, e.text) for e in ev] == [
        ("title", 0, 11, "Lewandowski"),
        ("title", title.index("45"), title.index("45") + 2, "45"),
    ]
    assert res.features["headline_unsupported_terms"] == 2.0
    assert res.features["headline_unsupported_share"] == pytest.approx(2 / 3)


def test_headline_negatives() -> None:
    body = (
        "Russia's Democrats and the FBI met Mr. Hovhannisyan; six-year-old girls watched. Americans cheered."
    )
    title = "Russian Democratic Leaders, FBI and Mr Hovhannisyan's 6 Girls: American Didn't Cheer"
    assert _evidence(body, "headline_unsupported", title=title) == []


@pytest.mark.parametrize(
    "text,title",
    [
        ("", ""),
        ("x", "Y"),
        ("\x00\x00", "\x00"),
        ("Ωμέγα Ωμέγα Ωμεγα.", "日本"),
        ("Monday, Feb 30, 2016.", "99"),
        ("Yesterday, March 45 it happened.", ""),
        ("İstanbul İstanbul Istanbul " * 3, "İ"),
    ],
)
def test_odd_input_never_raises(text: str, title: str) -> None:
    res = consistency.extract(parse(text, title=title, published="2016-03-01"))
    _assert_valid(text, title, res)


def test_empty_document_features_zero() -> None:
    res = consistency.extract(parse(""))
    assert res.features == dict.fromkeys(consistency.FEATURE_NAMES, 0.0)
    assert res.evidence == []


def test_large_document_spans_valid() -> None:
    text = (BODY + " 29 people were injured. ") * 2000 + "Later 31 people were injured."
    res = consistency.extract(parse(text, title="Hovhannisyan"))
    _assert_valid(text, "Hovhannisyan", res)
    assert res.features["inconsistencies"] == float(len(res.evidence))


@pytest.mark.shared
def test_perturbation_eval_small(shared_data) -> None:
    from credibly.models.signal_eval import consistency as ev

    articles = ev.load_articles(shared_data, per_corpus=60)
    result = ev.evaluate(articles, ev.build_cases(articles, ev.SEED))
    assert result["recall_overall"] >= 0.75
    assert result["false_alarm_rate_body"] <= 0.10


def test_name_variant_needs_shared_neighbours() -> None:
    same = "Eduard Hovhannisyan spoke in Yerevan. Eduard Hovhanisyan left."
    assert [e.text for e in _evidence(same, "name_variant")] == ["Hovhanisyan"]
    two_people = "Eduard Hovhannisyan spoke in Yerevan. Tigran Hovhanisyan left."
    assert _evidence(two_people, "name_variant") == []


def test_weekday_after_another_weekday_name() -> None:
    text = "On Sunday Monday, March 3, 2016 and Monday, Friday, March 8, 2016 they met."
    ev = _evidence(text, "weekday_mismatch")
    assert [e.text for e in ev] == ["Monday, March 3, 2016", "Friday, March 8, 2016"]


def test_relative_date_conflict_tonight() -> None:
    text = "Officials spoke tonight (Tuesday) in Kyiv."
    assert [e.text for e in _evidence(text, "relative_date_conflict", published="2016-09-23")] == [
        "tonight (Tuesday"
    ]


@pytest.mark.parametrize(
    "body,supported",
    [("Officials met.", False), ("Zelenskyy's aides met.", True), ("Zelenskyyite aides met.", True)],
)
def test_headline_term_supported_by_a_body_word_starting_with_it(body: str, supported: bool) -> None:
    ev = _evidence(body, "headline_unsupported", title="Zelenskyy Meets Aides")
    assert ev == ([] if supported else [e for e in ev if e.text == "Zelenskyy"])
    assert bool(ev) is not supported


def test_a_number_hyphenated_to_a_word_is_a_label_not_a_headline_figure() -> None:
    body = "The coronavirus closed schools in the city on Monday, officials said."
    ev = _evidence(
        body, "headline_unsupported", title="Schools shut over COVID-19 as F-35 order grows by 12 jets"
    )
    assert [e.text for e in ev] == ["12"]


def test_contractions_are_not_name_variants() -> None:
    text = "“It’ll be hard,” Ms. Baird said. “I’ll go anyway.” It’ll rain, and I’ll stay. It’ll pass."
    assert _evidence(text, "name_variant") == []


def test_headline_figure_against_the_body_whatever_the_wording() -> None:
    title = "Airstrikes kill 56 civilians in Idlib"
    body = (
        "At least 63 civilians were killed in airstrikes on Idlib on Tuesday, rescue workers said. "
        "The strikes hit a market. Rescue workers said at least 63 civilians were killed."
    )
    ev = _evidence(body, "quantity_conflict", title=title)
    assert [(e.field, e.text) for e in ev] == [("title", "56")]


@pytest.mark.parametrize(
    "text",
    [
        # different sources give their own tolls
        "The ministry said 12 soldiers were killed on Monday. Activists said 15 soldiers were killed.",
        # an update
        "Fifteen people died in the fire on Sunday. The toll rose to 18 people by Monday evening.",
        "Officials said 15 people died in the crash. Three more people died in hospital overnight.",
        # a part of a whole
        "The strikes killed 126 people, officials said. Among them were 68 children, officials said.",
        # qualifiers that allow both values
        "At least 40 people were injured in the blast, police said. Later 45 people were injured.",
    ],
)
def test_explained_differences_are_not_conflicts(text: str) -> None:
    assert _evidence(text, "quantity_conflict") == []


def test_transliteration_variants_are_reported_apart_from_misspellings() -> None:
    text = "Fighters left Raqqa on Monday, officials in Raqqa said. Residents of Raqa returned later."
    res = consistency.extract(parse(text))
    kinds = {e.kind: e.text for e in res.evidence}
    assert kinds == {"name_transliteration": "Raqa"}
    assert res.features["name_variants_per_1000_words"] == 0.0


def test_handles_and_signature_lines_are_not_name_variants() -> None:
    text = (
        "TRT World reported the strike. The OCHA Syria office said aid was blocked.\n\n"
        "— TRTWorld (@trtworld) October 9, 2019\n\n"
        "Aid groups said supplies were running low, according to @OCHASyria."
    )
    assert _evidence(text, "name_variant") == []


def test_a_common_word_at_a_sentence_start_is_not_a_misspelt_name() -> None:
    text = "Mandy Mitchell, a social worker, said so. Mandy Mitchell added more. Many people agree."
    assert _evidence(text, "name_variant") == []


def _spans(text: str, kind: str, **kw: object) -> list[tuple[str, int, int, str]]:
    return [(e.field, e.start, e.end, e.text) for e in _evidence(text, kind, **kw)]


def test_a_credit_line_shows_the_usual_spelling_but_is_never_reported() -> None:
    line = "\n\n— Jens Stoltenberg (@jensstoltenberg) October 9, 2019\n\nThe alliance met again."
    text = "NATO met in Brussels on Tuesday. Allies praised Stoltenbreg for the plan." + line
    start = text.index("Stoltenbreg")
    assert _spans(text, "name_variant") == [("text", start, start + 11, "Stoltenbreg")]
    # the misspelling is the tweet author's: the article's own two mentions are not reported
    body = "Jens Stoltenberg spoke in Brussels on Tuesday. Allies praised Stoltenberg for the plan."
    assert _evidence(body + line.replace("Jens Stoltenberg", "Jens Stoltenbreg"), "name_variant") == []


def test_a_dictionary_first_name_misspelt_beside_another_surname() -> None:
    text = (
        "Robert Murphy, a professor, answered questions. He was joined by reporter Rboert Herguth "
        "in the newsroom. Herguth asked about testing."
    )
    start = text.index("Rboert")
    assert _spans(text, "name_variant") == [("text", start, start + 6, "Rboert")]


def test_months_are_no_neighbours_that_set_two_people_apart() -> None:
    text = "Eduard Hovhannisyan met officials in Yerevan. By September Hovhanisyan had left the party."
    start = text.index("Hovhanisyan")
    assert _spans(text, "name_variant") == [("text", start, start + 11, "Hovhanisyan")]


def test_two_real_names_one_letter_apart_are_two_names() -> None:
    text = (
        "The beloved doctor Theresa Sievers was found dead. Colleagues called her the Mother Teresa "
        "of the clinic. Sievers had practised for years."
    )
    assert _evidence(text, "name_variant") == []
    typo = "The beloved doctor Theresa Sievers was found dead. Colleagues said Thersa Sievers had practised."
    start = typo.index("Thersa")
    assert _spans(typo, "name_variant") == [("text", start, start + 6, "Thersa")]


def test_a_three_letter_misspelling_of_a_four_letter_name() -> None:
    text = "Researchers at Wake Forest began a study. The Wke Forest team tested 1,000 people."
    start = text.index("Wke")
    assert _spans(text, "name_variant") == [("text", start, start + 3, "Wke")]
    # a real three-letter name is not a misspelling of a four-letter one
    assert (
        _evidence("Ian Bremmer said Iran would respond. Analysts expect Iran to wait.", "name_variant") == []
    )


@pytest.mark.parametrize(
    "text,word",
    [
        (
            "Sheldon Whitehouse criticised the plan. The White House said it would not change it.",
            "Whitehouse",
        ),
        ("Gov. Ron DeSantis spoke on Tuesday. Critics of De Santis said the data was hidden.", "DeSantis"),
    ],
)
def test_one_word_spellings_and_joined_particles_are_variants_not_errors(text: str, word: str) -> None:
    assert _evidence(text, "name_variant") == []
    start = text.index(word)
    assert _spans(text, "name_transliteration") == [("text", start, start + len(word), word)]


def test_a_short_part_of_a_hyphenated_name_is_not_compared() -> None:
    text = (
        "The letter was signed by Reps. Steve Scalise (R-La.), Carlos Curbelo (R-Fla.) and Garret "
        "Graves (R-La.), among others."
    )
    assert _evidence(text, "name_variant") == []
    long_part = "Protests spread in Charlotte-Mecklenburg on Tuesday. Charlotte-Meckenburg police said so."
    start = long_part.index("Charlotte-Meckenburg")
    assert _spans(long_part, "name_variant") == [("text", start, start + 20, "Charlotte-Meckenburg")]


@pytest.mark.parametrize(
    "text",
    [
        # one sentence comparing two values
        "In 2014, the county had a median household income of $44,827, far below the state's median of "
        "$64,792. The county's median household income of $44,827 was the lowest.",
        "He has lost 50 pounds since May. Since last May, he has lost about 50 pounds (52, to be exact, "
        "but it fluctuates a bit).",
        # either end of a range
        "The CNN/ORC poll shows Trump with a 4-point lead over Clinton in Florida. Clinton still has about "
        "a 3-5 point lead over Trump in other key states, the poll shows.",
        # numbers glued to letters: a product name, a link
        "Health workers received 2,900 KN95 masks on Tuesday. The hospital received 95 masks on Friday. "
        "pic.twitter.com/y1YfKg9S8A 8 masks were lost.",
        # a bound written after the number
        "Women aged 65 or older were screened. Most women aged 65 or older had a bone density test. "
        "Researchers analyzed data from 5,035 women aged 67 or older who had the test twice.",
        # one of two mentions not definite: two sets of one kind (trial arms), however alike
        "Ventura County joined the push, among the state's 58 counties ready to reopen. By Friday, 38 "
        "of 57 other counties had applied.",
        # both definite, nothing shared but the counted noun
        "Ventura County joined the push, among the state's 58 counties ready to reopen. Lawmakers in "
        "all 57 counties voted.",
        # randomised arms of near-equal size share their condition, not their figure
        "The study enrolled 120 patients with diabetes in the first arm. It was large. A second arm had "
        "130 patients with diabetes.",
    ],
)
def test_figures_that_are_no_second_value(text: str) -> None:
    assert _evidence(text, "quantity_conflict") == []


@pytest.mark.parametrize(
    "text,deviant",
    [
        # "prosecutors" holds "rose" but is no update of the figure
        (
            "Bumble Bee Foods and 2 employees were charged by prosecutors on Monday. The 3 employees were "
            "charged with violating safety rules.",
            "3 employees",
        ),
        # digits swapped: a misprint whatever the wording around it
        (
            "The allegation is that 62 million Americans are employed by the Kremlin. However, the "
            "revelation that 26 million Americans are taking orders directly is new.",
            "26 million",
        ),
        # one source giving the figure twice
        (
            "The companies said 22 countries have been given access to the tool. Officials welcomed the "
            "move. The companies said that 26 countries on five continents have received it.",
            "26 countries",
        ),
        # a number with "including" after it is the whole, not a part
        (
            "The study enrolled 31 controls, including 16 with Alzheimer's disease. The test correctly "
            "excluded all 13 controls, the authors said.",
            "13 controls",
        ),
        # two increments of one figure ("another 500", "477 more") are one increment restated
        (
            "The Pentagon is weighing another 500 troops for Iraq. Officials said the additional 500 troops "
            "would train local forces. Critics said 477 more troops would not change the outcome.",
            "477 more",
        ),
        # words of a study's size tie two figures together
        (
            "Researchers recruited 298 people with type 2 diabetes. Of the 357 people recruited to take "
            "part, half received standard care.",
            "357 people",
        ),
        # "to" and "from" before a lone number are prepositions, not the link of a range
        (
            "The Inspector General found the agency granted citizenship to 858 individuals. The report "
            "said the agency granted citizenship to 858 individuals ordered deported. Officials said the "
            "agency granted citizenship to 958 individuals by mistake.",
            "958 individuals",
        ),
        # many values of one counted thing, but one is the usual figure with its digits swapped
        (
            "The trial had 18 patients. Of those, 11 patients had relief, 6 patients had less pain and 5 "
            "patients had none. Side effects were seen in none of the 18 patients. Later the 81 patients "
            "underwent weekly sessions.",
            "81 patients",
        ),
        # two definite mentions sharing one word refer to one set
        (
            "Ventura County joined the push, among the state's 58 counties ready to reopen. By Friday, "
            "38 of the state's 57 counties had applied.",
            "57 counties",
        ),
        # a count after "in" that is no power of ten is no rate's base
        (
            "Lime, with roughly 120,000 scooters in 30 countries, is cutting jobs. Lime, with roughly "
            "120,000 scooters in 30 countries, said more. Lime, with roughly 120,000 scooters in 31 "
            "countries, paused.",
            "31 countries",
        ),
        # a part-of-whole word before a definite number names the whole again, here misstated
        (
            "Among the 11 women who took the placebo, one improved within days. Side effects were "
            "reported by 5 of the 13 women who took the placebo.",
            "13 women",
        ),
    ],
)
def test_restated_figures_whatever_the_wording(text: str, deviant: str) -> None:
    start = text.index(deviant)
    end = start + len(deviant.split()[0])
    assert _spans(text, "quantity_conflict") == [("text", start, end, text[start:end])]


def test_a_part_before_a_number_is_no_whole_when_no_determiner_follows() -> None:
    text = (
        "Police said 29 people were injured in the blast. Police said 29 people were injured. Among "
        "them 26 people were in hospital, police said."
    )
    assert _evidence(text, "quantity_conflict") == []
    whole = text.replace("Among them 26", "Among the 26")
    start = whole.index("26")
    assert _spans(whole, "quantity_conflict") == [("text", start, start + 2, "26")]


def test_a_headline_condenses_the_body_source() -> None:
    title = "Aleppo Airstrikes Kill 13 Members of Same Family, Observer Group Says"
    body = (
        "Airstrikes killed 12 members of the same family in Aleppo, the Syrian Observatory said today. "
        "The victims included children."
    )
    start = title.index("13")
    assert _spans(body, "quantity_conflict", title=title) == [("title", start, start + 2, "13")]
    same = title.replace("13", "12")
    assert _evidence(body, "quantity_conflict", title=same) == []


@pytest.mark.parametrize(
    "text",
    [
        # a number naming one of a kind, not a count
        "The phase 3 trial enrolled 500 patients. Results of the phase 3 trial are due in May. An earlier "
        "phase 2 trial was small.",
        # an estimate written after the counted word
        "The plant had 100 workers before the outbreak. All 100 workers were tested. Now only 25 of its "
        "105 workers or so still come in every day.",
        # "from" and "to" linking two numbers, and a rate's base ("for every 10,000 women")
        "The trial enrolled 40 patients. All 40 patients were adults. Doses went from 30 to 45 patients "
        "a week, from 10 to 20 patients a day.",
        "For every 10,000 women in their 50s, estrogen prevented 12 heart attacks. For every 10,000 women "
        "in their 70s, it caused 16. The trial followed 10,739 women.",
        # a verb of change right before the figure
        "Police said 29 people were injured in the blast. Police said 29 people were injured. The number "
        "of injured rose to 31 people by Monday.",
        # ... or down
        "Police said 29 people were in hospital. Police said 29 people were in hospital on Monday. "
        "Admissions declined, leaving 24 people in hospital on Tuesday.",
        # the base of a rate, right after a number or, as a power of ten, after its counted word
        "It found 5 cancers in 1,000 women screened. Cancers were found in 8 of 1,100 women screened.",
        "It found 5 cancers in 1,000 women screened for cancer. Of the 1,100 women screened for cancer, few "
        "had it.",
    ],
)
def test_labels_estimates_rates_and_changes_are_no_second_value(text: str) -> None:
    assert _evidence(text, "quantity_conflict") == []


def test_a_verb_of_change_elsewhere_in_the_sentence_explains_nothing() -> None:
    text = (
        "The study included 30 patients with muscle spasticity. Researchers said 30 patients took part. "
        "The study included 27 patients with muscle spasticity that increased with age."
    )
    start = text.index("27")
    assert _spans(text, "quantity_conflict") == [("text", start, start + 2, "27")]


def test_every_deviant_value_of_one_quantity_is_reported() -> None:
    text = (
        "Police said 29 people were injured in the blast. Police said 29 people were injured. Police said "
        "31 people were injured in the market. Police said 26 people were injured there."
    )
    first, second = text.index("31"), text.index("26")
    assert _spans(text, "quantity_conflict") == [
        ("text", first, first + 2, "31"),
        ("text", second, second + 2, "26"),
    ]


@pytest.mark.parametrize(
    "text,stated",
    [
        # a day after an abbreviated month ("Oct. 21.") and times of day are no counts
        ("Voting opens on Oct. 21. Some 12 voters came early. Polls close at 7 p.m. in the east.", ["12"]),
        # numbers inside a citation or a product code
        ("See doi:10.1001/jama.2016.11032 for the 40 patients.", ["40"]),
        ("Code date 081518242 is affected. The recall covers 3 pints sold in Texas.", ["3"]),
    ],
)
def test_dates_times_and_codes_are_no_stated_figures(text: str, stated: list[str]) -> None:
    assert [m.text for m in numbers.collect_mentions(parse(text))] == stated


def test_a_capitalised_modifier_is_not_what_a_number_counts() -> None:
    title = "New cases rise in 18 US states"
    body = "New cases were reported in 20 states this week, officials said. Hospitals were full."
    start = title.index("18")
    assert _spans(body, "quantity_conflict", title=title) == [("title", start, start + 2, "18")]
