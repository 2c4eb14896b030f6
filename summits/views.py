from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from . import exports
from .highlight import paragraph_segments
from .models import Document, Paragraph, Summit

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


def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.select_related("summit").defer("raw_text"), slug=slug
    )
    paragraphs = list(
        Paragraph.objects.for_reader().filter(document=document).prefetch_related("commitments")
    )
    for paragraph in paragraphs:
        paragraph.document = document
        shown = [c for c in paragraph.commitments.all() if c.review != "rejected"]
        paragraph.segments = paragraph_segments(paragraph.text, shown)
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
    shown = [c for c in paragraph.commitments.all() if c.review != "rejected"]
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
