"""A minimal PDF writer for tests: text pages in Helvetica, or a page holding an image only.

Real communiqués come as PDF files made by word processors; these files have the same
structure where it matters to a text extractor (a text layer of positioned lines, or no
text layer at all), and are made here so that no binary file is kept in the repository.
"""

import textwrap
import zlib

_PAGE_WIDTH, _PAGE_HEIGHT = 595, 842  # A4 in points
_MARGIN = 56
_FONT_SIZE = 10
_LEADING = 13
_WRAP = 95  # characters per line of 10 pt Helvetica within the margins


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _document(objects: list[bytes]) -> bytes:
    """Objects numbered from 1 (1 is the catalog), with a cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    data = zlib.compress(content)
    return (
        b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(data), extra)
        + data
        + (b"\nendstream")
    )


def _pages(page_streams: list[bytes], resources: bytes) -> list[bytes]:
    """Catalog, page tree, then each page and its content stream; fonts or images follow."""
    count = len(page_streams)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * index) for index in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
    ]
    for index, content in enumerate(page_streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
            % (_PAGE_WIDTH, _PAGE_HEIGHT, resources, 4 + 2 * index)
        )
        objects.append(_stream(content))
    return objects


def text_pdf(paragraphs: list[str]) -> bytes:
    """A PDF whose pages show the paragraphs, wrapped, with a blank line between them."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, _WRAP) or [""])
        lines.append("")
    per_page = (_PAGE_HEIGHT - 2 * _MARGIN) // _LEADING
    streams = []
    for first in range(0, len(lines), per_page):
        top = _PAGE_HEIGHT - _MARGIN
        ops = [b"BT /F1 %d Tf %d TL %d %d Td" % (_FONT_SIZE, _LEADING, _MARGIN, top)]
        for line in lines[first : first + per_page]:
            ops.append(b"(" + _escape(line) + b") Tj T*")
        ops.append(b"ET")
        streams.append(b"\n".join(ops))
    font_number = 3 + 2 * len(streams)
    objects = _pages(streams, b"<< /Font << /F1 %d 0 R >> >>" % font_number)
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    return _document(objects)


def image_pdf(width: int = 64, height: int = 64) -> bytes:
    """A one-page PDF holding a grey image and no text: a scan without a text layer."""
    content = b"q %d 0 0 %d 56 600 cm /Im1 Do Q" % (width * 4, height * 4)
    image_number = 5
    objects = _pages([content], b"<< /XObject << /Im1 %d 0 R >> >>" % image_number)
    pixels = bytes((x * 4 + y) % 256 for y in range(height) for x in range(width))
    objects.append(
        _stream(
            pixels,
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 " % (width, height),
        )
    )
    return _document(objects)


def encrypted_pdf(paragraphs: list[str], password: str = "secret") -> bytes:
    """The text PDF, locked with a user password (RC4, which pypdf writes by itself)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(paragraphs)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stalling_pdf(operators: int = 120_000) -> bytes:
    """A small PDF whose one page shows a blank character at each of a huge compressed
    run of positions: a reader walks every one before finding that there is no text."""
    content = b"BT /F1 1 Tf " + b"( ) Tj 0 -1 Td " * operators + b"ET"
    objects = _pages([content], b"<< /Font << /F1 5 0 R >> >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _document(objects)
