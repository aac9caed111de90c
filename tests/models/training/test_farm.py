"""Content-farm copies: each degradation step does what it says, seeded and reproducible."""

from __future__ import annotations

import json
import random

from support import EXAMPLES

from credibly.models.training.farm import (
    STEPS,
    add_boilerplate,
    add_typos,
    degrade,
    garble_names,
    strip_attribution,
)

CAREFUL = next(
    r
    for r in map(json.loads, (EXAMPLES / "examples.jsonl").read_text().splitlines())
    if r["id"] == "careful-report"
)


def test_same_seed_same_copy_and_every_step_edits():
    a = degrade(CAREFUL["title"], CAREFUL["text"], seed=3)
    b = degrade(CAREFUL["title"], CAREFUL["text"], seed=3)
    assert a == b and a.text != CAREFUL["text"]
    assert set(a.edits) == set(STEPS) and all(a.edits[s] > 0 for s in ("names", "boilerplate"))


def test_typos_are_non_words_of_the_same_length_or_one_letter_apart():
    text, count = add_typos(
        "officials announced yesterday that construction continues", random.Random(1), rate=1.0
    )
    assert count >= 3
    for old, new in zip("officials announced yesterday that construction continues".split(), text.split()):
        assert abs(len(old) - len(new)) <= 1


def test_names_are_fused_and_a_later_mention_misspelled():
    text = "The plan, said Director Maria Delgado, works. Delgado told the council. Delgado left."
    out, edits = garble_names(text, random.Random(0))
    assert "MariaDelgado" in out and edits == 2 and out.count("Delgado") == 2


def test_named_attributions_are_removed_or_made_vague():
    text = "The bridge will close, the transport ministry said. According to the mayor, it is safe."
    out, count = strip_attribution(text, random.Random(0), vague=1.0)
    assert count == 2 and "ministry" not in out and "mayor" not in out and "reports say" in out


def test_boilerplate_is_appended():
    out, _ = add_boilerplate("Body.", random.Random(0))
    assert out.startswith("Body.") and "About the author" in out and "Leave a Reply" in out
