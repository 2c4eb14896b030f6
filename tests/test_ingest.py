"""Tests for summits.ingest, on the real source texts and on short written samples."""

import functools
import hashlib
import json
import random
import re
from pathlib import Path

import pytest

from summits import ingest

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
VILNIUS = "2023-07-11-vilnius-communique.txt"
PREVIEW = "2021-06-14-bruxelles-sommet-article-avant-sommet.txt"
CHAPTER = "2021-06-14-bruxelles-sommet-article-nouveau-chapitre.txt"
MINISTERS = "2023-11-28-bruxelles-ministres-affaires-etrangeres.txt"
WASHINGTON = "2024-07-11-washington-communique-de-presse-cloture.txt"
ALL_SOURCES = (PREVIEW, CHAPTER, VILNIUS, MINISTERS, WASHINGTON)

# The repeated passage of Vilnius ¶7, as the brief for the source describes it.
VILNIUS_7_PASSAGE = (
    "la sécurité énergétique et alimentaire, l’économie mondiale et le bien-être de milliards "
    "de personnes dans le monde. Les Alliés s’emploient à permettre les exportations de "
    "céréales ukrainiennes et soutiennent activement les efforts internationaux visant à "
    "atténuer la crise alimentaire mondiale."
)
VILNIUS_CUT = ("20", "21", "54", "63", "72", "73", "75", "76", "83")
# Every defect of the Vilnius text, by paragraph label: nothing more, nothing less.
VILNIUS_DEFECTS = {
    "7": ["repeated_text"],
    **{label: ["cut"] for label in VILNIUS_CUT},
    "40": ["stray_break"],
    "42": ["stray_break"],
    "61": ["repeated_text", "repeated_text"],
    "62": ["stray_punctuation"],
    "64": ["repeated_text"],
    "67": ["repeated_text"],
    "69": ["repeated_text"],
    "78": ["stray_punctuation"],
}


def read_bytes(name: str) -> bytes:
    return (SOURCES / name).read_bytes()


def raw_lines(name: str) -> list[str]:
    return read_bytes(name).decode("utf-8").split("\n")


def raw_line(name: str, number: int) -> str:
    """Line of the source with its whitespace (NBSP included) collapsed."""
    return " ".join(raw_lines(name)[number - 1].split())


@functools.cache
def parsed(name: str) -> ingest.ParsedDocument:
    return ingest.parse(read_bytes(name))


def by_label(document: ingest.ParsedDocument) -> dict[str, ingest.ParsedParagraph]:
    return {paragraph.label: paragraph for paragraph in document.paragraphs}


def words(text: str) -> str:
    """Lowercase word sequence, punctuation ignored, padded for substring tests."""
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


def kinds(paragraph: ingest.ParsedParagraph) -> list[str]:
    return [defect.kind for defect in paragraph.defects]


# --------------------------------------------------------------------------- Vilnius


def test_vilnius_has_90_numbered_paragraphs_and_six_bullets():
    document = parsed(VILNIUS)
    assert document.numbered
    assert len(document.paragraphs) == 96
    assert [p.position for p in document.paragraphs] == list(range(1, 97))
    numbered = [p for p in document.paragraphs if p.number is not None]
    assert [p.number for p in numbered] == list(range(1, 91))
    assert all(p.label == str(p.number) and p.anchor == f"p{p.number}" for p in numbered)
    assert all(p.parent_position is None for p in numbered)
    assert document.warnings == ()


def test_vilnius_paragraphs_start_on_their_numbered_line():
    lines = raw_lines(VILNIUS)
    for paragraph in parsed(VILNIUS).paragraphs:
        line = lines[paragraph.line - 1]
        if paragraph.number is not None:
            assert line.startswith(f"{paragraph.number}. ")
        else:
            assert line.lstrip().startswith("• ")


