from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, OuterRef, Q, When
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nato_tracker import cache, clock, exports, history
from nato_tracker.access import role_required
from nato_tracker.versioning import VersionConflict, conflict_page
from summits.models import Document, Paragraph, Summit
from summits.recognition import counterpart_span
from summits.wording import diff_counts, word_diff

from . import charts, services
from .filters import CommitmentFilter
from .forms import (
    LOOKUP_LIMIT,
    CommitmentForm,
    MeasurementExportForm,
    MeasurementForm,
    ReviewForm,
    StatusChangeForm,
    commitment_label,
    find_commitments,
    with_words,
)
from .lineage import ancestor_links, lineage_of
from .models import Ally, AssessmentCycle, Commitment, Indicator, Measurement, StatusChange
from .progress import ally_score, indicator_years, latest_figures_by_indicator, progress_for
from .scoring import average, describe_rule, rule_for
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
    "origin",
    "withdrawn",
    "counts",
]


def _filterset(request):
    data = request.GET.copy()
    data.pop("page", None)
    data.setdefault("review", Commitment.Review.CONFIRMED)
    queryset = Commitment.objects.for_list().with_overdue()
    if data["review"] != Commitment.Review.REJECTED:
        queryset = queryset.shown()
    return CommitmentFilter(data, queryset=queryset)


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
            value = f"{value.local_name} {value.year}"
        shown.append((name, value))
    return shown


def commitment_export(request, fmt):
    filterset = _filterset(request)
    if not filterset.is_valid():
        return exports.refused(filterset.form)
    # Streamed in chunks: memory holds one chunk, whatever the number of rows. The
    # paragraph's text is not exported (the quote is), so it is not read.
    commitments = (
        filterset.qs.select_related("parent")
        .defer("paragraph__text", "summit__notes", "notes")
        .iterator(chunk_size=500)
    )
    rows = (_commitment_row(request, c) for c in commitments)
    return exports.stream(rows, COMMITMENT_FIELDS, fmt, "commitments")


PROGRESS_FIELDS = [
    "commitment",
    "indicator",
    "unit",
    "ally",
    "ally_name",
    "year",
    "value",
    "estimate",
    "edition",
    "target",
    "band",
]


def commitment_progress_export(request, slug, fmt):
    """Every ally's figure per year against the commitment's target, each with its band:
    meets, does_not_meet, no_figure (never counted as missing), or not_member."""
    commitment = get_object_or_404(Commitment.objects.for_list(), slug=slug)
    progress = progress_for(commitment)
    if progress is None:
        raise Http404(_("This commitment has nothing to measure."))
    if progress.amount is not None:
        return _contributions_export(commitment, progress.amount, fmt)
    rows = (
        {
            "commitment": commitment.slug,
            "indicator": commitment.indicator.slug,
            "unit": commitment.indicator.unit,
            "ally": row.ally.iso3,
            "ally_name": row.ally.name_en,
            "year": cell.year,
            "value": cell.value,
            "estimate": bool(cell.measurement and cell.measurement.estimate),
            "edition": cell.measurement.edition if cell.measurement else None,
            "target": commitment.target_value,
            "band": cell.band or None,
        }
        for row in progress.rows
        for cell in row.cells
    )
    return exports.stream(rows, PROGRESS_FIELDS, fmt, f"{commitment.slug}-progress")


CONTRIBUTION_FIELDS = [
    "commitment",
    "indicator",
    "currency",
    "date",
    "ally",
    "contributor",
    "kind",
    "qualifier",
    "amount",
    "total_to_date",
    "counted",
    "running_pledged",
    "running_pledged_qualifier",
    "running_delivered",
    "running_delivered_qualifier",
    "source",
    "source_url",
    "paragraph",
]


