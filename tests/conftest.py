import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import translation

from nato_tracker import clock

SEED_FIXTURES = ("summits", "progress", "commitments")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed fixtures once; each test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)


@pytest.fixture
def today(settings):
    """Fix the date the pages compute from: ``today("2026-12-01")``."""

    def fix(day):
        settings.TODAY = day
        return clock.today()

    return fix


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the default language, whatever the one before activated (a
    request through LocaleMiddleware leaves its language active in the thread)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what one test cached under the load
    generation of the seed data is not another test's data."""
    from django.core.cache import cache

    from nato_tracker.cache import forget_local

    cache.clear()
    forget_local()


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """For tests that need real commits (a live server): the seed and the roles again,
    since a transactional test flushes the database when it ends."""
    from django.contrib.auth.models import Group, Permission

    from nato_tracker.roles import apply_roles

    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    apply_roles(Group, Permission)


@pytest.fixture
def chromium():
    """Debian's headless Chromium, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright runs, the ORM in this thread may open a connection of its
        # own; close it, or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()


@pytest.fixture
def shots(tmp_path):
    """Where browser tests save screenshots: $SCREENSHOT_DIR (`make screenshots` gives
    docs/), else the test's own temporary folder."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def server(seeded_transactional_db):
    """A live server of its own (the browser tests that make sessions before it starts)."""
    from pytest_django.live_server_helper import LiveServer

    live = LiveServer("127.0.0.1:0")
    yield live
    live.stop()


def new_page(browser, base, *, language, session=None, viewport=None, javascript=True):
    """A page in a context of its own, in `language`, signed in with the `session` cookie."""
    from django.conf import settings

    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 900},
        locale="fr-FR" if language == "fr" else "en-GB",
        java_script_enabled=javascript,
    )
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}]
    if session is not None:
        cookies.append({"name": session.key, "value": session.value, "url": base})
    context.add_cookies(cookies)
    return context.new_page()
