"""Find commitment candidates in the clean text of a communiqué paragraph.

Editors confirm every candidate; this module only proposes them. Everything here is a
pure function of its arguments: no database access and no Django imports. Every offset
refers to the string passed in, so ``text[start:end]`` is always the reported text.

The rules are plain regular expressions derived from the French source texts in
``fixtures/sources`` and from the usual wording of English communiqués:

* commitment phrases: "nous nous engageons à", "nous avons convenu", "les Alliés ont
  décidé", first-person plural future verbs ("nous renforcerons"), "l'OTAN continuera",
  "we commit to", "we will", "Allies will", "we endorse"…;
* quantities carrying a comparator: "au moins 2 % de notre produit intérieur brut (PIB)",
  "plus de 500 millions d'euros", "up to 1.5%", "€40 billion"…;
* deadlines: "d'ici à 2050", "by 2035", "within a decade", "réexaminé en 2029", and
  scheduled events such as "notre prochain sommet en 2024";
* a category chosen from keywords with a fixed priority (most specific first).

Non-breaking spaces (U+00A0, U+202F) count as ordinary whitespace and typographic
apostrophes as plain ones, so raw scraped text works as well as collapsed text.
"""

import re
from bisect import bisect_right
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
    phrase: str
    quantities: tuple[Quantity, ...]
    deadlines: tuple[Deadline, ...]
    category: str  # one of CATEGORIES
    bound: str  # one of BOUNDS
    confidence: float


# --------------------------------------------------------------------------- helpers

_FLAGS = re.IGNORECASE
_AP = "['’ʼ]"  # straight and typographic apostrophes


def _alt(parts: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(parts) + ")"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


def _language(language: str) -> str:
    code = (language or "").strip().lower()[:2]
    if code not in LANGUAGES:
        raise ValueError(f"Unsupported language {language!r}; expected one of {LANGUAGES}.")
    return code


def _without_overlaps[T: (Quantity, Deadline)](items: list[T]) -> list[T]:
    """Keep the earliest, then longest, of overlapping matches."""
    items.sort(key=lambda item: (item.start, item.start - item.end))
    kept: list[T] = []
    for item in items:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


# ------------------------------------------------------------------ sentence splitting

_BULLETS = "•▪‣◦●"
_DASHES = "-–—"
_OPENERS = "«\"“‘([¿¡"
_BREAK_RE = re.compile(r"[.!?…]+|:|[•▪‣◦●]")
_CLOSER_RE = re.compile(r"\s?(?:[»”’)\]]|\"(?=\s|$))")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)$")
_PARAGRAPH_NUMBER_RE = re.compile(r"\d{1,3}")
# Words that take a full stop without ending the sentence ("M. Stoltenberg", "p. ex.").
_ABBREVIATIONS = frozenset(
    {
        "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "mr", "mrs", "ms",
        "st", "ste", "sr", "jr", "gen", "gén", "col", "lt", "cdt", "cf", "ex", "vs",
        "env", "approx", "al", "éd", "ed", "coll", "av", "apr", "inc", "ltd", "corp", "dept",
    }
)
# Abbreviations that are only abbreviations before a number ("art. 5", "no. 3").
_NUMBER_ABBREVIATIONS = frozenset(
    {"art", "arts", "no", "nos", "n", "p", "pp", "vol", "ch", "chap", "fig", "para", "sect"}
)


def _skip_space(text: str, index: int, *, bullets: bool = False) -> int:
    size = len(text)
    while index < size:
        char = text[index]
        if char.isspace() or (bullets and char in _BULLETS):
            index += 1
        elif (
            bullets and char in _DASHES and index + 1 < size and text[index + 1].isspace()
        ):
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
        if word and (len(word) == 1 or lowered in _ABBREVIATIONS):
            return False
        if lowered in _NUMBER_ABBREVIATIONS and char.isdigit():
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


# -------------------------------------------------------------------------- quantities

# A number: "2", "1,5", "2.5", "500 000", "1,500,000"; never glued to a word or number.
_NUMBER = (
    r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)

_COMPARATOR_WORDS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "fr": (
        ("at_least", (r"au\s+moins", r"au\s+minimum", r"un\s+minimum\s+de",
                      r"pas\s+moins\s+de", r"minimum(?:\s+de)?")),
        ("at_most", (r"pas\s+plus\s+de", r"au\s+plus", r"au\s+maximum", r"un\s+maximum\s+de",
                     r"maximum(?:\s+de)?")),
        ("more_than", (r"plus\s+de", r"supérieure?s?\s+à", r"au-delà\s+de", r"dépassant")),
        ("up_to", (rf"jusqu{_AP}\s*(?:à|a)",)),
        ("about", (r"environ", r"près\s+de", r"quelque", r"approximativement",
                   r"autour\s+de", rf"de\s+l{_AP}ordre\s+de")),
        ("exactly", (r"exactement", r"précisément")),
    ),
    "en": (
        ("at_least", (r"at\s+least", r"a\s+minimum\s+of", r"no\s+less\s+than",
                      r"not\s+less\s+than", r"minimum\s+of")),
        ("at_most", (r"at\s+most", r"no\s+more\s+than", r"not\s+more\s+than",
                     r"a\s+maximum\s+of", r"maximum\s+of")),
        ("more_than", (r"more\s+than", r"in\s+excess\s+of", r"upwards\s+of", r"over",
                       r"above", r"exceeding")),
        ("up_to", (r"up\s+to",)),
        ("about", (r"about", r"around", r"approximately", r"roughly", r"some", r"nearly",
                   r"almost", r"close\s+to")),
        ("exactly", (r"exactly", r"precisely")),
    ),
}

