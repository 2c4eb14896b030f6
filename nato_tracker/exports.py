"""Streamed CSV and JSON exports.

A row is a dict; `stream` writes the rows as they come, so a long export never sits in
memory. CSV starts with a UTF-8 byte order mark: spreadsheets then read the accents
right. Decimals are written as strings in JSON, so that no figure is rounded.

A CSV cell of text that a spreadsheet would read as a formula (starting with = + - @, a
tab or a carriage return, OWASP's list) is written with a quote before it, so that it
opens as the text it is: an editor's title `=HYPERLINK(…)` is shown, not run. Numbers
(including negative ones) are written as they are; JSON is never changed.
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
        yield writer.writerow([csv_cell(row.get(field)) for field in fields])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """The value as a CSV cell: text that could start a formula is quoted with '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
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