@pytest.mark.parametrize(
    ("rank", "start"),
    [
        (1, "Mettre en place une nouvelle génération de plans de défense régionaux"),
        (2, "Convenu que nos plans de défense sont le principal moteur"),
        (3, "Convenu de renforcer le commandement et le contrôle de l’OTAN"),
        (4, "réaffirmé nos décisions au sommet de Madrid"),
        (5, "Convenu d’améliorer encore l’état de préparation"),
        (6, "Nous sommes convenus de poursuivre nos travaux sur les opérations multidomaines"),
    ],
)
def test_vilnius_bullet_items_belong_to_paragraph_34(rank, start):
    document = parsed(VILNIUS)
    paragraph_34 = by_label(document)["34"]
    item = by_label(document)[f"34 •{rank}"]
    assert item.text.startswith(start)
    assert item.number is None
    assert item.parent_position == paragraph_34.position
    assert item.position == paragraph_34.position + rank
    assert item.anchor == f"p34-{rank}"
    assert item.defects == ()


def test_vilnius_bullets_are_the_only_children():
    document = parsed(VILNIUS)
    children = [p.label for p in document.paragraphs if p.parent_position is not None]
    assert children == [f"34 •{rank}" for rank in range(1, 7)]
    assert by_label(document)["35"].position == by_label(document)["34 •6"].position + 1


def test_vilnius_defects_are_exactly_the_known_ones():
    found = {p.label: kinds(p) for p in parsed(VILNIUS).paragraphs if p.defects}
    assert found == VILNIUS_DEFECTS
    assert parsed(VILNIUS).defects_count == sum(len(v) for v in VILNIUS_DEFECTS.values())


def test_vilnius_paragraph_7_keeps_one_copy_of_the_repeated_passage():
    paragraph = by_label(parsed(VILNIUS))["7"]
    raw = raw_line(VILNIUS, paragraph.line)
    assert raw.count(VILNIUS_7_PASSAGE) == 3
    assert paragraph.text.count(VILNIUS_7_PASSAGE) == 1
    assert paragraph.text.endswith(VILNIUS_7_PASSAGE)
    assert paragraph.defects == (ingest.Defect("repeated_text", VILNIUS_7_PASSAGE, 2),)


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("7", "soutiennent activement les efforts internationaux"),
        ("61", "Les actions, engagements et obligations juridiques des Alliés"),
        ("61", "nos chaînes d’approvisionnement et nos systèmes de santé"),
        ("64", "l’attribution est une prérogative nationale souveraine"),
        ("67", "Nous saluons la création du Centre d’excellence spatial de l’OTAN"),
        ("69", "des technologies propres innovantes de nouvelle génération"),
    ],
)
def test_vilnius_repeated_passages_are_kept_once(label, phrase):
    paragraph = by_label(parsed(VILNIUS))[label]
    raw = raw_line(VILNIUS, paragraph.line)
    assert raw.count(phrase) >= 3
    assert paragraph.text.count(phrase) == 1
    removed = [d for d in paragraph.defects if d.kind == "repeated_text"]
    assert sum(d.count for d in removed) >= 2
    assert all(phrase in d.text for d in removed)


def test_vilnius_paragraph_64_resumed_copies_are_removed_with_their_first_word():
    paragraph = by_label(parsed(VILNIUS))["64"]
    (defect,) = paragraph.defects
    assert defect.count == 2
    assert defect.text.startswith("reconnaître l’attribution est une prérogative")
    assert "reconnaissant que l’attribution" in paragraph.text
    assert "reconnaître" not in paragraph.text
    assert paragraph.text.endswith("leur résilience face aux défis hybrides.")


@pytest.mark.parametrize("label", VILNIUS_CUT)
def test_vilnius_cut_paragraphs_are_flagged_and_kept(label):
    paragraph = by_label(parsed(VILNIUS))[label]
    raw = raw_line(VILNIUS, paragraph.line)
    assert paragraph.text.endswith(",")
    assert raw.endswith(paragraph.text)
    (defect,) = paragraph.defects
    assert defect.kind == "cut"
    assert paragraph.text.endswith(defect.text)
    assert len(defect.text.split()) == 8


@pytest.mark.parametrize(
    ("label", "ending"),
    [
        ("34", "Nous avons:"),
        ("85", "l’ordre international fondé sur des règles."),
        ("90", "suivi d’une réunion aux Pays-Bas en 2025."),
        ("34 •6", "cyberespace et spatial."),
    ],
)
def test_vilnius_complete_paragraphs_are_not_cut(label, ending):
    paragraph = by_label(parsed(VILNIUS))[label]
    assert paragraph.text.endswith(ending)
    assert "cut" not in kinds(paragraph)


