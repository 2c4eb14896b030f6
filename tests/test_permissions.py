"""Every write URL, GET and POST, as anonymous, analyst, editor and admin."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from commitments.assessments import open_cycle
from commitments.models import Commitment, Measurement
from summits.models import Paragraph
from tests.factories import make_annotation, make_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "analyst", "editor", "admin"]
LOGIN = "login"  # a redirect to the login page
ADMIN_LOGIN = "admin-login"  # a redirect to the admin's login page

# For each URL and each role: (answer to GET, answer to POST), for the roles in ROLES order.
L, AL = LOGIN, ADMIN_LOGIN
FORM = (200, 200)  # the form; an empty POST shows it again with its errors
DENIED = (403, 403)
MATRIX = {
    #                          anonymous     analyst     editor      admin
    "annotation_create":       [(L, L),      DENIED,     FORM,       FORM],
    "commitment_add":          [(L, L),      DENIED,     FORM,       FORM],
    "annotation_edit":         [(L, L),      DENIED,     FORM,       FORM],
    "annotation_edit_other":   [(L, L),      DENIED,     DENIED,     FORM],
    "annotation_delete":       [(L, L),      DENIED,     FORM,       FORM],
    "annotation_delete_other": [(L, L),      DENIED,     DENIED,     FORM],
    "annotation_history":      [(L, 405),    (200, 405), (200, 405), (200, 405)],
    "annotation_restore":      [(L, L),      DENIED,     DENIED,     (200, 302)],
    "curate":                  [(L, 405),    (403, 405), (200, 405), (200, 405)],
    "commitment_review":       [(405, L),    (405, 403), (405, 400), (405, 400)],
    "commitment_edit":         [(L, L),      DENIED,     FORM,       FORM],
    "status_create":           [(L, L),      DENIED,     FORM,       FORM],
    "measurement_create":      [(L, L),      DENIED,     FORM,       FORM],
    "commitment_history":      [(L, 405),    (200, 405), (200, 405), (200, 405)],
    "commitment_restore":      [(L, L),      DENIED,     DENIED,     (200, 302)],
    "import_upload":           [(L, L),      DENIED,     DENIED,     (200, 400)],
    "import_confirm":          [(405, L),    (405, 403), (405, 403), (405, 400)],
    "admin_users":             [(AL, AL),    (AL, AL),   (AL, AL),   (200, 200)],
    "assessment_create":       [(L, L),      DENIED,     FORM,       FORM],
    "assessment_edit":         [(L, L),      DENIED,     FORM,       FORM],
    "assessment_publish":      [(405, L),    (405, 403), (405, 302), (405, 302)],
    "figure_withdraw_nato":    [(405, L),    (405, 403), (405, 403), (405, 302)],
    "release_upload":          [(L, L),      DENIED,     DENIED,     (200, 400)],
    "release_confirm":         [(405, L),    (405, 403), (405, 403), (405, 409)],
    "figure_withdraw_editor":  [(405, L),    (405, 403), (405, 302), (405, 302)],
}  # fmt: skip


@pytest.fixture
def world():
    users = {role: make_user(group) for role, group in [
        ("analyst", "Analysts"), ("editor", "Editors"), ("admin", "Admins")]}  # fmt: skip
    paragraph = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")
    own = make_annotation(paragraph=paragraph, quote="investir", author=users["editor"])
    other = make_annotation(paragraph=paragraph, quote="défense", author=make_user("Editors"))
    commitment = Commitment.objects.get(slug="vilnius-2023-defence-spending-2-pct-gdp")
    commitment.title = commitment.title  # a history record to restore
    commitment.save()
    cycle = open_cycle(
        summit=commitment.summit, kind="interim", starts_on=date(2023, 7, 12),
        ends_on=date(2024, 6, 30), title="Matrix", commitments=[commitment], user=None,
    )  # fmt: skip
    entry = cycle.assessments.first()
    official = Measurement.objects.filter(origin="nato").first()
    editors = Measurement.objects.create(
        indicator=official.indicator, ally=official.ally, year=2021, value=1, edition="2021-06",
        source="An editor's source", origin="editor",
    )  # fmt: skip
    urls = {
        "annotation_create": reverse("reader:annotation_create", args=[paragraph.pk]),
        "commitment_add": reverse("reader:commitment_add", args=[paragraph.pk]),
        "annotation_edit": reverse("reader:annotation_edit", args=[own.pk]),
        "annotation_edit_other": reverse("reader:annotation_edit", args=[other.pk]),
        "annotation_delete": reverse("reader:annotation_delete", args=[own.pk]),
        "annotation_delete_other": reverse("reader:annotation_delete", args=[other.pk]),
        "annotation_history": reverse("reader:annotation_history", args=[own.pk]),
        "annotation_restore": reverse(
            "reader:annotation_restore", args=[own.pk, own.history.first().history_id]
        ),
        "curate": reverse("commitments:curate", args=["vilnius-2023-communique"]),
        "commitment_review": reverse("commitments:review", args=[commitment.slug]),
        "commitment_edit": reverse("commitments:edit", args=[commitment.slug]),
        "status_create": reverse("commitments:status_create", args=[commitment.slug]),
        "measurement_create": reverse("commitments:measurement_create"),
        "commitment_history": reverse("commitments:history", args=[commitment.slug]),
        "commitment_restore": reverse(
            "commitments:restore", args=[commitment.slug, commitment.history.first().history_id]
        ),
        "import_upload": reverse("imports:upload"),
        "import_confirm": reverse("imports:confirm"),
        "admin_users": reverse("admin:auth_user_changelist"),
        "assessment_create": reverse("commitments:assessment_create"),
        "assessment_edit": reverse("commitments:assessment_edit", args=[cycle.slug, entry.pk]),
        "assessment_publish": reverse("commitments:assessment_publish", args=[cycle.slug]),
        "figure_withdraw_nato": reverse("commitments:figure_withdraw", args=[official.pk]),
        "figure_withdraw_editor": reverse("commitments:figure_withdraw", args=[editors.pk]),
        "release_upload": reverse("imports:release_upload"),
        "release_confirm": reverse("imports:release_confirm"),
    }
    return users, urls


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location.startswith(reverse("login") + "?next="):
            return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_every_write_url_answers_each_role_as_it_should(world, role, django_assert_max_num_queries):
    users, urls = world
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    seen = {}
    for name, url in urls.items():
        with django_assert_max_num_queries(40):
            got_get = outcome(client.get(url))
        with django_assert_max_num_queries(40):
            got_post = outcome(client.post(url, {}))
        seen[name] = (got_get, got_post)
    assert seen == {name: answers[ROLES.index(role)] for name, answers in MATRIX.items()}


def test_the_matrix_covers_every_write_url():
    from django.urls import get_resolver

    namespaces = get_resolver().namespace_dict
    names = {
        f"{ns}:{name}"
        for ns in namespaces
        if ns != "admin"  # Django's own, behind its own staff check
        for name in namespaces[ns][1].reverse_dict
        if isinstance(name, str)
    }
    reads = {"summits:timeline", "summits:original", "reader:summit", "reader:document",
             "reader:paragraph", "reader:paragraphs_export", "reader:search", "reader:home",
             "reader:document_compare",
             "commitments:list", "commitments:detail", "commitments:compare",
             "commitments:export", "commitments:measurements_export", "commitments:allies",
             "commitments:progress_export",
             "commitments:ally", "commitments:ally_compare", "commitments:methodology",
             "commitments:feed", "commitments:ally_feed", "commitments:tracker_feed",
             "commitments:assessments", "commitments:assessment",
             "commitments:assessment_export", "commitments:figure_history",
             "commitments:release_file", "commitments:ally_map",
             "commitments:lookup"}  # fmt: skip
    covered = {
        "reader:annotation_create", "reader:commitment_add", "reader:annotation_edit",
        "reader:annotation_delete",
        "reader:annotation_history", "reader:annotation_restore", "commitments:curate",
        "commitments:review", "commitments:edit", "commitments:status_create",
        "commitments:measurement_create", "commitments:history", "commitments:restore",
        "imports:upload", "imports:confirm", "commitments:assessment_create",
        "commitments:assessment_edit", "commitments:assessment_publish",
        "commitments:figure_withdraw", "imports:release_upload", "imports:release_confirm",
    }  # fmt: skip
    assert names - reads == covered


def test_reading_is_open_to_anonymous_visitors_by_default(client):
    assert client.get("/documents/vilnius-2023-communique/").status_code == 200
    assert client.get("/commitments/").status_code == 200


def test_with_anonymous_reading_off_every_page_but_login_needs_an_account(client, settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    response = client.get("/commitments/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get(reverse("login")).status_code == 200
    client.force_login(make_user("Analysts"))
    assert client.get("/commitments/").status_code == 200


def test_csrf_protection_stays_on_for_writes():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("Editors"))
    paragraph = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")
    url = reverse("reader:annotation_create", args=[paragraph.pk])
    data = {"quote": "investir", "body": "Note"}
    assert client.post(url, data).status_code == 403
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()
    )
    assert client.post(url, {**data, "csrfmiddlewaretoken": token.group(1)}).status_code == 302


def test_login_and_logout_pages_work(client):
    user = make_user("Editors", username="edith")
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Sign in" in page.content.decode()
    response = client.post(
        reverse("login"), {"username": "edith", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert "edith" in client.get("/").content.decode()
    assert client.post(reverse("logout")).status_code == 302
    assert "Sign in" in client.get("/").content.decode()
    assert user.groups.filter(name="Editors").exists()


def test_the_roles_are_created_with_their_permissions():
    analyst, editor, admin = (make_user(g) for g in ("Analysts", "Editors", "Admins"))
    assert analyst.has_perm("commitments.view_commitment")
    assert not analyst.has_perm("reader.add_annotation")
    assert editor.has_perm("reader.add_annotation") and editor.has_perm(
        "commitments.change_commitment"
    )
    assert not editor.has_perm("summits.add_document")
    assert not editor.has_perm("reader.moderate_annotation")
    assert admin.has_perm("summits.add_document") and admin.has_perm("auth.change_user")
    assert admin.has_perm("commitments.restore_commitment")
