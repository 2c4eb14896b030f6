"""Recognising a text being imported among the loaded ones.

Reads: the parsed paragraphs of the new text; the stored documents sharing paragraphs
with it (Paragraph.fingerprint, one indexed query), their paragraphs; the current
documents of the summit in the other language.
Writes: nothing. What it finds: the same text loaded already (in any form: another
encoding, a web page, a PDF, a re-wrapped copy), the document it looks like a new version
of (with the differences), or the document it is the other language version of (with
the paragraphs aligned), each decided by summits.recognition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count

from summits import recognition
from summits.ingest import ParsedParagraph
from summits.models import Document, Paragraph

# Documents compared in full: those sharing the most paragraphs with the new text.
CANDIDATES = 3
# A document is compared when it shares at least this share of the new paragraphs.
MIN_SHARED = 0.3
# Two texts in different languages are versions of one text from this match on.
LANGUAGE_MATCH = 0.8


@dataclass(frozen=True)
class Stored:
    """A stored paragraph, as the comparisons read it."""

    label: str
    number: int | None
    text: str


@dataclass(frozen=True)
class Match:
    document: Document
    comparison: recognition.Comparison


def _paragraphs(documents: Sequence[int]) -> dict[int, list[Stored]]:
    rows = (
        Paragraph.objects.filter(document__in=documents)
        .order_by("document", "position")
        .values_list("document_id", "label", "number", "text")
    )
    found: dict[int, list[Stored]] = defaultdict(list)
    for document, label, number, text in rows:
        found[document].append(Stored(label, number, text))
    return found


def matches(paragraphs: Sequence[ParsedParagraph]) -> list[Match]:
    """The stored documents that share paragraphs with the new text, compared with it,
    the closest first (three queries)."""
    fingerprints = {recognition.fingerprint(p.text) for p in paragraphs}
    shared = (
        Paragraph.objects.filter(fingerprint__in=fingerprints)
        .values("document")
        .annotate(count=Count("id"))
        .order_by("-count", "document")[:CANDIDATES]
    )
    ids = [row["document"] for row in shared if row["count"] >= MIN_SHARED * len(paragraphs)]
    if not ids:
        return []
    documents = Document.objects.without_text().select_related("summit", "superseded_by")
    by_id = documents.in_bulk(ids)
    stored = _paragraphs(ids)
    found = [
        Match(by_id[pk], recognition.compare(paragraphs, stored[pk])) for pk in ids if pk in by_id
    ]
    return sorted(found, key=lambda match: -match.comparison.share)


def compare_with(document: Document, paragraphs: Sequence[ParsedParagraph]) -> Match:
    """The new text compared with one document (one query)."""
    return Match(document, recognition.compare(paragraphs, _paragraphs([document.pk])[document.pk]))


def is_current(document: Document) -> bool:
    try:
        document.superseded_by  # noqa: B018 (the reverse one-to-one, selected)
    except Document.DoesNotExist:
        return True
    return False


@dataclass(frozen=True)
class LanguageVersion:
    document: Document
    alignment: recognition.Alignment
    score: float


def language_version(
    paragraphs: Sequence[ParsedParagraph], *, summit, language: str, given: Document | None
) -> LanguageVersion | None:
    """The current document of the summit, in another language, that this text is the
    other language version of: the one given, else the best aligned above LANGUAGE_MATCH
    (two queries)."""
    if given is not None:
        candidates = [given]
    elif summit is None:
        return None
    else:
        candidates = list(
            Document.objects.current()
            .without_text()
            .filter(summit=summit)
            .exclude(language=language)
            .order_by("pk")
        )
    if not candidates:
        return None
    stored = _paragraphs([document.pk for document in candidates])
    best: LanguageVersion | None = None
    for document in candidates:
        theirs = stored.get(document.pk, [])
        score = recognition.language_match(paragraphs, theirs)
        if best is None or score > best.score:
            best = LanguageVersion(document, recognition.align(paragraphs, theirs), score)
    if best is None or (given is None and best.score < LANGUAGE_MATCH):
        return None
    return best
