"""Loading a new communiqué: what an import will do (the preview), then doing it.

The upload page and the ``import_communique`` command share this module. It lives in
the commitments app because an import writes commitment candidates as well as the
document and its paragraphs, and ``summits`` never imports ``commitments``.

A preview reads the file, parses it and runs the extractor, and reads the database to
say whether the text is loaded already and which annotations would move; it writes
nothing. Between the preview page and the confirmation, the text travels in a signed
form field, so that no server keeps state and any app server can confirm.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core import signing
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from summits import formats, ingest
from summits.models import Annotation, Document, Summit
from summits.services import (
    AnnotationMove,
    ImportConflict,
    carry_annotations,
    plan_annotation_moves,
    store_document,
)

from .extraction import Candidate, find_candidates
from .models import Category, Commitment
from .seed import auto_title, candidate_fields

Progress = Callable[[int, int], None]

PAYLOAD_SALT = "commitments.import"
PAYLOAD_MAX_AGE = 6 * 3600  # seconds a preview can be confirmed


@dataclass(frozen=True)
class NewSummit:
    """A meeting to create with the document."""

    name: str
    kind: str
    city: str
    started_on: date
    ended_on: date
    country: str = ""

    def slug(self) -> str:
        return slugify(f"{self.city} {self.started_on.year}")[:70] or "summit"


@dataclass(frozen=True)
class Found:
    """A candidate commitment in a paragraph of the text being imported."""

    paragraph: ingest.ParsedParagraph
    candidate: Candidate

    @property
    def category_label(self) -> str:
        return Category(self.candidate.category).label

    @property
    def bound_label(self) -> str:
        return Commitment.Bound(self.candidate.bound).label

    @property
    def quantity_labels(self) -> list[tuple[str, str]]:
        """(reading, words of the text) for each quantity: ("at least 2 % of GDP", ...)."""
        return [
            (
                f"{Commitment.Comparator(q.comparator).label} {q.value:,} "
                f"{Commitment.Unit(q.unit).label}",
                q.text,
            )
            for q in self.candidate.quantities
        ]


@dataclass
class Preview:
    """Everything an admin checks before confirming an import."""

    source: formats.Source
    parsed: ingest.ParsedDocument
    found: list[Found]
    existing: Document | None = None  # the same text, loaded already
    replaces: Document | None = None
    moves: list[AnnotationMove] = field(default_factory=list)

    @property
    def paragraph_count(self) -> int:
        return len(self.parsed.paragraphs)

    @property
    def numbered_count(self) -> int:
        return sum(1 for p in self.parsed.paragraphs if p.number is not None)

    @property
    def item_count(self) -> int:
        return sum(1 for p in self.parsed.paragraphs if p.parent_position is not None)

    @property
    def numbers(self) -> str:
        """The range of paragraph numbers: "1–90"."""
        numbers = [p.number for p in self.parsed.paragraphs if p.number is not None]
        return f"{min(numbers)}–{max(numbers)}" if numbers else ""

    @property
    def defects(self) -> list[tuple[ingest.ParsedParagraph, ingest.Defect]]:
        return [(p, defect) for p in self.parsed.paragraphs for defect in p.defects]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.parsed.warnings

    @property
    def moved(self) -> list[AnnotationMove]:
        return [move for move in self.moves if move.target is not None]

    @property
    def orphaned(self) -> list[AnnotationMove]:
        return [move for move in self.moves if move.target is None]


@dataclass(frozen=True)
class Imported:
    document: Document
    candidates: int
    moved: int
    orphaned: int
    summit_created: bool


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ingest.IngestError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)}
        )


def read_upload(data: bytes, *, filename: str = "", max_bytes: int) -> formats.Source:
    """Read an upload within the size limit; raises IngestError with a clear message."""
    check_size(len(data), max_bytes)
    return formats.read_source(data, filename=filename)


def find_all_candidates(
    parsed: ingest.ParsedDocument, reference_year: int, progress: Progress | None = None
) -> list[Found]:
    found = []
    total = len(parsed.paragraphs)
    for index, paragraph in enumerate(parsed.paragraphs, start=1):
        for candidate in find_candidates(paragraph.text, parsed.language, reference_year):
            found.append(Found(paragraph, candidate))
        if progress is not None:
            progress(index, total)
    return found


def build_preview(
    *,
    source: formats.Source,
    reference_year: int,
    summit: Summit | None = None,
    title: str = "",
    replaces: Document | None = None,
    progress: Progress | None = None,
) -> Preview:
    """Parse the text and find its candidates; read what it would change. Writes nothing.

    Without ``replaces``, a current document of ``summit`` with the same title (the
    one given, else the headline found) and language is taken as the earlier version.
    """
    parsed = ingest.parse_text(source.text, encoding=source.encoding)
    if replaces is None:
        replaces = earlier_version(
            summit=summit, title=title or parsed.title, language=parsed.language
        )
    preview = Preview(
        source=source,
        parsed=parsed,
        found=find_all_candidates(parsed, reference_year, progress),
        existing=Document.objects.filter(sha256=ingest.sha256_text(source.text))
        .select_related("summit")
        .first(),
        replaces=replaces,
    )
    if replaces is not None and preview.existing is None:
        annotations = Annotation.objects.filter(paragraph__document=replaces).select_related(
            "paragraph"
        )
        preview.moves = plan_annotation_moves(annotations, parsed.paragraphs)
    return preview


def earlier_version(*, summit: Summit | None, title: str, language: str) -> Document | None:
    """The current document of the summit with the same title and language, if any:
    a text loaded again under the same title is its corrected version."""
    if summit is None or not title:
        return None
    return (
        Document.objects.current()
        .filter(summit=summit, title__iexact=title.strip(), language=language)
        .first()
    )


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
        earlier = replaces
        while earlier.supersedes_id is not None:
            versions += 1
            earlier = earlier.supersedes
        base = re.sub(r"-v\d+$", "", replaces.slug)[:74] + f"-v{versions}"
        return _unique_slug(Document, base, 80)
    base = slugify(f"{summit.slug} {kind.replace('_', ' ')}")
    if Document.objects.filter(slug=base[:80]).exists():
        base = f"{base}-{language}"
    return _unique_slug(Document, base, 80)


def _create_summit(spec: NewSummit) -> Summit:
    summit = Summit(
        slug=_unique_slug(Summit, spec.slug(), 80),
        name=spec.name,
        kind=spec.kind,
        city=spec.city,
        country=spec.country,
        started_on=spec.started_on,
        ended_on=spec.ended_on,
    )
    summit.full_clean(validate_unique=False)
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


def _commitment_fields(candidate: Candidate) -> dict:
    """The extractor's reading of a candidate, fitted to the Commitment columns."""
    fields = candidate_fields(candidate)
    if "target_value" in fields:
        value = fields["target_value"].quantize(Decimal("0.01"))
        if value >= Decimal(10) ** 14:  # max_digits=16, decimal_places=2
            for name in ("comparator", "target_value", "unit", "target_text"):
                fields.pop(name)
        else:
            fields["target_value"] = value
            fields["target_text"] = fields["target_text"][:300]
    if not 1949 <= fields.get("deadline_year", 1949) <= 2100:
        fields.pop("deadline_year")
        fields.pop("deadline_text")
    if "deadline_text" in fields:
        fields["deadline_text"] = fields["deadline_text"][:200]
    fields["phrase"] = fields["phrase"][:200]
    return fields


