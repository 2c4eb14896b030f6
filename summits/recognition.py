"""Recognising a text: the same paragraphs in another form, a slightly corrected version
of them, the same communiqué in another language.

Reads: clean paragraph texts (label, number, text), parsed or stored.
Writes: nothing; pure functions.

Two texts are compared by their paragraphs' words: casefolded, without accents,
punctuation or hyphens, so that the same communiqué read from a web page, a PDF or a
re-wrapped text gives the same keys even where a reader kept "cyber-menaces" and another
"cybermenaces". Each paragraph's key has a short `fingerprint`, stored with the paragraph,
that finds the documents sharing paragraphs with a new text in one indexed query.

Language versions share no words, but they share their structure: the same paragraph
numbers (or the same order), and the same figures in each pair of paragraphs (years,
percentages, amounts).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol

from .text import fold

__all__ = [
    "Alignment",
    "Comparison",
    "Difference",
    "align",
    "compare",
    "counterpart_span",
    "fingerprint",
    "language_match",
    "words_key",
]

_NON_WORD_RE = re.compile(r"[\W_]+")
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)?")
# Changed paragraphs are paired when this share of their words agrees.
_PAIR_SIMILARITY = 0.5
# A new version shares at least this share of its paragraphs with the earlier one.
NEW_VERSION_SHARE = 0.6


class Paragraphlike(Protocol):
    @property
    def label(self) -> str: ...

    @property
    def text(self) -> str: ...


@functools.lru_cache(maxsize=2048)  # a preview keys each paragraph several times
def words_key(text: str) -> str:
    """The words of a text, casefolded, without accents, punctuation or hyphens."""
    return " ".join(_NON_WORD_RE.sub(" ", fold(text).replace("-", "")).split())


def fingerprint(text: str) -> str:
    """16 hex digits standing for the words of a paragraph."""
    return hashlib.sha256(words_key(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Difference:
    """A paragraph of the new text that differs from the earlier one's (either may be
    absent: a paragraph added or removed)."""

    old_label: str
    old_text: str
    new_label: str
    new_text: str

    @property
    def kind(self) -> str:
        if not self.old_label:
            return "added"
        if not self.new_label:
            return "removed"
        return "changed"


@dataclass
class Comparison:
    """How a new text's paragraphs stand against a stored text's."""

    new_count: int
    old_count: int
    identical: int = 0  # the same text, character for character
    equivalent: int = 0  # the same words (punctuation, hyphens or spacing differ)
    differences: list[Difference] = field(default_factory=list)

    @property
    def same_text(self) -> bool:
        """Every paragraph has the same words: the same text in another form."""
        return not self.differences and self.new_count == self.old_count

    @property
    def shared(self) -> int:
        """Paragraphs kept or changed a little (paired), out of the larger text."""
        return self.unchanged + self.changed

    @property
    def unchanged(self) -> int:
        return self.identical + self.equivalent

    def count(self, kind: str) -> int:
        """Differences of one kind: "changed", "added" or "removed"."""
        return sum(1 for difference in self.differences if difference.kind == kind)

    @property
    def changed(self) -> int:
        return self.count("changed")

    @property
    def added(self) -> int:
        return self.count("added")

    @property
    def removed(self) -> int:
        return self.count("removed")

    @property
    def share(self) -> float:
        return self.shared / max(self.new_count, self.old_count, 1)

    @property
    def looks_like_a_version(self) -> bool:
        return not self.same_text and self.share >= NEW_VERSION_SHARE


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def compare(new: Sequence[Paragraphlike], old: Sequence[Paragraphlike]) -> Comparison:
    """Align the paragraphs of two texts by their words (difflib over the keys) and say
    which are the same, which changed, which were added or removed."""
    new_keys = [words_key(p.text) for p in new]
    old_keys = [words_key(p.text) for p in old]
    result = Comparison(len(new), len(old))
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                if a.text == b.text:
                    result.identical += 1
                else:
                    result.equivalent += 1
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds and news:
            a, b = olds[0], news[0]
            if _similar(words_key(a.text), words_key(b.text)) >= _PAIR_SIMILARITY:
                result.differences.append(Difference(a.label, a.text, b.label, b.text))
                olds.pop(0)
                news.pop(0)
            elif len(olds) >= len(news):
                result.differences.append(Difference(a.label, a.text, "", ""))
                olds.pop(0)
            else:
                result.differences.append(Difference("", "", b.label, b.text))
                news.pop(0)
        result.differences += [Difference(a.label, a.text, "", "") for a in olds]
        result.differences += [Difference("", "", b.label, b.text) for b in news]
    return result


# --------------------------------------------------------------------------- languages


class Numbered(Paragraphlike, Protocol):
    @property
    def number(self) -> int | None: ...


@dataclass(frozen=True)
class Alignment:
    """Pairs of labels (this text's, the other's), and how they were paired."""

    pairs: tuple[tuple[str, str], ...]
    by: str  # "number" or "order"

    def other(self, label: str) -> str | None:
        return dict(self.pairs).get(label)

    def reverse(self) -> Alignment:
        return Alignment(tuple((b, a) for a, b in self.pairs), self.by)


def align(these: Sequence[Numbered], others: Sequence[Numbered]) -> Alignment:
    """Pair the paragraphs of two language versions: by label where both are numbered
    (¶27 with ¶27, its bullets with its bullets), else by order."""
    numbered = [p for p in these if p.number is not None]
    other_numbered = {p.label for p in others if p.number is not None}
    if numbered and other_numbered:
        labels = {p.label for p in others}
        return Alignment(tuple((p.label, p.label) for p in these if p.label in labels), "number")
    return Alignment(
        tuple((a.label, b.label) for a, b in zip(these, others, strict=False)), "order"
    )


def _figures(text: str) -> frozenset[str]:
    return frozenset(value.replace(",", ".") for value in _DIGITS_RE.findall(text))


def language_match(these: Sequence[Numbered], others: Sequence[Numbered]) -> float:
    """How likely two texts in different languages are versions of one text, from 0 to 1:
    the share of paragraphs aligned, times the share of aligned pairs that carry the same
    figures (pairs without figures count as agreeing)."""
    if not these or not others:
        return 0.0
    alignment = align(these, others)
    coverage = len(alignment.pairs) / max(len(these), len(others))
    by_label = {p.label: p for p in others}
    texts = {p.label: p.text for p in these}
    with_figures = agreeing = 0
    for label, other in alignment.pairs:
        mine, theirs = _figures(texts[label]), _figures(by_label[other].text)
        if mine or theirs:
            with_figures += 1
            agreeing += mine == theirs
    agreement = agreeing / with_figures if with_figures else 1.0
    return coverage * agreement


# A sentence ends with one of these, then a space and the start of the next sentence.
_SENTENCE_RE = re.compile(r"[^.!?;]+(?:[.!?;]+(?=\s|$)|$)")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE_RE.finditer(text):
        start = match.start() + len(match[0]) - len(match[0].lstrip())
        if match[0].strip():
            spans.append((start, match.end()))
    return spans


def counterpart_span(text: str, start: int, end: int, other: str) -> tuple[int, int]:
    """Where a quote of `text` (start, end) stands in its aligned paragraph `other`, in
    another language: the same sentences when both have as many, else all of it."""
    mine, theirs = _sentences(text), _sentences(other)
    if not mine or len(mine) != len(theirs):
        return 0, len(other)
    indices = [i for i, (a, b) in enumerate(mine) if a < end and start < b]
    if not indices:
        return 0, len(other)
    return theirs[indices[0]][0], theirs[indices[-1]][1]
