"""Writes that span several summits models: loading a document with its paragraphs."""

from django.db import transaction
from django.utils.translation import gettext as _

from . import ingest
from .models import Document, Paragraph, Summit
from .text import fold


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
