"""Assembly: the candidates of a paragraph, from the stages' results.

Reads: the clean text of a paragraph, its language, the year of the meeting and, for a
list item stored apart, the lead of its list; runs the stages (sentences, quantities,
deadlines, commitment phrases with their subjects, categories). Writes: ``Candidate``
records, one per sentence that carries a commitment, with what it was proposed for
(subject, verb group and its form, the rule), the quantities and deadlines inside its
quote, its category, who is bound and a confidence.
"""

from dataclasses import dataclass

from .categories import BROAD_CATEGORIES, guess_category
from .clauses import Subject, sentence_subject
from .common import BOUNDS, Candidate, Quantity, check_language
from .deadlines import find_deadlines
from .lexicon import LEXICONS
from .phrases import DECISION, Hit, Rule, national, phrase_hits
from .quantities import find_quantities
from .sentences import split_sentences

_BULLETS = "•▪‣◦●-–—"
_SUBJECT_CHARS = 80


@dataclass(frozen=True)
class _Lead:
    """The sentence before a list, and what it gives its items."""

    hit: Hit | None  # a verb group the items complete ("Allies will:", "We have decided to:")
    auxiliary: bool  # "Nous avons :": each item opens with its own participle
    subject: Subject | None
    source: str  # the text the hit's offsets refer to


def _read_lead(text: str, lang: str, start: int, end: int, hits: list[Hit]) -> _Lead | None:
    """What the sentence text[start:end] gives the list after it, if it is a lead."""
    lexicon = LEXICONS[lang]
    if not text[start:end].endswith(":"):
        return None
    for hit in sorted(hits, key=lambda h: -h.end):
        if lexicon.LEAD_TAIL.match(text, hit.end, end):
            return _Lead(hit, False, hit.subject, text)
    if lexicon.AUXILIARY_LEAD.search(text, start, end):
        subject = sentence_subject(text, lang, start, end)
        if subject is not None and subject.allied:
            return _Lead(None, True, subject, text)
    return None


def _lead_of(lead: str | None, lang: str) -> _Lead | None:
    """The lead of a stored list item: the last sentence of its parent paragraph."""
    if not lead:
        return None
    sentences = split_sentences(lead)
    if not sentences:
        return None
    quantities = find_quantities(lead, lang)
    index = len(sentences) - 1
    hits = phrase_hits(lead, lang, sentences, quantities).get(index, [])
    return _read_lead(lead, lang, *sentences[index], hits)


def _bound(hit: Hit, rule: Rule, quote: str, quantities: tuple[Quantity, ...], lang: str) -> str:
    kind = hit.subject_kind
    if kind == "named":
        return "named"
    mode = rule.bound
    if mode in BOUNDS:
        return mode
    if mode == "subject" and kind != "we":
        return "each_ally" if kind == "allies" else "alliance"
    national_units = {"pct_gdp", "pct_defence_budget"}
    if any(q.unit in national_units for q in quantities) or national(quote, lang):
        return "each_ally"
    return "alliance"


def _category(text: str, start: int, end: int, quote: str, lang: str) -> str:
    """The category of what is committed to (the words from the phrase on) or, when
    those are vague, of the whole quote."""
    category = guess_category(text[start:end], lang)
    if category in BROAD_CATEGORIES:
        whole = guess_category(quote, lang)
        if category == "other" or whole not in BROAD_CATEGORIES:
            category = whole
    return category


def _subject_text(subject: Subject | None, text: str, hit: Hit) -> str:
    if subject is None:  # first person: the word the group opens with
        return text[hit.start : hit.verb_start].strip()
    words = " ".join(subject.text.split())
    return words if len(words) <= _SUBJECT_CHARS else words[: _SUBJECT_CHARS - 1] + "…"


def _strongest(hit: Hit) -> tuple:
    """The order of a sentence's hits: strength, then the first person, then the first."""
    return (hit.rule.strength, hit.subject is None, -hit.start, hit.end - hit.start)