@pytest.mark.parametrize(
    ("label", "snippet", "repaired"),
    [
        (
            "40",
            "l’ensemble de l’Alliance. territoire,",
            "à partir de l’ensemble de l’Alliance territoire, y compris par le prépositionnement",
        ),
        ("42", "que sa disponibilité. de", "ainsi que sa disponibilité de l’espace aérien."),
    ],
)
def test_vilnius_stray_sentence_break_is_repaired(label, snippet, repaired):
    paragraph = by_label(parsed(VILNIUS))[label]
    assert snippet in raw_line(VILNIUS, paragraph.line)
    assert paragraph.defects == (ingest.Defect("stray_break", snippet),)
    assert repaired in paragraph.text
    assert snippet not in paragraph.text


@pytest.mark.parametrize(
    ("label", "snippet", "repaired"),
    [
        ("62", "données. .", "une prise de décision basée sur les données."),
        ("78", "l’OTAN. .", "aux soldats de l’OTAN. Nous avons renforcé la présence"),
    ],
)
def test_vilnius_stray_punctuation_is_repaired(label, snippet, repaired):
    paragraph = by_label(parsed(VILNIUS))[label]
    assert snippet in raw_line(VILNIUS, paragraph.line)
    assert paragraph.defects == (ingest.Defect("stray_punctuation", snippet),)
    assert repaired in paragraph.text
    assert ". ." not in paragraph.text


def test_every_sentence_of_the_vilnius_body_is_kept():
    """Sentences of the raw body, compared as word sequences, are all in some paragraph.

    The only exceptions are the stray first words of the resumed copies that the repair
    of ¶61, ¶64 and ¶69 removes; those sentences are then in the defect of the paragraph.
    """
    lines = raw_lines(VILNIUS)
    start = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    end = next(i for i, line in enumerate(lines) if line.startswith("90. "))
    body = [re.sub(r"^\s*(?:\d{1,3}\.|•)\s", "", line) for line in lines[start : end + 1]]
    sentences = [
        sentence
        for line in body
        for sentence in re.split(r"(?<=[.!?:;])\s+", line)
        if words(sentence).strip()
    ]
    document = parsed(VILNIUS)
    kept = [words(paragraph.text) for paragraph in document.paragraphs]
    in_defects = [
        words(defect.text)
        for paragraph in document.paragraphs
        for defect in paragraph.defects
        if defect.kind == "repeated_text"
    ]
    assert len(sentences) > 500
    missing = [s for s in sentences if not any(words(s) in text for text in kept)]
    assert all(any(words(s) in text for text in in_defects) for s in missing)
    assert sorted({s.split()[0] for s in missing}) == ["et", "reconnaître", "y"]


def test_vilnius_chrome_and_matter_around_the_body_are_kept_in_removed():
    document = parsed(VILNIUS)
    removed = [(entry.kind, entry.line, entry.text[:30]) for entry in document.removed]
    assert removed == [
        ("title", 1, "OTAN : Voici les 90 points for"),
        ("chrome", 3, "Partager sur"),
        ("chrome", 5, "CONTEXTE :"),
        ("front_matter", 8, "Créé le 4 avril 1949, l’OTAN é"),
        ("chrome", 10, "Ci-dessous, la vidéo"),
        ("chrome", 199, "Source : OTAN"),
        ("chrome", 205, "Partager sur"),
        ("chrome", 207, "Brothermyephre.com"),
        ("chrome", 209, "Brothermyephre.com (BROMYFA) e"),
        ("chrome", 211, "Laisser un commentaire"),
    ]
    texts = " ".join(paragraph.text for paragraph in document.paragraphs)
    for chrome in ("Partager sur", "CONTEXTE", "vidéo", "Source : OTAN", "Brothermyephre"):
        assert chrome not in texts


def test_vilnius_every_line_is_a_paragraph_or_removed():
    lines = raw_lines(VILNIUS)
    document = parsed(VILNIUS)
    accounted = {p.line for p in document.paragraphs} | {r.line for r in document.removed}
    assert accounted == {number for number, line in enumerate(lines, 1) if line.strip()}
    assert document.title == lines[0]


