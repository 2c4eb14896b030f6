"""The text of an uploaded communiqué, whatever file it comes in: plain text, HTML, PDF.

NATO publishes its communiqués as web pages and as PDF files; copies circulate as plain
text. This module turns each of them into the text that ``ingest.parse_text`` reads:
the main text of a web page without its menus, scripts and footers (trafilatura), with
its headline (``<h1>``, else ``og:title``); the text layer of a PDF without its running
headers and footers (summits.pdf). What each reader left out is listed in the Source, and
the file itself travels with it, byte for byte, to be kept beside the text. It is a pure
function of the bytes: no database, no Django. Every refusal is an ``ingest.IngestError``
whose message is meant for the admin who uploaded the file.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath

import lxml.html
import trafilatura
from lxml import etree

from . import pdf
from .ingest import IngestError, decode, is_chrome, normalize_compatibility
from .text import fold

__all__ = ["EXTENSIONS", "FORMATS", "Source", "html_text", "pdf_text", "read_source"]

FORMATS = ("text", "html", "pdf")
EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}
MEDIA_TYPES = {"text": "text/plain", "html": "text/html", "pdf": "application/pdf"}
_FORMAT_NAMES = {"text": "a text file", "html": "a web page (HTML)", "pdf": "a PDF file"}

_HTML_START_RE = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_ANY_TAG_RE = re.compile(r"<(?:!doctype|/?[a-z][\w:-]*(?:\s[^<>]*)?/?)>", re.I)
# Anything left that looks like a tag once the page's text is extracted.
_TAG_RE = re.compile(
    r"<(?:script|style)\b.*?</(?:script|style)\s*>|</?[a-z][\w:-]*(?:\s[^<>]*)?/?>", re.I | re.S
)

# Fewer words than this is a menu or a button left over, not a communiqué.
_MIN_HTML_WORDS = 10
# The most lines a report lists as left out by a reader (the file itself is kept).
MAX_LEFT_OUT = 500

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
    title: str = ""  # the headline the reader found (a page's <h1>, a PDF's largest type)
    left_out: tuple[str, ...] = ()  # lines of the file the reader did not keep
    data: bytes = field(default=b"", repr=False)  # the file, byte for byte

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def as_dict(self) -> dict[str, object]:
        return {
            "format": self.format,
            "filename": self.filename,
            "size": self.size,
            "sha256": self.sha256,
            "title": self.title,
            "notes": list(self.notes),
            "left_out": list(self.left_out[:MAX_LEFT_OUT]),
            "left_out_count": len(self.left_out),
        }


def _contradiction(name: str, declared: str, found: str) -> IngestError:
    return IngestError(
        f"“{name}” is named as {_FORMAT_NAMES[declared]} but holds {_FORMAT_NAMES[found]}: "
        "rename it with the right extension (.txt, .html or .pdf), or save it again."
    )


def read_source(data: bytes, *, filename: str = "", pdf_seconds: float | None = None) -> Source:
    """Read the bytes of an upload (or of pasted text) as a communiqué's text.

    The format comes from the content (a PDF starts with "%PDF", an HTML page with a
    doctype or an <html> tag); a file name, when given, must end in .txt, .html, .htm or
    .pdf and agree with the content. ``pdf_seconds`` bounds the time spent reading a PDF
    (in a child process); None reads it here, without a bound. Raises IngestError with a
    message for the admin.
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
        if declared not in (None, "pdf"):
            raise _contradiction(name, declared, "pdf")
        found = pdf_text(data, seconds=pdf_seconds)
        return Source(
            found.text,
            "pdf",
            "pdf",
            name,
            len(data),
            _pdf_notes(found),
            found.title,
            tuple(found.left_out),
            data,
        )
    if declared == "pdf":
        raise _contradiction(
            name, "pdf", "html" if _HTML_START_RE.match(data[:2000].decode("latin-1")) else "text"
        )
    text, encoding = decode(data)
    is_html = bool(_HTML_START_RE.match(text[:2000]))
    if declared == "text" and is_html:
        raise _contradiction(name, "text", "html")
    if declared == "html" and not is_html and not _ANY_TAG_RE.search(text[:20000]):
        raise _contradiction(name, "html", "text")
    if declared == "html" or is_html:
        page = html_text(text)
        return Source(
            page.text,
            encoding,
            "html",
            name,
            len(data),
            page.notes,
            page.title,
            page.left_out,
            data,
        )
    notes: tuple[str, ...] = ()
    if "\r" in text:
        # The same text saved on Windows is the same text: one checksum for both.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes = ("Windows (CRLF) line ends were read as plain line ends.",)
    return Source(text, encoding, "text", name, len(data), notes, data=data)