_PERCENT_SIGN = {"fr": r"(?:%|pour\s*cent\b)", "en": r"(?:%|per\s*cent\b|percent\b)"}
_GDP_TAIL = {
    "fr": (
        rf"\s+(?:de|du|d{_AP})\s*(?:(?:notre|leur|son|sa|nos|leurs|ses|le)\s+|l{_AP})?"
        r"(?:produit\s+intérieur\s+brut(?:\s*\(\s*PIB\s*\))?|PIB\b)"
    ),
    "en": (
        r"\s+of\s+(?:(?:our|their|its|national|annual|the)\s+)*"
        r"(?:GDP\b|gross\s+domestic\s+product(?:\s*\(\s*GDP\s*\))?)"
    ),
}
_BUDGET_TAIL = {
    "fr": (
        rf"\s+(?:de|des|du|d{_AP})\s*(?:(?:nos|leurs|notre|leur|ses|son|sa|les|la|le)\s+|l{_AP})?"
        r"(?:budgets?|dépenses)\s+(?:nationa(?:l|ux|les?)\s+)?"
        r"(?:de\s+(?:la\s+)?défense|militaires?)(?:\s+nationa(?:l|ux|les?)\b)?"
    ),
    "en": (
        r"\s+of\s+(?:(?:our|their|its|national|annual|total|the)\s+)*"
        r"(?:defen[cs]e|military)\s+(?:budgets?|expenditures?|spending)"
    ),
}
_MULTIPLIERS = {
    "fr": {
        "milliard": 10**9, "milliards": 10**9, "md": 10**9, "mds": 10**9,
        "million": 10**6, "millions": 10**6, "m": 10**6, "mille": 10**3, "k": 10**3,
    },
    "en": {
        "trillion": 10**12, "trillions": 10**12, "tn": 10**12,
        "billion": 10**9, "billions": 10**9, "bn": 10**9,
        "million": 10**6, "millions": 10**6, "mn": 10**6, "m": 10**6,
        "thousand": 10**3, "k": 10**3,
    },
}
_CURRENCY_AFTER = {
    "fr": (
        rf"(?:\s*(?:d{_AP}|de\s))?\s*(?P<cur>euros?\b|€|EUR\b|"
        r"dollars?(?:\s+(?:américains|US)\b)?|US\$|\$|USD\b)"
    ),
    "en": r"\s*(?P<cur>euros?\b|€|EUR\b|(?:US\s+)?dollars?\b|US\$|\$|USD\b)",
}
_CURRENCY_BEFORE = r"(?P<cur>€|EUR\b|US\$|USD\b|\$)\s?"


def _comparator_pattern(language: str) -> str:
    words = [word for _, group in _COMPARATOR_WORDS[language] for word in group]
    return rf"(?:\b(?P<cmp>{_alt(words)})\s+)?"


def _multiplier_pattern(language: str) -> str:
    names = sorted(_MULTIPLIERS[language], key=len, reverse=True)
    return rf"(?:\s*(?P<mult>{_alt(names)})\b)?"


def _quantity_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    comparator = _comparator_pattern(language)
    multiplier = _multiplier_pattern(language)
    return (
        _compile(
            rf"{comparator}(?P<num>{_NUMBER})\s*{_PERCENT_SIGN[language]}"
            rf"(?:(?P<gdp>{_GDP_TAIL[language]})|(?P<budget>{_BUDGET_TAIL[language]}))?"
        ),
        _compile(rf"{comparator}(?P<num>{_NUMBER}){multiplier}{_CURRENCY_AFTER[language]}"),
        _compile(rf"{comparator}{_CURRENCY_BEFORE}(?P<num>{_NUMBER}){multiplier}"),
    )


_QUANTITY_PATTERNS = {language: _quantity_patterns(language) for language in LANGUAGES}
_COMPARATOR_LOOKUP = {
    language: tuple(
        (name, _compile(_alt(group))) for name, group in _COMPARATOR_WORDS[language]
    )
    for language in LANGUAGES
}
_THOUSANDS_SEPARATOR = {"fr": ".", "en": ","}


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
    elif len(digits.rsplit(last, 1)[1]) == 3 and last == _THOUSANDS_SEPARATOR[language]:
        digits = digits.replace(last, "")
    else:
        digits = digits.replace(",", ".")
    return Decimal(digits)


