"""Loading NATO's release from the site: upload, preview (new, unchanged, revised per
figure), confirm; the payload bound to the admin who previewed it; refusals."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Measurement, Release
from tests import release_files
from tests.factories import make_admin, make_user

pytestmark = pytest.mark.django_db

UPLOAD = reverse("imports:release_upload")
CONFIRM = reverse("imports:release_confirm")


@pytest.fixture(autouse=True)
def after_both_editions(today):
    today("2026-12-01")


def upload(client, data, edition="2025-06", name="nato-2025.xlsx"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), "edition": edition})


def payload_of(response):
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode())[1]


def test_an_admin_previews_then_confirms_a_release(client):
    client.force_login(make_admin())
    before = Measurement.objects.count()
    response = upload(client, release_files.workbook())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview of edition 2025-06" in page
    assert "837</strong>: 767 new, 70 unchanged, 0 revised" in page
    assert "Defence Expenditure of NATO Countries (2014-2025)" in page
    assert 'class="num status-unchanged">4.12%' in page  # Poland 2024, as in the seed
    assert 'class="num status-new">4.17%<abbr class="estimate"' in page  # 2025e
    assert "NATO Europe and Canada" in page and "NATO Total" in page
    assert Measurement.objects.count() == before and not Release.objects.exists()

    response = client.post(CONFIRM, {"payload": payload_of(response), "confirm": ""})
    assert response.status_code == 302
    assert Measurement.objects.count() == before + 837
    assert Release.objects.get().loaded_by.username == "admin"


def test_a_second_edition_shows_the_revised_figures_old_and_new(client):
    client.force_login(make_admin())
    first = upload(client, release_files.workbook())
    client.post(CONFIRM, {"payload": payload_of(first), "confirm": ""})
    revised = release_files.workbook(gdp={("POL", 2024): Decimal("4.20")})
    page = upload(client, revised, edition="2025-08", name="nato-2025-08.xlsx").content.decode()
    assert "0 new, 836 unchanged, 1 revised" in page
    assert 'class="num status-revised"><span class="old">4.12%</span> → 4.20%' in page


def test_the_preview_is_bound_to_the_admin_who_made_it(client):
    client.force_login(make_admin())
    token = payload_of(upload(client, release_files.workbook()))
    client.force_login(make_admin(username="another-admin"))
    response = client.post(CONFIRM, {"payload": token, "confirm": ""})
    assert response.status_code == 409
    assert "made by another user" in response.content.decode()
    assert not Release.objects.exists()


def test_a_preview_confirmed_twice_loads_once(client):
    client.force_login(make_admin())
    token = payload_of(upload(client, release_files.workbook()))
    assert client.post(CONFIRM, {"payload": token, "confirm": ""}).status_code == 302
    count = Measurement.objects.count()
    response = client.post(CONFIRM, {"payload": token, "confirm": ""})
    assert response.status_code == 409
    assert "Edition 2025-06 is already loaded" in response.content.decode()
    assert Measurement.objects.count() == count


def test_a_cancelled_preview_writes_nothing(client):
    client.force_login(make_admin())
    token = payload_of(upload(client, release_files.workbook()))
    response = client.post(CONFIRM, {"payload": token, "cancel": ""})
    assert response.status_code == 302 and not Release.objects.exists()


@pytest.mark.parametrize(
    ("data", "edition", "message"),
    [
        (release_files.workbook(extra_rows=[["Atlantis", *[2.0] * 12]]), "2025-06",
         "&#x27;Atlantis&#x27; is not the name of an ally"),
        (release_files.workbook(skip=["equipment"]), "2025-06", "Missing table"),
        (b"not a workbook at all", "2025-06", "is named as a workbook but is not one"),
        (release_files.workbook(), "9999-99", "9999-99 is not an edition"),
    ],
)  # fmt: skip
def test_the_page_refuses_a_release_it_cannot_load_and_writes_nothing(
    client, data, edition, message
):
    client.force_login(make_admin())
    before = Measurement.objects.count()
    response = upload(client, data, edition=edition)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing was written." in response.content.decode()
    assert Measurement.objects.count() == before


@pytest.mark.parametrize(("role", "status"), [("Analysts", 403), ("Editors", 403)])
def test_only_admins_load_releases(client, role, status):
    client.force_login(make_user(role))
    assert client.get(UPLOAD).status_code == status
    assert upload(client, release_files.workbook()).status_code == status
    assert not Release.objects.exists()


def test_the_preview_runs_the_queries_it_needs(client, django_assert_num_queries):
    client.force_login(make_admin())
    data = release_files.workbook()
    # the session, the user, the user's own and group permissions; the release of this
    # edition, the same file, the edition's figures typed in, the allies, the indicators,
    # the earlier figures; the allies again, for the names shown
    with django_assert_num_queries(11):
        response = upload(client, data)
    assert response.status_code == 200
