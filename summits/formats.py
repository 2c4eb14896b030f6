"""The text of an uploaded communiqué, whatever file it comes in: plain text, HTML, PDF.

NATO publishes its communiqués as web pages and as PDF files; copies circulate as plain
text. This module turns each of them into the text that ``ingest.parse_text`` reads:
the main text of a web page without its menus, scripts and footers (trafilatura), the
text layer of a PDF with its paragraph breaks (pypdf). It is a pure function of the
bytes: no database, no Django. Every refusal is an ``ingest.IngestError`` whose message
is meant for the admin who uploaded the file.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from pathlib import PurePath

import trafilatura
from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from .ingest import IngestError, decode

__all__ = ["EXTENSIONS", "FORMATS", "Source", "html_text", "pdf_text", "read_source"]

FORMATS = ("text", "html", "pdf")
EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}

_HTML_START_RE = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
# Anything left that looks like a tag once the page's text is extracted.
_TAG_RE = re.compile(
    r"<(?:script|style)\b.*?</(?:script|style)\s*>|</?[a-z][\w:-]*(?:\s[^<>]*)?/?>", re.I | re.S
)
# A word cut by a hyphen at the end of a PDF line: "euro-\natlantique" -> "euro-atlantique".
_LINE_END_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_])")

# Fewer words than this is a menu or a button left over, not a communiqué.
_MIN_HTML_WORDS = 10

# pypdf and trafilatura log what they skip; the admin sees our messages instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Source:
    """The text found in an uploaded file, and how it was read."""

    text: str
    encoding: str  # of the bytes of a text or HTML file; "pdf" for a PDF's text layer
    format: str  # one of FORMATS
    filename: str = ""
    size: int = 0  # bytes received
    notes: tuple[str, ...] = ()  # what reading the file did, for the admin

    def as_dict(self) -> dict[str, object]:
        return {
            "format": self.format,
            "filename": self.filename,
            "size": self.size,
            "notes": list(self.notes),
        }


def read_source(data: bytes, *, filename: str = "") -> Source:
    """Read the bytes of an upload (or of pasted text) as a communiqué's text.

    The format comes from the content (a PDF starts with "%PDF", an HTML page with a
    doctype or an <html> tag) and the file name's extension, which must be .txt, .html,
    .htm or .pdf when a name is given. Raises IngestError with a message for the admin.
    """
    name = PurePath(filename).name
    extension = PurePath(name).suffix.lower()
    if name and extension not in EXTENSIONS:
        raise IngestError(
            f"“{name}” cannot be loaded: only .txt, .html and .pdf files are accepted."
        )
    if not data:
        raise IngestError("The file is empty.")
    declared = EXTENSIONS.get(extension)
    if data.startswith(b"%PDF"):
        text, notes = pdf_text(data)
        return Source(text, "pdf", "pdf", name, len(data), notes)
    if declared == "pdf":
        raise IngestError(f"“{name}” is named as a PDF file but is not one.")
    text, encoding = decode(data)
    if declared == "html" or _HTML_START_RE.match(text[:2000]):
        text, notes = html_text(text)
        return Source(text, encoding, "html", name, len(data), notes)
    notes: tuple[str, ...] = ()
    if "\r" in text:
        # The same text saved on Windows is the same text: one checksum for both.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes = ("Windows (CRLF) line ends were read as plain line ends.",)
    return Source(text, encoding, "text", name, len(data), notes)


def html_text(markup: str) -> tuple[str, tuple[str, ...]]:
    """The main text of a web page, one paragraph a line; (text, notes).

    Menus, headers, footers, scripts, styles and comment sections are left out. Raises
    IngestError when the page has no main text (a page of scripts or links only).
    """
    text = trafilatura.extract(
        markup,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
        with_metadata=False,
    )
    if not text or len(text.split()) < _MIN_HTML_WORDS:
        raise IngestError(
            "No text was found in the HTML page: it holds only scripts, styles, menus or "
            "links. Save the page as it is shown in a browser, or copy its text."
        )
    notes = ["HTML page: its main text was kept; menus, scripts and footers were left out."]
    text, tags = _TAG_RE.subn("", text)
    if tags:
        notes.append(f"{tags} HTML tag(s) left in the page's text were removed.")
    if not text.strip():
        raise IngestError("The HTML page's main text holds only tags and scripts.")
    return text, tuple(notes)


def pdf_text(data: bytes) -> tuple[str, tuple[str, ...]]:
    """The text layer of a PDF file, its blank lines kept between paragraphs; (text, notes).

    Raises IngestError for a damaged or encrypted file, and for a PDF without a text
    layer (a scan), which needs optical character recognition first.
    """
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError("The PDF file is protected by a password: it cannot be read.")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, IngestError):
            raise
        raise IngestError(f"The PDF file cannot be read: it is damaged ({error}).") from None
    text = "\n".join(page.rstrip() for page in pages)
    if not text.strip():
        raise IngestError(
            f"The PDF file has no text layer ({len(pages)} page(s) of images only): it is "
            "a scan. Load the web page or a text copy of the communiqué, or run the PDF "
            "through text recognition (OCR) first."
        )
    text, joined = _LINE_END_HYPHEN_RE.subn("-", text)
    notes = [f"PDF file: the text of its {len(pages)} page(s) was read."]
    if joined:
        notes.append(f"{joined} word(s) cut by a hyphen at the end of a line were joined.")
    return text, tuple(notes)
