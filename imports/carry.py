"""Carrying the editors' work to a new version of a text.

A text gets a new version when an admin loads a corrected text (a new document that
supersedes the old one) or corrects a paragraph in the admin. Either way everything
built on the old words follows them: the commitments, whatever their review state (their
status history and lineage links hang on them and follow), and the notes.

Reads: the commitments and annotations of the old paragraphs; the new paragraphs, parsed
(for the preview) or stored, anything with a label, a position and a text.
Writes (apply_carry only): each row at its new place, as a new version in its history.

Each quote is found again with summits.anchoring, the same steps for commitments and
notes: in the paragraph with the same label first, then in the others; the exact words
first (scored on the text on each side of them), then the words followed into a
slightly corrected wording. A commitment whose quote is gone stays on the old version,
which is kept, and is flagged as an orphan for an editor; a note whose quote is gone
moves to the new paragraph with the same label, flagged as an orphan. Nothing is
dropped, and the preview lists every move before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from commitments.models import Commitment
from nato_tracker import history
from reader.models import Annotation
from reader.services import anchor_fields
from summits import anchoring
from summits.models import Document
from summits.text import fold

REASON_NEW_VERSION = "moved to a new version of the document"
REASON_CORRECTED = "paragraph text corrected"
# Paragraphs other than its own where a reworded quote is looked for (the most alike).
FUZZY_OTHER_PARAGRAPHS = 3


@dataclass(frozen=True)
class Quoted:
    """A quote as it stands in the old text: its paragraph's label and text, its words,
    their offsets and a little text on each side."""

    label: str
    text: str
    quote: str
    start: int
    end: int
    prefix: str
    suffix: str


def commitment_quote(commitment) -> Quoted:
    text = commitment.paragraph.text
    prefix, suffix = anchoring.context(text, commitment.quote_start, commitment.quote_end)
    return Quoted(
        commitment.paragraph.label,
        text,
        commitment.quote,
        commitment.quote_start,
        commitment.quote_end,
        prefix,
        suffix,
    )


def annotation_quote(annotation) -> Quoted:
    return Quoted(
        annotation.paragraph.label,
        annotation.paragraph.text,
        annotation.quote,
        annotation.start,
        annotation.end,
        annotation.prefix,
        annotation.suffix,
    )


@dataclass(frozen=True)
class Move:
    """Where a row's quote is in the new text: a paragraph and a span, or nowhere
    (``target`` is None: the row becomes an orphan)."""

    item: Any
    target: Any | None
    start: int = 0
    end: int = 0
    reworded: bool = False

    @property
    def new_quote(self) -> str:
        return self.target.text[self.start : self.end] if self.target is not None else ""


def _word_set(text: str) -> set[str]:
    return {word for word in fold(text).split() if len(word) > 3}


def locate(quoted: Quoted, paragraphs: Sequence) -> tuple[Any, anchoring.Found] | None:
    """The new paragraph and span of a quote: exact words in its own paragraph, then in
    any other; then its words followed into a new wording, in its own paragraph, then in
    the few others most alike to it."""
    own = [p for p in paragraphs if p.label == quoted.label]
    others = [p for p in paragraphs if p.label != quoted.label]
    for paragraph in own + others:
        old_text = quoted.text if paragraph.label == quoted.label else ""
        span = anchoring.reanchor(
            old_text,
            paragraph.text,
            quoted.quote,
            quoted.start,
            quoted.end,
            quoted.prefix,
            quoted.suffix,
        )
        if span is not None:
            return paragraph, anchoring.Found(*span)
    if quoted.text[quoted.start : quoted.end] != quoted.quote:
        return None  # the old text is not known: nothing to follow
    words = _word_set(quoted.quote)
    alike = sorted(others, key=lambda p: -len(words & _word_set(p.text)))
    for paragraph in own + alike[:FUZZY_OTHER_PARAGRAPHS]:
        found = anchoring.follow(quoted.text, paragraph.text, quoted.start, quoted.end)
        if found is not None:
            return paragraph, found
    return None


def plan_moves(items: Iterable, paragraphs: Sequence, *, quote_of, exclusive=False) -> Moves:
    """A Move for each item (writes nothing). With ``exclusive`` (commitments: one per
    span of a paragraph), an item whose span another item took already is an orphan."""
    moves, taken = Moves(), set()
    for item in items:
        place = locate(quote_of(item), paragraphs)
        if place is None:
            moves.append(Move(item, None))
            continue
        paragraph, found = place
        if exclusive:
            key = (paragraph.position, found.start, found.end)
            if key in taken:
                moves.append(Move(item, None))
                continue
            taken.add(key)
        moves.append(Move(item, paragraph, found.start, found.end, found.reworded))
    return moves


class Moves(list):
    """The moves of one kind of row (the commitments, or the notes), by outcome."""

    @property
    def kept(self) -> list[Move]:
        """Found again with the same words."""
        return [move for move in self if move.target is not None and not move.reworded]

    @property
    def reworded(self) -> list[Move]:
        """Found again in a new wording."""
        return [move for move in self if move.target is not None and move.reworded]

    @property
    def placed(self) -> list[Move]:
        return [move for move in self if move.target is not None]

    @property
    def orphaned(self) -> list[Move]:
        """Not found: kept, flagged as orphans."""
        return [move for move in self if move.target is None]


@dataclass
class CarryPlan:
    """What a new version does to the editors' work, before anything is written."""

    commitments: Moves = field(default_factory=Moves)
    annotations: Moves = field(default_factory=Moves)

    def covers(self, position: int, start: int, end: int) -> bool:
        """Whether a carried commitment holds words of this span of a new paragraph: a
        fresh candidate there would duplicate it."""
        return any(
            move.target.position == position and move.start < end and start < move.end
            for move in self.commitments
            if move.target is not None
        )

    def digest_rows(self) -> list:
        """What the plan does, as plain values, for the preview's digest."""
        return [
            [
                kind,
                move.item.pk,
                move.target.position if move.target else None,
                move.start,
                move.end,
            ]
            for kind, moves in (("c", self.commitments), ("a", self.annotations))
            for move in moves
        ]


