import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
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


# Error pages, in the site's style and the reader's language ------------------------------

ERRORS = {
    400: (
        _("This request cannot be read"),
        _("The address or the form sent is not one the tracker understands."),
    ),
    403: (
        _("This page is not open to you"),
        _("Your account does not give access to it. Sign in with another one, or ask an admin."),
    ),
    404: (
        _("No such page"),
        _("Nothing is at this address: it may have been mistyped, or the page has moved."),
    ),
    413: (
        _("This is too large to send"),
        _("The file or form is larger than the tracker accepts (%(limit)s MB at most)."),
    ),
    500: (
        _("Something went wrong on our side"),
        _("The page could not be made. Try again in a moment; if it keeps failing, tell an admin."),
    ),
}
CSRF_EXPLANATION = _(
    "The form was sent without the check that proves it came from this site: it may have "
    "stayed open too long, or cookies are blocked. Reload the page and send it again."
)


def error_page(request, status: int, explanation=None, limit=None) -> HttpResponse:
    """The page of an error, in the language the reader asks for (the error may come
    before the language is chosen, or after it was left). `explanation` may name a
    `%(limit)s`: the request size limit in MB unless `limit` is given."""
    heading, default = ERRORS[status]
    if limit is None:
        limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
    with translation.override(translation.get_language_from_request(request)):
        html = render_to_string(
            "errors/page.html",
            {
                "status": status,
                "heading": heading,
                "explanation": (explanation or default) % {"limit": limit},
            },
        )
    response = HttpResponse(html, status=status)
    response.site_error_page = True  # type: ignore[attr-defined]  # read by the middleware
    return response


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)


def csrf_failure(request, reason=""):
    return error_page(request, 403, CSRF_EXPLANATION)
