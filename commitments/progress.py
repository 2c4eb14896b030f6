"""Progress of a commitment against its indicator's figures.

A figure counts from the newest edition that has it (NATO revises earlier years in
each edition); NATO's official figures outrank an editor's, and a withdrawn figure never
counts. An ally is counted for a year only if it was a member that year.

Scores follow the G7 Research Group's compliance scale, by each target's assessment
rule (scoring.py). The Alliance average is the mean of the scores.

Amount pledges (an indicator counted in money) are followed through contributions,
pledged and delivered (tally.py).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from nato_tracker import clock

from .models import Ally, Commitment, Measurement
from .scoring import NO_SCORE, Rule, Score, rule_for, score
from .tally import Tally, tally

# The three bands of every count: an ally meets the target, does not, or has no figure.
MEETS, NOT_MEETING, NO_FIGURE = "meets", "does_not_meet", "no_figure"
# And a year before the ally joined: no verdict at all.
NOT_MEMBER = "not_member"


@dataclass(frozen=True)
class Cell:
    """One ally's figure for one year, or the reason there is none."""

    year: int
    member: bool
    measurement: Measurement | None = None
    meets: bool | None = None

    @property
    def value(self) -> Decimal | None:
        return self.measurement.value if self.measurement else None

    @property
    def band(self) -> str:
        if not self.member:
            return NOT_MEMBER
        if self.measurement is None:
            return NO_FIGURE
        if self.meets is None:
            return ""  # a figure, and no target to hold it to
        return MEETS if self.meets else NOT_MEETING


@dataclass
class AllyRow:
    ally: Ally
    cells: list[Cell] = field(default_factory=list)
    score: Score = NO_SCORE


def score_row(commitment: Commitment, row: AllyRow, rule: Rule | None = None) -> Score:
    """The ally's score by the commitment's rule (see scoring.py)."""
    figures = [
        (cell.year, cell.measurement.value)
        for cell in row.cells
        if cell.member and cell.measurement is not None
    ]
    return score(commitment, rule or rule_for(commitment), figures, ally=row.ally)


@dataclass(frozen=True)
class YearCount:
    """One year's allies in three bands: meeting the target, not meeting it, and
    without a figure. Unknown is not "no": an ally without a figure is never counted
    as missing the target."""

    year: int
    members: int
    with_data: int
    meeting: int

    @property
    def not_meeting(self) -> int:
        return self.with_data - self.meeting

    @property
    def without_data(self) -> int:
        return self.members - self.with_data

    @property
    def share(self) -> float:
        """Share of the allies with a figure that meet the target."""
        return self.meeting / self.with_data if self.with_data else 0.0

    def bands(self) -> list[tuple[str, int, float]]:
        """(band, allies, percent of the members) for meets, does not meet, no figure."""
        total = self.members or 1
        return [
            (band, count, round(100 * count / total, 2))
            for band, count in (
                (MEETS, self.meeting),
                (NOT_MEETING, self.not_meeting),
                (NO_FIGURE, self.without_data),
            )
        ]


@dataclass
class Progress:
    commitment: Commitment
    years: list[int]
    rows: list[AllyRow]
    counts: list[YearCount]
    alliance: list[Measurement]

    amount: Tally | None = None

    @property
    def latest(self) -> YearCount | None:
        return self.counts[-1] if self.counts else None

    @property
    def has_ally_figures(self) -> bool:
        return any(count.with_data for count in self.counts)

    @property
    def scored(self) -> list[AllyRow]:
        return [row for row in self.rows if row.score.value is not None]

    @property
    def average(self) -> float | None:
        """The Alliance average score, from -1 to +1, or None when no ally is scored."""
        scored = self.scored
        if not scored:
            return None
        return sum(row.score.value or 0 for row in scored) / len(scored)

    def score_counts(self) -> dict[str, int]:
        counts = {"met": 0, "partly_met": 0, "in_progress": 0, "missed": 0, "no_score": 0}
        for row in self.rows:
            key = row.score.status if row.score.value is not None else "no_score"
            counts[key] += 1
        return counts

    def cells_for(self, year: int) -> list[tuple[Ally, Cell]]:
        index = self.years.index(year)
        return [(row.ally, row.cells[index]) for row in self.rows]