def _normalised(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _comparator(words: str | None, language: str) -> str:
    if not words:
        return "exactly"
    for name, pattern in _COMPARATOR_LOOKUP[language]:
        if pattern.fullmatch(words):
            return name
    return "exactly"


def find_quantities(text: str, language: str) -> list[Quantity]:
    """Percentages and amounts of money in ``text``, in order of appearance.

    Only "%" figures and currency amounts are taken; bare numbers such as years,
    article or paragraph numbers and counts ("30 pays") never are. A percentage of GDP
    is ``pct_gdp``, of defence budgets or expenditure ``pct_defence_budget``, any other
    ``percent``. Amounts are converted to units ("500 millions" -> 500000000).
    Without a comparator the comparator is ``exactly``.
    """
    lang = _language(language)
    found: list[Quantity] = []
    for pattern in _QUANTITY_PATTERNS[lang]:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            value = _parse_number(match.group("num"), lang)
            currency = groups.get("cur")
            if currency is None:
                unit = "pct_gdp" if groups.get("gdp") else "percent"
                if groups.get("budget"):
                    unit = "pct_defence_budget"
            else:
                is_euro = "€" in currency or currency.lower().startswith("eur")
                unit = "EUR" if is_euro else "USD"
                multiplier = groups.get("mult")
                if multiplier:
                    value *= _MULTIPLIERS[lang][multiplier.lower()]
            found.append(
                Quantity(
                    comparator=_comparator(groups.get("cmp"), lang),
                    value=_normalised(value),
                    unit=unit,
                    text=match.group(),
                    start=match.start(),
                    end=match.end(),
                )
            )
    return _without_overlaps(found)


# --------------------------------------------------------------------------- deadlines

_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_COUNT_WORDS = {
    "fr": {
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
        "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "quinze": 15, "vingt": 20, "trente": 30,
    },
    "en": {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20,
        "thirty": 30,
    },
}


def _count_pattern(language: str) -> str:
    return _alt([r"\d{1,2}", *sorted(_COUNT_WORDS[language], key=len, reverse=True)])


_DEADLINE_PATTERNS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "fr": (
        ("by", _compile(
            rf"\bd{_AP}\s*ici\s+(?:(?:à|a)\s+)?(?:(?:la\s+)?fin\s+(?:de\s+)?"
            rf"(?:l{_AP}année\s+)?|l{_AP}an(?:née)?\s+|l{_AP}horizon\s+(?:de\s+)?)?{_YEAR}"
        )),
        ("by", _compile(
            rf"\bau\s+plus\s+tard\s+(?:en\s+|d{_AP}\s*ici\s+(?:à\s+)?|(?:à\s+la\s+)?fin\s+"
            rf"(?:de\s+)?|pour\s+)?{_YEAR}"
        )),
        ("by", _compile(rf"\b(?:à|a)\s+l{_AP}horizon\s+(?:de\s+)?{_YEAR}")),
        ("by", _compile(rf"\bavant\s+(?:la\s+)?fin\s+(?:de\s+)?(?:l{_AP}année\s+)?{_YEAR}")),
        ("within", _compile(
            rf"\b(?:dans\s+un\s+délai\s+(?:de\s+|d{_AP})|d{_AP}\s*ici\s+|dans\s+les\s+|"
            rf"en\s+l{_AP}espace\s+(?:de\s+|d{_AP})|sous\s+|au\s+cours\s+des\s+)"
            rf"(?P<count>{_count_pattern('fr')})\s+(?:prochaines\s+)?"
            r"(?P<unit>ans|années|an|décennies|décennie)\b"
        )),
        ("within", _compile(
            rf"\b(?:dans|d{_AP}\s*ici|au\s+cours\s+de|en\s+l{_AP}espace\s+d{_AP})\s*"
            r"(?:une|la|la\s+prochaine)\s+(?P<unit>décennie)\b"
        )),
        ("review", _compile(
            r"\b(?:réexamen|réexamin\w*|révision|révis\w*|réévalu\w*|revue?s?"
            rf"|(?:fera|feront)\s+l{_AP}objet\s+d{_AP}un\s+(?:ré)?examen)"
            rf"(?:\s+[^\s.;:!?]+){{0,4}}?\s+en\s+{_YEAR}"
        )),
        ("in", _compile(rf"\ben\s+{_YEAR}")),
    ),
    "en": (
        ("by", _compile(
            rf"\bby\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+year\s+)?|end[-\s]|year\s+)?{_YEAR}"
        )),
        ("by", _compile(rf"\b(?:no|not)\s+later\s+than\s+(?:the\s+end\s+of\s+)?{_YEAR}")),
        ("by", _compile(rf"\bbefore\s+the\s+end\s+of\s+{_YEAR}")),
        ("within", _compile(
            r"\bwithin\s+(?:the\s+)?(?:next\s+|coming\s+)?"
            rf"(?:(?P<count>{_count_pattern('en')})\s+)?(?P<unit>years?|decades?)\b"
        )),
        ("review", _compile(
            r"\b(?:review(?:ed|s)?|revisit(?:ed|s)?|reassess(?:ed|es)?|re-?examin(?:ed|es|e))"
            rf"(?:\s+[^\s.;:!?]+){{0,4}}?\s+in\s+{_YEAR}"
        )),
        ("in", _compile(rf"\bin\s+{_YEAR}")),
    ),
}
_EVENT_WORDS = {
    "fr": _compile(r"\b(?:sommet|réunion|conférence|anniversaire|rencontre|session)s?\b"),
    "en": _compile(r"\b(?:summit|meeting|conference|anniversary|session)s?\b"),
}
_FUTURE_MARKERS = {
    "fr": _compile(
        r"\b(?:prochaine?s?|tiendra|tiendront|se\s+déroulera|aura\s+lieu|auront\s+lieu"
        r"|retrouver|hâte|accueillera|organisera|sera\s+organisée?)\b"
    ),
    "en": _compile(
        r"\b(?:next|upcoming|forthcoming|will|shall|look\s+forward|to\s+be\s+held)\b"
    ),
}
_SENTENCE_END_RE = re.compile(r"[.!?]\s")


def _is_scheduled_event(
    text: str, start: int, end: int, year: int, lang: str, reference_year: int | None
) -> bool:
    """Whether "en 2024" names an upcoming meeting rather than a past fact."""
    before = text[max(0, start - 150) : start]
    cut = None
    for cut in _SENTENCE_END_RE.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end() :]
    after = text[end : end + 80]
    stop = _SENTENCE_END_RE.search(after)
    if stop is not None:
        after = after[: stop.start()]
    context = f"{before} {after}"
    if not _EVENT_WORDS[lang].search(context):
        return False
    if reference_year is not None:
        return year >= reference_year
    return bool(_FUTURE_MARKERS[lang].search(context))


def find_deadlines(
    text: str, language: str, reference_year: int | None = None
) -> list[Deadline]:
    """Target years in ``text``, in order of appearance.

    ``by``: "d'ici à 2050", "au plus tard en 2030", "by 2035", "no later than 2030";
    ``within``: "within a decade", "d'ici dix ans" (the year is ``reference_year`` plus
    the span, or 0 without a reference year); ``review``: "réexaminé en 2029",
    "reviewed in 2029"; ``in``: a scheduled event ("notre prochain sommet en 2024"),
    kept only when it lies in the future of ``reference_year`` (or, without one, when
    the wording says so). Deadlines without a year ("d'ici le printemps") are skipped.
    """
    lang = _language(language)
    found: list[Deadline] = []
    for kind, pattern in _DEADLINE_PATTERNS[lang]:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if kind == "within":
                count_text = (groups.get("count") or "1").lower()
                count = int(count_text) if count_text.isdigit() else _COUNT_WORDS[lang][count_text]
                unit = groups["unit"].lower()
                span = count * (10 if unit.startswith(("déc", "dec")) else 1)
                year = reference_year + span if reference_year is not None else 0
            else:
                year = int(groups["year"])
                if kind == "in" and not _is_scheduled_event(
                    text, match.start(), match.end(), year, lang, reference_year
                ):
                    continue
            found.append(Deadline(year, kind, match.group(), match.start(), match.end()))
    return _without_overlaps(found)


# -------------------------------------------------------------------------- categories

