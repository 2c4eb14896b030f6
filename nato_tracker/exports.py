"""Streamed CSV and JSON exports.

A row is a dict; `stream` writes the rows as they come, so a long export never sits in
memory. CSV starts with a UTF-8 byte order mark: spreadsheets then read the accents
right. Decimals are written as strings in JSON, so that no figure is rounded.
"""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, StreamingHttpResponse

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class _Line:
    """A file-like object whose write returns the line, for csv.writer."""

    def write(self, value):
        return value


def csv_lines(rows, fields):
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(fields)
    for row in rows:
        yield writer.writerow([_cell(row.get(field)) for field in fields])


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def json_lines(rows, fields):
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    yield "["
    for index, row in enumerate(rows):
        item = {field: row.get(field) for field in fields}
        yield ("," if index else "") + "\n" + encoder.encode(item)
    yield "\n]\n"


def stream(rows, fields, fmt, filename):
    """A streamed response of rows in fmt ("csv" or "json"); 404 for another format."""
    if fmt not in FORMATS:
        raise Http404(f"No {fmt} export")
    lines = csv_lines(rows, fields) if fmt == "csv" else json_lines(rows, fields)
    response = StreamingHttpResponse(lines, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
