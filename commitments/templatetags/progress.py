from django import template
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def progress_cells(row):
    """The <td> cells of one ally's row in a commitment's per-ally table.

    Built in Python rather than in a template loop: a row per ally and a cell per year
    make about a thousand cells, which the template engine renders ten times slower.
    """
    not_member = format_html('<span class="nodata">{}</span>', gettext("not a member"))
    no_data = format_html('<span class="nodata">{}</span>', gettext("no data"))
    estimate = format_html('<abbr title="{}">e</abbr>', gettext("estimate"))
    cells = []
    for cell in row.cells:
        if not cell.member:
            cells.append((not_member,))
        elif cell.measurement is None:
            cells.append((no_data,))
        else:
            figure = cell.measurement
            css = "meets" if cell.meets else "misses" if cell.meets is False else ""
            cells.append(
                (
                    format_html(
                        '<span class="{}">{}</span>{}<div class="meta">{}</div>',
                        css,
                        localize(figure.value),
                        estimate if figure.estimate else "",
                        figure.edition,
                    ),
                )
            )
    return format_html_join("\n", '<td class="num">{}</td>', cells)