# --------------------------------------------------------------------------- all sources


@pytest.mark.parametrize(
    ("name", "numbered", "count", "title"),
    [
        (
            PREVIEW,
            False,
            8,
            'Les dirigeants de l\'OTAN se réunissent pour "renforcer les liens transatlantiques"',
        ),
        (
            CHAPTER,
            False,
            8,
            "Les dirigeants de l’OTAN ouvrent un nouveau chapitre dans les "
            "relations transatlantiques",
        ),
        (
            VILNIUS,
            True,
            96,
            "OTAN : Voici les 90 points forts du communiqué final du sommet de Vilnius (officiel)",
        ),
        (
            MINISTERS,
            False,
            5,
            "Les ministres des Affaires étrangères des pays de l'OTAN "
            "s’entretiennent de la dissuasion et de la défense, du soutien à l'Ukraine et des "
            "partenariats",
        ),
        (WASHINGTON, False, 5, ""),
    ],
)
def test_sources_structure_and_title(name, numbered, count, title):
    document = parsed(name)
    assert document.encoding == "utf-8"
    assert document.language == "fr"
    assert document.numbered is numbered
    assert len(document.paragraphs) == count
    assert document.title == title
    titles = [entry for entry in document.removed if entry.kind == "title"]
    assert [entry.text for entry in titles] == ([title] if title else [])
    assert all(title != paragraph.text for paragraph in document.paragraphs)


@pytest.mark.parametrize("name", [PREVIEW, CHAPTER, MINISTERS, WASHINGTON])
def test_prose_paragraphs_are_labelled_in_order(name):
    paragraphs = parsed(name).paragraphs
    assert [p.label for p in paragraphs] == [f"§{i}" for i in range(1, len(paragraphs) + 1)]
    assert [p.anchor for p in paragraphs] == [f"s{i}" for i in range(1, len(paragraphs) + 1)]
    assert all(p.number is None and p.parent_position is None for p in paragraphs)


@pytest.mark.parametrize(
    ("name", "first_line", "last_words"),
    [
        (PREVIEW, 3, "dans un monde de « concurrence globale»."),
        (CHAPTER, 3, "d’où qu’elles viennent »."),
        (MINISTERS, 2, "fourniture d’une aide humanitaire supplémentaire."),
        (WASHINGTON, 1, "et à approfondir les partenariats mondiaux."),
    ],
)
def test_first_prose_paragraph(name, first_line, last_words):
    first = parsed(name).paragraphs[0]
    assert first.line == first_line
    assert first.text.endswith(last_words)
    assert first.text == raw_line(name, first_line)


@pytest.mark.parametrize(
    ("name", "warned"),
    [(PREVIEW, False), (CHAPTER, False), (VILNIUS, False), (MINISTERS, False), (WASHINGTON, False)],
)
def test_only_a_text_that_nothing_splits_gets_the_no_structure_warning(name, warned):
    assert (ingest.NO_STRUCTURE_WARNING in parsed(name).warnings) is warned


def test_preview_article_body_is_kept_once():
    document = parsed(PREVIEW)
    duplicates = [entry for entry in document.removed if entry.kind == "duplicate"]
    assert [entry.line for entry in duplicates] == [19, 21, 23, 25, 27, 29, 31]
    flagged = [p for p in document.paragraphs if "duplicate" in kinds(p)]
    assert [p.label for p in flagged] == ["§2", "§3", "§4", "§5", "§6", "§7", "§8"]
    for paragraph, entry in zip(flagged, duplicates, strict=True):
        assert entry.text == paragraph.text == raw_line(PREVIEW, entry.line)
        assert paragraph.defects == (ingest.Defect("duplicate", paragraph.text, 1),)
    assert kinds(document.paragraphs[0]) == []
    assert len({p.text for p in document.paragraphs}) == len(document.paragraphs)


@pytest.mark.parametrize("name", [CHAPTER, VILNIUS, MINISTERS, WASHINGTON])
def test_other_sources_have_no_duplicate(name):
    document = parsed(name)
    assert not [entry for entry in document.removed if entry.kind == "duplicate"]
    assert not [p for p in document.paragraphs if "duplicate" in kinds(p)]


