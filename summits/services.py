"""Writes that span several summits models.

Loading a document (text, HTML or PDF) with its paragraphs; writing annotations
(versioned: a stale save raises versioning.VersionConflict); correcting a paragraph's
text and carrying annotations over to a new version of a document, re-anchored with
anchoring.reanchor.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import anchoring, formats, history, ingest
from .models import Annotation, Document, Paragraph, Summit
from .text import fold
from .versioning import claim_version


class AlreadyLoaded(Exception):
    """The same text is stored already (found before writing, or by a concurrent import)."""

    def __init__(self, document: Document, *, concurrent: bool = False):
        self.document = document
        self.concurrent = concurrent
        if concurrent:
            message = _(
                "Another import loaded this text at the same moment, as “%(title)s”: "
                "nothing more was written."
            )
        else:
            message = _("This text is already loaded as “%(title)s”.")
        super().__init__(message % {"title": document})


class ImportConflict(Exception):
    """Another import changed what this one relies on; nothing was written."""


def ingest_report(parsed: ingest.ParsedDocument, source: formats.Source | None = None) -> dict:
    """What the ingest removed, repaired and warned about, kept with the document."""
    report = {"source": source.as_dict()} if source is not None else {}
    return report | {
        "numbered": parsed.numbered,
        "paragraphs": len(parsed.paragraphs),
        "defects": parsed.defects_count,
        "removed": [
            {"kind": item.kind, "text": item.text, "line": item.line} for item in parsed.removed
        ],
        "warnings": list(parsed.warnings),
    }


def document_fields(
    parsed: ingest.ParsedDocument, raw_text: str, source: formats.Source | None = None
) -> dict:
    return {
        "raw_text": raw_text,
        "encoding": parsed.encoding,
        "language": parsed.language,
        "sha256": ingest.sha256_text(raw_text),
        "headline": parsed.title[:500],
        "ingest_report": ingest_report(parsed, source),
    }


def paragraph_fields(paragraph: ingest.ParsedParagraph) -> dict:
    return {
        "position": paragraph.position,
        "number": paragraph.number,
        "label": paragraph.label,
        "text": paragraph.text,
        "folded_text": fold(paragraph.text),
        "defects": [defect.as_dict() for defect in paragraph.defects],
        "line": paragraph.line,
    }


@transaction.atomic
def load_document(
    *,
    summit: Summit,
    data: bytes,
    slug: str,
    title: str,
    kind: str,
    published_on,
    filename: str = "",
    source_name: str = "",
    source_url: str = "",
    loaded_by=None,
    supersedes: Document | None = None,
) -> Document:
    """Read raw bytes (text, HTML or PDF) and store the document and its paragraphs.

    All or nothing. Raises ingest.IngestError for input that cannot be read as a
    communiqué, AlreadyLoaded when the same text is already stored, and ImportConflict
    when ``supersedes`` has been replaced already.
    """
    source = formats.read_source(data, filename=filename)
    parsed = ingest.parse_text(source.text, encoding=source.encoding)
    document = store_document(
        summit=summit,
        source=source,
        parsed=parsed,
        slug=slug,
        title=title,
        kind=kind,
        published_on=published_on,
        source_name=source_name,
        source_url=source_url,
        loaded_by=loaded_by,
        supersedes=supersedes,
    )
    if supersedes is not None:
        carry_annotations(old_document=supersedes, new_document=document)
    return document


def loaded_document(text: str) -> Document | None:
    """The stored document whose raw text is ``text``, if any."""
    return Document.objects.filter(sha256=ingest.sha256_text(text)).first()


@transaction.atomic
def store_document(
    *,
    summit: Summit,
    source: formats.Source,
    parsed: ingest.ParsedDocument,
    slug: str,
    title: str,
    kind: str,
    published_on,
    source_name: str = "",
    source_url: str = "",
    loaded_by=None,
    supersedes: Document | None = None,
) -> Document:
    """Store a parsed text as a document with its paragraphs, all or nothing.

    When ``supersedes`` is given the new document is its corrected version: the old one
    is kept (the caller moves its annotations over with carry_annotations). Two imports of the
    same text at the same moment are told apart by the database's unique constraints:
    one is stored, the other raises AlreadyLoaded (or ImportConflict).
    """
    existing = loaded_document(source.text)
    if existing is not None:
        raise AlreadyLoaded(existing)
    if supersedes is not None and Document.objects.filter(supersedes=supersedes).exists():
        raise ImportConflict(
            _("“%(title)s” has been replaced by a newer version already.") % {"title": supersedes}
        )
    document = Document(
        summit=summit,
        slug=slug,
        title=title,
        kind=kind,
        published_on=published_on,
        source_name=source_name,
        source_url=source_url,
        loaded_by=loaded_by,
        supersedes=supersedes,
        loaded_at=timezone.now(),
        **document_fields(parsed, source.text, source),
    )
    # Uniqueness (same text, same slug, same earlier version) is left to the database,
    # which is the only judge when two imports run at the same moment.
    document.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        existing = loaded_document(source.text)
        if existing is not None:
            raise AlreadyLoaded(existing, concurrent=True) from None
        raise ImportConflict(
            _(
                "Another import saved a document at the same moment; nothing was written. "
                "Load the file again."
            )
        ) from None
    save_paragraphs(document, parsed)
    return document


def save_paragraphs(document: Document, parsed: ingest.ParsedDocument) -> list[Paragraph]:
    rows = Paragraph.objects.bulk_create(
        Paragraph(document=document, **paragraph_fields(p)) for p in parsed.paragraphs
    )
    by_position = {row.position: row for row in rows}
    children = []
    for parsed_paragraph in parsed.paragraphs:
        if parsed_paragraph.parent_position is not None:
            child = by_position[parsed_paragraph.position]
            child.parent = by_position[parsed_paragraph.parent_position]
            children.append(child)
    Paragraph.objects.bulk_update(children, ["parent"])
    return rows


# Annotations ---------------------------------------------------------------------------


def _anchor_fields(text: str, start: int, end: int) -> dict:
    prefix, suffix = anchoring.context(text, start, end)
    return {
        "quote": text[start:end],
        "start": start,
        "end": end,
        "prefix": prefix,
        "suffix": suffix,
    }


@transaction.atomic
def create_annotation(
    *, paragraph: Paragraph, author, start: int, end: int, body: str, tags=(), commitment=None
) -> Annotation:
    """A note on paragraph.text[start:end], with the context needed to find it again."""
    annotation = Annotation(
        paragraph=paragraph,
        author=author,
        body=body,
        tags=list(tags),
        commitment=commitment,
        **_anchor_fields(paragraph.text, start, end),
    )
    annotation._history_user = author
    annotation.full_clean()
    annotation.save()
    return annotation


@transaction.atomic
def update_annotation(
    *, annotation: Annotation, version: int, user, body: str, tags=(), commitment=None
) -> Annotation:
    """Change a note, its tags or its commitment; raises VersionConflict if stale."""
    current = claim_version(Annotation, pk=annotation.pk, version=version)
    current.body = body
    current.tags = list(tags)
    current.commitment = commitment
    current._history_user = user
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def delete_annotation(*, annotation: Annotation, version: int, user) -> None:
    """Delete a note (kept in its history, from where an admin can restore it)."""
    current = claim_version(Annotation, pk=annotation.pk, version=version)
    current._history_user = user
    current.delete()


def _reanchor_onto(annotation: Annotation, old_text: str, paragraph: Paragraph) -> bool:
    """Point the annotation at its quote in paragraph.text; False (orphan) if it is gone."""
    span = anchoring.reanchor(
        old_text,
        paragraph.text,
        annotation.quote,
        annotation.start,
        annotation.end,
        annotation.prefix,
        annotation.suffix,
    )
    annotation.paragraph = paragraph
    if span is None:
        annotation.orphan = True
        return False
    for name, value in _anchor_fields(paragraph.text, *span).items():
        setattr(annotation, name, value)
    annotation.orphan = False
    return True


def restore_annotation(*, annotation_id: int, history_id: int, user) -> Annotation:
    """Put an earlier version of an annotation back, re-anchored in today's text."""

    def adjust(restored):
        paragraph = Paragraph.objects.get(pk=restored.paragraph_id)
        _reanchor_onto(restored, paragraph.text, paragraph)

    return history.restore(
        model=Annotation, pk=annotation_id, history_id=history_id, user=user, adjust=adjust
    )


