"""Writes that span several commitments models, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nato_tracker import cache, history
from nato_tracker.languages import active_language
from nato_tracker.versioning import claim_version

from .candidates import selection_fields, title_field
from .models import Ally, Commitment, Contribution, Indicator, Measurement, StatusChange
from .progress_data import AllyRow, ContributionRow, DataFileError, MeasurementRow


@transaction.atomic
def import_allies(*, rows: list[AllyRow]) -> tuple[int, int]:
    """Create or update allies by ISO code. Returns (created, updated)."""
    created = updated = 0
    for row in rows:
        _ally, was_created = Ally.objects.update_or_create(
            iso3=row.iso3,
            defaults={"name_en": row.name_en, "name_fr": row.name_fr, "joined_on": row.joined_on},
        )
        created += was_created
        updated += not was_created
    cache.data_loaded()
    return created, updated


@transaction.atomic
def import_measurements(*, indicator: Indicator, rows: list[MeasurementRow]) -> tuple[int, int]:
    """Load one edition's figures beside the others. Returns (created, updated).

    A figure is identified by (indicator, ally, year, edition): loading the same file
    again changes nothing, a new edition adds rows and keeps the earlier ones.
    """
    allies = {ally.iso3: ally for ally in Ally.objects.all()}
    unknown = sorted({row.iso3 for row in rows} - set(allies))
    if unknown:
        raise DataFileError(f"Unknown ally code(s): {', '.join(unknown)}. Load the allies first.")
    created = updated = 0
    for row in rows:
        _measurement, was_created = Measurement.objects.update_or_create(
            indicator=indicator,
            ally=allies[row.iso3],
            year=row.year,
            edition=row.edition,
            defaults={"value": row.value, "estimate": row.estimate, "source": row.source},
        )
        created += was_created
        updated += not was_created
    cache.data_loaded()
    return created, updated


@transaction.atomic
def record_status_change(
    *, commitment: Commitment, status: str, as_of, rationale: str, author=None, **source
) -> StatusChange:
    """Add a dated status change; the commitment's current status is the latest one."""
    change = StatusChange(
        commitment=commitment,
        status=status,
        as_of=as_of,
        rationale=rationale,
        author=author,
        **source,
    )
    history.save_by(change, author)
    sync_status(commitment, user=author)
    return change


@transaction.atomic
def sync_status(commitment: Commitment, *, user=None) -> None:
    """Set the commitment's current status to that of its latest status change (or "not
    yet rated" when none is left), recorded in its history when it changes."""
    latest = commitment.status_changes.order_by("-as_of", "-pk").first()
    status = latest.status if latest else Commitment.Status.NOT_RATED
    # Saved from a fresh copy, so that its history record holds today's other fields.
    history.ensure_baseline(Commitment, commitment.pk)
    fresh = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if fresh.status != status:
        fresh.status = status
        fresh.updated_at = timezone.now()
        history.mark(
            fresh,
            user,
            f"status change of {latest.as_of.isoformat()}" if latest else "status change removed",
        )
        fresh.save()
    commitment.status = status


@transaction.atomic
def update_commitment(
    *, commitment: Commitment, version: int, user, changes: dict, bound_allies=None
) -> Commitment:
    """Apply an editor's changes; raises VersionConflict if someone saved in between."""
    current = claim_version(Commitment, pk=commitment.pk, version=version)
    for name, value in changes.items():
        setattr(current, name, value)
    history.save_by(current, user)
    if bound_allies is not None:
        current.bound_allies.set(bound_allies)
    return current


def review_commitment(*, commitment: Commitment, version: int, user, review: str) -> Commitment:
    """Confirm or reject a candidate (or take a decision back)."""
    return update_commitment(
        commitment=commitment, version=version, user=user, changes={"review": review}
    )


