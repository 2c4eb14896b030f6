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
