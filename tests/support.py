"""Paths, reference walks and process checks shared by the tests (``tests/`` is on ``sys.path``
through the pytest configuration)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from credibly.features.document import Document
from credibly.features.pipeline import extract_signals, flatten
from credibly.features.wording import masked_sentences
from credibly.models.runtime.additive import AdditiveScorer
from credibly.models.runtime.text_term import TEXT_FEATURE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "scoring" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def model_features(model: AdditiveScorer, doc: Document) -> dict[str, float]:
    """What the scorer hands ``model`` for ``doc``: the four families' values and, when the model has
    one, its text term's logit."""
    features = flatten(extract_signals(doc))
    if model.text_term is not None:
        features[TEXT_FEATURE], _ = model.text_term.evaluate(doc)
    return features


def masked_ngram_spans(doc: Document) -> Iterator[tuple[str, int, int]]:
    """``(gram, start, end)`` of every masked n-gram in text order, by the plain walk over sentences,
    positions and n: the reference for the text term's evidence spans."""
    for forms in masked_sentences(doc):
        for i in range(len(forms)):
            for n in range(1, 4):
                if i + n <= len(forms):
                    yield " ".join(f for f, _, _ in forms[i : i + n]), forms[i][1], forms[i + n - 1][2]


def process_gone(pid: int, within: float = 0.0) -> bool:
    """True when process ``pid`` has ended (no longer listed, or a zombie awaiting its parent), waiting
    up to ``within`` seconds for it to."""
    deadline = time.monotonic() + within
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
