"""Shapes of NATO texts as copies of them are found: numbering, lists, the furniture of
nato.int, news sites and document viewers, line-end hyphens, compatibility characters and
languages. Every text here is written for the test."""

import pytest

from summits import ingest

BODY = [
    "The Allies met in Testville and agreed on a new plan for collective defence.",
    "We welcome the progress made by our partners since the last meeting.",
    "We thank the host nation for its warm and generous hospitality.",
]


def numbered_text(marker, *, start=1, separator="\n\n"):
    return separator.join(
        f"{marker.format(n=start + index)} {text}" for index, text in enumerate(BODY)
    )


@pytest.mark.parametrize(
    "marker",
    ["{n}.", "{n} -", "{n})", "{n} –", "({n})", "{n} —"],
    ids=["period", "hyphen", "parenthesis", "en-dash", "in-parentheses", "em-dash"],
)
@pytest.mark.parametrize("separator", ["\n\n", "\n"], ids=["blank-lines", "one-line-each"])
def test_paragraph_numbers_in_every_marker_style(marker, separator):
    document = ingest.parse_text(numbered_text(marker, separator=separator))
    assert document.numbered
    assert [p.label for p in document.paragraphs] == ["1", "2", "3"]
    assert [p.text for p in document.paragraphs] == BODY


@pytest.mark.parametrize("start", [2, 50, 117])
def test_a_text_may_start_at_any_number(start):
    text = "Excerpt of the declaration\n" + numbered_text("{n}.", start=start, separator="\n")
    document = ingest.parse_text(text)
    assert document.numbered
    assert [p.number for p in document.paragraphs] == [start, start + 1, start + 2]
    assert document.title == "Excerpt of the declaration"
    assert [p.text for p in document.paragraphs] == BODY


@pytest.mark.parametrize(
    ("text", "labels", "first"),
    [
        (
            "1. We met in Testville. We agreed to act.2. We welcome our partners.3. We thank "
            "the hosts.",
            ["1", "2", "3"],
            "We met in Testville. We agreed to act.",
        ),
        (
            "1. Allies reaffirm the pledge.\n\n2. Allies will invest more in air defence "
            "by 2030.3. Allies agree to meet again next year.",
            ["1", "2", "3"],
            "Allies reaffirm the pledge.",
        ),
        (
            "1) Nous nous réunissons à Testville.2) Nous saluons nos partenaires.",
            ["1", "2"],
            "Nous nous réunissons à Testville.",
        ),
    ],
    ids=["all-on-one-line", "glued-after-a-year", "parenthesis-style"],
)
def test_numbers_glued_to_the_previous_sentence_start_paragraphs(text, labels, first):
    document = ingest.parse_text(text)
    assert [p.label for p in document.paragraphs] == labels
    assert document.paragraphs[0].text == first


def test_numbers_inside_sentences_stay_in_the_text():
    text = (
        "1. Allies spend 2. 5 percent more than in 2014.\n\n"
        "2. The plan of 2023 builds on Article 5. It was agreed by all.\n\n"
        "3. Allies meet again."
    )
    document = ingest.parse_text(text)
    assert [p.label for p in document.paragraphs] == ["1", "2", "3"]
    assert "Article 5. It was agreed" in document.paragraphs[1].text


@pytest.mark.parametrize("marker", ["- ", "• ", "– ", "▪ ", "\uf0b7 "])
def test_lists_introduced_by_any_marker_are_items_of_their_paragraph(marker):
    text = (
        "1. We have agreed:\n"
        f"{marker}a new generation of regional plans;\n"
        f"{marker}a stronger command structure.\n\n"
        "2. We thank the hosts."
    )
    document = ingest.parse_text(text)
    assert [p.label for p in document.paragraphs] == ["1", "1 •1", "1 •2", "2"]
    assert document.paragraphs[1].text == "a new generation of regional plans;"
    assert document.paragraphs[2].parent_position == 1


NATO_INT_PAGE = """\
English Français Русский Українська
Testville Summit Declaration
10 Jul. 2024 -
Press Release (2024) 042
Issued on 10 Jul. 2024
Last updated: 12 Jul. 2024 09:30
1. We, the leaders of the Alliance, met in Testville to mark a new chapter.
2. We commit to invest at least two percent of our output on defence every year.
3. We will meet again next year.
"""


