from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import exports, history, services
from .access import role_required
from .forms import AnnotationCreateForm, AnnotationEditForm, VersionForm
from .highlight import annotated_segments, paragraph_segments
from .models import Annotation, Document, Paragraph, Summit
from .versioning import VersionConflict


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# Meetings per page of the timeline: a full tracker holds about 300 since 1949.
TIMELINE_PAGE = 40


def timeline(request):
    summits = Summit.objects.for_timeline().prefetch_related(
        Prefetch(
            "documents",
            queryset=Document.objects.without_text().order_by("published_on", "pk"),
        )
    )
    page = Paginator(summits, TIMELINE_PAGE).get_page(request.GET.get("page"))
    return render(request, "summits/timeline.html", {"summits": page.object_list, "page": page})


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Paragraph.objects.search(query) if query else []
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "summits/search.html", {"query": query, "page": page})


def summit_detail(request, slug):
    summit = get_object_or_404(Summit, slug=slug)
    documents = Document.objects.for_list().filter(summit=summit)
    # Commitments are reached through the reverse relation: summits does not import them.
    commitments = summit.commitments.for_list().filter(review="confirmed")
    return render(
        request,
        "summits/summit_detail.html",
        {"summit": summit, "documents": documents, "commitments": commitments},
    )


def reader_paragraphs(queryset):
    return queryset.for_reader().prefetch_related(
        "commitments",
        Prefetch(
            "annotations", queryset=Annotation.objects.for_reader().select_related("commitment")
        ),
    )


def prepare_paragraph(paragraph: Paragraph, user) -> Paragraph:
    """Cut the text into highlighted segments; say which notes the user may change."""
    shown = paragraph.shown_commitments
    notes = list(paragraph.annotations.all())
    for note in notes:
        note.user_can_change = note.can_change(user)
        note.user_can_delete = note.can_delete(user)
    paragraph.notes = notes
    paragraph.segments = annotated_segments(paragraph.text, shown, notes)
    return paragraph


def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.select_related("summit", "supersedes", "superseded_by").defer("raw_text"),
        slug=slug,
    )
    paragraphs = list(reader_paragraphs(Paragraph.objects.filter(document=document)))
    for paragraph in paragraphs:
        paragraph.document = document  # permalinks need it: no query per paragraph
        prepare_paragraph(paragraph, request.user)
    report = document.ingest_report or {}
    return render(
        request,
        "summits/document.html",
        {
            "document": document,
            "paragraphs": paragraphs,
            "removed": report.get("removed", []),
            "warnings": report.get("warnings", []),
            "defective": [p for p in paragraphs if p.defects],
            "orphans": [n for p in paragraphs for n in p.notes if n.orphan],
            "can_annotate": request.user.has_perm("summits.add_annotation"),
        },
    )


def render_paragraph(request, paragraph_pk: int):
    """The reader's block for one paragraph, swapped in place by htmx after a write."""
    paragraph = get_object_or_404(
        reader_paragraphs(Paragraph.objects.select_related("document")), pk=paragraph_pk
    )
    response = render(
        request,
        "summits/_paragraph.html",
        {
            "paragraph": prepare_paragraph(paragraph, request.user),
            "document": paragraph.document,
            "can_annotate": request.user.has_perm("summits.add_annotation"),
        },
    )
    response["HX-Retarget"] = f"#{paragraph.anchor}"
    response["HX-Reswap"] = "outerHTML"
    return response


@require_http_methods(["GET", "POST"])
@role_required("summits.add_annotation")
def annotation_create(request, pk):
    paragraph = get_object_or_404(Paragraph.objects.select_related("document__summit"), pk=pk)
    if request.method == "POST":
        form = AnnotationCreateForm(request.POST, paragraph=paragraph)
        if form.is_valid():
            start, end = form.cleaned_data["span"]
            services.create_annotation(
                paragraph=paragraph,
                author=request.user,
                start=start,
                end=end,
                body=form.cleaned_data["body"],
                tags=form.cleaned_data["all_tags"],
                commitment=form.cleaned_data["commitment"],
            )
            if is_htmx(request):
                return render_paragraph(request, paragraph.pk)
            messages.success(request, _("Note saved."))
            return redirect(paragraph.get_absolute_url())
    else:
        form = AnnotationCreateForm(
            initial={"quote": request.GET.get("quote", ""), "start": request.GET.get("start")},
            paragraph=paragraph,
        )
    template = "summits/annotation_form.html"
    if is_htmx(request):
        template += "#form"
    return render(request, template, {"form": form, "paragraph": paragraph, "annotation": None})


def annotation_for_write(request, pk, *, action: str) -> Annotation:
    annotation = get_object_or_404(
        Annotation.objects.select_related("paragraph__document__summit", "author"), pk=pk
    )
    allowed = annotation.can_delete if action == "delete" else annotation.can_change
    if not allowed(request.user):
        raise PermissionDenied
    return annotation


def conflict(request, *, title, rows, current_url, history_url, status=409):
    return render(
        request,
        "conflict.html",
        {"title": title, "rows": rows, "current_url": current_url, "history_url": history_url},
        status=status,
    )


