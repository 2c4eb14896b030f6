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
