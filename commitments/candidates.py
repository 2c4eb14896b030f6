"""From the extractor's reading of a sentence to the fields of a Commitment.

One conversion, shared by the import of a communiqué and the fixture builder: the
first quantity read becomes the target, the first dated deadline the deadline; values
that do not fit the columns are left out rather than cut into something false.
"""

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Protocol

from .extraction import Candidate, find_candidates, find_deadlines, find_quantities, guess_category

# Commitment.target_value has max_digits=16, decimal_places=2.
_TARGET_LIMIT = Decimal(10) ** 14
_TITLE_WORDS = 14
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[:;!?»])|(?<=«) ")


class _Paragraph(Protocol):
    @property
    def position(self) -> int: ...
    @property
    def parent_position(self) -> int | None: ...
    @property
    def text(self) -> str: ...


def paragraph_candidates[P: _Paragraph](
    paragraphs: Iterable[P], language: str, reference_year: int | None
) -> Iterator[tuple[P, list[Candidate]]]:
    """Each paragraph of a text with the extractor's candidates in it. A list item stored
    apart from its lead ("34 •2" under ¶34) is read with the lead's text, so that "Nous
    avons :" or "Allies will:" reaches the items it governs."""
    paragraphs = list(paragraphs)
    by_position = {paragraph.position: paragraph for paragraph in paragraphs}
    for paragraph in paragraphs:
        parent = by_position.get(paragraph.parent_position)  # type: ignore[arg-type]
        lead = parent.text if parent is not None else None
        yield paragraph, find_candidates(paragraph.text, language, reference_year, lead=lead)


def auto_title(quote: str) -> str:
    """A first title for a candidate: its first words."""
    words = quote.split()
    title = " ".join(words[:_TITLE_WORDS]) + (" …" if len(words) > _TITLE_WORDS else "")
    # A title is the tracker's, not a quote: French typography's no-break space before
    # the high punctuation, whatever space the source had.
    title = _SPACE_BEFORE_PUNCTUATION.sub("\u00a0", title)
    return title[:300]


def title_field(language: str) -> str:
    """The Commitment field of a title in `language` ("title" is the English one)."""
    return "title_fr" if language == "fr" else "title"


def commitment_fields(candidate: Candidate, language: str) -> dict:
    """The Commitment fields a candidate of a text in `language` fills in (its quote and
    place aside): a first title in that language's field."""
    fields: dict = {
        title_field(language): auto_title(candidate.quote),
        "category": candidate.category,
        "bound": candidate.bound,
        "phrase": candidate.phrase[:200],
        "subject": candidate.subject[:200],
        "verb": candidate.verb[:200],
        "form": candidate.form,
        "confidence": round(candidate.confidence, 3),
    }
    if candidate.quantities:
        quantity = candidate.quantities[0]
        value = quantity.value.quantize(Decimal("0.01"))
        if value < _TARGET_LIMIT:
            fields.update(
                comparator=quantity.comparator,
                target_value=value,
                unit=quantity.unit,
                target_text=quantity.text[:300],
            )
    if candidate.deadlines:
        deadline = candidate.deadlines[0]
        if deadline.year and 1949 <= deadline.year <= 2100:
            fields.update(deadline_year=deadline.year, deadline_text=deadline.text[:200])
    return fields


def selection_fields(text: str, start: int, end: int, language: str, reference_year: int) -> dict:
    """The fields of a commitment an editor quotes from ``text[start:end]``: the reading of
    the extractor's candidate there when it has one, else what the quote itself says (its
    category, first quantity and first dated deadline). The reasons stay empty: the
    extractor did not propose it."""
    quote = text[start:end]
    for candidate in find_candidates(text, language, reference_year):
        if candidate.start < end and start < candidate.end:
            fields = commitment_fields(candidate, language)
            fields.update(phrase="", subject="", verb="", form="")
            fields[title_field(language)] = auto_title(quote)
            fields["confidence"] = 0
            return fields
    reading = Candidate(
        start=start,
        end=end,
        quote=quote,
        phrase="",
        quantities=tuple(find_quantities(quote, language)),
        deadlines=tuple(find_deadlines(quote, language, reference_year)),
        category=guess_category(quote, language),
        bound="alliance",
        confidence=0,
    )
    return commitment_fields(reading, language)
