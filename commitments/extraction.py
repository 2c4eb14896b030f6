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
    phrase: str  # the commitment phrase as matched, whitespace collapsed
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


def _grouped(parts: list[str] | tuple[str, ...], *, case_sensitive: bool = False) -> str:
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
        f"{key}{_alt(sorted(rests, key=len, reverse=True))}" for key, rests in groups.items()
    ]
    return _alt(branches + loose)


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
_OPENERS = '«"“‘([¿¡'
_BREAK_RE = re.compile(r"[.!?…]+|:|[•▪‣◦●]")
_CLOSER_RE = re.compile(r"\s?(?:[»”’)\]]|\"(?=\s|$))")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)$")
_PARAGRAPH_NUMBER_RE = re.compile(r"\d{1,3}")
# Words that take a full stop without ending the sentence ("Mme.", "p. ex."); any single
# letter does too ("M. Stoltenberg", "U.S.", "e.g.").
_ABBREVIATIONS = frozenset(
    {
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "dr",
        "pr",
        "mgr",
        "mr",
        "mrs",
        "ms",
        "st",
        "ste",
        "sr",
        "jr",
        "gen",
        "gén",
        "col",
        "lt",
        "cdt",
        "cf",
        "ex",
        "vs",
        "env",
        "approx",
        "al",
        "éd",
        "ed",
        "coll",
        "av",
        "apr",
        "inc",
        "ltd",
        "corp",
        "dept",
    }
)
# Abbreviations that are only abbreviations before a number ("art. 5", "no. 3").
_NUMBER_ABBREVIATIONS = frozenset(
    {"art", "arts", "no", "nos", "pp", "vol", "ch", "chap", "fig", "para", "sect"}
)


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

# A number: "2", "1,5", "2.5", "500 000", "1,500,000"; never glued to a word or a number.
# It starts with a digit (so that the regex engine can scan fast) and looks back from
# there.
_NUMBER = r"\d(?<![\w.,]\d)(?:\d{0,2}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d*(?:[.,]\d+)?)(?!\d)"

_COMPARATOR_WORDS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "fr": (
        (
            "at_least",
            (
                r"au\s+moins",
                r"au\s+minimum",
                r"un\s+minimum\s+de",
                r"pas\s+moins\s+de",
                r"minimum(?:\s+de)?",
            ),
        ),
        (
            "at_most",
            (
                r"pas\s+plus\s+de",
                r"au\s+plus",
                r"au\s+maximum",
                r"un\s+maximum\s+de",
                r"maximum(?:\s+de)?",
            ),
        ),
        ("more_than", (r"plus\s+de", r"supérieure?s?\s+à", r"au-delà\s+de", r"dépassant")),
        ("up_to", (rf"jusqu{_AP}\s*(?:à|a)",)),
        (
            "about",
            (
                r"environ",
                r"près\s+de",
                r"quelque",
                r"approximativement",
                r"autour\s+de",
                rf"de\s+l{_AP}ordre\s+de",
            ),
        ),
        ("exactly", (r"exactement", r"précisément")),
    ),
    "en": (
        (
            "at_least",
            (
                r"at\s+least",
                r"a\s+minimum\s+of",
                r"no\s+less\s+than",
                r"not\s+less\s+than",
                r"minimum\s+of",
            ),
        ),
        (
            "at_most",
            (
                r"at\s+most",
                r"no\s+more\s+than",
                r"not\s+more\s+than",
                r"a\s+maximum\s+of",
                r"maximum\s+of",
            ),
        ),
        (
            "more_than",
            (r"more\s+than", r"in\s+excess\s+of", r"upwards\s+of", r"over", r"above", r"exceeding"),
        ),
        ("up_to", (r"up\s+to",)),
        (
            "about",
            (
                r"about",
                r"around",
                r"approximately",
                r"roughly",
                r"some",
                r"nearly",
                r"almost",
                r"close\s+to",
            ),
        ),
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
        "milliard": 10**9,
        "milliards": 10**9,
        "md": 10**9,
        "mds": 10**9,
        "million": 10**6,
        "millions": 10**6,
        "m": 10**6,
        "mille": 10**3,
        "k": 10**3,
    },
    "en": {
        "trillion": 10**12,
        "trillions": 10**12,
        "tn": 10**12,
        "billion": 10**9,
        "billions": 10**9,
        "bn": 10**9,
        "million": 10**6,
        "millions": 10**6,
        "mn": 10**6,
        "m": 10**6,
        "thousand": 10**3,
        "k": 10**3,
    },
}
_CURRENCY_AFTER = {
    "fr": (
        rf"(?:\s*(?:d{_AP}|de\s))?\s*(?P<cur>euros?\b|€|EUR\b|"
        r"dollars?(?:\s+(?:américains|US)\b)?|US\$|\$|USD\b)"
    ),
    "en": r"\s*(?P<cur>euros?\b|€|EUR\b|(?:US\s+)?dollars?\b|US\$|\$|USD\b)",
}


def _multiplier_pattern(language: str) -> str:
    return rf"(?:\s*(?P<mult>{_grouped(tuple(_MULTIPLIERS[language]))})\b)?"


