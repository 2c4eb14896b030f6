"""summits.recognition: the same text in any form, a corrected version, another language."""

from dataclasses import dataclass

import pytest

from summits import recognition


@dataclass(frozen=True)
class P:
    label: str
    text: str
    number: int | None = None


TEXT = [
    P("1", "We, the leaders of the Alliance, met in Testville in 2031.", 1),
    P("2", "We commit to invest at least 2% of our output on defence.", 2),
    P("2 •1", "new plans for the north;"),
    P("3", "We will meet again in Otherville in 2032.", 3),
]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Euro-Atlantic security, for all.", "euro-atlantic security for all", True),
        ("les cyber-menaces", "les cybermenaces", True),
        ("L’Alliance  défend   l'Europe.", "l'alliance defend l’europe", True),
        ("We commit to invest.", "We commit to spend.", False),
    ],
)
def test_words_keys_ignore_form_not_words(a, b, same):
    assert (recognition.words_key(a) == recognition.words_key(b)) is same
    assert (recognition.fingerprint(a) == recognition.fingerprint(b)) is same
    assert len(recognition.fingerprint(a)) == 16


def test_the_same_words_in_another_form_are_the_same_text():
    reformed = [P(p.label, p.text.replace(",", " ,").upper(), p.number) for p in TEXT]
    comparison = recognition.compare(reformed, TEXT)
    assert comparison.same_text and not comparison.looks_like_a_version
    assert (comparison.identical, comparison.equivalent) == (0, 4)
    assert recognition.compare(TEXT, TEXT).identical == 4


@pytest.mark.parametrize(
    ("change", "kinds", "version"),
    [
        (
            lambda t: [t[0], P("2", t[1].text.replace("defence", "security"), 2), *t[2:]],
            ["changed"],
            True,
        ),
        (
            lambda t: [*t, P("4", "We thank the hosts of Otherville for their welcome.", 4)],
            ["added"],
            True,
        ),
        (lambda t: [t[0], *t[2:]], ["removed"], True),
        (
            lambda t: [P(p.label, f"Nothing alike here, paragraph {p.label}.") for p in t],
            ["removed", "removed", "removed", "removed", "added", "added", "added", "added"],
            False,
        ),
    ],
    ids=["one-word", "added", "removed", "unrelated"],
)
def test_a_corrected_text_differs_paragraph_by_paragraph(change, kinds, version):
    comparison = recognition.compare(change(TEXT), TEXT)
    assert sorted(d.kind for d in comparison.differences) == sorted(kinds)
    assert comparison.looks_like_a_version is version
    assert not comparison.same_text


FRENCH = [
    P("1", "Nous, dirigeants de l’Alliance, nous sommes réunis à Testville en 2031.", 1),
    P("2", "Nous nous engageons à investir au moins 2 % de notre produit dans la défense.", 2),
    P("2 •1", "de nouveaux plans pour le nord ;"),
    P("3", "Nous nous retrouverons à Otherville en 2032.", 3),
]


def test_language_versions_align_by_number_and_share_their_figures():
    alignment = recognition.align(TEXT, FRENCH)
    assert alignment.by == "number"
    assert alignment.pairs == (("1", "1"), ("2", "2"), ("2 •1", "2 •1"), ("3", "3"))
    assert recognition.language_match(TEXT, FRENCH) == 1.0
    shuffled = [P(p.label, p.text.replace("2031", "1999"), p.number) for p in FRENCH]
    assert recognition.language_match(TEXT, shuffled) < 0.8


def test_unnumbered_versions_align_by_order():
    english = [P(f"§{i}", text) for i, text in enumerate(["One in 2020.", "Two.", "Three."], 1)]
    french = [P(f"§{i}", text) for i, text in enumerate(["Un en 2020.", "Deux."], 1)]
    alignment = recognition.align(english, french)
    assert alignment.by == "order" and alignment.pairs == (("§1", "§1"), ("§2", "§2"))
    assert alignment.reverse().other("§2") == "§2"
    assert recognition.language_match(english, french) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("We commit to act.", "Nous nous engageons à agir."),
        ("Allies will help.", "Les Alliés aideront."),
        ("We commit", "Nous nous engageons à agir."),
    ],
)
def test_a_quote_has_its_counterpart_sentences_in_the_other_language(quote, expected):
    text = "We commit to act. Allies will help. We meet again."
    other = "Nous nous engageons à agir. Les Alliés aideront. Nous nous reverrons."
    start = text.index(quote)
    begin, end = recognition.counterpart_span(text, start, start + len(quote), other)
    assert other[begin:end] == expected


def test_a_quote_in_paragraphs_of_unequal_sentences_is_the_whole_paragraph():
    assert recognition.counterpart_span("One. Two.", 0, 4, "Un, deux.") == (0, 9)
