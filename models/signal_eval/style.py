"""Measure the style signal on ../shared/data and write models/reports/style.json.

Clickbait rule score on the clickbait headline corpus; spelling flags per 1,000 words on edited
mainstream text (BuzzFeed-Webis mainstream outlets, ReCOVery reliable outlets, FakeHealth news) and
recall on injected typos of lower-case words, capitalised words and fused names; boilerplate lines on
hyperpartisan pages versus BuzzFeed-Webis text; extract() timings with and without textstat.
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from sklearn.metrics import f1_score, roc_auc_score

from credibly.features.document import WORD, Document, parse
from credibly.features.style import extract
from credibly.features.style.boilerplate import find_boilerplate
from credibly.features.style.clickbait import find_traits, score
from credibly.features.style.spelling import find_spelling, is_known
from credibly.models.runtime.paths import REPORT_DIR
from credibly.models.signal_eval.cli import report_args

REPORT = REPORT_DIR / "style.json"
MAINSTREAM = ("politico", "cnn", "abc")
SEED = 13
TYPOS_PER_DOC = 5


def _headlines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip()]


def eval_clickbait(data: Path) -> dict:
    """ROC-AUC of the hand-set rule score; F1 at a threshold picked on a seeded dev half."""
    pos = _headlines(data / "clickbait" / "clickbait_data.gz")
    neg = _headlines(data / "clickbait" / "non_clickbait_data.gz")
    items = [(h, 1) for h in pos] + [(h, 0) for h in neg]
    random.Random(SEED).shuffle(items)
    scores = [score(find_traits(h)) for h, _ in items]
    labels = [y for _, y in items]
    half = len(items) // 2
    dev_s, dev_y, test_s, test_y = scores[:half], labels[:half], scores[half:], labels[half:]
    best = max(sorted(set(dev_s)), key=lambda t: f1_score(dev_y, [s >= t for s in dev_s]))
    return {
        "headlines": len(items),
        "roc_auc_all": round(roc_auc_score(labels, scores), 4),
        "roc_auc_test_half": round(roc_auc_score(test_y, test_s), 4),
        "threshold_from_dev_half": round(best, 4),
        "f1_test_half": round(f1_score(test_y, [s >= best for s in test_s]), 4),
    }


def _buzzfeed(data: Path) -> list[tuple[str, str, str]]:
    """(portal, title, mainText) of every BuzzFeed-Webis article with text."""
    out = []
    for path in sorted((data / "buzzfeed_webis_2016" / "articles").glob("*.xml")):
        root = ET.parse(path).getroot()
        text = root.findtext("mainText") or ""
        if text.strip():
            out.append((root.findtext("portal") or "", root.findtext("title") or "", text))
    return out


def _typo(word: str, rng: random.Random) -> str:
    """``word`` with one interior letter dropped, doubled or swapped with its neighbour."""
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("drop", "double", "transpose"))
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _lowercase_targets(doc: Document) -> list[tuple[int, int]]:
    return [
        (t.start, t.end)
        for t in doc.tokens
        if t.kind == WORD
        and len(t.text) >= 5
        and t.text.isascii()
        and t.text.isalpha()
        and t.text.islower()
        and is_known(t.text)
    ]


def _capitalised_targets(doc: Document) -> list[tuple[int, int]]:
    """Capitalised words of five letters or more: names, places and sentence openers."""
    return [
        (t.start, t.end)
        for t in doc.tokens
        if t.kind == WORD and len(t.text) >= 5 and t.text.isascii() and t.text.isalpha() and t.text.istitle()
    ]


def _fusion_targets(doc: Document) -> list[tuple[int, int]]:
    """Two-word name chains ("Ilham Aliyev"), to be written without their space."""
    return [
        (c.start, c.end)
        for c in doc.name_chains
        if c.tok_end - c.tok_start == 2 and all(p.isalpha() and len(p) >= 3 for p in c.text.split())
    ]


def _inject(doc: Document, targets: list[tuple[int, int]], change, rng: random.Random) -> tuple[str, list]:
    """The text with ``change`` applied to up to TYPOS_PER_DOC random targets, and the changed spans."""
    chosen = sorted(rng.sample(targets, min(TYPOS_PER_DOC, len(targets))))
    pieces, spans, pos, shift = [], [], 0, 0
    for start, end in chosen:
        if start < pos:
            continue
        original = doc.text[start:end]
        new = change(original, rng)
        if new == original or (new.islower() and is_known(new)):
            continue
        pieces.append(doc.text[pos:start] + new)
        spans.append((start + shift, start + shift + len(new)))
        shift += len(new) - len(original)
        pos = end
    pieces.append(doc.text[pos:])
    return "".join(pieces), spans


INJECTIONS = {
    "lowercase_typo": (_lowercase_targets, _typo),
    "capitalised_typo": (_capitalised_targets, _typo),
    "fused_name": (_fusion_targets, lambda name, rng: name.replace(" ", "")),
}


def eval_spelling(texts: list[tuple[str, str]], seed: int = SEED) -> dict:
    """False positives per 1,000 words on edited mainstream text (by kind) and recall on injected
    typos of lower-case words, capitalised words (names, sentence openers) and fused two-word names.
    ``texts`` are (corpus, text) pairs."""
    rng = random.Random(seed)
    words = 0
    flags: dict[str, int] = {}
    examples: dict[str, list[str]] = {}
    caught = dict.fromkeys(INJECTIONS, 0)
    injected = dict.fromkeys(INJECTIONS, 0)
    for _, text in texts:
        doc = parse(text)
        words += doc.word_count
        for f in find_spelling(doc)[0]:
            kind = f.kind + (" (capitalised)" if doc.text[f.start].isupper() else "")
            flags[kind] = flags.get(kind, 0) + 1
            examples.setdefault(kind, []).append(doc.text[f.start : f.end])
        for name, (targets, change) in INJECTIONS.items():
            changed, spans = _inject(doc, targets(doc), change, rng)
            found = [(f.start, f.end) for f in find_spelling(parse(changed))[0]]
            injected[name] += len(spans)
            caught[name] += sum(1 for s in spans if any(a < s[1] and s[0] < b for a, b in found))
    return {
        "corpora": sorted({c for c, _ in texts}),
        "articles": len(texts),
        "words": words,
        "flags_per_1000_words": round(1000 * sum(flags.values()) / words, 3) if words else 0.0,
        "flags_per_1000_words_by_kind": {k: round(1000 * v / words, 3) for k, v in sorted(flags.items())},
        "flag_examples": {k: v[:12] for k, v in sorted(examples.items())},
        "injected": {k: injected[k] for k in INJECTIONS},
        "injected_recall": {k: round(caught[k] / injected[k], 4) if injected[k] else 0.0 for k in INJECTIONS},
    }


def _mainstream_texts(data: Path, articles: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """Edited mainstream text: BuzzFeed-Webis's three mainstream outlets, ReCOVery's reliable outlets
    and FakeHealth's news stories (press releases left out: their product names and jargon are not
    mainstream prose)."""
    from credibly.models.datasets.fakehealth import load_fakehealth
    from credibly.models.datasets.recovery import load_recovery

    out = [("buzzfeed_webis", t) for p, _, t in articles if p in MAINSTREAM]
    recovery = load_recovery(data)
    out += [("recovery", t) for t in recovery.loc[recovery["label"] == 1, "text"].head(400)]
    health = load_fakehealth(data)
    out += [("fakehealth", t) for t in health.loc[health["subset"] == "HealthStory", "text"].head(400)]
    return out


def _hyperpartisan_texts(data: Path) -> list[str]:
    """Article bodies as text, one line per HTML paragraph."""
    root = ET.parse(data / "hyperpartisan_2019" / "articles-training-byarticle-20181122.xml").getroot()
    texts = []
    for article in root:
        raw = ET.tostring(article, encoding="unicode")
        inner = raw[raw.index(">") + 1 : raw.rindex("<")]
        inner = re.sub(r"(?i)</p>|<br\s*/?>|<p[^>]*>", "\n", inner)
        texts.append(html.unescape(re.sub(r"<[^>]+>", "", inner)))
    return texts


def _sentences_as_lines(text: str) -> str:
    """BuzzFeed-Webis mainText has no line breaks: put each sentence on its own line so every
    sentence of edited prose is a chance for a false boilerplate line."""
    doc = parse(text)
    return "\n".join(doc.sentence_text(i) for i in range(len(doc.sentences)))


def _boilerplate_stats(texts: list[str], examples: int = 8) -> dict:
    docs = [parse(t) for t in texts]
    lines = [find_boilerplate(d) for d in docs]
    paragraphs = sum(len(d.paragraphs) for d in docs)
    n = sum(len(x) for x in lines)
    return {
        "articles": len(docs),
        "lines": paragraphs,
        "articles_with_boilerplate": sum(1 for x in lines if x),
        "boilerplate_lines": n,
        "boilerplate_per_1000_lines": round(1000 * n / paragraphs, 2) if paragraphs else 0.0,
        "examples": [d.text[b.start : b.end][:100] for d, x in zip(docs, lines) for b in x][:examples],
    }


# Defect kinds whose flags should be rarer on reliable articles than on unreliable ones.
DEFECT_KINDS = ("misspelling", "fused_word", "shouting", "disfluency")
PER_LABEL = 600


def eval_flags_by_label(data: Path, per_label: int = PER_LABEL) -> dict:
    """Defect flags per 1,000 words and the share of articles with any, on a seeded sample of the
    training articles of each label (every corpus): a detector that flags reliable articles as often
    as unreliable ones measures house style, not care."""
    from credibly.models.training.data import training_frame

    frame = training_frame(data)
    out: dict = {"articles_per_label": per_label, "kinds": list(DEFECT_KINDS)}
    for label, name in ((1, "reliable"), (0, "unreliable")):
        rows = frame[frame["label"] == label]
        texts = rows.sample(n=min(per_label, len(rows)), random_state=SEED)["text"].tolist()
        counts = dict.fromkeys(DEFECT_KINDS, 0)
        with_any = dict.fromkeys(DEFECT_KINDS, 0)
        words = 0
        for text in texts:
            doc = parse(text)
            words += doc.word_count
            found = [e.kind for e in extract(doc, with_readability=False).evidence if e.kind in counts]
            for kind in DEFECT_KINDS:
                counts[kind] += found.count(kind)
                with_any[kind] += kind in found
        out[name] = {
            kind: {
                "per_1000_words": round(1000 * counts[kind] / max(words, 1), 3),
                "share_of_articles": round(with_any[kind] / max(len(texts), 1), 3),
            }
            for kind in DEFECT_KINDS
        }
    return out


def eval_timing(articles: list[tuple[str, str, str]], n: int = 200) -> dict:
    """Mean extract() time on ~300-word articles, with and without textstat readability."""
    docs = [
        parse(" ".join(t.split()[:300]), title=title) for _, title, t in articles if len(t.split()) >= 300
    ][:n]
    extract(docs[0])
    out: dict = {"articles": len(docs), "words_each": 300}
    for key, flag in (("mean_ms_without_readability", False), ("mean_ms_with_readability", True)):
        start = time.perf_counter()
        for d in docs:
            extract(d, with_readability=flag)
        out[key] = round(1000 * (time.perf_counter() - start) / len(docs), 3)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and write the JSON report; skip cleanly without the data."""
    args = report_args(__doc__, REPORT, argv)
    if args is None:
        return 0
    articles = _buzzfeed(args.data)
    report = {
        "clickbait": eval_clickbait(args.data),
        "spelling": eval_spelling(_mainstream_texts(args.data, articles)),
        "boilerplate": {
            "hyperpartisan_pages": _boilerplate_stats(_hyperpartisan_texts(args.data)),
            "buzzfeed_mainstream_sentence_lines": _boilerplate_stats(
                [_sentences_as_lines(t) for p, _, t in articles if p in MAINSTREAM]
            ),
            "buzzfeed_all_sentence_lines": _boilerplate_stats(
                [_sentences_as_lines(t) for _, _, t in articles]
            ),
        },
        "defect_flags_by_label": eval_flags_by_label(args.data),
        "timing": eval_timing(articles),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
