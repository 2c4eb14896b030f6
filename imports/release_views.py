"""Loading NATO's yearly release from the site (admins): upload, preview, confirm.

upload: the file and its edition; a release that can be read shows the preview (what
each figure would be against the editions loaded: new, unchanged or revised), which
writes nothing, with its payload (imports.payload: the file itself, signed, dated and
bound to the admin who previewed it). confirm: the file is read and compared once more;
the comparison must be the one shown (its digest), then it is written.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from commitments.models import Ally, Measurement
from commitments.releases import ReleaseError
from commitments.releases.loading import Plan, plan_release, save_release
from commitments.releases.tables import TABLE_KINDS
from nato_tracker.access import role_required

from . import payload

RELEASE_PERMISSION = "commitments.add_release"


class ReleaseForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("NATO's Excel workbook (.xlsx) or the same tables as CSV."),
    )
    edition = forms.CharField(
        label=gettext_lazy("Edition"),
        max_length=7,
        help_text=gettext_lazy("The month NATO published it, e.g. 2025-08."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB.")
                % {"limit": settings.IMPORT_MAX_BYTES // 1024 // 1024}
            )
        return upload


@role_required(RELEASE_PERMISSION)
def release_upload(request):
    form = ReleaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        filename = form.cleaned_data["file"].name
        try:
            plan = plan_release(data, filename=filename, edition=form.cleaned_data["edition"])
        except ReleaseError as error:
            return _upload_page(request, form, status=400, error=str(error))
        token = payload.dump(
            payload.Payload(
                data=data,
                filename=filename,
                request={"edition": plan.edition},
                digest=plan.digest,
            ),
            user=request.user,
        )
        tables, revised = preview_tables(plan)
        return render(
            request,
            "imports/release_preview.html",
            {"plan": plan, "payload": token, "tables": tables, "revised": revised},
        )
    return _upload_page(request, form, status=400 if request.method == "POST" else 200)


def _upload_page(request, form, *, status=200, error=""):
    return render(
        request,
        "imports/release_upload.html",
        {"form": form, "error": error, "limit_mb": settings.IMPORT_MAX_BYTES // 1024 // 1024},
        status=status,
    )


def preview_tables(plan: Plan) -> tuple[list[dict], list[tuple]]:
    """Per table read (in TABLE_KINDS' order): its rows (allies, then aggregates), a
    cell per year, each cell the planned figure (with its status and the earlier
    edition's value) or None. And the revised figures: (table kind, name, planned)."""
    allies = {ally.iso3: ally for ally in Ally.objects.all()}
    aggregates = dict(Measurement.Aggregate.choices)
    tables = []
    counts = plan.counts_by_kind()
    revised = [
        (TABLE_KINDS[p.figure.kind], str(allies.get(p.figure.code) or aggregates[p.figure.code]), p)
        for p in plan.planned
        if p.status == "revised"
    ]
    for kind in TABLE_KINDS:
        table = plan.parsed.tables[kind]
        cells: dict[str, dict[int, object]] = {}
        for planned in plan.planned:
            if planned.figure.kind == kind:
                cells.setdefault(planned.figure.code, {})[planned.figure.year] = planned
        codes = sorted(
            cells,
            key=lambda code: (code in aggregates, str(allies[code]) if code in allies else code),
        )
        tables.append(
            {
                "kind": TABLE_KINDS[kind],
                "table": table,
                "counts": counts[kind],
                "rows": [
                    (
                        str(allies[code]) if code in allies else aggregates[code],
                        code in aggregates,
                        [cells[code].get(year) for year in table.years],
                    )
                    for code in codes
                ],
            }
        )
    return tables, revised


@require_POST
@role_required(RELEASE_PERMISSION)
def release_confirm(request):
    if "cancel" in request.POST:
        messages.info(request, _("Import cancelled: nothing was loaded."))
        return redirect("imports:release_upload")
    try:
        signed = payload.load(request.POST.get("payload", ""), user=request.user)
        plan = plan_release(
            signed.data, filename=signed.filename, edition=signed.request.get("edition", "")
        )
        if plan.digest != signed.digest:
            raise ReleaseError(
                _(
                    "What this import would write changed since the preview (figures were "
                    "loaded or withdrawn): nothing was written. Upload the file again to "
                    "see the new preview."
                )
            )
        save_release(plan, user=request.user)
    except (payload.PayloadError, ReleaseError) as error:
        return _upload_page(request, ReleaseForm(), status=409, error=str(error))
    counts = plan.counts
    messages.success(
        request,
        _(
            "Loaded edition %(edition)s: %(total)d figures, %(new)d new, %(unchanged)d "
            "unchanged, %(revised)d revised."
        )
        % {"edition": plan.edition, "total": len(plan.planned), **counts},
    )
    return redirect("commitments:allies")
