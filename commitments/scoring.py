"""Scores from figures, on the G7 Research Group's scale, by a rule stated as data.

Reads: a commitment (its target, deadline and meeting), its AssessmentRule (or the
default rule below), one ally's figures per year, today's date. Writes: nothing.

The rule says which year is assessed (the deadline year, or the latest figure), what
counts as partial (a rise towards the target of at least a stated amount a year), what
one figure alone gives, and the precision NATO publishes the figures at. In short:

- an ally is scored only on commitments made while it was a member;
- +1: the figure of the year assessed, at NATO's published precision, meets the target;
- 0: it does not, but the deadline is ahead ("in progress"), or the figure rose by the
  rule's margin since the first figure after the commitment ("partly met");
- -1: it does not, and it did not rise by that margin ("missed");
- no score: no figure, or one figure only below the target when the rule says so.

`distinct_targets` keeps one commitment per target in a lineage, so that averages count
the Wales pledge and the Vilnius 2 % commitment, which measure the same thing, once.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nato_tracker import clock

from .figures import figure
from .models import Ally, AssessmentRule, Commitment

# Why a score is what it is; the label shown beside it.
REASONS = {
    "met": gettext_lazy("meets the target"),
    "in_progress": gettext_lazy("below the target, deadline ahead"),
    "partly_met": gettext_lazy("below the target, rising by the rule's margin"),
    "missed": gettext_lazy("below the target, not rising by the rule's margin"),
    "no_figure": gettext_lazy("no figure"),
    "one_figure": gettext_lazy("one figure only: no trend to read"),
    "joined_after": gettext_lazy("joined after the commitment was made"),
    "no_target": gettext_lazy("no quantified target"),
}


@dataclass(frozen=True)
class Rule:
    assessed_year: str
    partial_rise: Decimal | None
    single_figure: str
    precision: Decimal
    notes: str = ""
    stated: bool = False  # an editor's rule, not the default


def default_rule(commitment: Commitment) -> Rule:
    """Without a stated rule: the deadline year when there is one, no partial score from
    a trend, no score from one figure, two decimals."""
    return Rule(
        assessed_year=(
            AssessmentRule.AssessedYear.DEADLINE
            if commitment.deadline_year
            else AssessmentRule.AssessedYear.LATEST
        ),
        partial_rise=None,
        single_figure=AssessmentRule.SingleFigure.NO_SCORE,
        precision=Decimal("0.01"),
    )


def rule_for(commitment: Commitment) -> Rule:
    """The commitment's stated rule (read from `commitment.rule`, so select_related or
    prefetch it), else the default one."""
    try:
        stated = commitment.rule
    except AssessmentRule.DoesNotExist:
        return default_rule(commitment)
    return Rule(
        assessed_year=stated.assessed_year,
        partial_rise=stated.partial_rise,
        single_figure=stated.single_figure,
        precision=stated.precision,
        notes=stated.notes,
        stated=True,
    )


@dataclass(frozen=True)
class Score:
    """An ally's compliance with one commitment: +1, 0, -1, or None (no score)."""

    value: int | None
    status: str  # a Commitment.Status value
    year: int | None = None
    reason: str = "no_figure"  # a key of REASONS
    provisional: bool = False  # the deadline year's figure is not published yet

    @property
    def label(self):
        return Commitment.Status(self.status).label

    @property
    def reason_label(self):
        return REASONS[self.reason]


NO_SCORE = Score(None, Commitment.Status.NOT_RATED)


def rounded(value: Decimal, precision: Decimal) -> Decimal:
    """A figure at NATO's published precision: 1.996 -> 2.00 at 0.01."""
    return (value / precision).quantize(Decimal(1), rounding=ROUND_HALF_UP) * precision


def joined_after(ally: Ally, commitment: Commitment) -> bool:
    return ally.joined_on > commitment.summit.started_on