def _contributions_export(commitment, tally, fmt):
    """A commitment of money: its contributions in date order, with the running totals
    (qualifiers kept) and whether each is counted as of today."""
    rows = (
        {
            "commitment": commitment.slug,
            "indicator": commitment.indicator.slug,
            "currency": commitment.indicator.unit,
            "date": c.made_on,
            "ally": c.ally.iso3 if c.ally else None,
            "contributor": c.contributor_name,
            "kind": c.kind,
            "qualifier": c.qualifier,
            "amount": c.amount,
            "total_to_date": c.cumulative,
            "counted": line.counted,
            "running_pledged": line.pledged.value if line.counted else None,
            "running_pledged_qualifier": line.pledged.qualifier if line.counted else None,
            "running_delivered": line.delivered.value if line.counted else None,
            "running_delivered_qualifier": line.delivered.qualifier if line.counted else None,
            "source": c.source,
            "source_url": c.source_url or None,
            "paragraph": (
                f"{c.paragraph.document.slug} {c.paragraph.label}" if c.paragraph_id else None
            ),
        }
        for line in tally.lines
        for c in [line.contribution]
    )
    return exports.stream(rows, CONTRIBUTION_FIELDS, fmt, f"{commitment.slug}-contributions")


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
    commitment = get_object_or_404(Commitment.objects.for_list().with_overdue(), slug=slug)
    lineage = lineage_of(commitment)
    compare_from, compare_to = _compare_pair(commitment, lineage)
    progress = progress_for(commitment)
    status_changes = list(
        commitment.status_changes.select_related("source_paragraph__document", "author").order_by(
            "-as_of", "-pk"
        )
    )
    rule = (
        describe_rule(commitment, rule_for(commitment))
        if commitment.indicator_id and commitment.has_target
        else None
    )
    return render(
        request,
        "commitments/detail.html",
        {
            "commitment": commitment,
            "paragraph": commitment.paragraph,
            "other_languages": _quote_in_other_languages(commitment),
            "before": commitment.paragraph.text[: commitment.quote_start],
            "after": commitment.paragraph.text[commitment.quote_end :],
            "status_changes": status_changes,
            "latest_change": status_changes[0] if status_changes else None,
            "progress": progress,
            "charts": _progress_charts(commitment, progress),
            "trends": _trends(commitment, progress),
            "lineage": lineage,
            "compare_from": compare_from,
            "compare_to": compare_to,
            "bound_allies": commitment.bound_allies.all(),
            "rule": rule,
            "assessed": commitment.assessments.filter(
                cycle__state=AssessmentCycle.State.PUBLISHED
            ).select_related("cycle", "ally"),
        },
    )


def _compare_pair(commitment, lineage):
    """The two members of the line the comparison form starts with: the earlier one and
    this one, or this one and the next; never the same one twice."""
    members = [member.pk for member in lineage.members]
    if commitment.parent_id in members:
        return commitment.parent_id, commitment.pk
    others = [pk for pk in members if pk != commitment.pk]
    return commitment.pk, (others[0] if others else None)


def _quote_in_other_languages(commitment):
    """The commitment's quote in the other language versions of its text: (paragraph,
    before, quote, after) with the same sentences marked (three queries, only when the
    text has other language versions)."""
    paragraph = commitment.paragraph
    if paragraph.document.work_id is None:
        return []
    shown = []
    for other in Paragraph.objects.aligned(paragraph.document).get(paragraph.label, []):
        start, end = counterpart_span(
            paragraph.text, commitment.quote_start, commitment.quote_end, other.text
        )
        shown.append((other, other.text[:start], other.text[start:end], other.text[end:]))
    return shown


def trend_of(commitment, row, chart_id: str):
    """The ally's full series on the commitment's indicator, as a line chart (SVG)."""
    points = [
        charts.Point(cell.year, cell.value, bool(cell.measurement and cell.measurement.estimate))
        for cell in row.cells
        if cell.member
    ]
    title = _("%(ally)s: %(indicator)s, %(first)s–%(last)s") % {
        "ally": row.ally.name,
        "indicator": commitment.indicator.local_name,
        "first": points[0].year if points else "",
        "last": points[-1].year if points else "",
    }
    svg = charts.trend_chart(
        points,
        target=commitment.target_value,
        unit=commitment.indicator.unit,
        title=title,
        chart_id=chart_id,
    )
    return {
        "ally": row.ally,
        "svg": svg,
        "cells": [c for c in row.cells if c.member],
        "unit": commitment.indicator.unit,
    }


