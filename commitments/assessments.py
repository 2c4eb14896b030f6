"""Assessment cycles, as the G7 Research Group runs them: an interim or final assessment
of a summit's priority commitments over a period, one score per commitment and ally
(one for the Alliance where it binds the Alliance as a whole), with reasons and sources.

Reads: a cycle, its commitments, their rules and NATO's figures as known at the end of
the period. Writes (each function in one transaction): the cycle and its assessments
(open_cycle), a score and its reasoning (record_assessment), a source (add_source),
the publication (publish_cycle).

Scores from figures fill in where a commitment has an indicator and a target; an editor
may change one only with a reason, and the report shows it. Compliance is the mean
score turned into a percentage the G7 Research Group's way: (mean + 1) / 2.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nato_tracker import history
from nato_tracker.versioning import claim_version

from .figures import figure
from .models import Ally, Assessment, AssessmentCycle, AssessmentSource, Commitment, Measurement
from .progress import latest_figures
from .scoring import rule_for, score


def bound_allies(commitment: Commitment) -> list[Ally | None]:
    """Who a cycle scores on a commitment: each ally that was a member when it was made,
    the named allies, or the Alliance as a whole (None)."""
    if commitment.bound == Commitment.Bound.ALLIANCE:
        return [None]
    if commitment.bound == Commitment.Bound.NAMED:
        return list(commitment.bound_allies.order_by("name_en"))
    return list(
        Ally.objects.filter(joined_on__lte=commitment.summit.started_on).order_by("name_en")
    )


def automatic(commitment: Commitment, ally: Ally | None, cycle: AssessmentCycle, figures):
    """(score, what the figures say) from the figures known at the end of the period, or
    (None, "") when the commitment has nothing to measure."""
    if commitment.indicator_id is None or commitment.target_value is None or ally is None:
        return None, ""
    iso3 = ally.iso3
    series = [
        (year, m.value)
        for (code, year), m in sorted(figures.items(), key=lambda item: item[0][1])
        if code == iso3 and year <= cycle.ends_on.year and ally.was_member_in(year)
    ]
    result = score(commitment, rule_for(commitment), series, ally=ally, today=cycle.ends_on)
    unit = commitment.unit or (commitment.indicator.unit if commitment.indicator else "")
    if result.year is not None:
        value = dict(series)[result.year]
        said = _("%(year)s: %(value)s; %(reason)s") % {
            "year": result.year,
            "value": figure(value, unit),
            "reason": result.reason_label,
        }
    else:
        said = str(result.reason_label)
    return result.value, said


def _figures_known(commitment: Commitment, cycle: AssessmentCycle):
    """The indicator's figures as published by the end of the period (editions are
    named by their month, "2024-06")."""
    measurements = Measurement.objects.filter(
        indicator=commitment.indicator_id, edition__lte=cycle.ends_on.strftime("%Y-%m")
    ).select_related("ally")
    return latest_figures(commitment.indicator, list(measurements))


@transaction.atomic
def open_cycle(
    *, summit, kind, starts_on, ends_on, title, commitments, user, introduction=""
) -> AssessmentCycle:
    """A draft cycle with one assessment per commitment and ally bound, the scores from
    figures filled in."""
    base = slugify(f"{summit.slug}-{kind}-{ends_on:%Y-%m}")
    slug, n = base, 1
    while AssessmentCycle.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    cycle = AssessmentCycle(
        slug=slug,
        title=title,
        summit=summit,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        introduction=introduction,
        opened_by=user,
    )
    cycle.full_clean()
    cycle.save()
    wrong = [c.title for c in commitments if c.summit_id != summit.pk]
    if wrong:
        raise ValidationError(_("Not commitments of this summit: %(titles)s") % {
            "titles": "; ".join(wrong)})  # fmt: skip
    cycle.commitments.set(commitments)
    for commitment in commitments:
        figures = _figures_known(commitment, cycle) if commitment.indicator_id else {}
        for ally in bound_allies(commitment):
            value, said = automatic(commitment, ally, cycle, figures)
            Assessment.objects.create(
                cycle=cycle,
                commitment=commitment,
                ally=ally,
                automatic_score=value,
                automatic_reason=said[:300],
                score=value,
            )
    return cycle


def _editable(assessment: Assessment) -> None:
    if assessment.cycle.is_published:
        raise ValidationError(_("This cycle is published: its scores are final."))


@transaction.atomic
def record_assessment(
    *, assessment: Assessment, version: int, user, score, rationale: str, override_reason: str
) -> Assessment:
    """An editor's score and reasoning; raises VersionConflict if someone saved in
    between, ValidationError for a published cycle or an override without a reason."""
    _editable(assessment)
    current = claim_version(Assessment, pk=assessment.pk, version=version)
    assert isinstance(current, Assessment)
    if current.automatic_score is not None and score != current.automatic_score:
        if not override_reason.strip():
            raise ValidationError(
                _("The figures give %(auto)s: say why the score differs.")
                % {"auto": current.get_automatic_score_display()}
            )
    else:
        override_reason = ""
    current.score = score
    current.rationale = rationale.strip()
    current.override_reason = override_reason.strip()
    current.author = user
    history.save_by(current, user)
    return current


@transaction.atomic
def add_source(*, assessment: Assessment, url="", paragraph=None, text="") -> AssessmentSource:
    _editable(assessment)
    source = AssessmentSource(assessment=assessment, url=url, paragraph=paragraph, text=text)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def publish_cycle(*, cycle: AssessmentCycle, user) -> AssessmentCycle:
    """Publish a cycle whose every assessment is decided (see Assessment.is_decided)."""
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_published:
        raise ValidationError(_("This cycle is already published."))
    pending = [a for a in cycle.assessments.select_related("ally") if not a.is_decided]
    if pending:
        raise ValidationError(
            _("%(count)s assessment(s) still need a score from the figures or a reasoned "
              "paragraph.") % {"count": len(pending)}
        )  # fmt: skip
    cycle.state = AssessmentCycle.State.PUBLISHED
    cycle.published_at = timezone.now()
    cycle.save()
    return cycle


# The report --------------------------------------------------------------------------------


@dataclass
class Tally:
    """Scores of one commitment, one ally, or the whole cycle."""

    scores: list[int] = field(default_factory=list)
    unscored: int = 0

    def add(self, value):
        if value is None:
            self.unscored += 1
        else:
            self.scores.append(value)

    @property
    def mean(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    @property
    def percent(self) -> int | None:
        """Compliance as a percentage: (mean + 1) / 2, as the G7 Research Group reports it."""
        return None if self.mean is None else round((self.mean + 1) * 50)

    def count(self, value) -> int:
        return self.scores.count(value)


@dataclass
class Report:
    cycle: AssessmentCycle
    by_commitment: list[tuple[Commitment, Tally, list[Assessment]]]
    by_ally: list[tuple[Ally, Tally]]
    overall: Tally


def report(cycle: AssessmentCycle, assessments: list[Assessment]) -> Report:
    """Compliance per commitment, per ally and overall. The overall mean is that of the
    commitments' means, so that a commitment binding 32 allies weighs as much as one
    binding the Alliance."""
    commitments: dict[int, tuple[Commitment, Tally, list[Assessment]]] = {}
    allies: dict[int, tuple[Ally, Tally]] = {}
    for assessment in assessments:
        entry = commitments.setdefault(
            assessment.commitment_id, (assessment.commitment, Tally(), [])
        )
        entry[1].add(assessment.score)
        entry[2].append(assessment)
        if assessment.ally is not None:
            allies.setdefault(assessment.ally.pk, (assessment.ally, Tally()))[1].add(
                assessment.score
            )
    overall = Tally()
    for _commitment, tally, _items in commitments.values():
        overall.add(tally.mean)
    by_commitment = sorted(commitments.values(), key=lambda e: (e[0].summit.started_on, e[0].pk))
    by_ally = sorted(allies.values(), key=lambda e: e[0].name_en)
    return Report(cycle, by_commitment, by_ally, overall)


REPORT_FIELDS = [
    "cycle",
    "kind",
    "period_from",
    "period_to",
    "commitment",
    "commitment_title",
    "ally",
    "score",
    "from_figures",
    "figures_say",
    "override_reason",
    "reasoning",
    "sources",
]


def report_rows(cycle: AssessmentCycle, assessments, absolute):
    """One row per assessment, for the CSV and JSON exports; `absolute` makes a path a
    full address."""
    for a in assessments:
        sources = []
        for source in a.sources.all():
            where = source.url or (
                absolute(source.paragraph.get_absolute_url()) if source.paragraph else ""
            )
            sources.append(f"{source.text} {where}".strip())
        yield {
            "cycle": cycle.slug,
            "kind": cycle.kind,
            "period_from": cycle.starts_on,
            "period_to": cycle.ends_on,
            "commitment": a.commitment.slug,
            "commitment_title": a.commitment.title,
            "ally": a.ally.iso3 if a.ally else None,
            "score": a.score,
            "from_figures": a.is_automatic,
            "figures_say": a.automatic_reason,
            "override_reason": a.override_reason,
            "reasoning": a.rationale,
            "sources": sources,
        }