# Most specific first: the first category whose keywords appear wins.
_CATEGORY_PRIORITY: tuple[str, ...] = (
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

_CATEGORY_KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "major_equipment": (r"équipements?\s+majeurs?", r"grands\s+équipements",
                            r"matériels?\s+majeurs?"),
        "defence_spending": (r"(?<![\d.,])2\s*%", r"produit\s+intérieur\s+brut", r"(?-i:\bPIB\b)",
                             r"dépenses\s+(?:de\s+(?:la\s+)?défense|militaires)",
                             r"budgets?\s+(?:de\s+(?:la\s+)?défense|militaires?)",
                             r"investissements?\s+(?:dans\s+la|de)\s+défense",
                             rf"engagement\s+d{_AP}investissement", r"financement\s+commun"),
        "ukraine": (r"ukrain", r"(?-i:\b(?:PAC|CAP|NSATU)\b)", r"zelensk", r"\bkyiv\b",
                    rf"programme\s+global\s+d{_AP}assistance"),
        "arms_control": (r"maîtrise\s+des\s+armements", r"contrôle\s+des\s+armements",
                         r"non-?prolifération", r"désarmement",
                         r"(?-i:\b(?:TNP|FCE|START|TPNW|TICE)\b)",
                         r"réduction\s+des\s+risques\s+stratégiques"),
        "nuclear": (rf"(?<!dotés\sd{_AP}armes\s)nucléaires?",),
        "climate": (r"climat", r"émissions?\b", r"gaz\s+à\s+effet\s+de\s+serre", r"carbone"),
        "energy": (r"énergi",),
        "space": (r"\bespace\b(?!\s+aérien)", r"spatia(?:l|le|les|ux)\b", r"contre-espace"),
        "cyber": (r"cyber",),
        "hybrid": (r"hybrides?\b", r"désinformation", r"mésinformation", r"ingérences?\b"),
        "counter_terrorism": (r"terroris", r"\bdaech\b", r"\beiil\b"),
        "human_security": (r"femmes,?\s+(?:la\s+)?paix\s+et\s+(?:la\s+)?sécurité",
                           r"sécurité\s+humaine", r"enfants\s+et\s+(?:les\s+)?conflits\s+armés",
                           r"traite\s+des\s+êtres\s+humains", r"égalité\s+des\s+sexes",
                           r"\bgenre\b"),
        "innovation": (r"innov", r"technologies?\s+(?:émergentes|de\s+rupture|perturbatrices)",
                       r"(?-i:\bDIANA\b)", r"start-?ups?\b", r"intelligence\s+artificielle",
                       r"quantiques?", r"transformation\s+numérique"),
        "industry": (r"industri", r"production\s+de\s+défense", r"\bproduction\b",
                     r"munitions?\b", r"acquisitions?\b", r"obstacles\s+au\s+commerce"),
        "enlargement": (r"adhésion", r"porte\s+ouverte", r"finlande", r"suède",
                        r"nouveaux?\s+membres?", r"membres?\s+à\s+part\s+entière",
                        r"élargissement", r"deviendra\s+membre", r"(?-i:\bMAP\b)"),
        "resilience": (r"résilien", r"infrastructures?\s+(?:critiques|essentielles|sous-marines)",
                       rf"chaînes?\s+d{_AP}approvisionnement", r"préparation\s+civile",
                       r"vulnérabilités"),
        "partnerships": (r"partenaires?\b", r"partenariats?\b", r"(?-i:\bUE\b)",
                         r"union\s+européenne", r"indo-?pacifique", r"balkans",
                         r"géorgi", r"moldav", r"moldova", r"bosnie", r"serbie", r"kosovo",
                         r"\bira[qk]\b", r"jordan", r"dialogue\s+méditerranéen",
                         r"union\s+africaine", r"nations\s+unies",
                         r"organisations?\s+internationales", r"bureau\s+de\s+liaison"),
        "deterrence": (r"dissuasion", r"défense\s+collective", r"\bposture\b",
                       r"plans?\s+de\s+défense", r"flanc\s+(?:est|oriental)",
                       r"défense\s+aérienne", r"antimissile", r"(?-i:\b(?:IAMD|BMD)\b)",
                       r"modèle\s+de\s+forces?", r"\brenforts?\b", r"\bforces\b",
                       r"commandement\s+et\s+(?:le\s+)?contrôle", r"interopérabilité"),
    },
    "en": {
        "major_equipment": (r"major\s+equipment",),
        "defence_spending": (r"(?<![\d.,])2\s*%", r"(?-i:\bGDP\b)", r"gross\s+domestic\s+product",
                             r"defen[cs]e\s+(?:spending|expenditures?|budgets?)",
                             r"military\s+(?:spending|expenditures?|budgets?)",
                             r"defen[cs]e\s+investment\s+pledge",
                             r"invest(?:ing|ment)?\s+in\s+defen[cs]e", r"common\s+funding"),
        "ukraine": (r"ukrain", r"(?-i:\b(?:CAP|NSATU)\b)", r"zelensk", r"\bkyiv\b",
                    r"comprehensive\s+assistance\s+package"),
        "arms_control": (r"arms\s+control", r"non-?proliferation", r"disarmament",
                         r"(?-i:\b(?:NPT|CFE|START|TPNW|CTBT)\b)", r"risk\s+reduction"),
        "nuclear": (r"nuclear(?!-armed)",),
        "climate": (r"climat", r"emissions?\b", r"greenhouse\s+gas", r"net[-\s]zero",
                    r"carbon"),
        "energy": (r"\benerg",),
        "space": (r"(?<![-\w])space\b", r"outer\s+space", r"space-based"),
        "cyber": (r"cyber",),
        "hybrid": (r"hybrid\b", r"disinformation", r"misinformation", r"interference"),
        "counter_terrorism": (r"terroris", r"\bdaesh\b", r"\bisis\b", r"\bisil\b"),
        "human_security": (r"women,?\s+peace\s+and\s+security", r"human\s+security",
                           r"children\s+and\s+armed\s+conflict",
                           r"trafficking\s+in\s+human\s+beings", r"gender"),
        "innovation": (r"innovat", r"(?:emerging|disruptive)\s+(?:and\s+disruptive\s+)?"
                       r"technolog", r"(?-i:\bDIANA\b)", r"start-?ups?\b",
                       r"artificial\s+intelligence", r"quantum", r"digital\s+transformation"),
        "industry": (r"industr", r"\bproduction\b", r"munitions?\b", r"procurement",
                     r"trade\s+barriers"),
        "enlargement": (r"membership", r"accession", r"open\s+door", r"finland", r"sweden",
                        r"new\s+members?", r"enlargement", r"(?-i:\bMAP\b)"),
        "resilience": (r"resilien", r"critical\s+(?:undersea\s+)?infrastructure",
                       r"undersea\s+infrastructure", r"supply\s+chains?",
                       r"civil\s+preparedness", r"vulnerabilit"),
        "partnerships": (r"partners?\b", r"partnerships?\b", r"(?-i:\bEU\b)",
                         r"european\s+union", r"indo-?pacific", r"balkans", r"georgia",
                         r"moldova", r"bosnia", r"serbia", r"kosovo", r"\biraq\b", r"jordan",
                         r"mediterranean\s+dialogue", r"african\s+union", r"united\s+nations",
                         r"international\s+organi[sz]ations", r"liaison\s+office"),
        "deterrence": (r"deterren", r"collective\s+defen[cs]e", r"\bposture\b",
                       r"defen[cs]e\s+plans?", r"eastern\s+flank",
                       r"air\s+and\s+missile\s+defen[cs]e", r"(?-i:\b(?:IAMD|BMD)\b)",
                       r"force\s+model", r"reinforcement", r"\bforces\b",
                       r"command\s+and\s+control", r"interoperability"),
    },
}
_CATEGORY_PATTERNS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    language: tuple(
        (slug, _compile(_alt(keywords[slug]))) for slug in _CATEGORY_PRIORITY
    )
    for language, keywords in _CATEGORY_KEYWORDS.items()
}


