import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery"


def sign_in(client, password, username="edith"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_failed_sign_ins_lock_the_name_for_a_while_even_with_the_right_password(client, settings):
    make_user("Editors", username="edith", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200  # the form again, with its error
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_name_and_a_success_resets_the_count(client, settings):
    make_user("Editors", username="edith", password=PASSWORD)
    make_user("Editors", username="other", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302  # still under the limit
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200  # the count started again
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", username="ghost")
    assert sign_in(client, PASSWORD, username="other").status_code == 302


def test_sessions_expire(client, settings):
    user = make_user("Editors", username="edith", password=PASSWORD)
    assert sign_in(client, PASSWORD).status_code == 302
    assert client.session.get_expire_at_browser_close()
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert client.session.get_expiry_age() <= 8 * 3600
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.parametrize("password", ["short1", "password123", "12345678901", "edith-tracker"])
def test_weak_passwords_are_refused(password):
    user = make_user(username="edith-tracker")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_unusual_password_is_accepted():
    validate_password("vilnius plancher 2 % de PIB", make_user())


def test_one_address_trying_passwords_on_many_names_is_paused(client, settings):
    """Password spraying: a few wrong passwords on each of many names, from one address.
    No name reaches its own limit, the address reaches its limit and is paused, even for
    a name it has not tried and with the right password."""
    names = [f"user{index}" for index in range(settings.AXES_ADDRESS_FAILURE_LIMIT)]
    for name in names:
        make_user("Editors", username=name, password=PASSWORD)
    make_user("Editors", username="untried", password=PASSWORD)
    per_name = settings.AXES_FAILURE_LIMIT - 1
    tries = 0
    for name in names:
        for _ in range(per_name):
            if tries == settings.AXES_ADDRESS_FAILURE_LIMIT:
                break
            response = sign_in(client, "wrong", username=name)
            tries += 1
            expected = 429 if tries == settings.AXES_ADDRESS_FAILURE_LIMIT else 200
            assert response.status_code == expected, (name, tries)
    assert tries == settings.AXES_ADDRESS_FAILURE_LIMIT
    locked = sign_in(client, PASSWORD, username="untried")
    assert locked.status_code == 429
    assert "any name from your address" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_address_is_not_paused_by_the_first(client, settings):
    make_user("Editors", username="edith", password=PASSWORD)
    for index in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        sign_in(client, "wrong", username=f"ghost{index}")
    assert sign_in(client, PASSWORD).status_code == 429
    elsewhere = client.post(
        LOGIN, {"username": "edith", "password": PASSWORD}, REMOTE_ADDR="192.0.2.7"
    )
    assert elsewhere.status_code == 302


def test_the_address_limit_is_above_the_name_limit(settings):
    assert settings.AXES_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