@transaction.atomic
def correct_paragraph(*, paragraph: Paragraph, text: str, user=None) -> list[Annotation]:
    """Replace a paragraph's text and re-anchor its annotations. Returns the orphans.

    An annotation whose quote is no longer in the text is kept and marked as an orphan;
    one whose quote is found again (maybe elsewhere) is moved there.
    """
    old_text = Paragraph.objects.values_list("text", flat=True).get(pk=paragraph.pk)
    paragraph.text = text
    paragraph.folded_text = fold(text)
    paragraph.full_clean()
    paragraph.save()
    orphans = []
    for annotation in paragraph.annotations.all():
        if not _reanchor_onto(annotation, old_text, paragraph):
            orphans.append(annotation)
        annotation.version += 1
        annotation._history_user = user
        annotation._change_reason = "paragraph text corrected"
        annotation.save()
    return orphans


@dataclass(frozen=True)
class AnnotationMove:
    """Where an annotation's quote is in a new version of its text: a paragraph and a
    span, or nowhere (``target`` is None: the annotation becomes an orphan)."""

    annotation: Annotation
    target: Paragraph | None
    start: int = 0
    end: int = 0


def plan_annotation_moves(annotations, paragraphs) -> list[AnnotationMove]:
    """Find each annotation's quote again in the paragraphs of a new version; writes nothing.

    The new paragraph with the annotation's label is tried first, then (the text may
    have been renumbered) every other one, with `anchoring.reanchor`, which prefers the
    occurrence whose surroundings match the stored prefix and suffix.
    """
    paragraphs = list(paragraphs)
    moves = []
    for annotation in annotations:
        label = annotation.paragraph.label
        ordered = [p for p in paragraphs if p.label == label]
        ordered += [p for p in paragraphs if p.label != label]
        for paragraph in ordered:
            span = anchoring.reanchor(
                annotation.paragraph.text,
                paragraph.text,
                annotation.quote,
                annotation.start,
                annotation.end,
                annotation.prefix,
                annotation.suffix,
            )
            if span is not None:
                moves.append(AnnotationMove(annotation, paragraph, *span))
                break
        else:
            moves.append(AnnotationMove(annotation, None))
    return moves