def guess_category(text: str, language: str) -> str:
    """The category of ``text`` from the words it uses (one of CATEGORIES).

    When keywords of several categories appear, the most specific wins by a fixed
    priority: major equipment before defence spending, Ukraine before deterrence,
    climate before energy, and the broad "partnerships" and "deterrence" last.
    Without any keyword the category is "other".
    """
    lang = _language(language)
    for slug, pattern in _CATEGORY_PATTERNS[lang]:
        if pattern.search(text):
            return slug
    return "other"


# -------------------------------------------------------------------- commitment rules

_ADVERB_FR = rf"(?:aujourd{_AP}hui|également|aussi|donc|ensemble|déjà|encore|enfin|désormais" \
    r"|toujours|[^\W\d_]+ment)"
_ADVERBS_FR = rf"(?:\s+{_ADVERB_FR}){{0,2}}"
_ADVERB_EN = r"(?:today|also|jointly|collectively|individually|further|therefore|again|now" \
    r"|hereby|all|each|[^\W\d_]+ly)"
_ADVERBS_EN = rf"(?:{_ADVERB_EN}\s+){{0,2}}"
_PRONOUNS_FR = rf"(?:(?:nous|le|la|les|lui|leur|y|en)\s+|l{_AP})?"
# First-person plural future ("renforcerons", "mettrons", "poursuivrons", "serons"…),
# minus present tenses and nouns with the same ending ("tirons", "œuvrons", "environs").
_FUTURE_1PL = (
    r"(?!(?:(?:re|at)?tir|admir|aspir|inspir|désir|expir|soupir|envir|potir|œuvr|oeuvr"
    r"|(?:dé)?livr|(?:r|entr)?ouvr|(?:dé|re)?couvr|escadr|chaudr)ons\b)"
    r"(?:[^\W\d_]+(?:erons|irons|drons|ttrons|vrons|rrons|îtrons)|aurons|saurons)\b"
)
# Third-person future and conditional ("continuera", "continueront", "continueraient"),
# minus look-alikes and agenda verbs that announce a meeting rather than a commitment.
_FUTURE_3 = (
    r"(?!(?:(?:re|at)?tir|admir|aspir|inspir|désir|œuvr|oeuvr|(?:dé)?livr|(?:r|entr)?ouvr"
    r"|(?:dé|re)?couvr)(?:a|ait|aient)\b)"
    r"(?!(?:aborder|analyser|réunir|examiner|rencontrer|discuter|débattr|entretiendr"
    r"|retrouver|pencher)\w*\b)"
    r"(?:[^\W\d_]+(?:eront|iront|dront|ttront|vront|rront|îtront|eraient|iraient|draient"
    r"|ttraient|vraient|rraient|îtraient|era|ira|dra|ttra|vra|rra|îtra|erait|irait|drait"
    r"|ttrait|vrait|rrait|îtrait)|auront|sauront|auraient|aura|saura|aurait)\b"
)

_NAMED_FR = _alt(
    (
        r"albanie", r"belgique", r"bulgarie", r"canada", r"croatie", r"tchéquie",
        r"république\s+tchèque", r"danemark", r"estonie", r"finlande", r"france",
        r"allemagne", r"grèce", r"hongrie", r"islande", r"italie", r"lettonie", r"lituanie",
        r"luxembourg", r"monténégro", r"pays-bas", r"macédoine\s+du\s+nord", r"norvège",
        r"pologne", r"portugal", r"roumanie", r"slovaquie", r"slovénie", r"espagne", r"suède",
        r"turquie", r"türkiye", r"royaume-uni", r"[ée]tats-unis", r"ukraine", r"géorgie",
        r"moldavie", r"(?:république\s+de\s+)?moldova", r"bosnie-herzégovine", r"serbie",
        r"kosovo", r"australie", r"japon", r"nouvelle-zélande", r"république\s+de\s+corée",
        r"corée\s+du\s+sud", r"union\s+européenne", r"(?-i:UE)", r"jordanie", r"ira[qk]",
        r"tunisie", r"mauritanie", r"suisse", r"autriche", r"irlande", r"malte",
    )
)
_NAMED_EN = _alt(
    (
        r"albania", r"belgium", r"bulgaria", r"canada", r"croatia", r"czechia",
        r"czech\s+republic", r"denmark", r"estonia", r"finland", r"france", r"germany",
        r"greece", r"hungary", r"iceland", r"italy", r"latvia", r"lithuania", r"luxembourg",
        r"montenegro", r"netherlands", r"north\s+macedonia", r"norway", r"poland",
        r"portugal", r"romania", r"slovakia", r"slovenia", r"spain", r"sweden", r"türkiye",
        r"turkey", r"united\s+kingdom", r"(?-i:UK|US|EU)", r"united\s+states", r"ukraine",
        r"georgia", r"moldova", r"bosnia\s+and\s+herzegovina", r"serbia", r"kosovo",
        r"australia", r"japan", r"new\s+zealand", r"republic\s+of\s+korea", r"south\s+korea",
        r"european\s+union", r"jordan", r"iraq", r"tunisia", r"mauritania", r"switzerland",
        r"austria", r"ireland", r"malta",
    )
)
_ARTICLE_FR = rf"(?:l{_AP}|la\s+|le\s+|les\s+)"
_NAMED_SUBJECT_FR = (
    rf"{_ARTICLE_FR}?\b{_NAMED_FR}\b(?:(?:\s*,\s*|\s+et\s+){_ARTICLE_FR}?{_NAMED_FR}\b)*"
)
_NAMED_SUBJECT_EN = rf"(?:the\s+)?\b{_NAMED_EN}\b(?:(?:\s*,\s*|\s+and\s+)(?:the\s+)?{_NAMED_EN}\b)*"

