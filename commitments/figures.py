"""Numbers and percentages in the reader's convention (pure functions).

"2.5%" and "1,200" in English, "2,5 %" and "1 200" in French: Django's number formats
give the separators, and the translation of "%(number)s%%" gives the place of the sign.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

PERCENT_UNITS = frozenset({"pct_gdp", "pct_defence_budget", "percent"})


def number(value) -> str:
    """2.00 -> "2", 2.50 -> "2.5" ("2,5"), 1200 -> "1,200" ("1 200"), in the active language."""
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def percent(value) -> str:
    """2.5 -> "2.5%" in English, "2,5 %" in French; "" for no value."""
    if value is None or value == "":
        return ""
    return _("%(number)s%%") % {"number": number(value)}


def share(value) -> str:
    """A share as NATO prints it, with two decimals: 2 -> "2.00%" ("2,00 %"), 1.9 -> "1.90%"."""
    if value is None or value == "":
        return ""
    fixed = number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)
    return _("%(number)s%%") % {"number": fixed}


def figure(value, unit: str = "") -> str:
    """A measured value with its unit: a share (two decimals) for percentage units, else
    a number."""
    if value is None or value == "":
        return ""
    return share(value) if unit in PERCENT_UNITS else number(value)
