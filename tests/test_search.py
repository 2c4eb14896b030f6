"""Search: the query language (pure), the index on both databases, the search page."""

import functools
import re

import pytest
from django.db import connection, connections

from imports.services import correct_paragraph
from summits import fulltext
from summits.models import Document, Paragraph
from summits.search import (
    Query,
    Term,
    folded_stem,
    parse_query,
    same_stem,
    snippet,
    stem_prefixes,
)
from tests.factories import make_document, make_paragraph, make_summit

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def word(text):
    return Term((text,))


def phrase(*words):
    return Term(tuple(words), phrase=True)


# --- The query language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "groups", "excluded"),
    [
        ("sécurité", [[word("sécurité")]], []),
        ("  Nous  engageons ", [[word("Nous")], [word("engageons")]], []),
        ("2 %", [[word("2")]], []),
        ('"défense collective"', [[phrase("défense", "collective")]], []),
        ("« bonne foi »", [[phrase("bonne", "foi")]], []),
        ("“Ukraine”", [[phrase("Ukraine")]], []),
        ("cyber or espace", [[word("cyber"), word("espace")]], []),
        ("cyber OU espace lune", [[word("cyber"), word("espace")], [word("lune")]], []),
        ("or cyber or", [[word("cyber")]], []),
        ("défense -Ukraine", [[word("défense")]], [word("Ukraine")]),
        ('défense -"mer Noire"', [[word("défense")]], [phrase("mer", "Noire")]),
        ("a or -b", [[word("a")]], [word("b")]),
        ("euro-atlantique", [[word("euro")], [word("atlantique")]], []),
        ("d’investissement", [[word("d")], [word("investissement")]], []),
        ('"or"', [[phrase("or")]], []),
        ('"unclosed phrase', [[phrase("unclosed", "phrase")]], []),
        ("«  » ; %", [], []),
        ("-seul", [], [word("seul")]),
    ],
)
def test_queries_read_words_phrases_or_and_minus(typed, groups, excluded):
    query = parse_query(typed)
    assert [list(group) for group in query.groups] == groups
    assert list(query.excluded) == excluded


def test_a_query_of_exclusions_alone_finds_nothing():
    assert not parse_query("-seul")
    assert parse_query("seul")


@pytest.mark.parametrize(
    ("typed", "french", "english"),
    [
        ("engageons", "engageons or engager", "engageons"),
        ("nations", "nations", "nations"),
        ('"nous engageons" or PAC -2', '"nous engageons" or PAC -2', '"nous engageons" or PAC -2'),
        ("renforçons -ukraine", "renforçons or renforcer -ukraine", "renforçons -ukraine"),
    ],
)
def test_postgresql_reads_the_same_query_through_websearch(typed, french, english):
    query = parse_query(typed)
    assert query.websearch(french=True) == french
    assert query.websearch(french=False) == english


@pytest.mark.parametrize(
    ("typed", "forms", "expression"),
    [
        (
            "Défense",
            {"defense": ["defense", "defenses"]},
            '("defense" OR "defense" OR "defense" OR "defenses")',  # the typed word weighs more
        ),
        ("pac 2", {}, '("pac") AND ("2")'),
        ('"Défense collective" or OTAN', {}, '("Défense collective" OR "otan")'),
        ('a -b -"c d"', {"b": ["b", "bs"]}, '(("a")) NOT ("b" OR "c d")'),
        ("Ukraine", {"ukraine": ["ukraine"]}, '("ukraine")'),
        ('"la" défense "d’abord"', {}, '("la") AND ("defense") AND ("d abord")'),
    ],
)
def test_sqlite_reads_the_same_query_as_fts5(typed, forms, expression):
    assert parse_query(typed).fts5(forms) == expression


@pytest.mark.parametrize(
    ("typed", "vocabulary", "same"),
    [
        (
            "engageons",
            ["engage", "engageons", "engagement", "engager", "engagerons", "engrais"],
            ["engageons", "engage", "engagement", "engager", "engagerons"],
        ),
        (
            "defense",
            ["defense", "defenses", "defensive", "defendre"],
            ["defense", "defenses", "defensive"],
        ),
        ("pac", ["pac", "pacifique", "pacte"], ["pac"]),
        ("2", ["2", "20", "2014"], ["2"]),
        ("alliance", ["alliance", "alliances", "allies", "allie"], ["alliance", "alliances"]),
        (
            "commitments",
            ["commit", "commitment", "commitments", "committee"],
            ["commitments", "commit", "commitment"],
        ),
    ],
)
def test_other_forms_share_a_french_or_english_stem(typed, vocabulary, same):
    found = same_stem(typed, vocabulary)
    assert found[0] == typed
    assert sorted(found) == sorted(same)


