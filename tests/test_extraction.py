"""Tests for commitments.extraction (pure functions: no database, no Django).

Two kinds of rows: real paragraphs from the source texts in ``fixtures/sources`` and
sentences written for the tests, in French and English.
"""

import functools
import re
from decimal import Decimal
from pathlib import Path

import pytest

from commitments.extraction import (
    BOUNDS,
    CATEGORIES,
    COMPARATORS,
    DEADLINE_KINDS,
    UNITS,
    Candidate,
    find_candidates,
    find_deadlines,
    find_quantities,
    guess_category,
    split_sentences,
)

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
VILNIUS = SOURCES / "2023-07-11-vilnius-communique.txt"
BRUSSELS_2021 = SOURCES / "2021-06-14-bruxelles-sommet-article-nouveau-chapitre.txt"
WASHINGTON_2024 = SOURCES / "2024-07-11-washington-communique-de-presse-cloture.txt"
OTHER_SOURCES = (
    SOURCES / "2021-06-14-bruxelles-sommet-article-avant-sommet.txt",
    BRUSSELS_2021,
    SOURCES / "2023-11-28-bruxelles-ministres-affaires-etrangeres.txt",
    WASHINGTON_2024,
)


@pytest.fixture(autouse=True)
def fast_password_hasher() -> None:
    """These tests need no Django settings: replace the project-wide autouse fixture."""


def collapse(text: str) -> str:
    """Collapse whitespace runs (non-breaking spaces included) to one space."""
    return re.sub(r"\s+", " ", text).strip()


@functools.cache
def vilnius_paragraphs() -> dict[int, str]:
    """Paragraph number -> clean text of the 90 numbered paragraphs of the communiqué."""
    paragraphs: dict[int, str] = {}
    for line in VILNIUS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d{1,2})\.\s", line)
        if match and 1 <= int(match.group(1)) <= 90:
            paragraphs.setdefault(int(match.group(1)), collapse(line[match.end() :]))
    return paragraphs


