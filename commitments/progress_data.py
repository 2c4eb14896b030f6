"""Reading allies and progress figures from CSV files: pure functions, no database.

The files are NATO's figures as republished (see fixtures/sources/); a later edition
uses the same columns and loads beside the earlier ones.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from .models import validate_edition

ALLY_COLUMNS = ("iso3", "name_en", "name_fr", "joined")
MEASUREMENT_COLUMNS = ("iso3", "year", "value", "estimate", "edition", "source")


class DataFileError(ValueError):
    """A data file that cannot be loaded; the message names the line and the problem."""


@dataclass(frozen=True)
class AllyRow:
    iso3: str
    name_en: str
    name_fr: str
    joined_on: date


@dataclass(frozen=True)
class MeasurementRow:
    iso3: str
    year: int
    value: Decimal
    estimate: bool
    edition: str
    source: str


def _rows(text: str, columns: tuple[str, ...]):
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [column for column in columns if column not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(f"Missing column(s): {', '.join(missing)}.")
    for line, row in enumerate(reader, start=2):
        if not any((value or "").strip() for value in row.values()):
            continue
        yield line, {key: (row[key] or "").strip() for key in columns}


def parse_allies(text: str) -> list[AllyRow]:
    allies = []
    for line, row in _rows(text, ALLY_COLUMNS):
        try:
            joined_on = date.fromisoformat(row["joined"])
        except ValueError as error:
            raise DataFileError(f"Line {line}: {row['joined']!r} is not a date.") from error
        if len(row["iso3"]) != 3 or not row["iso3"].isalpha():
            raise DataFileError(f"Line {line}: {row['iso3']!r} is not an ISO 3166 alpha-3 code.")
        allies.append(AllyRow(row["iso3"].upper(), row["name_en"], row["name_fr"], joined_on))
    return allies


def parse_measurements(text: str) -> list[MeasurementRow]:
    """Rows with a value; a row with an empty value means "no data" and is skipped."""
    measurements = []
    seen = set()
    for line, row in _rows(text, MEASUREMENT_COLUMNS):
        if not row["value"]:
            continue
        try:
            year = int(row["year"])
            value = Decimal(row["value"].replace(",", "."))
        except (ValueError, InvalidOperation) as error:
            raise DataFileError(
                f"Line {line}: year {row['year']!r} or value {row['value']!r} is not a number."
            ) from error
        if not 1949 <= year <= 2100:
            raise DataFileError(f"Line {line}: year {year} is out of range.")
        if value < 0:
            raise DataFileError(f"Line {line}: value {value} is negative.")
        if row["estimate"].lower() not in {"yes", "no", "true", "false", ""}:
            raise DataFileError(f"Line {line}: estimate must be yes or no.")
        if not row["edition"]:
            raise DataFileError(f"Line {line}: the edition is missing.")
        try:
            validate_edition(row["edition"])
        except ValidationError as error:
            raise DataFileError(f"Line {line}: {' '.join(error.messages)}") from None
        key = (row["iso3"].upper(), year, row["edition"])
        if key in seen:
            raise DataFileError(f"Line {line}: {key[0]} {year} appears twice in edition {key[2]}.")
        seen.add(key)
        measurements.append(
            MeasurementRow(
                iso3=key[0],
                year=year,
                value=value,
                estimate=row["estimate"].lower() in {"yes", "true"},
                edition=row["edition"],
                source=row["source"],
            )
        )
    return measurements


# Contributions (money pledged or delivered): one row per contribution.
CONTRIBUTION_COLUMNS = (
    "indicator",
    "date",
    "ally",
    "contributor",
    "kind",
    "qualifier",
    "amount",
    "currency",
    "source",
)
CONTRIBUTION_OPTIONAL = ("source_url", "total_to_date", "notes")
KINDS = ("pledged", "delivered")
QUALIFIERS = ("exactly", "at_least", "more_than", "up_to", "at_most", "about")
CURRENCIES = ("EUR", "USD")
YES, NO = {"yes", "true", "1"}, {"no", "false", "0", ""}


@dataclass(frozen=True)
class ContributionRow:
    line: int
    indicator: str
    made_on: date
    iso3: str  # "" for a contributor that is not an ally, or all contributors
    contributor: str
    kind: str
    qualifier: str
    amount: Decimal
    currency: str
    source: str
    source_url: str = ""
    cumulative: bool = False
    notes: str = ""


def _contribution_row(line: int, row: dict) -> ContributionRow:
    problems = []
    try:
        made_on = date.fromisoformat(row["date"])
    except ValueError:
        problems.append(f"the date {row['date']!r} is not a date (YYYY-MM-DD)")
        made_on = date.min
    try:
        amount = Decimal(row["amount"].replace(" ", "").replace("\u00a0", ""))
        if not amount.is_finite() or amount <= 0:
            raise InvalidOperation
    except InvalidOperation:
        problems.append(f"the amount {row['amount']!r} is not a positive number")
        amount = Decimal(0)
    kind = row["kind"].lower()
    if kind not in KINDS:
        problems.append(f"the kind must be pledged or delivered, not {row['kind']!r}")
    qualifier = (row["qualifier"] or "exactly").lower()
    if qualifier not in QUALIFIERS:
        problems.append(f"the qualifier must be one of {', '.join(QUALIFIERS)}")
    currency = row["currency"].upper()
    if currency not in CURRENCIES:
        problems.append(f"the currency must be EUR or USD, not {row['currency']!r}")
    iso3 = row["ally"].upper()
    if iso3 and (len(iso3) != 3 or not iso3.isalpha()):
        problems.append(f"{row['ally']!r} is not an ISO 3166 alpha-3 code")
    if iso3 and row["contributor"]:
        problems.append("give an ally or another contributor, not both")
    if not row["indicator"]:
        problems.append("the indicator is missing")
    if not row["source"]:
        problems.append("the source is missing")
    total = row.get("total_to_date", "").lower()
    if total not in YES | NO:
        problems.append("total_to_date must be yes or no")
    if problems:
        raise DataFileError(f"Line {line}: " + "; ".join(problems) + ".")
    return ContributionRow(
        line=line,
        indicator=row["indicator"],
        made_on=made_on,
        iso3=iso3,
        contributor=row["contributor"],
        kind=kind,
        qualifier=qualifier,
        amount=amount,
        currency=currency,
        source=row["source"],
        source_url=row.get("source_url", ""),
        cumulative=total in YES,
        notes=row.get("notes", ""),
    )


def parse_contributions(text: str) -> list[ContributionRow]:
    """Every row, or a DataFileError naming every bad line (then nothing is loaded)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    optional = [c for c in CONTRIBUTION_OPTIONAL if c in (reader.fieldnames or [])]
    rows, errors = [], []
    try:
        for line, row in _rows(text, CONTRIBUTION_COLUMNS + tuple(optional)):
            try:
                rows.append(_contribution_row(line, row))
            except DataFileError as error:
                errors.append(str(error))
    except csv.Error as error:
        errors.append(f"The file is not readable as CSV: {error}.")
    if errors:
        raise DataFileError(" ".join(errors))
    if not rows:
        raise DataFileError("The file holds no contribution.")
    return rows
