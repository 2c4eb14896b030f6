"""Progress of a commitment against its indicator's figures.

A figure counts from the newest edition that has it (NATO revises earlier years in
each edition). An ally is counted for a year only if it was a member that year.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from .models import Ally, Commitment


class Figure(NamedTuple):
    """A measurement as the progress tables show it (plain values: a commitment's page
    reads about a thousand of them)."""

    year: int
    value: Decimal
    estimate: bool
    edition: str


@dataclass(frozen=True)
class Cell:
    """One ally's figure for one year, or the reason there is none."""

    year: int
    member: bool
    measurement: Figure | None = None
    meets: bool | None = None

    @property
    def value(self) -> Decimal | None:
        return self.measurement.value if self.measurement else None


@dataclass
class AllyRow:
    ally: Ally
    cells: list[Cell] = field(default_factory=list)


@dataclass(frozen=True)
class YearCount:
    year: int
    members: int
    with_data: int
    meeting: int

    @property
    def share(self) -> float:
        return self.meeting / self.members if self.members else 0.0


@dataclass
class Progress:
    commitment: Commitment
    years: list[int]
    rows: list[AllyRow]
    counts: list[YearCount]
    alliance: list[Figure]

    @property
    def latest(self) -> YearCount | None:
        return self.counts[-1] if self.counts else None


def latest_figures(indicator) -> dict[tuple[int | None, int], Figure]:
    """(ally id or None, year) -> the figure from the newest edition."""
    rows = indicator.measurements.order_by("edition").values_list(
        "ally_id", "year", "value", "estimate", "edition"
    )
    return {(ally_id, year): Figure(year, *rest) for ally_id, year, *rest in rows}


def progress_for(commitment: Commitment, allies: list[Ally] | None = None) -> Progress | None:
    """Per-ally table and yearly counts, or None when the commitment has nothing to measure."""
    indicator = commitment.indicator
    if indicator is None:
        return None
    figures = latest_figures(indicator)
    years = sorted({year for (_ally, year) in figures})
    if allies is None:
        allies = list(Ally.objects.order_by("name_en"))
    has_target = commitment.target_value is not None
    rows = []
    for ally in allies:
        row = AllyRow(ally)
        for year in years:
            member = ally.was_member_in(year)
            measurement = figures.get((ally.pk, year)) if member else None
            meets = commitment.meets(measurement.value) if measurement and has_target else None
            row.cells.append(Cell(year, member, measurement, meets))
        rows.append(row)
    counts = []
    for index, year in enumerate(years):
        cells = [row.cells[index] for row in rows]
        counts.append(
            YearCount(
                year=year,
                members=sum(cell.member for cell in cells),
                with_data=sum(cell.measurement is not None for cell in cells),
                meeting=sum(bool(cell.meets) for cell in cells),
            )
        )
    alliance = sorted(
        (m for (ally, _year), m in figures.items() if ally is None), key=lambda m: m.year
    )
    return Progress(commitment, years, rows, counts, alliance)
