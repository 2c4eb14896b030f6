"""Writes that span several summits models.

Loading a document with its paragraphs; writing annotations (versioned: a stale save
raises versioning.VersionConflict); correcting a paragraph's text and carrying
annotations over to a new version of a document, re-anchored with anchoring.reanchor.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from . import anchoring, history, ingest
from .models import Annotation, Document, Paragraph, Summit
from .text import fold
from .versioning import claim_version


class AlreadyLoaded(Exception):
    def __init__(self, document: Document):
        self.document = document
        super().__init__(_("This text is already loaded as “%(title)s”.") % {"title": document})


def ingest_report(parsed: ingest.ParsedDocument) -> dict:
    """What the ingest removed, repaired and warned about, kept with the document."""
    return {
        "numbered": parsed.numbered,
        "paragraphs": len(parsed.paragraphs),
        "defects": parsed.defects_count,
        "removed": [
            {"kind": item.kind, "text": item.text, "line": item.line} for item in parsed.removed
        ],
        "warnings": list(parsed.warnings),
    }


def document_fields(parsed: ingest.ParsedDocument, raw_text: str) -> dict:
    return {
        "raw_text": raw_text,
        "encoding": parsed.encoding,
        "language": parsed.language,
        "sha256": ingest.sha256_text(raw_text),
        "headline": parsed.title[:500],
        "ingest_report": ingest_report(parsed),
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
    source_name: str = "",
    source_url: str = "",
    loaded_by=None,
    supersedes: Document | None = None,
) -> Document:
    """Parse raw bytes and store the document and its paragraphs, all or nothing.

    Raises ingest.IngestError for input that is not a readable text, and AlreadyLoaded
    when the same text is already stored.
    """
    text, _encoding = ingest.decode(data)
    parsed = ingest.parse_text(text, encoding=_encoding)
    existing = Document.objects.filter(sha256=ingest.sha256_text(text)).first()
    if existing is not None:
        raise AlreadyLoaded(existing)
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
        **document_fields(parsed, text),
    )
    document.full_clean()
    document.save()
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


@dataclass
class MoveReport:
    moved: list[Annotation] = field(default_factory=list)
    orphaned: list[Annotation] = field(default_factory=list)


@transaction.atomic
def move_annotations(*, old_paragraphs, new_paragraphs, user=None) -> MoveReport:
    """Carry the annotations of one version of a document over to the next one.

    For each annotation of `old_paragraphs`, the quote is looked for first in the new
    paragraph with the same label, then (the text may have been renumbered) in every
    new paragraph, with `anchoring.reanchor`. Found: the annotation moves there. Not
    found: it moves to the same-label paragraph if there is one (else stays where it is)
    and is marked an orphan, so that no note is ever dropped. Each move is a new
    version of the annotation, recorded in its history.
    """
    new_paragraphs = list(new_paragraphs)
    by_label = {paragraph.label: paragraph for paragraph in new_paragraphs}
    report = MoveReport()
    for old in old_paragraphs:
        for annotation in old.annotations.all():
            same = by_label.get(old.label)
            candidates = ([same] if same else []) + [p for p in new_paragraphs if p is not same]
            for paragraph in candidates:
                if _reanchor_onto(annotation, old.text, paragraph):
                    report.moved.append(annotation)
                    break
            else:
                annotation.paragraph = same or old
                annotation.orphan = True
                report.orphaned.append(annotation)
            annotation.version += 1
            annotation._history_user = user
            annotation._change_reason = "moved to a new version of the document"
            annotation.save()
    return report
