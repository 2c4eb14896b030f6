"""Today's date, for everything that depends on it: the next summit, deadlines passed
and coming, overdue commitments, the age of a status, assessment periods.

`today()` is the date in the project's time zone, unless settings.TODAY (an ISO date,
also read from the environment) fixes it: tests set it with the `today` fixture, and a
demonstration can be run "as of" a given day. Nothing else in the code reads the clock
for a date.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone


def today() -> date:
    fixed = getattr(settings, "TODAY", None)
    if fixed:
        return fixed if isinstance(fixed, date) else date.fromisoformat(fixed)
    return timezone.localdate()
