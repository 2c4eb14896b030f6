"""The import room's promises: one parse per request, and a confirmation that writes
exactly what the preview showed, or refuses and says why."""

import pytest
from django.urls import reverse

from commitments.models import Commitment
from reader.models import Annotation
from summits import ingest
from summits.models import Document
from tests import communiques
from tests.factories import make_admin, make_annotation
from tests.test_import import counts, form_data, upload

pytestmark = pytest.mark.django_db

CONFIRM = reverse("imports:confirm")


@pytest.fixture
def admin_client(client):
    client.force_login(make_admin())
    return client


@pytest.fixture
def parses(monkeypatch):
    """How many times the text is parsed."""
    calls = []
    real = ingest.parse_text

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "parse_text", counted)
    return calls


def confirm(client, preview):
    return client.post(CONFIRM, {"payload": preview.context["payload"], "confirm": ""})


def test_the_preview_and_the_confirmation_each_parse_the_text_once(admin_client, parses):
    preview = upload(admin_client, communiques.ENGLISH.encode(), "declaration.txt")
    assert preview.status_code == 200 and len(parses) == 1
    assert confirm(admin_client, preview).status_code == 302
    assert len(parses) == 2


def test_an_expired_preview_is_refused(admin_client, monkeypatch):
    preview = upload(admin_client, communiques.ENGLISH.encode(), "declaration.txt")
    monkeypatch.setattr("imports.payload.MAX_AGE", -1)
    before = counts()
    response = confirm(admin_client, preview)
    assert response.status_code == 400
    assert "This preview has expired (after" in response.content.decode()
    assert counts() == before


def test_another_admin_cannot_confirm_a_preview(admin_client, client):
    preview = upload(admin_client, communiques.ENGLISH.encode(), "declaration.txt")
    client.force_login(make_admin(username="other-admin"))
    before = counts()
    response = confirm(client, preview)
    assert response.status_code == 400
    assert "made by another user" in response.content.decode()
    assert counts() == before


def test_a_confirmation_refuses_when_what_it_would_write_changed(admin_client):
    vilnius = Document.objects.get(slug="vilnius-2023-communique")
    corrected = vilnius.raw_text.replace("durablement à investir", "résolument à investir")
    preview = admin_client.post(
        reverse("imports:upload"),
        form_data(summit=vilnius.summit.pk, replaces=vilnius.pk, text=corrected),
    )
    assert preview.status_code == 200
    # An editor annotates the earlier version meanwhile: the preview did not show it.
    make_annotation(paragraph=vilnius.paragraphs.get(label="2"))
    before = counts()
    response = confirm(admin_client, preview)
    assert response.status_code == 409
    assert "changed since the preview" in response.content.decode()
    assert counts() == before
    assert not Document.objects.filter(supersedes=vilnius).exists()
    assert Commitment.objects.filter(paragraph__document=vilnius).count() > 100
    assert Annotation.objects.filter(paragraph__document=vilnius).count() == 1
