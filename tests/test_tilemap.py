"""The tile-grid map of the allies: its layout and its SVG (pure), and the page that shows
it with a legend and a table."""

import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from commitments.models import Ally, Commitment, Measurement
from commitments.tilemap import (
    NO_DATA,
    TILES,
    VALUE_SHADES,
    Tile,
    band_edges,
    band_of,
    layout,
    tile_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
MAP = "/allies/map/"


def test_every_ally_has_its_own_square():
    assert len(TILES) == 32
    assert len(set(TILES.values())) == 32


@pytest.mark.parametrize(
    ("west", "east"),
    [("USA", "GBR"), ("PRT", "ESP"), ("ESP", "ITA"), ("FRA", "DEU"), ("DEU", "POL")],
)
def test_west_lies_left_of_east(west, east):
    assert TILES[west][0] < TILES[east][0]


@pytest.mark.parametrize(
    ("north", "south"),
    [("NOR", "DNK"), ("DNK", "DEU"), ("EST", "LVA"), ("LVA", "LTU"), ("HUN", "HRV")],
)
def test_north_lies_above_south(north, south):
    assert TILES[north][1] < TILES[south][1]


def test_an_ally_the_grid_does_not_know_goes_under_it():
    places = layout(["POL", "XKX", "YYY"])
    bottom = max(row for _column, row in TILES.values())
    assert places["POL"] == TILES["POL"]
    assert places["XKX"] == (0, bottom + 1)
    assert places["YYY"] == (1, bottom + 1)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        ("1.0", "band-0"),
        ("1.39", "band-0"),
        ("1.4", "band-1"),
        ("2.0", "band-2"),
        ("2.9", "band-4"),
        ("3.0", "band-4"),
    ],
)
def test_values_fall_in_equal_bands(value, band):
    assert band_of(Decimal(value), Decimal("1.0"), Decimal("3.0")) == band


def test_one_figure_alone_takes_the_middle_band_and_edges_cover_the_range():
    assert band_of(Decimal("2"), Decimal("2"), Decimal("2")) == VALUE_SHADES[2]
    edges = band_edges(Decimal("1.0"), Decimal("3.0"))
    assert edges[0] == (Decimal("1.0"), Decimal("1.4"))
    assert edges[-1][1] == Decimal("3.0")
    assert all(a[1] == b[0] for a, b in zip(edges, edges[1:], strict=False))


def test_the_svg_draws_one_titled_square_per_tile():
    tiles = [
        Tile("POL", "Poland", "meets", "4.1%"),
        Tile("ESP", "Spain <España>", "misses", "1.3%"),
        Tile("ISL", "Iceland", NO_DATA),
    ]
    svg = ElementTree.fromstring(tile_svg(tiles, title="Defence spending, 2024"))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Defence spending, 2024"
    groups = svg.findall(f"{SVG}g")
    assert [g.get("class") for g in groups] == ["tile meets", "tile misses", "tile nodata"]
    assert [g.find(f"{SVG}title").text for g in groups] == [
        "Poland: 4.1%",
        "Spain <España>: 1.3%",
        "Iceland",
    ]
    poland = groups[0].find(f"{SVG}rect")
    column, row = TILES["POL"]
    assert (poland.get("x"), poland.get("y")) == (str(column * 58), str(row * 58))
    assert [t.text for t in groups[0].findall(f"{SVG}text")] == ["POL", "4.1%"]
    assert [t.text for t in groups[2].findall(f"{SVG}text")] == ["ISL"]
    # The grid's full width and height: 9 columns and 7 rows of 54 px with 4 px gaps.
    assert (svg.get("width"), svg.get("height")) == (str(9 * 58 - 4), str(7 * 58 - 4))


@pytest.mark.django_db
def test_the_map_page_colours_each_ally_against_the_target(client, django_assert_num_queries):
    with django_assert_num_queries(6):  # as the league table (tests/test_pages.py)
        response = client.get(MAP, {"indicator": "defence-expenditure-gdp", "year": "2024"})
    assert response.status_code == 200
    html = response.content.decode()
    figures = {
        m.ally.iso3: m.value
        for m in Measurement.objects.filter(
            indicator__slug="defence-expenditure-gdp", year=2024, ally__isnull=False
        ).select_related("ally")
    }
    target = (
        Commitment.objects.filter(indicator__slug="defence-expenditure-gdp")
        .exclude(target_value=None)
        .latest("summit__started_on")
    )
    tiles = re.findall(
        r'<g class="tile (\w+)"><title>[^<]*</title><rect[^>]*/><text class="code"[^>]*>(\w+)<',
        html,
    )
    shades = {code: shade for shade, code in tiles}
    assert len(tiles) == len(shades) == Ally.objects.count() == 32
    for code, shade in shades.items():
        if code not in figures:
            assert shade == NO_DATA, code
        else:
            assert shade == ("meets" if target.meets(figures[code]) else "misses"), code
    assert list(shades.values()).count("meets") == 23
    # The text alternative: one row per ally, and the legend.
    assert html.count('<tr class="ally-row">') == 32
    assert 'class="map-legend"' in html


@pytest.mark.django_db
def test_the_map_page_colours_by_value_and_refuses_nothing(client):
    html = client.get(
        MAP, {"indicator": "defence-expenditure-gdp", "year": "2024", "colour": "value"}
    ).content.decode()
    used = set(re.findall(r'<g class="tile ([\w-]+)">', html))
    assert used <= set(VALUE_SHADES) | {NO_DATA}
    assert {"band-0", "band-4"} <= used
    # Unknown choices fall back to the defaults, never a 500.
    odd = client.get(MAP, {"indicator": "nothing", "year": "x", "colour": "purple"})
    assert odd.status_code == 200
    assert odd.content.decode().count('<g class="tile ') == 32
