"""A release's file as grids of cells: each sheet of an Excel workbook, or a CSV file
as one sheet. Nothing is interpreted here but the file's format."""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"


class ReleaseError(ValueError):
    """A release that cannot be loaded; the message names the sheet and row."""


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[object]]  # cell values: str, int, float, or None for an empty cell
    decimal_comma: bool = False  # text figures write "2,05" (a CSV file separated by ";")


def file_format(data: bytes, filename: str = "") -> str:
    """ "xlsx" or "csv", from the file's first bytes (its name only as a hint)."""
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ReleaseError(
            _("%(name)s is named as a workbook but is not one (not a zip file).")
            % {"name": filename}
        )
    return "csv"


def read_sheets(data: bytes, filename: str = "") -> tuple[str, list[Sheet]]:
    """(format, sheets) of a workbook or a CSV file; raises ReleaseError."""
    if not data:
        raise ReleaseError(_("The file is empty."))
    fmt = file_format(data, filename)
    return fmt, (read_workbook(data) if fmt == "xlsx" else [read_csv(data, filename)])


def read_workbook(data: bytes) -> list[Sheet]:
    """Every sheet's cell values (computed values, not formulas), in the workbook's order."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise ReleaseError(
            _("The file cannot be read as an Excel workbook (%(error)s).") % {"error": error}
        ) from error
    try:
        return [
            Sheet(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
            for sheet in workbook.worksheets
        ]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise ReleaseError(
            _("The workbook cannot be read (%(error)s).") % {"error": error}
        ) from error
    finally:
        workbook.close()


def read_csv(data: bytes, filename: str = "") -> Sheet:
    """A CSV file as one sheet: UTF-8 (with or without its mark) or Windows-1252, cells
    separated by commas, semicolons or tabs."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 leaves only five bytes undefined
        raise ReleaseError(_("The CSV file is neither UTF-8 nor Windows-1252 text."))
    if "\x00" in text:
        raise ReleaseError(_("The file is not text: it holds NUL bytes."))
    sample = text[:20000]
    delimiter = max((",", ";", "\t"), key=sample.count)
    rows: list[list[object]] = [
        [cell if cell.strip() else None for cell in row]
        for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]
    return Sheet(filename or "CSV", rows, decimal_comma=delimiter == ";")
