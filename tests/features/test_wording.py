"""Topic-masked n-grams: only function words, frames, shapes and marks; spans on the text."""

from __future__ import annotations

from support import masked_ngram_spans

from credibly.features.document import parse
from credibly.features.wording import KEPT_WORDS, masked_ngrams, masked_sentences

# Everything a masked token can be: a kept word, a word shape, a number/URL mark or punctuation.
SHAPES = {"C", "A", "G", "D", "L", "S", "W", "N", "U", "P"} | set(",.;:!?()\"'-")


def test_content_words_become_shapes_and_frames_stay():
    doc = parse("Senator Warren said the Pentagon's budget grew by 12 percent, according to officials.")
    forms = [f for f, _, _ in next(masked_sentences(doc))]
    assert "said" in forms and "according" in forms and "the" in forms
    assert not {"senator", "warren", "pentagon", "budget", "percent", "officials"} & set(forms)
    assert "C" in forms and "N" in forms and "S" in forms


def test_every_gram_is_made_of_kept_words_and_shapes_only():
    text = (
        "Trump told CNN on Tuesday that Clinton's emails were a disgrace. "
        "Vaccines are safe, the WHO says; 5G towers do not spread COVID-19!"
    )
    for gram in masked_ngrams(parse(text)):
        for token in gram.split(" "):
            assert token in KEPT_WORDS or token in SHAPES, (gram, token)


def test_typography_is_normalised_before_masking():
    curly = parse("“It works,” she said — and it did…")
    straight = parse('"It works," she said - and it did...')
    assert masked_ngrams(curly) == masked_ngrams(straight)


def test_grams_stay_inside_a_sentence_and_spans_cover_their_tokens():
    doc = parse("He left. She said no.")
    grams = masked_ngrams(doc)
    assert ". she" not in grams and "she said" in grams
    for gram, start, end in masked_ngram_spans(doc):
        assert 0 <= start < end <= len(doc.text)
        assert len(gram.split(" ")) == len(doc.text[start:end].replace(".", " .").split())
