"""Writes that span several summits models: storing a parsed text as a document and
its paragraphs, all or nothing.

What is built on a document is carried to a new version by the app that loads texts,
which calls these.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import formats, ingest, recognition
from .models import Document, Original, Paragraph, Summit, Work
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
    headline = (source.title if source is not None else "") or parsed.title
    return {
        "raw_text": raw_text,
        "encoding": parsed.encoding,
        "language": parsed.language,
        "sha256": ingest.sha256_text(raw_text),
        "headline": headline[:500],
        "ingest_report": ingest_report(parsed, source),
    }


def original_fields(source: formats.Source) -> dict:
    """The uploaded file as an Original's fields: its bytes, name, format and checksum."""
    return {
        "filename": source.filename[:255],
        "format": source.format,
        "size": len(source.data),
        "sha256": source.sha256,
        "data": source.data,
    }


def paragraph_fields(paragraph: ingest.ParsedParagraph) -> dict:
    return {
        "position": paragraph.position,
        "number": paragraph.number,
        "label": paragraph.label,
        "text": paragraph.text,
        "folded_text": fold(paragraph.text),
        "fingerprint": recognition.fingerprint(paragraph.text),
        "defects": [defect.as_dict() for defect in paragraph.defects],
        "line": paragraph.line,
    }


def loaded_document(text: str) -> Document | None:
    """The stored document whose raw text is ``text``, if any."""
    return (
        Document.objects.without_text()
        .select_related("summit")
        .filter(sha256=ingest.sha256_text(text))
        .first()
    )


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
    translates: Document | None = None,
) -> Document:
    """Store a parsed text as a document with its paragraphs and the file it was read
    from, all or nothing.

    The caller has looked for the same text already (loaded_document). When
    ``supersedes`` is given the new document is its corrected version: the old one is
    kept (the caller carries the work built on it over), and the new one joins its
    language versions. When ``translates`` is given the new document is another language
    version of it: both belong to one work. Two imports of the same text at the same
    moment are told apart by the database's unique constraints: one is stored, the other
    raises AlreadyLoaded (or ImportConflict).
    """
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
        work=_work_for(summit, supersedes, translates),
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
    if source.data:
        Original.objects.create(document=document, **original_fields(source))
    return document


def _work_for(summit: Summit, supersedes: Document | None, translates: Document | None):
    """The work a new document joins: its earlier version's, or the one it translates
    (made for both when that one stood alone)."""
    if supersedes is not None and supersedes.work_id is not None:
        return supersedes.work
    if translates is None:
        return None
    if translates.work_id is None:
        translates.work = Work.objects.create(summit=translates.summit)
        Document.objects.filter(pk=translates.pk).update(work=translates.work)
    return translates.work


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
