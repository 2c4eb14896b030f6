"""Amounts of money a text states, and how they add up (pure functions, no database).

Reads: a paragraph's text and its language ("fr" or "en"). Writes: ``StatedAmount``
records: the value in units of currency, its qualifier as written ("more than", "at
least", "up to", "about" or exactly), the currency, the scale it was written in
(million, billion), whether the text says it was pledged or delivered, and the exact
words with their offsets.

The figures are found by the extractor's quantity reader (extraction.quantities, whose
lexicons hold the comparators, multipliers and currencies of both languages); this
module keeps the amounts of money among them and reads what the tables below say:
the scale from the multiplier written, the kind from the verb of the sentence.

Totals (``add_up``) keep the qualifiers: a sum of lower bounds is a lower bound ("more
than"), of upper bounds an upper bound ("up to"); bounds both ways, or "about", make an
approximate total.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .extraction import find_quantities, split_sentences
from .extraction.lexicon import LEXICONS

MONEY_UNITS = ("EUR", "USD")
PLEDGED, DELIVERED = "pledged", "delivered"

# The scale an amount was written in, by its power of ten.
SCALES = {10**12: "trillion", 10**9: "billion", 10**6: "million", 10**3: "thousand", 1: ""}

# The words that say an amount was pledged or delivered, per language. Matched as word
# beginnings, accents as written; the nearest before the amount in its sentence wins,
# else the first after it; an amount with none is a pledge (what a communiqué states).
KIND_WORDS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "fr": (
        (
            DELIVERED,
            ("livr", "fourni", "versé", "versés", "décaiss", "acheminé", "apporté", "dépensé"),
        ),
        (
            PLEDGED,
            (
                "engag",
                "promi",
                "promett",
                "annonc",
                "enveloppe",
                "alloué",
                "prévu",
                "consacr",
                "mobilis",
                "contribu",
            ),
        ),
    ),
    "en": (
        (DELIVERED, ("deliver", "disburs", "provided", "spent", "paid", "transferred")),
        (
            PLEDGED,
            (
                "pledg",
                "commit",
                "promis",
                "announc",
                "allocat",
                "earmark",
                "baseline",
                "will provide",
            ),
        ),
    ),
}

_KIND_PATTERNS = {
    language: [
        (kind, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.I))
        for kind, words in table
    ]
    for language, table in KIND_WORDS.items()
}

# The qualifier of a sum, by the direction of its parts' qualifiers.
LOWER_BOUNDS = {"at_least", "more_than"}
UPPER_BOUNDS = {"up_to", "at_most"}


@dataclass(frozen=True)
class StatedAmount:
    value: Decimal  # in units of currency: 500000000 for "500 millions d'euros"
    qualifier: str  # exactly, at_least, more_than, up_to, at_most, about
    currency: str  # EUR or USD
    scale: str  # "million", "billion", … or "" when written in full
    kind: str  # pledged or delivered
    text: str
    start: int
    end: int


def _scale(words: str, language: str) -> str:
    multipliers = LEXICONS[language].MULTIPLIERS
    for word in re.findall(r"[^\W\d_]+", words):
        factor = multipliers.get(word.lower())
        if factor is not None:
            return SCALES.get(factor, "")
    return ""


def _kind(text: str, start: int, end: int, language: str) -> str:
    sentence = next(((s, e) for s, e in split_sentences(text) if s <= start < e), (0, len(text)))
    before, after = text[sentence[0] : start], text[end : sentence[1]]
    nearest: tuple[int, str] | None = None
    for kind, pattern in _KIND_PATTERNS[language]:
        for match in pattern.finditer(before):
            if nearest is None or match.start() > nearest[0]:
                nearest = (match.start(), kind)
    if nearest:
        return nearest[1]
    following = [
        (found.start(), kind)
        for kind, pattern in _KIND_PATTERNS[language]
        if (found := pattern.search(after)) is not None
    ]
    return min(following)[1] if following else PLEDGED


def stated_amounts(text: str, language: str) -> list[StatedAmount]:
    """The amounts of money in ``text``, in order, each with what the text says of it."""
    return [
        StatedAmount(
            value=quantity.value,
            qualifier=quantity.comparator,
            currency=quantity.unit,
            scale=_scale(quantity.text, language),
            kind=_kind(text, quantity.start, quantity.end, language),
            text=quantity.text,
            start=quantity.start,
            end=quantity.end,
        )
        for quantity in find_quantities(text, language)
        if quantity.unit in MONEY_UNITS
    ]


@dataclass(frozen=True)
class Total:
    value: Decimal
    qualifier: str  # as for StatedAmount; "exactly" for a sum of exact figures
    count: int

    def __bool__(self) -> bool:
        return self.count > 0


NOTHING = Total(Decimal(0), "exactly", 0)


def total_qualifier(qualifiers) -> str:
    """The qualifier of a sum of figures so qualified."""
    found = set(qualifiers) - {"exactly", ""}
    if not found:
        return "exactly"
    if "about" in found or (found & LOWER_BOUNDS and found & UPPER_BOUNDS):
        return "about"
    if found <= LOWER_BOUNDS:
        return "more_than" if "more_than" in found else "at_least"
    return "up_to" if "up_to" in found else "at_most"


def add_up(figures) -> Total:
    """The sum of (value, qualifier) pairs, with the qualifier the sum deserves."""
    figures = list(figures)
    if not figures:
        return NOTHING
    return Total(
        value=sum((value for value, _q in figures), Decimal(0)),
        qualifier=total_qualifier(q for _v, q in figures),
        count=len(figures),
    )
