"""Reads from a replica, writes to the primary (nato_tracker.routers)."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, connections, transaction
from django.db.utils import load_backend
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from nato_tracker import routers
from reader.models import Annotation
from summits.models import Paragraph, Summit
from tests.factories import make_admin, make_document, make_paragraph, make_user

ROUTER = ["nato_tracker.routers.PrimaryReplicaRouter"]


def route(request_method="GET", path="/search/", cookies=None, then=None):
    """The database the router picks for a read of a summit, inside a request passed
    through ReplicaMiddleware (after `then()`, when given)."""
    seen = {}

    def view(request):
        if then:
            then()
        seen["summit"] = routers.PrimaryReplicaRouter().db_for_read(Summit)
        seen["session"] = routers.PrimaryReplicaRouter().db_for_read(Session)
        return HttpResponse("ok")

    request = RequestFactory().generic(request_method, path)
    request.COOKIES.update(cookies or {})
    response = routers.ReplicaMiddleware(view)(request)
    return seen, response


def test_safe_requests_read_from_the_replica_and_sessions_from_the_primary():
    seen, response = route()
    assert seen == {"summit": "replica", "session": "default"}
    assert routers.PIN_COOKIE not in response.cookies


@pytest.mark.parametrize(
    ("method", "path", "cookies"),
    [
        ("POST", "/search/", None),
        ("GET", "/admin/summits/summit/", None),
        ("GET", "/search/", {routers.PIN_COOKIE: "1"}),
    ],
)
def test_writes_the_admin_and_clients_that_just_wrote_read_from_the_primary(method, path, cookies):
    seen, _response = route(method, path, cookies)
    assert seen["summit"] == "default"


def test_a_read_after_a_write_reads_the_primary_and_pins_the_client():
    seen, response = route(then=lambda: routers.PrimaryReplicaRouter().db_for_write(Summit))
    assert seen["summit"] == "default"
    cookie = response.cookies[routers.PIN_COOKIE]
    assert cookie["max-age"] > 0 and cookie["httponly"]


@pytest.mark.django_db
def test_inside_a_transaction_reads_stay_on_the_primary():
    seen = {}

    def then():
        with transaction.atomic():
            seen["inside"] = routers.PrimaryReplicaRouter().db_for_read(Summit)

    route(then=then)
    # The test itself runs in a transaction: on the primary, whatever the request.
    assert seen["inside"] == "default"


def test_outside_a_request_everything_reads_from_the_primary():
    assert routers.PrimaryReplicaRouter().db_for_read(Summit) == "default"
    assert routers.PrimaryReplicaRouter().allow_migrate("replica", "summits") is False
    assert routers.PrimaryReplicaRouter().allow_migrate("default", "summits") is True


@pytest.fixture
def replica(seeded_transactional_db, settings):
    """A second alias on the same server and database (a replica with no lag): the
    router sends reads there; each alias has its own connection."""
    settings.DATABASE_ROUTERS = ROUTER
    primary = connections["default"].settings_dict
    wrapper = load_backend(primary["ENGINE"]).DatabaseWrapper
    connections[routers.REPLICA] = wrapper(dict(primary), alias=routers.REPLICA)
    yield connections[routers.REPLICA]
    connections[routers.REPLICA].close()
    del connections[routers.REPLICA]


def queries_on_each(client, method, url, **kw):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[routers.REPLICA]) as copy,
    ):
        response = getattr(client, method)(url, **kw)
    return response, primary.captured_queries, copy.captured_queries


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a replica is PostgreSQL's")
def test_two_aliases_on_the_local_server_reads_go_to_the_replica(replica, client):
    document = make_document()
    paragraph = make_paragraph(document=document, text="Une alliance défensive.")
    response, primary, copy = queries_on_each(client, "get", "/search/", data={"q": "alliance"})
    assert response.status_code == 200 and "défensive" in response.content.decode()
    assert copy and not primary

    editor = make_user("Editors")
    client.force_login(editor)  # writes the session: pinned for a while
    client.cookies.pop(routers.PIN_COOKIE, None)
    url = f"/paragraphs/{paragraph.pk}/annotations/new/"
    form = {"quote": "alliance", "start": "4", "body": "Note de réplique."}
    response, primary, copy = queries_on_each(client, "post", url, data=form)
    assert response.status_code == 302, response.content.decode()[:500]
    assert Annotation.objects.filter(paragraph=paragraph).exists()
    assert not copy  # a write: everything on the primary
    assert any(q["sql"].startswith("INSERT") for q in primary)
    assert routers.PIN_COOKIE in response.cookies

    # The page after the redirect shows the note, read from the primary.
    response, primary, copy = queries_on_each(client, "get", document.get_absolute_url())
    assert "Note de réplique." in response.content.decode() and primary and not copy
    client.cookies.pop(routers.PIN_COOKIE)
    response, primary, copy = queries_on_each(client, "get", document.get_absolute_url())
    assert copy and all("django_session" in q["sql"] for q in primary)  # sessions stay

    client.force_login(make_admin(is_superuser=True))
    client.cookies.pop(routers.PIN_COOKIE, None)
    response, primary, copy = queries_on_each(client, "get", "/admin/summits/summit/")
    assert response.status_code == 200 and primary and not copy
    assert Paragraph.objects.db == "default"  # outside a request
