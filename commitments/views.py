from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from summits.ingest import IngestError
from summits.models import Document, Summit
from summits.services import AlreadyLoaded, ImportConflict

from .filters import CommitmentFilter
from .forms import ImportForm
from .importing import NewSummit, build_preview, dump_payload, import_communique, load_payload
from .models import Ally, Commitment
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


# ------------------------------------------------------------------ loading a communiqué

IMPORT_PERMISSION = "summits.add_document"


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_upload(request):
    """The upload form; a valid upload shows the preview, which writes nothing."""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, form.source, form.payload_fields())
        status = 400
    else:
        summit = Summit.objects.filter(slug=request.GET.get("summit", "")).first()
        form = ImportForm(initial={"summit": summit})
        status = 200
    return _upload_page(request, form, status=status)


def _upload_page(request, form, *, status=200, error="", existing=None):
    return render(
        request,
        "commitments/import_upload.html",
        {
            "form": form,
            "limit_mb": settings.IMPORT_MAX_BYTES / 1024 / 1024,
            "error": error,
            "existing": existing,
        },
        status=status,
    )


class _Choices:
    """The summit and earlier version that the form's fields name, read again."""

    def __init__(self, fields):
        self.summit = None
        self.new_summit = None
        self.replaces = None
        if fields["summit"] is not None:
            self.summit = Summit.objects.filter(pk=fields["summit"]).first()
            if self.summit is None:
                raise ImportConflict(_("The summit chosen has been deleted."))
        else:
            new = fields["new_summit"]
            self.new_summit = NewSummit(
                name=new["name"],
                kind=new["kind"],
                city=new["city"],
                country=new["country"],
                started_on=date.fromisoformat(new["started_on"]),
                ended_on=date.fromisoformat(new["ended_on"]),
            )
        if fields["replaces"] is not None:
            self.replaces = Document.objects.filter(pk=fields["replaces"]).first()
            if self.replaces is None:
                raise ImportConflict(_("The document to correct has been deleted."))
        self.published_on = date.fromisoformat(fields["published_on"])


def _preview(request, source, fields):
    choices = _Choices(fields)
    preview = build_preview(
        source=source,
        reference_year=choices.published_on.year,
        summit=choices.summit,
        title=fields["title"],
        replaces=choices.replaces,
    )
    # The earlier version found by title is confirmed with the rest.
    fields = fields | {"replaces": preview.replaces.pk if preview.replaces else None}
    return render(
        request,
        "commitments/import_preview.html",
        {
            "preview": preview,
            "fields": fields,
            "summit": choices.summit,
            "new_summit": choices.new_summit,
            "published_on": choices.published_on,
            "kind_label": Document.Kind(fields["kind"]).label,
            "payload": dump_payload(source=source, fields=fields),
        },
    )


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_confirm(request):
    """Load the previewed text, in one transaction; or tell why nothing was written."""
    if "cancel" in request.POST:
        messages.info(request, _("Import cancelled: nothing was loaded."))
        return redirect("commitments:import")
    try:
        source, fields = load_payload(request.POST.get("payload", ""))
    except signing.BadSignature:
        return _upload_page(
            request,
            ImportForm(),
            status=400,
            error=_("This preview has expired or was altered: upload the file again."),
        )
    try:
        choices = _Choices(fields)
        imported = import_communique(
            source=source,
            summit=choices.summit,
            new_summit=choices.new_summit,
            title=fields["title"],
            kind=fields["kind"],
            published_on=choices.published_on,
            source_name=fields["source_name"],
            source_url=fields["source_url"],
            replaces=choices.replaces,
            loaded_by=request.user,
        )
    except AlreadyLoaded as error:
        return _upload_page(
            request, ImportForm(), status=409, error=str(error), existing=error.document
        )
    except (ImportConflict, IngestError, ValidationError) as error:
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        return _upload_page(request, ImportForm(), status=409, error=message)
    document = imported.document
    messages.success(
        request,
        _(
            "Loaded “%(title)s”: %(paragraphs)d paragraphs, %(candidates)d commitment "
            "candidates for editors to review."
        )
        % {
            "title": document.title,
            "paragraphs": document.paragraphs.count(),
            "candidates": imported.candidates,
        },
    )
    if document.supersedes_id:
        messages.info(
            request,
            _(
                "It replaces an earlier version: %(moved)d annotations moved, %(orphaned)d "
                "could not be placed and are flagged as orphans."
            )
            % {"moved": imported.moved, "orphaned": imported.orphaned},
        )
    return redirect(document)
