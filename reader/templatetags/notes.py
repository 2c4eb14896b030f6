from django import template
from django.utils.safestring import mark_safe

from reader.markup import render_note

register = template.Library()


@register.filter
def note_html(text):
    """A note body as sanitised HTML (see reader.markup)."""
    return mark_safe(render_note(text))  # noqa: S308 - nh3 has cleaned it
