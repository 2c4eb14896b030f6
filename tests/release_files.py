"""NATO's yearly release of defence expenditure, built for the tests in its shape: a
cover sheet, then one sheet per table with title rows above the header row of years,
the allies under NATO's names (some with footnote marks), the aggregates, footnotes.

The 2023 and 2024 shares of GDP and the 2024 equipment shares are those of the seed
data (fixtures/sources). Every other figure here is TEST DATA, made up from them by the
formulas below so that each year has a value: it is not NATO's.
"""

import csv
import io
from decimal import Decimal
from pathlib import Path

from commitments.progress_data import parse_allies, parse_measurements

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
YEARS = list(range(2014, 2026))  # 2014 … 2025, 2025 marked as estimates

# NATO's own spellings (and footnote marks) where they differ from the tracker's names.
NATO_NAMES = {
    "CZE": "Czechia",
    "TUR": "Türkiye",
    "SVK": "Slovak Republic",
    "MKD": "North Macedonia",
    "GBR": "United Kingdom",
    "NLD": "Netherlands¹",
    "FRA": "France (a)",
    "USA": "United States",
}


def seed_figures(name: str) -> dict[tuple[str, int], Decimal]:
    rows = parse_measurements((SOURCES / name).read_text(encoding="utf-8"))
    return {(row.iso3, row.year): row.value for row in rows}


def allies() -> list[tuple[str, str]]:
    """(ISO code, NATO's name) in NATO's order (alphabetical in English)."""
    found = parse_allies((SOURCES / "allies.csv").read_text(encoding="utf-8"))
    return sorted(((a.iso3, NATO_NAMES.get(a.iso3, a.name_en)) for a in found), key=lambda a: a[1])


def test_share(base: Decimal, year: int) -> Decimal:
    """TEST DATA: a made-up share for a year the seed data does not have."""
    return (base + Decimal("0.05") * (year - 2024)).quantize(Decimal("0.01"))


def table_rows(values: dict[tuple[str, int], Decimal | None]) -> list[list]:
    rows = []
    for iso3, name in allies():
        rows.append([name, *[values.get((iso3, year)) for year in YEARS]])
    return rows


def gdp_shares(revised=None) -> dict:
    seed = seed_figures("defence-expenditure-gdp.csv")
    values: dict = {}
    for (iso3, year), value in seed.items():
        values[(iso3, year)] = value
    for iso3, _name in allies():
        base = seed.get((iso3, 2024))
        if base is None:
            continue  # no figure (Iceland): blank in every year
        for year in YEARS:
            values.setdefault((iso3, year), test_share(base, year))
    values.update(revised or {})
    return values


def equipment_shares(revised=None) -> dict:
    values: dict = dict(seed_figures("major-equipment-share.csv"))
    values.update(revised or {})
    return values


def usd_values(revised=None) -> dict:
    """TEST DATA: made-up amounts in million US dollars."""
    values: dict = {}
    for position, (iso3, _name) in enumerate(allies()):
        for year in YEARS:
            values[(iso3, year)] = Decimal(1000 + 250 * position + 10 * (year - 2014))
    values.update(revised or {})
    return values


def header() -> list:
    return ["", *YEARS[:-1], f"{YEARS[-1]}e"]


def aggregates(values: dict, europe: str, total: str) -> list[list]:
    """TEST DATA: the aggregate rows, made up from a base value for 2014."""
    rows = []
    for code, name, base in (("europe_canada", "NATO Europe and Canada", europe),
                             ("nato_total", "NATO Total", total)):  # fmt: skip
        step = Decimal(base) / 100
        rows.append([name, *[values.get((code, y), Decimal(base) + step * (y - 2014))
                             for y in YEARS]])  # fmt: skip
    return rows


def release_sheets(
    *, gdp=None, equipment=None, usd=None, skip=(), extra_rows=()
) -> list[tuple[str, list[list]]]:
    """The sheets of a release: (name, rows). `gdp`, `equipment`, `usd`: figures that
    differ from the defaults ({(iso3, year): value}); `skip`: tables left out
    ("gdp", "equipment", "usd"); `extra_rows`: rows added to the share of GDP table."""
    cover = [
        ["North Atlantic Treaty Organization"],
        [f"Defence Expenditure of NATO Countries (2014-{YEARS[-1]})"],
        ["Communiqué PR/CP(2025)000 (test file)"],
    ]
    sheets = [("Cover", cover)]
    if "usd" not in skip:
        current = usd_values(usd)
        constant = {key: value * 2 for key, value in current.items()}
        sheets.append(("Table 2", [
            ["Table 2: Defence expenditure"], ["(million US dollars)"], [],
            ["Current prices and exchange rates"], header(), *table_rows(current),
            *aggregates(current, "300000", "1000000"), [],
            ["Constant 2021 prices and exchange rates"], header(), *table_rows(constant), [],
            ["Notes: figures for 2025 are estimates."],
        ]))  # fmt: skip
    if "gdp" not in skip:
        shares = gdp_shares(gdp)
        sheets.append(("Table 3", [
            ["Table 3: Defence expenditure as a share of GDP and annual real change"],
            ["(based on 2021 prices and exchange rates)"], [],
            ["Share of real GDP (%)"], header(), *table_rows(shares), *extra_rows, [],
            *aggregates(shares, "1.50", "2.40"), [],
            ["¹ The Netherlands' figures include pensions paid to retired military staff."],
            ["(a) France: figures exclude pensions."],
            ["Source: national ministries of defence (test file)."],
        ]))  # fmt: skip
    if "equipment" not in skip:
        sheets.append(("Table 8", [
            ["Table 8: Distribution of defence expenditure by main category"],
            ["(percentage of total defence expenditure)"], [],
            ["Equipment (a)"], header(), *table_rows(equipment_shares(equipment)),
            *aggregates(equipment_shares(equipment), "20", "25"), [],
            ["Personnel (b)"], header(), *table_rows({k: Decimal(40) for k in usd_values()}),
            [], ["(a) Equipment expenditure includes research and development."],
            ["(b) Personnel expenditure includes pensions."],
        ]))  # fmt: skip
    return sheets


def workbook(**options) -> bytes:
    """The release as an Excel workbook, built with openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in release_sheets(**options):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([float(c) if isinstance(c, Decimal) else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file(*, delimiter=",", decimal=".", **options) -> bytes:
    """The release as one CSV file: the sheets one after the other."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for _name, rows in release_sheets(**options):
        for row in rows:
            writer.writerow(
                ["" if c is None else str(c).replace(".", decimal) if isinstance(c, Decimal)
                 else c for c in row]
            )  # fmt: skip
    return out.getvalue().encode("utf-8")
