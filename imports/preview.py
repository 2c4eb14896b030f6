"""The preview of an import: everything it will write, read and shown before it is.

Reads: the Source read from the upload and the ImportRequest; the database, to tell
whether the text is loaded already (in any form), which document it is a new version of
or another language version of (recognise), and where the editors' work on the earlier
version goes (carry.plan_carry).
Writes: nothing. The same Preview, built again from the same file at confirmation, is
what services.save_preview writes; its `digest` tells the two apart if anything changed
in between.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from commitments.candidates import paragraph_candidates
from commitments.extraction import Candidate
from commitments.models import Category, Commitment
from summits import formats, ingest, recognition, services
from summits.models import Document
from summits.wording import Piece, word_diff

from . import recognise
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
        return str(Category(self.candidate.category).label)

    @property
    def bound_label(self) -> str:
        return str(Commitment.Bound(self.candidate.bound).label)

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
    # How the text differs from the document it replaces (found, or chosen).
    changes: recognition.Comparison | None = None
    recognised: bool = False  # the earlier version was found by its paragraphs
    elsewhere: recognise.Match | None = None  # alike, but a document of another summit
    language_version: recognise.LanguageVersion | None = None

    @property
    def replaces(self) -> Document | None:
        return self.request.replaces

    @property
    def translates(self) -> Document | None:
        return self.request.translates

    @property
    def same_file(self) -> bool:
        """The existing document was read from these very characters."""
        return self.existing is not None and self.existing.sha256 == ingest.sha256_text(
            self.source.text
        )

    @property
    def differences(self) -> list[tuple[recognition.Difference, list]]:
        """Each paragraph that differs from the earlier version, with its word diff."""
        if self.changes is None:
            return []
        return [
            (difference, _in_context(word_diff(difference.old_text, difference.new_text)))
            for difference in self.changes.differences
        ]

    @property
    def headline(self) -> str:
        """The headline found: the reader's (a page's <h1>, a PDF's largest type), else
        the one the ingest found in the text."""
        return self.source.title or self.parsed.title

    @property
    def title(self) -> str:
        """The title given, else the earlier version's, else the headline found."""
        earlier = self.replaces.title if self.replaces is not None else ""
        return self.request.title or earlier or self.headline or self.source.filename

    @property
    def kind_label(self) -> str:
        return str(Document.Kind(self.request.kind).label)

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
            "translates": self.translates.pk if self.translates else None,
            "paragraphs": [[p.position, p.label, p.text] for p in self.parsed.paragraphs],
            "found": [
                [f.paragraph.position, f.candidate.start, f.candidate.end] for f in self.found
            ],
            "carry": self.carry.digest_rows() if self.carry else [],
        }
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


# Words of unchanged text kept on each side of a change in the preview's differences.
_CONTEXT = 60


def _in_context(pieces: list[Piece]) -> list[Piece]:
    """The changed pieces with a little of the unchanged text around them."""
    shown = []
    for index, piece in enumerate(pieces):
        text = piece.text
        if piece.op == "equal" and len(text) > 2 * _CONTEXT + 5:
            first, last = index == 0, index == len(pieces) - 1
            head = text[:_CONTEXT].rsplit(" ", 1)[0].rstrip() + " …"
            tail = "… " + text[-_CONTEXT:].split(" ", 1)[-1].lstrip()
            # A piece keeps its leading space: the words before a change stay apart.
            if first:
                text = tail
            elif last:
                text = head
            else:
                text = f"{head} {tail}"
        shown.append(Piece(piece.op, text))
    return shown


class TooLarge(ingest.IngestError):
    """The text has more paragraphs or candidates than an import takes."""


PARAGRAPHS_OVER = _(
    "The text has %(count)s paragraphs; an import takes at most %(limit)s "
    "(IMPORT_MAX_PARAGRAPHS). Nothing was written. Load it in parts, or check that it is "
    "one communiqué and not a collection."
)
CANDIDATES_OVER = _(
    "The text has %(count)s commitment candidates; an import takes at most %(limit)s "
    "(IMPORT_MAX_CANDIDATES). Nothing was written. Load it in parts, or check that it is "
    "one communiqué and not a collection."
)


def check_limit(count: int, limit: int, message) -> None:
    """Raise TooLarge, with the message for the admin, when count is over limit."""
    if count > limit:
        raise TooLarge(
            message
            % {
                "count": number_format(count, force_grouping=True),
                "limit": number_format(limit, force_grouping=True),
            }
        )


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

    The text is looked for among the loaded ones by its paragraphs: the same words
    everywhere is the same text, loaded already (whatever file it came in); most
    paragraphs shared is a new version of that document, when it belongs to the same
    summit (else the preview only says so). Without either, a current document of the
    summit with the same title and language is taken as the earlier version, and one in
    the other language whose paragraphs align is taken as its other language version.
    Candidates whose words a carried commitment holds already are set aside
    (``covered``): the commitment carries the editors' decision on them.
    """
    parsed = ingest.parse_text(source.text, encoding=source.encoding)
    check_limit(len(parsed.paragraphs), settings.IMPORT_MAX_PARAGRAPHS, PARAGRAPHS_OVER)
    existing = services.loaded_document(source.text)
    found_alike = recognise.matches(parsed.paragraphs) if existing is None else []
    same = [m.document for m in found_alike if m.comparison.same_text]
    if same:
        existing = same[0]
    changes = elsewhere = None
    recognised = False
    if existing is None and request.replaces is None:
        alike = next(
            (
                m
                for m in found_alike
                if m.comparison.looks_like_a_version and recognise.is_current(m.document)
            ),
            None,
        )
        if (
            alike is not None
            and request.summit is not None
            and (alike.document.summit_id == request.summit.pk)
        ):
            request, changes, recognised = request.replacing(alike.document), alike, True
        else:
            elsewhere = alike
            request = request.replacing(
                earlier_version(
                    request, title=request.title or parsed.title, language=parsed.language
                )
            )
    if existing is None and request.replaces is not None and changes is None:
        changes = next(
            (m for m in found_alike if m.document.pk == request.replaces.pk), None
        ) or recognise.compare_with(request.replaces, parsed.paragraphs)
    version = None
    if existing is None and (request.replaces is None or request.translates is not None):
        version = recognise.language_version(
            parsed.paragraphs,
            summit=request.summit,
            language=parsed.language,
            given=request.translates,
        )
        if version is not None:
            request = request.translating(version.document)
    found = find_all_candidates(parsed, request.published_on.year, progress)
    check_limit(len(found), settings.IMPORT_MAX_CANDIDATES, CANDIDATES_OVER)
    preview = Preview(
        request=request,
        source=source,
        parsed=parsed,
        found=found,
        existing=existing,
        changes=changes.comparison if changes else None,
        recognised=recognised,
        elsewhere=elsewhere,
        language_version=version,
    )
    if request.replaces is not None and existing is None:
        carry = preview.carry = plan_carry(request.replaces, parsed.paragraphs)
        preview.found = []
        for item in found:
            span = (item.paragraph.position, item.candidate.start, item.candidate.end)
            (preview.covered if carry.covers(*span) else preview.found).append(item)
    elif version is not None:
        # The other language version holds the commitments of its paragraphs already: the
        # commitment page shows their quote in both languages, none is added twice.
        held = set(
            Commitment.objects.filter(paragraph__document=version.document).values_list(
                "paragraph__label", flat=True
            )
        )
        counterparts = dict(version.alignment.pairs)
        preview.found = []
        for item in found:
            covered = counterparts.get(item.paragraph.label) in held
            (preview.covered if covered else preview.found).append(item)
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
