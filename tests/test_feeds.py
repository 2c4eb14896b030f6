"""Atom feeds of what changes, for the tracker, a commitment and an ally: valid Atom,
with their entries, and linked from the pages."""

from datetime import date

import pytest

from commitments.models import Commitment
from commitments.services import record_status_change
from tests.atom import atom_errors
from tests.factories import make_user

pytestmark = pytest.mark.django_db

WALES = "wales-2014-defence-investment-pledge"
FEEDS = ["/feed.atom", f"/commitments/{WALES}/feed.atom", "/allies/esp/feed.atom"]


@pytest.fixture
def change():
    return record_status_change(
        commitment=Commitment.objects.get(slug=WALES),
        status=Commitment.Status.MISSED,
        as_of=date(2025, 1, 15),
        rationale="Nine allies below 2 % in the pledge's tenth year.",
        author=make_user("Editors", username="edith", first_name="Edith", last_name="Martin"),
        source_text="NATO figures",
    )


@pytest.mark.parametrize("url", FEEDS)
def test_the_feeds_are_valid_atom(client, change, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_errors(response.content) == []


def test_the_tracker_feed_has_new_texts_and_status_changes(client, change):
    body = client.get("/feed.atom").content.decode()
    assert "New text: Communiqué du sommet de Vilnius" in body
    assert f"/commitments/{WALES}/#status-{change.pk}" in body
    assert "<name>Edith Martin</name>" in body  # the display name, not the sign-in name


def test_the_commitment_and_ally_feeds_hold_their_own_changes(client, change):
    wales = client.get(f"/commitments/{WALES}/feed.atom").content.decode()
    assert wales.count("<entry>") == 2  # June 2024 and the one above
    spain = client.get("/allies/esp/feed.atom").content.decode()
    assert f"#status-{change.pk}" in spain
    council = Commitment.objects.get(slug="vilnius-2023-nato-ukraine-council")
    assert council.get_absolute_url() not in spain  # binds the Alliance as a whole


def test_the_pages_link_their_feeds(client):
    home = client.get("/").content.decode()
    assert 'type="application/atom+xml"' in home and 'href="/feed.atom"' in home
    commitment = client.get(f"/commitments/{WALES}/").content.decode()
    assert f'href="/commitments/{WALES}/feed.atom"' in commitment
    assert 'href="/allies/esp/feed.atom"' in client.get("/allies/esp/").content.decode()


def test_unknown_feeds_are_404(client):
    assert client.get("/commitments/nothing/feed.atom").status_code == 404
    assert client.get("/allies/xxx/feed.atom").status_code == 404


ATOM = 'xmlns="http://www.w3.org/2005/Atom"'
GOOD_ENTRY = (
    "<entry><title>t</title><id>http://x.org/1</id><updated>2024-01-01T00:00:00Z</updated>"
    '<link href="http://x.org/1"/></entry>'
)
FEED = (
    "<feed {ns}><title>f</title><id>http://x.org/</id><updated>2024-01-01T00:00:00Z</updated>"
    "{author}{entries}</feed>"
)


@pytest.mark.parametrize(
    ("feed", "error"),
    [
        (FEED.format(ns=ATOM, author="<author><name>a</name></author>", entries=GOOD_ENTRY), None),
        (FEED.format(ns=ATOM, author="", entries=GOOD_ENTRY), "no author"),
        (FEED.format(ns="", author="", entries=""), "not atom:feed"),
        (FEED.format(ns=ATOM, author="<author><name>a</name></author>",
                     entries=GOOD_ENTRY + GOOD_ENTRY), "used twice"),
        (FEED.format(ns=ATOM, author="<author><name>a</name></author>",
                     entries=GOOD_ENTRY.replace("2024-01-01T00:00:00Z", "1 Jan 2024")),
         "RFC 3339"),
        (FEED.format(ns=ATOM, author="<author><name>a</name></author>",
                     entries=GOOD_ENTRY.replace("http://x.org/1</id>", "/relative</id>")),
         "absolute IRI"),
        (FEED.format(ns=ATOM, author="<author><name>a</name></author>",
                     entries=GOOD_ENTRY.replace("<title>t</title>", "")), "atom:title"),
        ("<feed", "well-formed"),
    ],
)  # fmt: skip
def test_the_atom_checker_finds_what_breaks_the_specification(feed, error):
    errors = atom_errors(feed.encode())
    if error is None:
        assert errors == []
    else:
        assert any(error in e for e in errors), errors