# A percentage or an amount written after the number ("2 %", "500 millions d'euros"),
# or an amount with the currency first ("€40 billion", "EUR 40 billion").
_AFTER_NUMBER = {
    language: _compile(
        rf"(?P<num>{_NUMBER})(?:\s*(?P<pct>{_PERCENT_SIGN[language]})"
        rf"(?:(?P<gdp>{_GDP_TAIL[language]})|(?P<budget>{_BUDGET_TAIL[language]}))?"
        rf"|{_multiplier_pattern(language)}{_CURRENCY_AFTER[language]})"
    )
    for language in LANGUAGES
}
_BEFORE_NUMBER = {
    language: _compile(
        rf"(?-i:(?P<cur>€|EUR\b|US\$|USD\b|\$))\s?(?P<num>{_NUMBER}){_multiplier_pattern(language)}"
    )
    for language in LANGUAGES
}
# The comparator just before a figure, found by looking back from the figure.
_COMPARATOR_BEFORE = {
    language: _compile(rf"\b(?P<cmp>{_alt([word for _, group in words for word in group])})\s*$")
    for language, words in _COMPARATOR_WORDS.items()
}
_COMPARATOR_LOOKUP = {
    language: tuple((name, _compile(_alt(group))) for name, group in words)
    for language, words in _COMPARATOR_WORDS.items()
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
            value *= _MULTIPLIERS[lang][groups["mult"].lower()]
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
    lang = _language(language)
    found = [
        _quantity(text, match, lang)
        for pattern in (_AFTER_NUMBER[lang], _BEFORE_NUMBER[lang])
        for match in pattern.finditer(text)
    ]
    return _without_overlaps(found)


# --------------------------------------------------------------------------- deadlines

_COUNT_WORDS = {
    "fr": {
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "quinze": 15,
        "vingt": 20,
        "trente": 30,
    },
    "en": {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "fifteen": 15,
        "twenty": 20,
        "thirty": 30,
    },
}


def _count_pattern(language: str) -> str:
    return _alt([r"\d{1,2}", _grouped(tuple(_COUNT_WORDS[language]))])


_YEAR_RE = re.compile(r"(?:19|20)\d\d(?!\d)")
_YEAR = r"(?P<year>(?:19|20)\d{2})$"
# Year-based deadlines, tried in this order on the words just before each year found.
_BEFORE_YEAR: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "fr": (
        (
            "by",
            _compile(
                rf"\bd{_AP}\s*ici\s+(?:(?:à|a)\s+)?(?:(?:la\s+)?fin\s+(?:de\s+)?"
                rf"(?:l{_AP}année\s+)?|l{_AP}an(?:née)?\s+|l{_AP}horizon\s+(?:de\s+)?)?{_YEAR}"
            ),
        ),
        (
            "by",
            _compile(
                rf"\bau\s+plus\s+tard\s+(?:en\s+|d{_AP}\s*ici\s+(?:à\s+)?|(?:à\s+la\s+)?fin\s+"
                rf"(?:de\s+)?|pour\s+)?{_YEAR}"
            ),
        ),
        ("by", _compile(rf"\b(?:à|a)\s+l{_AP}horizon\s+(?:de\s+)?{_YEAR}")),
        ("by", _compile(rf"\bavant\s+(?:la\s+)?fin\s+(?:de\s+)?(?:l{_AP}année\s+)?{_YEAR}")),
        (
            "review",
            _compile(
                r"\b(?:réexamen|réexamin\w*|révision|révis\w*|réévalu\w*|revue?s?"
                rf"|(?:fera|feront)\s+l{_AP}objet\s+d{_AP}un\s+(?:ré)?examen)"
                rf"(?:\s+[^\s.;:!?]+){{0,4}}?\s+en\s+{_YEAR}"
            ),
        ),
        ("in", _compile(rf"\ben\s+{_YEAR}")),
    ),
    "en": (
        (
            "by",
            _compile(
                rf"\bby\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+year\s+)?|end[-\s]|year\s+)?{_YEAR}"
            ),
        ),
        ("by", _compile(rf"\b(?:no|not)\s+later\s+than\s+(?:the\s+end\s+of\s+)?{_YEAR}")),
        ("by", _compile(rf"\bbefore\s+the\s+end\s+of\s+{_YEAR}")),
        (
            "review",
            _compile(
                r"\b(?:review(?:ed|s)?|revisit(?:ed|s)?|reassess(?:ed|es)?|re-?examin(?:ed|es|e))"
                rf"(?:\s+[^\s.;:!?]+){{0,4}}?\s+in\s+{_YEAR}"
            ),
        ),
        ("in", _compile(rf"\bin\s+{_YEAR}")),
    ),
}
# Relative deadlines ("within a decade", "d'ici dix ans"), run only when a unit appears.
_WITHIN: dict[str, tuple[re.Pattern[str], ...]] = {
    "fr": (
        _compile(
            rf"\b(?:dans\s+un\s+délai\s+(?:de\s+|d{_AP})|d{_AP}\s*ici\s+|dans\s+les\s+|"
            rf"en\s+l{_AP}espace\s+(?:de\s+|d{_AP})|sous\s+|au\s+cours\s+des\s+)"
            rf"(?P<count>{_count_pattern('fr')})\s+(?:prochaines\s+)?"
            r"(?P<unit>ans|années|an|décennies|décennie)\b"
        ),
        _compile(
            rf"\b(?:dans|d{_AP}\s*ici|au\s+cours\s+de|en\s+l{_AP}espace\s+d{_AP})\s*"
            r"(?:une|la|la\s+prochaine)\s+(?P<unit>décennie)\b"
        ),
    ),
    "en": (
        _compile(
            r"\bwithin\s+(?:the\s+)?(?:next\s+|coming\s+)?"
            rf"(?:(?P<count>{_count_pattern('en')})\s+)?(?P<unit>years?|decades?)\b"
        ),
    ),
}
_WITHIN_UNITS = {"fr": (" an", "année", "décenni"), "en": ("year", "decade")}
_EVENT_WORDS = {
    "fr": _compile(r"\b(?:sommet|réunion|conférence|anniversaire|rencontre|session)s?\b"),
    "en": _compile(r"\b(?:summit|meeting|conference|anniversary|session)s?\b"),
}
_FUTURE_MARKERS = {
    "fr": _compile(
        r"\b(?:prochaine?s?|tiendra|tiendront|se\s+déroulera|aura\s+lieu|auront\s+lieu"
        r"|retrouver|hâte|accueillera|organisera|sera\s+organisée?)\b"
    ),
    "en": _compile(r"\b(?:next|upcoming|forthcoming|will|shall|look\s+forward|to\s+be\s+held)\b"),
}
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
    if not _EVENT_WORDS[lang].search(context):
        return False
    if reference_year is not None:
        return year >= reference_year
    return bool(_FUTURE_MARKERS[lang].search(context))


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
    lang = _language(language)
    found: list[Deadline] = []
    for year_match in _YEAR_RE.finditer(text):
        start, end = year_match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in ".,"):
            continue
        for kind, pattern in _BEFORE_YEAR[lang]:
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
    if any(unit in lowered for unit in _WITHIN_UNITS[lang]):
        for pattern in _WITHIN[lang]:
            for match in pattern.finditer(text):
                count_text = (match.groupdict().get("count") or "1").lower()
                count = int(count_text) if count_text.isdigit() else _COUNT_WORDS[lang][count_text]
                span = count * (10 if match.group("unit").lower().startswith(("déc", "dec")) else 1)
                year = reference_year + span if reference_year is not None else 0
                found.append(Deadline(year, "within", match.group(), match.start(), match.end()))
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
# Broad categories: when a more specific one appears anywhere in the quote, it wins.
_BROAD_CATEGORIES = frozenset({"partnerships", "deterrence", "other"})