def test_the_vocabulary_is_read_from_the_start_a_word_shares_with_its_stems():
    assert stem_prefixes("engageons") == ["engag"]
    assert stem_prefixes("defense") == ["defens"]
    assert stem_prefixes("pac") == []  # too short to have other forms
    assert stem_prefixes("2014") == []


@pytest.mark.parametrize(
    ("text", "words", "phrases", "html"),
    [
        ("La PAC et les capacités.", {"pac"}, [], "La <mark>PAC</mark> et les capacités."),
        ("La Défense, défenses.", {"defense"}, [], "La <mark>Défense</mark>, défenses."),
        ("2 % en 2014", {"2"}, [], "<mark>2</mark> % en 2014"),
        (
            "la défense collective et la défense",
            set(),
            [("defense", "collective")],
            "la <mark>défense collective</mark> et la défense",
        ),
        (
            "<b>Sécurité</b> & co",
            {"securite"},
            [],
            "&lt;b&gt;<mark>Sécurité</mark>&lt;/b&gt; &amp; co",
        ),
        ("", {"x"}, [], ""),
        (
            "la défense collective",
            {"defense"},
            [("defense", "collective")],
            "la <mark>défense collective</mark>",
        ),
        ("Fin.", {"fin"}, [], "<mark>Fin</mark>."),
    ],
)
def test_snippets_mark_whole_words_and_phrases_and_escape_the_rest(text, words, phrases, html):
    assert snippet(text, words, phrases) == html


def test_long_snippets_are_cut_around_the_first_match():
    text = "mot " * 200 + "sécurité " + "fin " * 200
    html = snippet(text, {"securite"}, [], length=20)
    assert html.startswith("… mot ") and html.endswith(" …")
    assert "<mark>sécurité</mark>" in html
    assert html.count(" ") < 30


@pytest.mark.parametrize(
    ("typed", "language", "text", "html"),
    [
        ("engageons", "french", "Nos engagements.", "Nos <mark>engagements</mark>."),
        ("Défenses", "french", "La défense.", "La <mark>défense</mark>."),
        (
            '"défense collective"',
            "french",
            "Défenses collectives",
            "<mark>Défenses collectives</mark>",
        ),
        ("commitment", "english", "Allies committed.", "Allies <mark>committed</mark>."),
    ],
)
def test_postgresql_snippets_mark_the_words_of_the_same_stem(typed, language, text, html):
    words, phrases = parse_query(typed).stemmed(language)
    key = functools.partial(folded_stem, language=language)
    assert snippet(text, words, phrases, key=key) == html


# --- The search, on the database the tests run on ---------------------------------------


def paragraphs(query, **kw):
    return [result.paragraph for result in Paragraph.objects.search(query, **kw)[0:100]]


def texts(query, **kw):
    return [paragraph.text for paragraph in paragraphs(query, **kw)]


@pytest.mark.django_db
def test_accents_and_capitals_do_not_matter():
    make_paragraph(text="ÉLÈVE officier, Œuvre commune.")
    assert texts("élève œuvre") == ["ÉLÈVE officier, Œuvre commune."]
    assert texts("Eleve officier") == ["ÉLÈVE officier, Œuvre commune."]


@pytest.mark.django_db
def test_the_seed_texts_loaded_by_loaddata_are_in_the_index():
    results = Paragraph.objects.search("securite")
    assert results.count() > 5
    first = results[0:20]
    assert any("<mark>sécurité</mark>" in r.snippet.lower() for r in first)
    assert all("sécurité" in r.paragraph.text.lower() for r in first)


@pytest.mark.django_db
def test_words_are_whole_words():
    document = make_document()
    make_paragraph(document=document, position=1, text="Capacités, capacités. " * 12)
    make_paragraph(document=document, position=2, text="Réunis en 2014, 2021 et 2023. " * 5)
    make_paragraph(document=document, position=3, text="Le soutien de la PAC, au moins 2 %.")
    found = [p.position for p in paragraphs("PAC", documents=[document.pk])]
    assert found == [3]
    assert [p.position for p in paragraphs("2 %", documents=[document.pk])] == [3]