@dataclass
class MoveReport:
    moved: list[Annotation] = field(default_factory=list)
    orphaned: list[Annotation] = field(default_factory=list)


@transaction.atomic
def move_annotations(*, old_paragraphs, new_paragraphs, user=None) -> MoveReport:
    """Carry the annotations of one version of a document over to the next one.

    Each annotation goes where `plan_annotation_moves` finds its quote. Not found: it
    moves to the new paragraph with the same label if there is one (else stays where it
    is) and is marked an orphan, so that no note is ever dropped. Each move is a new
    version of the annotation, recorded in its history.
    """
    new_paragraphs = list(new_paragraphs)
    by_label = {paragraph.label: paragraph for paragraph in new_paragraphs}
    annotations = [a for old in old_paragraphs for a in old.annotations.all()]
    report = MoveReport()
    for move in plan_annotation_moves(annotations, new_paragraphs):
        annotation = move.annotation
        if move.target is None:
            annotation.paragraph = by_label.get(annotation.paragraph.label, annotation.paragraph)
            annotation.orphan = True
            report.orphaned.append(annotation)
        else:
            annotation.paragraph = move.target
            for name, value in _anchor_fields(move.target.text, move.start, move.end).items():
                setattr(annotation, name, value)
            annotation.orphan = False
            report.moved.append(annotation)
        annotation.version += 1
        annotation._history_user = user
        annotation._change_reason = "moved to a new version of the document"
        annotation.save()
    return report


def carry_annotations(*, old_document: Document, new_document: Document, user=None):
    """Move a document's annotations to its new version; returns (moved, orphaned)."""
    report = move_annotations(
        old_paragraphs=old_document.paragraphs.order_by("position").prefetch_related("annotations"),
        new_paragraphs=new_document.paragraphs.order_by("position"),
        user=user,
    )
    return len(report.moved), len(report.orphaned)
