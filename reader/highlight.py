"""Cutting a paragraph's text into plain and highlighted segments (pure functions)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    mark: object | None = None  # the object whose span this is (a commitment), or None
    notes: tuple = ()  # the annotations whose span covers this segment


def paragraph_segments(text: str, spans) -> list[Segment]:
    """Split text at the spans' offsets (objects with quote_start/quote_end).

    Overlapping spans are not nested: a span that starts inside the previous one is
    shortened to start where the previous one ends.
    """
    segments = []
    cursor = 0
    for span in sorted(spans, key=lambda s: (s.quote_start, s.quote_end)):
        start = max(span.quote_start, cursor)
        end = min(span.quote_end, len(text))
        if end <= start:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], span))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def annotated_segments(text: str, spans, notes) -> list[Segment]:
    """paragraph_segments, further cut where annotations (start/end) begin and end.

    Annotations may overlap commitments and each other: every segment lists all the
    annotations covering it. Orphaned annotations (no longer in the text) are skipped.
    """
    notes = [n for n in notes if not n.orphan and 0 <= n.start < n.end <= len(text)]
    cuts = sorted({n.start for n in notes} | {n.end for n in notes})
    result = []
    offset = 0
    for segment in paragraph_segments(text, spans):
        seg_start, seg_end = offset, offset + len(segment.text)
        points = [seg_start] + [c for c in cuts if seg_start < c < seg_end] + [seg_end]
        for start, end in zip(points, points[1:], strict=False):
            covering = tuple(n for n in notes if n.start <= start and end <= n.end)
            result.append(Segment(text[start:end], segment.mark, covering))
        offset = seg_end
    return result
