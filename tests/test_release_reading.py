"""Reading NATO's release (pure functions, no database): the name variants, the header
row of years, the tables by their titles, the figures, and every refusal."""

from decimal import Decimal

import pytest

from commitments.releases import ReleaseError
from commitments.releases.names import AGGREGATE_NAMES, ALLY_NAMES, fold, match_name
from commitments.releases.sheets import Sheet, read_sheets
from commitments.releases.tables import (
    classify,
    header_columns,
    parse_release,
    parse_value,
    year_of,
)
from tests import release_files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Czechia", ("ally", "CZE")),
        ("Czech Republic", ("ally", "CZE")),
        ("République tchèque", ("ally", "CZE")),
        ("Türkiye", ("ally", "TUR")),
        ("Turkiye", ("ally", "TUR")),
        ("Turkey", ("ally", "TUR")),
        ("Turquie", ("ally", "TUR")),
        ("Slovak Republic", ("ally", "SVK")),
        ("Slovaquie", ("ally", "SVK")),
        ("North Macedonia", ("ally", "MKD")),
        ("Macédoine du Nord", ("ally", "MKD")),
        ("United Kingdom", ("ally", "GBR")),
        ("Royaume-Uni", ("ally", "GBR")),
        ("Royaume - Uni", ("ally", "GBR")),
        ("Netherlands¹", ("ally", "NLD")),
        ("The Netherlands", ("ally", "NLD")),
        ("Pays-Bas", ("ally", "NLD")),
        ("France (a)", ("ally", "FRA")),
        ("Belgium (1)(2)", ("ally", "BEL")),
        ("Luxembourg ²", ("ally", "LUX")),
        ("Germany2", ("ally", "DEU")),
        ("Canada*", ("ally", "CAN")),
        ("  united   states ", ("ally", "USA")),
        ("Etats-Unis", ("ally", "USA")),
        ("NATO Europe and Canada", ("aggregate", "europe_canada")),
        ("Europe de l’OTAN et Canada", ("aggregate", "europe_canada")),
        ("NATO Total", ("aggregate", "nato_total")),
        ("NATO – Total", ("aggregate", "nato_total")),
        ("Total OTAN", ("aggregate", "nato_total")),
        ("NATO Europe", ("other", "")),
        ("Narnia", None),
        ("Macedonia", None),
        ("", None),
    ],
)
def test_names_match_through_their_variants(name, expected):
    assert match_name(name) == expected


def test_every_ally_and_aggregate_has_its_names_and_no_name_is_shared():
    assert len(ALLY_NAMES) == 32
    owners: dict[str, set] = {}
    for code, names in [*ALLY_NAMES.items(), *AGGREGATE_NAMES.items()]:
        for name in names:
            owners.setdefault(fold(name), set()).add(code)
    assert all(len(codes) == 1 for codes in owners.values())


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (2014, (2014, False)),
        (2014.0, (2014, False)),
        ("2019", (2019, False)),
        ("2025e", (2025, True)),
        ("2025 e", (2025, True)),
        ("2025E", (2025, True)),
        ("2025*", (2025, True)),
        ("2025 est.", (2025, True)),
        (2.05, None),
        ("1900", None),
        ("Canada", None),
        (None, None),
        (True, None),
    ],
)
def test_header_cells_are_read_as_years_with_their_estimate_mark(cell, expected):
    assert year_of(cell) == expected


@pytest.mark.parametrize(
    ("row", "years"),
    [
        (["", 2014, 2015, 2016, "2017e"], [2014, 2015, 2016, 2017]),
        (["Country", None, "2014", "2015", "2016"], [2014, 2015, 2016]),
        # Two blocks side by side (share, then annual change): the first is read.
        (["", 2014, 2015, 2016, 2015, 2016, 2017], [2014, 2015, 2016]),
        (["", 2014, 2016, 2018], None),
        (["", 2014, 2015], None),
        (["Poland", 1.9, 2.0, 2.1], None),
    ],
)
def test_a_header_row_is_three_consecutive_years_or_more(row, years):
    columns = header_columns(row)
    assert (columns and [c.year for c in columns]) == (years or None)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Table 3: Defence expenditure as a share of GDP and annual real change", "gdp-share"),
        ("Defence expenditure as a share of GDP (%)", "gdp-share"),
        ("Dépenses de défense en pourcentage du PIB", "gdp-share"),
        ("Table 8: Distribution by main category (% of defence expenditure) Equipment (a)",
         "equipment-share"),
        ("Equipment expenditure as a share of defence expenditure", "equipment-share"),
        ("Équipement", "equipment-share"),
        ("Personnel (b)", None),
        ("Infrastructure (c)", None),
        ("Table 2: Defence expenditure (million US dollars) Current prices and exchange rates",
         "usd"),
        ("Dépenses de défense (millions de dollars des États-Unis)", "usd"),
        ("Constant 2021 prices and exchange rates", None),
        ("Defence expenditure (million US dollars, constant 2021 prices)", None),
        ("Gross Domestic Product (billion US dollars)", None),
        ("GDP per capita and defence expenditure per capita (US dollars)", None),
        ("Defence expenditure (million national currency)", None),
        ("Annual real change (%)", None),
        ("Military personnel (thousands)", None),
    ],
)  # fmt: skip
def test_tables_are_told_apart_by_their_titles(title, kind):
    assert classify(title) == kind


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (2.0512, (Decimal("2.05"), False)),
        (2.005, (Decimal("2.01"), False)),
        (2, (Decimal("2.00"), False)),
        ("1.90", (Decimal("1.90"), False)),
        ("1,90", (Decimal("1.90"), False)),
        ("35,123.4", (Decimal("35123.40"), False)),
        ("35 123,4", (Decimal("35123.40"), False)),
        ("2.31e", (Decimal("2.31"), True)),
        ("-", (None, False)),
        ("n.a.", (None, False)),
        ("..", (None, False)),
        (None, (None, False)),
    ],
)
def test_cells_are_read_as_figures_to_two_places(cell, expected):
    assert parse_value(cell, "here") == expected


