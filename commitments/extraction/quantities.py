"""Quantities: percentages and amounts of money, with their comparator.

Reads: a text and its language (comparators, units, multipliers and currencies from
the lexicon). Writes: ``Quantity`` records (comparator, value, unit, exact text and
offsets), in order of appearance.
"""

import re
from decimal import Decimal

from .common import LANGUAGES, Quantity, alt, check_language, compile_ci, grouped, without_overlaps
from .lexicon import LEXICONS

# A number: "2", "1,5", "2.5", "500 000", "1,500,000"; never glued to a word or a number.
# It starts with a digit (so that the regex engine can scan fast) and looks back from
# there.
_NUMBER = r"\d(?<![\w.,]\d)(?:\d{0,2}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d*(?:[.,]\d+)?)(?!\d)"


def _multiplier_pattern(language: str) -> str:
    return rf"(?:\s*(?P<mult>{grouped(tuple(LEXICONS[language].MULTIPLIERS))})\b)?"


# A percentage or an amount written after the number ("2 %", "500 millions d'euros"),
# or an amount with the currency first ("€40 billion", "EUR 40 billion").
_AFTER_NUMBER = {
    language: compile_ci(
        rf"(?P<num>{_NUMBER})(?:\s*(?P<pct>{LEXICONS[language].PERCENT_SIGN})"
        rf"(?:(?P<gdp>{LEXICONS[language].GDP_TAIL})|(?P<budget>{LEXICONS[language].BUDGET_TAIL}))?"
        rf"|{_multiplier_pattern(language)}{LEXICONS[language].CURRENCY_AFTER})"
    )
    for language in LANGUAGES
}
_BEFORE_NUMBER = {
    language: compile_ci(
        rf"(?-i:(?P<cur>€|EUR\b|US\$|USD\b|\$))\s?(?P<num>{_NUMBER}){_multiplier_pattern(language)}"
    )
    for language in LANGUAGES
}
# The comparator just before a figure, found by looking back from the figure.
_COMPARATOR_BEFORE = {
    language: compile_ci(
        rf"\b(?P<cmp>{alt([w for _, group in LEXICONS[language].COMPARATOR_WORDS for w in group])})"
        r"\s*$"
    )
    for language in LANGUAGES
}
_COMPARATOR_LOOKUP = {
    language: tuple(
        (name, compile_ci(alt(group))) for name, group in LEXICONS[language].COMPARATOR_WORDS
    )
    for language in LANGUAGES
}


def _parse_number(raw: str, language: str) -> Decimal:
    """Read "1,5", "2.5", "500 000", "1.500" (fr) or "1,500" (en) as a Decimal."""
    digits = "".join(raw.split())
    separators = [char for char in digits if char in ".,"]
    if not separators:
        return Decimal(digits)
    last = separators[-1]
    if len(set(separators)) == 2:  # "1.500,5" or "1,500.5": the last one is decimal
        digits = digits.replace("." if last == "," else ",", "").replace(",", ".")
    elif len(separators) > 1:  # "1.500.000"
        digits = digits.replace(last, "")
    elif len(digits.rsplit(last, 1)[1]) == 3 and last == LEXICONS[language].THOUSANDS_SEPARATOR:
        digits = digits.replace(last, "")
    else:
        digits = digits.replace(",", ".")
    return Decimal(digits)


def _normalised(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _comparator(words: str, language: str) -> str:
    for name, pattern in _COMPARATOR_LOOKUP[language]:
        if pattern.fullmatch(words):
            return name
    return "exactly"


def _quantity(text: str, match: re.Match[str], lang: str) -> Quantity:
    groups = match.groupdict()
    value = _parse_number(groups["num"], lang)
    currency = groups.get("cur")
    if currency:
        unit = "EUR" if "€" in currency or currency.lower().startswith("eur") else "USD"
        if groups.get("mult"):
            value *= LEXICONS[lang].MULTIPLIERS[groups["mult"].lower()]
    elif groups.get("gdp"):
        unit = "pct_gdp"
    elif groups.get("budget"):
        unit = "pct_defence_budget"
    else:
        unit = "percent"
    start = match.start()
    comparator = "exactly"
    before = _COMPARATOR_BEFORE[lang].search(text, max(0, start - 40), start)
    if before:
        comparator = _comparator(before.group("cmp"), lang)
        start = before.start()
    return Quantity(
        comparator=comparator,
        value=_normalised(value),
        unit=unit,
        text=text[start : match.end()],
        start=start,
        end=match.end(),
    )


def find_quantities(text: str, language: str) -> list[Quantity]:
    """Percentages and amounts of money in ``text``, in order of appearance.

    Only "%" figures and currency amounts are taken; bare numbers such as years,
    article or paragraph numbers and counts ("30 pays") never are. A percentage of GDP
    is ``pct_gdp``, of defence budgets or expenditure ``pct_defence_budget``, any other
    ``percent``. Amounts are converted to units ("500 millions" -> 500000000). The
    comparator is read from the words before the figure ("au moins", "up to"…); the
    text of the quantity includes them. Without a comparator it is ``exactly``.
    """
    lang = check_language(language)
    found = [
        _quantity(text, match, lang)
        for pattern in (_AFTER_NUMBER[lang], _BEFORE_NUMBER[lang])
        for match in pattern.finditer(text)
    ]
    return without_overlaps(found)