@pytest.mark.django_db
def test_a_french_verb_form_finds_the_noun_and_the_snippet_marks_it():
    document = make_document()
    make_paragraph(document=document, text="Notre engagement reste entier.")
    results = Paragraph.objects.search("engageons", documents=[document.pk])[0:20]
    assert [r.paragraph.text for r in results] == ["Notre engagement reste entier."]
    assert "<mark>engagement</mark>" in results[0].snippet


@pytest.mark.django_db
def test_english_texts_are_found_by_their_english_stems():
    document = make_document(language="en", slug="en-doc", raw_text="1. Text.")
    make_paragraph(document=document, text="Allies committed to spending on defence.")
    assert texts("commitments spend", documents=[document.pk]) == [
        "Allies committed to spending on defence."
    ]


@pytest.mark.django_db
def test_phrases_or_and_minus():
    document = make_document()
    make_paragraph(document=document, position=1, text="La défense collective de l’Alliance.")
    make_paragraph(document=document, position=2, text="La défense de l’espace collective.")
    make_paragraph(document=document, position=3, text="Le cyberespace et la lune.")
    make_paragraph(document=document, position=4, text="La défense de l’Ukraine.")
    mine = {"documents": [document.pk]}

    def positions(query):
        return sorted(p.position for p in paragraphs(query, **mine))

    assert positions('"défense collective"') == [1]
    assert positions("défense collective") == [1, 2]
    assert positions("cyberespace or lune") == [3]
    assert positions("alliance or ukraine") == [1, 4]
    assert positions("défense -ukraine") == [1, 2]
    assert positions('défense -"défense collective"') == [2, 4]
    assert positions("-ukraine") == []


@pytest.mark.django_db
def test_more_occurrences_rank_first():
    document = make_document()
    make_paragraph(document=document, position=1, text="Dissuasion et " + "autre " * 40)
    make_paragraph(document=document, position=2, text="Dissuasion. " * 5 + "Autre chose.")
    results = Paragraph.objects.search("dissuasion", documents=[document.pk])[0:20]
    assert [r.paragraph.position for r in results] == [2, 1]
    assert results[0].rank > results[1].rank


@pytest.mark.django_db
def test_filters_keep_the_texts_asked_for():
    summit = make_summit(slug="older", name="Older meeting")
    french = make_document(summit=summit, slug="fr-doc", raw_text="fr")
    english = make_document(summit=summit, slug="en-doc", language="en", raw_text="en")
    make_paragraph(document=french, text="Résilience des Alliés.")
    make_paragraph(document=english, text="Resilience of the Allies.")
    assert len(texts("resilience", documents=[french.pk, english.pk])) == 2
    assert texts("resilience", documents=[english.pk]) == ["Resilience of the Allies."]
    others = list(Document.objects.exclude(pk=french.pk).values_list("pk", flat=True))
    assert texts("resilience", outside=others) == ["Résilience des Alliés."]
    assert texts("resilience", documents=[]) == []


@pytest.mark.django_db
def test_many_documents_are_filtered_by_a_join_rather_than_terms(monkeypatch):
    monkeypatch.setattr(fulltext, "DOCUMENT_TERMS_LIMIT", 1)
    summit = make_summit(slug="joined")
    first = make_document(summit=summit, slug="one", raw_text="1")
    second = make_document(summit=summit, slug="two", raw_text="2")
    third = make_document(summit=summit, slug="three", raw_text="3")
    for document in (first, second, third):
        make_paragraph(document=document, text=f"Quokka {document.slug}.")
    both = ["Quokka one.", "Quokka two."]
    assert sorted(texts("quokka", documents=[first.pk, second.pk])) == both  # a join
    others = Document.objects.exclude(pk__in=[first.pk, second.pk]).values_list("pk", flat=True)
    assert sorted(texts("quokka", outside=list(others))) == both  # a join
    assert sorted(texts("quokka", outside=[third.pk])) == both  # a term


@pytest.mark.django_db
def test_matches_are_counted_up_to_a_limit_and_paged(monkeypatch):
    monkeypatch.setattr(fulltext, "COUNT_LIMIT", 3)
    document = make_document()
    for position in range(1, 6):
        make_paragraph(document=document, position=position, text=f"Mobilité militaire {position}.")
    mine = Paragraph.objects.search("mobilité", documents=[document.pk])
    assert mine.count() == 3 and mine.more
    assert len(mine[0:2]) == 2 and len(mine[2:4]) == 2
    assert {r.paragraph.pk for r in mine[0:2]}.isdisjoint({r.paragraph.pk for r in mine[2:4]})
    fewer = Paragraph.objects.search("mobilité 4", documents=[document.pk])
    assert fewer.count() == 1 and not fewer.more


