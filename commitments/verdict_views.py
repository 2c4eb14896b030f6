"""How verdicts are made and how allies compare: the methodology page, the allies'
league table, two or three allies side by side."""

from django.db.models import Count
from django.shortcuts import render

from nato_tracker.languages import sort_key

from . import charts
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


def _target_of(table):
    """The target of the latest measured commitment on the chosen indicator, if any."""
    if table.indicator is None:
        return None
    on_it = [c for c in table.commitments if c.indicator_id == table.indicator.pk]
    return on_it[-1].target_value if on_it else None


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
