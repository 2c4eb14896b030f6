from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from summits.models import without_document_text

from .filters import CommitmentFilter
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
    commitment = get_object_or_404(Commitment.objects.for_list(), slug=slug)
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
            )
            .defer(
                "source_paragraph__folded_text",
                *without_document_text("source_paragraph__document"),
            )
            .order_by("-as_of", "-pk"),
            "progress": progress_for(commitment),
            "lineage": lineage,
            "bound_allies": commitment.bound_allies.all(),
        },
    )


def lineage_of(commitment):
    """The chain of earlier commitments, oldest first, then this one and its successors.

    Two queries however long the chain."""
    chain = list(Commitment.objects.ancestors_of(commitment))
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
