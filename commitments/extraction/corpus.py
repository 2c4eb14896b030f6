"""The format of the development corpus: labelled sentences the extractor is measured on.

Reads: the text of a corpus file. Writes: ``Case`` records (and back: one line per
case), so that the measuring script reads what the export command writes.

One case a line, ``LABEL [SCOPE QUANTITY DEADLINE] | TEXT``:

* LABEL: ``C`` (the sentence is a commitment) or ``N`` (it is not);
* SCOPE (C only): who is bound, ``each`` (each ally), ``alliance`` or ``named``;
* QUANTITY (C only): ``-`` or ``comparator:value:unit`` (``at_least:2:pct_gdp``);
* DEADLINE (C only): ``-`` or a year;
* TEXT: the sentence. ``context ⟫ sentence`` places it after other sentences of its
  paragraph (what a pronoun refers to, the lead of an inline list). ``» item`` is an
  item stored apart from the lead of the list it belongs to: the latest ``lead | …``
  line, handed to the extractor beside the item, as a stored bullet is.

``## form`` opens the sentences of one form (the rows of the measured table), ``# …``
is a comment, ``year: 2025`` sets the meeting year the relative deadlines count from.
"""

from dataclasses import dataclass
from decimal import Decimal

CONTEXT_MARK = " ⟫ "
ITEM_MARK = "» "
SCOPES = {"each": "each_ally", "alliance": "alliance", "named": "named"}


class CorpusError(ValueError):
    """A line that does not follow the format; the message names it."""


@dataclass(frozen=True)
class Case:
    """One labelled sentence, with what the extractor should read in it."""

    form: str
    commitment: bool
    text: str  # the paragraph handed to the extractor
    start: int  # the sentence inside it
    end: int
    lead: str | None = None  # the lead of a list, for a stored item
    scope: str = ""  # one of the Commitment bounds, for a commitment
    quantity: tuple[str, Decimal, str] | None = None
    deadline: int | None = None
    year: int | None = None
    line: int = 0

    @property
    def sentence(self) -> str:
        return self.text[self.start : self.end]


def _quantity(field: str, where: str) -> tuple[str, Decimal, str] | None:
    if field == "-":
        return None
    try:
        comparator, value, unit = field.split(":")
        return comparator, Decimal(value), unit
    except ValueError as error:
        raise CorpusError(f"{where}: quantity {field!r} is not comparator:value:unit") from error


def parse(source: str, *, name: str = "corpus") -> list[Case]:
    """The cases of a corpus file, in order."""
    cases: list[Case] = []
    form, lead, year = "", None, None
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        if line.startswith("## "):
            form = line[3:].strip()
            continue
        if line.startswith("year:"):
            year = int(line.split(":", 1)[1])
            continue
        head, separator, text = line.partition(" | ")
        if not separator or not text.strip():
            raise CorpusError(f"{where}: expected 'LABEL … | TEXT'")
        if head == "lead":
            lead = text
            continue
        fields = head.split()
        if fields[0] not in {"C", "N"} or (fields[0] == "C" and len(fields) != 4):
            raise CorpusError(f"{where}: expected 'C SCOPE QUANTITY DEADLINE' or 'N'")
        item_lead = None
        if text.startswith(ITEM_MARK):
            if lead is None:
                raise CorpusError(f"{where}: an item before any 'lead | …' line")
            text, item_lead = text[len(ITEM_MARK) :], lead
        context, _mark, sentence = text.rpartition(CONTEXT_MARK)
        paragraph = f"{context} {sentence}" if context else sentence
        start = len(paragraph) - len(sentence)
        scope, quantity, deadline = "", None, None
        if fields[0] == "C":
            if fields[1] not in SCOPES:
                raise CorpusError(f"{where}: scope {fields[1]!r} is not one of {sorted(SCOPES)}")
            scope = SCOPES[fields[1]]
            quantity = _quantity(fields[2], where)
            deadline = None if fields[3] == "-" else int(fields[3])
        cases.append(
            Case(
                form=form or "other",
                commitment=fields[0] == "C",
                text=paragraph,
                start=start,
                end=len(paragraph),
                lead=item_lead,
                scope=scope,
                quantity=quantity,
                deadline=deadline,
                year=year,
                line=number,
            )
        )
    return cases


def format_case(
    *,
    commitment: bool,
    sentence: str,
    context: str = "",
    scope: str = "",
    quantity: tuple[str, Decimal, str] | None = None,
    deadline: int | None = None,
) -> str:
    """One corpus line for a sentence (the inverse of ``parse`` for one case)."""
    text = " ".join(sentence.split())
    if context:
        text = " ".join(context.split()) + CONTEXT_MARK + text
    if not commitment:
        return f"N | {text}"
    short = {value: key for key, value in SCOPES.items()}[scope]
    amount = "-"
    if quantity is not None:
        comparator, value, unit = quantity
        amount = f"{comparator}:{value.normalize():f}:{unit}"
    return f"C {short} {amount} {deadline or '-'} | {text}"
