"""Misspelling and fused-word detection: exact offsets and name/URL/compound negatives."""

from __future__ import annotations

from credibly.features import consistency
from credibly.features.document import parse
from credibly.features.style.spelling import find_spelling, is_known, split_fused


def _flags(text: str) -> list[tuple[str, int, int, str]]:
    doc = parse(text)
    return [(f.kind, f.start, f.end, text[f.start : f.end]) for f in find_spelling(doc)[0]]


def test_misspelling_exact_offsets() -> None:
    text = "Officials did not recieve the report until Monday."
    assert _flags(text) == [("misspelling", 18, 25, "recieve")]


def test_lowercase_fused_words() -> None:
    text = "He spoke to thepresident andthe cabinet yesterday."
    assert _flags(text) == [("fused_word", 12, 24, "thepresident"), ("fused_word", 25, 31, "andthe")]
    assert split_fused("andthe") == ("and", "the")


def test_camelcase_fusion_needs_separate_parts() -> None:
    text = "President Ilham Aliyev arrived. Later IlhamAliyev spoke."
    assert _flags(text) == [("fused_word", 38, 49, "IlhamAliyev")]


def test_brands_are_not_fusions() -> None:
    text = "You can watch it on YouTube with an iPhone. McDonald and PowerPoint and LinkedIn. You Tube."
    assert [f for f in _flags(text) if f[3] != "YouTube"] == []
    assert _flags("She posted on YouTube, and you know it.") == []


def test_names_urls_numbers_handles_are_not_flagged() -> None:
    text = (
        "Mr. Hovhannisyan met Zelenskyy at 10am. See https://exampel.com/recieve or www.foo.org, "
        "#blessd and @jonnyb, email jdoe@exmaple.com. The goverment tokens: 3rd, 2016, x7y."
    )
    kinds = _flags(text)
    assert [f[3] for f in kinds] == ["goverment"]


def test_an_unknown_term_is_not_a_slip_but_a_slip_of_a_rarer_word_is() -> None:
    # Drug names and coinages no word list knows, and inflections of words English uses, are terms;
    # one edit from a word English uses (past its first letter) is a slip of that word.
    text = (
        "Patients took teriparatide or cladribine, and rideshares gamifies the commute. "
        "The damage was irreperable, the ministry said."
    )
    findings = find_spelling(parse(text))[0]
    assert [(text[f.start : f.end], f.note) for f in findings] == [
        ("irreperable", "'irreperable' looks like a misspelling of 'irreparable'")
    ]


def test_lowercase_word_capitalised_elsewhere_is_a_name() -> None:
    assert _flags("Aliyev spoke. Later aliyev left.") == []


def test_inflections_compounds_and_british_spelling() -> None:
    for w in [
        "stopped",
        "making",
        "cities",
        "well-known",
        "state-of-the-art",
        "colour",
        "organisation",
        "retweeted",
    ]:
        assert is_known(w), w
    assert not is_known("recieve")


def test_non_english_text_is_skipped() -> None:
    text = (
        "Die Regierung hat heute beschlossen, dass die neuen Regeln noch einmal geprüft werden sollen. " * 3
    )
    assert _flags(text) == []


def test_prefixed_suffixed_and_hyphenated_words_are_known() -> None:
    for w in [
        "unhappy",
        "overpriced",
        "counterattack",
        "colours",
        "anti-war",
        "self-made",
        "replayed",
        "happiness",
    ]:
        assert is_known(w), w


def test_camelcase_and_lowercase_names_in_one_text() -> None:
    text = "Ilham Aliyev and Hovhannisyan met. Later IlhamAliyev and hovhannisyan spoke to thepresident."
    assert _flags(text) == [("fused_word", 41, 52, "IlhamAliyev"), ("fused_word", 79, 91, "thepresident")]


def test_fused_words_and_a_misspelling_in_one_text() -> None:
    doc = parse("He spoke to thepresident. Later IlhamAliyev and Ilham Aliyev did not recieve it.")
    assert [f.kind for f in find_spelling(doc)[0]] == ["fused_word", "fused_word", "misspelling"]