@pytest.mark.parametrize("name", [PREVIEW, CHAPTER, MINISTERS, WASHINGTON])
def test_real_prose_has_no_other_defect(name):
    assert {kind for p in parsed(name).paragraphs for kind in kinds(p)} <= {"duplicate"}


@pytest.mark.parametrize("name", ALL_SOURCES)
def test_results_are_json_serialisable_with_known_kinds(name):
    document = parsed(name)
    defects = [defect.as_dict() for p in document.paragraphs for defect in p.defects]
    assert json.loads(json.dumps(defects)) == defects
    assert {d["kind"] for d in defects} <= set(ingest.DEFECT_KINDS)
    assert {entry.kind for entry in document.removed} <= set(ingest.REMOVED_KINDS)
    assert all("\xa0" not in p.text and "  " not in p.text for p in document.paragraphs)
    assert all(p.text == p.text.strip() and p.text for p in document.paragraphs)


# --------------------------------------------------------------------------- encodings


def vilnius_reference() -> list[tuple[str, str, int]]:
    return [(p.label, p.text, p.line) for p in parsed(VILNIUS).paragraphs]


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: text.encode("cp1252"), "cp1252"),
        (lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), "utf-8-sig"),
        (lambda text: text.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (lambda text: text.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
    ids=["cp1252", "utf-8-bom-crlf", "crlf", "cr"],
)
def test_vilnius_in_other_encodings_gives_the_same_paragraphs(encode, encoding):
    data = encode(read_bytes(VILNIUS).decode("utf-8"))
    text, found = ingest.decode(data)
    assert found == encoding
    assert "\ufeff" not in text
    document = ingest.parse_text(text, encoding=found)
    assert document.encoding == encoding
    assert [(p.label, p.text, p.line) for p in document.paragraphs] == vilnius_reference()
    assert [(r.kind, r.line) for r in document.removed] == [
        (r.kind, r.line) for r in parsed(VILNIUS).removed
    ]


def test_cp1252_input_is_reported_in_the_warnings():
    document = ingest.parse(read_bytes(CHAPTER).decode("utf-8").encode("cp1252"))
    assert document.encoding == "cp1252"
    assert document.warnings == ("The file is not UTF-8; it was read as Windows-1252.",)
    assert [p.text for p in document.paragraphs] == [p.text for p in parsed(CHAPTER).paragraphs]


def test_decode_keeps_the_text_as_it_is():
    data = read_bytes(VILNIUS)
    assert ingest.decode(data) == (data.decode("utf-8"), "utf-8")
    assert ingest.decode(b"\xef\xbb\xbf" + data) == (data.decode("utf-8"), "utf-8-sig")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf", "The file is empty."),
        (b" \n\t\r\n   \n", "only whitespace"),
        ("\u00a0\u202f\n".encode(), "only whitespace"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml", "ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        ("Sommet de Vilnius".encode("utf-16"), "UTF-16"),
        (random.Random(20230711).randbytes(4096), "NUL bytes"),
        (
            bytes(b for b in random.Random(20230711).randbytes(4096) if b),
            "neither UTF-8 nor Windows-1252",
        ),
        ("Texte lisible en français ".encode("cp1252") + b"\x81\x8d", "byte 0x81"),
        (bytes(range(0xA0, 0x100)) * 8, "does not look like a text"),
        (b"Texte \x01\x02\x03\x04\x05\x06 avec \x07\x08 des contr\x0eles", "control characters"),
    ],
    ids=[
        "empty",
        "bom-only",
        "whitespace",
        "unicode-spaces",
        "zip",
        "png",
        "jpeg",
        "pdf",
        "utf-16",
        "random",
        "random-without-nul",
        "cp1252-undefined-byte",
        "symbols",
        "controls",
    ],
)
def test_bad_input_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ingest.IngestError) as caught:
        ingest.parse(data)
    text = str(caught.value)
    assert message in text
    assert text[0].isupper() and text.endswith(".")
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("text", ["", "   \n\n", "Partager sur\n\nSource : OTAN\n"])
def test_parse_text_refuses_a_text_without_paragraph(text):
    with pytest.raises(ingest.IngestError):
        ingest.parse_text(text)


