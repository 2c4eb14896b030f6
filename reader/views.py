"""What an analyst reads: the home page, summit pages, the document reader with its
commitments highlighted and its notes, paragraph pages, search; and the editors' notes.

Above summits and commitments: it shows a text with what is built on it.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commitments import services as commitment_services
from commitments.models import Ally, Category, Commitment, Contribution, Measurement
from commitments.progress import Progress, latest_figures_by_indicator, progress_for
from nato_tracker import cache, clock, exports, history
from nato_tracker.access import role_required
from nato_tracker.languages import active_language
from nato_tracker.templatetags.languages import marked
from nato_tracker.versioning import VersionConflict, conflict_page
from summits import fulltext
from summits.models import Document, Paragraph, Summit, without_document_text
from summits.wording import word_diff

from . import services
from .forms import (
    AnnotationCreateForm,
    AnnotationEditForm,
    MissedCommitmentForm,
    SearchForm,
    SearchText,
    SearchTexts,
    VersionForm,
)
from .highlight import annotated_segments, paragraph_segments
from .models import Annotation

HOME_HEADLINES = 8


def home(request):
    # The most recent headlines: a tracker since 1949 has hundreds of measured commitments.
    # They are among those of the latest meetings that have one: read through the
    # meetings (newest first, each looked up by its index), not by sorting every
    # commitment.
    headlines = Commitment.objects.confirmed().headlines()
    latest = (
        Summit.objects.filter(Exists(headlines.filter(summit=OuterRef("pk"))))
        .order_by("-started_on", "-pk")
        .values("pk")[:HOME_HEADLINES]
    )
    headlines = list(
        headlines.filter(summit__in=latest)
        .for_list()
        .order_by("-summit__started_on", "-pk")[:HOME_HEADLINES]
    )[::-1]
    headline_progress = headlines_with_progress(headlines)
    # The latest meetings with a text: walked newest first, not counted all.
    summits = (
        Summit.objects.filter(Exists(Document.objects.filter(summit=OuterRef("pk"))))
        .order_by("-started_on")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.without_text().order_by("published_on", "pk"),
            )
        )[:4]
    )
    annotations = (
        Annotation.objects.select_related("paragraph__document", "author")
        .defer("paragraph__folded_text", *without_document_text("paragraph__document"))
        .order_by("-created_at", "-pk")[:6]
    )
    # The next summit is the first one still to come, seen from today: none once the
    # last one announced has been held.
    next_summit = (
        Summit.objects.filter(kind=Summit.Kind.SUMMIT, started_on__gt=clock.today())
        .order_by("started_on")
        .first()
    )
    return render(
        request,
        "reader/home.html",
        {
            "headlines": headline_progress,
            "summits": summits,
            "annotations": annotations,
            "next_summit": next_summit,
        },
    )


def headlines_with_progress(headlines: list[Commitment]) -> list[tuple[Commitment, Progress]]:
    """Each headline with its progress (the counts per year and the amount: what the
    home page shows), computed once per load of figures: cached by nato_tracker.cache
    under the headlines, their versions and the day."""

    def compute():
        figures = Measurement.objects.filter(
            indicator__in=[c.indicator_id for c in headlines]
        ).select_related("ally")
        allies = list(Ally.objects.order_by("name_en"))
        by_indicator = latest_figures_by_indicator(figures)
        contributions: dict[int, list] = {}
        for contribution in Contribution.objects.filter(
            indicator__in=[c.indicator_id for c in headlines]
        ).for_tally():
            contributions.setdefault(contribution.indicator_id, []).append(contribution)
        summaries = []
        for commitment in headlines:
            progress = progress_for(
                commitment,
                allies=allies,
                figures=by_indicator.get(commitment.indicator_id, {}),
                contributions=contributions.get(commitment.indicator_id, []),
            )
            summaries.append(progress and (progress.years, progress.counts, progress.amount))
        return summaries

    summaries = cache.remember(
        "home-headlines",
        clock.today().isoformat(),
        [(c.pk, c.version) for c in headlines],
        compute=compute,
    )
    return [
        (commitment, summary and Progress(commitment, summary[0], [], summary[1], [], summary[2]))
        for commitment, summary in zip(headlines, summaries, strict=True)
    ]


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


SEARCH_PAGE_SIZE = 20


def searchable_texts() -> SearchTexts:
    """Every text with its meeting, newest meeting first: the search filters' choices,
    cached until texts are loaded."""

    name = Summit.local_name.field_for(active_language())

    def compute():
        fields = ["pk", "slug", "title", "language", "summit__slug", f"summit__{name}"]
        rows = Document.objects.order_by("-summit__started_on", "summit_id", "published_on", "pk")
        return SearchTexts.of(
            [
                SearchText(*row[:-1], year=row[-1].year)
                for row in rows.values_list(*fields, "summit__started_on")
            ]
        )

    return cache.remember("search-texts", name, compute=compute)


def result_items(results) -> str:
    """The <li> of each search result (its paragraph, meeting, snippet and commitments),
    written in one pass rather than a template loop."""
    urls: dict[int, str] = {}  # a document's address, reversed once

    def item(result, commitments):
        paragraph = result.paragraph
        document = paragraph.document
        if document.pk not in urls:
            urls[document.pk] = document.get_absolute_url()
        links = format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            ((c.get_absolute_url(), marked(c.local_title)) for c in commitments),
        )
        return format_html(
            '<li><a href="{}#{}"><strong>{}</strong> {}</a> <span class="meta">· {} {}</span>'
            '<p class="snippet" lang="{}">{}</p>{}</li>',
            urls[document.pk],
            paragraph.anchor,
            document.title,
            paragraph.display_label,
            document.summit.local_name,
            document.summit.year,
            document.language,
            mark_safe(result.snippet),  # noqa: S308 (escaped by summits.search, marks kept)
            format_html('<p class="meta">{} {}</p>', _("Commitments:"), links) if links else "",
        )

    return format_html_join("\n", "{}", ((item(*row),) for row in results))


def search(request):
    form = SearchForm(request.GET, texts=searchable_texts())
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    matches = (
        Paragraph.objects.search(query, documents=form.in_documents, outside=form.outside_documents)
        if query
        else []
    )
    page = Paginator(matches, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    results = list(page.object_list)
    commitments: dict[int, list[Commitment]] = {}
    if results:
        paragraphs = {result.paragraph.pk: result.paragraph for result in results}
        for commitment in (
            Commitment.objects.shown()
            .filter(paragraph__in=list(paragraphs))
            .only("slug", "title", "title_fr", "quote", "paragraph_id")
            .order_by("quote_start", "pk")
        ):
            # The paragraph and its text are read already (a title may come from them).
            commitment.paragraph = paragraphs[commitment.paragraph_id]
            commitments.setdefault(commitment.paragraph_id, []).append(commitment)
    return render(
        request,
        "reader/search.html",
        {
            "form": form,
            "options": form.options(),
            "query": query,
            "page": page,
            "results": result_items(
                (result, commitments.get(result.paragraph.pk, [])) for result in results
            ),
            "more": getattr(matches, "more", False),
            "database": connections[Paragraph.objects.db].vendor,
            "rank_window": fulltext.RANK_WINDOW,
        },
    )


def summit_detail(request, slug):
    summit = get_object_or_404(Summit, slug=slug)
    documents = list(Document.objects.for_list().filter(summit=summit))
    commitments = list(Commitment.objects.for_list().confirmed().filter(summit=summit))
    groups = category_groups(commitments)
    chosen = request.GET.get("category", "")
    if chosen not in {group.category for group in groups}:
        chosen = ""
    return render(
        request,
        "reader/summit_detail.html",
        {
            "summit": summit,
            "documents": documents,
            "commitments": commitments,
            "groups": [group for group in groups if not chosen or group.category == chosen],
            "categories": groups,
            "chosen": chosen,
        },
    )


@dataclass
class CategoryGroup:
    category: str
    label: str
    commitments: list


def category_groups(commitments) -> list[CategoryGroup]:
    """The commitments by category, in the categories' order, each keeping its own."""
    by_category: dict[str, list] = {}
    for commitment in commitments:
        by_category.setdefault(commitment.category, []).append(commitment)
    return [
        CategoryGroup(category.value, str(category.label), by_category[category.value])
        for category in Category
        if category.value in by_category
    ]


