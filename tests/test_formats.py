"""Reading uploads: plain text in any of its encodings, web pages and PDF files."""

import pytest

from summits import ingest
from summits.formats import read_source
from tests import communiques


def parse(data: bytes, filename: str) -> ingest.ParsedDocument:
    source = read_source(data, filename=filename)
    return ingest.parse_text(source.text, encoding=source.encoding)


@pytest.fixture(scope="module")
def reference():
    return ingest.parse_text(communiques.vilnius_text())


@pytest.mark.parametrize(
    ("make", "filename", "fmt", "encoding"),
    [
        (communiques.as_cp1252, "vilnius.txt", "text", "cp1252"),
        (communiques.as_utf8_bom_crlf, "vilnius.txt", "text", "utf-8-sig"),
        (communiques.as_html, "vilnius.html", "html", "utf-8"),
        (communiques.as_pdf, "vilnius.pdf", "pdf", "pdf"),
    ],
)
def test_every_way_of_saving_vilnius_gives_the_same_90_paragraphs(
    reference, make, filename, fmt, encoding
):
    source = read_source(make(), filename=filename)
    assert (source.format, source.encoding) == (fmt, encoding)
    parsed = ingest.parse_text(source.text, encoding=source.encoding)
    assert sum(1 for p in parsed.paragraphs if p.number is not None) == 90
    assert [(p.label, p.text) for p in parsed.paragraphs] == [
        (p.label, p.text) for p in reference.paragraphs
    ]
    assert parsed.language == "fr"


def test_the_format_is_read_from_the_content_when_the_name_says_nothing():
    assert read_source(communiques.as_html()).format == "html"
    assert read_source(communiques.as_pdf()).format == "pdf"
    assert read_source(communiques.ENGLISH.encode()).format == "text"


def test_a_web_page_keeps_no_tag_script_menu_or_footer_in_its_paragraphs():
    parsed = parse(communiques.as_html(), "vilnius.html")
    text = "\n".join(p.text for p in parsed.paragraphs)
    for leftover in ("<", ">", "dataLayer", "Injected", "Accueil", "cookies", "Mentions"):
        assert leftover not in text


def test_tags_left_in_the_text_of_a_page_are_removed():
    body = "<p>1. Nous nous engageons &lt;b&gt;fermement&lt;/b&gt; à agir.</p><p>2. Fin.</p>"
    source = read_source(communiques.html_page(body).encode(), filename="page.html")
    assert "<b>" not in source.text and "fermement" in source.text
    assert any("tag" in note for note in source.notes)


def test_words_cut_by_a_hyphen_at_the_end_of_a_pdf_line_are_joined():
    source = read_source(communiques.as_pdf(), filename="vilnius.pdf")
    assert "euro-\natlantique" in source.text  # the text as the PDF lays it out
    texts = " ".join(p.text for p in parse(communiques.as_pdf(), "vilnius.pdf").paragraphs)
    assert "euro-atlantique" in texts
    assert "euro- atlantique" not in texts


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.txt", "The file is empty."),
        (b"  \r\n\t \n", "blank.txt", "only whitespace"),
        (communiques.zip_archive(), "communique.txt", "ZIP archive"),
        (communiques.PNG, "scan.txt", "PNG image"),
        (communiques.NEITHER_UTF8_NOR_CP1252, "odd.txt", "neither UTF-8 nor Windows-1252"),
        (communiques.scripts_only_html(), "page.html", "No text was found in the HTML page"),
        (communiques.image_only_pdf(), "scan.pdf", "has no text layer"),
        (b"%PDF-1.4\nnot really", "broken.pdf", "incomplete"),
        (b"1. Texte.", "communique.docx", "only .txt, .html and .pdf"),
        (b"1. Texte.", "communique.pdf", "named as a PDF file"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(data, filename, message):
    with pytest.raises(ingest.IngestError, match=message):
        read_source(data, filename=filename)


def test_text_without_paragraph_structure_is_read_as_prose_with_a_warning():
    parsed = parse(communiques.PROSE.encode(), "note.txt")
    assert len(parsed.paragraphs) == 1
    assert parsed.paragraphs[0].label == "§1"
    assert ingest.NO_STRUCTURE_WARNING in parsed.warnings
