import pytest
from django.core.management import call_command

SEED_FIXTURES = ("summits", "progress", "commitments")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed fixtures once; each test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """For tests that need real commits (a live server): the seed and the roles again,
    since a transactional test flushes the database when it ends."""
    from django.contrib.auth.models import Group, Permission

    from commitments.roles import apply_roles

    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    apply_roles(Group, Permission)
