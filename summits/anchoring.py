"""Finding a quoted span again after a text has changed (pure functions, no ORM).

Whatever quotes a paragraph keeps the exact words it is about (the quote), where they
were (start and end offsets in the paragraph's text) and a little text on each side
(prefix, suffix). When the paragraph's text is corrected, or a new version of the
document replaces it, `reanchor` and `find` find the quote in the new text:

1. the quote still sits at its old offsets: kept, when the text around it agrees;
2. otherwise each exact occurrence of the quote is scored by how much of the prefix and
   suffix surrounds it and by how close it is to where it used to be; the best wins;
3. otherwise the quote is looked for with whitespace and case ignored (a corrected double
   space or capital must not orphan a note);
4. otherwise, when the old text is known, the two texts are aligned word by word and the
   quote's words are followed to where they went (`follow`): a quote whose wording was
   corrected a little is found again, as long as it stays close to what it was
   (FUZZY_THRESHOLD) and the text on each side of it still agrees;
5. otherwise there is no anchor: the caller keeps what quoted the words and marks it an
   orphan.

Every kind of quote is found again by the same steps.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .text import fold

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
    return max(candidates, key=lambda span: _score(text, span[0], span[1], prefix, suffix, hint))


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

    Steps 1 to 3 of the module's description: the span returned may differ from the
    quote in whitespace or case only (take new_text[start:end] as the new quote). `find`
    adds step 4.
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


# How close a quote's new wording must stay to the old one (difflib's ratio of the two,
# casefolded, accents kept): 0.75 keeps "national cyber defences" for "cyber defences",
# and lets "we decided to hold our next summit" go for "we agreed to meet again".
FUZZY_THRESHOLD = 0.75

_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class Found:
    """Where a quote is in a new text; `reworded` when its words there are not the same
    (beyond whitespace and case), `similarity` how close they stay (1.0: the same)."""

    start: int
    end: int
    reworded: bool = False
    similarity: float = 1.0


def similarity(a: str, b: str) -> float:
    """How alike two quotes are, from 0 to 1, whitespace and case aside."""
    left, right = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    if left == right:
        return 1.0
    return SequenceMatcher(None, left, right, autojunk=False).ratio()


def _words(text: str) -> list[re.Match]:
    return list(_WORD_RE.finditer(text))


def follow(old_text: str, new_text: str, start: int, end: int) -> Found | None:
    """Step 4: where the words at old_text[start:end] went in new_text, aligning the two
    texts word by word (accents and case folded); None when too little of them is left.

    The new span runs from where the quote's first word went to where its last one went;
    a word replaced at either end is followed into its replacement.
    """
    old_words, new_words = _words(old_text), _words(new_text)
    inside = [i for i, word in enumerate(old_words) if word.end() > start and word.start() < end]
    if not inside or not new_words:
        return None
    first, last = inside[0], inside[-1]
    matcher = SequenceMatcher(
        None,
        [fold(word.group()) for word in old_words],
        [fold(word.group()) for word in new_words],
        autojunk=False,
    )
    new_first = new_last = None
    kept = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert":
            continue
        if tag == "equal":
            kept += max(0, min(i2, last + 1) - max(i1, first))
        if i1 <= first < i2 and new_first is None:
            new_first = j1 + (first - i1) if tag == "equal" else j1
        if i1 <= last < i2:
            new_last = j1 + (last - i1) if tag == "equal" else j2 - 1
    if not kept or new_first is None or new_last is None:
        return None
    new_first = min(new_first, len(new_words) - 1)
    new_last = min(max(new_last, new_first), len(new_words) - 1)
    span_start, span_end = new_words[new_first].start(), new_words[new_last].end()
    score = similarity(old_text[start:end], new_text[span_start:span_end])
    if score < FUZZY_THRESHOLD:
        return None
    return Found(span_start, span_end, reworded=score < 1.0, similarity=score)


def find(
    old_text: str,
    new_text: str,
    quote: str,
    start: int,
    end: int,
    prefix: str = "",
    suffix: str = "",
    *,
    fuzzy: bool = True,
) -> Found | None:
    """Steps 1 to 4: the quote exactly (or but for whitespace and case), else, when
    `fuzzy` and the old text is known, the quote's words followed into their new wording."""
    span = reanchor(old_text, new_text, quote, start, end, prefix, suffix)
    if span is not None:
        return Found(*span)
    if not fuzzy or not old_text or old_text[start:end] != quote:
        return None
    return follow(old_text, new_text, start, end)
