import pytest
from django.urls import reverse

from commitments.models import Commitment

pytestmark = pytest.mark.django_db

VILNIUS = "/documents/vilnius-2023-communique/"


@pytest.mark.parametrize(
    ("url", "max_queries", "expected"),
    [
        ("/summits/", 4, ["Vilnius Summit", "Wales Summit", "The Hague Summit", "No text loaded"]),
        ("/summits/vilnius-2023/", 6, ["Communiqué du sommet de Vilnius", "2 %"]),
        ("/summits/the-hague-2025/", 6, ["No text of this meeting is loaded yet"]),
        (VILNIUS, 6, ['id="p27"', 'id="p34-6"', "nous nous engageons durablement"]),
        ("/documents/brussels-2021-preview-article/", 6, ["Repeated in the source"]),
        ("/commitments/", 10, ["Commitments", "2 %"]),
        ("/allies/", 4, ["Iceland", "Islande"]),
        ("/allies/pol/", 6, ["Poland", "2024"]),
    ],
)
def test_pages_render_with_bounded_queries(
    client, django_assert_max_num_queries, url, max_queries, expected
):
    with django_assert_max_num_queries(max_queries):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, text


def test_every_commitment_page_renders_with_bounded_queries(client, django_assert_max_num_queries):
    for commitment in Commitment.objects.exclude(review="rejected"):
        with django_assert_max_num_queries(10):
            response = client.get(commitment.get_absolute_url())
        assert response.status_code == 200
        assert commitment.quote in response.content.decode()


def test_the_reader_marks_repaired_defects(client):
    html = client.get(VILNIUS).content.decode()
    assert html.count('class="cut-marker"') == 9
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
    assert "<strong>23</strong> of 32" in html
    assert "<strong>11</strong> of 31" in html
    assert "no data" in html  # Iceland
    assert "Wales Summit 2014" in html  # lineage


def test_unknown_pages_are_404(client):
    assert client.get("/summits/nowhere-1999/").status_code == 404
    assert client.get("/documents/nothing/").status_code == 404
    assert client.get(reverse("commitments:detail", args=["nothing"])).status_code == 404
    assert client.get("/allies/xxx/").status_code == 404
