"""Content-farm copies of real reliable articles: the case the product exists for, built from data.

A content farm takes a real report and degrades it: typos, names fused or misspelled, clauses
rewritten ungrammatically, sources stripped or turned into "reports say", and the page wrapped in
an author bio, share prompts and a comment form. :func:`degrade` applies each of those to a text
(seeded; every step can be switched off for the per-step ablation), so a careful report and its
farm copy are about the same event in the same words, and only writing and sourcing differ.

The ungrammatical rewrites use the error kinds the fluency detector was trained on (agreement,
verb form, swapped words); their step is reported separately so that circularity is visible.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from credibly.features.words import is_known, zipf

TYPO_RATE = 0.015  # share of eligible lower-case words given a typo
GRAMMAR_RATE = 0.2  # share of sentences given one grammatical slip
VAGUE_SHARE = 0.5  # of the removed attributions, share replaced by "reports say"
COMMON_ZIPF = 4.5  # capitalised words this common ("Street", "House") are not fused as names
STEPS = ("typos", "names", "grammar", "attribution", "boilerplate")
BIO = (
    "About the author: {name} is a passionate writer and researcher who has been covering world news "
    "and politics for many years. When not writing, {first} enjoys travelling and reading."
)
TRAILER = (
    "Share this:\nFacebook\nTwitter\nWhatsApp\n\nRelated Posts\n\n"
    "Leave a Reply\nYour email address will not be published. Required fields are marked *"
)
_NAME_CHAIN_RE = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_WORD_RE = re.compile(r"\b[a-z]{6,}\b")
_ATTRIBUTION_RES = (
    # ", a spokesman for the ministry said." -> "."
    re.compile(r",\s(?:(?:[A-Za-z.'’-]+)\s){1,6}(?:said|says|told(?: [a-z]+){1,3})(?=[.])"),
    # "According to the ministry, ..." -> "..."
    re.compile(r"\b[Aa]ccording to [^,.;]{3,60},\s"),
    # "..., according to the ministry." -> "..."
    re.compile(r",\saccording to [^,.;]{3,60}(?=[.])"),
)
_AGREEMENT = {" is ": " are ", " are ": " is ", " was ": " were ", " were ": " was ", " has ": " have "}
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]")


@dataclass(frozen=True)
class FarmCopy:
    """A degraded copy: its title and text, and how many edits each step made."""

    title: str
    text: str
    edits: dict[str, int]


def _typo(word: str, rng: random.Random) -> str | None:
    """A non-word one slip from ``word``: two interior letters swapped, or one dropped or doubled."""
    for _ in range(4):
        i = rng.randrange(1, len(word) - 2)
        kind = rng.choice(("swap", "drop", "double"))
        if kind == "swap":
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind == "drop":
            new = word[:i] + word[i + 1 :]
        else:
            new = word[:i] + word[i] + word[i:]
        if new != word and not is_known(new):
            return new
    return None


def add_typos(text: str, rng: random.Random, rate: float = TYPO_RATE) -> tuple[str, int]:
    """Typos in about ``rate`` of the lower-case words of six letters or more."""
    count = 0

    def swap(m: re.Match) -> str:
        nonlocal count
        if rng.random() >= rate:
            return m.group()
        new = _typo(m.group(), rng)
        count += new is not None
        return new or m.group()

    return _WORD_RE.sub(swap, text), count


def garble_names(text: str, rng: random.Random) -> tuple[str, int]:
    """Fuse the first mention of each two-word name ("Ilham Aliyev" -> "IlhamAliyev") and misspell
    a later mention of a surname the text repeats (one letter swapped or dropped)."""
    edits = 0
    seen: set[str] = set()

    def fuse(m: re.Match) -> str:
        nonlocal edits
        words = m.group().split(" ")
        for i in range(len(words) - 1):
            first, last = words[i], words[i + 1]
            if (
                max(zipf(first.lower()), zipf(last.lower())) < COMMON_ZIPF
                and len(last) >= 4
                and last not in seen
            ):
                seen.add(last)
                edits += 1
                return " ".join([*words[:i], first + last, *words[i + 2 :]])
        return m.group()

    text = _NAME_CHAIN_RE.sub(fuse, text)
    for last in sorted(seen):
        spots = [m.start() for m in re.finditer(rf"\b{re.escape(last)}\b", text)]
        if len(spots) >= 2:
            at = rng.choice(spots[1:])
            new = _typo(last, rng)
            if new:
                text = text[:at] + new[0].upper() + new[1:] + text[at + len(last) :]
                edits += 1
    return text, edits


def _other_form(word: str) -> str | None:
    """A verb's other inflection that is itself a word ("denying" -> "denies")."""
    for ending, replacements in (("ing", ("s", "es", "ed")), ("ed", ("s", "ing")), ("es", ("ing", "ed"))):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            base = word[: -len(ending)]
            for r in replacements:
                for candidate in (base + r, base + "e" + r if r == "s" else ""):
                    if candidate and candidate != word and zipf(candidate) >= 3.0:
                        return candidate
    return None