def _trends(commitment, progress):
    """A trend chart per ally with a figure (the commitment page)."""
    if progress is None or not progress.has_ally_figures:
        return []
    trends = [
        trend_of(commitment, row, f"trend-{row.ally.iso3.lower()}")
        for row in progress.rows
        if any(cell.measurement for cell in row.cells)
    ]
    return [trend for trend in trends if trend["svg"]]


def _progress_charts(commitment, progress):
    if progress is None or not progress.has_ally_figures:
        return None
    year = max(count.year for count in progress.counts if count.with_data)
    bars = [
        charts.Bar(
            label=ally.name,
            value=cell.value,
            estimate=bool(cell.measurement and cell.measurement.estimate),
            meets=cell.meets,
            note="" if cell.member else _("not a member"),
        )
        for ally, cell in progress.cells_for(year)
    ]
    title = _("%(indicator)s in %(year)s, per ally") % {
        "indicator": commitment.indicator.local_name,
        "year": year,
    }
    allies = charts.ally_values_chart(
        bars, target=commitment.target_value, unit=commitment.unit, title=title
    )
    years = None
    if commitment.has_target:
        years = charts.meeting_over_years_chart(
            [charts.Column(c.year, c.meeting, c.members, c.with_data) for c in progress.counts],
            title=_("Allies at %(target)s, per year") % {"target": target_label(commitment)},
        )
    return {"year": year, "allies": allies, "years": years}


@require_GET
def commitment_lookup(request):
    """The commitments a picker proposes for ?q= (words or an address): JSON, at most
    LOOKUP_LIMIT, with whether there are more."""
    found = find_commitments(request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {"slug": c.slug, "label": commitment_label(c)} for c in found[:LOOKUP_LIMIT]
            ],
            "more": len(found) > LOOKUP_LIMIT,
        }
    )


def commitment_compare(request):
    """Two commitments side by side, their wording compared word by word: ?a=&b=, any
    two, linked or not. Without two different ones, the page asks for them."""
    slugs = [request.GET.get("a", ""), request.GET.get("b", "")]
    found = {
        c.slug: c for c in Commitment.objects.for_list().filter(slug__in=[s for s in slugs if s])
    }
    choices = (
        Commitment.objects.shown()
        .select_related("summit")
        .order_by("summit__started_on", "paragraph__position", "pk")
    )
    first, second = found.get(slugs[0]), found.get(slugs[1])
    if first is None or second is None or first.pk == second.pk:
        if any(slug and slug not in found for slug in slugs):
            raise Http404(_("No such commitment."))
        return render(
            request,
            "commitments/compare.html",
            {"first": first, "second": None, "choices": choices},
        )
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
            "linked": second in lineage_of(first),
            "choices": choices,
        },
    )


# Most recent commitments shown on an ally's page, measured ones and the others.
ALLY_MEASURED = 12
ALLY_OTHERS = 50
RULE_FIELDS = [
    "rule__assessed_year",
    "rule__partial_rise",
    "rule__single_figure",
    "rule__precision",
]


