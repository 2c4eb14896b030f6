"""The allies on a tile grid: one square each, laid out roughly by geography, coloured by
a shade (against a target, or a band of values), drawn as SVG on the server.

Reads: nothing (pure functions of what they are given). Writes: nothing.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from nato_tracker.languages import colon

# Column and row of each ally: North America on the left, the Nordics on top, the
# Baltics on the right, the Balkans and Türkiye at the bottom.
TILES: dict[str, tuple[int, int]] = {
    "ISL": (1, 0),
    "NOR": (5, 0),
    "SWE": (6, 0),
    "FIN": (7, 0),
    "CAN": (0, 1),
    "GBR": (3, 1),
    "DNK": (5, 1),
    "EST": (7, 1),
    "USA": (0, 2),
    "BEL": (3, 2),
    "NLD": (4, 2),
    "DEU": (5, 2),
    "POL": (6, 2),
    "LVA": (7, 2),
    "FRA": (3, 3),
    "LUX": (4, 3),
    "CZE": (5, 3),
    "SVK": (6, 3),
    "LTU": (7, 3),
    "PRT": (1, 4),
    "ESP": (2, 4),
    "ITA": (4, 4),
    "SVN": (5, 4),
    "HUN": (6, 4),
    "ROU": (7, 4),
    "HRV": (5, 5),
    "MNE": (6, 5),
    "BGR": (7, 5),
    "TUR": (8, 5),
    "ALB": (5, 6),
    "MKD": (6, 6),
    "GRC": (7, 6),
}

# The shades a tile can take: against a target, by band of value (0 lowest), or none.
TARGET_SHADES = ("meets", "misses")
BANDS = 5
VALUE_SHADES = tuple(f"band-{band}" for band in range(BANDS))
NO_DATA = "nodata"


@dataclass(frozen=True)
class Tile:
    code: str  # the ally's ISO 3166 alpha-3 code, written on its square
    name: str
    shade: str  # one of TARGET_SHADES, VALUE_SHADES or NO_DATA
    label: str = ""  # the figure written under the code ("2.1%"), or nothing


def layout(codes: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The column and row of each code: its place in TILES, or for an ally the grid does
    not know (a new member), the next free place of a row under the grid."""
    places = {}
    extra_row = max(row for _column, row in TILES.values()) + 1
    column = 0
    for code in codes:
        if code in TILES:
            places[code] = TILES[code]
        else:
            places[code] = (column, extra_row)
            column += 1
    return places


def band_of(value: Decimal, low: Decimal, high: Decimal) -> str:
    """The band of `value` between the lowest and highest figure, in BANDS equal steps."""
    if high <= low:
        return VALUE_SHADES[BANDS // 2]
    step = (high - low) / BANDS
    return VALUE_SHADES[min(int((value - low) / step), BANDS - 1)]


def band_edges(low: Decimal, high: Decimal) -> list[tuple[Decimal, Decimal]]:
    """The (from, to) figures of each band, for the legend."""
    step = (high - low) / BANDS
    return [(low + step * band, low + step * (band + 1)) for band in range(BANDS)]


def tile_svg(tiles: Sequence[Tile], *, title: str, size: int = 54, gap: int = 4) -> str:
    """The map as an SVG image: one labelled square per tile, its name in a tooltip and
    the whole map titled for screen readers (the page gives the table as well). The
    grid spans every place in TILES, and a row more for allies it does not know."""
    places = layout(tile.code for tile in tiles)
    # The whole grid, whoever is drawn: the map keeps its shape.
    spots = [*TILES.values(), *places.values()]
    columns = max(column for column, _row in spots) + 1
    rows = max(row for _column, row in spots) + 1
    pitch = size + gap
    width, height = columns * pitch - gap, rows * pitch - gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tilemap" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-labelledby="tilemap-title">',
        f'<title id="tilemap-title">{escape(title)}</title>',
    ]
    for tile in tiles:
        column, row = places[tile.code]
        x, y = column * pitch, row * pitch
        tooltip = f"{tile.name}{colon()} {tile.label}" if tile.label else tile.name
        parts.append(
            f'<g class="tile {escape(tile.shade)}"><title>{escape(tooltip)}</title>'
            f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="4"/>'
            f'<text class="code" x="{x + size / 2:g}" y="{y + size * 0.45:g}">'
            f"{escape(tile.code)}</text>"
        )
        if tile.label:
            parts.append(
                f'<text class="figure" x="{x + size / 2:g}" y="{y + size * 0.78:g}">'
                f"{escape(tile.label)}</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
