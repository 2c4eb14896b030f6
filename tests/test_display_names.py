"""Pages, feeds and histories name people by their display name, never by the name they
sign in with."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from commitments.models import Commitment
from commitments.services import record_status_change
from nato_tracker.people import display_name
from summits.models import Paragraph
from tests.factories import make_annotation, make_user

pytestmark = pytest.mark.django_db

SIGN_IN_NAMES = ("edith-signs-in", "zed-signs-in")


@pytest.fixture
def work():
    edith = make_user("Editors", username="edith-signs-in", first_name="Edith", last_name="Martin")
    zed = make_user("Editors", username="zed-signs-in")
    paragraph = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")
    note = make_annotation(paragraph=paragraph, quote="investir", author=edith)
    unnamed = make_annotation(paragraph=paragraph, quote="défense", author=zed)
    commitment = Commitment.objects.get(slug="vilnius-2023-defence-spending-2-pct-gdp")
    record_status_change(
        commitment=commitment, status="in_progress", as_of=date(2025, 1, 1),
        rationale="Test entry.", author=edith,
    )  # fmt: skip
    commitment.title = commitment.title + "."
    commitment._history_user = zed
    commitment.save()
    return {"note": note, "unnamed": unnamed, "paragraph": paragraph, "commitment": commitment}


def test_the_display_name_is_the_full_name_or_an_editor():
    assert display_name(make_user(username="a-1", first_name="Ana", last_name="Silva")) == (
        "Ana Silva"
    )
    assert display_name(make_user(username="a-2", first_name="  ")) == "an editor"
    assert display_name(None) == ""


def pages(work):
    note, commitment = work["note"], work["commitment"]
    return {
        "home": ("/", None),
        # the notes as the reader shows them without JavaScript (with it, on demand)
        "reader": (reverse("reader:document", args=["vilnius-2023-communique"]) + "?notes=all",
                   None),
        "paragraph": ("/documents/vilnius-2023-communique/p27/", None),
        "notes on demand": (reverse("reader:paragraph_notes", args=[note.paragraph_id]), None),
        "feed": ("/feed.atom", None),
        "commitment feed": (reverse("commitments:feed", args=[commitment.slug]), None),
        "note history": (reverse("reader:annotation_history", args=[note.pk]), "Analysts"),
        "commitment history": (reverse("commitments:history", args=[commitment.slug]),
                               "Analysts"),
        "restore": (reverse("reader:annotation_restore",
                            args=[note.pk, note.history.first().history_id]), "Admins"),
    }  # fmt: skip


EXPECTED = {
    "home": {"Edith Martin", "an editor"},
    "reader": {"Edith Martin", "an editor"},
    "paragraph": set(),  # the paragraph page lists no notes
    "notes on demand": {"Edith Martin", "an editor"},  # both notes are on its paragraph
    "feed": {"Edith Martin"},
    "commitment feed": {"Edith Martin"},
    "note history": {"Edith Martin"},
    "commitment history": {"Edith Martin", "an editor"},  # her status change, his edit
    "restore": {"Edith Martin"},
}


def test_no_page_shows_a_sign_in_name(work):
    seen = {}
    for name, (url, role) in pages(work).items():
        client = Client()
        if role:
            client.force_login(make_user(role, username=f"viewer-{name.replace(' ', '-')}"))
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert not [login for login in SIGN_IN_NAMES if login in html], name
        seen[name] = {shown for shown in ("Edith Martin", "an editor") if shown in html}
    assert seen == EXPECTED