def test_fused_names_need_no_spaced_form_when_both_parts_are_names() -> None:
    text = "The talks between IlhamAliyev and NikolPashinyan failed, officials said."
    assert _flags(text) == [
        ("fused_word", 18, 29, "IlhamAliyev"),
        ("fused_word", 34, 48, "NikolPashinyan"),
    ]


def test_a_fused_two_word_name_the_press_writes_spaced() -> None:
    # both parts are dictionary words and neither is written apart here: the name list knows them
    text = "Officials said NorthKorea fired a missile, and TimKaine said the UnitedStates would respond."
    found = find_spelling(parse(text))[0]
    assert [(text[f.start : f.end], f.kind, f.note) for f in found] == [
        ("NorthKorea", "fused_word", "reads as 'North Korea' written without a space"),
        ("TimKaine", "fused_word", "reads as 'Tim Kaine' written without a space"),
        ("UnitedStates", "fused_word", "reads as 'United States' written without a space"),
    ]


def test_product_names_of_ordinary_words_and_known_brands_are_not_fused() -> None:
    text = (
        "NewsGuard rated the site. The EpiCheck test and NeuroVision device were shown on YouTube and "
        "WhatsApp. BlackRock and PreCheck were named."
    )
    assert _flags(text) == []


def test_a_fused_name_whose_part_the_article_uses_as_a_name() -> None:
    """ "Clinton" is also an English word list entry; written apart and only capitalised, it is a name."""
    text = "Clinton spoke in Ohio on Monday. Later HillaryClinton told the crowd that Clinton would win."
    assert _flags(text) == [("fused_word", 39, 53, "HillaryClinton")]


def test_a_part_the_article_also_writes_in_lower_case_is_a_word_not_a_name() -> None:
    text = "Fox News said the news was old. The NewsGuard rating of the site did not change."
    assert _flags(text) == []


def test_a_capitalised_slip_of_a_word_the_article_capitalises() -> None:
    # "Preident" (a dropped consonant) and "Cinton" are no typo-like slip of some dictionary word, but
    # the article writes "President" and "Clinton" itself
    text = "The President met Clinton on Monday. Later the Preident told Cinton aides the talks failed."
    found = find_spelling(parse(text))[0]
    assert [(text[f.start : f.end], f.note) for f in found] == [
        ("Preident", "'Preident' looks like a misspelling of 'President', which the article also uses"),
        ("Cinton", "'Cinton' looks like a misspelling of 'Clinton', which the article also uses"),
    ]
    # without the article's own capitalised word, the same slip of a name is not called one
    assert _flags("Later the Preident told Cinton aides the talks failed.") == []


def test_a_letter_replaced_in_a_name_the_article_uses() -> None:
    # consistency's name variants look for dropped, doubled and swapped letters, not replaced ones
    text = "The span was worn, said Maria Okafor, the engineer. Later Okafur said traffic would be limited."
    found = find_spelling(parse(text))[0]
    assert [(text[f.start : f.end], f.note) for f in found] == [
        ("Okafur", "'Okafur' looks like a misspelling of 'Okafor', which the article also uses")
    ]
    assert [e for e in consistency.extract(parse(text)).evidence if e.kind == "name_variant"] == []


def test_a_plural_or_a_rare_name_beside_the_article_word_is_no_slip() -> None:
    assert _flags("Sheldon Adelson gave money. The Adelsons also met Trump.") == []
    # "Struyk" is one edit from "struck", but the article never capitalises "struck"
    assert _flags("A storm struck Ohio. Ryan Struyk of CNN reported it.") == []


def test_capitalised_typos_of_common_words_and_names() -> None:
    text = "Ploice said the Presidnet met the Turksih envoy. Later Erdgoan spoke in Philidelphia."
    assert [(f[3], f[0]) for f in _flags(text)] == [
        ("Ploice", "misspelling"),
        ("Presidnet", "misspelling"),
        ("Turksih", "misspelling"),
        ("Erdgoan", "misspelling"),
        ("Philidelphia", "misspelling"),
    ]
    assert "misspelling of 'Police'" in find_spelling(parse(text))[0][0].note


