import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from summits.models import Summit

from .models import Category, Commitment, Indicator


class QuickSelect(forms.Select):
    """A <select> built in Python.

    Django renders each option through a template, about a tenth of a millisecond
    apiece; the summit filter lists every meeting since 1949 (hundreds), which made the
    form the slowest part of the commitment browser.
    """

    def render(self, name, value, attrs=None, renderer=None):
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(v) for v in values if v is not None}
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if key in selected else "", label)
                for key, label in ((str(v), label) for v, label in self.choices)
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Text"))
    summit = django_filters.ModelChoiceFilter(
        queryset=Summit.objects.order_by("-started_on").only("slug", "name", "started_on"),
        to_field_name="slug",
        label=_("Summit"),
        widget=QuickSelect,
    )
    category = django_filters.ChoiceFilter(
        choices=Category.choices, label=_("Category"), widget=QuickSelect
    )
    status = django_filters.ChoiceFilter(
        choices=Commitment.Status.choices, label=_("Status"), widget=QuickSelect
    )
    review = django_filters.ChoiceFilter(
        choices=Commitment.Review.choices, label=_("Review"), widget=QuickSelect
    )
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(),
        to_field_name="slug",
        label=_("Indicator"),
        widget=QuickSelect,
    )
    bound = django_filters.ChoiceFilter(
        choices=Commitment.Bound.choices, label=_("Who is bound"), widget=QuickSelect
    )

    class Meta:
        model = Commitment
        fields = ["q", "summit", "category", "status", "review", "indicator", "bound"]

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(quote__icontains=word) | Q(notes__icontains=word)
            )
        return queryset
