"""How verdicts are made and how allies compare: the methodology page, the allies'
league table, two or three allies side by side."""

from django.db.models import Count
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nato_tracker.languages import sort_key

from . import charts, tilemap
from .figures import figure
from .league import league, sort_standings
from .models import Ally, AssessmentRule, Commitment
from .scoring import describe_rule, rule_for


def methodology(request):
    rules = [
        (rule.commitment, describe_rule(rule.commitment, rule_for(rule.commitment)))
        for rule in AssessmentRule.objects.select_related(
            "commitment__summit", "commitment__indicator"
        ).order_by("commitment__summit__started_on", "commitment__pk")
    ]
    counts = dict(
        Commitment.objects.confirmed()
        .order_by()
        .values_list("basis")
        .annotate(n=Count("pk"))
        .values_list("basis", "n")
    )
    bases = [(value, label, counts.get(value, 0)) for value, label in Commitment.Basis.choices]
    return render(
        request,
        "commitments/methodology.html",
        {
            "rules": rules,
            "bases": bases,
            "statuses": Commitment.Status.choices,
            "rejected": Commitment.objects.filter(review=Commitment.Review.REJECTED).count(),
        },
    )


def ally_list(request):
    """The league table: every ally with its average score, its overdue commitments and
    its figures of one indicator (?indicator=, ?year=), sortable (?sort=)."""
    table = league(
        indicator_slug=request.GET.get("indicator", ""), year=request.GET.get("year", "")
    )
    standings, sort = sort_standings(table.standings, request.GET.get("sort", "name"))
    unit = table.indicator.unit if table.indicator else ""
    target = _target_of(table)
    for standing in standings:
        standing.sparkline = charts.sparkline(standing.series, target=target, unit=unit)
    return render(
        request,
        "commitments/ally_list.html",
        {"table": table, "standings": standings, "sort": sort, "unit": unit},
    )


def ally_map(request):
    """The allies on a tile grid for one indicator and year (?indicator=, ?year=),
    coloured against the target (?colour=target) or by band of value (?colour=value),
    with the same figures in a table."""
    table = league(
        indicator_slug=request.GET.get("indicator", ""), year=request.GET.get("year", "")
    )
    unit = table.indicator.unit if table.indicator else ""
    target = _target_commitment(table)
    colour = request.GET.get("colour", "")
    if colour not in ("target", "value"):
        colour = "target" if target else "value"
    if target is None:
        colour = "value"
    values = [s.value for s in table.standings if s.value is not None]
    low, high = (min(values), max(values)) if values else (None, None)
    standings = sorted(table.standings, key=lambda s: sort_key(s.ally.name))
    tiles = []
    for standing in standings:
        if standing.value is None:
            shade = tilemap.NO_DATA
        elif colour == "target":
            shade = "meets" if target.meets(standing.value) else "misses"
        else:
            shade = tilemap.band_of(standing.value, low, high)
        standing.shade = shade
        label = figure(standing.value, unit) if standing.value is not None else ""
        tiles.append(tilemap.Tile(standing.ally.iso3, str(standing.ally.name), shade, label))
    title = f"{table.indicator.local_name}, {table.year}" if table.indicator else ""
    legend = []
    if colour == "target":
        legend = [("meets", _("meets the target")), ("misses", _("below the target"))]
    elif values:
        legend = [
            (shade, f"{figure(start, unit)} – {figure(end, unit)}")
            for shade, (start, end) in zip(
                tilemap.VALUE_SHADES, tilemap.band_edges(low, high), strict=True
            )
        ]
    legend.append((tilemap.NO_DATA, _("no figure")))
    return render(
        request,
        "commitments/ally_map.html",
        {
            "table": table,
            "standings": standings,
            "unit": unit,
            "target": target,
            "colour": colour,
            "legend": legend,
            "svg": mark_safe(tilemap.tile_svg(tiles, title=title)),  # noqa: S308 (escaped)
        },
    )


def _target_commitment(table):
    """The latest measured commitment on the chosen indicator, if any."""
    if table.indicator is None:
        return None
    on_it = [c for c in table.commitments if c.indicator_id == table.indicator.pk]
    return on_it[-1] if on_it else None


def _target_of(table):
    """The target of the latest measured commitment on the chosen indicator, if any."""
    commitment = _target_commitment(table)
    return commitment.target_value if commitment else None


def ally_compare(request):
    """Two or three allies side by side: ?allies=pol&allies=fra[&allies=deu]."""
    codes = [code.upper() for code in request.GET.getlist("allies") if code][:3]
    everyone = sorted(Ally.objects.all(), key=lambda ally: sort_key(ally.name))
    by_code = {ally.iso3: ally for ally in everyone}
    chosen = []
    for code in codes:
        if code in by_code and by_code[code] not in chosen:
            chosen.append(by_code[code])
    codes = [a.iso3 for a in chosen] + ["", "", ""]
    context = {"everyone": everyone, "chosen": chosen, "slots": list(enumerate(codes[:3], 1))}
    if len(chosen) >= 2:
        table = league(
            indicator_slug=request.GET.get("indicator", ""),
            year=request.GET.get("year", ""),
            allies=chosen,
        )
        rows = []
        for commitment in table.commitments:
            cells = []
            for standing in table.standings:
                found = next((s for c, s in standing.scores if c.pk == commitment.pk), None)
                cells.append((found, commitment.pk in standing.counted))
            rows.append((commitment, cells))
        unit = table.indicator.unit if table.indicator else ""
        target = _target_of(table)
        for standing in table.standings:
            standing.sparkline = charts.sparkline(standing.series, target=target, unit=unit)
        context.update({"table": table, "rows": rows, "unit": unit})
    return render(request, "commitments/ally_compare.html", context)