@dataclass(frozen=True)
class _Read:
    text: str
    notes: tuple[str, ...]
    title: str = ""
    left_out: tuple[str, ...] = ()


# Elements whose text is one line of the page; containers whose own text is one too.
_BLOCK_TAGS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 td th dt dd blockquote pre figcaption caption button label "
    "option summary legend address".split()
)
_CONTAINER_TAGS = frozenset(
    "body div nav header footer section aside article main form ul ol table tbody thead "
    "tr dl figure details fieldset select".split()
)
_HIDDEN_TAGS = frozenset("head script style noscript template svg iframe object".split())


def _page_tree(markup: str):
    try:
        return lxml.html.document_fromstring(
            markup.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError):
        return None


def _visible_lines(root) -> list[str]:
    """The page's text as a browser shows it, one line per block, scripts left out."""
    lines: list[str] = []

    def flush(parts: list[str]) -> None:
        line = " ".join(" ".join(parts).split())
        if line:
            lines.append(line)

    def walk(element, parts: list[str]) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HIDDEN_TAGS or not tag:
            return
        own = [] if tag in _BLOCK_TAGS or tag in _CONTAINER_TAGS else parts
        if tag in _CONTAINER_TAGS:
            flush(parts)
            parts.clear()
        if element.text:
            own.append(element.text)
        for child in element:
            walk(child, own)
            if child.tail:
                own.append(child.tail)
        if own is not parts:
            flush(own)

    body = root.find("body")
    walk(body if body is not None else root, [])
    return lines


def _headline(root) -> str:
    """The page's headline: the <h1> of its article, its og:title, any <h1>, its <title>."""

    def first(xpath: str) -> str:
        for found in root.xpath(xpath):
            text = found if isinstance(found, str) else found.text_content()
            text = " ".join(normalize_compatibility(text).split())
            if text and not is_chrome(text):
                return text
        return ""

    return (
        first("//article//h1 | //main//h1")
        or first("//meta[@property='og:title']/@content | //meta[@name='og:title']/@content")
        or first("//h1")
        or first("//title")
    )


def html_text(markup: str) -> _Read:
    """The main text of a web page, one paragraph a line, with its headline and the lines
    left out (menus, banners, share buttons, footers).

    Raises IngestError when the page has no main text (a page of scripts or links only).
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
    root = _page_tree(markup)
    title, left_out = "", tuple[str, ...]()
    if root is not None:
        title = _headline(root)
        kept = fold(" ".join(text.split()))
        left_out = tuple(
            line for line in _visible_lines(root) if fold(line) not in kept and line != title
        )
    if left_out:
        notes.append(
            f"{len(left_out)} line(s) of the page were left out of its main text; "
            "they are listed in the ingest report."
        )
    return _Read(text, tuple(notes), title, left_out)


def pdf_text(data: bytes, *, seconds: float | None = None) -> pdf.PdfText:
    """The text layer of a PDF file without its running headers and footers.

    Raises IngestError for a damaged, truncated or encrypted file, one that takes longer
    than ``seconds`` to read, and a PDF without a text layer (a scan), which needs
    optical character recognition first.
    """
    try:
        pages = pdf.read_pages(data) if seconds is None else pdf.read_pages_within(data, seconds)
    except pdf.PdfError as error:
        raise IngestError(_PDF_REFUSALS[error.reason].format(detail=error.detail)) from None
    found = pdf.layout(pages)
    if not found.text.strip():
        raise IngestError(
            f"The PDF file has no text layer ({found.pages} page(s) of images only): it is "
            "a scan. Load the web page or a text copy of the communiqué, or run the PDF "
            "through text recognition (OCR) first."
        )
    found.text = normalize_compatibility(found.text)
    found.title = normalize_compatibility(found.title)
    return found


_PDF_REFUSALS = {
    "encrypted": "The PDF file is protected by a password or an encryption this reader "
    "cannot open: it cannot be read. Load the web page or a text copy instead.",
    "damaged": "The PDF file cannot be read: it is damaged ({detail}).",
    "truncated": "The PDF file is incomplete: it was cut off before its end ({detail}). "
    "Download it again.",
    "timeout": "Reading the PDF file took longer than the time allowed ({detail}): it is "
    "refused. It may be damaged or made to stall readers; load the web page or a text "
    "copy instead.",
}


def _pdf_notes(found: pdf.PdfText) -> tuple[str, ...]:
    notes = [f"PDF file: the text of its {found.pages} page(s) was read."]
    if found.left_out:
        notes.append(
            f"{len(found.left_out)} running header, footer or page number line(s) were left "
            "out; they are listed in the ingest report."
        )
    if found.items:
        notes.append(f"{found.items} list item(s) were recognised by their bullet marks.")
    return tuple(notes)
