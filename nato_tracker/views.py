import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# One probe at a time per process: while one waits on a database that does not answer,
# the next health checks are answered 503 at once instead of stacking up threads.
_probing = threading.Lock()


def _probe(alias: str, outcome: dict) -> None:
    """Query the database on a connection of this thread's own, then close it."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        outcome["vendor"] = connection.vendor
    except DatabaseError:
        pass
    finally:
        connection.close()
        _probing.release()


def database_answers(alias: str = "default", timeout: float | None = None) -> str | None:
    """The database's vendor when it answers SELECT 1 within timeout seconds, else None.

    The probe runs in a thread of its own so that the answer comes in time even when the
    database accepts the connection and never replies; that thread ends by itself when
    the connect or statement timeout of the settings is reached."""
    if not _probing.acquire(blocking=False):
        return None
    outcome: dict = {}
    thread = threading.Thread(target=_probe, args=(alias, outcome), daemon=True)
    thread.start()
    thread.join(settings.HEALTHZ_TIMEOUT if timeout is None else timeout)
    return outcome.get("vendor")


@never_cache
@require_GET
def healthz(request):
    """200 when the app can query its database, 503 when it cannot or not in time."""
    vendor = database_answers()
    if vendor is None:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": vendor})