def permalink(paragraph: Paragraph) -> str:
    """The paragraph's own page: /documents/<document>/<anchor>/."""
    return reverse("reader:paragraph", args=[paragraph.document.slug, paragraph.anchor])


def reader_paragraphs(queryset):
    return queryset.for_reader().prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.shown(), to_attr="shown_commitments"),
        Prefetch(
            "annotations", queryset=Annotation.objects.for_reader().select_related("commitment")
        ),
    )


def prepare_paragraph(paragraph: Any, user) -> Any:
    """Cut the text into highlighted segments; say which notes the user may change."""
    notes = list(paragraph.annotations.all())
    for note in notes:
        note.user_can_change = note.can_change(user)
        note.user_can_delete = note.can_delete(user)
    paragraph.notes = notes
    paragraph.permalink = permalink(paragraph)
    paragraph.segments = annotated_segments(paragraph.text, paragraph.shown_commitments, notes)
    return paragraph


def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.select_related("summit", "supersedes", "superseded_by", "original").defer(
            "raw_text", "original__data"
        ),
        slug=slug,
    )
    if "p" in request.GET:
        # The "go to ¶" box: to the paragraph's place in the text, when it has one.
        anchor = jump_anchor(request.GET["p"])
        if anchor and Paragraph.objects.by_anchor(anchor).filter(document=document).exists():
            rest = request.GET.copy()
            rest.pop("p")
            query = f"?{rest.urlencode()}" if rest else ""
            return redirect(f"{document.get_absolute_url()}{query}#{anchor}")
    paragraphs = list(reader_paragraphs(Paragraph.objects.filter(document=document)))
    # The other language versions of the text, paragraph by paragraph (two queries, only
    # for a text that has some).
    aligned = Paragraph.objects.aligned(document, paragraphs)
    for paragraph in paragraphs:
        paragraph.document = document  # permalinks need it: no query per paragraph
        paragraph.other_languages = aligned.get(paragraph.label, [])
        prepare_paragraph(paragraph, request.user)
    versions = {p.document for others in aligned.values() for p in others}
    report = document.ingest_report or {}
    only = request.GET.get("only", "")
    if only not in READER_FILTERS:
        only = ""
    return render(
        request,
        "reader/document.html",
        {
            "document": document,
            "paragraphs": [p for p in paragraphs if not only or READER_FILTERS[only](p)],
            "all_paragraphs": paragraphs,
            "only": only,
            "filters": [
                (name, sum(1 for p in paragraphs if keep(p)))
                for name, keep in READER_FILTERS.items()
            ],
            "jump": request.GET.get("p", ""),
            "language_versions": sorted(versions, key=lambda version: version.language),
            "removed": report.get("removed", []),
            "warnings": report.get("warnings", []),
            "defective": [p for p in paragraphs if p.defects],
            "orphans": [n for p in paragraphs for n in p.notes if n.orphan],
            "can_annotate": request.user.has_perm("reader.add_annotation"),
            "can_add_commitment": request.user.has_perm("commitments.change_commitment"),
        },
    )


