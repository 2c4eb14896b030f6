import pytest

from commitments.models import Commitment

pytestmark = pytest.mark.django_db

URL = "/commitments/"
SPENDING = "vilnius-2023-defence-spending-2-pct-gdp"
EQUIPMENT = "vilnius-2023-major-equipment-20-pct"
WALES = "wales-2014-defence-investment-pledge"
CAP = "vilnius-2023-cap-multi-year-programme"
BASELINE = "washington-2024-ukraine-40-billion-baseline"


def listed(client, django_assert_max_num_queries, **params):
    with django_assert_max_num_queries(14):
        response = client.get(URL, {"review": "", **params})
    assert response.status_code == 200
    return [c.slug for c in response.context["page"].paginator.object_list]


def expected(**lookups):
    return sorted(
        Commitment.objects.exclude(review="rejected")
        .filter(**lookups)
        .values_list("slug", flat=True)
    )


@pytest.mark.parametrize(
    ("params", "lookups", "named"),
    [
        ({"summit": "wales-2014"}, {"summit__slug": "wales-2014"}, [WALES]),
        ({"category": "major_equipment"}, {"category": "major_equipment"}, [EQUIPMENT]),
        ({"status": "partly_met"}, {"status": "partly_met"}, [SPENDING, EQUIPMENT, WALES]),
        ({"indicator": "cap-funding"}, {"indicator__slug": "cap-funding"}, [CAP]),
        ({"bound": "alliance"}, {"bound": "alliance"}, [CAP, BASELINE]),
        ({"year_from": "2024"}, {"summit__started_on__year__gte": 2024}, [BASELINE]),
        ({"year_to": "2014"}, {"summit__started_on__year__lte": 2014}, [WALES]),
    ],
)
def test_each_filter_alone(client, django_assert_max_num_queries, params, lookups, named):
    slugs = listed(client, django_assert_max_num_queries, **params)
    everything = Commitment.objects.filter(**lookups)
    rejected = set(everything.filter(review="rejected").values_list("slug", flat=True))
    assert sorted(slugs) == sorted(set(everything.values_list("slug", flat=True)) - rejected)
    assert set(named) <= set(slugs)


def test_the_review_filter_defaults_to_confirmed_commitments(client):
    Commitment.objects.filter(slug=CAP).update(review="candidate")
    Commitment.objects.filter(slug=BASELINE).update(review="rejected")
    slugs = [c.slug for c in client.get(URL).context["page"].paginator.object_list]
    assert sorted(slugs) == expected(review="confirmed")
    assert CAP not in slugs and BASELINE not in slugs
    candidates = client.get(URL, {"review": "candidate"}).context["page"].paginator.object_list
    assert [c.slug for c in candidates] == [CAP]
    everything = client.get(URL, {"review": ""}).context["page"].paginator.object_list
    assert CAP in {c.slug for c in everything} and BASELINE not in {c.slug for c in everything}
    rejected = client.get(URL, {"review": "rejected"}).context["page"].paginator.object_list
    assert BASELINE in {c.slug for c in rejected}


def test_free_text_ignores_accents_in_the_paragraph_and_capitals_in_the_title(
    client, django_assert_max_num_queries
):
    assert SPENDING in listed(client, django_assert_max_num_queries, q="PRODUIT interieur")
    assert BASELINE in listed(client, django_assert_max_num_queries, q="BASELINE")
    assert listed(client, django_assert_max_num_queries, q="zzzz introuvable") == []


def test_filters_combined(client, django_assert_max_num_queries):
    slugs = listed(
        client,
        django_assert_max_num_queries,
        summit="vilnius-2023",
        category="defence_spending",
        status="partly_met",
        indicator="defence-expenditure-gdp",
        bound="each_ally",
        year_from="2023",
        year_to="2023",
        q="PIB",
        review="confirmed",
    )
    assert slugs == [SPENDING]
    assert (
        listed(client, django_assert_max_num_queries, summit="wales-2014", year_from="2020") == []
    )
    ukraine_alliance = listed(
        client, django_assert_max_num_queries, category="ukraine", bound="alliance"
    )
    assert sorted(ukraine_alliance) == expected(category="ukraine", bound="alliance")


def test_an_invalid_filter_value_is_reported_not_ignored(client):
    response = client.get(URL, {"summit": "atlantis-1999"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_sorting_by_title_and_by_date_descending(client):
    by_title = client.get(URL, {"sort": "title"}).context["page"].paginator.object_list
    titles = [c.title for c in by_title]
    assert titles == sorted(titles)
    by_date = client.get(URL, {"sort": "-date"}).context["page"].paginator.object_list
    dates = [c.summit.started_on for c in by_date]
    assert dates == sorted(dates, reverse=True)


def test_pagination_keeps_the_filters_in_its_links(client):
    confirmed = Commitment.objects.filter(review="confirmed")
    assert confirmed.filter(summit__slug="vilnius-2023").count() > 25
    response = client.get(URL, {"summit": "vilnius-2023", "page": "1"})
    page = response.context["page"]
    assert page.paginator.count == confirmed.filter(summit__slug="vilnius-2023").count()
    assert page.has_next()
    assert "summit=vilnius-2023&amp;page=2" in response.content.decode()
    second = client.get(URL, {"summit": "vilnius-2023", "page": "2"})
    assert second.context["page"].number == 2
    assert "summit=vilnius-2023&amp;page=1" in second.content.decode()


def test_facet_counts_leave_out_their_own_filter(client):
    response = client.get(URL, {"summit": "vilnius-2023", "category": "ukraine"})
    html = response.content.decode()
    confirmed = Commitment.objects.filter(review="confirmed")
    ukraine_at_vilnius = confirmed.filter(summit__slug="vilnius-2023", category="ukraine").count()
    ukraine_at_washington = confirmed.filter(
        summit__slug="washington-2024", category="ukraine"
    ).count()
    vilnius_spending = confirmed.filter(
        summit__slug="vilnius-2023", category="defence_spending"
    ).count()
    assert f"Vilnius Summit 2023 ({ukraine_at_vilnius})" in html
    assert f"Washington Summit 2024 ({ukraine_at_washington})" in html
    assert f"Defence spending ({vilnius_spending})" in html
    assert f"Ukraine assistance ({ukraine_at_vilnius})" in html


def test_active_filters_can_be_removed_one_by_one(client):
    html = client.get(URL, {"summit": "vilnius-2023", "category": "ukraine"}).content.decode()
    assert "Summit: <strong>Vilnius Summit 2023</strong>" in html
    assert 'href="?category=ukraine"' in html
    assert 'href="?summit=vilnius-2023"' in html


def test_the_export_links_carry_the_current_filters(client):
    html = client.get(URL, {"category": "ukraine"}).content.decode()
    assert 'href="/commitments/export.csv?category=ukraine&amp;review=confirmed"' in html


def test_the_pager_keeps_the_filters(client):
    html = client.get("/commitments/?review=confirmed&sort=title").content.decode()
    assert 'rel="next" href="?review=confirmed&amp;sort=title&amp;page=2"' in html
