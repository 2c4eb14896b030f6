"""Allies side by side: the league table (any indicator and year, sorted by it, by score
or by overdue count, with a sparkline) and two or three allies compared."""

import pytest

from commitments.charts import sparkline
from commitments.league import sort_standings

pytestmark = pytest.mark.django_db


def order(client, **query):
    response = client.get("/allies/", query)
    assert response.status_code == 200
    return [s.ally.iso3 for s in response.context["standings"]], response


def test_the_league_sorts_by_figure_score_and_overdue_count(client, today):
    today("2026-12-01")
    by_value, response = order(
        client, indicator="defence-expenditure-gdp", year="2024", sort="value"
    )
    assert by_value[0] == "POL" and by_value[-1] == "ISL"  # 4.12 % first, no figure last
    assert response.context["table"].year == 2024
    by_2023, _response = order(
        client, indicator="defence-expenditure-gdp", year="2023", sort="value"
    )
    assert by_2023.index("SWE") > by_2023.index("BEL")  # not a member in 2023: no figure
    by_score, response = order(client, sort="score")
    standings = {s.ally.iso3: s for s in response.context["standings"]}
    assert standings["POL"].average == 1 and standings["ESP"].average == -1
    assert standings["SWE"].average is None and by_score[-1] in {"SWE", "ISL"}
    by_overdue, response = order(client, sort="overdue")
    standings = {s.ally.iso3: s for s in response.context["standings"]}
    assert standings["ESP"].overdue_count == 1  # Wales 2 %: missed, awaiting a verdict
    assert standings["POL"].overdue_count == 0  # met it
    assert standings["FIN"].overdue_count == 0  # joined after Wales
    assert by_overdue[0] in {s for s, st in standings.items() if st.overdue_count == 1}
    equipment, response = order(client, indicator="major-equipment-share", sort="value")
    assert equipment[0] == "ALB" and response.context["table"].indicator.slug == (
        "major-equipment-share"
    )
    html = response.content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="sparkline"') == 9


def test_an_unknown_sort_falls_back_to_names():
    assert sort_standings([], "nonsense") == ([], "name")


def test_the_sparkline_breaks_on_missing_years_and_names_every_figure():
    from decimal import Decimal

    svg = sparkline(
        [(2022, Decimal("1.5")), (2023, None), (2024, Decimal("2.1")), (2025, Decimal("2.3"))],
        target=Decimal("2"),
        unit="pct_gdp",
    )
    assert svg.count("<polyline") == 1 and 'class="target"' in svg
    assert "2023: no data" in svg and "2025: 2.30%" in svg
    assert sparkline([(2024, None)], target=None, unit="") == ""


def test_two_or_three_allies_compare_side_by_side(client, today):
    today("2026-12-01")
    response = client.get("/allies/compare/", {"allies": ["pol", "esp", "fin"]})
    assert [s.ally.iso3 for s in response.context["table"].standings] == ["POL", "ESP", "FIN"]
    rows = {c.slug: cells for c, cells in response.context["rows"]}
    wales = rows["wales-2014-defence-investment-pledge"]
    assert wales[0][0].value == 1 and wales[1][0].value == -1
    assert wales[2][0].reason == "joined_after"
    html = response.content.decode()
    assert "(counted with the later one)" in html
    one = client.get("/allies/compare/", {"allies": ["pol", "pol"]})
    assert "table" not in one.context and "Choose at least two different allies" in (
        one.content.decode()
    )
