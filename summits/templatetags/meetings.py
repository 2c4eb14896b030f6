from django import template
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from nato_tracker.languages import Localized
from nato_tracker.templatetags.languages import marked
from summits import ingest

register = template.Library()

DEFECT_LABELS = {
    "repeated_text": _("repeated passage"),
    "cut": _("cut mid-sentence"),
    "stray_break": _("stray sentence break"),
    "stray_punctuation": _("stray punctuation"),
    "duplicate": _("repeated paragraph"),
}


@register.filter
def defect_label(kind):
    """A reader's name for a defect kind found by the ingest."""
    return DEFECT_LABELS.get(kind, kind)


REMOVED_LABELS = {
    "title": _("headline"),
    "chrome": _("site chrome"),
    "front_matter": _("before the body"),
    "back_matter": _("after the body"),
    "duplicate": _("repeat of an earlier paragraph"),
}


@register.filter
def removed_label(kind):
    """A reader's name for a line the ingest kept out of the paragraphs."""
    return REMOVED_LABELS.get(kind, kind)


@register.filter
def date_range(summit):
    """ "24–25 June 2025", "28 June – 1 July 2022" or "14 June 2021", in the active language."""
    start, end = summit.started_on, summit.ended_on
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


@register.filter
def as_written(text):
    """An editor's or a source's free text (a rationale, a source's name), in the language
    it reads as: marked with `lang` and "(en)" where that is not the reader's. A text
    that shows neither (a publication's name) is taken as written in the site's first
    language, that of its editorial data."""
    if not text:
        return text
    language = ingest.language_of(str(text)) or settings.LANGUAGE_CODE
    return marked(Localized(str(text), language))