# The reader's views of a text (?only=): the paragraphs each one keeps.
READER_FILTERS = {
    "commitments": lambda paragraph: bool(paragraph.shown_commitments),
    "notes": lambda paragraph: bool(paragraph.notes),
    "defects": lambda paragraph: bool(paragraph.defects),
}


def jump_anchor(wanted: str) -> str | None:
    """The reader anchor of what someone typed in the "go to ¶" box: "34", "¶34" -> "p34";
    "34 •6", "34.6", "34-6" -> "p34-6"; "§4" -> "s4"; None for anything else."""
    text = wanted.strip().replace("¶", "").strip()
    if match := re.fullmatch(r"§\s*(\d+)", text):
        return f"s{match[1]}"
    if match := re.fullmatch(r"(\d+)(?:\s*[•.\-/ ]\s*(\d+))?", text):
        return f"p{match[1]}" + (f"-{match[2]}" if match[2] else "")
    return None


def render_paragraph(request, paragraph_pk: int):
    """The reader's block for one paragraph, swapped in place by htmx after a write."""
    paragraph = get_object_or_404(
        reader_paragraphs(Paragraph.objects.select_related("document")), pk=paragraph_pk
    )
    response = render(
        request,
        "reader/_paragraph.html",
        {
            "paragraph": prepare_paragraph(paragraph, request.user),
            "document": paragraph.document,
            "can_annotate": request.user.has_perm("reader.add_annotation"),
            "can_add_commitment": request.user.has_perm("commitments.change_commitment"),
        },
    )
    response["HX-Retarget"] = f"#{paragraph.anchor}"
    response["HX-Reswap"] = "outerHTML"
    return response


