"""A figure's page: every edition's value of one (indicator, ally or aggregate, year),
NATO's and editors', which one counts, what each edition revised, the file each came
from; withdrawing a figure; a release's file as published."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nato_tracker import history
from nato_tracker.access import role_required

from . import services
from .forms import WithdrawForm
from .models import Ally, Indicator, Measurement, Release
from .progress import counted_figures


def _place(who: str):
    """The ally (by its ISO code) or the aggregate (by its code) a figure belongs to."""
    if who in Measurement.Aggregate.values:
        return None, {"ally": None, "aggregate": who}
    if len(who) != 3 or not who.isalpha():
        raise Http404(_("No such ally."))
    ally = get_object_or_404(Ally, iso3=who.upper())
    return ally, {"ally": ally}


def figure_rows(figures: list[Measurement]) -> list[dict]:
    """The figures of one (ally, year), newest edition first, each with the official
    figure of the edition before it and what changed: "new", "unchanged" or "revised"."""
    rows = []
    previous = None
    for figure in sorted(figures, key=lambda m: (m.edition, m.pk)):
        change = ""
        if figure.is_official and not figure.withdrawn:
            if previous is None:
                change = "new"
            else:
                change = "unchanged" if previous.value == figure.value else "revised"
            rows.append({"figure": figure, "change": change, "previous": previous})
            previous = figure
        else:
            rows.append({"figure": figure, "change": change, "previous": None})
    rows.reverse()
    return rows


def figure_history(request, indicator, who, year):
    indicator = get_object_or_404(Indicator, slug=indicator)
    ally, place = _place(who)
    figures = list(
        Measurement.objects.filter(indicator=indicator, year=year, **place)
        .select_related("ally", "release", "author")
        .defer("release__data")
    )
    if not figures:
        raise Http404(_("No figure recorded for this year."))
    counting = counted_figures(figures).get(figures[0].key)
    rows = figure_rows(figures)
    for row in rows:
        row["may_withdraw"] = not row["figure"].withdrawn and services.may_withdraw(
            request.user, row["figure"]
        )
    return render(
        request,
        "commitments/figure_history.html",
        {
            "indicator": indicator,
            "ally": ally,
            "place": figures[0].place,
            "year": year,
            "rows": rows,
            "counting": counting,
            "form": WithdrawForm(),
            "entries": history.entries(Measurement.history.filter(id__in=[m.pk for m in figures])),
        },
    )


@require_POST
@role_required("commitments.withdraw_measurement")
def figure_withdraw(request, pk):
    measurement = get_object_or_404(Measurement.objects.select_related("indicator", "ally"), pk=pk)
    form = WithdrawForm(request.POST)
    if not services.may_withdraw(request.user, measurement):
        return HttpResponse(
            _("Only an admin may withdraw one of NATO's official figures."), status=403
        )
    if form.is_valid():
        try:
            services.withdraw_figure(
                measurement=measurement, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(request, _("Figure withdrawn: it no longer counts."))
    else:
        messages.error(request, _("Say why the figure is withdrawn."))
    return redirect(measurement.get_absolute_url())


def release_file(request, edition):
    """The release's file, byte for byte as loaded."""
    release = get_object_or_404(Release, edition=edition)
    response = HttpResponse(bytes(release.data), content_type=Release.MEDIA_TYPES[release.format])
    response["Content-Disposition"] = content_disposition_header(True, release.filename)
    return response
