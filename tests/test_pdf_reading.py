"""Reading PDF files: lines placed on their pages turned into a text (summits.pdf.layout,
a pure function), and the files refused with a clear message."""

import pytest

from summits import formats, ingest, pdf
from summits.pdf import Line, Page
from tests import communiques
from tests.pdf import encrypted_pdf, stalling_pdf, text_pdf

WIDTH, HEIGHT = 612, 792
BODY = 12.0
FULL = "Allies agreed today on the largest reinforcement of collective defence in a generation"


def page(*lines, marks=()):
    return Page(WIDTH, HEIGHT, tuple(lines), tuple(marks))


def body(y, text, x=36.0, size=BODY):
    return Line(x, y, size, text)


def header(number, total):
    return [
        Line(24, 775, 8, f"7/11/23, 9:{number:02d} AM Testville Summit Declaration | Site"),
        Line(24, 17, 8, f"https://example.org/testville-declaration {number}/{total}"),
    ]


def two_pages():
    first = page(
        Line(36, 720, 24, "Testville Summit"),
        Line(36, 690, 24, "Declaration"),
        body(650, "1. " + FULL),
        body(636, "and they will carry it out together."),
        body(610, "2. " + FULL),
        body(596, "so that the Alliance stays ready"),
        *header(1, 2),
    )
    second = page(
        body(740, "for any threat, from any direction."),
        body(714, "3. We have agreed:"),
        body(700, "a new generation of regional plans;", x=60),
        body(686, "a stronger command structure.", x=60),
        body(660, "4. We will meet again next year."),
        *header(2, 2),
        marks=[(50, 703.5, 4.5), (50, 689.5, 4.5)],
    )
    return [first, second]


def test_running_headers_footers_and_stamps_are_left_out_and_listed():
    found = pdf.layout(two_pages())
    assert "Site" not in found.text and "https://" not in found.text
    assert found.left_out == [
        "p. 1: 7/11/23, 9:01 AM Testville Summit Declaration | Site",
        "p. 1: https://example.org/testville-declaration 1/2",
        "p. 2: 7/11/23, 9:02 AM Testville Summit Declaration | Site",
        "p. 2: https://example.org/testville-declaration 2/2",
    ]


def test_the_headline_is_the_largest_type_of_the_first_page_on_one_line():
    found = pdf.layout(two_pages())
    assert found.title == "Testville Summit Declaration"
    assert found.text.startswith("Testville Summit Declaration\n\n1. ")


def test_wider_gaps_are_paragraph_breaks_and_a_page_break_joins_a_paragraph():
    parsed = ingest.parse_text(pdf.layout(two_pages()).text)
    assert [p.label for p in parsed.paragraphs] == ["1", "2", "3", "3 •1", "3 •2", "4"]
    assert parsed.paragraphs[1].text.endswith(
        "so that the Alliance stays ready for any threat, from any direction."
    )


def test_drawn_bullet_marks_make_list_items():
    found = pdf.layout(two_pages())
    assert found.items == 2
    assert "\n• a new generation of regional plans;" in found.text
    assert "\n• a stronger command structure." in found.text


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([body(700, "Page 3"), body(24, "3")], ""),
        ([body(700, FULL + "."), body(24, "- 3 -")], FULL + ".\n"),
        ([body(700, "Short sentence."), body(686, "Another one starts here.")], "\n\n"),
        ([body(700, FULL), body(686, "goes on.")], FULL + "\ngoes on.\n"),
    ],
    ids=["page-number-only", "dashed-page-number", "short-line-ends-paragraph", "wrapped"],
)
def test_single_page_layouts(lines, expected):
    text = pdf.layout([page(*lines)]).text
    if expected == "\n\n":
        assert "Short sentence.\n\nAnother one" in text
    elif expected == "":
        assert text.strip() in ("Page 3", "")
    else:
        assert text == expected


def test_a_text_pdf_reads_within_its_time_budget_like_in_process():
    data = text_pdf(["1. Les Alliés se réunissent.", "2. Les Alliés agissent ensemble."])
    assert formats.read_source(data, filename="a.pdf", pdf_seconds=20).text == (
        formats.read_source(data, filename="a.pdf").text
    )


def test_a_pdf_made_to_stall_the_reader_is_refused_when_its_time_is_up():
    # In-process, without a budget, this file costs seconds of CPU before it is refused
    # as a scan (bench/benchmark.py measures it); with a budget it stops at the budget.
    with pytest.raises(ingest.IngestError, match="took longer than the time allowed"):
        formats.read_source(stalling_pdf(), filename="slow.pdf", pdf_seconds=0.5)


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def damaged() -> bytes:
    data = text_pdf(["1. Les Alliés se réunissent."])
    cut = data.index(b"stream\n") + 10
    return data[:cut] + b"\x00garbage\xff" * 20 + data[cut + 200 :]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (encrypted_pdf(["1. Texte secret."]), "locked.pdf", "protected by a password"),
        (half(text_pdf(["1. Les Alliés."] * 40)), "cut.pdf", "incomplete: it was cut off"),
        (b"%PDF-1.4\nnot really\n%%EOF\n", "broken.pdf", "cannot be read: it is damaged"),
        (communiques.image_only_pdf(), "scan.pdf", "has no text layer"),
        (text_pdf(["1. Texte."]), "communique.txt", "named as a text file but holds a PDF"),
        (text_pdf(["1. Texte."]), "page.html", "named as a web page .HTML. but holds a PDF"),
        (communiques.as_html(), "communique.txt", "text file but holds a web page"),
        (communiques.ENGLISH.encode(), "page.html", "web page .HTML. but holds a text"),
        (communiques.as_html(), "declaration.pdf", "named as a PDF file but holds a web"),
    ],
    ids=[
        "encrypted",
        "truncated",
        "malformed",
        "scan",
        "pdf-named-txt",
        "pdf-named-html",
        "html-named-txt",
        "text-named-html",
        "html-named-pdf",
    ],
)
def test_bad_pdf_files_and_contradicting_names_are_refused(data, filename, message):
    with pytest.raises(ingest.IngestError, match=message):
        formats.read_source(data, filename=filename, pdf_seconds=20)


def test_a_damaged_stream_is_refused_or_read_never_a_crash():
    try:
        source = formats.read_source(damaged(), filename="damaged.pdf", pdf_seconds=20)
    except ingest.IngestError as error:
        assert str(error).startswith("The PDF file")
    else:
        assert source.format == "pdf"


def test_the_file_itself_travels_with_its_text():
    data = communiques.as_cp1252()
    source = formats.read_source(data, filename="vilnius.txt")
    assert source.data == data
    assert source.as_dict()["sha256"] == source.sha256 and len(source.sha256) == 64
