from django import template
from django.utils.translation import gettext_lazy as _

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