@require_http_methods(["GET", "POST"])
@role_required("reader.add_annotation")
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
    template = "reader/annotation_form.html"
    if is_htmx(request):
        template += "#form"
    return render(request, template, {"form": form, "paragraph": paragraph, "annotation": None})


@require_http_methods(["GET", "POST"])
@role_required("commitments.change_commitment")
def commitment_add(request, pk):
    """A commitment the extractor missed, from words an editor selected in the reader."""
    paragraph = get_object_or_404(Paragraph.objects.select_related("document__summit"), pk=pk)
    if request.method == "POST":
        form = MissedCommitmentForm(request.POST, paragraph=paragraph)
        if form.is_valid():
            start, end = form.cleaned_data["span"]
            commitment = commitment_services.add_missed_commitment(
                paragraph=paragraph,
                start=start,
                end=end,
                user=request.user,
                title=form.cleaned_data["title"],
                category=form.cleaned_data["category"],
                bound=form.cleaned_data["bound"],
            )
            messages.success(
                request,
                _("Commitment added: “%(title)s”. It is recorded as one the extractor missed.")
                % {"title": commitment.local_title},
            )
            if is_htmx(request):
                return render_paragraph(request, paragraph.pk)
            return redirect(paragraph.get_absolute_url())
    else:
        form = MissedCommitmentForm(
            initial={"quote": request.GET.get("quote", ""), "start": request.GET.get("start")},
            paragraph=paragraph,
        )
    template = "reader/commitment_form.html"
    if is_htmx(request):
        template += "#form"
    return render(request, template, {"form": form, "paragraph": paragraph})


def annotation_for_write(request, pk, *, action: str) -> Annotation:
    annotation = get_object_or_404(
        Annotation.objects.select_related("paragraph__document__summit", "author"), pk=pk
    )
    allowed = annotation.can_delete if action == "delete" else annotation.can_change
    if not allowed(request.user):
        raise PermissionDenied
    return annotation


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
@role_required("reader.change_annotation")
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
                return conflict_page(
                    request,
                    title=_("This note was changed while you were editing it"),
                    rows=annotation_rows(current, form.cleaned_data),
                    current_url=reverse("reader:annotation_edit", args=[pk]),
                    history_url=reverse("reader:annotation_history", args=[pk]),
                )
            messages.success(request, _("Note saved."))
            return redirect(annotation.paragraph.get_absolute_url())
    else:
        form = AnnotationEditForm(initial=AnnotationEditForm.initial_for(annotation))
    return render(
        request,
        "reader/annotation_form.html",
        {"form": form, "paragraph": annotation.paragraph, "annotation": annotation},
    )


