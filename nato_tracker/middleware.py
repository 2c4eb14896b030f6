import logging

from django.conf import settings

from .views import error_page

audit = logging.getLogger("nato_tracker.audit")

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


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
