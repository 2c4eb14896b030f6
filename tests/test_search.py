import pytest
from django.db import connection

from summits.models import Paragraph
from summits.search import (
    french_verb_forms,
    headline_to_html,
    highlight_snippet,
    match_spans,
    query_words,
)
from tests.factories import make_document, make_paragraph

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("sécurité", ["sécurité"]),
        ("  Nous  nous engageons ", ["Nous", "engageons"]),
        ("d’investissement, 2 %", ["d’investissement", "2"]),
        ("«  »", []),
    ],
)
def test_query_words_split_and_deduplicate(query, words):
    assert query_words(query) == words


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("engageons", ["engageons", "engager"]),
        ("renforçons", ["renforçons", "renforcer"]),
        ("saluons", ["saluons", "saluer"]),
        ("nations", ["nations"]),
        ("décisions", ["décisions"]),
        ("bons", ["bons"]),
        ("sécurité", ["sécurité"]),
    ],
)
def test_french_first_person_plural_also_searches_the_infinitive(word, forms):
    assert french_verb_forms(word) == forms


@pytest.mark.parametrize(
    ("text", "words", "spans"),
    [
        ("La Sécurité collective", ["securite"], [(3, 11)]),
        ("ÉLÈVE et élève", ["eleve"], [(0, 5), (9, 14)]),
        ("Straße", ["strasse"], [(0, 6)]),
        ("rien ici", ["securite"], []),
        ("défense de la défense", ["defense", "de"], [(0, 7), (8, 10), (14, 21)]),
    ],
)
def test_match_spans_ignore_accents_and_case(text, words, spans):
    assert match_spans(text, words) == spans


def test_snippets_escape_the_text_and_mark_only_the_matches():
    html = highlight_snippet("<b>Sécurité</b> & défense", ["securite"])
    assert html == "&lt;b&gt;<mark>Sécurité</mark>&lt;/b&gt; &amp; défense"


def test_long_snippets_are_cut_around_the_first_match():
    text = "mot " * 200 + "sécurité " + "fin " * 200
    html = highlight_snippet(text, ["securite"], width=100)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>sécurité</mark>" in html
    assert len(html) < 140


def test_headlines_from_postgresql_are_escaped_but_keep_their_marks():
    assert headline_to_html("a <i>\x02b\x03</i>") == "a &lt;i&gt;<mark>b</mark>&lt;/i&gt;"


def test_search_without_accents_finds_accented_words():
    results = Paragraph.objects.search("securite")
    assert results
    for result in results:
        assert "sécurité" in result.paragraph.text.lower() or "securite" in (
            result.paragraph.folded_text
        )
    assert any("<mark>sécurité</mark>" in r.snippet.lower() for r in results)


def test_search_ignores_capitals_outside_ascii():
    make_paragraph(text="ÉLÈVE officier, Œuvre commune.")
    texts = [r.paragraph.text for r in Paragraph.objects.search("élève œuvre")]
    assert texts == ["ÉLÈVE officier, Œuvre commune."]


def test_every_word_must_match_and_results_are_ranked():
    document = make_document()
    make_paragraph(document=document, position=1, text="Ukraine. Ukraine. Soutien à l’Ukraine.")
    make_paragraph(document=document, position=2, text="Soutien à l’Ukraine.")
    make_paragraph(document=document, position=3, text="Soutien, seulement.")
    results = Paragraph.objects.search("ukraine soutien")
    mine = [r.paragraph.position for r in results if r.paragraph.document_id == document.pk]
    assert mine == [1, 2]


def test_an_empty_query_finds_nothing():
    assert Paragraph.objects.search("  ,;  ") == []


@on_postgresql
def test_postgresql_stems_french_engageons_finds_engagement():
    document = make_document()
    make_paragraph(document=document, text="Notre engagement reste entier.")
    results = Paragraph.objects.search("engageons")
    texts = [r.paragraph.text for r in results]
    assert "Notre engagement reste entier." in texts
    mine = next(r for r in results if r.paragraph.document_id == document.pk)
    assert "<mark>engagement</mark>" in mine.snippet


@on_postgresql
def test_postgresql_searches_english_texts_with_english_stemming():
    document = make_document(language="en", slug="en-doc", raw_text="1. Text.")
    make_paragraph(document=document, text="Allies committed to spending on defence.")
    results = Paragraph.objects.search("commitments spend")
    assert [r.paragraph.document_id for r in results] == [document.pk]


@on_postgresql
def test_postgresql_ranks_by_relevance():
    document = make_document()
    make_paragraph(document=document, position=1, text="Dissuasion. " * 5 + "Autre chose.")
    make_paragraph(document=document, position=2, text="Dissuasion et " + "autre " * 40)
    results = [
        r for r in Paragraph.objects.search("dissuasion") if r.paragraph.document_id == document.pk
    ]
    assert [r.paragraph.position for r in results] == [1, 2]
    assert results[0].rank > results[1].rank


def test_search_page_shows_snippets_with_bounded_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/search/", {"q": "Securite"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>sécurité</mark>" in html.lower()
    assert 'href="/documents/vilnius-2023-communique/#p' in html


def test_search_page_without_query_and_the_header_link(client):
    response = client.get("/search/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/search/" aria-current="page"' in html
    assert "paragraphs match" not in html