def ally_detail(request, iso3):
    ally = get_object_or_404(Ally, iso3=iso3.upper())
    commitments = Commitment.objects.confirmed().binding(ally).for_rows()
    is_measured = Q(indicator__isnull=False, target_value__isnull=False) & ~Q(
        bound=Commitment.Bound.ALLIANCE
    )
    measured = commitments.filter(is_measured).order_by("summit__started_on", "pk")
    # What the ally's average score depends on, besides the figures and the day: each
    # measured commitment's version and its assessment rule.
    keys = list(measured.values_list("pk", "version", *RULE_FIELDS))
    shown = list(measured.filter(pk__in=[key[0] for key in keys[-ALLY_MEASURED:]]))
    # A tracker since 1949 binds each ally by thousands of commitments: the page shows
    # those naming it and the most recent others, and says how many there are.
    others = commitments.exclude(is_measured)
    # Those naming this ally come first, then the most recent ones.
    named_first = Case(When(bound=Commitment.Bound.NAMED, then=0), default=1)
    # Chosen by their ids alone (from an index), then read: sorting whole rows would
    # carry every commitment's text.
    latest = others.order_by(named_first, "-summit__started_on", "-pk").values("pk")
    others_shown = sorted(
        others.filter(pk__in=latest[:ALLY_OTHERS]), key=lambda c: (c.summit.started_on, c.pk)
    )
    # The ally's own figures (the table at the bottom) and, from the database, the years
    # each indicator has figures for (the years are the indicator's, not only this ally's).
    measurements = list(
        ally.measurements.select_related("indicator").order_by("indicator__name", "year", "edition")
    )
    by_indicator = latest_figures_by_indicator(measurements)
    years = indicator_years({c.indicator_id for c in shown})
    rows = []
    for commitment in shown:
        progress = progress_for(
            commitment,
            allies=[ally],
            figures=by_indicator.get(commitment.indicator_id, {}),
            years=years.get(commitment.indicator_id, []),
        )
        rows.append((commitment, progress.years, progress.rows[0]))
    # One trend chart per indicator, against the latest commitment's target.
    trends = {
        commitment.indicator_id: trend_of(commitment, row, f"trend-{commitment.indicator.slug}")
        | {"commitment": commitment}
        for commitment, _years, row in rows
    }

    def compute_average():
        # Every measured commitment, each target of a lineage counted once (Wales 2 %
        # and Vilnius 2 %).
        everything = list(measured)
        scores = [
            (c, ally_score(c, ally, by_indicator.get(c.indicator_id, {}))) for c in everything
        ]
        return average(scores, ancestor_links([c.pk for c in everything]))

    mean, counted = cache.remember(
        "ally-average", ally.pk, clock.today().isoformat(), keys, compute=compute_average
    )
    return render(
        request,
        "commitments/ally_detail.html",
        {
            "ally": ally,
            "rows": rows,
            "trends": [trend for trend in trends.values() if trend["svg"]],
            "measured_count": len(keys),
            "average": mean,
            "counted": counted,
            "others": others_shown,
            "others_count": others.count(),
            "measurements": measurements,
            "contributions": ally.contributions.select_related("indicator").order_by(
                "indicator__name", "made_on", "pk"
            ),
        },
    )


def measurement_export(request, fmt):
    """Figures, filtered by ?indicator=<slug>, ?ally=<ISO code> (or "alliance"), ?year=."""
    form = MeasurementExportForm(request.GET)
    if not form.is_valid():
        return exports.refused(form)
    measurements = Measurement.objects.select_related("indicator", "ally").order_by(
        "indicator__slug", "year", "ally__iso3", "edition"
    )
    if indicator := form.cleaned_data["indicator"]:
        measurements = measurements.filter(indicator__slug=indicator)
    if ally := form.cleaned_data["ally"]:
        if ally.lower() == "alliance":
            measurements = measurements.filter(ally__isnull=True)
        else:
            measurements = measurements.filter(ally__iso3=ally.upper())
    if (year := form.cleaned_data["year"]) is not None:
        measurements = measurements.filter(year=year)
    # Which figure counts for each (indicator, ally, year): NATO's official one over an
    # editor's, the newest edition, never a withdrawn one (Measurement.counting_order).
    counting = Measurement.objects.latest_editions().filter(pk=OuterRef("pk"))
    measurements = measurements.annotate(counts=Exists(counting))
    rows = (
        {
            "indicator": m.indicator.slug,
            "unit": m.indicator.unit,
            "ally": m.ally.iso3 if m.ally else m.aggregate,
            "ally_name": str(m.place),
            "year": m.year,
            "value": m.value,
            "estimate": m.estimate,
            "edition": m.edition,
            "source": m.source,
            "origin": m.origin,
            "withdrawn": m.withdrawn,
            "counts": m.counts,
        }
        for m in measurements.iterator(chunk_size=500)
    )
    return exports.stream(rows, MEASUREMENT_FIELDS, fmt, "measurements")


# Curation (editors) ---------------------------------------------------------------------


