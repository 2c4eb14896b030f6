"""From the extractor's reading of a sentence to the fields of a Commitment.

One conversion, shared by the import of a communiqué and the fixture builder: the
first quantity read becomes the target, the first dated deadline the deadline; values
that do not fit the columns are left out rather than cut into something false.
"""

from decimal import Decimal

from .extraction import Candidate

# Commitment.target_value has max_digits=16, decimal_places=2.
_TARGET_LIMIT = Decimal(10) ** 14
_TITLE_WORDS = 14


def auto_title(quote: str) -> str:
    """A first title for a candidate: its first words."""
    words = quote.split()
    title = " ".join(words[:_TITLE_WORDS]) + (" …" if len(words) > _TITLE_WORDS else "")
    return title[:300]


def commitment_fields(candidate: Candidate) -> dict:
    """The Commitment fields a candidate fills in (its quote and place aside)."""
    fields: dict = {
        "title": auto_title(candidate.quote),
        "category": candidate.category,
        "bound": candidate.bound,
        "phrase": candidate.phrase[:200],
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
