"""What every stage shares: the extractor's vocabulary of values, its result types and
a few regex helpers.

Pure Python, no Django. Every offset refers to the string a stage was given, so
``text[start:end]`` is always the reported text.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

CATEGORIES: tuple[str, ...] = (
    "defence_spending",
    "major_equipment",
    "ukraine",
    "deterrence",
    "nuclear",
    "arms_control",
    "industry",
    "innovation",
    "resilience",
    "cyber",
    "space",
    "hybrid",
    "climate",
    "energy",
    "counter_terrorism",
    "partnerships",
    "enlargement",
    "human_security",
    "other",
)

LANGUAGES: tuple[str, ...] = ("fr", "en")
COMPARATORS: tuple[str, ...] = ("at_least", "more_than", "up_to", "at_most", "about", "exactly")
UNITS: tuple[str, ...] = ("pct_gdp", "pct_defence_budget", "percent", "EUR", "USD")
DEADLINE_KINDS: tuple[str, ...] = ("by", "within", "review", "in")
BOUNDS: tuple[str, ...] = ("each_ally", "alliance", "named")


@dataclass(frozen=True)
class Quantity:
    """A percentage or an amount of money, with the comparator that qualifies it."""

    comparator: str  # one of COMPARATORS
    value: Decimal
    unit: str  # one of UNITS
    text: str  # exact matched text
    start: int
    end: int


@dataclass(frozen=True)
class Deadline:
    """A target year: "by" 2035, "within" a decade, "review" in 2029, event "in" 2024."""

    year: int  # 0 when a relative deadline has no reference year to count from
    kind: str  # one of DEADLINE_KINDS
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Candidate:
    """A sentence (or a sentence and the list it introduces) that carries a commitment."""

    start: int
    end: int
    quote: str
    phrase: str  # the commitment phrase as matched, whitespace collapsed
    quantities: tuple[Quantity, ...]
    deadlines: tuple[Deadline, ...]
    category: str  # one of CATEGORIES
    bound: str  # one of BOUNDS
    confidence: float
    # Why it was proposed: the subject and the verb group read, the form of that group
    # (one of phrases.FORMS) and the name of the rule that read it.
    subject: str = ""
    verb: str = ""
    form: str = ""
    rule: str = ""


# --------------------------------------------------------------------------- helpers

FLAGS = re.IGNORECASE
AP = "['’ʼ]"  # straight and typographic apostrophes
YEAR = r"(?P<year>(?:19|20)\d{2})$"
# "2 %" alone, a figure that names the spending target in either language.
TWO_PERCENT = re.compile(r"(?<![\d.,])2\s*%")


def alt(parts: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(parts) + ")"


def grouped(parts: list[str] | tuple[str, ...], *, case_sensitive: bool = False) -> str:
    """An alternation of regex fragments grouped by first letter, longest first.

    The regex engine then tries one branch per position instead of every fragment,
    which matters for long lists of names. Fragments not starting with a letter are
    kept as they are.
    """
    groups: dict[str, list[str]] = {}
    loose: list[str] = []
    for part in parts:
        first = part[0]
        if first.isalpha():
            key = first if case_sensitive else first.lower()
            groups.setdefault(key, []).append(part[1:])
        else:
            loose.append(part)
    branches = [
        f"{key}{alt(sorted(rests, key=len, reverse=True))}" for key, rests in groups.items()
    ]
    return alt(branches + loose)


def compile_ci(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)


def check_language(language: str) -> str:
    code = (language or "").strip().lower()[:2]
    if code not in LANGUAGES:
        raise ValueError(f"Unsupported language {language!r}; expected one of {LANGUAGES}.")
    return code


def without_overlaps[T: (Quantity, Deadline)](items: list[T]) -> list[T]:
    """Keep the earliest, then longest, of overlapping matches."""
    items.sort(key=lambda item: (item.start, item.start - item.end))
    kept: list[T] = []
    for item in items:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


@dataclass(frozen=True)
class Keywords:
    """Keywords of one category.

    ``words`` are matched at the start of a word in the lower-cased text reduced to
    words separated by single spaces (so "ukrain" finds "ukrainiens" and a trailing
    space asks for the whole word); ``acronyms`` are whole words matched with their
    case ("PIB", "CAP"); ``figures`` is an optional regex. Both run on the text itself.
    """

    words: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    figures: re.Pattern[str] | None = None