def field_display(obj, name):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(obj, name).all()) or "—"
    if field.choices:
        return getattr(obj, f"get_{name}_display")() or "—"
    value = getattr(obj, name)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def commitment_conflict_rows(form: CommitmentForm, current: Commitment) -> list[tuple]:
    rows = []
    for name in CommitmentForm.Meta.fields:
        label = getattr(Commitment._meta.get_field(name), "verbose_name", name)
        if name == "bound_allies":
            yours = ", ".join(str(a) for a in form.cleaned_data.get(name, [])) or "—"
        else:
            yours = field_display(form.instance, name)
        rows.append((str(label).capitalize(), yours, field_display(current, name)))
    rows.append((_("Version"), form.cleaned_data["version"], current.version))
    return rows


# Commitments on one page of the curation list (a text of the import limit has 2 000).
CURATE_PAGE = 100


@require_GET
@role_required("commitments.change_commitment")
def curate(request, slug):
    """A document's commitments by review (candidates first), most confident first or
    in the order of the text, CURATE_PAGE a page; ?q= keeps those with the words."""
    document = get_object_or_404(Document.objects.select_related("summit"), slug=slug)
    by_text = request.GET.get("order") == "text"
    words = " ".join(request.GET.get("q", "").split())[:200]
    order = ["paragraph__position", "quote_start"]
    reviews = Commitment.Review.values
    in_document = Commitment.objects.filter(paragraph__document=document)
    totals = dict(in_document.order_by().values_list("review").annotate(n=Count("pk")))
    shown = with_words(Commitment.objects.for_list().filter(paragraph__document=document), words)
    by_review = Case(*(When(review=value, then=rank) for rank, value in enumerate(reviews)))
    paginator = Paginator(
        shown.order_by(by_review, *(order if by_text else ["-confidence", *order])), CURATE_PAGE
    )
    if not words:
        paginator.count = sum(totals.values())  # counted already, with the reviews
    page = paginator.get_page(request.GET.get("page"))
    groups = {review: [] for review in reviews}
    for commitment in page:
        groups[commitment.review].append(commitment)
    return render(
        request,
        "commitments/curate.html",
        {
            "document": document,
            "groups": [
                (Commitment.Review(review).label, review, items, totals.get(review, 0))
                for review, items in groups.items()
            ],
            "total": sum(totals.values()),
            "page": page,
            "words": words,
            "by_text": by_text,
        },
    )


@require_POST
@role_required("commitments.change_commitment")
def commitment_review(request, slug):
    commitment = get_object_or_404(Commitment.objects.for_list(), slug=slug)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Unknown review decision."))
    back = reverse("commitments:curate", args=[commitment.paragraph.document.slug])
    try:
        services.review_commitment(
            commitment=commitment,
            version=form.cleaned_data["version"],
            user=request.user,
            review=form.cleaned_data["review"],
        )
    except VersionConflict as error:
        current = error.current
        return conflict_page(
            request,
            title=_("This commitment was changed after you opened the list"),
            rows=[
                (
                    _("Review"),
                    Commitment.Review(form.cleaned_data["review"]).label,
                    current.get_review_display(),
                ),
                (_("Title"), commitment.local_title, current.local_title),
                (_("Version"), form.cleaned_data["version"], current.version),
            ],
            current_url=back,
            history_url=reverse("commitments:history", args=[slug]),
        )
    messages.success(
        request,
        _("“%(title)s”: %(review)s.")
        % {
            "title": commitment.local_title,
            "review": Commitment.Review(form.cleaned_data["review"]).label,
        },
    )
    return redirect(f"{back}#c-{commitment.slug}")