@dataclass(frozen=True)
class _Keywords:
    """Keywords of one category.

    ``words`` are matched at the start of a word in the lower-cased text reduced to
    words separated by single spaces (so "ukrain" finds "ukrainiens" and a trailing
    space asks for the whole word); ``acronyms`` are whole words matched with their
    case ("PIB", "CAP"); ``figures`` is an optional regex. Both run on the text itself.
    """

    words: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    figures: re.Pattern[str] | None = None


_TWO_PERCENT = re.compile(r"(?<![\d.,])2\s*%")
_CATEGORY_KEYWORDS: dict[str, dict[str, _Keywords]] = {
    "fr": {
        "major_equipment": _Keywords(
            (
                "équipements majeur",
                "équipement majeur",
                "grands équipements",
                "matériels majeur",
                "matériel majeur",
            )
        ),
        "defence_spending": _Keywords(
            (
                "produit intérieur brut",
                "dépenses de défense",
                "dépenses de la défense",
                "dépenses militaires",
                "budgets de défense",
                "budget de défense",
                "budgets de la défense",
                "budget de la défense",
                "budgets militaires",
                "budget militaire",
                "investissement dans la défense",
                "investissements dans la défense",
                "investissements de défense",
                "engagement d investissement",
                "financement commun",
                "ressources suffisantes",
            ),
            ("PIB",),
            _TWO_PERCENT,
        ),
        "ukraine": _Keywords(
            ("ukrain", "zelensk", "kyiv ", "kiev ", "programme global d assistance"),
            ("PAC", "CAP", "NSATU"),
        ),
        "arms_control": _Keywords(
            (
                "maîtrise des armements",
                "contrôle des armements",
                "non prolifération",
                "désarmement",
                "réduction des risques stratégiques",
            ),
            ("TNP", "FCE", "START", "TPNW", "TICE"),
        ),
        "nuclear": _Keywords(("nucléaire",)),
        "climate": _Keywords(("climat", "émission", "gaz à effet de serre", "carbone")),
        "energy": _Keywords(
            (
                "énergétique",
                "sources d énergie",
                "énergie ",
                "énergies propres",
                "énergies renouvelables",
            )
        ),
        "space": _Keywords(("espace ", "spatial", "spatiaux", "contre espace")),
        "cyber": _Keywords(("cyber",)),
        "hybrid": _Keywords(("hybride", "désinformation", "mésinformation", "ingérence")),
        "counter_terrorism": _Keywords(("terroris", "antiterroris", "daech", "eiil ")),
        "human_security": _Keywords(
            (
                "femmes paix et sécurité",
                "femmes la paix et la sécurité",
                "sécurité humaine",
                "enfants et les conflits armés",
                "traite des êtres humains",
                "égalité des sexes",
                "genre ",
            )
        ),
        "innovation": _Keywords(
            (
                "innov",
                "technologies émergentes",
                "technologie émergente",
                "technologies de rupture",
                "technologies perturbatrices",
                "start up",
                "startup",
                "intelligence artificielle",
                "quantique",
                "transformation numérique",
            ),
            ("DIANA",),
        ),
        "industry": _Keywords(
            ("industri", "production ", "munition", "acquisition", "obstacles au commerce")
        ),
        "enlargement": _Keywords(
            (
                "adhésion",
                "porte ouverte",
                "finlande",
                "suède",
                "nouveau membre",
                "nouveaux membres",
                "membre à part entière",
                "membres à part entière",
                "élargissement",
                "deviendra membre",
            ),
            ("MAP",),
        ),
        "resilience": _Keywords(
            (
                "résilien",
                "infrastructures critiques",
                "infrastructure critique",
                "infrastructures essentielles",
                "infrastructures sous marines",
                "chaînes d approvisionnement",
                "chaîne d approvisionnement",
                "préparation civile",
                "vulnérabilités",
            )
        ),
        "partnerships": _Keywords(
            (
                "partenaire",
                "partenariat",
                "union européenne",
                "indo pacifique",
                "balkans",
                "géorgi",
                "moldav",
                "moldova",
                "bosnie",
                "serbie",
                "kosovo",
                "kfor",
                "iraq",
                "irak",
                "jordan",
                "dialogue méditerranéen",
                "initiative de coopération d istanbul",
                "union africaine",
                "nations unies",
                "organisations internationales",
                "organisation internationale",
                "bureau de liaison",
                "voisinage",
            ),
            ("UE",),
        ),
        "deterrence": _Keywords(
            (
                "dissuasion",
                "défense collective",
                "posture",
                "plans de défense",
                "plan de défense",
                "flanc est",
                "flanc oriental",
                "défense aérienne",
                "antimissile",
                "missile",
                "modèle de force",
                "renfort",
                "forces ",
                "commandement et contrôle",
                "commandement et le contrôle",
                "interopérabilité",
                "article 5 ",
                "territoire allié",
            ),
            ("IAMD", "BMD"),
        ),
    },
    "en": {
        "major_equipment": _Keywords(("major equipment",)),
        "defence_spending": _Keywords(
            (
                "gross domestic product",
                "defence spending",
                "defense spending",
                "defence expenditure",
                "defense expenditure",
                "defence budget",
                "defense budget",
                "military spending",
                "military expenditure",
                "military budget",
                "defence investment pledge",
                "defense investment pledge",
                "investment in defen",
                "investing in defen",
                "invest in defen",
                "common funding",
                "sufficient resources",
            ),
            ("GDP",),
            _TWO_PERCENT,
        ),
        "ukraine": _Keywords(
            ("ukrain", "zelensk", "kyiv ", "comprehensive assistance package"),
            ("CAP", "NSATU"),
        ),
        "arms_control": _Keywords(
            (
                "arms control",
                "non proliferation",
                "nonproliferation",
                "disarmament",
                "risk reduction",
            ),
            ("NPT", "CFE", "START", "TPNW", "CTBT"),
        ),
        "nuclear": _Keywords(("nuclear",)),
        "climate": _Keywords(("climat", "emission", "greenhouse gas", "net zero", "carbon")),
        "energy": _Keywords(("energy",)),
        "space": _Keywords(("space ", "outer space", "space based")),
        "cyber": _Keywords(("cyber",)),
        "hybrid": _Keywords(("hybrid", "disinformation", "misinformation", "interference")),
        "counter_terrorism": _Keywords(("terroris", "counter terroris", "daesh", "isis ", "isil ")),
        "human_security": _Keywords(
            (
                "women peace and security",
                "human security",
                "children and armed conflict",
                "trafficking in human beings",
                "gender",
            )
        ),
        "innovation": _Keywords(
            (
                "innovat",
                "emerging and disruptive technolog",
                "emerging technolog",
                "disruptive technolog",
                "start up",
                "startup",
                "artificial intelligence",
                "quantum",
                "digital transformation",
            ),
            ("DIANA",),
        ),
        "industry": _Keywords(
            ("industr", "production ", "munition", "procurement", "trade barriers")
        ),
        "enlargement": _Keywords(
            (
                "membership",
                "accession",
                "open door",
                "finland",
                "sweden",
                "new member",
                "enlargement",
            ),
            ("MAP",),
        ),
        "resilience": _Keywords(
            (
                "resilien",
                "critical infrastructure",
                "critical undersea infrastructure",
                "undersea infrastructure",
                "supply chain",
                "civil preparedness",
                "vulnerabilit",
            )
        ),
        "partnerships": _Keywords(
            (
                "partner",
                "european union",
                "indo pacific",
                "balkans",
                "georgia",
                "moldova",
                "bosnia",
                "serbia",
                "kosovo",
                "kfor",
                "iraq",
                "jordan",
                "mediterranean dialogue",
                "african union",
                "united nations",
                "international organi",
                "liaison office",
                "neighbourhood",
                "neighborhood",
            ),
            ("EU",),
        ),
        "deterrence": _Keywords(
            (
                "deterren",
                "collective defen",
                "posture",
                "defence plan",
                "defense plan",
                "eastern flank",
                "air and missile defen",
                "missile",
                "force model",
                "reinforcement",
                "forces ",
                "command and control",
                "interoperability",
                "article 5 ",
                "allied territory",
            ),
            ("IAMD", "BMD"),
        ),
    },
}
# Phrases whose words would mislead: "dotés d'armes nucléaires" describes an adversary,
# "espace aérien" is airspace, the UN Charter is cited in every kind of sentence.
_CATEGORY_EXCLUSIONS: dict[str, tuple[str, ...]] = {
    "fr": (
        " dotés d armes nucléaires ",
        " espace aérien ",
        " charte des nations unies ",
        " utilisation coercitive de l énergie ",
    ),
    "en": (" nuclear armed ", " charter of the united nations ", " un charter "),
}
_NON_WORD_RE = re.compile(r"[^\w%]+")


