"""The amounts a text states: value, qualifier, currency, scale, pledged or delivered."""

from decimal import Decimal

import pytest

from commitments.amounts import Total, add_up, stated_amounts, total_qualifier

CASES = [
    # text, language, [(value, qualifier, currency, scale, kind, exact words)]
    (
        "Depuis la réunion de l’été dernier, les Alliés ont engagé plus de 500 millions "
        "d’euros dans le fonds.",
        "fr",
        [("500000000", "more_than", "EUR", "million", "pledged", "plus de 500 millions d’euros")],
    ),
    (
        "Une enveloppe de base d’au moins 40 milliards d’euros est prévue pour l’année à venir.",
        "fr",
        [("40000000000", "at_least", "EUR", "billion", "pledged", "au moins 40 milliards d’euros")],
    ),
    (
        "Les Alliés ont déjà livré 1,2 milliard d’euros de matériel.",
        "fr",
        [("1200000000", "exactly", "EUR", "billion", "delivered", "1,2 milliard d’euros")],
    ),
    (
        "Jusqu’à 300 millions de dollars seront versés d’ici la fin de l’année.",
        "fr",
        [("300000000", "up_to", "USD", "million", "delivered", "Jusqu’à 300 millions de dollars")],
    ),
    (
        "Allies have committed more than €500 million to the fund since last summer.",
        "en",
        [("500000000", "more_than", "EUR", "million", "pledged", "more than €500 million")],
    ),
    (
        "We delivered EUR 2.5 billion last year and pledged at least EUR 3 billion for the next.",
        "en",
        [
            ("2500000000", "exactly", "EUR", "billion", "delivered", "EUR 2.5 billion"),
            ("3000000000", "at_least", "EUR", "billion", "pledged", "at least EUR 3 billion"),
        ],
    ),
    (
        "Up to $400 million has been disbursed.",
        "en",
        [("400000000", "up_to", "USD", "million", "delivered", "Up to $400 million")],
    ),
    (
        "A baseline of at least 40 billion euros within the next year.",
        "en",
        [("40000000000", "at_least", "EUR", "billion", "pledged", "at least 40 billion euros")],
    ),
    (
        "They spent 750 000 euros on training.",
        "en",
        [("750000", "exactly", "EUR", "", "delivered", "750 000 euros")],
    ),
    # Percentages and bare numbers are no amounts of money.
    ("Au moins 2 % du PIB, 30 Alliés, en 2024.", "fr", []),
    ("At least 3.5% of GDP by 2035.", "en", []),
]


@pytest.mark.parametrize(("text", "language", "expected"), CASES)
def test_stated_amounts(text, language, expected):
    found = stated_amounts(text, language)
    assert [
        (str(a.value), a.qualifier, a.currency, a.scale, a.kind, a.text) for a in found
    ] == expected
    for amount in found:
        assert text[amount.start : amount.end] == amount.text


@pytest.mark.parametrize(
    ("qualifiers", "expected"),
    [
        ([], "exactly"),
        (["exactly", "exactly"], "exactly"),
        (["exactly", "more_than"], "more_than"),
        (["at_least", "exactly"], "at_least"),
        (["at_least", "more_than"], "more_than"),
        (["up_to", "exactly"], "up_to"),
        (["at_most"], "at_most"),
        (["up_to", "at_most"], "up_to"),
        (["more_than", "up_to"], "about"),
        (["about", "exactly"], "about"),
    ],
)
def test_a_sum_keeps_the_qualifiers_it_can(qualifiers, expected):
    assert total_qualifier(qualifiers) == expected


def test_add_up():
    assert add_up([]) == Total(Decimal(0), "exactly", 0)
    assert not add_up([])
    total = add_up([(Decimal("500000000"), "more_than"), (Decimal("20000000"), "exactly")])
    assert total == Total(Decimal("520000000"), "more_than", 2)