def test_the_nato_int_metadata_block_is_set_aside_and_the_headline_kept():
    document = ingest.parse_text(NATO_INT_PAGE)
    assert document.title == "Testville Summit Declaration"
    assert [p.label for p in document.paragraphs] == ["1", "2", "3"]
    assert [(r.kind, r.line) for r in document.removed] == [
        ("chrome", 1),
        ("title", 2),
        ("chrome", 3),
        ("chrome", 4),
        ("chrome", 5),
        ("chrome", 6),
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        "You are on page 1 of 5",
        "Vous êtes sur la page 2 sur 7",
        "Enjoying your free trial? Subscribe to keep reading",
        "Already a subscriber? Sign in",
        "Article réservé aux abonnés",
        "Tuesday 9 July 2024",
        "Mardi 9 juillet 2024 à 14h30",
        "12/1/26, 7:16 PM",
        "July 9, 2024",
        "Skip to main content",
        "We use cookies to improve your experience on our website",
        "Accept all",
        "5 min read",
        "Temps de lecture : 4 min",
        "Listen to this article",
        "Download PDF",
        "Page 3 of 12",
    ],
)
@pytest.mark.parametrize("layout", ["prose", "numbered"])
def test_news_site_and_viewer_furniture_is_set_aside_never_the_title(furniture, layout):
    if layout == "prose":
        body = (
            "Allies met in Testville on Tuesday and agreed on new plans.\n\n"
            "They also welcomed the progress of their partners."
        )
    else:
        body = numbered_text("{n}.")
    text = f"{furniture}\n\nAllies agree new plans in Testville\n\n{body}\n"
    document = ingest.parse_text(text)
    assert document.title == "Allies agree new plans in Testville"
    assert ("chrome", furniture) in [(r.kind, r.text) for r in document.removed]
    assert all(furniture not in p.text for p in document.paragraphs)


def test_a_short_list_numbered_again_after_the_body_is_left_out():
    body = "\n\n".join(f"{n}. The Allies agree on measure {n} for defence." for n in range(1, 9))
    text = f"{body}\n\nMost read\n\n1. Weather for the weekend\n\n2. The football results\n"
    document = ingest.parse_text(text)
    assert [p.label for p in document.paragraphs] == [str(n) for n in range(1, 9)]
    assert document.warnings == ()
    left = [r.text for r in document.removed]
    assert "1. Weather for the weekend" in left and "2. The football results" in left


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Allies agreed to strengthen their collec-\ntive defence, and collective "
            "training will follow.",
            "Allies agreed to strengthen their collective defence, and collective training",
        ),
        (
            "Allies agreed to strengthen the security of the whole Euro-\nAtlantic area "
            "and of its partners.",
            "the security of the whole Euro-Atlantic area",
        ),
        (
            "Les Alliés renforcent la sécurité de la zone euro-\natlantique, et la zone "
            "euro-atlantique reste au cœur de l’Alliance.",
            "la sécurité de la zone euro-atlantique, et la zone",
        ),
        (
            "Les Alliés poursuivent leurs inves-\ntissements, car les investissements "
            "restent nécessaires.",
            "Les Alliés poursuivent leurs investissements, car",
        ),
        (
            "The plan covers land, sea and air -\nand space as well.",
            "land, sea and air - and space as well.",
        ),
    ],
    ids=["cut-word", "compound", "french-compound", "french-cut-word", "spaced-dash"],
)
def test_a_hyphen_at_a_line_end_joins_the_word_and_stays_only_in_compounds(text, expected):
    (paragraph,) = ingest.parse_text(text).paragraphs
    assert expected in paragraph.text


def test_ligatures_and_compatibility_characters_read_as_letters():
    text = "1. Le ﬁnancement commun est oﬃciel et ﬂexible.\n\n2. Ｔｅｓｔ de l’eﬀort."
    document = ingest.parse_text(text)
    assert [p.text for p in document.paragraphs] == [
        "Le financement commun est officiel et flexible.",
        "Test de l’effort.",
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Wir, die Staats- und Regierungschefs der Allianz, sind in Testburg "
            "zusammengekommen. Wir bekräftigen unser Engagement für die Verteidigung und "
            "die Sicherheit des Bündnisses.",
            "German",
        ),
        (
            "Nosotros, los jefes de Estado y de Gobierno de la Alianza, nos hemos reunido "
            "en Testville. Reafirmamos nuestro compromiso con la defensa colectiva y con "
            "el vínculo transatlántico, que es más fuerte que nunca.",
            "Spanish",
        ),
        (
            "Noi, capi di Stato e di governo dell'Alleanza, ci siamo riuniti a Testville. "
            "Riaffermiamo il nostro impegno per la difesa collettiva della nostra Alleanza "
            "e degli alleati, che è più forte che mai nella regione.",
            "Italian",
        ),
        (
            "Wij, de staatshoofden en regeringsleiders van het Bondgenootschap, zijn in "
            "Testville bijeengekomen. Wij bevestigen onze inzet voor de collectieve "
            "verdediging van het gebied en van onze bondgenoten.",
            "Dutch",
        ),
        (
            "Мы, главы государств и правительств Альянса, собрались в Тествилле. Мы "
            "подтверждаем нашу приверженность коллективной обороне.",
            "Cyrillic",
        ),
    ],
)
def test_a_text_in_another_language_is_refused_naming_the_languages_read(text, language):
    with pytest.raises(ingest.IngestError) as caught:
        ingest.parse_text(text)
    message = str(caught.value)
    assert language in message
    assert "only French and English texts can be loaded" in message


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The Allies met in Testville. The motto of the host city, »Einigkeit und "
            "Recht und Freiheit«, was on every banner. We commit to the defence of the "
            "Alliance and of all its members.",
            "en",
        ),
        ("Les Alliés se sont réunis à Testville et ont salué le plan.", "fr"),
        ("NATO 2024", "fr"),
    ],
)
def test_french_and_english_texts_are_read_even_with_foreign_words(text, language):
    assert ingest.parse_text(text).language == language