def _as_words(text: str) -> str:
    """``text`` reduced to words separated by single spaces, with a space at each end."""
    return f" {_NON_WORD_RE.sub(' ', text)} "


def _keyword_table(
    language: str,
) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    """Per category, in priority order: regexes for its words, acronyms and figures."""
    table = []
    for slug in _CATEGORY_PRIORITY:
        entry = _CATEGORY_KEYWORDS[language][slug]
        words = re.compile(_alt([" " + re.escape(word) for word in entry.words]))
        acronyms = re.compile(rf"\b{_alt(entry.acronyms)}\b") if entry.acronyms else None
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
    lang = _language(language)
    lowered = _as_words(text.lower())
    for phrase in _CATEGORY_EXCLUSIONS[lang]:
        lowered = lowered.replace(phrase, " ")
    for slug, words, acronyms, figures in _KEYWORD_TABLE[lang]:
        if (
            words.search(lowered)
            or (acronyms is not None and acronyms.search(text))
            or (figures is not None and figures.search(text))
        ):
            return slug
    return "other"


# -------------------------------------------------------------------- commitment rules

_ADVERB_FR = (
    rf"(?:aujourd{_AP}hui|également|aussi|donc|ensemble|déjà|encore|enfin|désormais"
    r"|toujours|[^\W\d_]+ment)"
)
_ADVERBS_FR = rf"(?:\s+{_ADVERB_FR}){{0,2}}"
_ADVERB_EN = (
    r"(?:today|also|jointly|collectively|individually|further|therefore|again|now"
    r"|hereby|all|each|[^\W\d_]+ly)"
)
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
# minus look-alikes, modal conditionals ("pourrait", "devraient") and verbs that only
# announce a meeting ("se réuniront", "aborderont").
_NOT_FUTURE_3 = (
    r"(?!(?:(?:re|at)?tir|admir|aspir|inspir|désir|œuvr|oeuvr|(?:dé)?livr|(?:r|entr)?ouvr"
    r"|(?:dé|re)?couvr)(?:a|ait|aient)\b)"
    r"(?!(?:pourr|devr|ser)(?:ait|aient)\b)"
    r"(?!(?:aborder|analyser|réunir|examiner|rencontrer|discuter|débattr|entretiendr"
    r"|retrouver|pencher)\w*\b)"
)
_FUTURE_3 = (
    rf"{_NOT_FUTURE_3}(?:[^\W\d_]+(?:eront|iront|dront|ttront|vront|rront|îtront|eraient"
    r"|iraient|draient|ttraient|vraient|rraient|îtraient|era|ira|dra|ttra|vra|rra|îtra"
    r"|erait|irait|drait|ttrait|vrait|rrait|îtrait)|auront|sauront|auraient|aura|saura"
    r"|aurait)\b"
)
# For a named country, "sera"/"aura"/"pourra" say too little to be a pledge.
_FUTURE_3_NAMED = rf"(?!(?:ser|aur|pourr|devr)(?:a|ont)\b){_FUTURE_3}"