_SUBJECT_FR = (
    rf"(?:tous\s+les\s+|les\s+|nos\s+|ses\s+|leurs\s+)alliés\b"
    r"|les\s+(?:pays|nations|états)\s+(?:membres|alliés)\b"
    rf"|les\s+pays\s+de\s+l{_AP}(?:alliance|otan)\b|les\s+nations\s+alliées\b"
    rf"|(?:les\s+)?membres\s+de\s+l{_AP}(?:otan|alliance)\b"
    rf"|la\s+mission\s+de\s+l{_AP}otan(?:\s+en\s+[^\W\d_]+)?"
    rf"|l{_AP}otan\b|l{_AP}alliance\b|l{_AP}organisation\b|la\s+kfor\b|les\s+ministres\b"
)
_SUBJECT_EN = (
    r"(?:all\s+|nato\s+|the\s+)?allies\b|the\s+member\s+(?:states|countries)\b|nato\b"
    r"|the\s+alliance\b|the\s+organi[sz]ation\b|kfor\b|(?:nato\s+)?ministers\b"
)
# Who may make a collective decision, found anywhere before the verb in the sentence.
_DECIDER = {
    "fr": _compile(
        rf"\b(?:{_SUBJECT_FR}|les\s+dirigeants\b|les\s+chefs\s+d{_AP}[ée]tat\b|ils\b"
        rf"|elles\b|{_NAMED_SUBJECT_FR})"
    ),
    "en": _compile(
        rf"\b(?:{_SUBJECT_EN}|(?:nato\s+)?leaders\b|heads\s+of\s+state\s+and\s+government\b"
        rf"|they\b|{_NAMED_SUBJECT_EN})"
    ),
}
_ALLIES_HEAD = {
    "fr": _compile(
        r"(?:tous\s+les\s+|les\s+|nos\s+|ses\s+|leurs\s+)?alliés\b|les\s+(?:pays|nations|états)\b"
        r"|(?:les\s+)?membres\b|ils\b|elles\b"
    ),
    "en": _compile(r"(?:all\s+|nato\s+|the\s+)?allies\b|the\s+member\b|they\b"),
}
_NAMED = {
    "fr": _compile(rf"\b{_NAMED_FR}\b"),
    "en": _compile(rf"\b{_NAMED_EN}\b"),
}
_NATIONAL = {
    "fr": _compile(
        r"\bnationa(?:l|le|les|ux)\b|individuellement|chaque\s+allié"
        r"|\bnotre\s+(?:pib|produit\s+intérieur\s+brut)"
        r"|\bnos\s+(?:budgets|dépenses|forces|cyberdéfenses?|infrastructures)"
        r"|\binvestir\b|\bdépenser\b|fournir\s+(?:les|des|nos)\s+forces"
    ),
    "en": _compile(
        r"\bnational\b|individually|each\s+ally"
        r"|\bour\s+(?:gdp|gross\s+domestic\s+product|defen[cs]e\s+(?:budgets?|spending)"
        r"|forces|infrastructure)|\binvest\b|\bspend\b|provide\s+(?:the\s+|our\s+)?forces"
    ),
}
_NOUS = _compile(r"\bnous\b")
_LIST_LEAD = _compile(r"\b(?:nous\s+avons|we\s+have)\s*:$")
_LIST_ITEM = {
    "fr": _compile(r"(?:convenu|décidé|approuvé|adopté|réaffirmé|entériné)\b"),
    "en": _compile(r"(?:agreed|decided|endorsed|approved|adopted|reaffirmed|tasked)\b"),
}

# Strength of each kind of phrase: the base of a candidate's confidence.
_COMMIT = 0.8
_DECISION = 0.7
_NAMED_PLEDGE = 0.65
_FUTURE = 0.55
_RESOLVE = 0.45


@dataclass(frozen=True)
class _Rule:
    """One commitment phrase and how to read it.

    ``bound`` is "alliance", "each_ally" or "named" when fixed by the phrase, "subject"
    when it follows the grammatical subject, and "auto" for first-person phrases (a
    national pledge when the sentence speaks of national budgets, forces or GDP).
    ``check`` asks for an allied subject before the verb ("subject") or for an earlier
    "nous" in the sentence ("nous", for "… et veillerons à").
    """

    pattern: re.Pattern[str]
    strength: float
    bound: str
    check: str = ""
    needs_amount: bool = False


