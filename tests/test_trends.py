"""Trend charts: each ally's full series as an SVG line, drawn on the server."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from commitments.charts import Point, trend_chart

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def chart(points, target=Decimal("2")):
    return trend_chart(points, target=target, unit="pct_gdp", title="Poland <&>", chart_id="t")


def test_the_line_joins_the_years_marks_estimates_and_draws_the_target():
    svg = ET.fromstring(
        chart(
            [
                Point(2014, Decimal("1.85")),
                Point(2015, Decimal("2.22")),
                Point(2016, Decimal("2.00"), estimate=True),
            ]
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "t-title t-desc"
    assert svg.find(f"{SVG}title").text == "Poland <&>"
    desc = svg.find(f"{SVG}desc").text
    assert desc == "Target 2.00%. 2014: 1.85%, 2015: 2.22%, 2016: 2.00% (estimate)"
    lines = svg.findall(f"{SVG}polyline")
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 3
    dots = svg.findall(f"{SVG}circle")
    assert [dot.get("class") for dot in dots] == ["dot", "dot", "dot estimate"]
    assert len(svg.findall(f"{SVG}line[@class='target']")) == 1
    years = [t.text for t in svg.findall(f"{SVG}text[@class='label']")]
    assert "2014" in years and "2016" in years
    # No fixed size: the picture takes its box's width (390 px phones included).
    assert svg.get("width") is None and svg.get("viewBox") == "0 0 300 150"


def test_a_year_without_a_figure_breaks_the_line():
    svg = ET.fromstring(
        chart(
            [
                Point(2020, Decimal("1")),
                Point(2021, Decimal("1.2")),
                Point(2022, None),
                Point(2023, Decimal("1.5")),
                Point(2024, Decimal("1.7")),
            ]
        )
    )
    assert len(svg.findall(f"{SVG}polyline")) == 2
    assert "2022: no figure" in svg.find(f"{SVG}desc").text
    assert len(svg.findall(f"{SVG}circle")) == 4


def test_higher_values_are_drawn_higher():
    svg = ET.fromstring(chart([Point(2023, Decimal("1")), Point(2024, Decimal("3"))], None))
    first, second = svg.findall(f"{SVG}circle")
    assert float(second.get("cy")) < float(first.get("cy"))
    assert svg.find(f"{SVG}line[@class='target']") is None


def test_no_figure_no_chart():
    assert chart([Point(2024, None)]) == ""


def test_the_commitment_and_ally_pages_show_a_trend_per_ally(client):
    page = client.get("/commitments/vilnius-2023-defence-spending-2-pct-gdp/").content.decode()
    assert page.count('class="chart trend"') == 31  # every ally with a figure; Iceland has none
    assert 'id="trend-pol-title"' in page
    assert "The figures as a table" in page
    ally = client.get("/allies/pol/").content.decode()
    assert ally.count('class="chart trend"') == 1  # one per indicator: the 2 % of GDP
    assert "Poland: Defence expenditure as a share of GDP, 2023–2024" in ally
