"""Bad input gets a 400, a 404 or the page with its message: never a server error, and
never an export that stops silently. Each case is one a review of the app reported."""

import csv
import io
import json
import logging

import pytest
from django.http import StreamingHttpResponse

from commitments import views as commitment_views
from nato_tracker import exports, params
from tests.factories import make_admin, make_user

pytestmark = pytest.mark.django_db

DOCUMENT = "vilnius-2023-communique"


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023", 2023),
        (" 1 ", 1),
        ("9999", 9999),
        ("0", None),
        ("10000", None),
        ("-5", None),
        ("²", None),  # str.isdigit() says yes, int() refuses it
        ("٢٠٢٣", None),  # Arabic-Indic digits: a year in the address is ASCII
        ("2023.0", None),
        ("", None),
        (None, None),
        ("9" * 5000, None),
    ],
)
def test_a_year_is_ascii_digits_between_1_and_9999(value, expected):
    assert params.year(value) == expected


@pytest.mark.parametrize(
    "query",
    [
        "year_from=0",
        "year_to=10000",
        "year_from=-1",
        "year_to=99999",
        "year_from=%C2%B2",
        "year_from=2023.5",
        "year_from=99999999999999999",
    ],
)
def test_years_out_of_range_are_a_message_on_the_commitment_browser(client, query):
    response = client.get(f"/commitments/?{query}")
    assert response.status_code == 200
    assert response.context["filterset"].form.errors
    assert 'class="error"' in response.content.decode()
    # The bad filter is left out: the list is the one without it.
    assert (
        response.context["page"].paginator.count
        == client.get("/commitments/").context["page"].paginator.count
    )


def test_a_year_in_range_still_filters(client):
    every = client.get("/commitments/").context["page"].paginator.count
    vilnius = client.get("/commitments/?year_from=2023&year_to=2023")
    assert 0 < vilnius.context["page"].paginator.count < every


@pytest.mark.parametrize(
    "url", ["/allies/?year=%C2%B2", "/allies/compare/?allies=pol&allies=fra&year=%C2%B2"]
)
def test_a_league_year_int_refuses_is_the_latest_year(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["table"].year == max(response.context["table"].years)


def test_a_cycle_form_summit_int_refuses_lists_no_commitment(client):
    client.force_login(make_user("Editors"))
    response = client.get("/assessments/new/?summit=%C2%B2")
    assert response.status_code == 200
    assert list(response.context["form"].fields["commitments"].queryset) == []


@pytest.mark.parametrize(
    ("url", "role"),
    [
        ("/allies/%00/", None),
        (f"/documents/{DOCUMENT}/p%00/", None),
        ("/commitments/compare/?a=%00", None),
        ("/commitments/?q=%00", None),
        ("/search/?q=caf%00", None),
        ("/import/?summit=%00", "Admins"),
        ("/measurements/new/?indicator=%00", "Editors"),
        ("/commitments/?q=" + "x" * 10_001, None),
        ("/allies/" + "x" * 1000 + "/", None),
        ("/commitments/?bound_allies=99999999999999999999", None),
        ("/paragraphs/99999999999999999999/annotations/new/", "Editors"),
    ],
)
def test_a_nul_an_overlong_value_or_a_huge_number_is_refused_before_any_view(client, url, role):
    """On PostgreSQL a NUL reaching a query was a server error; on SQLite an integer past
    64 bits. The middleware refuses them all, whatever the page."""
    if role:
        client.force_login(make_user(role))
    response = client.get(url)
    assert response.status_code == 400
    assert "cannot be answered" in response.content.decode()


def test_a_nul_in_a_cookie_or_a_form_is_refused(client):
    client.force_login(make_user("Editors"))
    slug = "vilnius-2023-defence-spending-2-pct-gdp"
    response = client.post(f"/commitments/{slug}/status/new/", {"source_document": "\x00"})
    assert response.status_code == 400
    client.cookies["sessionid"] = "abc\x00defghij"
    assert client.get("/").status_code == 400


def test_ordinary_long_values_pass(client):
    """A quote selected in a long paragraph travels in the address of the note form."""
    client.force_login(make_user("Editors"))
    response = client.get("/paragraphs/1/annotations/new/?quote=" + "mot " * 2000 + "&start=0")
    assert response.status_code in (200, 404)


@pytest.mark.parametrize(
    "url",
    [
        "/measurements.csv?year=%C2%B2",
        "/measurements.json?year=0",
        "/measurements.csv?indicator=not%20a%20slug",
        "/commitments/export.csv?year_from=0",
        "/commitments/export.json?year_to=10000",
        "/commitments/export.csv?status=nonsense",
    ],
)
def test_an_export_with_bad_parameters_is_refused_before_its_first_byte(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert not isinstance(response, StreamingHttpResponse)
    assert "The export was not made" in response.content.decode()


def test_an_export_with_good_parameters_streams(client):
    response = client.get("/measurements.csv?year=2023&indicator=defence-expenditure-gdp")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert rows and {row["year"] for row in rows} == {"2023"}


def _failing_after(rows_before: int):
    """A stand-in for the row builder that fails on the row after ``rows_before``."""
    real = commitment_views._commitment_row
    seen = []

    def row(request, commitment):
        if len(seen) == rows_before:
            raise RuntimeError("the database went away")
        seen.append(commitment.slug)
        return real(request, commitment)

    return row


def test_a_csv_export_failing_midway_ends_with_an_error_line(client, monkeypatch, caplog):
    monkeypatch.setattr(commitment_views, "_commitment_row", _failing_after(3))
    with caplog.at_level(logging.ERROR, logger="nato_tracker.exports"):
        response = client.get("/commitments/export.csv")
        text = body(response)
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "slug" and len(lines) == 1 + 3 + 1
    assert lines[-1] == [
        "ERROR: the export failed before its end; this file is incomplete. Download it again."
    ]
    assert "failed midway" in caplog.text


def test_a_json_export_failing_midway_is_not_valid_json_and_says_why(client, monkeypatch):
    monkeypatch.setattr(commitment_views, "_commitment_row", _failing_after(2))
    text = body(client.get("/commitments/export.json"))
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    assert text.rstrip().endswith("this file is incomplete. Download it again.")
    assert text.count('"slug"') == 2


def test_an_export_failing_on_its_first_row_is_an_error_not_an_empty_file():
    def rows():
        raise RuntimeError("the query failed")
        yield {}

    with pytest.raises(RuntimeError):
        exports.stream(rows(), ["a"], "csv", "x")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_stream_failing_midway_keeps_its_rows_and_says_it_is_incomplete(fmt):
    def rows():
        yield {"a": 1}
        yield {"a": 2}
        raise RuntimeError("gone")

    response = exports.stream(rows(), ["a"], fmt, "x")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.count("1") == 1 and text.count("2") == 1
    assert text.rstrip().splitlines()[-1].startswith("ERROR: the export failed")


def test_a_french_export_failure_is_said_in_french(client, monkeypatch):
    monkeypatch.setattr(commitment_views, "_commitment_row", _failing_after(1))
    text = body(client.get("/commitments/export.csv", HTTP_ACCEPT_LANGUAGE="fr"))
    assert "ERREUR" in text.splitlines()[-1]


def test_admins_reach_the_upload_page_with_a_summit_chosen(client):
    client.force_login(make_admin())
    assert client.get("/import/?summit=vilnius-2023").status_code == 200


def test_the_refusal_is_the_site_s_error_page_in_the_reader_s_language(client):
    response = client.get("/allies/%00/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Suivi des engagements de l’OTAN" in page
    assert "10000 caractères" in page  # the parameter limit, not the request size in MB
