"""Small text helpers shared by ingest, search and the fixture pipeline."""

import functools
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "})


@functools.lru_cache(maxsize=2048)  # an import folds each paragraph for several uses
def fold(text: str) -> str:
    """Casefold and strip accents, so that "Sécurité" and "securite" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at the end of a word, with "…" when cut:
    "Communiqué du sommet de Vilnius", 20 -> "Communiqué du…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"