@pytest.mark.django_db
def test_an_empty_query_finds_nothing():
    assert Paragraph.objects.search("  ,;  ").count() == 0
    assert Paragraph.objects.search("  ,;  ")[0:20] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    ['"', '""', "-", "- -", "or", "NOT", "AND NEAR(", "*", "a*", "^x", "x:y", "'", "(", ")", "{a}"],
)
def test_odd_input_is_a_query_like_any_other(typed, client):
    Paragraph.objects.search(typed)[0:20]
    assert client.get("/search/", {"q": typed}).status_code == 200


# --- The index follows every write ------------------------------------------------------


@pytest.mark.django_db
def test_paragraphs_created_in_bulk_corrected_and_deleted_are_found_or_not():
    document = make_document()
    Paragraph.objects.bulk_create(
        [
            Paragraph(document=document, position=n, label=str(n), text=f"Zéphyr numéro {n}.")
            for n in (1, 2)
        ]
    )
    assert len(texts("zephyr")) == 2
    paragraph = Paragraph.objects.get(document=document, position=1)
    correct_paragraph(paragraph=paragraph, text="Alizé numéro un.")
    assert texts("zephyr") == ["Zéphyr numéro 2."]
    assert texts("alize") == ["Alizé numéro un."]
    Paragraph.objects.filter(document=document).update(text="Mistral.")
    assert texts("zephyr") == [] and len(texts("mistral")) == 2
    document.delete()
    assert texts("mistral") == []


@on_sqlite
@pytest.mark.django_db
def test_the_index_comes_back_when_a_migration_rebuilt_the_paragraph_table():
    document = make_document()
    make_paragraph(document=document, text="Tramontane.")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER summits_paragraph_fts_insert")
        cursor.execute("DROP TRIGGER summits_paragraph_fts_update")
    assert fulltext.install_sqlite_index(connection) is True
    assert fulltext.install_sqlite_index(connection) is False  # nothing missing now
    make_paragraph(document=document, position=2, text="Tramontane encore.")
    assert sorted(texts("tramontane")) == ["Tramontane encore.", "Tramontane."]


@on_sqlite
@pytest.mark.django_db
def test_sqlite_ranks_the_most_recent_matches(monkeypatch):
    monkeypatch.setattr(fulltext, "RANK_WINDOW", 2)
    document = make_document()
    make_paragraph(document=document, position=1, text="Sirocco. " * 9)
    make_paragraph(document=document, position=2, text="Sirocco et autre chose.")
    make_paragraph(document=document, position=3, text="Sirocco, sirocco et autre chose.")
    ranked = [p.position for p in paragraphs("sirocco", documents=[document.pk])]
    assert ranked == [3, 2]  # the oldest is out of the window, however relevant


@on_postgresql
@pytest.mark.django_db
def test_postgresql_ranks_each_page_of_the_newest_matches(monkeypatch):
    document = make_document()
    make_paragraph(document=document, position=1, text="Sirocco. " * 9)
    make_paragraph(document=document, position=2, text="Sirocco et autre chose.")
    make_paragraph(document=document, position=3, text="Sirocco, sirocco et autre chose.")
    results = Paragraph.objects.search("sirocco", documents=[document.pk])
    assert [r.paragraph.position for r in results[0:2]] == [3, 2]  # newest two, ranked
    assert [r.paragraph.position for r in results[2:4]] == [1]


# --- The page --------------------------------------------------------------------------


def page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def search_queries():
    """What the search page reads, on each database (the texts' list is cached)."""
    common = ["the load generation", "the texts to filter by (cached)"]
    if connections[Paragraph.objects.db].vendor == "sqlite":
        engine = [
            "the indexed forms of the words",
            "the number of matches, up to the limit",
            "the page, ranked",
            "its paragraphs",
        ]
    else:
        engine = [
            "the number of matches, up to the limit",
            "the page's paragraphs, newest first",
            "their rank, document and meeting",
        ]
    return common + engine + ["their commitments"]


@pytest.mark.django_db
def test_the_search_page_runs_the_queries_it_needs(client, django_assert_num_queries):
    with django_assert_num_queries(len(search_queries())):
        html = page(client, q="Securite")
    assert "<mark>sécurité</mark>" in html.lower()
    assert 'href="/documents/vilnius-2023-communique/#p' in html
    # The list of texts is cached until texts are loaded.
    with django_assert_num_queries(len(search_queries()) - 1):
        page(client, q="Securite", language="fr")


