from django.core.paginator import Paginator
from django.db.models import Case, Prefetch, Q, When
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from summits import exports
from summits.models import Annotation, Document, Summit, without_document_text
from summits.wording import diff_counts, word_diff

from . import charts
from .filters import CommitmentFilter
from .lineage import lineage_of
from .models import Ally, Commitment, Measurement
from .progress import latest_figures_by_indicator, progress_for
from .templatetags.tracker import target_label

COMMITMENT_FIELDS = [
    "slug",
    "title",
    "summit",
    "summit_date",
    "document",
    "paragraph",
    "category",
    "bound",
    "indicator",
    "comparator",
    "target_value",
    "unit",
    "target_text",
    "deadline_year",
    "recurring",
    "status",
    "review",
    "parent",
    "relation",
    "quote",
    "url",
]

MEASUREMENT_FIELDS = [
    "indicator",
    "unit",
    "ally",
    "ally_name",
    "year",
    "value",
    "estimate",
    "edition",
    "source",
]


def _filterset(request):
    data = request.GET.copy()
    data.pop("page", None)
    data.setdefault("review", Commitment.Review.CONFIRMED)
    return CommitmentFilter(data, queryset=Commitment.objects.for_list())


def commitment_list(request):
    filterset = _filterset(request)
    active = []
    for name, value in _active_filters(filterset):
        without = request.GET.copy()
        without.pop(name, None)
        without.pop("page", None)
        active.append((filterset.form[name].label, value, without.urlencode()))
    filterset.label_with_counts(filterset.facet_counts())
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "commitments/list.html",
        {
            "filterset": filterset,
            "page": page,
            "active": active,
            "export_query": filterset.data.urlencode(),
        },
    )


def _active_filters(filterset):
    if not filterset.is_valid():
        return []
    shown = []
    for name, value in filterset.form.cleaned_data.items():
        if name in ("sort", "review") or value in (None, "", []):
            continue
        field = filterset.form.fields[name]
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        elif isinstance(value, Summit):
            value = f"{value.name} {value.year}"
        shown.append((name, value))
    return shown


def commitment_export(request, fmt):
    filterset = _filterset(request)
    # Streamed in chunks: memory holds one chunk, whatever the number of rows. The
    # paragraph's text is not exported (the quote is), so it is not read.
    commitments = (
        filterset.qs.select_related("parent")
        .defer("paragraph__text", "summit__notes", "notes")
        .iterator(chunk_size=500)
    )
    rows = (_commitment_row(request, c) for c in commitments)
    return exports.stream(rows, COMMITMENT_FIELDS, fmt, "commitments")


def _commitment_row(request, commitment):
    return {
        "slug": commitment.slug,
        "title": commitment.title,
        "summit": commitment.summit.slug,
        "summit_date": commitment.summit.started_on,
        "document": commitment.paragraph.document.slug,
        "paragraph": commitment.paragraph.label,
        "category": commitment.category,
        "bound": commitment.bound,
        "indicator": commitment.indicator.slug if commitment.indicator else None,
        "comparator": commitment.comparator or None,
        "target_value": commitment.target_value,
        "unit": commitment.unit or None,
        "target_text": commitment.target_text,
        "deadline_year": commitment.deadline_year,
        "recurring": commitment.recurring,
        "status": commitment.status,
        "review": commitment.review,
        "parent": commitment.parent.slug if commitment.parent else None,
        "relation": commitment.relation or None,
        "quote": commitment.quote,
        "url": request.build_absolute_uri(commitment.get_absolute_url()),
    }


def commitment_detail(request, slug):
    commitment = get_object_or_404(Commitment.objects.for_list(), slug=slug)
    lineage = lineage_of(commitment)
    progress = progress_for(commitment)
    return render(
        request,
        "commitments/detail.html",
        {
            "commitment": commitment,
            "paragraph": commitment.paragraph,
            "before": commitment.paragraph.text[: commitment.quote_start],
            "after": commitment.paragraph.text[commitment.quote_end :],
            "status_changes": commitment.status_changes.select_related(
                "source_paragraph__document", "author"
            ).order_by("-as_of", "-pk"),
            "progress": progress,
            "charts": _progress_charts(commitment, progress),
            "lineage": lineage,
            "bound_allies": commitment.bound_allies.all(),
        },
    )


def _progress_charts(commitment, progress):
    if progress is None or not progress.has_ally_figures:
        return None
    year = max(count.year for count in progress.counts if count.with_data)
    unit = " %" if commitment.unit in (Commitment.Unit.PCT_GDP, "pct_defence_budget") else ""
    bars = [
        charts.Bar(
            label=ally.name_en,
            value=cell.value,
            estimate=bool(cell.measurement and cell.measurement.estimate),
            meets=cell.meets,
            note="" if cell.member else _("not a member"),
        )
        for ally, cell in progress.cells_for(year)
    ]
    title = _("%(indicator)s in %(year)s, per ally") % {
        "indicator": commitment.indicator.name,
        "year": year,
    }
    allies = charts.ally_values_chart(bars, target=commitment.target_value, unit=unit, title=title)
    years = None
    if commitment.has_target:
        years = charts.meeting_over_years_chart(
            [charts.Column(c.year, c.meeting, c.members) for c in progress.counts],
            title=_("Allies at %(target)s, per year") % {"target": target_label(commitment)},
        )
    return {"year": year, "allies": allies, "years": years}


