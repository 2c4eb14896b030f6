"""Streamed CSV and JSON exports.

A row is a dict; `stream` writes the rows as they come, so a long export never sits in
memory. CSV starts with a UTF-8 byte order mark: spreadsheets then read the accents
right. Decimals are written as strings in JSON, so that no figure is rounded.

A CSV cell of text that a spreadsheet would read as a formula (starting with = + - @, a
tab or a carriage return, OWASP's list) is written with a quote before it, so that it
opens as the text it is: an editor's title `=HYPERLINK(…)` is shown, not run. Numbers
(including negative ones) are written as they are; JSON is never changed.

The caller validates the parameters before calling `stream`, which reads the first row
before the response starts: a bad request or a failing query is an error page, not a
200. A failure after the first bytes are sent cannot change the status any more: the
file then ends with a line saying it is incomplete (in JSON, without the closing
bracket, so that no program reads it as whole), and the error is logged.
"""

import csv
import itertools
import logging

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

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


def refused(form) -> HttpResponseBadRequest:
    """The answer to an export asked with invalid parameters: 400, each error named."""
    lines = [_("The export was not made: its parameters are not valid.")]
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        lines.extend(f"{name} ({label}): {error}" for error in errors)
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def failure_line(fmt: str, message: str) -> str:
    """The last line of an export that failed midway."""
    if fmt == "csv":
        return csv.writer(_Line()).writerow([message])
    return "\n" + message + "\n"


def _guarded(lines, fmt: str, filename: str, message: str):
    """The lines, then, if producing them fails, the failure line instead of the rest."""
    try:
        yield from lines
    except Exception:
        log.exception("The export %s.%s failed midway", filename, fmt)
        yield failure_line(fmt, message)


def stream(rows, fields, fmt, filename):
    """A streamed response of rows in fmt ("csv" or "json"); 404 for another format.

    The first row is read now, before the response starts (see the module's text)."""
    if fmt not in FORMATS:
        raise Http404(f"No {fmt} export")
    rows = iter(rows)
    first = list(itertools.islice(rows, 1))
    rows = itertools.chain(first, rows)
    lines = csv_lines(rows, fields) if fmt == "csv" else json_lines(rows, fields)
    message = _(
        "ERROR: the export failed before its end; this file is incomplete. Download it again."
    )
    response = StreamingHttpResponse(
        _guarded(lines, fmt, filename, message), content_type=FORMATS[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
