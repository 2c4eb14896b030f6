"""Choosing a commitment among thousands: the note form and the lineage field search
(a box, a lookup endpoint, the list the server sends back without JavaScript), and the
curation page pages and searches its list; none of them lists every commitment."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.forms import LOOKUP_LIMIT
from commitments.models import Category, Commitment
from reader.models import Annotation
from summits.models import Paragraph
from tests.factories import make_user

pytestmark = pytest.mark.django_db

VILNIUS = "vilnius-2023-communique"


def many_candidates(count: int, word: str = "zanzibarite") -> list[Commitment]:
    """So many extractor candidates on one Vilnius paragraph, each with ``word`` and a
    number in its title."""
    paragraphs = list(Paragraph.objects.filter(document__slug=VILNIUS).order_by("position"))
    spans = [(p, end) for p in paragraphs for end in range(5, len(p.text))]
    return Commitment.objects.bulk_create(
        Commitment(
            slug=f"bulk-{word}-{n}",
            title=f"Engagement {word} numéro {n}",
            summit=paragraph.document.summit,
            paragraph=paragraph,
            quote=paragraph.text[:end],
            quote_start=0,
            quote_end=end,
            category=Category.OTHER,
            bound=Commitment.Bound.ALLIANCE,
            review=Commitment.Review.CANDIDATE,
            confidence=0.5,
        )
        for n, (paragraph, end) in zip(range(count), spans[1::7], strict=False)
    )


@pytest.fixture
def editor(client):
    user = make_user("Editors")
    client.force_login(user)
    return user


@pytest.fixture
def paragraph():
    return Paragraph.objects.filter(document__slug=VILNIUS).order_by("position")[3]


def note_form(client, paragraph):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reader:annotation_create", args=[paragraph.pk]))
    return response.content.decode(), len(queries)


def test_the_note_form_does_not_grow_with_the_number_of_commitments(client, editor, paragraph):
    """Before, it held a <select> of every commitment: 7 MB after two large imports."""
    html, queries = note_form(client, paragraph)
    many_candidates(400)
    Commitment.objects.filter(slug__startswith="bulk-").update(review="confirmed")
    after, queries_after = note_form(client, paragraph)
    assert '<select name="commitment"' not in after
    assert 'name="commitment"' in after and 'data-lookup-url="/commitments/lookup/"' in after
    assert "zanzibarite" not in after
    assert abs(len(after) - len(html)) < 200 and queries_after == queries


def test_the_lookup_proposes_at_most_twenty_and_says_there_are_more(client):
    many_candidates(30)
    Commitment.objects.filter(slug__startswith="bulk-").update(review="confirmed")
    answer = client.get("/commitments/lookup/?q=zanzibarite").json()
    assert len(answer["results"]) == LOOKUP_LIMIT == 20 and answer["more"] is True
    first = answer["results"][0]
    assert first["slug"].startswith("bulk-zanzibarite-")
    assert first["label"].startswith("Vilnius Summit 2023: Engagement zanzibarite")
    narrow = client.get("/commitments/lookup/?q=zanzibarite numéro 17").json()
    assert [r["slug"] for r in narrow["results"]] == ["bulk-zanzibarite-17"]
    assert narrow["more"] is False
    assert client.get("/commitments/lookup/?q=").json() == {"results": [], "more": False}


def test_the_lookup_leaves_out_rejected_commitments(client):
    many_candidates(3, word="quokkatine")
    Commitment.objects.filter(slug="bulk-quokkatine-1").update(review="rejected")
    slugs = [r["slug"] for r in client.get("/commitments/lookup/?q=quokkatine").json()["results"]]
    assert "bulk-quokkatine-1" not in slugs and len(slugs) == 2


def post_note(client, paragraph, commitment: str):
    quote = paragraph.text.split()[0]
    return client.post(
        reverse("reader:annotation_create", args=[paragraph.pk]),
        {
            "quote": quote,
            "start": paragraph.text.index(quote),
            "body": "Une note.",
            "commitment": commitment,
        },
    )


def test_a_note_takes_a_commitment_by_its_address(client, editor, paragraph):
    slug = "vilnius-2023-defence-spending-2-pct-gdp"
    assert post_note(client, paragraph, slug).status_code == 302
    assert Annotation.objects.get(paragraph=paragraph).commitment.slug == slug


def test_words_matching_one_commitment_choose_it(client, editor, paragraph):
    many_candidates(5, word="okapinesque")
    Commitment.objects.filter(slug__startswith="bulk-").update(review="confirmed")
    assert post_note(client, paragraph, "okapinesque numéro 3").status_code == 302
    assert Annotation.objects.get(paragraph=paragraph).commitment.slug == "bulk-okapinesque-3"


def test_without_javascript_words_matching_several_come_back_as_a_list(client, editor, paragraph):
    many_candidates(25, word="pangolinade")
    Commitment.objects.filter(slug__startswith="bulk-").update(review="confirmed")
    response = post_note(client, paragraph, "pangolinade")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Several commitments match" in html
    options = re.findall(r'<option value="(bulk-pangolinade-\d+)">', html)
    assert len(options) == LOOKUP_LIMIT
    radios = re.findall(r'type="radio" name="commitment" value="(bulk-pangolinade-\d+)"', html)
    assert radios == options
    assert not Annotation.objects.filter(paragraph=paragraph).exists()
    # The editor ticks one of them and sends the form again, the words still in the box:
    # the choice, sent after the box, wins.
    assert post_note(client, paragraph, ["pangolinade", radios[3]]).status_code == 302
    assert Annotation.objects.get(paragraph=paragraph).commitment.slug == radios[3]


def test_words_matching_nothing_are_an_error(client, editor, paragraph):
    response = post_note(client, paragraph, "aucunmotpareil")
    assert response.status_code == 200
    assert "No commitment has these words or this address." in response.content.decode()


def test_the_note_form_picker_reads_in_french(client, editor, paragraph):
    response = client.post(
        reverse("reader:annotation_create", args=[paragraph.pk]),
        {"quote": "x", "body": "", "commitment": "aucunmotpareil"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "Aucun engagement" in response.content.decode()


def test_editing_a_note_shows_its_commitment_named_in_the_list(client, editor, paragraph):
    slug = "vilnius-2023-defence-spending-2-pct-gdp"
    post_note(client, paragraph, slug)
    note = Annotation.objects.get(paragraph=paragraph)
    html = client.get(reverse("reader:annotation_edit", args=[note.pk])).content.decode()
    assert f'value="{slug}"' in html
    assert re.search(rf'<option value="{slug}">Vilnius Summit 2023: ', html)


def curate(client, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("commitments:curate", args=[VILNIUS]), query)
    return response, len(queries)


def test_the_curation_page_shows_a_hundred_at_a_time(client, editor):
    """Before, a text of 36 000 candidates made a 64 MB page."""
    small, small_queries = curate(client)
    many_candidates(250)
    response, queries = curate(client)
    html = response.content.decode()
    assert html.count('<tr id="c-') == 100
    assert "Page 1 of" in html and 'rel="next"' in html
    assert queries == small_queries
    pages = response.context["page"].paginator.num_pages
    last = curate(client, page=pages)[0].content.decode()
    assert 'rel="next"' not in last and last.count('<tr id="c-') > 0


def test_the_curation_page_searches_its_commitments(client, editor):
    many_candidates(150)
    response, _queries = curate(client, q="zanzibarite numéro 142")
    html = response.content.decode()
    assert html.count('<tr id="c-') == 1 and 'id="c-bulk-zanzibarite-142"' in html
    assert 'value="zanzibarite numéro 142"' in html
