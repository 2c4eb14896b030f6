"""The preview of an import: everything it will write, read and shown before it is.

Reads: the Source read from the upload and the ImportRequest; the database, to tell
whether the text is loaded already, which document it corrects, and where the editors'
work on that one goes (carry.plan_carry).
Writes: nothing. The same Preview, built again from the same file at confirmation, is
what services.save_preview writes; its `digest` tells the two apart if anything changed
in between.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from commitments.candidates import paragraph_candidates
from commitments.extraction import Candidate
from commitments.models import Category, Commitment
from summits import formats, ingest, services
from summits.models import Document

from .carry import CarryPlan, plan_carry
from .request import ImportRequest

Progress = Callable[[int, int], None]


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
    def form_label(self) -> str:
        form = self.candidate.form
        return str(Commitment.Form(form).label) if form else ""

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

    request: ImportRequest
    source: formats.Source
    parsed: ingest.ParsedDocument
    found: list[Found]  # the candidates to write
    covered: list[Found] = field(default_factory=list)  # held by a carried commitment
    existing: Document | None = None  # the same text, loaded already
    carry: CarryPlan | None = None  # what happens to the work on the earlier version

    @property
    def replaces(self) -> Document | None:
        return self.request.replaces

    @property
    def title(self) -> str:
        return self.request.title or self.parsed.title or self.source.filename

    @property
    def kind_label(self) -> str:
        return Document.Kind(self.request.kind).label

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
    def digest(self) -> str:
        """A fingerprint of what the import will write: the request, the paragraphs, the
        candidates and every move of the editors' work."""
        content = {
            "request": self.request.as_data(),
            "existing": self.existing.pk if self.existing else None,
            "paragraphs": [[p.position, p.label, p.text] for p in self.parsed.paragraphs],
            "found": [
                [f.paragraph.position, f.candidate.start, f.candidate.end] for f in self.found
            ],
            "carry": self.carry.digest_rows() if self.carry else [],
        }
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def find_all_candidates(
    parsed: ingest.ParsedDocument, reference_year: int, progress: Progress | None = None
) -> list[Found]:
    found = []
    total = len(parsed.paragraphs)
    pairs = paragraph_candidates(parsed.paragraphs, parsed.language, reference_year)
    for index, (paragraph, candidates) in enumerate(pairs, start=1):
        for candidate in candidates:
            found.append(Found(paragraph, candidate))
        if progress is not None:
            progress(index, total)
    return found


def build_preview(
    *, source: formats.Source, request: ImportRequest, progress: Progress | None = None
) -> Preview:
    """Parse the text once and find its candidates; read what it would change. Writes
    nothing.

    Without ``request.replaces``, a current document of the summit with the same title
    (the one given, else the headline found) and language is taken as the earlier
    version. Candidates whose words a carried commitment holds already are set aside
    (``covered``): the commitment carries the editors' decision on them.
    """
    parsed = ingest.parse_text(source.text, encoding=source.encoding)
    if request.replaces is None:
        request = request.replacing(
            earlier_version(request, title=request.title or parsed.title, language=parsed.language)
        )
    found = find_all_candidates(parsed, request.published_on.year, progress)
    existing = services.loaded_document(source.text)
    preview = Preview(request=request, source=source, parsed=parsed, found=found, existing=existing)
    if request.replaces is not None and existing is None:
        carry = preview.carry = plan_carry(request.replaces, parsed.paragraphs)
        preview.found = []
        for item in found:
            span = (item.paragraph.position, item.candidate.start, item.candidate.end)
            (preview.covered if carry.covers(*span) else preview.found).append(item)
    return preview


def earlier_version(request: ImportRequest, *, title: str, language: str) -> Document | None:
    """The current document of the summit with the same title and language, if any:
    a text loaded again under the same title is its corrected version."""
    if request.summit is None or not title:
        return None
    return (
        Document.objects.current()
        .without_text()
        .filter(summit=request.summit, title__iexact=title.strip(), language=language)
        .first()
    )
