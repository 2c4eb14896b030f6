"""The text layer of a PDF file, as lines placed on their pages, then as a text.

Reads: the bytes of a PDF file (`read_pages`, with pypdf), or the pages read (`layout`).
Writes: nothing. `read_pages_within` runs `read_pages` in a child process that is stopped
after a budget of processor time, so that a file made to stall the reader costs seconds.

pypdf's plain extraction keeps words whole (its layout mode splits them where the
printer kerned: "réaf firmons"); its visitors give where each piece of text starts, its
size, and the small filled shapes that printers draw as list bullets. From those places
`layout` rebuilds what the page shows: running headers and footers (lines repeated at the
top or bottom of the pages, page numbers, print stamps) set aside, a blank line where the
space between lines opens up or a short line ends a sentence, a bullet before each item
whose mark was drawn, the headline (the largest type of the first page) on one line.
No Django here: this module also runs alone (`python -m summits.pdf`, bytes in, JSON out).
"""

from __future__ import annotations

import io
import json
import math
import re
import statistics
import subprocess
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["PdfError", "PdfText", "layout", "read_pages", "read_pages_within"]

ROOT = Path(__file__).resolve().parent.parent
# The child's memory ceiling: a decompression bomb fails there, not in the app.
_CHILD_MEMORY = 1024 * 1024 * 1024


class PdfError(ValueError):
    """The PDF cannot be read; `reason` is one of "encrypted", "damaged", "truncated",
    "timeout", with the reader's own words in `detail`."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason, self.detail = reason, detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True)
class Line:
    """A line of text as the page shows it: where it starts, the size of its type."""

    x: float
    y: float  # baseline, in points from the bottom of the page
    size: float
    text: str


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: tuple[Line, ...]
    marks: tuple[tuple[float, float, float], ...] = ()  # small filled shapes: x, y, size


# --------------------------------------------------------------------------- reading

_PATH_OPERATORS = {b"m", b"l", b"c", b"v", b"y", b"re"}
_FILL_OPERATORS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _apply(matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


class _PageReader:
    """Collects the lines and bullet marks of one page through pypdf's visitors."""

    def __init__(self):
        self.lines: list[Line] = []
        self.marks: list[tuple[float, float, float]] = []
        self._parts: list[str] = []
        self._start: tuple[float, float, float] | None = None
        self._points: list[tuple[float, float]] = []

    def text(self, text, cm, tm, font, size) -> None:
        for index, segment in enumerate(text.split("\n")):
            if index:
                self._flush()
            if not segment:
                continue
            self._parts.append(segment)
            if self._start is None and segment.strip():
                x, y = _apply(cm, tm[4], tm[5])
                scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
                self._start = (x, y, (size or 0) * scale)

    def operator(self, operator, operands, cm, tm) -> None:
        if operator in _PATH_OPERATORS:
            numbers = [float(value) for value in operands]
            if operator == b"re" and len(numbers) == 4:
                x, y, w, h = numbers
                numbers = [x, y, x + w, y + h]
            self._points.extend(
                _apply(cm, numbers[i], numbers[i + 1]) for i in range(0, len(numbers) - 1, 2)
            )
        elif operator in _FILL_OPERATORS:
            self._mark()
        elif operator in (b"n", b"S", b"s"):
            self._points = []

    def _mark(self) -> None:
        points, self._points = self._points, []
        if len(points) < 2:
            return
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        # A disc or a square about the size of a letter: a bullet, not a rule or a box.
        if 0.8 <= width <= 9 and 0.8 <= height <= 9 and 0.5 <= width / height <= 2:
            self.marks.append(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, width))

    def _flush(self) -> None:
        text = "".join(self._parts).strip()
        if text and self._start is not None:
            self.lines.append(Line(*self._start, text=text))
        self._parts, self._start = [], None

    def page(self, width: float, height: float) -> Page:
        self._flush()
        return Page(width, height, tuple(self.lines), tuple(self.marks))