def score(
    commitment: Commitment,
    rule: Rule,
    figures: list[tuple[int, Decimal]],
    *,
    ally: Ally | None = None,
    today=None,
) -> Score:
    """Score one ally (or the Alliance, ally=None) from its (year, value) figures.

    Figures of years the ally was not a member must already be left out.
    """
    if commitment.target_value is None:
        return Score(None, Commitment.Status.NOT_RATED, reason="no_target")
    if ally is not None and joined_after(ally, commitment):
        return Score(None, Commitment.Status.NOT_RATED, reason="joined_after")
    today = today or clock.today()
    deadline = commitment.deadline_year
    measured = sorted((year, rounded(value, rule.precision)) for year, value in figures)
    provisional = False
    ahead = deadline is not None and deadline >= today.year
    if rule.assessed_year == AssessmentRule.AssessedYear.DEADLINE and deadline is not None:
        measured = [(year, value) for year, value in measured if year <= deadline]
        if measured and measured[-1][0] < deadline:
            # The deadline year's figure is not out yet: the latest one, as if ahead.
            provisional = not ahead
            ahead = True
    if not measured:
        return NO_SCORE
    year, value = measured[-1]
    if commitment.meets(value):
        return Score(1, Commitment.Status.MET, year, "met", provisional)
    if ahead:
        return Score(0, Commitment.Status.IN_PROGRESS, year, "in_progress", provisional)
    since = [(y, v) for y, v in measured if y >= commitment.summit.year] or measured[:1]
    first_year, first_value = since[0]
    if first_year == year:
        if rule.single_figure == AssessmentRule.SingleFigure.NO_SCORE:
            return Score(None, Commitment.Status.NOT_RATED, year, "one_figure", provisional)
        return Score(-1, Commitment.Status.MISSED, year, "missed", provisional)
    rise = value - first_value
    if rule.partial_rise is not None and rise >= rule.partial_rise * (year - first_year):
        return Score(0, Commitment.Status.PARTLY_MET, year, "partly_met", provisional)
    return Score(-1, Commitment.Status.MISSED, year, "missed", provisional)


def describe_rule(commitment: Commitment, rule: Rule) -> list[tuple[str, str]]:
    """The rule in words, as (what, how) pairs for the page."""
    unit = commitment.unit or (commitment.indicator.unit if commitment.indicator else "")
    if rule.assessed_year == AssessmentRule.AssessedYear.DEADLINE and commitment.deadline_year:
        year = _("the figure for %(year)s, the deadline (before it is published, the latest)") % {
            "year": commitment.deadline_year
        }
    else:
        year = _("the latest figure")
    comparator = Commitment.Comparator(commitment.comparator or "at_least").label
    target = f"{comparator} {figure(commitment.target_value, unit)}"
    if rule.partial_rise is not None:
        partial = _(
            "below the target, a rise of at least %(rise)s a year since the first figure "
            "after the commitment scores 0"
        ) % {"rise": figure(rule.partial_rise.normalize(), _points_unit(unit))}
    else:
        partial = _("no partial score from a trend; before the deadline, 0")
    single = AssessmentRule.SingleFigure(rule.single_figure).label
    return [
        (_("Year assessed"), year),
        (_("Target"), target),
        (_("Partial (0)"), partial),
        (_("One figure only"), str(single)),
        (_("Precision"), _("figures compared at %(precision)s, as NATO publishes them")
         % {"precision": figure(rule.precision.normalize(), _points_unit(unit))}),
    ]  # fmt: skip


def _points_unit(unit: str) -> str:
    """A rise or a precision in a percentage unit reads as points, not as a share."""
    return "" if unit in ("pct_gdp", "pct_defence_budget", "percent") else unit


def distinct_targets(commitments: list[Commitment], parent_of: dict[int, int | None]):
    """Group commitments measuring the same target in one lineage; yield the groups.

    `parent_of` maps commitment ids to their parent's id (the lineage links). Two
    commitments are in one group when they share a lineage root, an indicator, a
    comparator and a target value.
    """

    def root(pk: int) -> int:
        seen = {pk}
        parent = parent_of.get(pk)
        while parent is not None and parent not in seen:
            pk = parent
            seen.add(pk)
            parent = parent_of.get(pk)
        return pk

    groups: dict[tuple, list[Commitment]] = {}
    for commitment in commitments:
        key = (
            root(commitment.pk),
            commitment.indicator_id,
            commitment.comparator or "at_least",
            commitment.target_value,
        )
        groups.setdefault(key, []).append(commitment)
    return list(groups.values())


def average(
    scored: list[tuple[Commitment, Score]], parent_of: dict[int, int | None]
) -> tuple[float | None, set[int]]:
    """The mean score, counting each target of a lineage once: the most recent
    commitment of the group that has a score stands for it. Returns the mean (None
    without a score) and the ids of the commitments counted."""
    by_pk = {commitment.pk: result for commitment, result in scored}
    counted: set[int] = set()
    values: list[int] = []
    for group in distinct_targets([c for c, _s in scored], parent_of):
        group = sorted(group, key=lambda c: (c.summit.started_on, c.pk), reverse=True)
        stands = next((c for c in group if by_pk[c.pk].value is not None), None)
        value = by_pk[stands.pk].value if stands is not None else None
        if stands is not None and value is not None:
            counted.add(stands.pk)
            values.append(value)
    return (sum(values) / len(values) if values else None), counted
