"""Sign-in throttling: per (name, address) and per address.

django-axes counts the failures of each (user name, address) pair and pauses the pair
at AXES_FAILURE_LIMIT. That alone lets one address try a few passwords on every
account (password spraying), so this handler also pauses an address once all the
failures from it, whatever the names, reach AXES_ADDRESS_FAILURE_LIMIT within the
cool-off time. A successful sign-in clears its own pair's count, not the address's.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_failures(request) -> int:
    """Failures recorded from the request's address within the cool-off time."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressThrottlingHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        pair = super().get_failures(request, credentials)
        if address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # The address is paused: report at least the limit axes compares with.
            return max(pair, get_failure_limit(request, credentials))
        return pair
