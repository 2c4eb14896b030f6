"""The interface in French and English: translated pages, the language switcher,
numbers in the reader's convention, and a catalogue that is complete and compiled."""

import re
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from commitments import figures
from commitments.models import Commitment
from commitments.templatetags.tracker import euros, target_phrase
from summits.models import Paragraph
from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
NBSP = "\u00a0"
VILNIUS = "/documents/vilnius-2023-communique/"
TWO_PERCENT = "/commitments/vilnius-2023-defence-spending-2-pct-gdp/"

# Every page a reader meets, with the most queries it may take and one interface string
# in each language (English, French) besides the navigation.
PAGES = [
    ("/", 9, "Headline commitments", "Engagements phares"),
    ("/summits/", 4, "Summits and meetings", "Sommets et réunions"),
    ("/summits/vilnius-2023/", 6, "Documents", "Documents"),
    ("/summits/the-hague-2025/", 6, "No text of this meeting is loaded yet.", "Aucun texte"),
    (VILNIUS, 6, "This text", "Ce texte"),
    (f"{VILNIUS}p27/", 6, "Read it in its context", "Le lire dans son contexte"),
    ("/commitments/", 10, "Export this list", "Exporter cette liste"),
    (TWO_PERCENT, 10, "In the words of the text", "Dans les mots du texte"),
    ("/allies/", 6, "Member since", "Membre depuis"),
    ("/allies/pol/", 11, "Measured commitments", "Engagements mesurés"),
    ("/allies/compare/?allies=pol&allies=esp", 8, "Compare allies", "Comparer des Alliés"),
    ("/methodology/", 4, "What counts as a commitment", "Ce qui compte comme engagement"),
    ("/assessments/", 4, "Assessment cycles", "Cycles d’évaluation"),
    ("/search/?q=engageons", 7, "Words to find", "Mots à trouver"),
    ("/accounts/login/", 4, "Sign in", "Se connecter"),
]

TWO_PCT_HEADLINE = "23 of the 31 allies with a figure at 2% or more in 2024, 1 without"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("url", "max_queries", "english", "french"), PAGES)
def test_every_page_speaks_the_language_the_browser_asks_for(
    client, django_assert_max_num_queries, url, max_queries, english, french
):
    with django_assert_max_num_queries(max_queries):
        en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with django_assert_max_num_queries(max_queries):
        fr = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()
    assert '<html lang="en">' in en and '<html lang="fr">' in fr
    assert ">Commitments</a>" in en and ">Engagements</a>" in fr
    assert ">Summits</a>" in en and ">Sommets</a>" in fr
    assert english in en and french in fr
    assert "Skip to content" not in fr and "Aller au contenu" in fr


def test_the_annotation_form_is_in_french_for_a_french_editor(
    client, django_assert_max_num_queries
):
    client.force_login(make_user("Editors"))
    paragraph = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")
    url = f"/paragraphs/{paragraph.pk}/annotations/new/"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with django_assert_max_num_queries(10):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ajouter une note</h1>" in html and "Enregistrer la note" in html
    # The communiqué is quoted in its own words, marked with its own language.
    assert f'lang="{paragraph.document.language}"' in html and paragraph.text[:40] in html


def test_the_switcher_sets_the_language_and_returns_to_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/allies/pol/"})
    assert response.status_code == 302 and response["Location"] == "/allies/pol/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    html = client.get("/allies/pol/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in html and "Engagements mesurés" in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/allies/pol/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Measured commitments" in client.get("/allies/pol/").content.decode()


