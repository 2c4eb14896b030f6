import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model

from commitments.models import Ally, Commitment, Measurement
from reader.models import Annotation
from reader.views import permalink
from summits.models import Document, Paragraph

TWO_PCT_HEADLINE = "23 of the 31 allies with a figure at 2% or more in 2024, 1 without"

pytestmark = pytest.mark.django_db

VILNIUS = "vilnius-2023-communique"


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def test_commitment_csv_export_follows_the_filters_and_opens_with_accents(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get("/commitments/export.csv", {"category": "ukraine"})
        text = body(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="commitments.csv"' in response["Content-Disposition"]
    assert text.startswith("\ufeffslug,title,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    expected = Commitment.objects.filter(category="ukraine", review="confirmed")
    assert sorted(r["slug"] for r in rows) == sorted(expected.values_list("slug", flat=True))
    baseline = next(r for r in rows if r["slug"] == "washington-2024-ukraine-40-billion-baseline")
    assert baseline["parent"] == "vilnius-2023-ukraine-support-as-long-as-it-takes"
    assert baseline["target_value"] == "40000000000.00"
    assert "milliards d’euros" in baseline["quote"]
    assert baseline["url"].endswith("/commitments/washington-2024-ukraine-40-billion-baseline/")


def test_commitment_json_export_holds_every_field(client):
    items = json.loads(body(client.get("/commitments/export.json", {"summit": "wales-2014"})))
    assert [item["slug"] for item in items] == ["wales-2014-defence-investment-pledge"]
    assert items[0]["deadline_year"] == 2024
    assert items[0]["summit_date"] == "2014-09-04"
    assert items[0]["recurring"] is False


def test_an_empty_export_is_valid_and_an_unknown_format_is_404(client):
    assert json.loads(body(client.get("/commitments/export.json", {"q": "zzzzz"}))) == []
    assert client.get("/commitments/export.xml").status_code == 404


def test_paragraph_exports_of_a_document(client, django_assert_max_num_queries):
    document = Document.objects.get(slug=VILNIUS)
    with django_assert_max_num_queries(3):
        response = client.get(f"/documents/{VILNIUS}/paragraphs.json")
        items = json.loads(body(response))
    assert len(items) == document.paragraphs.count()
    item = next(i for i in items if i["label"] == "27")
    assert "au moins 2 %" in item["text"]
    assert item["url"] == f"/documents/{VILNIUS}/p27/"
    bullet = next(i for i in items if i["parent"])
    assert bullet["label"].startswith(bullet["parent"] + " •")
    text = body(client.get(f"/documents/{VILNIUS}/paragraphs.csv"))
    assert text.startswith("\ufeffdocument,summit,language,position")
    assert "sécurité" in text
    assert client.get("/documents/nothing/paragraphs.csv").status_code == 404


def test_measurement_exports_filter_by_indicator_ally_and_year(client):
    rows = list(
        csv.DictReader(
            io.StringIO(
                body(
                    client.get(
                        "/measurements.csv",
                        {"indicator": "defence-expenditure-gdp", "ally": "pol", "year": "2024"},
                    )
                ).lstrip("\ufeff")
            )
        )
    )
    figure = Measurement.objects.get(
        indicator__slug="defence-expenditure-gdp", ally__iso3="POL", year=2024
    )
    assert rows == [
        {
            "indicator": "defence-expenditure-gdp",
            "unit": "pct_gdp",
            "ally": "POL",
            "ally_name": "Poland",
            "year": "2024",
            "value": str(figure.value),
            "estimate": "yes" if figure.estimate else "no",
            "edition": figure.edition,
            "source": figure.source,
            "origin": "nato",
            "withdrawn": "no",
            "counts": "yes",
        }
    ]
    everything = json.loads(body(client.get("/measurements.json")))
    assert len(everything) == Measurement.objects.count()
    alliance = json.loads(body(client.get("/measurements.json", {"ally": "alliance"})))
    assert alliance == []


def test_home_shows_headline_progress_summits_and_annotations(
    today, client, django_assert_max_num_queries
):
    user = get_user_model().objects.create_user("editor")
    paragraph = Paragraph.objects.get(document__slug=VILNIUS, label="27")
    Annotation.objects.create(
        paragraph=paragraph,
        author=user,
        body="Le plancher de 2 %.",
        quote="au moins 2 %",
        start=paragraph.text.index("au moins 2 %"),
        end=paragraph.text.index("au moins 2 %") + len("au moins 2 %"),
    )
    with django_assert_max_num_queries(9):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert TWO_PCT_HEADLINE in html
    assert "No delivery recorded yet · at least 40 billion euros pledged" in html
    assert "Washington Summit 2024" in html
    # Seen from 1 December 2026, The Hague (June 2025) is past: no next summit.
    assert "The Hague Summit 2025" not in html
    assert "No summit announced after the latest one." in html
    assert "Le plancher de 2 %." in html
    # Wales is raised by Vilnius: it is no longer a headline.
    assert "Defence Investment Pledge: move towards" not in html


def test_the_ally_page_gives_no_verdict_before_accession(client, django_assert_num_queries):
    from tests.test_pages import QUERIES

    with django_assert_num_queries(len(QUERIES["/allies/pol/"])):  # any ally's page
        response = client.get("/allies/swe/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Member of NATO since 7 March 2024." in html
    rows = {c.slug: row for c, _years, row in response.context["rows"]}
    spending = rows["vilnius-2023-defence-spending-2-pct-gdp"]
    by_year = {cell.year: cell for cell in spending.cells}
    assert not by_year[2023].member and by_year[2023].meets is None
    assert by_year[2024].member and by_year[2024].meets
    assert "not a member" in html
    # Sweden joined after Vilnius (July 2023): it is not scored on its commitments.
    assert spending.score.value is None and spending.score.reason == "joined_after"
    assert "joined after the commitment was made" in html
    assert "Average score" not in html
    # Measured only where there is a target: CAP funding has none per ally.
    assert "vilnius-2023-cap-sustained-funding" not in rows


def test_the_ally_page_lists_alliance_commitments_and_named_ones(client):
    poland = Ally.objects.get(iso3="POL")
    named = Commitment.objects.filter(review="confirmed", bound="alliance").first()
    named.bound = "named"
    named.save()
    named.bound_allies.add(poland)
    html = client.get("/allies/pol/").content.decode()
    assert named.title in html
    assert named.title not in client.get("/allies/bel/").content.decode()


def test_permalinks_of_every_kind_resolve(client, django_assert_max_num_queries):
    paragraph = Paragraph.objects.select_related("document").get(
        document__slug=VILNIUS, label="34 •6"
    )
    assert permalink(paragraph) == f"/documents/{VILNIUS}/p34-6/"
    pages = {
        "/summits/vilnius-2023/": "Vilnius",
        f"/documents/{VILNIUS}/": "Communiqué du sommet de Vilnius",
        f"/documents/{VILNIUS}/p27/": "nous nous engageons durablement",
        f"/documents/{VILNIUS}/p34-6/": "item of ¶34",
        "/documents/washington-2024-closing-release/s4/": "40 milliards",
        "/commitments/vilnius-2023-defence-spending-2-pct-gdp/": "au moins 2 %",
        "/allies/pol/": "Poland",
    }
    for url, text in pages.items():
        with django_assert_max_num_queries(11):
            response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    assert client.get(f"/documents/{VILNIUS}/p999/").status_code == 404
    assert client.get(f"/documents/{VILNIUS}/x27/").status_code == 404


def test_the_paragraph_page_links_its_commitments_and_its_context(client):
    html = client.get(f"/documents/{VILNIUS}/p27/").content.decode()
    assert 'href="/commitments/vilnius-2023-defence-spending-2-pct-gdp/"' in html
    assert f'href="/documents/{VILNIUS}/#p27"' in html


def test_the_reader_links_paragraph_permalinks_and_exports(client):
    html = client.get(f"/documents/{VILNIUS}/").content.decode()
    assert f'href="/documents/{VILNIUS}/p27/"' in html
    assert f'href="/documents/{VILNIUS}/paragraphs.csv"' in html