def test_real_names_one_edit_from_a_word_are_not_typos() -> None:
    # Names from real mainstream articles, each one edit from a common word ("struck", "these").
    text = "Jenna Struyk and Michael Thase said Brentley Surbey will testify. Struyk agreed."
    assert _flags(text) == []


def test_rare_real_words_and_compounds_are_known_but_common_misspellings_are_not() -> None:
    text = "The landlock state tested remdesivir and coronavirus-related statins; ketamine's effect."
    assert _flags(text) == []
    flags = _flags("He said he would recieve it and seperate them, as definately happens on Friday.")
    assert [f[3] for f in flags] == ["recieve", "seperate", "definately"]


def test_credit_and_signature_lines_are_not_spellchecked() -> None:
    text = (
        "Officials said the drone was destroyed.\n"
        "pic.twitter.com/AbCdEf — OCHASyria (@OCHASyria) October 2, 2020\n"
        "Photo: Xinhua/Wangg Yii"
    )
    assert _flags(text) == []


def test_a_word_the_article_repeats_is_a_term_not_a_slip() -> None:
    # Health reporting names its drug or procedure again and again: not a misspelling each time.
    repeated = (
        "Patients on a statin did better. The statin group also had fewer strokes with solanezumab, "
        "and solanezumab was safe."
    )
    assert _flags(repeated) == []
    # Used once, the same words are still checked, and a one-off slip is still a slip.
    assert [f[3] for f in _flags("Patients on a statin did better. The goverment paid for it.")] == [
        "statin",
        "goverment",
    ]


def test_a_camel_case_name_the_article_repeats_is_a_brand_even_beside_its_parts() -> None:
    # "Health" is written apart (in "National Institutes of Health"), but "HealthDay" is used as one
    # word each time: the agency's name, not "Health Day" fused.
    text = (
        "HealthDay Reporter\n\nWEDNESDAY, April 5, 2017 (HealthDay News) -- Scientists at the National "
        "Institutes of Health said so."
    )
    assert _flags(text) == []
    # Used once beside its apart part it is still a fusion; two names run together always are.
    assert [f[3] for f in _flags("Hillary Clinton spoke. Later HillaryClinton left.")] == ["HillaryClinton"]
    assert [f[3] for f in _flags("IlhamAliyev spoke. Then IlhamAliyev left.")] == [
        "IlhamAliyev",
        "IlhamAliyev",
    ]


def test_everyday_closed_compounds_are_words_not_fusions() -> None:
    text = "Sign up to get the newsletter delivered to your inbox. New staff get onboarding onsite."
    assert _flags(text) == []
    assert [f[3] for f in _flags("There was alot of noise andthe crowd left.")] == ["alot", "andthe"]


def test_words_written_as_spoken_are_not_fusions_or_slips() -> None:
    text = "“We were goin’ home, talkin' about it,” she said. It was a whole ’nother level, just sayin’."
    assert _flags(text) == []
    # Without the apostrophe that marks the elision, it reads as two words run together.
    assert [f[3] for f in _flags("She was talkin about it.")] == ["talkin"]


def test_a_drop_capital_lost_in_extraction_is_not_a_misspelling() -> None:
    text = "The council met on Monday.\nopulation growth slowed, officials said, and the goverment agreed."
    assert [f[3] for f in _flags(text)] == ["goverment"]
    # Only at a paragraph's start: the same word mid-sentence is a slip.
    assert [f[3] for f in _flags("The city's opulation growth slowed.")] == ["opulation"]


def test_bracketed_alterations_and_url_schemes_are_not_words() -> None:
    text = "“[I]nternational trade is one area,” he wrote to <mailto:press@example.com> on Monday."
    assert _flags(text) == []


def test_the_first_word_of_a_single_quoted_passage_is_still_checked() -> None:
    assert [f[3] for f in _flags("He called it ‘goverment overreach’ on Monday.")] == ["goverment"]
    assert [f[3] for f in _flags("He called it 'goverment overreach' on Monday.")] == ["goverment"]