def break_grammar(text: str, rng: random.Random, rate: float = GRAMMAR_RATE) -> tuple[str, int]:
    """One grammatical slip in about ``rate`` of the sentences: an agreement slip, a verb in the
    wrong form, or two adjacent words swapped."""
    count = 0

    def slip(m: re.Match) -> str:
        nonlocal count
        sentence = m.group()
        if rng.random() >= rate or len(sentence.split()) < 8:
            return sentence
        for kind in rng.sample(("agreement", "form", "swap"), 3):
            if kind == "agreement":
                for a, b in _AGREEMENT.items():
                    if a in sentence:
                        count += 1
                        return sentence.replace(a, b, 1)
            elif kind == "form":
                words = sentence.split(" ")
                spots = [i for i, w in enumerate(words) if i > 0 and w.isalpha() and w.islower()]
                rng.shuffle(spots)
                for i in spots:
                    other = _other_form(words[i])
                    if other:
                        words[i] = other
                        count += 1
                        return " ".join(words)
            else:
                words = sentence.split(" ")
                spots = [
                    i
                    for i in range(1, len(words) - 2)
                    if words[i].isalpha() and words[i + 1].isalpha() and words[i].islower()
                ]
                if spots:
                    i = rng.choice(spots)
                    words[i], words[i + 1] = words[i + 1], words[i]
                    count += 1
                    return " ".join(words)
        return sentence

    return _SENTENCE_RE.sub(slip, text), count


def strip_attribution(text: str, rng: random.Random, vague: float = VAGUE_SHARE) -> tuple[str, int]:
    """Remove named attributions ("..., the ministry said."; "According to X, ..."), replacing about
    ``vague`` of the sentence-final ones with "reports say" (vague sourcing)."""
    count = 0

    def final(m: re.Match) -> str:
        nonlocal count
        count += 1
        return ", reports say" if rng.random() < vague else ""

    def drop(m: re.Match) -> str:
        nonlocal count
        count += 1
        return ""

    text = _ATTRIBUTION_RES[0].sub(final, text)
    text = _ATTRIBUTION_RES[1].sub(drop, text)
    text = _ATTRIBUTION_RES[2].sub(final, text)
    return text, count


def add_boilerplate(text: str, rng: random.Random) -> tuple[str, int]:
    """An author bio, share prompts and a comment form after the article."""
    first = rng.choice(("Sarah", "Mike", "Anna", "David", "Maria", "John"))
    name = f"{first} {rng.choice(('Johnson', 'Miller', 'Khan', 'Garcia', 'Brown', 'Wilson'))}"
    return f"{text.rstrip()}\n\n{BIO.format(name=name, first=first)}\n\n{TRAILER}\n", 1


_STEP_FUNCTIONS = {
    "typos": add_typos,
    "names": garble_names,
    "grammar": break_grammar,
    "attribution": strip_attribution,
    "boilerplate": add_boilerplate,
}


def degrade(title: str, text: str, seed: int, steps: tuple[str, ...] = STEPS) -> FarmCopy:
    """The content-farm copy of one article (same seed, same copy); the title gets typos only."""
    rng = random.Random(seed)
    edits = {}
    for step in STEPS:
        if step in steps:
            text, edits[step] = _STEP_FUNCTIONS[step](text, rng)
    if "typos" in steps and title:
        title, _ = add_typos(title, rng, rate=0.2)
    return FarmCopy(title, text, edits)
