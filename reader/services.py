"""Writes of annotations: create, change and delete them (versioned: a stale save raises
VersionConflict), and restore an earlier version, re-anchored in today's text.

Carrying annotations to a corrected text is the work of the room that loads texts,
with the same anchoring as commitments' quotes.
"""

from django.db import transaction

from nato_tracker import history
from nato_tracker.versioning import claim_version
from summits import anchoring
from summits.models import Paragraph

from .models import Annotation


def anchor_fields(text: str, start: int, end: int) -> dict:
    """The quote at text[start:end] and the context kept to find it again."""
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
        **anchor_fields(paragraph.text, start, end),
    )
    history.save_by(annotation, author)
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
    history.save_by(current, user)
    return current


@transaction.atomic
def delete_annotation(*, annotation: Annotation, version: int, user) -> None:
    """Delete a note (kept in its history, from where an admin can restore it)."""
    current = claim_version(Annotation, pk=annotation.pk, version=version)
    history.mark(current, user)
    current.delete()


def restore_annotation(*, annotation_id: int, history_id: int, user) -> Annotation:
    """Put an earlier version of an annotation back, re-anchored in today's text."""

    def adjust(restored):
        paragraph = Paragraph.objects.get(pk=restored.paragraph_id)
        span = anchoring.reanchor(
            paragraph.text,
            paragraph.text,
            restored.quote,
            restored.start,
            restored.end,
            restored.prefix,
            restored.suffix,
        )
        if span is None:
            restored.orphan = True
        else:
            for name, value in anchor_fields(paragraph.text, *span).items():
                setattr(restored, name, value)
            restored.orphan = False

    return history.restore(
        model=Annotation, pk=annotation_id, history_id=history_id, user=user, adjust=adjust
    )
