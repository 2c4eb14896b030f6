from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render

from .models import Document, Summit

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
