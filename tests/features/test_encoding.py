"""Mojibake is repaired before measuring; clean text is untouched."""

from __future__ import annotations

from credibly.features.article import prepare
from credibly.features.encoding import repair_mojibake


def test_double_decoded_utf8_is_repaired() -> None:
    fixed, changed = repair_mojibake("Hereâ€™s the cafÃ© price: Â£5")
    assert changed and fixed == "Here’s the café price: £5"


def test_clean_text_and_real_accents_are_left_alone() -> None:
    for text in ("Plain text, quotes “like this” — and a café in Zürich.", "Â is a letter"):
        assert repair_mojibake(text) == (text, False)


def test_prepare_repairs_and_says_so() -> None:
    prepared = prepare(text="Clintonâ€™s emails were discussed on Tuesday.")
    assert prepared.doc.text.startswith("Clinton’s") and prepared.repaired
    assert any("mojibake" in w for w in prepared.warnings)
