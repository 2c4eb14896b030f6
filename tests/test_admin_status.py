"""In the Django admin, the current status of a commitment always follows its latest
status change: it cannot be edited by itself, and status changes added, changed or
deleted there move it, with a record in the commitment's history."""

import pytest
from django.urls import reverse

from commitments.models import StatusChange
from tests.factories import make_admin, make_commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_admin(is_superuser=True))
    return client


def test_the_current_status_is_not_a_field_of_the_commitment_form(admin_client):
    commitment = make_commitment()
    form = admin_client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk]))
    assert "status" not in form.context["adminform"].form.fields
    inline = form.context["inline_admin_formsets"][0]
    assert not inline.has_add_permission and not inline.formset.can_delete


def test_status_changes_made_in_the_admin_move_the_current_status(admin_client):
    commitment = make_commitment()
    data = {
        "commitment": commitment.pk,
        "status": "in_progress",
        "as_of": "2030-01-01",
        "rationale": "Figures rise.",
        "_save": "Save",
    }
    response = admin_client.post(reverse("admin:commitments_statuschange_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"
    change = StatusChange.objects.get(commitment=commitment)
    url = reverse("admin:commitments_statuschange_change", args=[change.pk])
    admin_client.post(url, data | {"status": "met"})
    commitment.refresh_from_db()
    assert commitment.status == "met"
    delete = reverse("admin:commitments_statuschange_delete", args=[change.pk])
    admin_client.post(delete, {"post": "yes"})
    commitment.refresh_from_db()
    assert commitment.status == "not_rated"
    reasons = list(commitment.history.values_list("history_change_reason", flat=True))
    assert reasons[0] == "status change removed"
