"""Table-driven tests of the commitment extractor, in French and English.

Every sentence here is written for the tests; none comes from a communiqué.
"""

from decimal import Decimal

import pytest

from commitments.extraction import find_candidates, find_deadlines, find_quantities

YEAR = 2025  # the summit year the relative deadlines count from


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "bound"),
    [
        ("fr", "Nous nous engageons à renforcer nos forces.", "Nous nous engageons à", "auto"),
        (
            "fr",
            "Nous sommes convenus de renforcer notre cyberdéfense.",
            "Nous sommes convenus",
            "alliance",
        ),
        (
            "fr",
            "Les Alliés s’engagent à fournir des forces.",
            "Les Alliés s’engagent à",
            "each_ally",
        ),
        (
            "fr",
            "Les Alliés s'engagent à fournir des forces.",
            "Les Alliés s'engagent à",
            "each_ally",
        ),
        ("fr", "Nous avons décidé de créer un centre.", "Nous avons décidé", "alliance"),
        ("en", "We commit to strengthening our forces.", "We commit to", "auto"),
        ("en", "Allies will provide forces to the eastern flank.", "Allies will", "each_ally"),
        ("en", "We agreed to create a new centre.", "We agreed", "alliance"),
        ("en", "We decided to launch a new mission.", "We decided", "alliance"),
        ("en", "We have agreed on a new plan.", "We have agreed", "alliance"),
    ],
)
def test_it_finds_commitment_phrases(language, sentence, phrase, bound):
    [candidate] = find_candidates(sentence, language, YEAR)
    assert candidate.phrase == phrase
    assert candidate.quote == sentence
    if bound != "auto":
        assert candidate.bound == bound


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "Le sommet s’est tenu à Vilnius sous un grand soleil."),
        ("fr", "L’OTAN est une alliance défensive."),
        ("en", "NATO discussed the weather in Brussels."),
        ("en", "The summit took place in Vilnius."),
    ],
)
def test_sentences_without_a_commitment_give_no_candidate(language, sentence):
    assert find_candidates(sentence, language, YEAR) == []


@pytest.mark.parametrize(
    ("language", "text", "comparator", "value", "unit", "matched"),
    [
        ("en", "invest at least 2% of GDP", "at_least", "2", "pct_gdp", "at least 2% of GDP"),
        ("en", "at least 2% every year", "at_least", "2", "percent", "at least 2%"),
        (
            "fr",
            "consacrer au moins 3,5 % du PIB",
            "at_least",
            "3.5",
            "pct_gdp",
            "au moins 3,5 % du PIB",
        ),
        ("en", "up to 1.5% for resilience", "up_to", "1.5", "percent", "up to 1.5%"),
        (
            "fr",
            "fournir 500 millions d'euros",
            "exactly",
            "500000000",
            "EUR",
            "500 millions d'euros",
        ),
        (
            "fr",
            "plus de 500 millions d’euros",
            "more_than",
            "500000000",
            "EUR",
            "plus de 500 millions d’euros",
        ),
        ("en", "provide €40 billion to Ukraine", "exactly", "40000000000", "EUR", "€40 billion"),
        ("en", "pledge 40 billion euros", "exactly", "40000000000", "EUR", "40 billion euros"),
        (
            "en",
            "at least 20% of defence expenditure",
            "at_least",
            "20",
            "pct_defence_budget",
            "at least 20% of defence expenditure",
        ),
        (
            "fr",
            "au moins 20 % de nos dépenses de défense",
            "at_least",
            "20",
            "pct_defence_budget",
            "au moins 20 % de nos dépenses de défense",
        ),
    ],
)
def test_it_reads_quantities_with_their_comparator(
    language, text, comparator, value, unit, matched
):
    [quantity] = find_quantities(text, language)
    assert (quantity.comparator, quantity.value, quantity.unit) == (
        comparator,
        Decimal(value),
        unit,
    )
    assert quantity.text == matched == text[quantity.start : quantity.end]


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "in 2023 we met 32 Allies"), ("fr", "les 32 Alliés réunis en 2023 à l’article 5")],
)
def test_years_counts_and_article_numbers_are_not_quantities(language, text):
    assert find_quantities(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "kind", "year", "matched"),
    [
        ("en", "reach the target by 2035", "by", 2035, "by 2035"),
        ("fr", "atteindre l’objectif d'ici à 2035", "by", 2035, "d'ici à 2035"),
        ("fr", "atteindre l’objectif d’ici à 2035", "by", 2035, "d’ici à 2035"),
        ("en", "move towards 2% within a decade", "within", YEAR + 10, "within a decade"),
        (
            "fr",
            "dans les dix prochaines années",
            "within",
            YEAR + 10,
            "dans les dix prochaines années",
        ),
        ("en", "the plan will be reviewed in 2029", "review", 2029, "reviewed in 2029"),
        ("fr", "le plan sera réexaminé en 2029", "review", 2029, "réexaminé en 2029"),
        ("en", "our next summit in 2026", "in", 2026, "in 2026"),
    ],
)
def test_it_reads_deadlines_and_review_dates(language, text, kind, year, matched):
    [deadline] = find_deadlines(text, language, YEAR)
    assert (deadline.kind, deadline.year, deadline.text) == (kind, year, matched)


