"""Word-level comparison of two wordings (pure functions)."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# A word or a punctuation mark with the spaces before it, or trailing spaces.
_TOKEN = re.compile(r"\s*\w+|\s*[^\w\s]|\s+", re.UNICODE)


@dataclass(frozen=True)
class Piece:
    op: str  # "equal", "delete" (only in the first text) or "insert" (only in the second)
    text: str


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, each with the spaces before it; joined, the text."""
    return _TOKEN.findall(text)


def word_diff(before: str, after: str) -> list[Piece]:
    """How to go from before to after, word by word: kept, deleted and inserted pieces.

    A replaced run of words is a deletion followed by an insertion. Joining the
    "equal" and "delete" pieces gives `before`; "equal" and "insert" give `after`.
    """
    old, new = tokens(before), tokens(after)
    pieces: list[Piece] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(pieces, "equal", "".join(old[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _add(pieces, "delete", "".join(old[i1:i2]))
        if op in ("insert", "replace"):
            _add(pieces, "insert", "".join(new[j1:j2]))
    return pieces


def _add(pieces: list[Piece], op: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].op == op:
        pieces[-1] = Piece(op, pieces[-1].text + text)
    else:
        pieces.append(Piece(op, text))


def diff_counts(pieces: list[Piece]) -> dict[str, int]:
    """Words deleted, inserted and kept."""
    counts = {"equal": 0, "delete": 0, "insert": 0}
    for piece in pieces:
        counts[piece.op] += sum(1 for token in tokens(piece.text) if token.strip()[:1].isalnum())
    return counts