def paragraph_with(path: Path, needle: str) -> str:
    """The clean text of the first paragraph (line) of ``path`` containing ``needle``."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if needle in collapse(line):
            return collapse(line)
    raise AssertionError(f"{needle!r} not found in {path.name}")


def source_paragraphs(path: Path) -> list[str]:
    lines = (collapse(line) for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def candidate_with(candidates: list[Candidate], fragment: str) -> Candidate:
    matching = [candidate for candidate in candidates if fragment in candidate.quote]
    assert matching, f"no candidate quotes {fragment!r}: {[c.quote for c in candidates]}"
    return matching[0]


def normalised(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def quantity_tuples(quantities) -> list[tuple[str, Decimal, str, str]]:
    return [(q.comparator, q.value, q.unit, q.text) for q in quantities]


# ----------------------------------------------------------------------- the source file


def test_vilnius_has_ninety_paragraphs() -> None:
    assert sorted(vilnius_paragraphs()) == list(range(1, 91))


# -------------------------------------------------------------------- sentence splitting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "M. Stoltenberg a parlé. Les Alliés ont convenu.",
            ["M. Stoltenberg a parlé.", "Les Alliés ont convenu."],
        ),
        ("Il faut p. ex. la PAC. Fin.", ["Il faut p. ex. la PAC.", "Fin."]),
        (
            "La croissance est de 1,5 % cette année. Elle continue.",
            ["La croissance est de 1,5 % cette année.", "Elle continue."],
        ),
        ("Spending rose 2.5% in 2023. It grew.", ["Spending rose 2.5% in 2023.", "It grew."]),
        (
            "Le programme global d’assistance (CAP). Depuis le sommet, rien.",
            ["Le programme global d’assistance (CAP).", "Depuis le sommet, rien."],
        ),
        ("U.S. forces will stay. They will.", ["U.S. forces will stay.", "They will."]),
        ("e.g. the CAP is key. Yes! Really?", ["e.g. the CAP is key.", "Yes!", "Really?"]),
        ("art. 5 du Traité. Fin", ["art. 5 du Traité.", "Fin"]),
        (
            "« Notre soutien ne faiblira pas ». Il l’a dit.",
            ["« Notre soutien ne faiblira pas ».", "Il l’a dit."],
        ),
        (
            "Phrase un.\u00a0Phrase deux.\u202fPhrase trois",
            ["Phrase un.", "Phrase deux.", "Phrase trois"],
        ),
        # A paragraph number is not a sentence.
        (
            "27. Conformément à nos obligations, nous agirons.",
            ["27. Conformément à nos obligations, nous agirons."],
        ),
        # A stray break in scraped text (Vilnius ¶40) does not end the sentence.
        (
            "l’ensemble de l’Alliance. territoire, y compris.",
            ["l’ensemble de l’Alliance. territoire, y compris."],
        ),
        # A missing space after the full stop does not glue two sentences together.
        ("Nous agirons en défense.Nous agirons.", ["Nous agirons en défense.", "Nous agirons."]),
        # A stray full stop stays with its sentence (Vilnius ¶78).
        (
            "soldats de l’OTAN. . Nous avons renforcé",
            ["soldats de l’OTAN. .", "Nous avons renforcé"],
        ),
        # A colon before a list ends a sentence; a colon inside one does not.
        (
            "Nous avons: • Convenu de X. • réaffirmé Y.",
            ["Nous avons:", "Convenu de X.", "réaffirmé Y."],
        ),
        (
            "L’OTAN continuera de remplir trois missions : dissuasion ; prévention. Fin.",
            ["L’OTAN continuera de remplir trois missions : dissuasion ; prévention.", "Fin."],
        ),
        ("", []),
        ("  \u00a0 ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == expected
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()


# ---------------------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "nous nous engageons à investir au moins 2 % de notre produit intérieur brut (PIB)"
            " par an",
            [
                (
                    "at_least",
                    Decimal(2),
                    "pct_gdp",
                    "au moins 2 % de notre produit intérieur brut (PIB)",
                )
            ],
        ),
        (
            "fr",
            "au moins 2\u00a0% du PIB",
            [("at_least", Decimal(2), "pct_gdp", "au moins 2\u00a0% du PIB")],
        ),
        (
            "fr",
            "au moins 2\u202f% du PIB",
            [("at_least", Decimal(2), "pct_gdp", "au moins 2\u202f% du PIB")],
        ),
        (
            "fr",
            "en conjonction avec un minimum de 2% du PIB annuel des dépenses de défense",
            [("at_least", Decimal(2), "pct_gdp", "un minimum de 2% du PIB")],
        ),
        (
            "fr",
            "investir au moins 20 % de nos budgets de défense dans des équipements majeurs",
            [
                (
                    "at_least",
                    Decimal(20),
                    "pct_defence_budget",
                    "au moins 20 % de nos budgets de défense",
                )
            ],
        ),
        (
            "fr",
            "au moins 3,5 % du PIB",
            [("at_least", Decimal("3.5"), "pct_gdp", "au moins 3,5 % du PIB")],
        ),
        (
            "fr",
            "jusqu’à 1,5 % du PIB",
            [("up_to", Decimal("1.5"), "pct_gdp", "jusqu’à 1,5 % du PIB")],
        ),
        ("fr", "jusqu'à 1,5 %", [("up_to", Decimal("1.5"), "percent", "jusqu'à 1,5 %")]),
        (
            "fr",
            "des dépenses supérieures à 2 % du PIB seront nécessaires",
            [("more_than", Decimal(2), "pct_gdp", "supérieures à 2 % du PIB")],
        ),
        (
            "fr",
            "les Alliés ont engagé plus de 500 millions d’euros dans la PAC",
            [("more_than", Decimal(500_000_000), "EUR", "plus de 500 millions d’euros")],
        ),
        (
            "fr",
            "une enveloppe de base d’au moins 40 milliards d’euros",
            [("at_least", Decimal(40_000_000_000), "EUR", "au moins 40 milliards d’euros")],
        ),
        (
            "fr",
            "40 milliards d'euros",
            [("exactly", Decimal(40_000_000_000), "EUR", "40 milliards d'euros")],
        ),
        (
            "fr",
            "1,5 milliard d'euros",
            [("exactly", Decimal(1_500_000_000), "EUR", "1,5 milliard d'euros")],
        ),
        (
            "fr",
            "environ 1 500 millions de dollars",
            [("about", Decimal(1_500_000_000), "USD", "environ 1 500 millions de dollars")],
        ),
        ("en", "at least 2% of GDP", [("at_least", Decimal(2), "pct_gdp", "at least 2% of GDP")]),
        (
            "en",
            "at least 20% of defence expenditure on major equipment",
            [
                (
                    "at_least",
                    Decimal(20),
                    "pct_defence_budget",
                    "at least 20% of defence expenditure",
                )
            ],
        ),
        (
            "en",
            "at least 20% of their defence budgets",
            [
                (
                    "at_least",
                    Decimal(20),
                    "pct_defence_budget",
                    "at least 20% of their defence budgets",
                )
            ],
        ),
        ("en", "up to 1.5%", [("up_to", Decimal("1.5"), "percent", "up to 1.5%")]),
        (
            "en",
            "no more than 5 percent of GDP",
            [("at_most", Decimal(5), "pct_gdp", "no more than 5 percent of GDP")],
        ),
        (
            "en",
            "a pledge of €40 billion",
            [("exactly", Decimal(40_000_000_000), "EUR", "€40 billion")],
        ),
        (
            "en",
            "40 billion euros",
            [("exactly", Decimal(40_000_000_000), "EUR", "40 billion euros")],
        ),
        ("en", "EUR 40 billion", [("exactly", Decimal(40_000_000_000), "EUR", "EUR 40 billion")]),
        ("en", "$100 billion", [("exactly", Decimal(100_000_000_000), "USD", "$100 billion")]),
        (
            "en",
            "more than $1,500 million",
            [("more_than", Decimal(1_500_000_000), "USD", "more than $1,500 million")],
        ),
        # Years, article and paragraph numbers, counts and ordinals are not quantities.
        ("fr", "En 2023, les 30 pays ont appliqué l’article 3 et le paragraphe 27.", []),
        ("fr", "le 75e anniversaire de l’OTAN, en 2024, à 360 degrés", []),
        ("en", "In 2023, 30 countries invoked Article 5 in paragraph 27.", []),
    ],
)
def test_find_quantities(language: str, text: str, expected: list[tuple]) -> None:
    quantities = find_quantities(text, language)
    assert quantity_tuples(quantities) == expected
    for quantity in quantities:
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.comparator in COMPARATORS
        assert quantity.unit in UNITS


# ----------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("language", "text", "reference_year", "expected"),
    [
        (
            "fr",
            "atteindre l’objectif de zéro émission nette d’ici à 2050",
            None,
            [("by", 2050, "d’ici à 2050")],
        ),
        ("fr", "consacrer 3,5 % du PIB d'ici 2035", None, [("by", 2035, "d'ici 2035")]),
        ("fr", "un rapport au plus tard en 2030", None, [("by", 2030, "au plus tard en 2030")]),
        ("fr", "ce qui sera réexaminé en 2029", None, [("review", 2029, "réexaminé en 2029")]),
        (
            "fr",
            "dans les dix prochaines années",
            2025,
            [("within", 2035, "dans les dix prochaines années")],
        ),
        ("fr", "lors de notre prochain sommet en 2024", None, [("in", 2024, "en 2024")]),
        ("fr", "lors de notre prochain sommet en 2024", 2023, [("in", 2024, "en 2024")]),
        # No year: skipped rather than guessed.
        ("fr", "ses recommandations d'ici le printemps prochain", None, []),
        # Past events and dates are not deadlines.
        ("fr", "l’engagement pris au sommet de Bucarest en 2008", 2023, []),
        ("fr", "l’engagement pris au sommet de Bucarest en 2008", None, []),
        ("fr", "Créé le 4 avril 1949, l’OTAN", None, []),
        ("en", "3.5% of GDP by 2035", None, [("by", 2035, "by 2035")]),
        ("en", "no later than 2030", None, [("by", 2030, "no later than 2030")]),
        ("en", "within a decade", 2025, [("within", 2035, "within a decade")]),
        ("en", "within a decade", None, [("within", 0, "within a decade")]),
        ("en", "within ten years", 2024, [("within", 2034, "within ten years")]),
        (
            "en",
            "this trajectory will be reviewed in 2029",
            None,
            [("review", 2029, "reviewed in 2029")],
        ),
        ("en", "we will meet at the next summit in 2025", None, [("in", 2025, "in 2025")]),
        ("en", "In 2014, at the Wales Summit, Leaders agreed", None, []),
    ],
)
def test_find_deadlines(
    language: str, text: str, reference_year: int | None, expected: list[tuple]
) -> None:
    deadlines = find_deadlines(text, language, reference_year)
    assert [(d.kind, d.year, d.text) for d in deadlines] == expected
    for deadline in deadlines:
        assert text[deadline.start : deadline.end] == deadline.text
        assert deadline.kind in DEADLINE_KINDS


# ---------------------------------------------------------------------------- categories


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "investir au moins 2 % de notre PIB", "defence_spending"),
        ("fr", "l’augmentation des dépenses de défense nationale", "defence_spending"),
        ("fr", "20 % de nos budgets de défense dans des équipements majeurs", "major_equipment"),
        ("fr", "développer davantage la PAC en un programme pluriannuel", "ukraine"),
        ("fr", "la dissuasion et la défense de l’Ukraine", "ukraine"),
        ("fr", "la mission de dissuasion nucléaire", "nuclear"),
        ("fr", "la maîtrise des armements et la non-prolifération", "arms_control"),
        ("fr", "une industrie de défense forte et la production", "industry"),
        ("fr", "les technologies émergentes, DIANA et les start-up", "innovation"),
        ("fr", "la résilience nationale et collective", "resilience"),
        ("fr", "renforcer nos cyberdéfenses", "cyber"),
        ("fr", "l’intégration de l’espace dans la planification", "space"),
        ("fr", "la disponibilité de l’espace aérien", "other"),
        ("fr", "contrer les menaces hybrides", "hybrid"),
        ("fr", "l’impact du changement climatique", "climate"),
        ("fr", "l’efficacité énergétique et la réduction des émissions", "climate"),
        ("fr", "un approvisionnement énergétique sûr et résilient", "energy"),
        ("fr", "la lutte contre le terrorisme", "counter_terrorism"),
        ("fr", "nos partenaires de l’Indo-Pacifique", "partnerships"),
        ("fr", "la politique de la porte ouverte et l’adhésion de la Suède", "enlargement"),
        ("fr", "le programme Femmes, paix et sécurité", "human_security"),
        ("fr", "la posture de dissuasion et de défense", "deterrence"),
        ("fr", "Nous exprimons notre gratitude pour l’hospitalité.", "other"),
        ("en", "at least 2% of GDP on defence", "defence_spending"),
        ("en", "20% of defence budgets on major equipment", "major_equipment"),
        ("en", "the Comprehensive Assistance Package (CAP) for Ukraine", "ukraine"),
        ("en", "nuclear deterrence", "nuclear"),
        ("en", "arms control and non-proliferation", "arms_control"),
        ("en", "a strong defence industry", "industry"),
        ("en", "emerging and disruptive technologies", "innovation"),
        ("en", "national resilience", "resilience"),
        ("en", "cyber defence", "cyber"),
        ("en", "operations in outer space", "space"),
        ("en", "hybrid threats", "hybrid"),
        ("en", "climate change and emissions", "climate"),
        ("en", "energy security", "energy"),
        ("en", "the fight against terrorism", "counter_terrorism"),
        ("en", "our Indo-Pacific partners", "partnerships"),
        ("en", "the Open Door policy", "enlargement"),
        ("en", "Women, Peace and Security", "human_security"),
        ("en", "our deterrence and defence posture", "deterrence"),
        ("en", "We express our gratitude.", "other"),
    ],
)
def test_guess_category(language: str, text: str, expected: str) -> None:
    assert expected in CATEGORIES
    assert guess_category(text, language) == expected


# --------------------------------------------------------- candidates from written rows


@pytest.mark.parametrize(
    ("language", "text", "phrase", "category", "bound"),
    [
        (
            "fr",
            "Nous nous engageons durablement à investir au moins 2 % de notre PIB dans la défense.",
            "Nous nous engageons durablement à",
            "defence_spending",
            "each_ally",
        ),
        (
            "fr",
            "Nous nous engageons pleinement à réduire les émissions de gaz à effet de serre "
            "des installations de l’OTAN.",
            "Nous nous engageons pleinement à",
            "climate",
            "alliance",
        ),
        (
            "fr",
            "Nous nous sommes engagés à renforcer nos cyberdéfenses nationales.",
            "Nous nous sommes engagés à",
            "cyber",
            "each_ally",
        ),
        (
            "fr",
            "Nous avons convenu de créer un centre pour les infrastructures sous-marines "
            "critiques.",
            "Nous avons convenu",
            "resilience",
            "alliance",
        ),
        (
            "fr",
            "Nous avons également décidé d’augmenter nos stocks de munitions.",
            "Nous avons également décidé",
            "industry",
            "alliance",
        ),
        (
            "fr",
            "Nous avons approuvé un plan d’action pour la production de défense.",
            "Nous avons approuvé",
            "industry",
            "alliance",
        ),
        (
            "fr",
            "Nous avons adopté une nouvelle politique de cyberdéfense.",
            "Nous avons adopté",
            "cyber",
            "alliance",
        ),
        (
            "fr",
            "Nous sommes convenus d’achever l’intégration de la Finlande.",
            "Nous sommes convenus",
            "enlargement",
            "alliance",
        ),
        (
            "fr",
            "Nous avons aujourd’hui chargé le Conseil de mettre à jour le plan d’action "
            "contre le terrorisme.",
            "Nous avons aujourd’hui chargé",
            "counter_terrorism",
            "alliance",
        ),
        (
            "fr",
            "Aujourd’hui, nous approuvons une politique sur les enfants et les conflits armés.",
            "nous approuvons",
            "human_security",
            "alliance",
        ),
        (
            "fr",
            "Les Alliés ont décidé de créer le Centre OTAN-Ukraine d’analyse.",
            "Les Alliés ont décidé",
            "ukraine",
            "alliance",
        ),
        (
            "fr",
            "Ils ont convenu de mettre en place un fonds pour l’innovation.",
            "Ils ont convenu",
            "innovation",
            "alliance",
        ),
        (
            "fr",
            "Les dirigeants se sont mis d’accord pour approfondir les partenariats avec "
            "l’Indo-Pacifique.",
            "Les dirigeants se sont mis d’accord",
            "partnerships",
            "alliance",
        ),
        (
            "fr",
            "Les ministres ont convenu d’une nouvelle stratégie spatiale.",
            "Les ministres ont convenu",
            "space",
            "alliance",
        ),
        (
            "fr",
            "Les Alliés s’engagent à investir un minimum de 2% du PIB dans la défense.",
            "Les Alliés s’engagent à",
            "defence_spending",
            "each_ally",
        ),
        (
            "fr",
            "Les Alliés se sont engagés à lutter contre le terrorisme.",
            "Les Alliés se sont engagés à",
            "counter_terrorism",
            "each_ally",
        ),
        (
            "fr",
            "Les Alliés ont pris des décisions visant à renforcer la dissuasion et la défense.",
            "Les Alliés ont pris des décisions",
            "deterrence",
            "alliance",
        ),
        (
            "fr",
            "Ils ont également annoncé l’adoption d’un engagement à aider durablement l’Ukraine.",
            "Ils ont également annoncé l’adoption d’un engagement",
            "ukraine",
            "alliance",
        ),
        (
            "fr",
            "Les membres de l’OTAN ont chargé le secrétaire général de définir un objectif "
            "de réduction des émissions.",
            "Les membres de l’OTAN ont chargé",
            "climate",
            "alliance",
        ),
        (
            "fr",
            "Nous réaffirmons notre engagement à défendre chaque centimètre du territoire allié.",
            "Nous réaffirmons notre engagement",
            "deterrence",
            "alliance",
        ),
        (
            "fr",
            "Nous réaffirmons l’engagement selon lequel l’Ukraine deviendra membre de l’OTAN.",
            "Nous réaffirmons l’engagement",
            "ukraine",
            "alliance",
        ),
        (
            "fr",
            "Nous continuerons de soutenir l’Ukraine aussi longtemps qu’il le faudra.",
            "Nous continuerons de",
            "ukraine",
            "alliance",
        ),
        (
            "fr",
            "Nous continuerons à renforcer notre résilience.",
            "Nous continuerons à",
            "resilience",
            "alliance",
        ),
        (
            "fr",
            "Nous allons accroître la production de munitions.",
            "Nous allons",
            "industry",
            "alliance",
        ),
        (
            "fr",
            "Nous renforcerons notre résilience face aux menaces hybrides.",
            "Nous renforcerons",
            "hybrid",
            "alliance",
        ),
        (
            "fr",
            "Nous fournirons individuellement et collectivement les forces nécessaires à la "
            "dissuasion.",
            "Nous fournirons",
            "deterrence",
            "each_ally",
        ),
        (
            "fr",
            "Nous mettrons pleinement en œuvre les nouveaux plans de défense.",
            "Nous mettrons",
            "deterrence",
            "alliance",
        ),
        (
            "fr",
            "Nous veillerons à ce que nos décisions soient dotées de ressources suffisantes.",
            "Nous veillerons",
            "defence_spending",
            "alliance",
        ),
        (
            "fr",
            "Nous investirons dans la défense aérienne et antimissile.",
            "Nous investirons",
            "deterrence",
            "alliance",
        ),
        (
            "fr",
            "Nous augmenterons nos contacts avec nos partenaires du Golfe.",
            "Nous augmenterons",
            "partnerships",
            "alliance",
        ),
        (
            "fr",
            "Nous intensifierons notre coopération avec l’Union européenne.",
            "Nous intensifierons",
            "partnerships",
            "alliance",
        ),
        (
            "fr",
            "Nous poursuivrons la réduction des risques stratégiques.",
            "Nous poursuivrons",
            "arms_control",
            "alliance",
        ),
        (
            "fr",
            "Nous développerons de nouvelles stratégies sur les technologies quantiques.",
            "Nous développerons",
            "innovation",
            "alliance",
        ),
        (
            "fr",
            "Nous renforçons les outils à notre disposition et veillerons à contrer les "
            "attaques hybrides.",
            "et veillerons",
            "hybrid",
            "alliance",
        ),
        (
            "fr",
            "L’OTAN continuera de contribuer à la coalition mondiale contre Daech.",
            "L’OTAN continuera",
            "counter_terrorism",
            "alliance",
        ),
        (
            "fr",
            "Les Alliés continueront de financer la PAC de manière soutenue et prévisible.",
            "Les Alliés continueront",
            "ukraine",
            "each_ally",
        ),
        (
            "fr",
            "L’Alliance continuera de promouvoir la sécurité énergétique.",
            "L’Alliance continuera",
            "energy",
            "alliance",
        ),
        (
            "fr",
            "Le secrétaire général a indiqué que les Alliés continueraient d’aider l’Ukraine.",
            "les Alliés continueraient",
            "ukraine",
            "each_ally",
        ),
        (
            "fr",
            "L’OTAN et l’UE continueront de soutenir l’Ukraine.",
            "L’OTAN et l’UE continueront",
            "ukraine",
            "named",
        ),
        (
            "fr",
            "L’Allemagne et les Pays-Bas se sont engagés à fournir des systèmes de défense "
            "aérienne.",
            "L’Allemagne et les Pays-Bas se sont engagés à",
            "deterrence",
            "named",
        ),
        (
            "fr",
            "La Pologne fournira des forces au flanc oriental.",
            "La Pologne fournira",
            "deterrence",
            "named",
        ),
        (
            "fr",
            "Les Alliés restent fermement attachés à la pleine mise en œuvre du TNP.",
            "Les Alliés restent fermement attachés à",
            "arms_control",
            "each_ally",
        ),
        (
            "en",
            "We commit to investing at least 2% of our GDP annually in defence.",
            "We commit to",
            "defence_spending",
            "each_ally",
        ),
        (
            "en",
            "We committed to spending at least 20% of defence expenditure on major equipment.",
            "We committed to",
            "major_equipment",
            "each_ally",
        ),
        (
            "en",
            "We have agreed to develop the CAP into a multi-year programme for Ukraine.",
            "We have agreed",
            "ukraine",
            "alliance",
        ),
        (
            "en",
            "We agreed on a new Defence Production Action Plan.",
            "We agreed",
            "industry",
            "alliance",
        ),
        (
            "en",
            "We have decided to establish a Maritime Centre for Critical Undersea Infrastructure.",
            "We have decided",
            "resilience",
            "alliance",
        ),
        (
            "en",
            "We decided to increase our stocks of battle-decisive munitions.",
            "We decided",
            "industry",
            "alliance",
        ),
        (
            "en",
            "We will continue to strengthen our cyber defences.",
            "We will",
            "cyber",
            "alliance",
        ),
        (
            "en",
            "Allies will continue to fund the CAP in a sustained and predictable way.",
            "Allies will",
            "ukraine",
            "each_ally",
        ),
        (
            "en",
            "NATO will continue to contribute to the Global Coalition to Defeat ISIS.",
            "NATO will",
            "counter_terrorism",
            "alliance",
        ),
        (
            "en",
            "We reaffirm our commitment to NATO's Open Door policy.",
            "We reaffirm our commitment",
            "enlargement",
            "alliance",
        ),
        (
            "en",
            "We endorse a new concept to enhance the contribution of cyber defence.",
            "We endorse",
            "cyber",
            "alliance",
        ),
        (
            "en",
            "We endorsed the policy on Women, Peace and Security.",
            "We endorsed",
            "human_security",
            "alliance",
        ),
        (
            "en",
            "We tasked the Council to update the counter-terrorism action plan.",
            "We tasked",
            "counter_terrorism",
            "alliance",
        ),
        (
            "en",
            "We remain committed to arms control, disarmament and non-proliferation.",
            "We remain committed to",
            "arms_control",
            "alliance",
        ),
        (
            "en",
            "Allies have agreed to spend up to 1.5% of GDP on resilience.",
            "Allies have agreed",
            "defence_spending",
            "alliance",
        ),
        (
            "en",
            "Germany will provide €500 million to the Comprehensive Assistance Package.",
            "Germany will",
            "ukraine",
            "named",
        ),
        (
            "en",
            "NATO and the EU will continue to support Ukraine.",
            "NATO and the EU will",
            "ukraine",
            "named",
        ),
    ],
)
def test_find_candidates_phrases(
    language: str, text: str, phrase: str, category: str, bound: str
) -> None:
    candidates = find_candidates(text, language)
    assert len(candidates) == 1
    candidate = candidates[0]
    assert candidate.quote == text
    assert (candidate.start, candidate.end) == (0, len(text))
    assert candidate.phrase == phrase
    assert (candidate.category, candidate.bound) == (category, bound)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "La Russie a décidé de déployer des armes nucléaires au Bélarus."),
        ("fr", "La Russie a accru sa présence militaire dans la région de la mer Baltique."),
        ("fr", "Nous condamnons la guerre d’agression de la Russie contre l’Ukraine."),
        ("fr", "Nous saluons les efforts des 30 pays en vertu de l’article 3 depuis 2023."),
        ("fr", "Nous continuons de condamner les violations du droit international."),
        ("fr", "Nous appelons la RPC à agir de manière responsable."),
        (
            "fr",
            "Les circonstances dans lesquelles l’OTAN pourrait être amenée à utiliser des "
            "armes nucléaires sont extrêmement éloignées.",
        ),
        ("fr", "Tout emploi d’armes nucléaires contre l’OTAN modifierait la nature d’un conflit."),
        ("fr", "Les ministres des Affaires étrangères se réuniront encore ce mardi."),
        ("fr", "Il s’est félicité que les Alliés s’engagent dans un dialogue avec Pékin."),
        ("fr", "Le renforcement des relations OTAN-Serbie serait bénéfique pour la région."),
        ("fr", "Il présentera ses recommandations d’ici le printemps prochain."),
        ("en", "Russia has decided to deploy nuclear weapons in Belarus."),
        ("en", "We condemn Russia's war of aggression against Ukraine."),
        ("en", "We welcome the progress made by 30 countries in 2023 under Article 3."),
        ("en", "Allies will discuss the situation in the Western Balkans."),
    ],
)
def test_descriptions_are_not_candidates(language: str, text: str) -> None:
    assert find_candidates(text, language) == []


def test_candidate_carries_its_quantities_and_deadlines() -> None:
    text = (
        "Nous condamnons la Russie. Les Alliés ont décidé de consacrer au moins 3,5 % du PIB "
        "aux besoins de défense essentiels d’ici 2035, ce qui sera réexaminé en 2029."
    )
    (candidate,) = find_candidates(text, "fr")
    assert candidate.quote.startswith("Les Alliés ont décidé")
    assert quantity_tuples(candidate.quantities) == [
        ("at_least", Decimal("3.5"), "pct_gdp", "au moins 3,5 % du PIB")
    ]
    assert [(d.kind, d.year) for d in candidate.deadlines] == [("by", 2035), ("review", 2029)]
    assert candidate.category == "defence_spending"


def test_confidence_is_higher_for_explicit_phrases_and_quantities() -> None:
    pledge, decision, future = (
        find_candidates(text, "fr")[0].confidence
        for text in (
            "Nous nous engageons à investir au moins 2 % de notre PIB dans la défense.",
            "Nous avons décidé de renforcer la défense aérienne.",
            "Nous renforcerons la défense aérienne.",
        )
    )
    assert 0 <= future < decision < pledge <= 1


def test_one_candidate_per_sentence_on_its_strongest_phrase() -> None:
    text = "Nous continuerons à agir et nous nous engageons à investir dans la défense."
    (candidate,) = find_candidates(text, "fr")
    assert candidate.phrase == "nous nous engageons à"


def test_quote_extends_over_a_list_after_a_colon() -> None:
    text = "Nous sommes convenus de ce qui suit : • Renforcer la dissuasion. • Autre point."
    (candidate,) = find_candidates(text, "fr")
    assert candidate.quote == "Nous sommes convenus de ce qui suit : • Renforcer la dissuasion."
    assert candidate.category == "deterrence"


@pytest.mark.parametrize(
    ("language", "text", "phrases"),
    [
        (
            "fr",
            "Nous avons: • Convenu de renforcer le commandement et le contrôle. "
            "• réaffirmé nos décisions sur le flanc oriental.",
            ["Convenu", "réaffirmé"],
        ),
        (
            "en",
            "We have: • Agreed to strengthen command and control. • Put in place new plans.",
            ["Agreed", "Put in place"],
        ),
    ],
)
def test_list_items_after_we_have(language: str, text: str, phrases: list[str]) -> None:
    candidates = find_candidates(text, language)
    assert [candidate.phrase for candidate in candidates] == phrases
    assert {candidate.bound for candidate in candidates} == {"alliance"}


def test_raw_text_with_non_breaking_spaces() -> None:
    text = (
        "Nous nous engageons à investir au moins 2\u00a0% du PIB.\u00a0Nous condamnons la Russie."
    )
    (candidate,) = find_candidates(text, "fr")
    assert candidate.quote == "Nous nous engageons à investir au moins 2\u00a0% du PIB."
    assert quantity_tuples(candidate.quantities) == [
        ("at_least", Decimal(2), "pct_gdp", "au moins 2\u00a0% du PIB")
    ]


def test_unsupported_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="Unsupported language"):
        find_candidates("Wir werden handeln.", "de")


# --------------------------------------------------------------- candidates from sources


@pytest.mark.parametrize(
    ("number", "fragment", "category", "bound", "quantities"),
    [
        (
            27,
            "nous nous engageons durablement à investir au moins 2 % de notre produit intérieur"
            " brut (PIB) par an dans la défense",
            "defence_spending",
            "each_ally",
            [("at_least", Decimal(2), "pct_gdp")],
        ),
        (
            28,
            "Nous nous engageons à investir au moins 20 % de nos budgets de défense dans des "
            "équipements majeurs",
            "major_equipment",
            "each_ally",
            [("at_least", Decimal(20), "pct_defence_budget")],
        ),
        (
            13,
            "nous avons convenu aujourd’hui de développer davantage la PAC en un programme "
            "pluriannuel pour l’Ukraine",
            "ukraine",
            "alliance",
            [],
        ),
        (
            13,
            "les Alliés et partenaires ont engagé plus de 500 millions d’euros dans la PAC",
            "ukraine",
            "each_ally",
            [("more_than", Decimal(500_000_000), "EUR")],
        ),
        (13, "Les Alliés continueront de financer la PAC", "ukraine", "each_ally", []),
        (12, "Nous avons décidé de créer le Conseil OTAN-Ukraine", "ukraine", "alliance", []),
        (35, "nous sommes convenus d’achever ce processus", "enlargement", "alliance", []),
        (
            36,
            "Nous avons approuvé un plan d’action pour la production de défense",
            "industry",
            "alliance",
            [],
        ),
        (
            66,
            "nous nous sommes engagés à atteindre de nouveaux objectifs nationaux",
            "cyber",
            "each_ally",
            [],
        ),
        (
            69,
            "nous nous engageons à réduire de manière significative les émissions",
            "climate",
            "alliance",
            [],
        ),
        (
            70,
            "Nous nous engageons à intégrer les programmes Sécurité humaine",
            "human_security",
            "alliance",
            [],
        ),
        (74, "L’OTAN et l’UE continueront de soutenir l’Ukraine", "ukraine", "named", []),
    ],
)
def test_vilnius_candidates(
    number: int, fragment: str, category: str, bound: str, quantities: list[tuple]
) -> None:
    text = vilnius_paragraphs()[number]
    candidate = candidate_with(find_candidates(text, "fr", 2023), fragment)
    assert (candidate.category, candidate.bound) == (category, bound)
    assert [(q.comparator, q.value, q.unit) for q in candidate.quantities] == quantities


def test_vilnius_paragraph_13_quantity() -> None:
    text = vilnius_paragraphs()[13]
    assert quantity_tuples(find_quantities(text, "fr")) == [
        ("more_than", Decimal(500_000_000), "EUR", "plus de 500 millions d’euros")
    ]


def test_vilnius_paragraph_22_is_due_at_the_next_summit() -> None:
    candidate = candidate_with(
        find_candidates(vilnius_paragraphs()[22], "fr", 2023), "nous avons aujourd’hui chargé"
    )
    assert [(d.kind, d.year, d.text) for d in candidate.deadlines] == [("in", 2024, "en 2024")]


def test_vilnius_paragraph_7_has_no_spending_commitment() -> None:
    candidates = find_candidates(vilnius_paragraphs()[7], "fr", 2023)
    assert all(candidate.category != "defence_spending" for candidate in candidates)
    assert all(not candidate.quantities for candidate in candidates)


@pytest.mark.parametrize("number", [3, 5, 6, 8, 16, 23, 25, 57, 84, 88, 90])
def test_vilnius_descriptive_paragraphs_have_no_candidate(number: int) -> None:
    assert find_candidates(vilnius_paragraphs()[number], "fr", 2023) == []


def test_brussels_2021_climate_target() -> None:
    text = paragraph_with(BRUSSELS_2021, "zéro émission nette d’ici à 2050")
    candidate = candidate_with(
        find_candidates(text, "fr", 2021), "atteindre l’objectif de zéro émission nette"
    )
    assert [(d.kind, d.year) for d in candidate.deadlines] == [("by", 2050)]
    assert candidate.category == "climate"
    assert candidate.bound == "alliance"


def test_washington_2024_pledge_for_ukraine() -> None:
    text = paragraph_with(WASHINGTON_2024, "au moins 40 milliards d’euros")
    candidate = candidate_with(
        find_candidates(text, "fr", 2024),
        "une enveloppe de base d’au moins 40 milliards d’euros pour l’année à venir",
    )
    assert [(q.comparator, q.value, q.unit) for q in candidate.quantities] == [
        ("at_least", Decimal(40_000_000_000), "EUR")
    ]
    assert candidate.category == "ukraine"


def test_preview_article_has_no_candidate() -> None:
    path = OTHER_SOURCES[0]
    assert all(find_candidates(text, "fr", 2021) == [] for text in source_paragraphs(path))


def check_candidate(text: str, candidate: Candidate) -> None:
    assert text[candidate.start : candidate.end] == candidate.quote
    assert normalised(candidate.phrase) in normalised(candidate.quote)
    assert candidate.category in CATEGORIES
    assert candidate.bound in BOUNDS
    assert 0 <= candidate.confidence <= 1
    for item in (*candidate.quantities, *candidate.deadlines):
        assert candidate.start <= item.start < item.end <= candidate.end
        assert text[item.start : item.end] == item.text


@pytest.mark.parametrize("number", range(1, 91))
def test_vilnius_offsets_are_exact(number: int) -> None:
    text = vilnius_paragraphs()[number]
    for candidate in find_candidates(text, "fr", 2023):
        check_candidate(text, candidate)


@pytest.mark.parametrize("path", OTHER_SOURCES, ids=lambda path: path.stem)
def test_other_sources_offsets_are_exact(path: Path) -> None:
    for text in source_paragraphs(path):
        for candidate in find_candidates(text, "fr"):
            check_candidate(text, candidate)


def test_raw_vilnius_paragraph_offsets_are_exact() -> None:
    """Uncollapsed text, with its non-breaking spaces, gives the same candidates."""
    raw = next(
        line for line in VILNIUS.read_text(encoding="utf-8").splitlines() if line.startswith("27. ")
    )
    candidates = find_candidates(raw, "fr", 2023)
    for candidate in candidates:
        check_candidate(raw, candidate)
    assert [collapse(c.quote) for c in candidates] == [
        c.quote for c in find_candidates(collapse(raw), "fr", 2023)
    ]
