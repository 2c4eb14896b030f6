"""Numbers read from a request's parameters: ASCII digits only, within bounds.

``str.isdigit`` accepts "²" and "①", which ``int`` refuses; a year outside 1–9999 is
not a date Python or the databases can compute with. Anything else is None, and the
caller treats it as "not given" (or refuses it, for an export).
"""

YEAR_MIN, YEAR_MAX = 1, 9999


def parse_int(value, *, low: int, high: int) -> int | None:
    """``value`` as an int between low and high, or None."""
    text = str(value if value is not None else "").strip()
    if not text or not (text.isascii() and text.isdecimal()) or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None


def year(value) -> int | None:
    """A year between 1 and 9999, or None."""
    return parse_int(value, low=YEAR_MIN, high=YEAR_MAX)


def row_id(value) -> int | None:
    """A database row's id (a positive 64-bit integer), or None."""
    return parse_int(value, low=1, high=2**63 - 1)