def annotation_rows(current: Annotation, yours: dict | None) -> list[tuple]:
    commitment = yours.get("commitment") if yours else None
    return [
        (_("Note"), yours["body"] if yours else _("(deleted)"), current.body),
        (_("Tags"), ", ".join(yours["all_tags"]) if yours else "", ", ".join(current.tags)),
        (_("Commitment"), str(commitment or "—") if yours else "", str(current.commitment or "—")),
        (_("Version"), yours["version"] if yours else "", current.version),
        (_("Last changed"), "", date_format(localtime(current.updated_at), "DATETIME_FORMAT")),
    ]


@require_http_methods(["GET", "POST"])
@role_required("summits.change_annotation")
def annotation_edit(request, pk):
    annotation = annotation_for_write(request, pk, action="change")
    if request.method == "POST":
        form = AnnotationEditForm(request.POST)
        if form.is_valid():
            try:
                services.update_annotation(
                    annotation=annotation,
                    version=form.cleaned_data["version"],
                    user=request.user,
                    body=form.cleaned_data["body"],
                    tags=form.cleaned_data["all_tags"],
                    commitment=form.cleaned_data["commitment"],
                )
            except VersionConflict as error:
                current = Annotation.objects.select_related("commitment").get(pk=error.current.pk)
                return conflict(
                    request,
                    title=_("This note was changed while you were editing it"),
                    rows=annotation_rows(current, form.cleaned_data),
                    current_url=reverse("summits:annotation_edit", args=[pk]),
                    history_url=reverse("summits:annotation_history", args=[pk]),
                )
            messages.success(request, _("Note saved."))
            return redirect(annotation.paragraph.get_absolute_url())
    else:
        form = AnnotationEditForm(initial=AnnotationEditForm.initial_for(annotation))
    return render(
        request,
        "summits/annotation_form.html",
        {"form": form, "paragraph": annotation.paragraph, "annotation": annotation},
    )


@require_http_methods(["GET", "POST"])
@role_required("summits.delete_annotation")
def annotation_delete(request, pk):
    annotation = annotation_for_write(request, pk, action="delete")
    form = VersionForm(request.POST or None, initial={"version": annotation.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_annotation(
                annotation=annotation, version=form.cleaned_data["version"], user=request.user
            )
        except VersionConflict as error:
            current = Annotation.objects.select_related("commitment").get(pk=error.current.pk)
            return conflict(
                request,
                title=_("This note was changed since you opened it: it was not deleted"),
                rows=annotation_rows(current, None),
                current_url=reverse("summits:annotation_delete", args=[pk]),
                history_url=reverse("summits:annotation_history", args=[pk]),
            )
        messages.success(request, _("Note deleted. Its history is kept."))
        return redirect(annotation.paragraph.get_absolute_url())
    return render(
        request, "summits/annotation_delete.html", {"annotation": annotation, "form": form}
    )


@require_GET
@role_required("summits.view_annotation")
def annotation_history(request, pk):
    records = Annotation.history.filter(id=pk)
    entries = history.entries(records)
    if not entries:
        raise Http404
    current = Annotation.objects.select_related("paragraph__document").filter(pk=pk).first()
    paragraph = current.paragraph if current else entries[0].record.paragraph
    return render(
        request,
        "history.html",
        {
            "title": _("History of a note"),
            "subject": current or entries[0].record,
            "entries": entries,
            "back_url": paragraph.get_absolute_url(),
            "back_label": f"{paragraph.document.title} {paragraph.display_label}",
            "can_restore": request.user.has_perm("summits.moderate_annotation"),
            "restore_url_name": "summits:annotation_restore",
            "object_pk": pk,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required("summits.moderate_annotation")
def annotation_restore(request, pk, history_id):
    record = get_object_or_404(Annotation.history, id=pk, history_id=history_id)
    if request.method == "POST":
        restored = services.restore_annotation(
            annotation_id=pk, history_id=history_id, user=request.user
        )
        messages.success(request, _("The earlier version is back (as a new version)."))
        return redirect(reverse("summits:annotation_history", args=[restored.pk]))
    return render(
        request,
        "restore_confirm.html",
        {
            "record": record,
            "fields": [
                (_("Note"), record.body),
                (_("Quote"), record.quote),
                (_("Tags"), ", ".join(record.tags)),
            ],
            "history_url": reverse("summits:annotation_history", args=[pk]),
        },
    )


def paragraph_detail(request, slug, anchor):
    """The permalink of one paragraph: its text, its commitments, a link to its context."""
    paragraph = (
        Paragraph.objects.by_anchor(anchor)
        .filter(document__slug=slug)
        .select_related("document__summit", "parent")
        .order_by("position")
        .first()
    )
    if paragraph is None:
        raise Http404
    shown = paragraph.shown_commitments
    return render(
        request,
        "summits/paragraph.html",
        {
            "paragraph": paragraph,
            "document": paragraph.document,
            "segments": paragraph_segments(paragraph.text, shown),
            "commitments": shown,
        },
    )


def document_paragraphs_export(request, slug, fmt):
    document = get_object_or_404(Document.objects.select_related("summit"), slug=slug)
    paragraphs = (
        Paragraph.objects.filter(document=document).select_related("parent").order_by("position")
    )
    rows = exports.paragraph_rows(document, paragraphs.iterator(chunk_size=500))
    return exports.stream(rows, exports.PARAGRAPH_FIELDS, fmt, f"{document.slug}-paragraphs")
