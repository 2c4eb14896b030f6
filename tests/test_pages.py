import pytest
from django.urls import reverse

from commitments.models import Commitment

pytestmark = pytest.mark.django_db

VILNIUS = "/documents/vilnius-2023-communique/"


# Each main page runs these queries, whatever the data (tests/test_scale.py checks the
# same counts at two sizes of generated data).
QUERIES = {
    "/": [
        "the latest headline commitments",
        "the load generation (headline progress is cached until figures are loaded)",
        "their indicators' figures",
        "the allies",
        "the contributions to those counted in money",
        "the next summit",
        "the recent summits with a text",
        "their documents",
        "the recent annotations",
    ],
    "/summits/": ["the number of meetings (pages)", "a page of meetings", "their documents"],
    "/summits/vilnius-2023/": ["the summit", "its documents", "its confirmed commitments"],
    VILNIUS: ["the document", "its paragraphs", "their commitments", "their annotations"],
    "/commitments/": [
        "the summit facet",
        "the category facet",
        "the status facet",
        "the indicator facet",
        "the bound facet",
        "the number of commitments (pages)",
        "the summits of the filter",
        "the indicators of the filter",
        "a page of commitments",
    ],
    "/allies/": [
        "the allies",
        "the commitments binding allies one by one, measured or overdue",
        "their named allies",
        "the indicators with figures per ally",
        "their figures",
        "the lineage links",
    ],
    "/allies/map/": [
        "the allies",
        "the commitments binding allies one by one, measured or overdue",
        "their named allies",
        "the indicators with figures per ally",
        "their figures",
        "the lineage links",
    ],
    "/allies/pol/": [
        "the ally",
        "its measured commitments' versions and rules",
        "the most recent of them",
        "its other commitments",
        "the ally's own figures",
        "the years of the measured ones' indicators",
        "the load generation (the average score is cached until figures are loaded)",
        "all its measured commitments (for the average)",
        "their lineage links",
        "the number of the others",
        "its contributions of money",
    ],
    "/commitments/vilnius-2023-defence-spending-2-pct-gdp/": [
        "the commitment",
        "the lineage links",
        "the family's commitments",
        "the later summits",
        "the indicator's figures (its contributions, for one counted in money)",
        "the allies",
        "the named allies",
        "the status history",
        "its scores in published assessments",
    ],
}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/summits/", ["Vilnius Summit", "Wales Summit", "The Hague Summit", "No text loaded"]),
        ("/summits/vilnius-2023/", ["Communiqué du sommet de Vilnius", "2 %"]),
        (VILNIUS, ['id="p27"', 'id="p34-6"', "nous nous engageons durablement"]),
        ("/commitments/", ["Commitments", "2 %"]),
        ("/allies/", ["Iceland", "Islande"]),
        ("/allies/pol/", ["Poland", "2024"]),
        ("/allies/map/", ['<svg xmlns="http://www.w3.org/2000/svg" class="tilemap"', "POL"]),
        ("/commitments/vilnius-2023-defence-spending-2-pct-gdp/", ["Wales Summit 2014"]),
        ("/", ["Vilnius"]),
    ],
)
def test_main_pages_run_the_queries_they_need_and_no_more(
    client, django_assert_num_queries, url, expected
):
    with django_assert_num_queries(len(QUERIES[url])):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/summits/the-hague-2025/", ["No text of this meeting is loaded yet"]),
        ("/documents/brussels-2021-preview-article/", ["Repeated in the source"]),
    ],
)
def test_pages_of_other_meetings_and_texts_run_the_same_queries(
    client, django_assert_num_queries, url, expected
):
    same = {"/summits/the-hague-2025/": "/summits/vilnius-2023/"}.get(url, VILNIUS)
    with django_assert_num_queries(len(QUERIES[same])):
        response = client.get(url)
    html = response.content.decode()
    for text in expected:
        assert text in html, text


def test_every_commitment_page_runs_the_same_queries(client, django_assert_num_queries):
    queries = len(QUERIES["/commitments/vilnius-2023-defence-spending-2-pct-gdp/"])
    for commitment in Commitment.objects.shown().filter(indicator__isnull=False):
        with django_assert_num_queries(queries):
            response = client.get(commitment.get_absolute_url())
        assert commitment.quote in response.content.decode()
    # Without an indicator: no figures, no allies to read.
    for commitment in Commitment.objects.shown().filter(indicator__isnull=True):
        with django_assert_num_queries(queries - 2):
            response = client.get(commitment.get_absolute_url())
        assert commitment.quote in response.content.decode()


def test_the_reader_marks_repaired_defects(client):
    html = client.get(VILNIUS).content.decode()
    text = html[html.index('<article class="text"') : html.index("</article>")]
    assert text.count('class="cut-marker"') == 9
    assert "Repeated passage removed (2 extra copies)" in html
    assert "Stray sentence break removed" in html


def test_the_reader_links_highlighted_quotes_to_their_commitment(client):
    pledge = Commitment.objects.get(slug="vilnius-2023-defence-spending-2-pct-gdp")
    html = client.get(VILNIUS).content.decode()
    assert f'href="{pledge.get_absolute_url()}"' in html
    assert '<mark class="commitment">' in html


def test_the_spending_pledge_page_shows_allies_meeting_it_per_year(client):
    pledge = Commitment.objects.get(slug="vilnius-2023-defence-spending-2-pct-gdp")
    html = client.get(pledge.get_absolute_url()).content.decode()
    assert "<strong>23</strong> of the 31 with a figure" in html
    assert "<strong>11</strong> of the 30 with a figure" in html
    assert "no data" in html  # Iceland
    assert "Wales Summit 2014" in html  # lineage


def test_unknown_pages_are_404(client):
    assert client.get("/summits/nowhere-1999/").status_code == 404
    assert client.get("/documents/nothing/").status_code == 404
    assert client.get(reverse("commitments:detail", args=["nothing"])).status_code == 404
    assert client.get("/allies/xxx/").status_code == 404
