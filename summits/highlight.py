"""Cutting a paragraph's text into plain and highlighted segments (pure functions)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    mark: object | None = None  # the object whose span this is (a commitment), or None


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