def test_a_past_year_is_not_a_deadline():
    assert find_deadlines("we met in Vilnius in 2023", "en", YEAR) == []


@pytest.mark.parametrize(
    ("language", "sentence", "category"),
    [
        ("en", "We commit to spend at least 2% of GDP on defence.", "defence_spending"),
        ("fr", "Nous nous engageons à consacrer au moins 2 % du PIB.", "defence_spending"),
        ("en", "We commit to spend 20% on major equipment.", "major_equipment"),
        ("fr", "Nous nous engageons à consacrer 20 % aux équipements majeurs.", "major_equipment"),
        ("en", "We agreed to provide €40 billion to Ukraine.", "ukraine"),
        ("fr", "Les Alliés s’engagent à fournir 500 millions d'euros à l’Ukraine.", "ukraine"),
        ("en", "We commit to strengthening our cyber defences.", "cyber"),
        ("fr", "Nous sommes convenus de renforcer notre cyberdéfense.", "cyber"),
        ("en", "Allies will reduce greenhouse gas emissions.", "climate"),
        ("fr", "Nous nous engageons à lutter contre le terrorisme.", "counter_terrorism"),
        ("en", "We decided to launch an innovation fund.", "innovation"),
        ("en", "We decided to hold a dinner.", "other"),
    ],
)
def test_it_guesses_the_category_from_the_words_used(language, sentence, category):
    [candidate] = find_candidates(sentence, language, YEAR)
    assert candidate.category == category


@pytest.mark.parametrize(
    ("language", "sentence", "quantity", "deadline"),
    [
        (
            "fr",
            "Nous nous engageons à consacrer au moins 3,5 % du PIB à la défense d’ici à 2035.",
            "au moins 3,5 % du PIB",
            "d’ici à 2035",
        ),
        (
            "en",
            "We commit to spend at least 2% of GDP on defence by 2035.",
            "at least 2% of GDP",
            "by 2035",
        ),
        (
            "en",
            "Allies will provide up to 1.5% of GDP for resilience within a decade.",
            "up to 1.5% of GDP",
            "within a decade",
        ),
        (
            "en",
            "We decided to pledge 40 billion euros, to be reviewed in 2029.",
            "40 billion euros",
            "reviewed in 2029",
        ),
    ],
)
def test_a_candidate_carries_the_quantities_and_deadlines_of_its_sentence(
    language, sentence, quantity, deadline
):
    [candidate] = find_candidates(sentence, language, YEAR)
    assert [q.text for q in candidate.quantities] == [quantity]
    assert [d.text for d in candidate.deadlines] == [deadline]
    assert candidate.confidence > 0.6


def test_each_sentence_of_a_paragraph_gives_its_own_candidate():
    text = (
        "We met in Testville. We commit to spend at least 2% of GDP. "
        "The weather was fine. Allies will provide forces by 2030."
    )
    candidates = find_candidates(text, "en", YEAR)
    assert [c.phrase for c in candidates] == ["We commit to", "Allies will"]
    for candidate in candidates:
        assert text[candidate.start : candidate.end] == candidate.quote