def test_sha256_text():
    assert ingest.sha256_text("") == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    assert ingest.sha256_text("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    text = read_bytes(VILNIUS).decode("utf-8")
    assert ingest.sha256_text(text) == hashlib.sha256(read_bytes(VILNIUS)).hexdigest()
    assert ingest.sha256_text(text) != ingest.sha256_text(text.replace("\n", "\r\n"))


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We reaffirm our commitment to the defence of the Alliance.", "en"),
        ("Nous réaffirmons notre engagement pour la défense de l’Alliance.", "fr"),
        ("The Allies will invest at least 2% of GDP in defence.", "en"),
        ("Les Alliés investiront au moins 2 % du PIB dans la défense.", "fr"),
        ("NATO OTAN 2023", "fr"),
    ],
)
def test_detect_language(text, language):
    assert ingest.detect_language(text) == language


# --------------------------------------------------------------------------- written samples

NATO_INT_ENGLISH = """\
Vilnius Summit Communiqué

Issued by NATO Heads of State and Government participating in the meeting of the North \
Atlantic Council in Vilnius 11 July 2023.

Share this page

1.\tWe, the Heads of State and Government of the North Atlantic Alliance, have gathered in \
Vilnius.

2.\tWe welcome Finland as the newest member of our Alliance.

3.\tWe reaffirm our enduring commitment to invest at least 2% of our Gross Domestic Product \
annually on defence. We have:

  • agreed a new generation of regional defence plans;
  • agreed to strengthen NATO's command and control.

4.\tWe thank the people of Lithuania for their hospitality.

Read more: Madrid Summit Declaration
Leave a comment
"""


def test_english_numbered_text_from_a_web_page():
    document = ingest.parse_text(NATO_INT_ENGLISH)
    assert document.language == "en"
    assert document.numbered
    assert document.title == "Vilnius Summit Communiqué"
    assert [p.label for p in document.paragraphs] == ["1", "2", "3", "3 •1", "3 •2", "4"]
    assert document.paragraphs[0].text.startswith("We, the Heads of State")
    assert document.paragraphs[3].text == "agreed a new generation of regional defence plans;"
    assert document.paragraphs[4].parent_position == 3
    assert [(r.kind, r.text[:20]) for r in document.removed] == [
        ("title", "Vilnius Summit Commu"),
        ("front_matter", "Issued by NATO Heads"),
        ("chrome", "Share this page"),
        ("chrome", "Read more: Madrid Su"),
        ("chrome", "Leave a comment"),
    ]
    assert document.defects_count == 0


PDF_WRAPPED = """\
Washington Summit Declaration
Issued by the NATO Heads of State and Government
participating in the meeting of the North Atlantic Council in Washington 10 July 2024
1. We, the Heads of State and Government of the North Atlantic Alliance, have
gathered in Washington to celebrate the 75th anniversary of the strongest
Alliance in history.
2. Our commitment to the defence of every inch of Allied territory, as set
out in Article
5. of the Washington Treaty, is ironclad.

- 2 -

3. We are united in our support for Ukraine. We have:
   • established the NATO Security Assistance and Training for Ukraine, which
     will coordinate the provision of military equipment;
   • announced a pledge of long-term security assistance
     for Ukraine.
4. We will meet again in the Netherlands in 2025.
"""


def test_hard_wrapped_pdf_text_is_joined_into_paragraphs():
    document = ingest.parse_text(PDF_WRAPPED)
    assert document.language == "en"
    assert document.numbered
    assert document.title == "Washington Summit Declaration"
    labels = [p.label for p in document.paragraphs]
    assert labels == ["1", "2", "3", "3 •1", "3 •2", "4"]
    texts = by_label(document)
    assert texts["1"].text == (
        "We, the Heads of State and Government of the North Atlantic Alliance, have gathered in "
        "Washington to celebrate the 75th anniversary of the strongest Alliance in history."
    )
    assert texts["2"].text.endswith(
        "as set out in Article 5. of the Washington Treaty, is ironclad."
    )
    assert texts["3 •1"].text.endswith("which will coordinate the provision of military equipment;")
    assert texts["3 •2"].text == "announced a pledge of long-term security assistance for Ukraine."
    assert [p.line for p in document.paragraphs] == [4, 7, 13, 14, 16, 18]
    assert ("chrome", "- 2 -") in [(r.kind, r.text) for r in document.removed]
    assert [r.kind for r in document.removed if r.line in (2, 3)] == ["front_matter"] * 2
    assert document.warnings == () and document.defects_count == 0


