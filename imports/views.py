"""The upload page and its confirmation (admins only).

upload: the form (forms.ImportForm reads the file once); a valid upload shows the
preview (preview.build_preview parses it once), which writes nothing, with its payload.
confirm: the payload (payload.load), read and parsed once more; the preview it gives
must be the one shown (its digest), and services.save_preview writes it.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nato_tracker.access import role_required
from summits.ingest import IngestError
from summits.models import Summit
from summits.services import AlreadyLoaded, ImportConflict

from . import payload
from .forms import ImportForm
from .preview import Preview, build_preview
from .reading import read_upload
from .request import ImportRequest
from .services import save_preview

IMPORT_PERMISSION = "summits.add_document"


@role_required(IMPORT_PERMISSION)
def upload(request):
    """The upload form; a valid upload shows the preview, which writes nothing."""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                preview = build_preview(source=form.source, request=form.import_request())
            except IngestError as error:
                return _upload_page(request, form, status=400, error=str(error))
            return _preview_page(request, preview, data=form.data_read)
        status = 400
    else:
        summit = Summit.objects.filter(slug=request.GET.get("summit", "")).first()
        form = ImportForm(initial={"summit": summit})
        status = 200
    return _upload_page(request, form, status=status)


def _upload_page(request, form, *, status=200, error="", existing=None):
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "limit_mb": settings.IMPORT_MAX_BYTES / 1024 / 1024,
            "error": error,
            "existing": existing,
        },
        status=status,
    )


def _preview_page(request, preview: Preview, *, data: bytes):
    token = payload.dump(
        payload.Payload(
            data=data,
            filename=preview.source.filename,
            request=preview.request.as_data(),
            digest=preview.digest,
        ),
        user=request.user,
    )
    return render(request, "imports/preview.html", {"preview": preview, "payload": token})


@require_POST
@role_required(IMPORT_PERMISSION)
def confirm(request):
    """Load the previewed text, in one transaction; or tell why nothing was written."""
    if "cancel" in request.POST:
        messages.info(request, _("Import cancelled: nothing was loaded."))
        return redirect("imports:upload")
    try:
        signed = payload.load(request.POST.get("payload", ""), user=request.user)
    except payload.PayloadError as error:
        return _upload_page(request, ImportForm(), status=400, error=str(error))
    try:
        source = read_upload(
            signed.data, filename=signed.filename, max_bytes=settings.IMPORT_MAX_BYTES
        )
        preview = build_preview(source=source, request=ImportRequest.from_data(signed.request))
        if preview.existing is not None:
            raise AlreadyLoaded(preview.existing)
        if preview.digest != signed.digest:
            raise ImportConflict(
                _(
                    "What this import would write changed since the preview (the earlier "
                    "version or its notes were edited, or the text was loaded): nothing was "
                    "written. Upload the file again to see the new preview."
                )
            )
        imported = save_preview(preview, loaded_by=request.user)
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
            "paragraphs": preview.paragraph_count,
            "candidates": imported.candidates,
        },
    )
    if imported.carried is not None:
        plan = imported.carried
        messages.info(
            request,
            _(
                "It replaces an earlier version: %(commitments)d commitments and "
                "%(moved)d annotations moved, %(orphaned)d could not be placed and are "
                "flagged as orphans."
            )
            % {
                "commitments": len(plan.commitments.placed),
                "moved": imported.moved,
                "orphaned": len(plan.commitments.orphaned) + imported.orphaned,
            },
        )
    return redirect(document)
