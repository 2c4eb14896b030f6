"""Money pledged and delivered against an amount commitment, as of a day.

Contributions are counted the way the Kiel Institute's Ukraine Support Tracker counts
aid: per contributor and over time, pledges and deliveries apart, each dated and
sourced. A total "to date" that a text states (``Contribution.cumulative``) stands for
every contribution of its kind up to its day; those dated after it add to it. Only what
is dated on or before today counts; later ones are listed, not counted. Qualifiers are
kept through the sums (amounts.add_up): "more than 500 million" plus 20 million is
"more than 520 million".
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .amounts import NOTHING, Total, add_up

PLEDGED, DELIVERED = "pledged", "delivered"


@dataclass(frozen=True)
class Line:
    """One contribution, and the running totals once it is counted."""

    contribution: object  # a Contribution
    counted: bool  # dated on or before today
    pledged: Total  # running totals after this line
    delivered: Total


@dataclass(frozen=True)
class Contributor:
    name: str
    ally: object | None  # the Ally, for a link
    pledged: Total
    delivered: Total


@dataclass
class Tally:
    target: Decimal | None
    target_qualifier: str
    deadline: date | None
    today: date
    pledged: Total = NOTHING
    delivered: Total = NOTHING
    lines: list[Line] = field(default_factory=list)
    contributors: list[Contributor] = field(default_factory=list)
    delivered_by_deadline: Total = NOTHING

    @property
    def later(self) -> int:
        """Contributions dated after today: listed, not counted yet."""
        return sum(not line.counted for line in self.lines)

    @property
    def days_left(self) -> int | None:
        """Days from today to the deadline (negative once it has passed)."""
        return (self.deadline - self.today).days if self.deadline else None

    @property
    def days_ago(self) -> int:
        """Days since the deadline passed (0 before it)."""
        return max(-(self.days_left or 0), 0)

    @property
    def deadline_passed(self) -> bool:
        return self.deadline is not None and self.deadline < self.today

    def share(self, total: Total) -> float:
        if not self.target or not total:
            return 0.0
        return float(total.value / self.target)

    @property
    def delivered_percent(self) -> float:
        return round(100 * self.share(self.delivered), 1)

    @property
    def pledged_percent(self) -> float:
        return round(100 * self.share(self.pledged), 1)

    def bar(self) -> list[tuple[str, str]]:
        """(part, width in percent of the widest of target, pledges and deliveries) for
        a bar of delivered, pledged not yet delivered, and the rest of the target."""
        widest = max(self.target or 0, self.pledged.value, self.delivered.value) or 1
        delivered = min(self.delivered.value, widest)
        pledged = max(min(self.pledged.value, widest) - delivered, 0)
        rest = max((self.target or 0) - delivered - pledged, 0)
        parts = [(DELIVERED, delivered), (PLEDGED, pledged), ("rest", rest)]
        return [(name, f"{100 * float(value / widest):.2f}") for name, value in parts if value > 0]


def running(contributions, kind: str) -> Total:
    """The total of one kind's contributions, in date order (see the module's rule)."""
    figures: list[tuple[Decimal, str]] = []
    for contribution in contributions:
        if contribution.kind != kind:
            continue
        if contribution.cumulative:
            figures = []
        figures.append((contribution.amount, contribution.qualifier))
    return add_up(figures)


def tally(
    contributions, *, today: date, target=None, target_qualifier="", deadline_year=None
) -> Tally:
    """Totals of ``contributions`` (of one indicator) as of ``today``, against a target."""
    ordered = sorted(contributions, key=lambda c: (c.made_on, c.pk or 0))
    deadline = date(deadline_year, 12, 31) if deadline_year else None
    result = Tally(target, target_qualifier, deadline, today)
    counted = []
    for contribution in ordered:
        is_counted = contribution.made_on <= today
        if is_counted:
            counted.append(contribution)
        result.lines.append(
            Line(contribution, is_counted, running(counted, PLEDGED), running(counted, DELIVERED))
        )
    result.pledged = running(counted, PLEDGED)
    result.delivered = running(counted, DELIVERED)
    if deadline is not None:
        result.delivered_by_deadline = running(
            [c for c in counted if c.made_on <= deadline], DELIVERED
        )
    by_name: dict[str, list] = {}
    for contribution in counted:
        by_name.setdefault(contribution.contributor_name, []).append(contribution)
    result.contributors = sorted(
        (
            Contributor(
                name,
                items[0].ally if items[0].ally_id else None,
                running(items, PLEDGED),
                running(items, DELIVERED),
            )
            for name, items in by_name.items()
        ),
        key=lambda c: (-max(c.pledged.value, c.delivered.value), c.name),
    )
    return result