def _rules_fr() -> tuple[_Rule, ...]:
    adv = _ADVERBS_FR
    return (
        _Rule(_compile(rf"\bnous\s+nous\s+engageons{adv}\s+(?:à|a)\b"), _COMMIT, "auto"),
        _Rule(
            _compile(rf"\bnous\s+nous\s+sommes{adv}\s+engagée?s(?:\s+(?:à|a)\b)?"),
            _COMMIT, "auto",
        ),
        _Rule(
            _compile(
                rf"\bnous\s+(?:réaffirmons|réitérons|renouvelons|confirmons){adv}\s+"
                rf"(?:(?:notre|nos)\s+(?:[^\W\d_]+\s+)?(?:engagements?|attachement)"
                rf"|l{_AP}engagement)\b"
            ),
            _COMMIT - 0.05, "auto",
        ),
        _Rule(
            _compile(
                r"\bnous\s+(?:sommes|restons|demeurons)(?:\s+[^\W\d_]+){0,2}\s+"
                r"dans\s+notre\s+engagement\b"
            ),
            _DECISION, "auto",
        ),
        _Rule(
            _compile(
                rf"\bnous\s+(?:avons|avions){adv}\s+(?:convenu|décidé|approuvé|adopté|entériné"
                r"|acté|chargé|pris\s+(?:des|les|la|de\s+nouvelles)\s+décisions?)\b"
            ),
            _DECISION, "alliance",
        ),
        _Rule(_compile(rf"\bnous\s+sommes{adv}\s+convenue?s\b"), _DECISION, "alliance"),
        _Rule(
            _compile(
                r"\bnous\s+(?:approuvons|adoptons|entérinons|décidons|convenons|chargeons)\b"
            ),
            _DECISION, "alliance",
        ),
        _Rule(
            _compile(rf"\bnous\s+continuerons{adv}\s+(?:de\b|d{_AP}|à\b|a\b)"), _FUTURE, "auto"
        ),
        _Rule(_compile(r"\bnous\s+allons\b"), _FUTURE, "auto"),
        _Rule(
            _compile(
                rf"\bnous\s+(?:ne\s+|n{_AP})?{_PRONOUNS_FR}(?:{_ADVERB_FR}\s+)?{_FUTURE_1PL}"
            ),
            _FUTURE, "auto",
        ),
        _Rule(
            _compile(rf"\bet\s+(?:ne\s+|n{_AP})?{_PRONOUNS_FR}(?:{_ADVERB_FR}\s+)?{_FUTURE_1PL}"),
            _FUTURE - 0.05, "auto", check="nous",
        ),
        _Rule(
            _compile(
                rf"\bnous\s+(?:sommes|restons|demeurons){adv}\s+"
                r"(?:déterminée?s|résolue?s|attachée?s)\s+(?:à|au|aux)\b"
            ),
            _RESOLVE, "auto",
        ),
        # Third person: "L'OTAN continuera", "Les Alliés veilleront", "l'OTAN et l'UE…".
        _Rule(
            _compile(
                rf"(?<!\bde\s)(?<!\bdu\s)\b(?P<subj>{_SUBJECT_FR})"
                r"(?P<gap>(?:\s+(?!(?:que|qui)\b)[^\s.,;:!?«»\"“”]+){0,6}?)"
                rf"\s+(?:ne\s+|n{_AP})?(?:se\s+|s{_AP}|(?:le|la|les|lui|leur|y|en)\s+)?"
                rf"{_FUTURE_3}"
            ),
            _FUTURE, "subject",
        ),
        _Rule(
            _compile(
                rf"\b(?:ont|avaient|auraient){adv}\s+(?:décidé|convenu|approuvé|adopté"
                rf"|entériné|acté)\b|\b(?:ont|avaient){adv}\s+chargé\s+(?:le|la|les|l{_AP})"
                rf"|\b(?:ont|avaient){adv}\s+pris\s+(?:des|les|de\s+nouvelles)\s+décisions\b"
                rf"|\bse\s+sont{adv}\s+mis\s+d{_AP}accord\b|\bsont{adv}\s+convenus\b"
            ),
            _DECISION, "alliance", check="subject",
        ),
        _Rule(
            _compile(
                rf"\b(?:ont|avaient){adv}\s+annoncé\s+l{_AP}adoption\s+d{_AP}un\s+engagement\b"
            ),
            _COMMIT, "alliance", check="subject",
        ),
        _Rule(
            _compile(
                rf"\bse\s+sont{adv}\s+engagée?s\s+(?:à|a)\b|\bs{_AP}est{adv}\s+engagée?\s+"
                rf"(?:à|a)\b|\bs{_AP}engagen?t?{adv}\s+(?:à|a)\b"
            ),
            _COMMIT - 0.05, "subject", check="subject",
        ),
        _Rule(
            _compile(rf"\b(?:ont|avaient){adv}\s+(?:engagé|promis|alloué|consacré)\b"),
            _DECISION, "each_ally", check="subject", needs_amount=True,
        ),
        _Rule(
            _compile(
                rf"\b(?:restent|demeurent|sont|reste|demeure|est){adv}\s+"
                r"(?:déterminée?s?|résolue?s?|attachée?s?)\s+(?:à|au|aux)\b"
                rf"|\b(?:ont|avaient){adv}\s+(?:exprimé|réaffirmé)\s+leur\s+"
                r"(?:[^\W\d_]+\s+)?(?:détermination|volonté|engagement|attachement)\b"
            ),
            _RESOLVE, "subject", check="subject",
        ),
        # Named allies or partners: "L'Allemagne et les Pays-Bas se sont engagés à".
        _Rule(
            _compile(
                rf"\b(?P<subj>{_NAMED_SUBJECT_FR})\s+(?:{_ADVERB_FR}\s+)?"
                rf"(?:s{_AP}engagen?t?\s+(?:à|a)\b|se\s+sont\s+engagée?s\b"
                rf"|s{_AP}est\s+engagée?\b|(?:a|ont)\s+(?:décidé|promis|convenu|annoncé)\b"
                rf"|(?:ne\s+)?{_FUTURE_3})"
            ),
            _NAMED_PLEDGE, "named",
        ),
    )


def _rules_en() -> tuple[_Rule, ...]:
    adv = _ADVERBS_EN
    return (
        _Rule(
            _compile(
                rf"\bwe\s+{adv}(?:have\s+|had\s+)?{adv}commit(?:ted)?\s+(?:ourselves\s+)?to\b"
            ),
            _COMMIT, "auto",
        ),
        _Rule(_compile(rf"\bwe\s+(?:are|remain)\s+{adv}committed\s+to\b"), _COMMIT - 0.05, "auto"),
        _Rule(
            _compile(
                rf"\bwe\s+{adv}(?:reaffirm|reiterate|renew)\s+(?:our|the)\s+"
                r"(?:[\w-]+\s+){0,2}?commitments?\b"
            ),
            _COMMIT - 0.05, "auto",
        ),
        _Rule(_compile(rf"\bwe\s+(?:have\s+)?{adv}pledged?\b"), _COMMIT - 0.05, "auto"),
        _Rule(
            _compile(
                rf"\bwe\s+{adv}(?:have\s+|had\s+)?{adv}(?:agreed|agree\s+to|decided"
                r"|decide\s+to|endorsed?|approved?|adopted?|tasked|task)\b"
            ),
            _DECISION, "alliance",
        ),
        _Rule(
            _compile(
                rf"\bwe\s+{adv}(?:will|shall)\b|\bwe{_AP}ll\b|\bwe\s+are\s+going\s+to\b"
            ),
            _FUTURE, "auto",
        ),
        _Rule(
            _compile(rf"\bwe\s+(?:are|remain)\s+{adv}(?:determined|resolved|resolute)\b"),
            _RESOLVE, "auto",
        ),
        _Rule(
            _compile(
                rf"(?<!\bof\s)\b(?P<subj>{_SUBJECT_EN})"
                r"(?P<gap>(?:\s+(?!(?:that|which|who)\b)[^\s.,;:!?\"“”]+){0,6}?)"
                r"\s+(?:will|shall|would)\b(?!\s+(?:discuss|meet|address|examine)\b)"
            ),
            _FUTURE, "subject",
        ),
        _Rule(
            _compile(
                rf"\b(?:(?:have|has|had)\s+)?{adv}(?:agreed|decided|endorsed|approved|adopted"
                r"|tasked)\b"
            ),
            _DECISION, "alliance", check="subject",
        ),
        _Rule(
            _compile(r"\bannounced\s+the\s+adoption\s+of\s+a\s+(?:pledge|commitment)\b"),
            _COMMIT, "alliance", check="subject",
        ),
        _Rule(
            _compile(
                rf"\b(?:(?:have|has|had)\s+)?{adv}(?:committed|pledged)\s+"
                rf"(?:themselves\s+|itself\s+)?to\b|\bcommits?\s+to\b"
                rf"|\b(?:remain|remains|are|is)\s+{adv}committed\s+to\b"
            ),
            _COMMIT - 0.05, "subject", check="subject",
        ),
        _Rule(
            _compile(rf"\b(?:(?:have|has|had)\s+)?{adv}(?:committed|pledged|allocated)\b"),
            _DECISION, "each_ally", check="subject", needs_amount=True,
        ),
        _Rule(
            _compile(rf"\b(?:remain|remains|are|is)\s+{adv}(?:determined|resolved)\s+to\b"),
            _RESOLVE, "subject", check="subject",
        ),
        _Rule(
            _compile(
                rf"\b(?P<subj>{_NAMED_SUBJECT_EN})\s+{adv}(?:will|shall"
                r"|(?:has|have)\s+(?:committed|pledged|agreed|decided)|committed|pledged"
                r"|agreed|decided|commits?\s+to)\b"
            ),
            _NAMED_PLEDGE, "named",
        ),
    )


