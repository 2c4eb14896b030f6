"""Writing an import, and correcting a paragraph: each all or nothing.

Reads: a Preview (preview.build_preview), or a paragraph and its corrected text.
Writes: the summit when it is new, the document and its paragraphs
(summits.services.store_document), the editors' work carried to the new version
(carry.apply_carry), the extractor's new candidates with their history rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from commitments.candidates import commitment_fields
from commitments.models import Commitment
from nato_tracker import cache, history
from summits import formats
from summits.models import Document, Paragraph, Summit
from summits.services import AlreadyLoaded, ImportConflict, store_document
from summits.text import fold

from . import carry
from .preview import Found, Preview, Progress, build_preview
from .request import ImportRequest, NewSummit


@dataclass(frozen=True)
class Imported:
    document: Document
    candidates: int
    summit_created: bool
    carried: carry.CarryPlan | None = None

    @property
    def moved(self) -> int:
        """Annotations that found their quote in the new version."""
        return len(self.carried.annotations.placed) if self.carried else 0

    @property
    def orphaned(self) -> int:
        """Annotations that did not."""
        return len(self.carried.annotations.orphaned) if self.carried else 0


@transaction.atomic
def save_preview(preview: Preview, *, loaded_by=None) -> Imported:
    """Write what the preview shows, all or nothing. Raises AlreadyLoaded or
    ImportConflict (and then nothing is written)."""
    if preview.existing is not None:
        raise AlreadyLoaded(preview.existing)
    request = preview.request
    summit = request.summit
    if summit is None:
        assert request.new_summit is not None  # a request names a summit or describes one
        summit = create_summit(request.new_summit)
    document = store_document(
        summit=summit,
        source=preview.source,
        parsed=preview.parsed,
        slug=document_slug(
            summit=summit,
            kind=request.kind,
            language=preview.parsed.language,
            replaces=request.replaces,
        ),
        title=preview.title or _("Untitled text"),
        kind=request.kind,
        published_on=request.published_on,
        source_name=request.source_name,
        source_url=request.source_url,
        loaded_by=loaded_by,
        supersedes=request.replaces,
        translates=request.translates,
    )
    rows = list(document.paragraphs.order_by("position"))
    if preview.carry is not None:
        carry.apply_carry(preview.carry, rows, user=loaded_by, reason=carry.REASON_NEW_VERSION)
    count = save_candidates(document, rows, preview.found, summit)
    cache.data_loaded()
    return Imported(document, count, request.summit is None, preview.carry)


def import_communique(
    *, source: formats.Source, loaded_by=None, progress: Progress | None = None, **request
) -> Imported:
    """Preview and write in one go (scripts and tests): ``request`` holds the fields of
    an ImportRequest."""
    preview = build_preview(source=source, request=ImportRequest(**request), progress=progress)
    return save_preview(preview, loaded_by=loaded_by)


def create_summit(spec: NewSummit) -> Summit:
    """The summit an import describes; refused when the same meeting (city and first
    day) exists, which two previews of one new summit confirmed one after the other
    would otherwise create twice."""
    same = Summit.objects.filter(city__iexact=spec.city, started_on=spec.started_on).first()
    if same is not None:
        raise ImportConflict(
            _(
                "“%(summit)s” in %(city)s on that day was created since the preview: "
                "nothing was written. Choose it and load the file again."
            )
            % {"summit": same.name, "city": same.city}
        )
    summit = Summit(
        slug=_unique_slug(Summit, spec.slug(), 80),
        name=spec.name,
        kind=spec.kind,
        city=spec.city,
        country=spec.country,
        started_on=spec.started_on,
        ended_on=spec.ended_on,
    )
    summit.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            summit.save()
    except IntegrityError:
        raise ImportConflict(
            _(
                "Another import created a summit named “%(slug)s” at the same moment; nothing "
                "was written. Choose that summit and load the file again."
            )
            % {"slug": summit.slug}
        ) from None
    return summit


def _unique_slug(model, base: str, limit: int) -> str:
    base = base[:limit].strip("-") or "document"
    slug, counter = base, 1
    while model.objects.filter(slug=slug).exists():
        counter += 1
        suffix = f"-{counter}"
        slug = base[: limit - len(suffix)] + suffix
    return slug


def document_slug(*, summit: Summit, kind: str, language: str, replaces: Document | None) -> str:
    if replaces is not None:
        versions = 2
        earlier = replaces.supersedes
        while earlier is not None:
            versions += 1
            earlier = earlier.supersedes
        base = re.sub(r"-v\d+$", "", replaces.slug)[:74] + f"-v{versions}"
        return _unique_slug(Document, base, 80)
    base = slugify(f"{summit.slug} {kind.replace('_', ' ')}")
    if Document.objects.filter(slug=base[:80]).exists():
        base = f"{base}-{language}"
    return _unique_slug(Document, base, 80)


def save_candidates(document: Document, rows: list[Paragraph], found: list[Found], summit) -> int:
    """Write the extractor's candidates as commitments for editors to review, with their
    history rows, in two queries."""
    by_position = {row.position: row for row in rows}
    counters: dict[int, int] = {}
    commitments = []
    for item in found:
        paragraph = by_position[item.paragraph.position]
        counters[paragraph.position] = counters.get(paragraph.position, 0) + 1
        candidate = item.candidate
        commitment = Commitment(
            slug=f"{document.slug}-{paragraph.anchor}-{counters[paragraph.position]}",
            summit=summit,
            paragraph=paragraph,
            quote=candidate.quote,
            quote_start=candidate.start,
            quote_end=candidate.end,
            review=Commitment.Review.CANDIDATE,
            **commitment_fields(candidate, document.language),
        )
        # The summit and paragraph were just read or written: no query to check them.
        commitment.clean_fields(exclude=["summit", "paragraph"])
        commitments.append(commitment)
    bulk_create_with_history(commitments, Commitment)
    return len(commitments)


@transaction.atomic
def correct_paragraph(*, paragraph: Paragraph, text: str, user=None) -> carry.CarryPlan:
    """Replace a paragraph's text; its commitments and notes follow their quotes.

    The old text is kept in the paragraph's history. A commitment or a note whose quote
    is no longer in the text is kept and flagged as an orphan. Returns the plan carried
    out (its orphans: `commitments.orphaned`, `annotations.orphaned`).
    """
    history.ensure_baseline(Paragraph, paragraph.pk)
    old = Paragraph.objects.get(pk=paragraph.pk)
    # Read through the old row: each item's paragraph is the old text, to follow from.
    commitments = list(old.commitments.order_by("quote_start", "pk"))
    annotations = list(old.annotations.order_by("start", "pk"))
    paragraph.text = text
    paragraph.folded_text = fold(text)
    history.save_by(paragraph, user, carry.REASON_CORRECTED)
    plan = carry.CarryPlan(
        commitments=carry.plan_moves(
            commitments, [paragraph], quote_of=carry.commitment_quote, exclusive=True
        ),
        annotations=carry.plan_moves(annotations, [paragraph], quote_of=carry.annotation_quote),
    )
    cache.data_loaded()
    return carry.apply_carry(
        plan, [paragraph], user=user, reason=carry.REASON_CORRECTED, in_place=True
    )
