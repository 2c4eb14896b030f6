"""Assembly: the candidates of a paragraph, from the stages' results.

Reads: the clean text of a paragraph, its language and the year of the meeting; runs
the stages (sentences, quantities, deadlines, commitment phrases, categories). Writes:
``Candidate`` records, one per sentence that carries a commitment phrase, with the
quantities and deadlines inside its quote, its category, who is bound and a confidence.
"""

from .categories import BROAD_CATEGORIES, guess_category
from .common import BOUNDS, Candidate, Quantity, check_language
from .deadlines import find_deadlines
from .phrases import _DECISION, _LIST_ITEM, _LIST_LEAD, _NATIONAL, _Hit, _phrase_hits, _Rule
from .quantities import find_quantities
from .sentences import split_sentences


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
    if category in BROAD_CATEGORIES:
        whole = guess_category(quote, lang)
        if category == "other" or whole not in BROAD_CATEGORIES:
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
    lang = check_language(language)
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
