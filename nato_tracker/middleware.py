import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

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
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return HttpResponse(
                _("The request is too large: the limit is %(limit)s MB.") % {"limit": limit},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


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
