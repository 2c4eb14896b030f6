"""Writes that span several summits models: loading a document with its paragraphs,
and carrying the annotations of a document over to its corrected version."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import formats, ingest
from .models import Annotation, Document, Paragraph, Summit
from .text import fold


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


# ------------------------------------------------------------------ annotations


class _Text(Protocol):
    label: str
    text: str


@dataclass(frozen=True)
class AnnotationMove:
    """Where an annotation's quote is found in a new version: a paragraph and offsets,
    or nowhere (``target`` is None: the annotation becomes an orphan)."""

    annotation: Annotation
    target: _Text | None
    start: int = 0
    end: int = 0


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the old prefix and suffix surround this occurrence."""
    before, after = text[:start], text[end:]
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _occurrences(text: str, quote: str) -> Iterable[int]:
    start = text.find(quote)
    while start >= 0:
        yield start
        start = text.find(quote, start + 1)


def plan_annotation_moves(
    annotations: Iterable[Annotation], paragraphs: Sequence[_Text]
) -> list[AnnotationMove]:
    """Find each annotation's exact quote in the paragraphs of a new version.

    The paragraph with the annotation's label is searched first, then the others; among
    several occurrences the one whose surroundings match the stored prefix and suffix
    wins (then the earliest). A quote found nowhere makes an orphan. Writes nothing.
    """
    moves = []
    for annotation in annotations:
        label = annotation.paragraph.label
        best: tuple[tuple[int, int, int], _Text, int] | None = None
        for order, paragraph in enumerate(paragraphs):
            same_label = 1 if paragraph.label == label else 0
            for start in _occurrences(paragraph.text, annotation.quote):
                score = _context_score(
                    paragraph.text,
                    start,
                    start + len(annotation.quote),
                    annotation.prefix,
                    annotation.suffix,
                )
                key = (same_label, score, -order)
                if best is None or key > best[0]:
                    best = (key, paragraph, start)
        if best is None or not annotation.quote:
            moves.append(AnnotationMove(annotation, None))
        else:
            _key, paragraph, start = best
            end = start + len(annotation.quote)
            moves.append(AnnotationMove(annotation, paragraph, start, end))
    return moves


def carry_annotations(*, old_document: Document, new_document: Document) -> tuple[int, int]:
    """Move the annotations of a document to its new version; returns (moved, orphaned).

    An annotation whose quote is found in the new version moves to that paragraph with
    new offsets and context; one whose quote is not found stays on the old version's
    paragraph, flagged as an orphan, so that an editor can place it again. Each change
    is saved through the model, so the annotation's history records it.
    """
    annotations = Annotation.objects.filter(paragraph__document=old_document).select_related(
        "paragraph"
    )
    paragraphs = list(new_document.paragraphs.order_by("position"))
    moved = orphaned = 0
    now = timezone.now()
    for move in plan_annotation_moves(annotations, paragraphs):
        annotation = move.annotation
        if move.target is None:
            annotation.orphan = True
            orphaned += 1
        else:
            text = move.target.text
            annotation.paragraph = move.target
            annotation.start, annotation.end = move.start, move.end
            annotation.prefix = text[max(0, move.start - 32) : move.start]
            annotation.suffix = text[move.end : move.end + 32]
            annotation.orphan = False
            moved += 1
        annotation.version += 1
        annotation.updated_at = now
        annotation.save()
    return moved, orphaned
