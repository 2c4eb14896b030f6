"""Deadlines: target years, relative spans and review dates.

Reads: a text, its language (deadline wordings, event and future words from the
lexicon) and the year of the meeting. Writes: ``Deadline`` records (year, kind, exact
text and offsets), in order of appearance.
"""

import re

from .common import Deadline, check_language, without_overlaps
from .lexicon import LEXICONS

_YEAR_RE = re.compile(r"(?:19|20)\d\d(?!\d)")
_SENTENCE_END_RE = re.compile(r"[.!?]\s")


def _is_scheduled_event(
    text: str, start: int, end: int, year: int, lang: str, reference_year: int | None
) -> bool:
    """Whether "en 2024" dates an upcoming meeting rather than a past fact."""
    before = text[max(0, start - 150) : start]
    stops = [stop.end() for stop in _SENTENCE_END_RE.finditer(before)]
    if stops:
        before = before[stops[-1] :]
    after = text[end : end + 80]
    next_stop = _SENTENCE_END_RE.search(after)
    if next_stop is not None:
        after = after[: next_stop.start()]
    context = f"{before} {after}"
    if not LEXICONS[lang].EVENT_WORDS.search(context):
        return False
    if reference_year is not None:
        return year >= reference_year
    return bool(LEXICONS[lang].FUTURE_MARKERS.search(context))


def find_deadlines(text: str, language: str, reference_year: int | None = None) -> list[Deadline]:
    """Target years in ``text``, in order of appearance.

    ``by``: "d'ici à 2050", "au plus tard en 2030", "by 2035", "no later than 2030";
    ``within``: "within a decade", "d'ici dix ans" (the year is ``reference_year`` plus
    the span, or 0 without a reference year); ``review``: "réexaminé en 2029",
    "reviewed in 2029"; ``in``: a scheduled event ("notre prochain sommet en 2024"),
    kept only when it is not before ``reference_year`` (or, without one, when the
    wording says it is upcoming). Deadlines without a year ("d'ici le printemps") are
    skipped.
    """
    lang = check_language(language)
    found: list[Deadline] = []
    for year_match in _YEAR_RE.finditer(text):
        start, end = year_match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in ".,"):
            continue
        for kind, pattern in LEXICONS[lang].BEFORE_YEAR:
            match = pattern.search(text, max(0, start - 100), end)
            if match is None:
                continue
            year = int(year_match.group())
            if kind != "in" or _is_scheduled_event(
                text, match.start(), end, year, lang, reference_year
            ):
                found.append(Deadline(year, kind, match.group(), match.start(), end))
            break
    lowered = text.lower()
    if any(unit in lowered for unit in LEXICONS[lang].WITHIN_UNITS):
        for pattern in LEXICONS[lang].WITHIN:
            for match in pattern.finditer(text):
                count_text = (match.groupdict().get("count") or "1").lower()
                count = (
                    int(count_text)
                    if count_text.isdigit()
                    else LEXICONS[lang].COUNT_WORDS[count_text]
                )
                span = count * (10 if match.group("unit").lower().startswith(("déc", "dec")) else 1)
                year = reference_year + span if reference_year is not None else 0
                found.append(Deadline(year, "within", match.group(), match.start(), match.end()))
    return without_overlaps(found)
