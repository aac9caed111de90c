"""The shared parse: sentences, tokens, quotes and name chains with exact offsets."""

from __future__ import annotations

from credibly.features.document import PUNCT, WORD, parse, parse_date

TEXT = (
    'Mr. Smith said on Monday that the U.S. economy grew 3.5% in 2016. "It is a win," he told reporters.\n'
    "Ilham Aliyev, the president of Azerbaijan, met officials in Baku. Some say it failed!"
)


def test_sentences_respect_abbreviations_and_paragraphs():
    doc = parse(TEXT)
    sentences = [doc.sentence_text(i) for i in range(len(doc.sentences))]
    assert sentences == [
        "Mr. Smith said on Monday that the U.S. economy grew 3.5% in 2016.",
        '"It is a win," he told reporters.',
        "Ilham Aliyev, the president of Azerbaijan, met officials in Baku.",
        "Some say it failed!",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1, 1]


def test_tokens_carry_offsets_and_kinds():
    doc = parse(TEXT)
    for tok in doc.tokens:
        assert doc.text[tok.start : tok.end] == tok.text
    by_text = {t.text: t for t in doc.tokens}
    assert by_text["3.5%"].kind == "num"
    assert by_text["U.S."].kind == WORD
    assert by_text["!"].kind == PUNCT


def test_quotes_and_in_quote():
    doc = parse(TEXT)
    assert [doc.text[a:b] for a, b in doc.quotes] == ['"It is a win,"']
    assert doc.in_quote(TEXT.index("win"))
    assert not doc.in_quote(TEXT.index("reporters"))


def test_unclosed_quote_runs_to_paragraph_end():
    doc = parse('He said: "we will return\nNext paragraph.')
    assert [doc.text[a:b] for a, b in doc.quotes] == ['"we will return']


def test_name_chains_join_capitalised_runs():
    doc = parse(TEXT)
    chains = {c.text: c for c in doc.name_chains}
    assert "Ilham Aliyev" in chains
    chain = chains["Ilham Aliyev"]
    assert doc.text[chain.start : chain.end] == "Ilham Aliyev"
    assert chain.sentence_initial
    assert not chains["Azerbaijan"].sentence_initial
    assert [c.text for c in parse("the Bank of England said").name_chains] == ["Bank of England"]
    assert [c.text for c in parse("in Paris of all places").name_chains] == ["Paris"]


def test_lower_keeps_length_for_special_casing():
    text = "İstanbul ŞEHİR said"
    doc = parse(text)
    assert len(doc.lower) == len(text)
    assert doc.lower.endswith("said")


def test_sentence_index_lookup():
    doc = parse(TEXT)
    assert doc.sentence_index(0) == 0
    assert doc.sentence_index(TEXT.index("Baku")) == 2


def test_empty_and_whitespace_documents():
    for text in ("", "   \n\n  ", "\x00"):
        doc = parse(text)
        assert doc.word_count == 0


def test_parse_date_formats():
    assert str(parse_date("2016-09-19")) == "2016-09-19"
    assert str(parse_date("2016-09-19T10:00:00Z")) == "2016-09-19"
    assert parse_date("not a date") is None
    assert parse_date(None) is None


def test_lower_same_length_maps_every_typographic_variant_to_its_plain_form():
    from credibly.features.document import lower_same_length

    text = (
        "“Quoted” ‘single’ „low‟ «angle» 2″ 5′ a–b c—d e―f g‒h −3 x‐y z‑w a\u00a0b\u2007c\u2009d\u202fe wait…"
    )
    low = lower_same_length(text)
    assert len(low) == len(text)
    assert low == '"quoted" \'single\' "low" "angle" 2" 5\' a-b c-d e-f g-h -3 x-y z-w a b c d e wait.'
    # "İ" lower-cases to two characters, so it is kept as it is and offsets stay valid.
    assert lower_same_length("İstanbul’s") == "İstanbul's"
