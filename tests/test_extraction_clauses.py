"""The extractor reads the clause: subject, verb group and complement, in French and
English alike (pure functions, table-driven). Every sentence is written for the tests."""

import pytest

from commitments.extraction import find_candidates
from commitments.extraction.clauses import read_subject

YEAR = 2025


@pytest.fixture(autouse=True)
def fast_password_hasher() -> None:
    """These tests need no Django settings: replace the project-wide autouse fixture."""


@pytest.mark.parametrize(
    ("language", "sentence", "subject", "verb", "form", "bound"),
    [
        # The present of a commissive verb with a collective subject.
        ("fr", "Les Alliés conviennent de renforcer la défense des ports.", "Les Alliés",
         "conviennent de", "commissive", "each_ally"),
        ("en", "Allies agree to strengthen the defence of ports.", "Allies", "agree to",
         "commissive", "each_ally"),
        ("fr", "Les Alliés réaffirment leur engagement envers la sécurité maritime.", "Les Alliés",
         "réaffirment leur engagement", "commissive", "each_ally"),
        ("en", "Allies reaffirm their commitment to maritime security.", "Allies",
         "reaffirm their commitment", "commissive", "each_ally"),
        # A subject far from its verb.
        ("fr", "Les Alliés dont les réserves de carburant restent en deçà du niveau fixé par les "
         "planificateurs reconstitueront leurs stocks.",
         "Les Alliés", "reconstitueront", "future", "each_ally"),
        ("en", "Allies whose fuel reserves remain below the level set by the planners last year "
         "will rebuild their stocks.", "Allies", "will", "future", "each_ally"),
        # A participle inside the subject is not its verb.
        ("fr", "Les Alliés dont les dépenses sont inférieures au niveau convenu présenteront des "
         "plans.", "Les Alliés", "présenteront", "future", "each_ally"),
        ("en", "Allies whose spending is below the agreed level will submit plans.", "Allies",
         "will", "future", "each_ally"),
        # The future passive.
        ("fr", "Le plan sera réexaminé en 2031.", "Le plan", "sera réexaminé", "passive",
         "alliance"),
        ("en", "The plan will be reviewed in 2031.", "The plan", "will be reviewed", "passive",
         "alliance"),
        # A fronted phrase of time before the subject.
        ("fr", "La semaine dernière, les ministres ont décidé d'ouvrir un centre.", "les ministres",
         "ont décidé", "decision", "alliance"),
        ("en", "Last week, Ministers decided to open a centre.", "Ministers", "decided",
         "decision", "alliance"),
        # Reported speech: a conditional after a reporting verb.
        ("fr", "Le ministre a déclaré que les Alliés livreraient des radars.", "les Alliés",
         "livreraient", "future", "each_ally"),
        ("en", "The minister declared that Allies would deliver radars.", "Allies", "would",
         "future", "each_ally"),
    ],
)  # fmt: skip
def test_each_candidate_says_what_it_read(language, sentence, subject, verb, form, bound):
    (candidate,) = find_candidates(sentence, language, YEAR)
    assert (candidate.subject, candidate.verb, candidate.form, candidate.bound) == (
        subject,
        verb,
        form,
        bound,
    )
    assert candidate.rule.startswith(f"{language}.")
    assert 0 < candidate.confidence < 1


@pytest.mark.parametrize(
    ("language", "text", "found"),
    [
        # A pronoun takes the kind of the subject of the sentence before it.
        ("fr", "Les Alliés ont fait le point. Ils publieront un rapport.", True),
        ("en", "Allies took stock. They will publish a report.", True),
        ("fr", "La Russie a menacé ses voisins. Elle continuera de le faire.", False),
        ("en", "Russia threatened its neighbours. It will continue to do so.", False),
        # A meeting announced is not a commitment, nor a debate on the agenda.
        ("fr", "Nous nous réunirons de nouveau à Oslo en 2027.", False),
        ("en", "We will meet again in Oslo in 2027.", False),
        ("fr", "Le prochain sommet sera tenu à Oslo.", False),
        ("en", "The next summit will be held in Oslo.", False),
        ("fr", "Les ministres débattront de la sécurité énergétique.", False),
        ("en", "Ministers will debate energy security.", False),
        # A participle without its auxiliary, or in a relative clause, decides nothing.
        ("fr", "Les règles que les Alliés ont convenues restent en vigueur.", False),
        ("en", "The rules that Allies agreed remain in force.", False),
        ("fr", "La stratégie que nous avons adoptée reste pertinente.", False),
        ("en", "The strategy we adopted remains relevant.", False),
        # A possibility or a negation is no pledge.
        ("en", "Leaders may endorse a new plan.", False),
        ("fr", "Les Alliés n'accepteront jamais cette annexion.", False),
        ("en", "Allies will never accept this annexation.", False),
        # A subject of its own before the verb: "Nous affirmons que …"
        ("fr", "Nous affirmons que des moyens supplémentaires seront nécessaires.", False),
        ("en", "We affirm that additional means will be needed.", False),
    ],
)
def test_the_clause_decides(language, text, found):
    assert bool(find_candidates(text, language, YEAR)) is found


@pytest.mark.parametrize(
    ("language", "lead", "item", "verb"),
    [
        ("fr", "Les Alliés dont les stocks sont bas s'engagent à :", "reconstituer leurs stocks ;",
         "s'engagent à"),
        ("en", "Allies whose stocks are low commit to:", "rebuilding their stocks;", "commit to"),
        ("fr", "Nous avons décidé de :", "créer un centre de données ;", "avons décidé"),
        ("en", "We have decided to:", "create a data centre;", "have decided"),
    ],
)  # fmt: skip
def test_a_stored_list_item_takes_the_commitment_of_its_lead(language, lead, item, verb):
    (candidate,) = find_candidates(item, language, YEAR, lead=lead)
    assert (candidate.quote, candidate.verb, candidate.form) == (item, verb, "list")
    assert find_candidates(item, language, YEAR) == []


@pytest.mark.parametrize(
    ("language", "lead"), [("fr", "Nous avons décidé de :"), ("en", "We have decided to:")]
)
def test_a_lead_whose_items_are_stored_apart_is_no_candidate_itself(language, lead):
    assert find_candidates(lead, language, YEAR) == []


@pytest.mark.parametrize(
    ("language", "lead", "items"),
    [
        ("fr", "Nous avons :", ["Convenu de renforcer les ports.", "la situation reste tendue."]),
        ("en", "We have:", ["Agreed to strengthen the ports.", "the situation remains tense."]),
    ],
)
def test_after_an_auxiliary_lead_only_the_items_with_a_participle_count(language, lead, items):
    found = [bool(find_candidates(item, language, YEAR, lead=lead)) for item in items]
    assert found == [True, False]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Nous saluons : • la mobilité militaire ; • la résilience."),
        ("en", "We welcome: • military mobility; • resilience."),
    ],
)
def test_a_lead_that_commits_to_nothing_gives_its_items_nothing(language, text):
    assert find_candidates(text, language, YEAR) == []


def test_the_subject_reader_skips_introductions_and_keeps_long_subjects() -> None:
    text = "En 2030, les Alliés situés au nord du cercle polaire et leurs voisins renforceront"
    subject = read_subject(text, "fr", 0, text.index("renforceront"))
    assert (subject.kind, subject.text) == ("allies", "les Alliés")
