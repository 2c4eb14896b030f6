from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from summits import history
from summits.access import role_required
from summits.models import Document
from summits.versioning import VersionConflict
from summits.views import conflict

from . import services
from .filters import CommitmentFilter
from .forms import CommitmentForm, MeasurementForm, ReviewForm, StatusChangeForm
from .models import Ally, Commitment, Indicator, StatusChange
from .progress import progress_for


def commitment_list(request):
    data = request.GET.copy()
    data.setdefault("review", Commitment.Review.CONFIRMED)
    filterset = CommitmentFilter(data, queryset=Commitment.objects.for_list())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "commitments/list.html",
        {"filterset": filterset, "page": page, "query": query.urlencode()},
    )


def commitment_detail(request, slug):
    commitment = get_object_or_404(
        Commitment.objects.for_list().select_related("parent__summit"), slug=slug
    )
    lineage = lineage_of(commitment)
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
            "progress": progress_for(commitment),
            "lineage": lineage,
            "bound_allies": commitment.bound_allies.all(),
        },
    )


def lineage_of(commitment):
    """The chain of earlier commitments, oldest first, then this one and its successors."""
    chain = []
    seen = {commitment.pk}
    earlier = commitment.parent
    while earlier is not None and earlier.pk not in seen:
        chain.insert(0, earlier)
        seen.add(earlier.pk)
        earlier = earlier.parent
    later = list(commitment.successors.select_related("summit").order_by("summit__started_on"))
    return chain + [commitment] + later


def ally_list(request):
    return render(request, "commitments/ally_list.html", {"allies": Ally.objects.all()})


def ally_detail(request, iso3):
    ally = get_object_or_404(Ally, iso3=iso3.upper())
    measurements = ally.measurements.select_related("indicator").order_by(
        "indicator__name", "year", "edition"
    )
    return render(
        request, "commitments/ally_detail.html", {"ally": ally, "measurements": measurements}
    )


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
        label = Commitment._meta.get_field(name).verbose_name
        if name == "bound_allies":
            yours = ", ".join(str(a) for a in form.cleaned_data.get(name, [])) or "—"
        else:
            yours = field_display(form.instance, name)
        rows.append((str(label).capitalize(), yours, field_display(current, name)))
    rows.append((_("Version"), form.cleaned_data["version"], current.version))
    return rows


@require_GET
@role_required("commitments.change_commitment")
def curate(request, slug):
    document = get_object_or_404(Document.objects.select_related("summit"), slug=slug)
    commitments = (
        Commitment.objects.for_list()
        .filter(paragraph__document=document)
        .order_by("paragraph__position", "quote_start")
    )
    groups = {review: [] for review in Commitment.Review.values}
    for commitment in commitments:
        groups[commitment.review].append(commitment)
    return render(
        request,
        "commitments/curate.html",
        {
            "document": document,
            "groups": [
                (Commitment.Review(review).label, review, items) for review, items in groups.items()
            ],
            "total": sum(len(items) for items in groups.values()),
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
        return conflict(
            request,
            title=_("This commitment was changed after you opened the list"),
            rows=[
                (
                    _("Review"),
                    Commitment.Review(form.cleaned_data["review"]).label,
                    current.get_review_display(),
                ),
                (_("Title"), commitment.title, current.title),
                (_("Version"), form.cleaned_data["version"], current.version),
            ],
            current_url=back,
            history_url=reverse("commitments:history", args=[slug]),
        )
    messages.success(
        request,
        _("“%(title)s”: %(review)s.")
        % {
            "title": commitment.title,
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
            return conflict(
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
    form = StatusChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_status_change(
                commitment=commitment,
                status=form.cleaned_data["status"],
                as_of=form.cleaned_data["as_of"],
                rationale=form.cleaned_data["rationale"],
                author=request.user,
                source_paragraph=form.cleaned_data["source_link"],
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
        measurement = form.save()
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
            "back_label": commitment.title,
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