def test_dash_inside_wrapped_text_is_not_a_bullet():
    text = (
        "1. We welcome the contribution of our partners in the Asia-Pacific region\n"
        "– Australia, Japan, New Zealand and the Republic of Korea – to our security.\n"
        "2. We thank Lithuania.\n"
    )
    document = ingest.parse_text(text)
    assert [p.label for p in document.paragraphs] == ["1", "2"]
    assert "region – Australia, Japan" in document.paragraphs[0].text


@pytest.mark.parametrize(
    ("numbers", "warnings", "labels"),
    [
        ([1, 2, 4, 5], ["Paragraph 3 is missing."], ["1", "2", "4", "5"]),
        ([1, 2, 6, 7], ["Paragraphs 3 to 5 are missing."], ["1", "2", "6", "7"]),
        (
            [1, 2, 3, 3, 4],
            ["Paragraph 3 appears 2 times (lines 5, 7)."],
            ["1", "2", "3", "3b", "4"],
        ),
        ([3, 4, 5], ["Paragraphs 1 to 2 are missing."], ["3", "4", "5"]),
        (
            [1, 3, 2, 4],
            ["Paragraph 2 (line 5) comes after paragraph 3: the numbering is out of order."],
            ["1", "3", "2", "4"],
        ),
    ],
)
def test_numbering_gaps_and_duplicates_are_accepted_with_warnings(numbers, warnings, labels):
    text = "\n\n".join(
        f"{number}. The Allies agree on measure {index} for collective defence."
        for index, number in enumerate(numbers)
    )
    document = ingest.parse_text(text)
    assert document.numbered
    assert [p.number for p in document.paragraphs] == numbers
    assert list(document.warnings) == warnings
    assert [p.label for p in document.paragraphs] == labels
    assert len({p.anchor for p in document.paragraphs}) == len(numbers)


def test_repeated_numbered_body_is_kept_once():
    body = "\n\n".join(f"{n}. The Allies agree on measure {n} for defence." for n in (1, 2, 3))
    document = ingest.parse_text(f"{body}\n\n{body}\n")
    assert [p.label for p in document.paragraphs] == ["1", "2", "3"]
    assert document.warnings == ()
    assert [r.kind for r in document.removed] == ["duplicate"] * 3
    assert all(p.defects == (ingest.Defect("duplicate", p.text, 1),) for p in document.paragraphs)


def test_one_long_line_is_one_prose_paragraph_with_a_warning():
    text = (
        "The Allies agreed to strengthen deterrence and defence. They welcomed Finland, "
        "and they reaffirmed the open door policy of the Alliance."
    )
    document = ingest.parse_text(text)
    assert not document.numbered
    assert document.title == ""
    assert [p.text for p in document.paragraphs] == [text]
    assert document.warnings == (ingest.NO_STRUCTURE_WARNING,)


def test_lines_without_blank_lines_are_prose_paragraphs():
    text = (
        "NATO Foreign Ministers meet in Brussels\n"
        "Foreign Ministers discussed support for Ukraine on Tuesday.\n"
        "The Secretary General said that Allies remain united and that support\n"
        "will continue for as long as it takes.\n"
        "Ministers also approved a new strategy on quantum technologies.\n"
    )
    document = ingest.parse_text(text)
    assert document.title == "NATO Foreign Ministers meet in Brussels"
    assert [p.text for p in document.paragraphs] == [
        "Foreign Ministers discussed support for Ukraine on Tuesday.",
        "The Secretary General said that Allies remain united and that support will continue "
        "for as long as it takes.",
        "Ministers also approved a new strategy on quantum technologies.",
    ]
    assert [p.line for p in document.paragraphs] == [2, 3, 5]
    assert document.warnings == ()
    assert document.defects_count == 0


