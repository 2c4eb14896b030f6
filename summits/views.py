from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .highlight import paragraph_segments
from .models import Document, Paragraph, Summit


def timeline(request):
    summits = Summit.objects.for_timeline().prefetch_related(
        Prefetch("documents", queryset=Document.objects.order_by("published_on", "pk"))
    )
    return render(request, "summits/timeline.html", {"summits": summits})


def summit_detail(request, slug):
    summit = get_object_or_404(Summit, slug=slug)
    documents = Document.objects.for_list().filter(summit=summit)
    # Commitments are reached through the reverse relation: summits does not import them.
    commitments = summit.commitments.filter(review="confirmed").select_related(
        "paragraph__document"
    )
    return render(
        request,
        "summits/summit_detail.html",
        {"summit": summit, "documents": documents, "commitments": commitments},
    )


def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.select_related("summit", "supersedes", "superseded_by"), slug=slug
    )
    paragraphs = list(
        Paragraph.objects.filter(document=document)
        .order_by("position")
        .prefetch_related("commitments")
    )
    for paragraph in paragraphs:
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
