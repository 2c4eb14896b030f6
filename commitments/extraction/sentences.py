"""Sentence splitting.

Reads: the clean text of a paragraph (any language; abbreviations from the shared
lexicon). Writes: the (start, end) offsets of its sentences, trimmed of spaces.
"""

import re

from .lexicon import ABBREVIATIONS, NUMBER_ABBREVIATIONS

_BULLETS = "•▪‣◦●"
_DASHES = "-–—"
_OPENERS = '«"“‘([¿¡'
_BREAK_RE = re.compile(r"[.!?…]+|:|[•▪‣◦●]")
_CLOSER_RE = re.compile(r"\s?(?:[»”’)\]]|\"(?=\s|$))")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)$")
_PARAGRAPH_NUMBER_RE = re.compile(r"\d{1,3}")


def _skip_space(text: str, index: int, *, bullets: bool = False) -> int:
    size = len(text)
    while index < size:
        char = text[index]
        if char.isspace() or (bullets and char in _BULLETS):
            index += 1
        elif bullets and char in _DASHES and index + 1 < size and text[index + 1].isspace():
            index += 2
        else:
            break
    return index


def _append_sentence(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if any(char.isalnum() for char in text[start:end]) or not spans:
        spans.append((start, end))
    else:  # stray punctuation: keep it with the previous sentence
        spans[-1] = (spans[-1][0], end)


def _is_boundary(text: str, start: int, match: re.Match[str], end: int, following: int) -> bool:
    punct = match.group()
    spaced = following > end
    char = text[following]
    after = text[following + 1] if following + 1 < len(text) else ""
    if punct == ":":
        if not spaced:
            return False
        if char in _BULLETS or (char in _DASHES and after.isspace()):
            return True
        return char.isupper() and after.islower()
    word_match = _WORD_BEFORE_RE.search(text[max(start, match.start() - 24) : match.start()])
    word = word_match.group(1) if word_match else ""
    if punct == ".":
        lowered = word.lower()
        if word and (len(word) == 1 or lowered in ABBREVIATIONS):
            return False
        if lowered in NUMBER_ABBREVIATIONS and char.isdigit():
            return False
        if not word and _PARAGRAPH_NUMBER_RE.fullmatch(text[start : match.start()].strip()):
            return False  # "27. Conformément…": a paragraph number, not a sentence
    if spaced:
        return char.isupper() or char.isdigit() or char in _OPENERS or char in _BULLETS
    # Missing space after the full stop, as scraping sometimes leaves: "défense.Nous".
    return (
        punct in {".", "!", "?"}
        and len(word) >= 2
        and word.islower()
        and char.isupper()
        and after.islower()
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences of ``text``, trimmed of spaces.

    A sentence ends at ".", "!", "?" or "…" (with any closing quote or bracket) when the
    next sentence starts with a capital letter, a digit, an opening quote or a bullet.
    Abbreviations ("M.", "p. ex.", "U.S."), decimals ("1,5 %", "2.5%") and paragraph
    numbers ("27.") do not end sentences; a lower-case continuation after a full stop
    (a stray break in scraped text) does not either. A colon ends a sentence when a
    list follows (a bullet, or a capitalised item), and a bullet always starts one.
    """
    spans: list[tuple[int, int]] = []
    size = len(text)
    start = _skip_space(text, 0, bullets=True)
    for match in _BREAK_RE.finditer(text):
        if match.start() < start:
            continue
        punct = match.group()
        if punct in _BULLETS:
            if match.start() > start and text[match.start() - 1].isspace():
                _append_sentence(spans, text, start, match.start())
                start = _skip_space(text, match.end(), bullets=True)
            continue
        end = match.end()
        if punct != ":":
            while closer := _CLOSER_RE.match(text, end):
                end = closer.end()
        following = _skip_space(text, end)
        if following >= size:
            break
        if _is_boundary(text, start, match, end, following):
            _append_sentence(spans, text, start, end)
            start = _skip_space(text, following, bullets=True)
    _append_sentence(spans, text, start, size)
    return spans