def test_blank_line_separated_prose_with_wrapped_lines():
    text = (
        "Leaders agree new defence plans\n\n"
        "Allied leaders agreed on Tuesday on new regional defence plans for the\n"
        "Alliance, the first since the end of the Cold War.\n\n"
        "They also agreed a Defence Production Action Plan.\n\n"
        "Source: NATO\n"
    )
    document = ingest.parse_text(text)
    assert document.title == "Leaders agree new defence plans"
    assert [p.text for p in document.paragraphs] == [
        "Allied leaders agreed on Tuesday on new regional defence plans for the Alliance, the "
        "first since the end of the Cold War.",
        "They also agreed a Defence Production Action Plan.",
    ]
    assert document.warnings == ()
    assert [(r.kind, r.text) for r in document.removed] == [
        ("title", "Leaders agree new defence plans"),
        ("chrome", "Source: NATO"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Relations between the U.S. and Canada remain strong.",
        "M. le secrétaire général a salué les Alliés.",
        "Les menaces hybrides, cyber, spatiales, etc. restent au cœur des travaux.",
        "Allies invest in new capabilities, e.g. air defence.",
        "Le sommet aura lieu le 11 juil. à Vilnius.",
        "Nous soutenons l’Ukraine... jusqu’au bout.",
        "Is this the end? yes, for now.",
    ],
)
def test_abbreviations_and_ellipses_are_not_stray_breaks(sentence):
    document = ingest.parse_text(sentence)
    assert document.paragraphs[0].text == sentence
    assert document.defects_count == 0


@pytest.mark.parametrize(
    ("text", "kind", "repaired"),
    [
        ("The Alliance stands united. and strong.", "stray_break", "united and strong."),
        ("We condemn the attacks,, and the threats.", "stray_punctuation", "attacks, and the"),
        ("We condemn the attacks,. We stand united.", "stray_punctuation", "attacks. We stand"),
        ("We condemn the attacks. ; We stand united.", "stray_punctuation", "attacks. We stand"),
        ("We will continue to support Ukraine,", "cut", "to support Ukraine,"),
        ("We will continue to support Ukraine", "cut", "to support Ukraine"),
    ],
)
def test_defects_on_written_samples(text, kind, repaired):
    (paragraph,) = ingest.parse_text(text).paragraphs
    assert kinds(paragraph) == [kind]
    assert repaired in paragraph.text


def test_a_passage_repeated_many_times_in_a_long_paragraph_is_kept_once():
    sentence = "Les Alliés renforcent la dissuasion et la défense de la zone euro-atlantique."
    text = "Introduction du paragraphe. " + " ".join([sentence] * 70)
    assert len(text) > 5000
    (paragraph,) = ingest.parse_text(text).paragraphs
    assert paragraph.text == f"Introduction du paragraphe. {sentence}"
    assert paragraph.defects == (ingest.Defect("repeated_text", sentence, 69),)


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["a"] * 2500) + ".",
        " ".join(f"mot{i}" for i in range(400)) + ". B " + " ".join(f"mot{i}" for i in range(400)),
        " ".join(random.Random(7).choice(["la", "le", "de", "OTAN", "et"]) for _ in range(900)),
    ],
    ids=["one-word", "long-passage-twice-apart", "random-words"],
)
def test_awkward_paragraphs_come_out_as_one_paragraph_of_their_own_words(text):
    # How long they take is in bench/benchmark.py (parsing).
    (paragraph,) = ingest.parse_text(text).paragraphs
    given = iter(text.split())
    assert all(word in given for word in paragraph.text.split())  # in order, none added


def test_a_large_corpus_keeps_every_paragraph_once():
    paragraphs = [
        f"Les Alliés conviennent de la mesure numéro {i} pour la défense." for i in range(100_000)
    ]
    text = "Corpus de mesures\n\n" + "\n\n".join(paragraphs + paragraphs[:1000])
    document = ingest.parse_text(text)
    assert len(document.paragraphs) == 100_000
    assert sum(1 for r in document.removed if r.kind == "duplicate") == 1000