def test_a_csv_separated_by_semicolons_has_decimal_commas():
    assert parse_value("2,400", "here", decimal_comma=True) == (Decimal("2.40"), False)
    assert parse_value("2,400", "here") == (Decimal("2400.00"), False)


@pytest.mark.parametrize("cell", ["abc", "2.0.1", "-1.5", "NaN", "Infinity"])
def test_a_cell_that_is_not_a_figure_is_refused_with_its_place(cell):
    with pytest.raises(ReleaseError, match="sheet 'T', row 9, 2020"):
        parse_value(cell, "sheet 'T', row 9, 2020")


@pytest.fixture(scope="module", params=["xlsx", "csv", "csv-fr"])
def release(request):
    data = {
        "xlsx": release_files.workbook,
        "csv": release_files.csv_file,
        "csv-fr": lambda: release_files.csv_file(delimiter=";", decimal=","),
    }[request.param]()
    fmt, sheets = read_sheets(data, f"release.{request.param[:3]}")
    return fmt, parse_release(sheets, edition_year=2025)


def figures(parsed, kind, code):
    return {f.year: (f.value, f.estimate) for f in parsed.tables[kind].figures if f.code == code}


def test_the_workbook_and_its_csv_give_the_same_three_tables(release):
    fmt, parsed = release
    assert set(parsed.tables) == {"gdp-share", "equipment-share", "usd"}
    assert parsed.title == "Defence Expenditure of NATO Countries (2014-2025)"
    assert parsed.tables["gdp-share"].years == list(range(2014, 2026))
    # The constant prices and the personnel tables are found and passed over.
    assert [t.label for t in parsed.passed_over] == [
        "Constant 2021 prices and exchange rates",
        "Personnel (b)",
    ]


def test_figures_are_read_per_ally_under_natos_names_with_the_estimates_marked(release):
    _fmt, parsed = release
    poland = figures(parsed, "gdp-share", "POL")
    assert poland[2023] == (Decimal("3.92"), False)
    assert poland[2024] == (Decimal("4.12"), False)
    assert poland[2025][1] is True  # "2025e"
    assert figures(parsed, "gdp-share", "NLD")[2024][0] == Decimal("2.05")  # "Netherlands¹"
    assert figures(parsed, "gdp-share", "TUR")[2024][0] == Decimal("2.09")  # "Türkiye"
    assert figures(parsed, "gdp-share", "ISL") == {}  # no figure, not zero
    assert set(figures(parsed, "equipment-share", "ALB")) == {2024}
    assert len({f.code for f in parsed.tables["equipment-share"].figures}) == 9 + 2
    assert len({f.code for f in parsed.tables["gdp-share"].figures if not f.is_aggregate}) == 31


def test_aggregates_are_kept_as_alliance_wide_figures(release):
    _fmt, parsed = release
    for kind in ("gdp-share", "usd", "equipment-share"):
        codes = {f.code for f in parsed.tables[kind].figures if f.is_aggregate}
        assert codes == {"europe_canada", "nato_total"}
    assert figures(parsed, "gdp-share", "nato_total")[2014] == (Decimal("2.40"), False)


def sheets_of(**options):
    return [Sheet(name, rows) for name, rows in release_files.release_sheets(**options)]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"extra_rows": [["Narnia", *[1.5] * 12]]},
         r"sheet 'Table 3', row \d+: 'Narnia' is not the name of an ally"),
        ({"extra_rows": [[None, *[1.5] * 12]]},
         r"sheet 'Table 3', row \d+: figures without the name of an ally"),
        ({"extra_rows": [["Poland", *[1.5] * 12]]},
         r"sheet 'Table 3', row \d+: 'Poland' appears twice"),
        ({"gdp": {("POL", 2020): "about two"}},
         r"sheet 'Table 3', row \d+, 2020: 'about two' is not a figure"),
        ({"skip": ["equipment"]}, "Missing table.*major equipment as a share"),
        ({"skip": ["gdp", "usd"]},
         "Missing table.*share of gdp, defence expenditure in us dollars"),
    ],
)  # fmt: skip
def test_a_release_of_another_shape_is_refused_saying_where(options, message):
    with pytest.raises(ReleaseError, match=message):
        parse_release(sheets_of(**options), edition_year=2025)


def test_a_header_after_the_editions_year_is_refused():
    with pytest.raises(ReleaseError, match="the header has 2025, after the edition's year"):
        parse_release(sheets_of(), edition_year=2024)


def test_a_table_found_twice_is_refused():
    twice = sheets_of() + [("Copy", sheets_of()[2].rows)]
    with pytest.raises(ReleaseError, match="Two tables of defence expenditure as a share of gdp"):
        parse_release([Sheet(*s) if isinstance(s, tuple) else s for s in twice], edition_year=2025)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "r.xlsx", "empty"),
        (b"PK\x03\x04 not really a zip", "r.xlsx", "cannot be read as an Excel workbook"),
        (b"%PDF-1.7 ...", "r.xlsx", "named as a workbook but is not one"),
        (b"a,b\x00,c", "r.csv", "NUL bytes"),
        (b"name,value\nPoland,2\n", "r.csv", "No table with a header row of years"),
    ],
)
def test_a_file_that_is_not_a_release_is_refused(data, filename, message):
    with pytest.raises(ReleaseError, match=message):
        fmt, sheets = read_sheets(data, filename)
        parse_release(sheets, edition_year=2025)