def test_the_switcher_refuses_to_send_the_reader_off_the_site(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://example.org/"})
    assert response["Location"] == "/"


def test_every_page_has_a_labelled_language_switcher_keeping_the_page(client):
    html = client.get("/allies/?x=1", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<form class="language" method="post" action="/i18n/setlang/">' in html
    assert '<label for="language-select">Langue</label>' in html
    assert '<input type="hidden" name="next" value="/allies/?x=1">' in html
    assert '<option value="fr" lang="fr" selected>Français</option>' in html
    assert '<option value="en" lang="en">English</option>' in html


@pytest.mark.parametrize(
    ("value", "english", "french"),
    [
        (Decimal("2.5"), "2.5%", f"2,5{NBSP}%"),
        (Decimal("2.00"), "2%", f"2{NBSP}%"),
        (Decimal("20"), "20%", f"20{NBSP}%"),
        (Decimal("3.50"), "3.5%", f"3,5{NBSP}%"),
        (Decimal("1.21"), "1.21%", f"1,21{NBSP}%"),
        (130, "130%", f"130{NBSP}%"),
        (Decimal("1250.5"), "1,250.5%", f"1{NBSP}250,5{NBSP}%"),
        (None, "", ""),
    ],
)
def test_percentages_follow_the_readers_convention(value, english, french):
    with translation.override("en"):
        assert figures.percent(value) == english
    with translation.override("fr"):
        assert figures.percent(value) == french


@pytest.mark.parametrize(
    ("value", "unit", "english", "french"),
    [
        (Decimal("2.19"), "pct_gdp", "2.19%", f"2,19{NBSP}%"),
        # Shares as NATO prints them, with two decimals.
        (Decimal("15.20"), "pct_defence_budget", "15.20%", f"15,20{NBSP}%"),
        (Decimal("2"), "pct_gdp", "2.00%", f"2,00{NBSP}%"),
        (Decimal("40000000000"), "EUR", "40,000,000,000", f"40{NBSP}000{NBSP}000{NBSP}000"),
        (Decimal("12000"), "", "12,000", f"12{NBSP}000"),
        (Decimal("0.5"), "", "0.5", "0,5"),
    ],
)
def test_figures_follow_the_readers_convention(value, unit, english, french):
    with translation.override("en"):
        assert figures.figure(value, unit) == english
    with translation.override("fr"):
        assert figures.figure(value, unit) == french


@pytest.mark.parametrize(
    ("value", "english", "french"),
    [
        (Decimal("40000000000"), "40 billion euros", "40 milliards d’euros"),
        (Decimal("1000000000"), "1 billion euros", "1 milliard d’euros"),
        (Decimal("1500000000"), "1.5 billion euros", "1,5 milliard d’euros"),
        (Decimal("500000000"), "500 million euros", "500 millions d’euros"),
        (Decimal("12000"), "12,000 euros", f"12{NBSP}000 euros"),
        (Decimal("1"), "1 euro", "1 euro"),
    ],
)
def test_amounts_read_in_the_readers_language(value, english, french):
    with translation.override("en"):
        assert euros(value) == english
    with translation.override("fr"):
        assert euros(value) == french


def test_targets_read_in_the_readers_language():
    pledge = Commitment(target_value=Decimal("3.5"), unit="pct_gdp", comparator="at_least")
    with translation.override("en"):
        assert target_phrase(pledge) == "3.5% or more"
    with translation.override("fr"):
        assert target_phrase(pledge) == f"3,5{NBSP}% ou plus"


def test_the_commitment_page_shows_its_figures_in_french(client):
    html = client.get(TWO_PERCENT, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f"23 des 31 alliés ayant un chiffre à 2{NBSP}% ou plus en 2024, 1 sans chiffre" in html
    # Table cells and chart labels carry the French decimal comma and spaced sign.
    assert re.search(rf">\d+,\d+{NBSP}%<", html)
    assert re.search(rf"<text class=\"value\"[^>]*>\d+,\d+{NBSP}%", html)
    assert not re.search(r">\d+\.\d+ ?%<", html)
    # The communiqué stays in French, untouched: its own "2 %" is not reformatted.
    english = client.get(TWO_PERCENT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert TWO_PCT_HEADLINE in english
    assert re.search(r"<text class=\"value\"[^>]*>\d+\.\d+%", english)


def test_the_catalogue_translates_every_string_and_nothing_is_fuzzy():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 400
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue.obsolete_entries()] == []
    for entry in catalogue:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_the_translations_keep_every_placeholder_and_french_typography():
    placeholder = re.compile(r"%(?:\([a-z_]+\))?[sd%]")
    for entry in polib.pofile(str(PO)):
        translations = list(entry.msgstr_plural.values()) or [entry.msgstr]
        for text in translations:
            assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(entry.msgid))
            assert "'" not in text, entry.msgid  # typographic apostrophes only
            assert not re.search(r"[^\u00a0][:;?!»]|«[^\u00a0]", text.replace("://", "")), text


def test_the_compiled_catalogue_matches_the_source():
    source = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(PO))}
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(MO)) if e.msgid}
    assert compiled.keys() == source.keys()
    for key, entry in source.items():
        if entry.msgid_plural:
            assert compiled[key].msgstr_plural == entry.msgstr_plural
        else:
            assert compiled[key].msgstr == entry.msgstr


# Words that read the same in both languages and may stand bare in a template.
UNTRANSLATED_WORDS = {"CSV", "JSON", "UTC", "PDF", "HTML", "Français", "English"}


def test_no_template_shows_interface_text_outside_the_translation_tags():
    bare = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}", "", text, flags=re.S)
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", " ", text, flags=re.S)
        text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
        for match in re.finditer(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text):
            if re.search(r"[A-Za-z]{2,}", match.group(1)):
                bare.append((path.name, match.group(0)))
        for chunk in re.sub(r"<[^>]*>", "\n", text).split():
            if re.search(r"[A-Za-z]{2,}", chunk) and chunk not in UNTRANSLATED_WORDS:
                bare.append((path.name, chunk))
    assert bare == []


def test_every_plural_has_each_french_form():
    """French has three plural forms here (one, millions, other): a missing one shows the
    English text ("18 with defects") for the counts that need it."""
    catalogue = polib.pofile(str(PO))
    forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"]).group(1))
    missing = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(forms))
    ]
    assert missing == []