def plan_carry(old_document: Document, paragraphs: Sequence) -> CarryPlan:
    """Where the work on ``old_document`` goes among ``paragraphs``; writes nothing."""
    commitments = (
        Commitment.objects.filter(paragraph__document=old_document)
        .select_related("paragraph")
        .defer("paragraph__folded_text")
        .order_by("paragraph__position", "quote_start", "pk")
    )
    annotations = (
        Annotation.objects.filter(paragraph__document=old_document)
        .select_related("paragraph")
        .defer("paragraph__folded_text")
        .order_by("paragraph__position", "start", "pk")
    )
    return CarryPlan(
        commitments=plan_moves(commitments, paragraphs, quote_of=commitment_quote, exclusive=True),
        annotations=plan_moves(annotations, paragraphs, quote_of=annotation_quote),
    )


def apply_carry(
    plan: CarryPlan, rows: Sequence, *, user=None, reason: str, in_place: bool = False
) -> CarryPlan:
    """Write the plan: ``rows`` are the stored paragraphs its targets stand for (the same
    positions); ``in_place`` when they are the old paragraphs themselves, corrected.
    Each changed row is a new version, recorded in its history with ``reason``."""
    by_position = {row.position: row for row in rows}
    by_label = {row.label: row for row in rows}
    now = timezone.now()
    commitments = []
    for move in plan.commitments:
        commitment = move.item
        if move.target is None:
            commitment.orphan = True
        else:
            row = by_position[move.target.position]
            commitment.paragraph = row
            commitment.quote = row.text[move.start : move.end]
            commitment.quote_start, commitment.quote_end = move.start, move.end
            commitment.orphan = False
        commitments.append(commitment)
    annotations = []
    for move in plan.annotations:
        annotation = move.item
        if move.target is None:
            annotation.paragraph = by_label.get(annotation.paragraph.label, annotation.paragraph)
            annotation.orphan = True
        else:
            row = by_position[move.target.position]
            annotation.paragraph = row
            for name, value in anchor_fields(row.text, move.start, move.end).items():
                setattr(annotation, name, value)
            annotation.orphan = False
        annotations.append(annotation)
    if in_place and commitments:
        # In a corrected paragraph two commitments may trade places: step their spans
        # aside first, so that no update meets the other's old span (one quote a span).
        for row in commitments:
            row.quote_start += _ASIDE
            row.quote_end += _ASIDE
        Commitment.objects.bulk_update(commitments, ["quote_start", "quote_end"])
        for row in commitments:
            row.quote_start -= _ASIDE
            row.quote_end -= _ASIDE
    span_fields = ["paragraph", "quote", "quote_start", "quote_end", "orphan"]
    _save_versions(Commitment, commitments, span_fields, user=user, reason=reason, now=now)
    note_fields = ["paragraph", "quote", "start", "end", "prefix", "suffix", "orphan"]
    _save_versions(Annotation, annotations, note_fields, user=user, reason=reason, now=now)
    return plan


def _save_versions(model, rows: list, fields: list[str], *, user, reason: str, now) -> None:
    """Save the rows' new versions and their history records, a few queries in all."""
    if not rows:
        return
    history.ensure_baselines(model, [row.pk for row in rows])
    for row in rows:
        row.version += 1
        row.updated_at = now
    bulk_update_with_history(
        rows,
        model,
        [*fields, "version", "updated_at"],
        default_user=user,
        default_change_reason=reason,
        default_date=now,
    )


# Far beyond any paragraph's length: a span moved there meets no real one.
_ASIDE = 10_000_000
