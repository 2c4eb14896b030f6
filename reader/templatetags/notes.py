from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from reader.markup import render_note

register = template.Library()


@register.filter
def note_html(text):
    """A note body as sanitised HTML (see reader.markup)."""
    return mark_safe(render_note(text))  # noqa: S308 - nh3 has cleaned it


@register.filter
def highlighted(segments):
    """A paragraph's text cut into segments (reader.highlight), written in one pass:
    each commitment's words a link to it, each annotated span a <mark> titled with its
    notes (their ids in data-notes)."""
    parts = []
    for segment in segments:
        if segment.mark is not None:
            text = format_html(
                '<a class="commitment-link" href="{}" title="{}">'
                '<mark class="commitment">{}</mark></a>',
                segment.mark.get_absolute_url(),
                segment.mark.local_title,
                segment.text,
            )
        else:
            text = conditional_escape(segment.text)
        if segment.notes:
            text = format_html(
                '<mark class="note" data-notes="{}" title="{}">{}</mark>',
                " ".join(str(note.pk) for note in segment.notes),
                " · ".join(Truncator(note.body).chars(80) for note in segment.notes),
                text,
            )
        parts.append(text)
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)