@require_http_methods(["GET", "POST"])
@role_required("commitments.change_commitment")
def commitment_edit(request, slug):
    commitment = get_object_or_404(Commitment.objects.for_list(), slug=slug)
    form = CommitmentForm(request.POST or None, instance=commitment)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in CommitmentForm.Meta.fields}
        bound_allies = changes.pop("bound_allies")
        try:
            services.update_commitment(
                commitment=commitment,
                version=form.cleaned_data["version"],
                user=request.user,
                changes=changes,
                bound_allies=bound_allies,
            )
        except VersionConflict as error:
            current = Commitment.objects.for_list().get(pk=error.current.pk)
            return conflict_page(
                request,
                title=_("This commitment was changed while you were editing it"),
                rows=commitment_conflict_rows(form, current),
                current_url=reverse("commitments:edit", args=[slug]),
                history_url=reverse("commitments:history", args=[slug]),
            )
        messages.success(request, _("Commitment saved."))
        return redirect(commitment.get_absolute_url())
    return render(
        request,
        "commitments/edit.html",
        {"form": form, "commitment": commitment, "paragraph": commitment.paragraph},
    )


@require_http_methods(["GET", "POST"])
@role_required("commitments.add_statuschange")
def status_create(request, slug):
    commitment = get_object_or_404(Commitment.objects.for_list(), slug=slug)
    if "choose_document" in request.POST:
        # "Show its paragraphs": the same form, listing the chosen document's paragraphs.
        form = StatusChangeForm(initial=request.POST.dict(), commitment=commitment)
    else:
        form = StatusChangeForm(request.POST or None, commitment=commitment)
    if form.is_bound and form.is_valid():
        try:
            services.record_status_change(
                commitment=commitment,
                status=form.cleaned_data["status"],
                as_of=form.cleaned_data["as_of"],
                rationale=form.cleaned_data["rationale"],
                author=request.user,
                source_paragraph=form.cleaned_data["source_paragraph"],
                source_url=form.cleaned_data["source_url"],
                source_text=form.cleaned_data["source_text"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Status recorded."))
            return redirect(commitment.get_absolute_url())
    return render(request, "commitments/status_form.html", {"form": form, "commitment": commitment})


@require_http_methods(["GET", "POST"])
@role_required("commitments.add_measurement")
def measurement_create(request):
    initial = {}
    if request.GET.get("indicator"):
        initial["indicator"] = Indicator.objects.filter(slug=request.GET["indicator"]).first()
    form = MeasurementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        measurement = services.record_editor_figure(
            measurement=form.save(commit=False), user=request.user
        )
        messages.success(request, _("Figure recorded: %(figure)s") % {"figure": measurement})
        if measurement.ally:
            return redirect(measurement.ally.get_absolute_url())
        return redirect("commitments:list")
    return render(request, "commitments/measurement_form.html", {"form": form})


@require_GET
@role_required("commitments.view_commitment")
def commitment_history(request, slug):
    commitment = get_object_or_404(Commitment.objects.for_list(), slug=slug)
    return render(
        request,
        "commitments/history.html",
        {
            "title": _("History of a commitment"),
            "subject": commitment,
            "commitment": commitment,
            "entries": history.entries(Commitment.history.filter(id=commitment.pk)),
            "status_entries": history.entries(
                StatusChange.history.filter(commitment_id=commitment.pk)
            ),
            "back_url": commitment.get_absolute_url(),
            "back_label": commitment.local_title,
            "can_restore": request.user.has_perm("commitments.restore_commitment"),
            "restore_url_name": "commitments:restore",
            "object_pk": commitment.slug,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required("commitments.restore_commitment")
def commitment_restore(request, slug, history_id):
    commitment = get_object_or_404(Commitment, slug=slug)
    record = get_object_or_404(Commitment.history, id=commitment.pk, history_id=history_id)
    if request.method == "POST":
        history.restore(
            model=Commitment, pk=commitment.pk, history_id=history_id, user=request.user
        )
        messages.success(request, _("The earlier version is back (as a new version)."))
        return redirect("commitments:history", slug=slug)
    return render(
        request,
        "restore_confirm.html",
        {
            "record": record,
            "fields": [
                (_("Title"), record.title),
                (_("Review"), record.get_review_display()),
                (_("Category"), record.get_category_display()),
                (_("Target as written"), record.target_text),
                (_("Deadline"), record.deadline_year),
                (_("Current status"), record.get_status_display()),
            ],
            "history_url": reverse("commitments:history", args=[slug]),
        },
    )
