"""Charts drawn on the server as SVG, readable without JavaScript (pure functions).

Every label is escaped; each chart carries a <title> and a <desc> for screen readers,
and every bar its own <title> (a tooltip in browsers).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments.figures import figure
from nato_tracker.languages import colon


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None  # None: no figure
    estimate: bool = False
    meets: bool | None = None
    note: str = ""  # shown instead of the value when there is none


def ally_values_chart(bars: list[Bar], *, target: Decimal | None, unit: str, title: str) -> str:
    """Horizontal bars, one per ally, highest first, against a dashed target line.

    Allies without a figure are listed last, with their note ("no data") instead of a bar.
    """
    measured = sorted(
        (bar for bar in bars if bar.value is not None),
        key=lambda bar: (-(bar.value or 0), bar.label),
    )
    missing = [bar for bar in bars if bar.value is None]
    rows = measured + missing
    label_width, plot_width, value_width = 150, 470, 70
    row_height, top, bottom = 18, 34, 24
    width = label_width + plot_width + value_width
    height = top + row_height * len(rows) + bottom
    highest = max([bar.value or 0 for bar in measured] + ([target] if target is not None else []))
    scale_max = float(highest) * 1.08 if highest else 1.0

    def x(value) -> float:
        return label_width + plot_width * float(value) / scale_max

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="chart-allies-title">',
        f'<title id="chart-allies-title">{escape(title)}</title>',
        f"<desc>{escape(_describe_bars(measured, missing, target, unit))}</desc>",
        f'<line class="axis" x1="{label_width}" y1="{top - 6}" x2="{label_width}" '
        f'y2="{height - bottom + 4}"/>',
    ]
    for index, bar in enumerate(rows):
        y = top + index * row_height
        middle = y + row_height / 2 + 4
        parts.append(
            f'<text class="label" x="{label_width - 8}" y="{middle}" '
            f'text-anchor="end">{escape(bar.label)}</text>'
        )
        if bar.value is None:
            parts.append(
                f'<text class="nodata" x="{label_width + 6}" y="{middle}">'
                f"{escape(bar.note or _('no data'))}</text>"
            )
            continue
        kind = "meets" if bar.meets else "misses" if bar.meets is False else "neutral"
        estimate = " estimate" if bar.estimate else ""
        value_text = figure(bar.value, unit) + (" e" if bar.estimate else "")
        parts.append(
            f'<rect class="hbar {kind}{estimate}" x="{label_width}" y="{y + 3}" '
            f'width="{x(bar.value) - label_width:.1f}" height="{row_height - 6}">'
            f"<title>{escape(bar.label)}{colon()} {escape(value_text)}</title></rect>"
        )
        parts.append(
            f'<text class="value" x="{x(bar.value) + 4:.1f}" y="{middle}">'
            f"{escape(value_text)}</text>"
        )
    if target is not None:
        target_x = x(target)
        parts.append(
            f'<line class="target" x1="{target_x:.1f}" y1="{top - 10}" x2="{target_x:.1f}" '
            f'y2="{height - bottom + 4}"/>'
        )
        parts.append(
            f'<text class="target-label" x="{target_x:.1f}" y="{top - 14}" '
            f'text-anchor="middle">{escape(_("target"))} {escape(figure(target, unit))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _describe_bars(measured, missing, target, unit) -> str:
    text = ", ".join(f"{bar.label} {figure(bar.value, unit)}" for bar in measured)
    if target is not None:
        text = _("Target %(target)s. ") % {"target": figure(target, unit)} + text
    if missing:
        text += ". " + _("No figure: %(allies)s") % {
            "allies": ", ".join(bar.label for bar in missing)
        }
    return text


@dataclass(frozen=True)
class Column:
    year: int
    meeting: int
    members: int
    with_data: int | None = None  # None: every member has a figure

    @property
    def measured(self) -> int:
        return self.members if self.with_data is None else self.with_data


def meeting_over_years_chart(columns: list[Column], *, title: str) -> str:
    """One column per year in three bands: allies meeting the target, allies with a
    figure that do not, and allies without a figure (never counted as missing it)."""
    column_width, gap, left, top, bottom, plot_height = 70, 30, 40, 28, 30, 180
    width = left + len(columns) * (column_width + gap) + gap
    height = top + plot_height + bottom
    most = max([column.members for column in columns] + [1])

    def y(count) -> float:
        return top + plot_height - plot_height * count / most

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="chart-years-title">',
        f'<title id="chart-years-title">{escape(title)}</title>',
        "<desc>" + escape(", ".join(_describe_column(c) for c in columns)) + "</desc>",
        f'<line class="axis" x1="{left}" y1="{top + plot_height}" x2="{width - gap / 2}" '
        f'y2="{top + plot_height}"/>',
    ]
    for index, column in enumerate(columns):
        x = left + gap + index * (column_width + gap)
        bands = (
            ("meets", 0, column.meeting),
            ("misses", column.meeting, column.measured),
            ("nofigure", column.measured, column.members),
        )
        for kind, low, high in bands:
            if high <= low:
                continue
            parts.append(
                f'<rect class="col {kind}" x="{x}" y="{y(high):.1f}" width="{column_width}" '
                f'height="{y(low) - y(high):.1f}"><title>{escape(_describe_column(column))}'
                "</title></rect>"
            )
        parts.append(
            f'<text class="value" x="{x + column_width / 2}" y="{y(column.members) - 6:.1f}" '
            f'text-anchor="middle">{column.meeting} / {column.measured}</text>'
        )
        parts.append(
            f'<text class="label" x="{x + column_width / 2}" y="{top + plot_height + 18}" '
            f'text-anchor="middle">{column.year}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _describe_column(column: Column) -> str:
    text = _("%(year)s: %(meeting)s of %(members)s") % {
        "year": column.year,
        "meeting": column.meeting,
        "members": column.measured,
    }
    missing = column.members - column.measured
    if missing:
        text += " " + ngettext(
            "(%(count)s without a figure)", "(%(count)s without a figure)", missing
        ) % {"count": missing}
    return text


def sparkline(
    points: list[tuple[int, Decimal | None]], *, target: Decimal | None, unit: str
) -> str:
    """A small line of one ally's figures over the years, with the target dashed.

    Years without a figure break the line; the last figure is a dot. Labelled for
    screen readers with every figure.
    """
    width, height, pad = 96, 24, 3
    values = [value for _year, value in points if value is not None]
    if not values:
        return ""
    top = max(values + ([target] if target is not None else []))
    bottom = min(values + ([target] if target is not None else []))
    span = float(top - bottom) or 1.0
    step = (width - 2 * pad) / max(len(points) - 1, 1)

    def xy(index, value):
        y = height - pad - (height - 2 * pad) * float(value - bottom) / span
        return f"{pad + index * step:.1f},{y:.1f}"

    label = ", ".join(
        f"{year}{colon()} {figure(value, unit) if value is not None else _('no data')}"
        for year, value in points
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    if target is not None:
        y = xy(0, target).split(",")[1]
        parts.append(f'<line class="target" x1="0" y1="{y}" x2="{width}" y2="{y}"/>')
    run: list[str] = []
    for index, (_year, value) in enumerate(points + [(0, None)]):
        if value is not None:
            run.append(xy(index, value))
            continue
        if len(run) > 1:
            parts.append(f'<polyline class="line" points="{" ".join(run)}"/>')
        run = []
    last_index, last = max(
        ((i, v) for i, (_y, v) in enumerate(points) if v is not None), key=lambda p: p[0]
    )
    x, y = xy(last_index, last).split(",")
    parts.append(f'<circle class="dot" cx="{x}" cy="{y}" r="2.2"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal | None  # None: no figure that year
    estimate: bool = False


def trend_chart(
    points: list[Point], *, target: Decimal | None, unit: str, title: str, chart_id: str
) -> str:
    """One ally's full series as a line: years on x, values on y, the target dashed.

    A year without a figure breaks the line and is marked on the axis; an estimate is a
    hollow dot. The picture scales to its box (viewBox, no fixed width). Screen readers
    get its <title> and a <desc> listing every figure; the page gives the same figures
    as a table beside it.
    """
    width, height = 300, 150
    left, right, top, bottom = 44, 12, 14, 26
    values = [p.value for p in points if p.value is not None]
    if not values:
        return ""
    scale = values + ([target] if target is not None else [])
    low, high = float(min(scale + [Decimal(0)])), float(max(scale))
    high = high * 1.1 if high > 0 else 1.0
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)

    def x(index: int) -> float:
        return left + (index * step if len(points) > 1 else plot_w / 2)

    def y(value) -> float:
        return top + plot_h - plot_h * (float(value) - low) / ((high - low) or 1.0)

    describe = ", ".join(
        f"{p.year}{colon()} "
        + (
            figure(p.value, unit) + (" " + _("(estimate)") if p.estimate else "")
            if p.value is not None
            else _("no figure")
        )
        for p in points
    )
    if target is not None:
        describe = _("Target %(target)s. ") % {"target": figure(target, unit)} + describe
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart trend" viewBox="0 0 {width} '
        f'{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(describe)}</desc>',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}"/>',
        f'<text class="label" x="{left - 4}" y="{top + 4}" text-anchor="end">'
        f"{escape(figure(Decimal(str(round(high, 2))), unit))}</text>",
        f'<text class="label" x="{left - 4}" y="{top + plot_h}" text-anchor="end">'
        f"{escape(figure(Decimal(str(round(low, 2))), unit))}</text>",
    ]
    if target is not None:
        parts.append(
            f'<line class="target" x1="{left}" y1="{y(target):.1f}" x2="{width - right}" '
            f'y2="{y(target):.1f}"><title>{escape(_("target"))} '
            f"{escape(figure(target, unit))}</title></line>"
        )
    label_every = max(1, round(len(points) / 6))
    run: list[str] = []
    for index, point in enumerate(points):
        if index % label_every == 0 or index == len(points) - 1:
            parts.append(
                f'<text class="label" x="{x(index):.1f}" y="{height - 8}" '
                f'text-anchor="middle">{point.year}</text>'
            )
        if point.value is None:
            parts.append(
                f'<text class="nodata" x="{x(index):.1f}" y="{top + plot_h - 4}" '
                f'text-anchor="middle">–</text>'
            )
            if len(run) > 1:
                parts.append(f'<polyline class="line" points="{" ".join(run)}"/>')
            run = []
            continue
        run.append(f"{x(index):.1f},{y(point.value):.1f}")
    if len(run) > 1:
        parts.append(f'<polyline class="line" points="{" ".join(run)}"/>')
    for index, point in enumerate(points):
        if point.value is None:
            continue
        kind = "dot estimate" if point.estimate else "dot"
        text = figure(point.value, unit) + (" e" if point.estimate else "")
        parts.append(
            f'<circle class="{kind}" cx="{x(index):.1f}" cy="{y(point.value):.1f}" r="3.2">'
            f"<title>{point.year}{colon()} {escape(text)}</title></circle>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