def _free_slug(base: str) -> str:
    slugs = set(Commitment.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    index = 1
    while f"{base}-{index}" in slugs:
        index += 1
    return f"{base}-{index}"


@transaction.atomic
def add_missed_commitment(
    *, paragraph, start: int, end: int, user, title: str = "", category: str = "", bound: str = ""
) -> Commitment:
    """Record a commitment the extractor missed, quoted from words an editor selected.

    It is confirmed at once and marked as an editor's addition (origin "editor"), which
    is what ``export_corpus_cases`` reports back to the development corpus. Target and
    deadline are read from the quote as the extractor reads a candidate's.
    """
    text = paragraph.text
    document = paragraph.document
    fields = selection_fields(text, start, end, document.language, document.summit.started_on.year)
    if title:  # written in the editor's language
        fields[title_field(active_language())] = title
    fields["category"] = category or fields["category"]
    fields["bound"] = bound or fields["bound"]
    commitment = Commitment(
        slug=_free_slug(slugify(f"{document.slug}-{paragraph.anchor}")[:100]),
        summit=document.summit,
        paragraph=paragraph,
        quote=text[start:end],
        quote_start=start,
        quote_end=end,
        review=Commitment.Review.CONFIRMED,
        origin=Commitment.Origin.EDITOR,
        **fields,
    )
    history.save_by(commitment, user)
    return commitment


@transaction.atomic
def record_editor_figure(*, measurement: Measurement, user) -> Measurement:
    """An editor's figure: marked as the editor's, with its source (required), kept in
    the figures' history. It counts only where NATO publishes no figure of its own."""
    measurement.origin = Measurement.Origin.EDITOR
    measurement.author = user
    if measurement.ally is None:
        measurement.aggregate = Measurement.Aggregate.NATO_TOTAL
    history.save_by(measurement, user)
    cache.data_loaded()
    return measurement


class WithdrawalRefused(PermissionError):
    """This user may not withdraw this figure."""


def may_withdraw(user, measurement: Measurement) -> bool:
    """Editors withdraw editors' figures; an official NATO figure needs an admin."""
    if measurement.is_official:
        return user.has_perm("commitments.delete_measurement")
    return user.has_perm("commitments.withdraw_measurement")


@transaction.atomic
def withdraw_figure(*, measurement: Measurement, reason: str, user) -> Measurement:
    """Withdraw a figure: it stays, marked withdrawn with its reason (in its history
    too), and no longer counts anywhere."""
    if not may_withdraw(user, measurement):
        raise WithdrawalRefused(measurement.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"withdrawn_reason": _("Say why the figure is withdrawn.")})
    history.ensure_baseline(Measurement, measurement.pk)
    fresh = Measurement.objects.select_for_update().get(pk=measurement.pk)
    fresh.withdrawn = True
    fresh.withdrawn_reason = reason
    history.mark(fresh, user, f"withdrawn: {reason}"[:100])
    fresh.save()
    cache.data_loaded()
    return fresh


def plan_contributions(rows: list[ContributionRow]) -> list[tuple[ContributionRow, str]]:
    """Each row with what loading it does ("new", "unchanged" or "changed"), writing
    nothing; a DataFileError names every line that cannot be loaded."""
    indicators = {i.slug: i for i in Indicator.objects.filter(slug__in={r.indicator for r in rows})}
    allies = {a.iso3: a for a in Ally.objects.filter(iso3__in={r.iso3 for r in rows if r.iso3})}
    errors: list[str] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        indicator = indicators.get(row.indicator)
        if indicator is None:
            errors.append(f"Line {row.line}: no indicator {row.indicator!r}.")
        elif not indicator.is_amount:
            errors.append(f"Line {row.line}: {row.indicator} is not counted in money.")
        elif indicator.unit != row.currency:
            errors.append(
                f"Line {row.line}: {row.indicator} is counted in {indicator.unit}, "
                f"not {row.currency}."
            )
        if row.iso3 and row.iso3 not in allies:
            errors.append(f"Line {row.line}: no ally {row.iso3}.")
        key = _contribution_key(row)
        if key in seen:
            errors.append(f"Line {row.line}: the same contribution as line {seen[key]}.")
        seen[key] = row.line
    if errors:
        raise DataFileError(" ".join(errors))
    plan = []
    for row in rows:
        existing = _existing_contribution(row, indicators[row.indicator], allies.get(row.iso3))
        if existing is None:
            plan.append((row, "new"))
        else:
            same = (existing.qualifier, existing.source, existing.source_url, existing.cumulative,
                    existing.notes) == (row.qualifier, row.source, row.source_url, row.cumulative,
                                        row.notes)  # fmt: skip
            plan.append((row, "unchanged" if same else "changed"))
    return plan


def _contribution_key(row: ContributionRow) -> tuple:
    return (row.indicator, row.iso3, row.contributor, row.kind, row.made_on, row.amount)


def _existing_contribution(row, indicator, ally):
    return Contribution.objects.filter(
        indicator=indicator,
        ally=ally,
        contributor="" if ally else row.contributor,
        kind=row.kind,
        made_on=row.made_on,
        amount=row.amount,
    ).first()


@transaction.atomic
def import_contributions(*, rows: list[ContributionRow], user=None) -> dict[str, int]:
    """Load contributions (money pledged or delivered), all or none: the same file twice
    changes nothing. Returns how many rows were new, changed and unchanged."""
    plan = plan_contributions(rows)
    indicators = {i.slug: i for i in Indicator.objects.filter(slug__in={r.indicator for r in rows})}
    allies = {a.iso3: a for a in Ally.objects.filter(iso3__in={r.iso3 for r in rows if r.iso3})}
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for row, status in plan:
        counts[status] += 1
        if status == "unchanged":
            continue
        ally = allies.get(row.iso3)
        contribution = _existing_contribution(row, indicators[row.indicator], ally) or Contribution(
            indicator=indicators[row.indicator],
            ally=ally,
            contributor="" if ally else row.contributor,
            kind=row.kind,
            made_on=row.made_on,
            amount=row.amount,
        )
        contribution.qualifier = row.qualifier
        contribution.source = row.source
        contribution.source_url = row.source_url
        contribution.cumulative = row.cumulative
        contribution.notes = row.notes
        history.save_by(contribution, user)
    cache.data_loaded()
    return counts
