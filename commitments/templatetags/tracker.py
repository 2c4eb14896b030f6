"""Template filters for targets, amounts and scores."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments import figures
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
def dollars(value) -> str:
    """40000000000 -> "40 billion US dollars"."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value >= 1_000_000_000:
        amount = value / 1_000_000_000
        text = ngettext(
            "%(amount)s billion US dollars", "%(amount)s billion US dollars", int(amount)
        )
    elif value >= 1_000_000:
        amount = value / 1_000_000
        text = ngettext(
            "%(amount)s million US dollars", "%(amount)s million US dollars", int(amount)
        )
    else:
        amount = value
        text = ngettext("%(amount)s US dollar", "%(amount)s US dollars", int(amount))
    return text % {"amount": plain_number(amount)}


@register.filter
def money(value, unit="EUR") -> str:
    """An amount in its currency: "500 million euros", "2 billion US dollars"."""
    return dollars(value) if unit == "USD" else euros(value)


def qualified_amount(label: str, qualifier: str) -> str:
    """An amount with its qualifier as the source writes it: "more than …", "up to …"."""
    match qualifier:
        case "more_than":
            return _("more than %(amount)s") % {"amount": label}
        case "at_least":
            return _("at least %(amount)s") % {"amount": label}
        case "up_to":
            return _("up to %(amount)s") % {"amount": label}
        case "at_most":
            return _("at most %(amount)s") % {"amount": label}
        case "about":
            return _("about %(amount)s") % {"amount": label}
        case _:
            return label


@register.filter
def amount_phrase(total, unit="EUR") -> str:
    """A total or a contribution with its qualifier: "more than 500 million euros"."""
    if not total:  # a Total of no contribution
        return ""
    value = getattr(total, "value", None)
    if value is None:
        value = total.amount
    return qualified_amount(money(value, unit), total.qualifier)


@register.filter
def target_label(commitment) -> str:
    """The target as a short figure: "2%", "20%", "40 billion euros" (in English)."""
    if commitment.target_value is None:
        return ""
    if commitment.unit in figures.PERCENT_UNITS:
        return figures.percent(commitment.target_value)
    if commitment.unit in ("EUR", "USD"):
        return money(commitment.target_value, commitment.unit)
    return plain_number(commitment.target_value)


@register.filter
def target_phrase(commitment) -> str:
    """The target with its comparator: "2% or more", "more than 500 million euros"."""
    label = target_label(commitment)
    if not label:
        return ""
    if commitment.unit in ("EUR", "USD"):
        return qualified_amount(label, commitment.comparator)
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
    """ "7 of the 9 allies with a figure at 20% or more in 2024, 23 without", for the
    latest year with figures: the allies without one are never counted as missing it."""
    counts = [count for count in progress.counts if count.with_data]
    if not counts:
        return _("No figures recorded yet")
    latest = counts[-1]
    text = ngettext(
        "%(meeting)s of the %(count)s ally with a figure at %(target)s in %(year)s",
        "%(meeting)s of the %(count)s allies with a figure at %(target)s in %(year)s",
        latest.with_data,
    ) % {
        "meeting": latest.meeting,
        "count": latest.with_data,
        "target": target_phrase(progress.commitment),
        "year": latest.year,
    }
    return text + without_figure(latest)


def without_figure(count) -> str:
    """ ", 23 without" (a figure), or nothing when every ally has one."""
    if not count.without_data:
        return ""
    return ngettext(", %(count)s without", ", %(count)s without", count.without_data) % {
        "count": count.without_data
    }


@register.filter
def bands_label(count) -> str:
    """The three bands in words: "7 meet the target, 2 do not, 23 have no figure"."""
    bands = (
        (
            ngettext("%(count)s meets the target", "%(count)s meet the target", count.meeting),
            count.meeting,
        ),
        (ngettext("%(count)s does not", "%(count)s do not", count.not_meeting), count.not_meeting),
        (
            ngettext("%(count)s has no figure", "%(count)s have no figure", count.without_data),
            count.without_data,
        ),
    )
    return ", ".join(text % {"count": n} for text, n in bands)


@register.filter
def score(value) -> str:
    """+1, 0, −1 (with a real minus sign), or an en dash for no score."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:+.2f}".replace("-", "−")
    value = int(value)
    return f"+{value}" if value > 0 else "0" if value == 0 else f"−{-value}"


@register.filter
def latest_count(progress):
    counts = [count for count in progress.counts if count.with_data]
    return counts[-1] if counts else None


@register.filter
def shorten(value, limit) -> str:
    """Cut on a word boundary, with "…" when cut (summits.text.shorten)."""
    return text.shorten(str(value), int(limit))