_RULES: dict[str, tuple[_Rule, ...]] = {"fr": _rules_fr(), "en": _rules_en()}


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    rule: _Rule
    subject: str  # the grammatical subject and what follows it up to the verb, if known


def _phrase_hits(
    text: str,
    lang: str,
    sentences: list[tuple[int, int]],
    quantities: list[Quantity],
) -> dict[int, list[_Hit]]:
    """Commitment phrases found in ``text``, grouped by sentence index."""
    starts = [start for start, _ in sentences]
    hits: dict[int, list[_Hit]] = {}
    for rule in _RULES[lang]:
        for match in rule.pattern.finditer(text):
            index = bisect_right(starts, match.start()) - 1
            if index < 0:
                continue
            sentence_start, sentence_end = sentences[index]
            if match.end() > sentence_end:
                continue
            subject = ""
            groups = match.groupdict()
            if groups.get("subj"):
                subject = groups["subj"] + (groups.get("gap") or "")
            if rule.check == "subject":
                window_start = max(sentence_start, match.start() - 250)
                deciders = list(_DECIDER[lang].finditer(text, window_start, match.start()))
                if not deciders:
                    continue
                subject = text[deciders[-1].start() : match.start()]
            elif rule.check == "nous" and not _NOUS.search(text, sentence_start, match.start()):
                continue
            if rule.needs_amount and not any(
                q.unit in {"EUR", "USD"} and match.end() <= q.start and q.end <= sentence_end
                for q in quantities
            ):
                continue
            hits.setdefault(index, []).append(_Hit(match.start(), match.end(), rule, subject))
    return hits


def _bound(hit: _Hit, quote: str, quantities: tuple[Quantity, ...], lang: str) -> str:
    if hit.subject and _NAMED[lang].search(hit.subject):
        return "named"
    mode = hit.rule.bound
    if mode in BOUNDS:
        return mode
    if mode == "subject":
        return "each_ally" if _ALLIES_HEAD[lang].match(hit.subject.strip()) else "alliance"
    national_units = {"pct_gdp", "pct_defence_budget"}
    if any(q.unit in national_units for q in quantities) or _NATIONAL[lang].search(quote):
        return "each_ally"
    return "alliance"


def find_candidates(
    text: str, language: str, reference_year: int | None = None
) -> list[Candidate]:
    """Commitment candidates in ``text`` (a paragraph), in order of appearance.

    The quote is the sentence carrying the commitment phrase, extended to the next
    sentence when it ends with a colon (a list follows); each sentence gives at most
    one candidate, built on its strongest phrase. Items of a list introduced by "Nous
    avons :" / "We have:" that open with a participle ("Convenu de…") count as
    decisions. Quantities and deadlines are those inside the quote; ``reference_year``
    (the year of the summit) resolves "within a decade" and past or future events.
    """
    lang = _language(language)
    sentences = split_sentences(text)
    if not sentences:
        return []
    quantities = find_quantities(text, lang)
    deadlines = find_deadlines(text, lang, reference_year)
    hits = _phrase_hits(text, lang, sentences, quantities)
    list_rule = _Rule(_LIST_ITEM[lang], _DECISION - 0.05, "alliance")

    candidates: list[Candidate] = []
    in_list = False
    skip_until = -1
    for index, (start, end) in enumerate(sentences):
        if index <= skip_until:
            continue
        sentence_hits = hits.get(index, [])
        if not sentence_hits and in_list:
            item = _LIST_ITEM[lang].match(text, start, end)
            if item:
                sentence_hits = [_Hit(item.start(), item.end(), list_rule, "")]
        if _LIST_LEAD.search(text, start, end):
            in_list = True
        if not sentence_hits:
            continue
        hit = max(sentence_hits, key=lambda h: (h.rule.strength, -h.start, h.end - h.start))
        if text[start:end].endswith(":") and index + 1 < len(sentences):
            end = sentences[index + 1][1]
            skip_until = index + 1
        quote = text[start:end]
        inside_quantities = tuple(q for q in quantities if start <= q.start and q.end <= end)
        inside_deadlines = tuple(d for d in deadlines if start <= d.start and d.end <= end)
        category = guess_category(text[hit.start : end], lang)
        if category == "other":
            category = guess_category(quote, lang)
        confidence = hit.rule.strength
        confidence += 0.1 if inside_quantities else 0.0
        confidence += 0.05 if inside_deadlines else 0.0
        candidates.append(
            Candidate(
                start=start,
                end=end,
                quote=quote,
                phrase=" ".join(text[hit.start : hit.end].split()),
                quantities=inside_quantities,
                deadlines=inside_deadlines,
                category=category,
                bound=_bound(hit, quote, inside_quantities, lang),
                confidence=round(min(confidence, 0.99), 2),
            )
        )
    return candidates