def counted_figures(measurements) -> dict[tuple[str | None, int], Measurement]:
    """(ally ISO code or None, year) -> the figure that counts, for loaded figures of one
    indicator: withdrawn figures never count; NATO's official figures outrank editors'
    whatever their edition; among each, the newest edition (Measurement.counting_order).

    A counted official figure that differs from the one of the edition before it is a
    revision: its `revised_from` is that earlier figure (None otherwise)."""
    figures: dict[tuple[str | None, int], Measurement] = {}
    for measurement in sorted(
        (m for m in measurements if not m.withdrawn), key=Measurement.counting_order
    ):
        earlier = figures.get(measurement.key)
        measurement.revised_from = (
            earlier
            if earlier is not None
            and earlier.is_official
            and measurement.is_official
            and earlier.value != measurement.value
            else None
        )
        figures[measurement.key] = measurement
    return figures


def latest_figures(indicator, measurements=None) -> dict[tuple[str | None, int], Measurement]:
    """(ally ISO code or None, year) -> the figure that counts (see counted_figures).

    `measurements`, when given, are already loaded figures (of any indicators, with
    their ally): those of this indicator are used and no query is run.
    """
    if measurements is None:
        measurements = indicator.measurements.select_related("ally")
    return counted_figures(m for m in measurements if m.indicator_id == indicator.pk)


def latest_figures_by_indicator(measurements) -> dict[int, dict]:
    """indicator id -> latest_figures of that indicator, for loaded figures of several
    indicators (with their ally): one pass, for pages that show many commitments."""
    by_indicator: dict[int, list[Measurement]] = {}
    for measurement in measurements:
        by_indicator.setdefault(measurement.indicator_id, []).append(measurement)
    return {pk: counted_figures(items) for pk, items in by_indicator.items()}


def indicator_years(indicators) -> dict[int, list[int]]:
    """indicator id -> the years with a figure for an ally, in order: read from the
    database (distinct pairs), without loading the figures."""
    pairs = (
        Measurement.objects.filter(indicator__in=indicators, ally__isnull=False)
        .values_list("indicator_id", "year")
        .distinct()
        .order_by("indicator_id", "year")
    )
    years: dict[int, list[int]] = {}
    for indicator, year in pairs:
        years.setdefault(indicator, []).append(year)
    return years


def ally_score(commitment: Commitment, ally: Ally, figures) -> Score:
    """The ally's score on the commitment from the indicator's latest figures (those
    of other allies are not needed): what progress_for's row of the ally scores,
    without the table of cells."""
    values = [
        (year, measurement.value)
        for (iso3, year), measurement in figures.items()
        if iso3 == ally.iso3 and ally.was_member_in(year)
    ]
    return score(commitment, rule_for(commitment), values, ally=ally)


def amount_for(commitment: Commitment, contributions) -> Tally:
    """Money pledged and delivered towards an amount commitment, as of today."""
    return tally(
        contributions,
        today=clock.today(),
        target=commitment.target_value,
        target_qualifier=commitment.comparator,
        deadline_year=commitment.deadline_year,
    )


def progress_for(
    commitment: Commitment,
    allies: list[Ally] | None = None,
    measurements=None,
    figures=None,
    contributions=None,
    years: list[int] | None = None,
) -> Progress | None:
    """Per-ally table and yearly counts, or None when the commitment has nothing to measure.

    `allies` defaults to the named allies of a commitment binding named allies, else all
    of them; `measurements` to the indicator's figures (see latest_figures); `figures`,
    when given, are the indicator's latest figures already computed (or those of some
    allies only, with `years`, the indicator's years: see indicator_years). An indicator
    counted in money is followed through its contributions (`contributions`, else its
    own), not through figures per ally.
    """
    indicator = commitment.indicator
    if indicator is None:
        return None
    amount = None
    if indicator.is_amount:
        if contributions is None:
            contributions = indicator.contributions.for_tally()
        amount = amount_for(commitment, contributions)
        figures = {}
    elif figures is None:
        figures = latest_figures(indicator, measurements)
    if years is None:
        years = sorted({year for (_iso3, year) in figures})
    if allies is None and commitment.bound == Commitment.Bound.NAMED:
        allies = list(commitment.bound_allies.order_by("name_en"))
    elif allies is None:
        allies = list(Ally.objects.order_by("name_en"))
    has_target = commitment.target_value is not None
    rule = rule_for(commitment)
    rows = []
    for ally in allies:
        row = AllyRow(ally)
        for year in years:
            member = ally.was_member_in(year)
            measurement = figures.get((ally.iso3, year)) if member else None
            meets = commitment.meets(measurement.value) if measurement and has_target else None
            row.cells.append(Cell(year, member, measurement, meets))
        row.score = score_row(commitment, row, rule)
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
        (m for (iso3, _year), m in figures.items() if iso3 is None), key=lambda m: m.year
    )
    return Progress(commitment, years, rows, counts, alliance, amount)
