from datetime import date

from django.utils import timezone

from nato_tracker import clock


def test_today_is_the_real_date_unless_fixed(settings, today):
    settings.TODAY = ""
    assert clock.today() == timezone.localdate()
    assert today("2026-12-01") == date(2026, 12, 1)
    assert clock.today() == date(2026, 12, 1)
    settings.TODAY = date(2031, 1, 2)
    assert clock.today() == date(2031, 1, 2)