def read_pages(data: bytes) -> list[Page]:
    """Every page's lines and marks. Raises PdfError."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    if b"%%EOF" not in data[-2048:]:
        raise PdfError("truncated", "the end-of-file marker is missing")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError("encrypted", "a password is needed to open it")
        pages = []
        for page in reader.pages:
            collector = _PageReader()
            page.extract_text(
                visitor_text=collector.text, visitor_operand_before=collector.operator
            )
            box = page.mediabox
            pages.append(collector.page(float(box.width), float(box.height)))
    except (DependencyError, FileNotDecryptedError) as error:
        raise PdfError("encrypted", str(error)) from None
    except PdfError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise PdfError("damaged", str(error)) from None
    except RecursionError:
        raise PdfError("damaged", "its objects refer to each other without end") from None
    return pages


def read_pages_within(data: bytes, seconds: float) -> list[Page]:
    """read_pages in a child process stopped after `seconds` of processor time (to a
    fraction of a second), or three times as long on the clock when the machine is busy
    (PdfError "timeout")."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "summits.pdf", repr(float(seconds))],
            input=data,
            capture_output=True,
            timeout=3 * seconds + 2,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PdfError("timeout", f"{seconds:g} s") from None
    if done.returncode < 0:  # stopped at its processor-time limit (or killed)
        raise PdfError("timeout", f"{seconds:g} s")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        reason = "damaged"
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise PdfError(reason, detail[0] if detail else f"exit {done.returncode}") from None
    if "error" in answer:
        raise PdfError(answer["error"], answer.get("detail", ""))
    return [
        Page(
            page["width"],
            page["height"],
            tuple(Line(**line) for line in page["lines"]),
            tuple(tuple(mark) for mark in page["marks"]),
        )
        for page in answer["pages"]
    ]


def _child(seconds: float) -> int:
    """`python -m summits.pdf SECONDS`: the PDF on stdin, its pages as JSON on stdout.

    The budget counts from when the reader is loaded: a profiling timer (processor
    time, in fractions of a second) stops the process when it is spent; the processor
    time limit, in whole seconds, is a backstop."""
    import resource
    import signal

    import pypdf  # noqa: F401  (loaded before the budget starts)

    resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(seconds) + 1, math.ceil(seconds) + 2))
    resource.setrlimit(resource.RLIMIT_AS, (_CHILD_MEMORY, _CHILD_MEMORY))
    sys.setrecursionlimit(5000)
    data = sys.stdin.buffer.read()
    signal.signal(signal.SIGPROF, signal.SIG_DFL)  # ends the process
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        answer: dict = {"pages": [asdict(page) for page in read_pages(data)]}
    except PdfError as error:
        answer = {"error": error.reason, "detail": error.detail[:300]}
    except MemoryError:
        answer = {"error": "damaged", "detail": "it needs more memory than allowed"}
    json.dump(answer, sys.stdout, ensure_ascii=False)
    return 0


# --------------------------------------------------------------------------- layout

# Where running headers and footers sit: this share of the page at the top and bottom.
_MARGIN_BAND = 0.1
_PAGE_NUMBER_RE = re.compile(
    r"(?:page |p\. ?)?\d{1,4}(?: ?(?:/|of|sur|de) ?\d{1,4})?|[-–—] ?\d{1,4} ?[-–—]", re.I
)
# What a browser or a printer stamps on each page: the time of printing, the address.
_STAMP_RE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?: ?[ap]m)?\b.*|(?:file|https?)://\S+.*", re.I
)
_DIGITS_RE = re.compile(r"\d+")
_FINAL = frozenset('.!?:;»"”)…’]')
# A gap between lines this much wider than the usual one is a paragraph break.
_GAP_FACTOR = 1.4
# A line ending a sentence that is shorter than this share of a full line ends its paragraph.
_SHORT_LINE = 0.7


