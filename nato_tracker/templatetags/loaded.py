"""`{% load loaded %}`: a part of a page rendered once per load of figures and texts.

    {% until_loaded "commitment-progress" progress_key %} … {% end_until_loaded %}

The part is rendered the first time, then read from nato_tracker.cache under its name,
the values given (say, a commitment's id and version: what else it depends on), the
reader's language and today's date, until the next load of figures or texts. What the
part reads is read only when it is rendered: pass the view's work as lazy objects
(django.utils.functional.SimpleLazyObject) and a cached part runs none of it. Nothing
per user may be inside.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from nato_tracker import cache, clock

register = template.Library()


class UntilLoadedNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        html = cache.remember(
            f"part:{self.name.resolve(context)}",
            get_language(),
            clock.today().isoformat(),
            *parts,
            compute=lambda: str(self.nodelist.render(context)),
        )
        return mark_safe(html)  # noqa: S308 (rendered by the template, escaped there)


@register.tag
def until_loaded(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("until_loaded needs a name.")
    nodelist = parser.parse(("end_until_loaded",))
    parser.delete_first_token()
    return UntilLoadedNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
