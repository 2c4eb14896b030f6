"""Template filters for targets, amounts and scores."""

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments import figures
from nato_tracker.languages import Localized
from summits import text
from summits.templatetags.meetings import as_written

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


class FigureLinks:
    """Addresses of the history of each figure of an indicator for one ally (or an
    aggregate), reversed once: the pages write hundreds of them."""

    def __init__(self, slug: str, who: str):
        prefix, _sep, rest = reverse("commitments:figure_history", args=[slug, who, 1]).rpartition(
            "/1/"
        )
        self.prefix, self.suffix = prefix + "/", "/" + rest

    def __call__(self, year: int) -> str:
        return f"{self.prefix}{year}{self.suffix}"


def figure_html(m, meets, unit: str, link: str, block: bool = False) -> str:
    """A figure linked to every edition's figure, with its marks (estimate, editor's,
    revised) and its edition: what commitments/_figure.html shows."""
    verdict = " meets" if meets else " misses" if meets is False else ""
    marks = []
    if m.estimate:
        marks.append(format_html('<abbr class="estimate" title="{}">e</abbr>', _("estimate")))
    if not m.is_official:
        marks.append(
            format_html(
                ' <span class="pill origin-editor" title="{}">{}</span>', m.source, _("editor's")
            )
        )
    revised = getattr(m, "revised_from", None)
    if revised:
        title = _("%(old)s in edition %(edition)s") % {
            "old": figures.figure(revised.value, unit),
            "edition": revised.edition,
        }
        marks.append(
            format_html(
                ' <span class="pill change-revised" title="{}">{}</span>', title, _("revised")
            )
        )
    edition = format_html(
        '<div class="meta">{}</div>' if block else ' <span class="meta">{}</span>', m.edition
    )
    return format_html(
        '<a class="figure-link{}" href="{}" title="{}">{}</a>{}{}',
        verdict,
        link,
        _("Edition %(edition)s: every edition's figure") % {"edition": m.edition},
        figures.figure(m.value, unit),
        mark_safe("".join(marks)),  # noqa: S308 (each mark is format_html's)
        edition,
    )


@register.simple_tag
def figure_link(m, meets, unit, slug, who, block=False) -> str:
    """One figure (commitments/_figure.html)."""
    return figure_html(m, meets, unit, FigureLinks(slug, who)(m.year), block)


def _cell(cell, unit, links, block) -> str:
    if not cell.member:
        return format_html('<span class="nodata">{}</span>', _("not a member"))
    if cell.measurement is None:
        return format_html('<span class="nodata">{}</span>', _("no data"))
    return figure_html(cell.measurement, cell.meets, unit, links(cell.year), block)


@register.simple_tag
def figure_cells(row, indicator, ally) -> str:
    """An ally's row of figures, one <li> a year (the year, then its figure, "not a
    member" or "no data"), written in one pass rather than a template loop per cell."""
    links = FigureLinks(indicator.slug, ally.iso3.lower())
    # Each edition under its figure, as on the commitment's page.
    items = format_html_join(
        "",
        '<li><span class="year">{}</span> {}</li>',
        ((c.year, _cell(c, indicator.unit, links, True)) for c in row.cells),
    )
    return format_html('<ul class="cells">{}</ul>', items)


@register.simple_tag
def figure_rows(measurements, ally) -> str:
    """The <tr> of each of an ally's figures (indicator, year linked to its history,
    value, edition and marks, source) in one pass."""
    links = {}
    editors = format_html(' <span class="pill origin-editor">{}</span>', _("editor's"))
    withdrawn = format_html(' <span class="pill status-missed">{}</span>', _("withdrawn"))
    estimate = format_html('<abbr class="estimate" title="{}">e</abbr>', _("estimate"))

    def row(m):
        slug = m.indicator.slug
        if slug not in links:
            links[slug] = FigureLinks(slug, ally.iso3.lower())
        return (
            mark_safe(' class="withdrawn"') if m.withdrawn else "",
            m.indicator.local_name,
            links[slug](m.year),
            m.year,
            figures.figure(m.value, m.indicator.unit),
            estimate if m.estimate else "",
            m.edition,
            "" if m.is_official else editors,
            withdrawn if m.withdrawn else "",
            as_written(m.source),
        )

    return format_html_join(
        "\n",
        '<tr{}><td>{}</td><td><a href="{}">{}</a></td><td class="num">{}{}</td>'
        '<td>{}{}{}</td><td class="meta">{}</td></tr>',
        (row(m) for m in measurements),
    )
