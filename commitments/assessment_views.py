"""Assessment cycles: the published reports (anyone), their exports, and the editors'
pages to open a cycle, score, reason, cite and publish."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nato_tracker import exports
from nato_tracker.access import role_required
from nato_tracker.versioning import VersionConflict, conflict_page

from . import assessments as cycles
from .forms import AssessmentForm, CycleForm
from .models import Assessment, AssessmentCycle


def cycle_list(request):
    shown = (
        AssessmentCycle.objects.visible_to(request.user)
        .select_related("summit")
        .order_by("-ends_on", "pk")
    )
    return render(request, "commitments/cycle_list.html", {"cycles": shown})


def _cycle(request, slug):
    cycle = get_object_or_404(AssessmentCycle.objects.select_related("summit"), slug=slug)
    if not cycle.is_published and not request.user.has_perm("commitments.change_assessment"):
        raise Http404(_("No such published assessment."))
    return cycle


def cycle_detail(request, slug):
    """The report: compliance per commitment, per ally and overall, then every score
    with its reasoning and sources."""
    cycle = _cycle(request, slug)
    entries = list(cycle.assessments.for_report())
    return render(
        request,
        "commitments/cycle_detail.html",
        {
            "cycle": cycle,
            "report": cycles.report(cycle, entries),
            "can_edit": not cycle.is_published
            and request.user.has_perm("commitments.change_assessment"),
            "can_publish": not cycle.is_published
            and request.user.has_perm("commitments.publish_assessmentcycle"),
            "pending": sum(not entry.is_decided for entry in entries),
        },
    )


def cycle_export(request, slug, fmt):
    cycle = _cycle(request, slug)
    rows = cycles.report_rows(cycle, cycle.assessments.for_report(), request.build_absolute_uri)
    return exports.stream(rows, cycles.REPORT_FIELDS, fmt, f"assessment-{cycle.slug}")


@require_http_methods(["GET", "POST"])
@role_required("commitments.add_assessmentcycle")
def cycle_create(request):
    data = request.POST if request.method == "POST" else None
    if data is not None and "choose_summit" in data:
        form = CycleForm(initial=data.dict())
    else:
        form = CycleForm(data, initial=request.GET.dict())
    if form.is_bound and form.is_valid():
        try:
            cycle = cycles.open_cycle(
                summit=form.cleaned_data["summit"],
                kind=form.cleaned_data["kind"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                commitments=list(form.cleaned_data["commitments"]),
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Cycle opened: the scores from figures are filled in."))
            return redirect(cycle.get_absolute_url())
    return render(request, "commitments/cycle_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@role_required("commitments.change_assessment")
def assessment_edit(request, slug, pk):
    assessment = get_object_or_404(
        Assessment.objects.for_report().select_related("cycle", "commitment__paragraph"),
        cycle__slug=slug,
        pk=pk,
    )
    initial = {
        "score": assessment.score,
        "rationale": assessment.rationale,
        "override_reason": assessment.override_reason,
        "version": assessment.version,
    }
    form = AssessmentForm(request.POST or None, initial=initial, assessment=assessment)
    if request.method == "POST" and form.is_valid() and not assessment.cycle.is_published:
        data = form.cleaned_data
        try:
            saved = cycles.record_assessment(
                assessment=assessment,
                version=data["version"],
                user=request.user,
                score=data["score"],
                rationale=data["rationale"],
                override_reason=data["override_reason"],
            )
            if data["source_url"] or data["source_paragraph"]:
                cycles.add_source(
                    assessment=saved,
                    url=data["source_url"],
                    paragraph=data["source_paragraph"],
                    text=data["source_text"],
                )
        except VersionConflict as error:
            current = error.current
            return conflict_page(
                request,
                title=_("This assessment was changed while you were editing it"),
                rows=[
                    (_("Score"), data["score"], current.score),
                    (_("Reasoning"), data["rationale"], current.rationale),
                    (_("Version"), data["version"], current.version),
                ],
                current_url=request.path,
                history_url=assessment.cycle.get_absolute_url(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Assessment saved."))
            return redirect(f"{assessment.cycle.get_absolute_url()}#a-{assessment.pk}")
    if assessment.cycle.is_published:
        form.add_error(None, _("This cycle is published: its scores are final."))
    return render(
        request,
        "commitments/assessment_form.html",
        {"form": form, "assessment": assessment, "cycle": assessment.cycle},
    )


@require_POST
@role_required("commitments.publish_assessmentcycle")
def cycle_publish(request, slug):
    cycle = get_object_or_404(AssessmentCycle, slug=slug)
    try:
        cycles.publish_cycle(cycle=cycle, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Published."))
    return redirect(reverse("commitments:assessment", args=[slug]))
