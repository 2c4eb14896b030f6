"""Finding a quoted span again after a text has changed (pure functions, no ORM).

An annotation keeps the exact words it is about (the quote), where they were (start and
end offsets in the paragraph's text) and a little text on each side (prefix, suffix).
When the paragraph's text is corrected, or a new version of the document replaces it,
`reanchor` finds the quote in the new text:

1. the quote still sits at its old offsets: kept, when the text around it agrees;
2. otherwise each exact occurrence of the quote is scored by how much of the prefix and
   suffix surrounds it and by how close it is to where it used to be; the best wins;
3. otherwise the quote is looked for with whitespace and case ignored (a corrected double
   space or capital must not orphan a note);
4. otherwise there is no anchor: the caller keeps the annotation and marks it an orphan.
"""

import re

CONTEXT_CHARS = 32


def context(text: str, start: int, end: int, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix kept beside a quote: up to `size` characters each side."""
    return text[max(0, start - size) : start], text[end : end + size]


def common_suffix_length(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def common_prefix_length(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _score(text: str, start: int, end: int, prefix: str, suffix: str, hint: int) -> tuple:
    before, after = context(text, start, end, max(len(prefix), len(suffix), 1))
    matched = common_suffix_length(before, prefix) + common_prefix_length(after, suffix)
    return (matched, -abs(start - hint))


def _loose_pattern(quote: str) -> re.Pattern | None:
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)


def locate(
    text: str, quote: str, *, hint: int = 0, prefix: str = "", suffix: str = ""
) -> tuple[int, int] | None:
    """The best span of `text` holding `quote` (exactly, else ignoring spaces and case)."""
    if not quote:
        return None
    candidates = [(at, at + len(quote)) for at in _occurrences(text, quote)]
    if not candidates:
        pattern = _loose_pattern(quote)
        if pattern is not None:
            candidates = [match.span() for match in pattern.finditer(text)]
    if not candidates:
        return None
    return max(candidates, key=lambda span: _score(text, *span, prefix, suffix, hint))


def reanchor(
    old_text: str,
    new_text: str,
    quote: str,
    start: int,
    end: int,
    prefix: str,
    suffix: str,
) -> tuple[int, int] | None:
    """Where `quote`, once at old_text[start:end], is in new_text; None when it is gone.

    The span returned may differ from the quote in whitespace or case only (step 3 in the
    module's description): take new_text[start:end] as the new quote.
    """
    if new_text[start:end] == quote:
        before, after = context(new_text, start, end, CONTEXT_CHARS)
        if (
            new_text == old_text
            or common_suffix_length(before, prefix) == min(len(prefix), len(before))
            and common_prefix_length(after, suffix) == min(len(suffix), len(after))
        ):
            return start, end
    # Where the quote would be if the text changed evenly: the tie-breaker between copies.
    hint = start if not old_text else round(start * len(new_text) / max(len(old_text), 1))
    return locate(new_text, quote, hint=hint, prefix=prefix, suffix=suffix)