def save_candidates(document: Document, found: list[Found], summit: Summit) -> int:
    """Write the extractor's candidates as commitments for editors to review, with their
    history rows, in two queries."""
    rows = {p.position: p for p in document.paragraphs.all()}
    counters: dict[int, int] = {}
    commitments = []
    for item in found:
        paragraph = rows[item.paragraph.position]
        counters[paragraph.position] = counters.get(paragraph.position, 0) + 1
        candidate = item.candidate
        commitment = Commitment(
            slug=f"{document.slug}-{paragraph.anchor}-{counters[paragraph.position]}",
            title=auto_title(candidate.quote)[:300],
            summit=summit,
            paragraph=paragraph,
            quote=candidate.quote,
            quote_start=candidate.start,
            quote_end=candidate.end,
            review=Commitment.Review.CANDIDATE,
            **_commitment_fields(candidate),
        )
        # The summit and paragraph were just read or written: no query to check them.
        commitment.clean_fields(exclude=["summit", "paragraph"])
        commitments.append(commitment)
    bulk_create_with_history(commitments, Commitment)
    return len(commitments)


@transaction.atomic
def import_communique(
    *,
    source: formats.Source,
    summit: Summit | None = None,
    new_summit: NewSummit | None = None,
    title: str,
    kind: str,
    published_on: date,
    source_name: str = "",
    source_url: str = "",
    replaces: Document | None = None,
    loaded_by=None,
    progress: Progress | None = None,
) -> Imported:
    """Store a communiqué, its paragraphs and its commitment candidates, all or nothing.

    Creates the summit when ``new_summit`` is given. Raises ingest.IngestError,
    summits.services.AlreadyLoaded or ImportConflict, and then nothing is written.
    """
    created = summit is None
    if summit is None:
        if new_summit is None:
            raise ValueError("Give a summit or a new summit.")
        summit = _create_summit(new_summit)
    parsed = ingest.parse_text(source.text, encoding=source.encoding)
    found = find_all_candidates(parsed, published_on.year, progress)
    document = store_document(
        summit=summit,
        source=source,
        parsed=parsed,
        slug=document_slug(summit=summit, kind=kind, language=parsed.language, replaces=replaces),
        title=title or parsed.title or source.filename or _("Untitled text"),
        kind=kind,
        published_on=published_on,
        source_name=source_name,
        source_url=source_url,
        loaded_by=loaded_by,
        supersedes=replaces,
    )
    count = save_candidates(document, found, summit)
    moved = orphaned = 0
    if replaces is not None:
        moved, orphaned = carry_annotations(old_document=replaces, new_document=document)
    return Imported(document, count, moved, orphaned, created)


# ------------------------------------------------------------- preview to confirmation


def dump_payload(*, source: formats.Source, fields: dict) -> str:
    """Sign the text read from the upload and the form's fields for the confirm form."""
    return signing.dumps(
        {
            "text": source.text,
            "encoding": source.encoding,
            "format": source.format,
            "filename": source.filename,
            "size": source.size,
            "notes": list(source.notes),
            "fields": fields,
        },
        salt=PAYLOAD_SALT,
        compress=True,
    )


def load_payload(token: str) -> tuple[formats.Source, dict]:
    """The source and fields signed by dump_payload; raises signing.BadSignature."""
    data = signing.loads(token, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
    source = formats.Source(
        text=data["text"],
        encoding=data["encoding"],
        format=data["format"],
        filename=data["filename"],
        size=data["size"],
        notes=tuple(data["notes"]),
    )
    return source, data["fields"]
