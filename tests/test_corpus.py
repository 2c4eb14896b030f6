"""The extractor against its development corpus (bench/corpus/): the targets hold in
each language, and every rule is needed by at least two corpus sentences.

The corpus is written for the project and kept apart from the seed texts; the table
per form is printed by `python bench/corpus.py`.
"""

from decimal import Decimal

import pytest

from bench.corpus import (
    PRECISION_TARGET,
    RECALL_TARGET,
    RULE_MINIMUM,
    all_rules,
    corpus_cases,
    evaluate,
)
from commitments.extraction import LANGUAGES
from commitments.extraction.corpus import CorpusError, format_case, parse
from commitments.extraction.phrases import FORMS
from commitments.models import Commitment


@pytest.fixture(autouse=True)
def fast_password_hasher() -> None:
    """No Django settings needed here: replace the project-wide autouse fixture."""


@pytest.fixture(scope="module")
def reports():
    return {language: evaluate(language) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_corpus_is_large_enough_and_covers_every_form(language: str) -> None:
    cases = corpus_cases(language)
    assert len(cases) >= 300
    forms = {case.form for case in cases}
    wanted = {
        "present-collective",
        "long-subject",
        "future-passive",
        "pronoun",
        "list-lead",
        "reaffirmation",
        "conditional",
        "hedged",
        "ongoing",
        "welcome",
        "condemnation",
        "position",
        "meeting",
        "quoted",
        "bare-participle",
    }
    assert wanted <= forms


def test_both_languages_have_the_same_forms() -> None:
    fr, en = ({case.form for case in corpus_cases(language)} for language in LANGUAGES)
    assert fr == en


@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_and_precision_meet_the_targets(reports, language: str) -> None:
    total = reports[language].total
    missed = [case.sentence for case in reports[language].misses]
    false = [case.sentence for case, _ in reports[language].false]
    assert total.recall >= RECALL_TARGET, missed
    assert total.precision >= PRECISION_TARGET, false


def test_every_rule_is_needed_by_two_corpus_sentences(reports) -> None:
    rules = all_rules()
    assert rules
    for rule in rules:
        language = rule.split(".")[0]
        assert reports[language].rules[rule] >= RULE_MINIMUM, rule
    for language in LANGUAGES:  # every rule that read a corpus sentence is a known one
        assert set(reports[language].rules) <= set(rules)


def test_the_forms_of_a_candidate_are_the_model_choices() -> None:
    assert set(FORMS) == set(Commitment.Form.values)


def test_a_corpus_line_reads_back_as_it_was_written() -> None:
    line = format_case(
        commitment=True,
        sentence="Les Alliés  consacreront 2 % du PIB d'ici 2030.",
        context="Les Alliés ont débattu.",
        scope="each_ally",
        quantity=("exactly", Decimal("2.00"), "pct_gdp"),
        deadline=2030,
    )
    assert line == (
        "C each exactly:2:pct_gdp 2030 | Les Alliés ont débattu. ⟫ "
        "Les Alliés consacreront 2 % du PIB d'ici 2030."
    )
    (case,) = parse("## reported\n" + line)
    assert case.form == "reported"
    assert case.sentence == "Les Alliés consacreront 2 % du PIB d'ici 2030."
    assert case.text.startswith("Les Alliés ont débattu. ")
    assert (case.scope, case.deadline) == ("each_ally", 2030)


@pytest.mark.parametrize(
    "source",
    ["X | no label", "C each | too few fields", "C everyone - - | bad scope", "C each 2 - | q"],
)
def test_a_malformed_corpus_line_is_refused_with_its_number(source: str) -> None:
    with pytest.raises(CorpusError, match="corpus:1"):
        parse(source)
