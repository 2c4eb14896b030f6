"""Allies side by side: each ally's scores on the measured commitments binding it, its
average (each target of a lineage counted once), its overdue commitments and its figures
of one indicator, for the league table and the comparison of two or three allies.

Reads: allies, measured commitments (with their rules), the lineage links, figures.
Writes: nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from nato_tracker import params
from nato_tracker.languages import sort_key

from .lineage import ancestor_links
from .models import Ally, Commitment, Indicator, Measurement
from .progress import latest_figures_by_indicator, progress_for
from .scoring import Score, average


@dataclass
class Standing:
    ally: Ally
    scores: list[tuple[Commitment, Score]] = field(default_factory=list)
    average: float | None = None
    counted: set[int] = field(default_factory=set)
    overdue: list[Commitment] = field(default_factory=list)
    series: list[tuple[int, Decimal | None]] = field(default_factory=list)
    value: Decimal | None = None

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)


@dataclass
class League:
    standings: list[Standing]
    commitments: list[Commitment]
    indicators: list[Indicator]
    indicator: Indicator | None
    years: list[int]
    year: int | None


SORTS: dict[str, Callable[[Standing], tuple]] = {
    "name": lambda s: (sort_key(s.ally.name),),
    "value": lambda s: (s.value is None, -(s.value or 0), sort_key(s.ally.name)),
    "score": lambda s: (s.average is None, -(s.average or 0), sort_key(s.ally.name)),
    "overdue": lambda s: (-s.overdue_count, sort_key(s.ally.name)),
}


def _binds(commitment: Commitment, ally: Ally) -> bool:
    if commitment.bound == Commitment.Bound.NAMED:
        return any(named.pk == ally.pk for named in commitment.bound_allies.all())
    return True


def league(*, indicator_slug: str = "", year: str = "", allies: list[Ally] | None = None) -> League:
    """Standings of `allies` (all of them by default), with the figures of the chosen
    indicator (the first with ally figures by default) and year (its latest)."""
    if allies is None:
        allies = list(Ally.objects.order_by("name_en"))
    individual = (
        Commitment.objects.confirmed()
        .for_list()
        .with_overdue()
        .exclude(bound=Commitment.Bound.ALLIANCE)
        .filter(Q(indicator__isnull=False, target_value__isnull=False) | Q(is_overdue=True))
        .prefetch_related(Prefetch("bound_allies", queryset=Ally.objects.order_by("name_en")))
        .order_by("summit__started_on", "pk")
    )
    individual = list(individual)
    measured = [c for c in individual if c.indicator_id and c.target_value is not None]
    indicators = list(Indicator.objects.filter(measurements__ally__isnull=False).distinct())
    chosen = next((i for i in indicators if i.slug == indicator_slug), None)
    if chosen is None and indicators:
        chosen = indicators[0]
    wanted = {c.indicator_id for c in measured} | ({chosen.pk} if chosen else set())
    figures = latest_figures_by_indicator(
        Measurement.objects.filter(indicator__in=wanted, ally__isnull=False).select_related("ally")
    )
    parent_of = ancestor_links([c.pk for c in measured])
    rows_by_commitment = {}
    for commitment in measured:
        bound = [a for a in allies if _binds(commitment, a)]
        progress = progress_for(
            commitment, allies=bound, figures=figures.get(commitment.indicator_id, {})
        )
        assert progress is not None  # measured: it has an indicator
        rows_by_commitment[commitment.pk] = {row.ally.pk: row.score for row in progress.rows}
    chosen_figures = figures.get(chosen.pk, {}) if chosen else {}
    years = sorted({y for (_iso3, y) in chosen_figures})
    chosen_year = params.year(year)
    if chosen_year not in years:
        chosen_year = None
    if chosen_year is None and years:
        chosen_year = years[-1]
    standings = []
    for ally in allies:
        standing = Standing(ally)
        for commitment in measured:
            result = rows_by_commitment[commitment.pk].get(ally.pk)
            if result is not None:
                standing.scores.append((commitment, result))
        standing.average, standing.counted = average(standing.scores, parent_of)
        met = {c.pk for c, s in standing.scores if s.value == 1}
        standing.overdue = [
            c
            for c in individual
            if c.is_overdue
            and _binds(c, ally)
            and c.pk not in met
            and c.summit.started_on >= ally.joined_on
        ]
        standing.series = [
            (y, m.value if (m := chosen_figures.get((ally.iso3, y))) else None) for y in years
        ]
        figure = chosen_figures.get((ally.iso3, chosen_year))
        standing.value = figure.value if figure else None
        standings.append(standing)
    return League(standings, measured, indicators, chosen, years, chosen_year)


def sort_standings(standings: list[Standing], sort: str) -> tuple[list[Standing], str]:
    """Sorted by "name", "value", "score" or "overdue" (best first); a leading "-"
    reverses. Returns the standings and the sort key used."""
    key = sort.lstrip("-")
    if key not in SORTS:
        key, sort = "name", "name"
    ordered = sorted(standings, key=SORTS[key])
    if sort.startswith("-"):
        ordered.reverse()
    return ordered, sort
