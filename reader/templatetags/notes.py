from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reader.markup import render_note
from summits.text import shorten

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
                segment.mark.plain_title,
                segment.text,
            )
        else:
            text = conditional_escape(segment.text)
        if segment.notes:
            text = format_html(
                '<mark class="note" data-notes="{}" title="{}">{}</mark>',
                " ".join(str(note.pk) for note in segment.notes),
                " · ".join(shorten(note.body, 80) for note in segment.notes),
                text,
            )
        parts.append(text)
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


@register.simple_tag(takes_context=True)
def paragraph_block(context, paragraph):
    """A paragraph of the reader, its <section>, written in Python: the text with its
    highlights, the link to the paragraph's page and, when it has some, the button
    that loads its notes. What fewer paragraphs have (other language versions,
    repaired defects, the notes shown, the editors' tools) comes from the partials
    reader/_paragraph_asides.html, _notes.html and _paragraph_tools.html."""
    engine = context.template.engine
    can_annotate = context.get("can_annotate")
    urls = ""
    if can_annotate:
        urls = format_html(' data-annotate-url="{}"', paragraph.annotate_url)
        if context.get("can_add_commitment"):
            urls += format_html(' data-commitment-url="{}"', paragraph.commitment_url)
    parts = [
        format_html(
            '<section class="para{}" id="{}">\n  <a class="num" href="{}" title="{}">{}</a>\n'
            '  <div class="body">\n    <span class="ptext" data-paragraph="{}"{}>{}</span>{}\n',
            " item" if paragraph.parent_id else "",
            paragraph.anchor,
            paragraph.permalink,
            _("Permalink of this paragraph"),
            paragraph.display_label,
            paragraph.pk,
            urls,
            highlighted(paragraph.segments),
            mark_safe(' <span class="cut-marker">[…]</span>')
            if "cut" in paragraph.defect_kinds
            else "",
        )
    ]
    with context.push(paragraph=paragraph):
        if getattr(paragraph, "other_languages", None) or paragraph.defects:
            parts.append(engine.get_template("reader/_paragraph_asides.html").render(context))
        if paragraph.notes and context.get("notes_shown"):
            with context.push(notes=paragraph.notes):
                parts.append(engine.get_template("reader/_notes.html").render(context))
        elif paragraph.notes:
            count = len(paragraph.notes)
            parts.append(
                format_html(
                    '    <p class="notes-toggle" id="notes-{}"><a href="?notes=all#{}" hx-get="{}"'
                    ' hx-target="#notes-{}" hx-swap="outerHTML">{}</a></p>\n',
                    paragraph.pk,
                    paragraph.anchor,
                    paragraph.notes_url,
                    paragraph.pk,
                    ngettext("Show %(counter)s note", "Show %(counter)s notes", count)
                    % {"counter": count},
                )
            )
        if can_annotate:
            parts.append(engine.get_template("reader/_paragraph_tools.html").render(context))
    parts.append(mark_safe("  </div>\n</section>"))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 (escaped above)
