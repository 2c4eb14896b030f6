"""Loading a release: what it would write against the editions already loaded (the
plan, shown as the preview), then writing it, in one transaction.

Each figure of the release is new (no earlier edition has it), unchanged, or revised
(an earlier edition gave another value: the newest earlier one is shown beside it).
An edition is loaded once: an edition already loaded, or a file already loaded under
another edition, is refused, and nothing is written.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from nato_tracker import cache

from ..models import Ally, Indicator, Measurement, Release, validate_edition
from .sheets import ReleaseError, read_sheets
from .tables import TABLE_KINDS, Figure, ParsedRelease, parse_release

STATUSES = ("new", "unchanged", "revised")
DEFAULT_TITLE = "Defence Expenditure of NATO Countries"


@dataclass(frozen=True)
class Planned:
    figure: Figure
    status: str  # one of STATUSES
    previous: Measurement | None  # the newest earlier edition's figure


@dataclass
class Plan:
    edition: str
    title: str
    filename: str
    format: str
    data: bytes
    sha256: str
    parsed: ParsedRelease
    planned: list[Planned]
    new_indicators: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(p.status for p in self.planned)
        return {status: counted[status] for status in STATUSES}

    def counts_by_kind(self) -> dict[str, dict[str, int]]:
        result = {kind: dict.fromkeys(STATUSES, 0) for kind in self.parsed.tables}
        for planned in self.planned:
            result[planned.figure.kind][planned.status] += 1
        return result

    @property
    def digest(self) -> str:
        """What the confirmation would write, in a word: the preview shown must be it."""
        content: list[object] = [self.edition, self.sha256, *self.new_indicators]
        content += [
            (p.figure.kind, p.figure.code, p.figure.year, str(p.figure.value), p.status,
             p.previous.pk if p.previous else None)
            for p in self.planned
        ]  # fmt: skip
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()


def plan_release(data: bytes, *, filename: str, edition: str) -> Plan:
    """Read a release and compare it with the editions loaded; writes nothing. Raises
    ReleaseError with what is wrong."""
    try:
        validate_edition(edition)
    except ValidationError as error:
        raise ReleaseError(" ".join(error.messages)) from None
    fmt, sheets = read_sheets(data, filename)
    parsed = parse_release(sheets, edition_year=int(edition[:4]))
    sha256 = hashlib.sha256(data).hexdigest()
    loaded = Release.objects.filter(edition=edition).only("filename", "sha256").first()
    if loaded is not None:
        raise ReleaseError(
            _("Edition %(edition)s is already loaded, from %(file)s (SHA-256 %(sha)s…).")
            % {"edition": edition, "file": loaded.filename, "sha": loaded.sha256[:12]}
        )
    same_file = Release.objects.filter(sha256=sha256).only("edition").first()
    if same_file is not None:
        raise ReleaseError(
            _("This file is already loaded, as edition %(edition)s.")
            % {"edition": same_file.edition}
        )
    slugs = [TABLE_KINDS[kind].indicator for kind in parsed.tables]
    typed = Measurement.objects.filter(
        edition=edition, origin=Measurement.Origin.NATO, indicator__slug__in=slugs
    ).count()
    if typed:
        raise ReleaseError(
            _(
                "Edition %(edition)s already has %(count)d official figures of these "
                "indicators (loaded from a CSV file in the tracker's own layout)."
            )
            % {"edition": edition, "count": typed}
        )
    iso3s = {a for a in Ally.objects.values_list("iso3", flat=True)}
    unknown = sorted({f.code for f in parsed.figures if not f.is_aggregate} - iso3s)
    if unknown:
        raise ReleaseError(
            _("Allies not loaded: %(codes)s. Load the allies first.")
            % {"codes": ", ".join(unknown)}
        )
    indicators = set(Indicator.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    earlier = _earlier_figures(slugs, edition)
    planned = []
    for figure in parsed.figures:
        previous = earlier.get((TABLE_KINDS[figure.kind].indicator, figure.code, figure.year))
        if previous is None:
            status = "new"
        elif previous.value == figure.value:
            status = "unchanged"
        else:
            status = "revised"
        planned.append(Planned(figure, status, previous))
    return Plan(
        edition=edition,
        title=parsed.title or f"{DEFAULT_TITLE} ({edition})",
        filename=filename,
        format=fmt,
        data=data,
        sha256=sha256,
        parsed=parsed,
        planned=planned,
        new_indicators=[slug for slug in slugs if slug not in indicators],
    )


def _earlier_figures(slugs: list[str], edition: str) -> dict[tuple[str, str, int], Measurement]:
    """(indicator slug, ally ISO code or aggregate, year) -> the official figure of the
    newest edition before this one (withdrawn figures aside)."""
    figures: dict[tuple[str, str, int], Measurement] = {}
    earlier = (
        Measurement.objects.counted()
        .filter(indicator__slug__in=slugs, origin=Measurement.Origin.NATO, edition__lt=edition)
        .select_related("indicator", "ally")
        .order_by("edition", "pk")
    )
    for measurement in earlier:
        who = measurement.ally.iso3 if measurement.ally else measurement.aggregate
        figures[(measurement.indicator.slug, who, measurement.year)] = measurement
    return figures


@transaction.atomic
def save_release(plan: Plan, *, user=None) -> Release:
    """Write the release and its figures (with their history), as planned."""
    indicators = {}
    for kind in plan.parsed.tables:
        definition = TABLE_KINDS[kind]
        indicators[kind], _created = Indicator.objects.get_or_create(
            slug=definition.indicator,
            defaults={
                "name": definition.name,
                "name_fr": definition.name_fr,
                "unit": definition.unit,
                "description": definition.description,
                "description_fr": definition.description_fr,
            },
        )
    release = Release(
        edition=plan.edition,
        title=plan.title[:300],
        filename=plan.filename[:255],
        format=plan.format,
        size=len(plan.data),
        sha256=plan.sha256,
        data=plan.data,
        loaded_by=user,
    )
    release.full_clean()
    release.save()
    allies = {ally.iso3: ally for ally in Ally.objects.all()}
    rows = []
    for planned in plan.planned:
        figure = planned.figure
        rows.append(
            Measurement(
                indicator=indicators[figure.kind],
                ally=None if figure.is_aggregate else allies[figure.code],
                aggregate=figure.code if figure.is_aggregate else "",
                year=figure.year,
                value=figure.value,
                estimate=figure.estimate,
                edition=plan.edition,
                source=f"NATO, {release.title}: {TABLE_KINDS[figure.kind].name} "
                f"({figure.where} of {release.filename})",
                origin=Measurement.Origin.NATO,
                release=release,
            )
        )
    bulk_create_with_history(
        rows,
        Measurement,
        batch_size=500,
        default_user=user,
        default_change_reason=f"edition {plan.edition} loaded",
    )
    cache.data_loaded()
    return release
