"""Template filters for targets, amounts and scores."""

from decimal import Decimal

from django import template
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments import figures
from nato_tracker.languages import Localized
from summits import text

register = template.Library()

plain_number = figures.number


@register.filter
def percent(value) -> str:
    """2.5 -> "2.5%" in English, "2,5 %" in French."""
    return figures.percent(value)


@register.filter
def figure(value, unit="") -> str:
    """A measured value in the reader's convention, as a percentage for percentage units."""
    return figures.figure(value, unit)


@register.filter
def number(value) -> str:
    """A number with the reader's decimal and thousands separators."""
    if value is None or value == "":
        return ""
    return figures.number(value)


@register.filter
def euros(value) -> str:
    """40000000000 -> "40 billion euros", 500000000 -> "500 million euros"."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value >= 1_000_000_000:
        amount = value / 1_000_000_000
        text = ngettext("%(amount)s billion euros", "%(amount)s billion euros", int(amount))
    elif value >= 1_000_000:
        amount = value / 1_000_000
        text = ngettext("%(amount)s million euros", "%(amount)s million euros", int(amount))
    else:
        amount = value
        text = ngettext("%(amount)s euro", "%(amount)s euros", int(amount))
    return text % {"amount": plain_number(amount)}


@register.filter
def target_label(commitment) -> str:
    """The target as a short figure: "2%", "20%", "40 billion euros" (in English)."""
    if commitment.target_value is None:
        return ""
    if commitment.unit in figures.PERCENT_UNITS:
        return figures.percent(commitment.target_value)
    if commitment.unit == "EUR":
        return euros(commitment.target_value)
    return plain_number(commitment.target_value)


@register.filter
def target_phrase(commitment) -> str:
    """The target with its comparator: "2% or more", "more than 500 million euros"."""
    label = target_label(commitment)
    if not label:
        return ""
    match commitment.comparator:
        case "more_than":
            return _("more than %(target)s") % {"target": label}
        case "up_to" | "at_most":
            return _("%(target)s or less") % {"target": label}
        case "about":
            return _("about %(target)s") % {"target": label}
        case "exactly":
            return label
        case _:
            return _("%(target)s or more") % {"target": label}


@register.filter
def headline(progress) -> str:
    """ "23 of 32 allies at 2% or more in 2024" for the latest year with figures."""
    counts = [count for count in progress.counts if count.with_data]
    if not counts:
        return _("No figures recorded yet")
    latest = counts[-1]
    return _("%(meeting)s of %(members)s allies at %(target)s in %(year)s") % {
        "meeting": latest.meeting,
        "members": latest.members,
        "target": target_phrase(progress.commitment),
        "year": latest.year,
    }


@register.filter
def score(value) -> str:
    """+1, 0, −1 (with a real minus sign), or an en dash for no score."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:+.2f}".replace("-", "−").replace(".", get_format("DECIMAL_SEPARATOR"))
    value = int(value)
    return f"+{value}" if value > 0 else "0" if value == 0 else f"−{-value}"


@register.filter
def score_summary(counts) -> str:
    """ "Score per ally (…): 1 met, 2 partly met, …", each count with its own plural."""
    parts = [
        ngettext("%(count)s met", "%(count)s met", counts["met"]),
        ngettext("%(count)s partly met", "%(count)s partly met", counts["partly_met"]),
        ngettext("%(count)s in progress", "%(count)s in progress", counts["in_progress"]),
        ngettext("%(count)s missed", "%(count)s missed", counts["missed"]),
        ngettext("%(count)s not scored", "%(count)s not scored", counts["no_score"]),
    ]
    keys = ("met", "partly_met", "in_progress", "missed", "no_score")
    listed = ", ".join(part % {"count": counts[key]} for part, key in zip(parts, keys, strict=True))
    return _("Score per ally (+1 met, 0 partly met or in progress, −1 missed): %(counts)s.") % {
        "counts": listed
    }


@register.filter
def latest_count(progress):
    counts = [count for count in progress.counts if count.with_data]
    return counts[-1] if counts else None


@register.filter
def shorten(value, limit) -> str:
    """Cut on a word boundary, with "…" when cut (summits.text.shorten). A text that knows
    its language keeps it (for `marked` after it)."""
    cut = text.shorten(str(value), int(limit))
    return Localized(cut, value.language) if isinstance(value, Localized) else cut