@dataclass
class PdfText:
    """The text rebuilt from the pages, and what was set aside on the way."""

    text: str
    pages: int
    title: str = ""
    left_out: list[str] = field(default_factory=list)  # "p. 3: …" for each line set aside
    items: int = 0  # list items recognised from their drawn bullet


def _running(pages: list[Page]) -> set[tuple[int, int]]:
    """(page, line) indices of running headers, footers, page numbers and print stamps."""
    counts: Counter[str] = Counter()
    banded: list[list[tuple[int, str]]] = []
    for page in pages:
        in_band = []
        for index, line in enumerate(page.lines):
            if page.height and (
                line.y > page.height * (1 - _MARGIN_BAND) or line.y < page.height * _MARGIN_BAND
            ):
                key = _DIGITS_RE.sub("#", " ".join(line.text.lower().split()))
                in_band.append((index, key))
        banded.append(in_band)
        counts.update({key for _index, key in in_band})
    needed = max(2, math.ceil(len(pages) / 2))
    running = set()
    for number, (page, in_band) in enumerate(zip(pages, banded, strict=True)):
        for index, key in in_band:
            text = unicodedata.normalize("NFKC", page.lines[index].text).strip()
            if (
                (len(pages) > 1 and counts[key] >= needed)
                or _PAGE_NUMBER_RE.fullmatch(text)
                or _STAMP_RE.fullmatch(text)
            ):
                running.add((number, index))
    return running


def _bulleted(line: Line, marks) -> bool:
    """Whether a bullet mark was drawn just left of the line's first letter."""
    size = line.size or 10
    return any(
        0 < line.x - x < 3 * size and -0.3 * size < y - line.y < 0.9 * size
        for x, y, _width in marks
    )


def layout(pages: list[Page]) -> PdfText:
    """The text of the pages, one line per printed line, blank lines between paragraphs."""
    running = _running(pages)
    kept = [
        (number, page, line)
        for number, page in enumerate(pages)
        for index, line in enumerate(page.lines)
        if (number, index) not in running
    ]
    left_out = [
        f"p. {number + 1}: {line.text}"
        for number, page in enumerate(pages)
        for index, line in enumerate(page.lines)
        if (number, index) in running
    ]
    if not kept:
        return PdfText("", len(pages), left_out=left_out)
    sizes: Counter[float] = Counter()
    for _number, _page, line in kept:
        sizes[round(line.size, 1)] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    advances = [
        previous[2].y - line.y
        for previous, (number, page, line) in zip(kept, kept[1:], strict=False)
        if previous[0] == number and round(line.size, 1) == body_size and previous[2].y > line.y
    ]
    advance = statistics.median(advances) if advances else body_size * 1.2
    lengths = sorted(len(line.text) for _n, _p, line in kept if round(line.size, 1) == body_size)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 80

    out: list[str] = []
    title_at: int | None = None
    items = 0
    previous: tuple[int, Line] | None = None
    for number, page, line in kept:
        text = line.text
        heading = line.size > body_size * 1.15
        if previous is not None:
            last_page, last = previous
            gap = last.y - line.y if last_page == number else None
            if heading and gap is not None and abs(last.size - line.size) < 0.5 and out[-1]:
                out[-1] += " " + text  # a headline wrapped on two lines is one line
                previous = (number, line)
                continue
            ends = last.text[-1:] in _FINAL
            if out[-1] and (
                (gap is not None and (gap > advance * _GAP_FACTOR or gap < 0))
                or (ends and len(last.text) < full * _SHORT_LINE)
                or heading
                or last.size > body_size * 1.15
            ):
                out.append("")
        if _bulleted(line, page.marks) and not text.startswith(("•", "-", "–", "▪")):
            text = "• " + text
            items += 1
        if heading and number == 0 and title_at is None:
            title_at = len(out)
        out.append(text)
        previous = (number, line)
    title = out[title_at] if title_at is not None else ""
    return PdfText("\n".join(out) + "\n", len(pages), title, left_out, items)


if __name__ == "__main__":
    sys.exit(_child(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0))
