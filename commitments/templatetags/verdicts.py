"""Dates seen from today, and verdicts with their reason: `{% load verdicts %}`."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _

from nato_tracker import clock

from ..figures import percent

register = template.Library()


@register.filter
def age(day) -> str:
    """How long ago a day was, seen from today: "2 years, 5 months ago", "today"."""
    if day is None:
        return ""
    today = clock.today()
    if day >= today:
        return _("today") if day == today else _("in %(time)s") % {"time": timeuntil(day, today)}
    return _("%(time)s ago") % {"time": timesince(day, today, depth=1)}


@register.filter
def deadline_state(commitment) -> str:
    """ "overdue", "passed", "coming" or "" (no deadline), seen from today."""
    if commitment.deadline_year is None:
        return ""
    if getattr(commitment, "is_overdue", False):
        return "overdue"
    return "passed" if commitment.deadline_passed() else "coming"


@register.filter
def deadline_phrase(commitment) -> str:
    """ "ended 2 years ago", "ends this year", "ends in 3 years"."""
    year = commitment.deadline_year
    if year is None:
        return ""
    delta = year - clock.today().year
    if delta == 0:
        return _("ends this year")
    if delta > 0:
        return _("ends in %(years)s year(s)") % {"years": delta}
    return _("ended %(years)s year(s) ago") % {"years": -delta}


@register.filter
def compliance(value) -> str:
    """A mean score from -1 to +1 as the G7 Research Group's percentage: (score+1)/2."""
    if value is None:
        return "–"
    return percent(round((value + 1) * 50))


@register.simple_tag
def method_link(anchor="scores", text=None):
    """A small link to the methodology page, placed beside every verdict."""
    return format_html(
        '<a class="method-link" href="{}#{}" title="{}">{}</a>',
        reverse("commitments:methodology"),
        anchor,
        _("How verdicts are made"),
        text or _("how rated"),
    )


@register.filter
def tally_count(tally, value) -> int:
    """How many scores of a report's tally are `value` (+1, 0 or -1)."""
    return tally.count(int(value))


@register.filter
def upcoming(summit) -> bool:
    """Whether a meeting is still to come, seen from today."""
    return summit.started_on > clock.today()
