"""Data in both languages: each reader sees names, titles and notes in their own
language, and a text that exists only in the other one is marked as such."""

import pytest
from django.template import Context, Template
from django.utils import translation

from commitments.candidates import commitment_fields
from commitments.extraction import find_candidates
from commitments.models import Ally, Commitment, Indicator
from nato_tracker.languages import Localized, pick, sort_key
from summits.models import Document, Summit

from .factories import make_commitment, make_document, make_paragraph

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "texts", "expected", "expected_language"),
    [
        ("fr", {"en": "Germany", "fr": "Allemagne"}, "Allemagne", "fr"),
        ("en", {"en": "Germany", "fr": "Allemagne"}, "Germany", "en"),
        ("fr", {"en": "Spend more", "fr": ""}, "Spend more", "en"),
        ("en", {"en": "", "fr": "Dépenser plus"}, "Dépenser plus", "fr"),
        ("fr", {"en": "", "fr": ""}, "", "fr"),
    ],
)
def test_the_readers_language_else_the_other(language, texts, expected, expected_language):
    with translation.override(language):
        value = pick(texts)
        assert (value, value.language) == (expected, expected_language)
        assert value.is_fallback == (bool(expected) and expected_language != language)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Turquie", "États-Unis", "Espagne"], ["Espagne", "États-Unis", "Turquie"]),
        (["Türkiye", "Turkey", "tchéquie"], ["tchéquie", "Turkey", "Türkiye"]),
    ],
)
def test_names_sort_with_accents_aside(names, expected):
    assert sorted(names, key=sort_key) == expected


def test_seed_allies_meetings_and_indicators_have_their_french_names():
    with translation.override("fr"):
        assert Ally.objects.get(iso3="DEU").name == "Allemagne"
        vilnius = Summit.objects.get(slug="vilnius-2023")
        assert (vilnius.local_name, vilnius.local_city) == ("Sommet de Vilnius", "Vilnius")
        assert Summit.objects.get(slug="the-hague-2025").local_city == "La Haye"
        gdp = Indicator.objects.get(slug="defence-expenditure-gdp")
        assert gdp.local_name == "Dépenses de défense en part du PIB"
    with translation.override("en"):
        assert Ally.objects.get(iso3="DEU").name == "Germany"
        assert str(Summit.objects.get(slug="the-hague-2025")) == "The Hague Summit"
    # Every seed meeting and indicator has both.
    assert not Summit.objects.filter(name_fr="").exists()
    assert not Indicator.objects.filter(name_fr="").exists()


def test_an_extracted_title_goes_in_the_field_of_the_texts_language():
    french = find_candidates("Nous nous engageons à consacrer au moins 2 % du PIB.", "fr", 2023)
    english = find_candidates("Allies will spend at least 2% of GDP on defence.", "en", 2023)
    assert commitment_fields(french[0], "fr")["title_fr"].startswith("Nous nous engageons")
    assert "title" not in commitment_fields(french[0], "fr")
    assert commitment_fields(english[0], "en")["title"].startswith("Allies will")
    assert "title_fr" not in commitment_fields(english[0], "en")


def test_a_title_in_the_other_language_is_marked_and_an_empty_one_is_derived():
    only_english = make_commitment(title="Spend at least 2% of GDP", title_fr="")
    template = Template("{% load languages %}{{ c.local_title|marked }}")
    with translation.override("fr"):
        html = template.render(Context({"c": only_english}))
    assert html == (
        '<span lang="en">Spend at least 2% of GDP</span> '
        '<small class="language-mark" title="anglais">(en)</small>'
    )
    with translation.override("en"):
        assert template.render(Context({"c": only_english})) == "Spend at least 2% of GDP"

    document = make_document(
        slug="english-text", language="en", sha256="e" * 64, summit=only_english.summit
    )
    paragraph = make_paragraph(document=document, text="Allies will keep the door open.")
    untitled = make_commitment(paragraph=paragraph, title="", title_fr="")
    with translation.override("fr"):
        title = Commitment.objects.get(pk=untitled.pk).local_title
    assert (title, title.language) == ("Allies will keep the door open.", "en")
    assert isinstance(title, Localized)


def test_the_seed_texts_say_what_they_are_and_invent_no_address():
    vilnius = Document.objects.get(slug="vilnius-2023-communique")
    assert vilnius.provenance == Document.Provenance.MACHINE_TRANSLATION
    assert vilnius.source_name == "Brothermyephre.com"
    # No seed file gives the address it was read at, nor the official text's.
    assert set(Document.objects.values_list("source_url", "official_url")) == {("", "")}
    assert not Document.objects.filter(provenance="").exists()
    articles = Document.objects.filter(kind=Document.Kind.ARTICLE)
    assert {d.provenance for d in articles} == {Document.Provenance.PRESS_ARTICLE}
