"""Errors in the site's own pages, in the reader's language, with DEBUG off and on:
never Django's debug page for a missing page under `make run`."""

import pytest
from django.test import Client, RequestFactory

from nato_tracker import views

from .factories import make_user

pytestmark = pytest.mark.django_db

MISSING = [
    "/no-such-page/",  # no route
    "/commitments/no-such-commitment/",  # a route, no object
    "/documents/no-such-text/p3/",
]


def looks_like_the_site(html: str) -> bool:
    return 'class="brand"' in html and "tracker.css" in html and "Traceback" not in html


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", MISSING)
@pytest.mark.parametrize(
    ("language", "heading"), [("en", "No such page"), ("fr", "Aucune page à cette adresse")]
)
def test_a_missing_page_is_the_sites_own_in_both_languages(
    client, settings, debug, url, language, heading
):
    settings.DEBUG = debug
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 404
    assert looks_like_the_site(html)
    assert heading in html
    assert f'<html lang="{language}">' in html
    assert "technical_404" not in html and "Using the URLconf" not in html


@pytest.mark.parametrize("debug", [False, True])
def test_a_page_closed_to_the_reader_says_so(client, settings, debug):
    settings.DEBUG = debug
    client.force_login(make_user("Analysts"))
    response = client.get("/import/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 403
    html = response.content.decode()
    assert looks_like_the_site(html)
    assert "Cette page ne vous est pas ouverte" in html


@pytest.mark.parametrize("debug", [False, True])
def test_a_form_sent_without_its_check_is_explained(settings, debug):
    settings.DEBUG = debug
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "fr"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    html = response.content.decode()
    assert looks_like_the_site(html)
    assert "Reload the page and send it again." in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_request_too_large_is_refused_with_the_limit(client, settings, language):
    settings.MAX_REQUEST_BYTES = 2 * 1024 * 1024
    response = client.generic(
        "POST",
        "/i18n/setlang/",
        b"x",
        content_type="text/plain",
        CONTENT_LENGTH=str(3 * 1024 * 1024),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert looks_like_the_site(html)
    assert ("2 MB at most" if language == "en" else "2 Mo au plus") in html


@pytest.mark.parametrize(
    ("handler", "status", "french"),
    [
        (views.bad_request, 400, "Cette demande ne peut pas être lue"),
        (views.permission_denied, 403, "Cette page ne vous est pas ouverte"),
        (views.page_not_found, 404, "Aucune page à cette adresse"),
        (views.server_error, 500, "Un problème est survenu de notre côté"),
    ],
)
def test_each_handler_makes_the_sites_page_without_the_database(
    django_assert_num_queries, handler, status, french
):
    request = RequestFactory().get("/anything/", HTTP_ACCEPT_LANGUAGE="fr")
    with django_assert_num_queries(0):
        response = handler(request) if status == 500 else handler(request, Exception())
    assert response.status_code == status
    html = response.content.decode()
    assert looks_like_the_site(html) and french in html and '<html lang="fr">' in html


def test_a_bad_host_is_a_400_in_the_sites_style(client, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["tracker.example"]
    response = client.get("/", HTTP_HOST="elsewhere.example", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert looks_like_the_site(response.content.decode())
