from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from .models import Document, Original, Summit

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


# The charset to declare for an original text file, from the encoding it was read in.
_CHARSETS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "windows-1252"}


def original(request, slug):
    """The file a document was read from, byte for byte, as a download (never shown in
    the page: a saved web page would run as part of the site)."""
    kept = get_object_or_404(Original.objects.select_related("document"), document__slug=slug)
    media_type = Original.MEDIA_TYPES[kept.format]
    charset = _CHARSETS.get(kept.document.encoding)
    if charset and kept.format != Original.Format.PDF:
        media_type += f"; charset={charset}"
    response = HttpResponse(bytes(kept.data), content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=kept.download_name
    )
    response["X-Checksum-SHA256"] = kept.sha256
    return response
