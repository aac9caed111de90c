"""Build the list of two-word names news writes spaced, so that a camel-case fusion of one is caught.

Run ``python -m credibly.models.training.name_phrases [--data DIR]``. Reads the SemEval-2019
hyperpartisan, FakeNewsNet and Horne 2017 articles: corpora the spelling evaluation does not read,
so its fused-name recall is measured on articles the list was not built from. Every pair of
adjacent capitalised words inside a name chain ("North Korea", "Tim Kaine"; both alphabetic, three
letters or more, title case; not a chain's first word at a sentence start, which may be any word)
is counted once per article; pairs found in at least ``MIN_ARTICLES`` articles are kept. Writes
``features/data/name_phrases.txt``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from credibly.features.document import parse
from credibly.models.training import data_file_cli

OUT_FILE = "name_phrases.txt"
# A pair in this many articles is a name the press writes spaced, not one page's typo or heading.
MIN_ARTICLES = 3
_MIN_PART = 3

_HEADER = f"""\
# Two-word names news writes spaced ("North Korea", "Tim Kaine"), one per line, lower case: a
# camel-case token that joins one ("NorthKorea") is a fused name (features/style/spelling.py).
# Built by credibly.models.training.name_phrases from the SemEval-2019 hyperpartisan, FakeNewsNet
# and Horne 2017 articles: adjacent capitalised words inside a name chain, found in at least
# {MIN_ARTICLES} articles. Which names occur, no text of the articles.
"""


def _is_part(word: str) -> bool:
    return len(word) >= _MIN_PART and word.isalpha() and word.istitle()


def article_pairs(text: str) -> set[str]:
    """The distinct pairs of adjacent capitalised words inside the name chains of ``text``."""
    doc = parse(text)
    pairs = set()
    for chain in doc.name_chains:
        words = [t.text for t in doc.tokens[chain.tok_start : chain.tok_end]]
        for k in range(1 if chain.sentence_initial else 0, len(words) - 1):
            if _is_part(words[k]) and _is_part(words[k + 1]):
                pairs.add(f"{words[k]} {words[k + 1]}".lower())
    return pairs


def name_phrases(texts: Iterable[str], min_articles: int = MIN_ARTICLES) -> list[str]:
    """Pairs found in at least ``min_articles`` of ``texts``, sorted."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(article_pairs(text or ""))
    return sorted(pair for pair, n in counts.items() if n >= min_articles)


def corpus_texts(data: Path) -> list[str]:
    """Article bodies of the three corpora the list is built from."""
    from credibly.models.datasets import load_fakenewsnet, load_hyperpartisan
    from credibly.models.datasets.horne2017 import load_horne2017

    frames = (load_hyperpartisan(data, include_proxy=True), load_fakenewsnet(data), load_horne2017(data))
    return [text for frame in frames for text in frame["text"] if isinstance(text, str)]


def main(argv: list[str] | None = None) -> int:
    args = data_file_cli.parse_args(__doc__, OUT_FILE, argv)
    if not data_file_cli.corpora_found(args.data, "hyperpartisan_2019"):
        return 0
    texts = corpus_texts(args.data)
    phrases = name_phrases(texts)
    args.out.write_text(_HEADER + "".join(f"{p}\n" for p in phrases), encoding="utf-8")
    print(f"wrote {args.out}: {len(phrases)} names from {len(texts)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
