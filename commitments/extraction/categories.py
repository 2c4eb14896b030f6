"""Categories: what a commitment is about, from the words it uses.

Reads: a text and its language (each category's keywords and the misleading phrases
from the lexicon). Writes: one category slug (one of ``CATEGORIES``).
"""

import re

from .common import LANGUAGES, alt, check_language
from .lexicon import LEXICONS

# Most specific first: the first category whose keywords appear wins.
CATEGORY_PRIORITY: tuple[str, ...] = (
    "major_equipment",
    "defence_spending",
    "ukraine",
    "arms_control",
    "nuclear",
    "climate",
    "energy",
    "space",
    "cyber",
    "hybrid",
    "counter_terrorism",
    "human_security",
    "innovation",
    "industry",
    "enlargement",
    "resilience",
    "partnerships",
    "deterrence",
)
# Broad categories: when a more specific one appears anywhere in the quote, it wins.
BROAD_CATEGORIES = frozenset({"partnerships", "deterrence", "other"})

_NON_WORD_RE = re.compile(r"[^\w%]+")


def _as_words(text: str) -> str:
    """``text`` reduced to words separated by single spaces, with a space at each end."""
    return f" {_NON_WORD_RE.sub(' ', text)} "


def _keyword_table(
    language: str,
) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    """Per category, in priority order: regexes for its words, acronyms and figures."""
    table = []
    for slug in CATEGORY_PRIORITY:
        entry = LEXICONS[language].CATEGORY_KEYWORDS[slug]
        words = re.compile(alt([" " + re.escape(word) for word in entry.words]))
        acronyms = re.compile(rf"\b{alt(entry.acronyms)}\b") if entry.acronyms else None
        table.append((slug, words, acronyms, entry.figures))
    return tuple(table)


_KEYWORD_TABLE = {language: _keyword_table(language) for language in LANGUAGES}


def guess_category(text: str, language: str) -> str:
    """The category of ``text`` from the words it uses (one of CATEGORIES).

    When keywords of several categories appear, the most specific wins by a fixed
    priority: major equipment before defence spending, Ukraine before deterrence,
    climate before energy, and the broad "partnerships" and "deterrence" last.
    Without any keyword the category is "other".
    """
    lang = check_language(language)
    lowered = _as_words(text.lower())
    for phrase in LEXICONS[lang].CATEGORY_EXCLUSIONS:
        lowered = lowered.replace(phrase, " ")
    for slug, words, acronyms, figures in _KEYWORD_TABLE[lang]:
        if (
            words.search(lowered)
            or (acronyms is not None and acronyms.search(text))
            or (figures is not None and figures.search(text))
        ):
            return slug
    return "other"