_NAMES = {
    "fr": (
        "Albanie",
        "Belgique",
        "Bulgarie",
        "Canada",
        "Croatie",
        "Tchéquie",
        "République tchèque",
        "Danemark",
        "Estonie",
        "Finlande",
        "France",
        "Allemagne",
        "Grèce",
        "Hongrie",
        "Islande",
        "Italie",
        "Lettonie",
        "Lituanie",
        "Luxembourg",
        "Monténégro",
        "Pays-Bas",
        "Macédoine du Nord",
        "Norvège",
        "Pologne",
        "Portugal",
        "Roumanie",
        "Slovaquie",
        "Slovénie",
        "Espagne",
        "Suède",
        "Turquie",
        "Türkiye",
        "Royaume-Uni",
        "États-Unis",
        "Etats-Unis",
        "Ukraine",
        "Géorgie",
        "Moldavie",
        "République de Moldova",
        "Moldova",
        "Bosnie-Herzégovine",
        "Serbie",
        "Kosovo",
        "Australie",
        "Japon",
        "Nouvelle-Zélande",
        "République de Corée",
        "Corée du Sud",
        "Union européenne",
        "UE",
        "Jordanie",
        "Iraq",
        "Irak",
        "Tunisie",
        "Mauritanie",
        "Suisse",
        "Autriche",
        "Irlande",
        "Malte",
    ),
    "en": (
        "Albania",
        "Belgium",
        "Bulgaria",
        "Canada",
        "Croatia",
        "Czechia",
        "Czech Republic",
        "Denmark",
        "Estonia",
        "Finland",
        "France",
        "Germany",
        "Greece",
        "Hungary",
        "Iceland",
        "Italy",
        "Latvia",
        "Lithuania",
        "Luxembourg",
        "Montenegro",
        "Netherlands",
        "North Macedonia",
        "Norway",
        "Poland",
        "Portugal",
        "Romania",
        "Slovakia",
        "Slovenia",
        "Spain",
        "Sweden",
        "Türkiye",
        "Turkey",
        "United Kingdom",
        "UK",
        "United States",
        "US",
        "Ukraine",
        "Georgia",
        "Moldova",
        "Republic of Moldova",
        "Bosnia and Herzegovina",
        "Serbia",
        "Kosovo",
        "Australia",
        "Japan",
        "New Zealand",
        "Republic of Korea",
        "South Korea",
        "European Union",
        "EU",
        "Jordan",
        "Iraq",
        "Tunisia",
        "Mauritania",
        "Switzerland",
        "Austria",
        "Ireland",
        "Malta",
    ),
}


def _names_pattern(language: str) -> str:
    names = [re.escape(name).replace(r"\ ", r"\s+") for name in _NAMES[language]]
    return f"(?-i:{_grouped(names, case_sensitive=True)})\\b"


_NAME = {language: _names_pattern(language) for language in LANGUAGES}
_ARTICLE = {"fr": rf"(?:l{_AP}|la\s+|le\s+|les\s+)", "en": r"(?:the\s+)"}
_AND = {"fr": r"et", "en": r"and"}
_NAMED_SUBJECT = {
    language: (
        rf"{_NAME[language]}(?:(?:\s*,\s*|\s+{_AND[language]}\s+){_ARTICLE[language]}?"
        rf"{_NAME[language]})*"
    )
    for language in LANGUAGES
}
_ARTICLE_BEFORE = {language: _compile(rf"\b{_ARTICLE[language]}$") for language in LANGUAGES}
_NAMED_HEAD = {
    language: _compile(rf"{_ARTICLE[language]}?{_NAME[language]}") for language in LANGUAGES
}
_NAMED_PARTNER = {
    language: _compile(rf"(?:\s*,\s*|\s+{_AND[language]}\s+){_ARTICLE[language]}?{_NAME[language]}")
    for language in LANGUAGES
}

