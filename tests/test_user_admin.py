"""The user admin, every URL and every field, for each role: no way up from Admins."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
NEW_PASSWORD = "vilnius plancher 2 % de PIB"


@pytest.fixture
def people():
    root = User.objects.create_superuser("root", password=PASSWORD)
    admin = make_user("Admins", username="ada")
    other_admin = make_user("Admins", username="otto")
    editor = make_user("Editors", username="edith")
    analyst = make_user("Analysts", username="anna")
    # Given by a superuser a permission the Admins group does not hold.
    owner = make_user("Admins", username="olga")
    owner.user_permissions.add(Permission.objects.get(codename="change_group"))
    owners = Group.objects.create(name="Owners")
    owners.permissions.add(Permission.objects.get(codename="change_group"))
    return {
        "root": root,
        "admin": admin,
        "other_admin": other_admin,
        "editor": editor,
        "analyst": analyst,
        "owner": owner,
        "owners": owners,
    }


def urls_for(user):
    return {
        "change": reverse("admin:auth_user_change", args=[user.pk]),
        "password": reverse("admin:auth_user_password_change", args=[user.pk]),
        "delete": reverse("admin:auth_user_delete", args=[user.pk]),
        "history": reverse("admin:auth_user_history", args=[user.pk]),
    }


def answer(response):
    """The status, or where a redirect goes ("missing": the admin's "does not exist")."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return "login"
        if location == reverse("admin:index"):
            return "missing"
        return "redirect"
    return response.status_code


# What an Admin who is not a superuser gets, per target and page (GET).
ADMIN_SEES = {
    #                change    password  delete     history
    "root":        ["missing", 404,      "missing", "missing"],
    "owner":       [200,       403,      403,       200],
    "other_admin": [200,       200,      200,       200],
    "admin":       [200,       200,      200,       200],
    "editor":      [200,       200,      200,       200],
    "analyst":     [200,       200,      200,       200],
}  # fmt: skip
PAGES = ["change", "password", "delete", "history"]


def test_an_admin_reaches_no_superuser_and_only_looks_at_users_above_them(people):
    client = Client()
    client.force_login(people["admin"])
    seen = {
        target: [answer(client.get(urls_for(people[target])[page])) for page in PAGES]
        for target in ADMIN_SEES
    }
    assert seen == ADMIN_SEES


def test_a_superuser_reaches_every_page_of_every_user(people):
    client = Client()
    client.force_login(people["root"])
    for target in ADMIN_SEES:
        for page in PAGES:
            assert answer(client.get(urls_for(people[target])[page])) == 200, (target, page)


@pytest.mark.parametrize("role", ["anonymous", "analyst", "editor"])
def test_others_are_sent_to_the_admin_sign_in(people, role):
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    pages = [reverse("admin:auth_user_changelist"), reverse("admin:auth_user_add")]
    pages += list(urls_for(people["admin"]).values()) + list(urls_for(people["root"]).values())
    for url in pages:
        assert answer(client.get(url)) == "login", url
        assert answer(client.post(url, {})) == "login", url


def test_staff_without_the_user_permissions_are_refused(people):
    clerk = make_user("Editors", username="clerk", is_staff=True)
    client = Client()
    client.force_login(clerk)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(urls_for(people["editor"])["password"]).status_code == 403


def test_the_list_and_the_search_hide_superusers_from_an_admin(people):
    client = Client()
    client.force_login(people["admin"])
    listed = client.get(reverse("admin:auth_user_changelist")).context["cl"].result_list
    assert "root" not in {user.username for user in listed}
    assert {"ada", "otto", "edith", "anna", "olga"} <= {user.username for user in listed}
    found = client.get(reverse("admin:auth_user_changelist"), {"q": "root"})
    assert list(found.context["cl"].result_list) == []
    client.force_login(people["root"])
    listed = client.get(reverse("admin:auth_user_changelist")).context["cl"].result_list
    assert "root" in {user.username for user in listed}


def form_data(response, **changes):
    """The change form as the browser would post it, with changes."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(value, datetime.datetime):
            data[f"{name}_0"], data[f"{name}_1"] = str(value.date()), value.strftime("%H:%M:%S")
        elif value is None:
            if name in {"last_login", "date_joined"}:
                data[f"{name}_0"] = data[f"{name}_1"] = ""
            else:
                data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = value
    data.update(changes)
    return data


def post_change(client, user, **changes):
    url = urls_for(user)["change"]
    return client.post(url, form_data(client.get(url), **changes))


def test_an_admin_cannot_make_themselves_or_anyone_superuser(people):
    client = Client()
    client.force_login(people["admin"])
    for target in ("admin", "editor"):
        user = people[target]
        response = post_change(client, user, is_superuser="on")
        assert answer(response) == "redirect"  # saved, the other fields as they were
        user.refresh_from_db()
        assert not user.is_superuser
    page = client.get(urls_for(people["admin"])["change"]).content.decode()
    assert 'name="is_superuser"' not in page
    assert "Superuser status" in page


def test_an_admin_gives_only_the_groups_within_their_own(people):
    client = Client()
    client.force_login(people["admin"])
    admins, owners = Group.objects.get(name="Admins"), people["owners"]
    offered = client.get(urls_for(people["editor"])["change"]).context["adminform"].form
    assert set(offered.fields["groups"].queryset) == set(
        Group.objects.filter(name__in=["Analysts", "Editors", "Admins"])
    )
    for target in ("admin", "editor"):
        refused = post_change(client, people[target], groups=[admins.pk, owners.pk])
        assert refused.status_code == 200
        assert "groups" in refused.context["adminform"].form.errors
        assert not people[target].groups.filter(pk=owners.pk).exists()
    given = post_change(client, people["editor"], groups=[admins.pk])
    assert answer(given) == "redirect"
    assert list(people["editor"].groups.all()) == [admins]


def test_an_admin_gives_only_the_permissions_they_hold(people):
    client = Client()
    client.force_login(people["admin"])
    beyond = Permission.objects.get(codename="change_group")
    within = Permission.objects.get(codename="add_user")
    offered = client.get(urls_for(people["editor"])["change"]).context["adminform"].form
    assert set(offered.fields["user_permissions"].queryset) == set(
        Group.objects.get(name="Admins").permissions.all()
    )
    for target in ("admin", "editor"):
        refused = post_change(client, people[target], user_permissions=[beyond.pk])
        assert refused.status_code == 200
        assert "user_permissions" in refused.context["adminform"].form.errors
        assert not people[target].user_permissions.exists()
    given = post_change(client, people["editor"], user_permissions=[within.pk])
    assert answer(given) == "redirect"
    assert list(people["editor"].user_permissions.all()) == [within]


def test_an_admin_cannot_set_the_password_of_a_superuser_or_of_a_user_above_them(people):
    client = Client()
    client.force_login(people["admin"])
    data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    assert client.post(urls_for(people["root"])["password"], data).status_code == 404
    assert client.post(urls_for(people["owner"])["password"], data).status_code == 403
    for target in ("root", "owner"):
        people[target].refresh_from_db()
        assert people[target].check_password(PASSWORD)
    assert answer(client.post(urls_for(people["editor"])["password"], data)) == "redirect"
    people["editor"].refresh_from_db()
    assert people["editor"].check_password(NEW_PASSWORD)


def test_an_admin_cannot_change_or_delete_a_superuser_or_a_user_above_them(people):
    client = Client()
    client.force_login(people["admin"])
    root_urls, owner_urls = urls_for(people["root"]), urls_for(people["owner"])
    assert answer(client.post(root_urls["change"], {"username": "mine"})) == "missing"
    assert answer(client.post(root_urls["delete"], {"post": "yes"})) == "missing"
    assert client.post(owner_urls["change"], {"username": "mine"}).status_code == 403
    assert client.post(owner_urls["delete"], {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "post": "yes",
         "_selected_action": [people["root"].pk, people["owner"].pk, people["analyst"].pk]},
    )  # fmt: skip
    assert bulk.status_code in {200, 302, 403}
    assert User.objects.filter(username__in=["root", "olga", "mine"]).count() == 2
    assert User.objects.filter(username="root", is_superuser=True).exists()
    assert User.objects.filter(username="olga").exists()


def test_a_superuser_still_gives_superuser_status_groups_and_permissions(people):
    client = Client()
    client.force_login(people["root"])
    beyond = Permission.objects.get(codename="change_group")
    response = post_change(
        client,
        people["editor"],
        is_superuser="on",
        groups=[people["owners"].pk],
        user_permissions=[beyond.pk],
    )
    assert answer(response) == "redirect"
    people["editor"].refresh_from_db()
    assert people["editor"].is_superuser
    assert list(people["editor"].groups.all()) == [people["owners"]]


def test_an_admin_adds_a_user(people):
    client = Client()
    client.force_login(people["admin"])
    assert client.get(reverse("admin:auth_user_add")).status_code == 200
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "newcomer", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
         "usable_password": "true"},
    )  # fmt: skip
    assert answer(response) == "redirect"
    assert not User.objects.get(username="newcomer").is_superuser