def _after_bullet(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return index >= 0 and text[index] in _BULLETS


def find_candidates(
    text: str, language: str, reference_year: int | None = None, lead: str | None = None
) -> list[Candidate]:
    """Commitment candidates in ``text`` (a paragraph), in order of appearance.

    The quote is the sentence carrying the commitment phrase, extended to the next
    sentence when it ends with a colon (a list follows); each sentence gives at most
    one candidate, built on its strongest phrase. A list's items take what their lead
    says: after "Allies will:" or "Nous avons décidé de :" each item is a commitment of
    the lead's subject; after "Nous avons :" / "We have:" the items that open with a
    participle ("Convenu de…") count as decisions. ``lead`` is the paragraph a stored
    list item belongs under (its last sentence is the lead). Quantities and deadlines are
    those inside the quote; ``reference_year`` (the year of the summit) resolves "within
    a decade" and past or future events. Descriptions ("La Russie a…", "Nous
    condamnons…", "Nous saluons…"), meetings announced and hedged statements give
    nothing.
    """
    lang = check_language(language)
    sentences = split_sentences(text)
    if not sentences:
        return []
    quantities = find_quantities(text, lang)
    deadlines = find_deadlines(text, lang, reference_year)
    list_lead = _lead_of(lead, lang)
    previous = list_lead.subject if list_lead else None
    hits = phrase_hits(text, lang, sentences, quantities, previous)
    list_item = LEXICONS[lang].LIST_ITEM
    item_rule = Rule(f"{lang}.list-lead", "", DECISION - 0.05, "alliance", "list")

    candidates: list[Candidate] = []
    current = list_lead
    lead_index = -1  # the sentence of the current lead (-1: the lead passed apart)
    skip_until = -1
    for index, (start, end) in enumerate(sentences):
        if index <= skip_until:
            continue
        sentence_hits = hits.get(index, [])
        in_list = current is not None and (index == lead_index + 1 or _after_bullet(text, start))
        if not in_list:
            current = None
        hit, rule, source = None, None, text
        if sentence_hits:
            hit = max(sentence_hits, key=_strongest)
            rule = hit.rule
        elif current is not None and current.auxiliary:
            item = list_item.match(text, start, end)
            if item:
                hit = Hit(item.start(), item.end(), item.start(), item_rule, current.subject)
                rule = item_rule
        elif current is not None and current.hit is not None:
            hit, source = current.hit, current.source
            rule = Rule(f"{lang}.list-lead", "", hit.rule.strength - 0.05, hit.rule.bound, "list")
        lead_here = _read_lead(text, lang, start, end, sentence_hits)
        if lead_here is not None:
            current, lead_index = lead_here, index
            if lead_here.hit is not None:
                continue  # its items carry the commitment, each one in its own candidate
        if hit is None or rule is None:
            continue
        if source is text and text[start:end].endswith(":") and index + 1 < len(sentences):
            end = sentences[index + 1][1]
            skip_until = index + 1
        quote = text[start:end]
        inside_quantities = tuple(q for q in quantities if start <= q.start and q.end <= end)
        inside_deadlines = tuple(d for d in deadlines if start <= d.start and d.end <= end)
        confidence = rule.strength
        confidence += 0.1 if inside_quantities else 0.0
        confidence += 0.05 if inside_deadlines else 0.0
        subject = hit.subject
        if subject is not None and (subject.pronoun or hit.start != subject.start):
            confidence -= 0.05  # a pronoun, or a subject far from its verb
        phrase = " ".join(source[hit.start : hit.end].split())
        verb = " ".join(source[hit.verb_start : hit.end].split())
        category_start = hit.start if source is text else start
        candidates.append(
            Candidate(
                start=start,
                end=end,
                quote=quote,
                phrase=phrase,
                quantities=inside_quantities,
                deadlines=inside_deadlines,
                category=_category(text, category_start, end, quote, lang),
                bound=_bound(hit, rule, quote, inside_quantities, lang),
                confidence=round(min(max(confidence, 0.05), 0.99), 2),
                subject=_subject_text(subject, source, hit),
                verb=verb,
                form=rule.form,
                rule=rule.name,
            )
        )
    return candidates