_SUBJECTS = {
    "fr": (
        r"les\s+alliés",
        r"tous\s+les\s+alliés",
        r"nos\s+alliés",
        r"ses\s+alliés",
        r"leurs\s+alliés",
        r"les\s+(?:pays|nations|états)\s+(?:membres|alliés)",
        rf"les\s+pays\s+de\s+l{_AP}(?:alliance|otan)",
        r"les\s+nations\s+alliées",
        rf"les\s+membres\s+de\s+l{_AP}(?:otan|alliance)",
        rf"membres\s+de\s+l{_AP}(?:otan|alliance)",
        rf"la\s+mission\s+de\s+l{_AP}otan(?:\s+en\s+[^\W\d_]+)?",
        rf"l{_AP}otan",
        rf"l{_AP}alliance",
        rf"l{_AP}organisation",
        r"la\s+kfor",
        r"les\s+ministres",
    ),
    "en": (
        r"allies",
        r"all\s+allies",
        r"nato\s+allies",
        r"the\s+allies",
        r"the\s+member\s+(?:states|countries)",
        r"nato",
        r"the\s+alliance",
        r"the\s+organi[sz]ation",
        r"kfor",
        r"ministers",
        r"nato\s+ministers",
    ),
}
_DECIDERS = {
    "fr": (r"les\s+dirigeants", rf"les\s+chefs\s+d{_AP}[ée]tat", r"ils", r"elles"),
    "en": (r"leaders", r"nato\s+leaders", r"heads\s+of\s+state\s+and\s+government", r"they"),
}
_SUBJECT = {language: _grouped(_SUBJECTS[language]) for language in LANGUAGES}
# Who may take a collective decision, looked for before the verb in the sentence.
_DECIDER = {
    language: _compile(
        rf"\b(?:{_grouped(_SUBJECTS[language] + _DECIDERS[language])}\b"
        rf"|{_NAMED_SUBJECT[language]})"
    )
    for language in LANGUAGES
}
_ALLIES_HEAD = {
    "fr": _compile(
        r"(?:tous\s+les\s+|les\s+|nos\s+|ses\s+|leurs\s+)?alliés\b|les\s+(?:pays|nations|états)\b"
        r"|(?:les\s+)?membres\b|ils\b|elles\b"
    ),
    "en": _compile(r"(?:all\s+|nato\s+|the\s+)?allies\b|the\s+member\b|they\b"),
}
# A subject right after one of these is a complement ("contre les Alliés", "OTAN-Serbie")
# or the second half of a subject already seen ("L'OTAN et l'UE").
_BLOCKED_BEFORE = {
    "fr": _compile(
        r"(?:[\w-]|\b(?:de|du|des|à|au|aux|contre|avec|pour|par|sur|entre|envers|vers|chez"
        rf"|en|dans|selon|tous|toutes|et)\s+|\bd{_AP})$"
    ),
    "en": _compile(
        r"(?:[\w-]|\b(?:of|to|against|with|for|by|on|between|among|from|in|at|into"
        r"|towards|all|and)\s+)$"
    ),
}
_NATIONAL = {
    "fr": _compile(
        r"\bnationa(?:l|le|les|ux)\b|individuellement|chaque\s+allié"
        r"|\bnotre\s+(?:pib|produit\s+intérieur\s+brut)"
        r"|\bnos\s+(?:budgets|dépenses|forces|cyberdéfenses?|infrastructures)"
        r"|\binvestir\b|\bdépenser\b|fournir\s+(?:[^\W\d_]+ment\s+)?(?:les|des|nos)\s+forces"
    ),
    "en": _compile(
        r"\bnational\b|individually|each\s+ally"
        r"|\bour\s+(?:gdp|gross\s+domestic\s+product|defen[cs]e\s+(?:budgets?|spending)"
        r"|forces|infrastructure)|\binvest\b|\bspend\b"
        r"|provide\s+(?:[^\W\d_]+ly\s+)?(?:the\s+|our\s+)?forces"
    ),
}
_NOUS = _compile(r"\bnous\b")
# At most three words between a subject and its verb for the phrase to include the subject.
_ADJACENT = re.compile(r"(?:\s+[^\s.,;:!?«»()\"“”]+){0,3}\s+")
_LIST_LEAD = _compile(r"\b(?:nous\s+avons|we\s+have)\s*:$")
_LIST_ITEM = {
    "fr": _compile(
        r"(?:convenu|décidé|approuvé|adopté|réaffirmé|entériné|établi|lancé|renforcé"
        r"|(?:mis|mettre)\s+en\s+place)\b"
    ),
    "en": _compile(
        r"(?:agreed|decided|endorsed|approved|adopted|reaffirmed|tasked|established|launched"
        r"|strengthened|put\s+in\s+place)\b"
    ),
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

    ``pattern`` is regex source. ``bound`` is "alliance", "each_ally" or "named" when
    the phrase fixes it, "subject" when it follows the grammatical subject, and "auto"
    for first-person phrases (a national pledge when the sentence speaks of national
    budgets, forces or GDP). ``check`` asks for an allied subject before the verb
    ("subject") or for an earlier "nous" in the sentence ("nous", for "… et
    veillerons à"). Rules with a ``subj`` group name their subject themselves.
    """

    pattern: str
    strength: float
    bound: str
    check: str = ""
    needs_amount: bool = False


def _first_person_fr() -> tuple[_Rule, ...]:
    """French phrases after "nous", strongest first (they share one scan)."""
    adv = _ADVERBS_FR
    return (
        _Rule(rf"nous\s+engageons{adv}\s+(?:à|a)\b", _COMMIT, "auto"),
        _Rule(rf"nous\s+sommes{adv}\s+engagée?s(?:\s+(?:à|a)\b)?", _COMMIT, "auto"),
        _Rule(
            rf"(?:réaffirmons|réitérons|renouvelons|confirmons){adv}\s+"
            rf"(?:(?:notre|nos)\s+(?:[^\W\d_]+\s+)?(?:engagements?|attachement)"
            rf"|l{_AP}engagement)\b",
            _COMMIT - 0.05,
            "auto",
        ),
        _Rule(
            r"(?:sommes|restons|demeurons)(?:\s+[^\W\d_]+){0,2}\s+dans\s+notre\s+engagement\b",
            _DECISION,
            "auto",
        ),
        _Rule(
            rf"(?:avons|avions){adv}\s+(?:convenu|décidé|approuvé|adopté|entériné|acté"
            r"|chargé|pris\s+(?:des|les|la|de\s+nouvelles)\s+décisions?)\b",
            _DECISION,
            "alliance",
        ),
        _Rule(rf"sommes{adv}\s+convenue?s\b", _DECISION, "alliance"),
        _Rule(
            r"(?:approuvons|adoptons|entérinons|décidons|convenons|chargeons)\b",
            _DECISION,
            "alliance",
        ),
        _Rule(rf"continuerons{adv}\s+(?:de\b|d{_AP}|à\b|a\b)", _FUTURE, "auto"),
        _Rule(r"allons\b", _FUTURE, "auto"),
        _Rule(
            rf"(?:ne\s+|n{_AP})?{_PRONOUNS_FR}(?:{_ADVERB_FR}\s+)?{_FUTURE_1PL}",
            _FUTURE,
            "auto",
        ),
        _Rule(
            rf"(?:sommes|restons|demeurons){adv}\s+(?:déterminée?s|résolue?s|attachée?s)"
            r"\s+(?:à|au|aux)\b",
            _RESOLVE,
            "auto",
        ),
    )


def _third_person_fr() -> tuple[_Rule, ...]:
    adv = _ADVERBS_FR
    return (
        # "…, et veillerons à" after a first-person clause.
        _Rule(
            rf"\bet\s+(?:ne\s+|n{_AP})?{_PRONOUNS_FR}(?:{_ADVERB_FR}\s+)?{_FUTURE_1PL}",
            _FUTURE - 0.05,
            "auto",
            check="nous",
        ),
        # "L'OTAN continuera", "Les Alliés veilleront", "L'OTAN et l'UE continueront".
        _Rule(
            rf"\b(?P<subj>{_SUBJECT['fr']})\b"
            r"(?P<gap>(?:\s+(?!(?:que|qui)\b)[^\s.,;:!?«»\"“”]+){0,6}?)"
            rf"\s+(?:ne\s+|n{_AP})?(?:se\s+|s{_AP}|(?:le|la|les|lui|leur|y|en)\s+)?"
            rf"{_FUTURE_3}",
            _FUTURE,
            "subject",
        ),
        _Rule(
            rf"\bse\s+sont{adv}\s+mis\s+d{_AP}accord\b|\bsont{adv}\s+convenus\b",
            _DECISION,
            "alliance",
            check="subject",
        ),
        _Rule(
            rf"\bse\s+sont{adv}\s+engagée?s\s+(?:à|a)\b|\bs{_AP}est{adv}\s+engagée?\s+"
            rf"(?:à|a)\b|\bs{_AP}engagen?t?{adv}\s+(?:à|a)\b",
            _COMMIT - 0.05,
            "subject",
            check="subject",
        ),
        _Rule(
            rf"\b(?:restent|demeurent|sont|reste|demeure|est){adv}\s+"
            r"(?:déterminée?s?|résolue?s?|attachée?s?)\s+(?:à|au|aux)\b",
            _RESOLVE,
            "subject",
            check="subject",
        ),
        # Named allies or partners: "L'Allemagne et les Pays-Bas se sont engagés à".
        _Rule(
            rf"(?P<subj>{_NAMED_SUBJECT['fr']})\s+(?:{_ADVERB_FR}\s+)?"
            rf"(?:s{_AP}engagen?t?\s+(?:à|a)\b|se\s+sont\s+engagée?s\b"
            rf"|s{_AP}est\s+engagée?\b|(?:a|ont)\s+(?:décidé|promis|convenu|annoncé)\b"
            rf"|(?:ne\s+)?{_FUTURE_3_NAMED})",
            _NAMED_PLEDGE,
            "named",
        ),
    )


def _perfect_third_person_fr() -> tuple[_Rule, ...]:
    """French phrases after "ont"/"avaient" ("les Alliés ont décidé"), one scan."""
    return (
        _Rule(
            rf"annoncé\s+l{_AP}adoption\s+d{_AP}un\s+engagement\b",
            _COMMIT,
            "alliance",
            check="subject",
        ),
        _Rule(
            rf"(?:décidé|convenu|approuvé|adopté|entériné|acté)\b|chargé(?=\s+(?:le|la|les|l{_AP}))"
            r"|pris\s+(?:des|les|de\s+nouvelles)\s+décisions\b",
            _DECISION,
            "alliance",
            check="subject",
        ),
        _Rule(
            r"(?:engagé|promis|alloué|consacré)\b",
            _DECISION,
            "each_ally",
            check="subject",
            needs_amount=True,
        ),
        _Rule(
            r"(?:exprimé|réaffirmé)\s+leur\s+(?:[^\W\d_]+\s+)?"
            r"(?:détermination|volonté|engagement|attachement)\b",
            _RESOLVE,
            "subject",
            check="subject",
        ),
    )


def _first_person_en() -> tuple[_Rule, ...]:
    """English phrases after "we", strongest first (they share one scan)."""
    adv = _ADVERBS_EN
    return (
        _Rule(
            rf"{adv}(?:have\s+|had\s+)?{adv}commit(?:ted)?\s+(?:ourselves\s+)?to\b", _COMMIT, "auto"
        ),
        _Rule(rf"(?:are|remain)\s+{adv}committed\s+to\b", _COMMIT - 0.05, "auto"),
        _Rule(
            rf"{adv}(?:reaffirm|reiterate|renew)\s+(?:our|the)\s+(?:[\w-]+\s+){{0,2}}?"
            r"commitments?\b",
            _COMMIT - 0.05,
            "auto",
        ),
        _Rule(rf"(?:have\s+)?{adv}pledged?\b", _COMMIT - 0.05, "auto"),
        _Rule(
            rf"{adv}(?:have\s+|had\s+)?{adv}(?:agreed|agree\s+to|decided|decide\s+to"
            r"|endorsed?|approved?|adopted?|tasked|task)\b",
            _DECISION,
            "alliance",
        ),
        _Rule(rf"{adv}(?:will|shall)\b|are\s+going\s+to\b", _FUTURE, "auto"),
        _Rule(rf"(?:are|remain)\s+{adv}(?:determined|resolved|resolute)\b", _RESOLVE, "auto"),
    )


def _third_person_en() -> tuple[_Rule, ...]:
    adv = _ADVERBS_EN
    return (
        _Rule(rf"\bwe{_AP}ll\b", _FUTURE, "auto"),
        _Rule(
            rf"\b(?P<subj>{_SUBJECT['en']})\b"
            r"(?P<gap>(?:\s+(?!(?:that|which|who)\b)[^\s.,;:!?\"“”]+){0,6}?)"
            r"\s+(?:will|shall|would)\b(?!\s+(?:discuss|meet|address|examine)\b)",
            _FUTURE,
            "subject",
        ),
        _Rule(
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:agreed|decided|endorsed|approved|adopted"
            r"|tasked)\b",
            _DECISION,
            "alliance",
            check="subject",
        ),
        _Rule(
            r"\bannounced\s+the\s+adoption\s+of\s+a\s+(?:pledge|commitment)\b",
            _COMMIT,
            "alliance",
            check="subject",
        ),
        _Rule(
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:committed|pledged)\s+"
            rf"(?:themselves\s+|itself\s+)?to\b|\bcommits?\s+to\b"
            rf"|\b(?:remain|remains|are|is)\s+{adv}committed\s+to\b",
            _COMMIT - 0.05,
            "subject",
            check="subject",
        ),
        _Rule(
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:committed|pledged|allocated)\b",
            _DECISION,
            "each_ally",
            check="subject",
            needs_amount=True,
        ),
        _Rule(
            rf"\b(?:remain|remains|are|is)\s+{adv}(?:determined|resolved)\s+to\b",
            _RESOLVE,
            "subject",
            check="subject",
        ),
        _Rule(
            rf"(?P<subj>{_NAMED_SUBJECT['en']})\s+{adv}(?:will|shall"
            r"|(?:has|have)\s+(?:committed|pledged|agreed|decided)|committed|pledged"
            r"|agreed|decided|commits?\s+to)\b",
            _NAMED_PLEDGE,
            "named",
        ),
    )


@dataclass(frozen=True)
class _Scanner:
    """A compiled regex whose branch ``r<i>`` matches ``rules[i]``."""

    pattern: re.Pattern[str]
    rules: tuple[_Rule, ...]

    def rule(self, match: re.Match[str]) -> _Rule:
        if len(self.rules) == 1:
            return self.rules[0]
        for index, rule in enumerate(self.rules):
            if match.group(f"r{index}") is not None:
                return rule
        raise LookupError(match.group())  # unreachable: one branch always matched


def _family(lead: str, rules: tuple[_Rule, ...]) -> _Scanner:
    """One scan for phrases sharing their first words, strongest branch first."""
    branches = "|".join(f"(?P<r{index}>{rule.pattern})" for index, rule in enumerate(rules))
    return _Scanner(_compile(rf"\b{lead}\s+(?:{branches})"), rules)


def _single(rule: _Rule) -> _Scanner:
    return _Scanner(_compile(rule.pattern), (rule,))


_SCANNERS: dict[str, tuple[_Scanner, ...]] = {
    "fr": (
        _family("nous", _first_person_fr()),
        _family(rf"(?:ont|avaient|auraient){_ADVERBS_FR}", _perfect_third_person_fr()),
        *map(_single, _third_person_fr()),
    ),
    "en": (_family("we", _first_person_en()), *map(_single, _third_person_en())),
}


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    rule: _Rule
    subject: str  # "allies", "nato" or "named" for third-person phrases, else ""


def _subject_kind(subject: str, rest: str, lang: str) -> str:
    """Classify a grammatical subject; ``rest`` is what follows it up to the verb."""
    if _NAMED_HEAD[lang].match(subject) or _NAMED_PARTNER[lang].match(rest):
        return "named"
    return "allies" if _ALLIES_HEAD[lang].match(subject) else "nato"


def _decider(text: str, start: int, end: int, lang: str) -> re.Match[str] | None:
    """The first allied subject between ``start`` and ``end`` that is not a complement."""
    for match in _DECIDER[lang].finditer(text, start, end):
        if not _BLOCKED_BEFORE[lang].search(text, max(0, match.start() - 12), match.start()):
            return match
    return None


def _accept(
    match: re.Match[str],
    rule: _Rule,
    text: str,
    lang: str,
    sentence: tuple[int, int],
    quantities: list[Quantity],
) -> _Hit | None:
    """The hit for ``match`` if the rule's conditions hold, else None."""
    sentence_start, sentence_end = sentence
    if match.end() > sentence_end:
        return None
    start = match.start()
    subject = ""
    groups = match.groupdict()
    if groups.get("subj"):
        if rule.bound == "named":  # take in the article: "L'Allemagne", "the Netherlands"
            article = _ARTICLE_BEFORE[lang].search(text, max(0, start - 5), start)
            start = article.start() if article else start
        if _BLOCKED_BEFORE[lang].search(text, max(0, start - 12), start):
            return None
        subject = _subject_kind(groups["subj"], groups.get("gap") or "", lang)
    if rule.check == "subject":
        window_start = max(sentence_start, match.start() - 250)
        decider = _decider(text, window_start, match.start(), lang)
        if decider is None:
            return None
        between = text[decider.end() : match.start()]
        subject = _subject_kind(decider.group(), between, lang)
        if len(between) <= 40 and _ADJACENT.fullmatch(between):  # "les Alliés ont décidé"
            start = decider.start()
            article = _ARTICLE_BEFORE[lang].search(text, max(0, start - 5), start)
            start = article.start() if article else start
    elif rule.check == "nous" and not _NOUS.search(text, sentence_start, match.start()):
        return None
    if rule.needs_amount and not any(
        q.unit in {"EUR", "USD"} and match.end() <= q.start and q.end <= sentence_end
        for q in quantities
    ):
        return None
    return _Hit(start, match.end(), rule, subject)


def _phrase_hits(
    text: str,
    lang: str,
    sentences: list[tuple[int, int]],
    quantities: list[Quantity],
) -> dict[int, list[_Hit]]:
    """Commitment phrases found in ``text``, grouped by sentence index."""
    starts = [start for start, _ in sentences]
    hits: dict[int, list[_Hit]] = {}
    for scanner in _SCANNERS[lang]:
        position = 0
        while match := scanner.pattern.search(text, position):
            index = bisect_right(starts, match.start()) - 1
            hit = None
            if index >= 0:
                rule = scanner.rule(match)
                hit = _accept(match, rule, text, lang, sentences[index], quantities)
            if hit is None:  # try again just after: a later subject may fit
                position = match.start() + 1
                continue
            hits.setdefault(index, []).append(hit)
            position = match.end()
    return hits


def _bound(hit: _Hit, quote: str, quantities: tuple[Quantity, ...], lang: str) -> str:
    if hit.subject == "named":
        return "named"
    mode = hit.rule.bound
    if mode in BOUNDS:
        return mode
    if mode == "subject":
        return "each_ally" if hit.subject == "allies" else "alliance"
    national_units = {"pct_gdp", "pct_defence_budget"}
    if any(q.unit in national_units for q in quantities) or _NATIONAL[lang].search(quote):
        return "each_ally"
    return "alliance"


def _category(text: str, hit: _Hit, end: int, quote: str, lang: str) -> str:
    """The category of what is committed to (the words from the phrase on) or, when
    those are vague, of the whole quote."""
    category = guess_category(text[hit.start : end], lang)
    if category in _BROAD_CATEGORIES:
        whole = guess_category(quote, lang)
        if category == "other" or whole not in _BROAD_CATEGORIES:
            category = whole
    return category


def find_candidates(text: str, language: str, reference_year: int | None = None) -> list[Candidate]:
    """Commitment candidates in ``text`` (a paragraph), in order of appearance.

    The quote is the sentence carrying the commitment phrase, extended to the next
    sentence when it ends with a colon (a list follows); each sentence gives at most
    one candidate, built on its strongest phrase. Items of a list introduced by "Nous
    avons :" / "We have:" that open with a participle ("Convenu de…") count as
    decisions. Quantities and deadlines are those inside the quote; ``reference_year``
    (the year of the summit) resolves "within a decade" and past or future events.
    Descriptions ("La Russie a…", "Nous condamnons…", "Nous saluons…") give nothing.
    """
    lang = _language(language)
    sentences = split_sentences(text)
    if not sentences:
        return []
    quantities = find_quantities(text, lang)
    deadlines = find_deadlines(text, lang, reference_year)
    hits = _phrase_hits(text, lang, sentences, quantities)
    list_rule = _Rule(_LIST_ITEM[lang].pattern, _DECISION - 0.05, "alliance")

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
                category=_category(text, hit, end, quote, lang),
                bound=_bound(hit, quote, inside_quantities, lang),
                confidence=round(min(confidence, 0.99), 2),
            )
        )
    return candidates