@require_http_methods(["GET", "POST"])
@role_required("reader.delete_annotation")
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
            return conflict_page(
                request,
                title=_("This note was changed since you opened it: it was not deleted"),
                rows=annotation_rows(current, None),
                current_url=reverse("reader:annotation_delete", args=[pk]),
                history_url=reverse("reader:annotation_history", args=[pk]),
            )
        messages.success(request, _("Note deleted. Its history is kept."))
        return redirect(annotation.paragraph.get_absolute_url())
    return render(
        request, "reader/annotation_delete.html", {"annotation": annotation, "form": form}
    )


@require_GET
@role_required("reader.view_annotation")
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
            "can_restore": request.user.has_perm("reader.moderate_annotation"),
            "restore_url_name": "reader:annotation_restore",
            "object_pk": pk,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required("reader.moderate_annotation")
def annotation_restore(request, pk, history_id):
    record = get_object_or_404(Annotation.history, id=pk, history_id=history_id)
    if request.method == "POST":
        restored = services.restore_annotation(
            annotation_id=pk, history_id=history_id, user=request.user
        )
        messages.success(request, _("The earlier version is back (as a new version)."))
        return redirect(reverse("reader:annotation_history", args=[restored.pk]))
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
            "history_url": reverse("reader:annotation_history", args=[pk]),
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
    shown = list(paragraph.commitments.shown())
    return render(
        request,
        "reader/paragraph.html",
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
    rows = paragraph_rows(document, paragraphs.iterator(chunk_size=500))
    return exports.stream(rows, PARAGRAPH_FIELDS, fmt, f"{document.slug}-paragraphs")


PARAGRAPH_FIELDS = [
    "document",
    "summit",
    "language",
    "position",
    "number",
    "label",
    "parent",
    "text",
    "defects",
    "url",
]


def paragraph_rows(document, paragraphs):
    for paragraph in paragraphs:
        paragraph.document = document
        yield {
            "document": document.slug,
            "summit": document.summit.slug,
            "language": document.language,
            "position": paragraph.position,
            "number": paragraph.number,
            "label": paragraph.label,
            "parent": paragraph.parent.label if paragraph.parent_id else None,
            "text": paragraph.text,
            "defects": paragraph.defect_kinds,
            "url": permalink(paragraph),
        }


def document_compare(request):
    """Two texts side by side, paragraph by paragraph (by their number where both have
    one, else in order), each pair's wording compared word by word: ?a=&b=, any two."""
    slugs = [request.GET.get("a", ""), request.GET.get("b", "")]
    documents = Document.objects.without_text().select_related("summit")
    found = {d.slug: d for d in documents.filter(slug__in=[s for s in slugs if s])}
    if any(slug and slug not in found for slug in slugs):
        raise Http404(_("No such document."))
    first, second = found.get(slugs[0]), found.get(slugs[1])
    context = {
        "first": first,
        "second": second,
        "choices": documents.order_by("-published_on", "pk"),
    }
    if first is not None and second is not None and first.pk != second.pk:
        left = list(Paragraph.objects.filter(document=first).defer("folded_text"))
        right = list(Paragraph.objects.filter(document=second).defer("folded_text"))
        context["rows"] = aligned_paragraphs(left, right)
    else:
        context["second"] = None
    return render(request, "reader/document_compare.html", context)


def aligned_paragraphs(left, right):
    """(first's paragraph or None, second's or None, word diff or None) rows: paired by
    number when both texts number their paragraphs, else by position."""
    numbered = all(p.number is not None for p in left + right if p.parent_id is None)
    key = (lambda p: p.label) if numbered else (lambda p: p.position)
    by_key = {key(p): p for p in right}
    rows, used = [], set()
    for paragraph in left:
        match = by_key.get(key(paragraph))
        if match is not None:
            used.add(match.pk)
            rows.append((paragraph, match, word_diff(paragraph.text, match.text)))
        else:
            rows.append((paragraph, None, None))
    rows.extend((None, p, None) for p in right if p.pk not in used)
    return rows
