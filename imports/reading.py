"""Reading an upload: the file's bytes, within the size limit, as a communiqué's text.

Reads: the bytes of an uploaded file or of a pasted text, and its name.
Writes: nothing; a summits.formats.Source, or an IngestError for the admin.
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from summits import formats, ingest


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ingest.IngestError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)}
        )


def pdf_budget(size: int) -> float:
    """Seconds of processor time a PDF of ``size`` bytes may take to read: a base, and
    more for each megabyte, up to settings.PDF_READ_SECONDS. A file of a few kilobytes
    made to stall the reader is stopped within about a second."""
    megabytes = size / (1024 * 1024)
    allowed = settings.PDF_READ_MIN_SECONDS + settings.PDF_READ_SECONDS_PER_MB * megabytes
    return min(settings.PDF_READ_SECONDS, allowed)


def read_upload(data: bytes, *, filename: str = "", max_bytes: int) -> formats.Source:
    """Read an upload within the size limit and, for a PDF, the time limit (pdf_budget);
    raises IngestError with a clear message."""
    check_size(len(data), max_bytes)
    return formats.read_source(data, filename=filename, pdf_seconds=pdf_budget(len(data)))
