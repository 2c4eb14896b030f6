"""`{% load languages %}`: data shown in the reader's language, or marked as not."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language_info

from nato_tracker.languages import Localized, colon

register = template.Library()


@register.filter
def marked(value):
    """A text in the reader's language as it is; one in the other language in a span
    with its `lang`, followed by its code: "Spend at least 2% (en)" on a French page."""
    if isinstance(value, Localized) and value.is_fallback:
        return format_html(
            '<span lang="{}">{}</span> <small class="language-mark" title="{}">({})</small>',
            value.language,
            value,
            get_language_info(value.language)["name_translated"],
            value.language,
        )
    return value


@register.simple_tag(name="colon")
def colon_tag():
    """{% colon %}: "Figures:" in English, "Chiffres :" in French."""
    return colon()
