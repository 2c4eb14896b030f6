"""The extractor's word lists speak the model's language: every category a lexicon
can propose is one of the Commitment categories, in both languages, and the other
choice lists of the extractor are those of the model."""

import pytest

from commitments.extraction import BOUNDS, CATEGORIES, COMPARATORS, LANGUAGES, UNITS
from commitments.extraction.categories import BROAD_CATEGORIES, CATEGORY_PRIORITY
from commitments.extraction.lexicon import LEXICONS
from commitments.models import Category, Commitment


def test_the_extractor_categories_are_the_model_choices() -> None:
    assert set(CATEGORIES) == set(Category.values)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_lexicon_has_keywords_for_every_category_but_other(language: str) -> None:
    keywords = LEXICONS[language].CATEGORY_KEYWORDS
    assert set(keywords) | {Category.OTHER} == set(Category.values)
    assert Category.OTHER not in keywords
    for slug, entry in keywords.items():
        assert entry.words or entry.acronyms, f"{language}: {slug} has no keyword"


def test_the_priority_orders_every_category_with_keywords() -> None:
    assert sorted(CATEGORY_PRIORITY) == sorted(set(Category.values) - {Category.OTHER})
    assert BROAD_CATEGORIES <= set(Category.values)


def test_the_lexicons_cover_the_same_categories() -> None:
    assert set(LEXICONS["fr"].CATEGORY_KEYWORDS) == set(LEXICONS["en"].CATEGORY_KEYWORDS)


def test_bounds_comparators_and_units_are_the_model_choices() -> None:
    assert set(BOUNDS) == set(Commitment.Bound.values)
    assert set(COMPARATORS) == set(Commitment.Comparator.values)
    assert set(UNITS) == set(Commitment.Unit.values)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_lexicon_reads_only_the_model_comparators(language: str) -> None:
    names = {name for name, _words in LEXICONS[language].COMPARATOR_WORDS}
    assert names <= set(Commitment.Comparator.values)
