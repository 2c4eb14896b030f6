"""The summit page and the commitment browser, made for scanning: categories with their
counts, summit and year columns, one empty choice per filter, statuses by meaning, no
editors' filter for analysts, source cells cut on a word."""

import re

import pytest

from commitments.models import Category, Commitment
from summits.models import Document
from summits.text import shorten
from tests.factories import make_user

pytestmark = pytest.mark.django_db

VILNIUS = "/summits/vilnius-2023/"
BROWSER = "/commitments/"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Communiqué du sommet de Vilnius", 40, "Communiqué du sommet de Vilnius"),
        ("Communiqué du sommet de Vilnius", 20, "Communiqué du…"),
        ("Communiqué du sommet de Vilnius", 14, "Communiqué du…"),
        ("Communiqué du sommet de Vilnius", 13, "Communiqué…"),
        ("Déclaration, du sommet", 14, "Déclaration…"),
        ("Anticonstitutionnellement", 10, "Anticonst…"),
        ("  spaces   inside  ", 40, "spaces inside"),
    ],
)
def test_shorten_ends_on_a_word(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_the_summit_page_groups_commitments_by_category_with_counts(client):
    html = client.get(VILNIUS).content.decode()
    confirmed = Commitment.objects.confirmed().filter(summit__slug="vilnius-2023")
    for category in Category:
        count = confirmed.filter(category=category).count()
        if count:
            assert f'id="category-{category.value}"' in html
            assert f"{category.label} ({count})</a>" in html
        else:
            assert f'id="category-{category.value}"' not in html
    # Long lists come folded by category; the source column says only the paragraph.
    assert html.count('class="category-group" id=') == html.count("<details class=")
    assert "Communiqué du sommet de Vilnius ¶" not in html


def test_the_summit_page_filters_one_category(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # summit, documents, commitments
        response = client.get(VILNIUS, {"category": "cyber"})
    html = response.content.decode()
    assert html.count('class="category-group"') == 1
    assert 'id="category-cyber" open' in html
    expected = Commitment.objects.confirmed().filter(summit__slug="vilnius-2023", category="cyber")
    rows = re.findall(r'<td class="title"><a href="/commitments/([^/]+)/', html)
    assert sorted(rows) == sorted(expected.values_list("slug", flat=True))
    # An unknown category shows them all.
    everything = client.get(VILNIUS, {"category": "nothing"}).content.decode()
    assert everything.count('class="category-group"') > 1


def test_the_summit_page_counts_list_items_apart(client):
    html = client.get(VILNIUS).content.decode()
    paragraphs = re.search(r'data-label="Paragraphs">(\d+)<', html).group(1)
    items = re.search(r'data-label="List items">(\d+)<', html).group(1)
    document = Commitment.objects.filter(summit__slug="vilnius-2023").first().paragraph.document
    assert int(items) == document.paragraphs.filter(parent__isnull=False).count() > 0
    assert int(paragraphs) == document.paragraphs.filter(parent__isnull=True).count()


def test_the_browser_shows_the_summit_and_year_of_recalled_decisions(client):
    recalled = Commitment.objects.confirmed().filter(
        summit__slug="madrid-2022", paragraph__document__summit__slug="vilnius-2023"
    )
    assert recalled.exists()
    html = client.get(BROWSER, {"summit": "madrid-2022"}).content.decode()
    assert '<td data-label="Summit"><a href="/summits/madrid-2022/">Madrid Summit</a></td>' in html
    assert '<td class="num" data-label="Year">2022</td>' in html
    assert "Communiqué du sommet de Vilnius ¶" in html


def test_every_filter_has_one_empty_choice(client):
    html = client.get(BROWSER).content.decode()
    assert "---------" not in html
    for select in re.findall(r'<select name="(\w+)".*?</select>', html, re.S):
        block = re.search(rf'<select name="{select}".*?</select>', html, re.S).group(0)
        assert block.count('value=""') == 1, select


def test_analysts_see_no_review_filter_and_editors_do(client):
    assert 'name="review"' not in client.get(BROWSER).content.decode()
    client.force_login(make_user("Analysts"))
    assert 'name="review"' not in client.get(BROWSER).content.decode()
    client.force_login(make_user("Editors"))
    assert 'name="review"' in client.get(BROWSER).content.decode()


def test_status_sorts_by_meaning(client):
    order = [status.value for status in Commitment.STATUS_ORDER]
    for sort, ranks in [("status", order), ("-status", order[::-1])]:
        page = client.get(BROWSER, {"sort": sort}).context["page"]
        statuses = [c.status for c in page.paginator.object_list]
        assert statuses == sorted(statuses, key=ranks.index), sort
        assert len(set(statuses)) > 2
    html = client.get(BROWSER).content.decode()
    block = re.search(r'<select name="status".*?</select>', html, re.S).group(0)
    assert re.findall(r'value="(\w+)"', block) == order


def test_source_cells_end_on_a_word(client):
    html = client.get(BROWSER, {"summit": "brussels-2021"}).content.decode()
    cells = re.findall(r'data-label="Source"><a href="/documents/([^/]+)/[^"]*">([^<]+)</a>', html)
    titles = dict(Document.objects.values_list("slug", "title"))
    cut = 0
    for slug, cell in cells:
        shown = cell.rsplit(" ", 1)[0]  # without the paragraph's label
        if shown.endswith("…"):
            cut += 1
            words = shown[:-1]
            assert titles[slug].startswith(words + " "), cell
        else:
            assert shown == titles[slug]
    assert cut > 0
