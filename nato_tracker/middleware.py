import logging
import re

from django.conf import settings
from django.utils.translation import gettext_lazy

from .views import error_page

audit = logging.getLogger("nato_tracker.audit")

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

INPUT_REFUSED = gettext_lazy(
    "This request cannot be answered: it holds a character that is not "
    "allowed (NUL), a number larger than any stored, or a part of its "
    "address longer than %(limit)s characters."
)


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than MAX_REQUEST_BYTES (413)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return error_page(request, 413)
        return self.get_response(request)


# The largest integer the databases hold (64 bits, signed): a longer run of digits in a
# request is no id, year or count, and SQLite cannot even compare with it.
_INTEGER_RE = re.compile(r"[-+]?[0-9]{19,}")
_INTEGER_MAX = 2**63 - 1


def _refused(text: str, limit: int | None) -> bool:
    """Holds a NUL, is longer than the limit (when there is one), or is an integer out of
    the databases' range."""
    return (
        "\x00" in text
        or (limit is not None and len(text) > limit)
        or (_INTEGER_RE.fullmatch(text.strip()) is not None and abs(int(text)) > _INTEGER_MAX)
    )


class InputLimitMiddleware:
    """Refuse (400) a request that holds a NUL character, a value too long, or an integer
    no database column holds (beyond 64 bits), in its address, its query parameters, its
    cookies or its form fields.

    PostgreSQL can neither store nor compare a string holding a NUL, SQLite cannot bind
    an integer beyond 64 bits, and nothing the app reads is that long: all are refused
    here, once, and no view has to check. The limits: MAX_PATH_CHARS for the path,
    MAX_PARAMETER_CHARS for each query parameter's name and value and each cookie (form
    fields have their own, in the forms: a pasted communiqué is long).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_PARAMETER_CHARS
        checked = [(request.path, settings.MAX_PATH_CHARS)]
        checked += [(segment, None) for segment in request.path.split("/")]
        for key, values in request.GET.lists():
            checked += [(text, limit) for text in (key, *values)]
        for key, value in request.COOKIES.items():
            checked += [(key, limit), (value, limit)]
        if request.method == "POST":
            for key, values in request.POST.lists():
                checked += [(text, None) for text in (key, *values)]
        if any(_refused(text, most) for text, most in checked):
            return error_page(request, 400, INPUT_REFUSED, limit)
        return self.get_response(request)


class SiteErrorPagesMiddleware:
    """The site's own page for a 404 or a 400 even when DEBUG is on (`make run`), where
    Django would show its debug page; a 500 keeps the debug page, which a developer
    needs. With DEBUG off, Django calls the handlers of nato_tracker.urls itself."""

    REPLACED = (400, 404)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code in self.REPLACED
            and not getattr(response, "site_error_page", False)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return error_page(request, response.status_code)
        return response


class AuditLogMiddleware:
    """Log who did what on every write: user, method, path, response status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in WRITE_METHODS:
            user = getattr(request, "user", None)
            who = user.get_username() if user is not None and user.is_authenticated else "-"
            audit.info(
                "user=%s method=%s path=%s status=%s",
                who,
                request.method,
                request.path,
                response.status_code,
            )
        return response