def commitment_compare(request):
    """Word-level comparison of two linked commitments' wording: ?a=<slug>&b=<slug>."""
    slugs = [request.GET.get("a", ""), request.GET.get("b", "")]
    found = {
        c.slug: c for c in Commitment.objects.for_list().filter(slug__in=[s for s in slugs if s])
    }
    if not all(slug in found for slug in slugs):
        raise Http404(_("Name two commitments to compare."))
    first, second = found[slugs[0]], found[slugs[1]]
    lineage = lineage_of(first)
    if second not in lineage:
        raise Http404(_("These two commitments are not in the same line."))
    scope = "paragraph" if request.GET.get("scope") == "paragraph" else "quote"
    if scope == "paragraph":
        pieces = word_diff(first.paragraph.text, second.paragraph.text)
    else:
        pieces = word_diff(first.quote, second.quote)
    return render(
        request,
        "commitments/compare.html",
        {
            "first": first,
            "second": second,
            "pieces": pieces,
            "counts": diff_counts(pieces),
            "scope": scope,
            "lineage": lineage,
        },
    )


def ally_list(request):
    return render(request, "commitments/ally_list.html", {"allies": Ally.objects.all()})


# Most recent commitments shown on an ally's page, measured ones and the others.
ALLY_MEASURED = 12
ALLY_OTHERS = 50


def ally_detail(request, iso3):
    ally = get_object_or_404(Ally, iso3=iso3.upper())
    commitments = Commitment.objects.confirmed().binding(ally).for_list()
    is_measured = Q(indicator__isnull=False, target_value__isnull=False) & ~Q(
        bound=Commitment.Bound.ALLIANCE
    )
    measured = list(commitments.filter(is_measured).order_by("summit__started_on", "pk"))
    # A tracker since 1949 binds each ally by thousands of commitments: the page shows
    # those naming it and the most recent others, and says how many there are.
    others = commitments.exclude(is_measured)
    # Those naming this ally come first, then the most recent ones.
    named_first = Case(When(bound=Commitment.Bound.NAMED, then=0), default=1)
    others_shown = sorted(
        others.order_by(named_first, "-summit__started_on", "-pk")[:ALLY_OTHERS],
        key=lambda c: (c.summit.started_on, c.pk),
    )
    # Every ally's figures, so that the years are the indicator's, not only this ally's.
    figures = list(
        Measurement.objects.filter(
            indicator__in=[c.indicator_id for c in measured], ally__isnull=False
        ).select_related("ally")
    )
    by_indicator = latest_figures_by_indicator(figures)
    rows = []
    for commitment in measured:
        progress = progress_for(
            commitment, allies=[ally], figures=by_indicator.get(commitment.indicator_id, {})
        )
        rows.append((commitment, progress.years, progress.rows[0]))
    scores = [row.score.value for _c, _y, row in rows if row.score.value is not None]
    measurements = ally.measurements.select_related("indicator").order_by(
        "indicator__name", "year", "edition"
    )
    return render(
        request,
        "commitments/ally_detail.html",
        {
            "ally": ally,
            "rows": rows[-ALLY_MEASURED:],
            "measured_count": len(rows),
            "average": sum(scores) / len(scores) if scores else None,
            "others": others_shown,
            "others_count": others.count(),
            "measurements": measurements,
        },
    )


def measurement_export(request, fmt):
    """Figures, filtered by ?indicator=<slug>, ?ally=<ISO code> (or "alliance"), ?year=."""
    measurements = Measurement.objects.select_related("indicator", "ally").order_by(
        "indicator__slug", "year", "ally__iso3", "edition"
    )
    if indicator := request.GET.get("indicator"):
        measurements = measurements.filter(indicator__slug=indicator)
    if ally := request.GET.get("ally"):
        if ally.lower() == "alliance":
            measurements = measurements.filter(ally__isnull=True)
        else:
            measurements = measurements.filter(ally__iso3=ally.upper())
    if (year := request.GET.get("year", "")).isdigit():
        measurements = measurements.filter(year=int(year))
    rows = (
        {
            "indicator": m.indicator.slug,
            "unit": m.indicator.unit,
            "ally": m.ally.iso3 if m.ally else None,
            "ally_name": m.ally.name_en if m.ally else _("Alliance"),
            "year": m.year,
            "value": m.value,
            "estimate": m.estimate,
            "edition": m.edition,
            "source": m.source,
        }
        for m in measurements.iterator(chunk_size=500)
    )
    return exports.stream(rows, MEASUREMENT_FIELDS, fmt, "measurements")


HOME_HEADLINES = 8


def home(request):
    # The most recent headlines: a tracker since 1949 has hundreds of measured commitments.
    headlines = list(
        Commitment.objects.confirmed()
        .headlines()
        .for_list()
        .order_by("-summit__started_on", "-pk")[:HOME_HEADLINES]
    )[::-1]
    figures = list(
        Measurement.objects.filter(
            indicator__in=[c.indicator_id for c in headlines]
        ).select_related("ally")
    )
    allies = list(Ally.objects.order_by("name_en"))
    by_indicator = latest_figures_by_indicator(figures)
    headline_progress = [
        (
            commitment,
            progress_for(
                commitment, allies=allies, figures=by_indicator.get(commitment.indicator_id, {})
            ),
        )
        for commitment in headlines
    ]
    summits = (
        Summit.objects.for_timeline()
        .filter(document_count__gt=0)
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.without_text().order_by("published_on", "pk"),
            )
        )[:4]
    )
    annotations = (
        Annotation.objects.select_related("paragraph__document", "author")
        .defer("paragraph__folded_text", *without_document_text("paragraph__document"))
        .order_by("-created_at", "-pk")[:6]
    )
    next_summit = (
        Summit.objects.filter(kind=Summit.Kind.SUMMIT, documents__isnull=True)
        .order_by("-started_on")
        .first()
    )
    return render(
        request,
        "home.html",
        {
            "headlines": headline_progress,
            "summits": summits,
            "annotations": annotations,
            "next_summit": next_summit,
        },
    )
