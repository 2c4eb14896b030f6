import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.db import DatabaseError

PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": "x7!kq2-production-like-secret-of-sufficient-length-and-variety-9f3a",
    "ALLOWED_HOSTS": "tracker.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://tracker.example.org",
}


def manage(*args, env):
    ours = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser tests set the last
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY when DEBUG is off" in result.stderr


@pytest.mark.django_db
def test_healthz_reports_the_database(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.django_db
def test_healthz_is_503_in_time_when_a_query_never_returns(client, monkeypatch):
    released = threading.Event()

    def hangs(*args, **kwargs):
        released.wait(30)
        raise DatabaseError("gone")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", hangs)
    try:
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
        assert response.status_code == 503
        assert elapsed < 2
        # A second probe while the first still waits is answered at once.
        started = time.monotonic()
        assert client.get("/healthz").status_code == 503
        assert time.monotonic() - started < 0.5
    finally:
        released.set()


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never sends a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


PROBE = """
import time
from django.test import Client
from django.urls import resolve
client = Client()
client.handler.load_middleware()
resolve("/healthz")
started = time.monotonic()
response = client.get("/healthz")
print(response.status_code, round(time.monotonic() - started, 2))
"""


def test_healthz_is_503_within_2_seconds_when_postgresql_accepts_and_never_answers(
    silent_server,
):
    """The settings as production reads them, pointed at a server that hangs."""
    url = f"postgres://tracker@127.0.0.1:{silent_server}/tracker"
    result = manage("shell", "--no-imports", "-c", PROBE, env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    status, elapsed = result.stdout.split()
    assert status == "503", result.stdout + result.stderr
    assert float(elapsed) < 2, result.stdout + result.stderr


def test_the_database_timeouts_come_from_the_environment():
    code = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS'];"
        " print(o.get('connect_timeout'), o.get('options'), o.get('timeout'))"
    )
    postgres = manage(
        "shell", "--no-imports", "-c", code,
        env={"DATABASE_URL": "postgres://u@127.0.0.1:1/x", "DATABASE_CONNECT_TIMEOUT": "3",
             "DATABASE_STATEMENT_TIMEOUT": "7"},
    )  # fmt: skip
    assert postgres.stdout.split() == ["3", "-c", "statement_timeout=7000", "None"]
    command = manage(
        "shell", "--no-imports", "-c", code, env={"DATABASE_URL": "postgres://u@127.0.0.1:1/x"}
    )
    assert command.stdout.split() == ["5", "None", "None"]  # no statement limit by default
    served = subprocess.run(
        [sys.executable, "-c", "import nato_tracker.wsgi; " + code],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DATABASE_URL": "postgres://u@127.0.0.1:1/x", "DEBUG": "true"},
    )  # fmt: skip
    assert served.stdout.split() == ["5", "-c", "statement_timeout=20000", "None"], served.stderr
    sqlite = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={"DATABASE_URL": "sqlite:///:memory:", "DATABASE_LOCK_TIMEOUT": "4"},
    )
    assert sqlite.stdout.split() == ["None", "None", "4"]


@pytest.mark.django_db
def test_a_request_above_the_size_limit_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = client.post("/healthz", data="x" * 2000, content_type="text/plain")
    assert response.status_code == 413
    assert "too large" in response.content.decode()


@pytest.mark.django_db
def test_writes_are_logged_with_who_did_them(client, django_user_model, caplog):
    user = django_user_model.objects.create_user("ana", password="pw-for-tests-only")
    client.force_login(user)
    with caplog.at_level("INFO", logger="nato_tracker.audit"):
        client.post("/healthz")
        client.get("/healthz")
    lines = [r.getMessage() for r in caplog.records if r.name == "nato_tracker.audit"]
    assert lines == ["user=ana method=POST path=/healthz status=405"]