@pytest.mark.django_db
def test_the_regressions_reported_on_sqlite_are_gone(client):
    summit = make_summit()
    document = make_document(summit=summit, slug="years", title="Texte des années")
    make_paragraph(document=document, position=1, text="Réunis en 2014, 2021, 2022 et 2023. " * 5)
    other = make_document(summit=summit, slug="pac", title="Texte des capacités", raw_text="c")
    make_paragraph(document=other, position=1, text="Capacités, capacités. " * 12)
    noun = make_document(summit=summit, slug="noun", title="Texte du nom", raw_text="n")
    make_paragraph(document=noun, position=1, text="Notre engagement reste entier.")
    assert "Texte des années" not in page(client, q="2 %")
    assert "Texte des capacités" not in page(client, q="PAC")
    assert "Texte du nom" in page(client, q="engageons", document="noun")


@pytest.mark.django_db
def test_each_hit_links_to_the_commitments_of_its_paragraph(client):
    html = page(client, q='"2 % de notre produit intérieur brut"', summit="vilnius-2023")
    assert "Commitments:" in html
    assert 'href="/commitments/vilnius-2023-defence-spending-2-pct-gdp/"' in html


def hits(html):
    """The titles and meetings of the results listed."""
    listed = html.split('<ol class="results"', 1)[1].split("</ol>", 1)[0] if "<ol" in html else ""
    return re.findall(r'<span class="meta">· ([^<]+)</span>', listed)


@pytest.mark.django_db
def test_the_filters_narrow_the_texts_and_say_so(client):
    everywhere = set(hits(page(client, q="sécurité")))
    assert len(everywhere) > 1
    html = page(client, q="sécurité", summit="vilnius-2023")
    assert set(hits(html)) == {"Vilnius Summit 2023"}
    assert '<option value="vilnius-2023" selected>' in html
    assert "All texts" in html
    assert hits(page(client, q="sécurité", language="en")) == []  # the seed is in French
    html = page(client, q="sécurité", year="2023")
    assert '<option value="2023" selected>' in html
    assert {meeting.rsplit(" ", 1)[1] for meeting in hits(html)} == {"2023"}
    assert "Wales Summit 2014</option>" not in html  # only the year's meetings to choose


@pytest.mark.django_db
def test_bad_filters_are_told_and_find_nothing(client):
    html = page(client, q="sécurité", year="1800", summit="nowhere")
    assert html.count('role="alert"') == 2
    assert "paragraphs match" not in html


@pytest.mark.django_db
def test_more_than_the_limit_is_said(client, monkeypatch):
    monkeypatch.setattr(fulltext, "COUNT_LIMIT", 2)
    html = page(client, q="sécurité")
    assert "More than 2 paragraphs match" in html
    assert len(hits(html)) == 2


@pytest.mark.django_db
def test_the_help_says_what_this_database_does(client):
    html = page(client)
    if connection.vendor == "sqlite":
        assert "among the 5,000 most recently loaded" in html
    else:
        assert "the most relevant first within each page" in html
    assert "engageons finds engagement" in html
    assert "paragraphs match" not in html


@pytest.mark.django_db
def test_search_page_without_query_and_the_header_link(client):
    html = page(client)
    assert 'href="/search/" aria-current="page"' in html
    assert "paragraphs match" not in html


@pytest.mark.django_db
def test_queries_longer_than_the_box_are_refused_with_a_message(client):
    html = page(client, q="mot " * 60)
    assert 'role="alert"' in html
    assert "paragraphs match" not in html


def test_a_query_object_without_groups_is_false():
    assert not Query()


@pytest.mark.django_db
def test_with_many_meetings_the_filter_lists_those_of_the_year(client, monkeypatch):
    from reader import forms

    monkeypatch.setattr(forms, "MEETINGS_LISTED", 1)
    html = page(client, q="sécurité")
    assert "Choose a year to list its meetings" in html
    assert "Vilnius Summit 2023</option>" not in html
    html = page(client, q="sécurité", year="2023")
    assert "Vilnius Summit 2023</option>" in html
    html = page(client, q="sécurité", summit="vilnius-2023")
    assert '<option value="vilnius-2023" selected>Vilnius Summit 2023</option>' in html
