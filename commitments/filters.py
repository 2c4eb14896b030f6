import django_filters
from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from nato_tracker import clock
from nato_tracker.params import YEAR_MAX, YEAR_MIN
from summits.models import Summit
from summits.text import fold

from .models import Category, Commitment, Indicator

# The facets whose values are counted on the commitment browser: filter name -> the
# field the counts are grouped by.
FACETS = {
    "summit": "summit__slug",
    "category": "category",
    "status": "status",
    "indicator": "indicator__slug",
    "bound": "bound",
}


ANY = _("Any")


class MeaningOrderingFilter(django_filters.OrderingFilter):
    """Sorts statuses by what they mean (Commitment.STATUS_ORDER), not by their codes."""

    def get_ordering_value(self, param):
        if param.lstrip("-") == "status":
            rank = Commitment.status_rank()
            return rank.desc() if param.startswith("-") else rank.asc()
        return super().get_ordering_value(param)


class YearFilter(django_filters.NumberFilter):
    """A year between 1 and 9999, in ASCII digits: another value is a form error (the
    filter is then left out), never a date the database cannot compute."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # the field's own max_value bounds it


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Text"))
    summit = django_filters.ModelChoiceFilter(
        queryset=Summit.objects.order_by("-started_on"),
        to_field_name="slug",
        label=_("Summit"),
        empty_label=ANY,
    )
    category = django_filters.ChoiceFilter(
        choices=Category.choices, label=_("Category"), empty_label=ANY
    )
    status = django_filters.ChoiceFilter(
        choices=[(status.value, status.label) for status in Commitment.STATUS_ORDER],
        label=_("Status"),
        empty_label=ANY,
    )
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(),
        to_field_name="slug",
        label=_("Indicator"),
        empty_label=ANY,
    )
    bound = django_filters.ChoiceFilter(
        choices=Commitment.Bound.choices, label=_("Who is bound"), empty_label=ANY
    )
    year_from = YearFilter(
        field_name="summit__started_on__year", lookup_expr="gte", label=_("From year")
    )
    year_to = YearFilter(
        field_name="summit__started_on__year", lookup_expr="lte", label=_("To year")
    )
    deadline = django_filters.ChoiceFilter(
        choices=[
            ("overdue", _("Overdue")),
            ("passed", _("Passed")),
            ("coming", _("Coming")),
            ("none", _("No deadline")),
        ],
        method="filter_deadline",
        label=_("Deadline"),
        empty_label=ANY,
    )
    review = django_filters.ChoiceFilter(
        choices=Commitment.Review.choices, label=_("Review"), empty_label=ANY
    )
    sort = MeaningOrderingFilter(
        fields=(
            ("summit__started_on", "date"),
            ("title", "title"),
            ("category", "category"),
            ("status", "status"),
        ),
        field_labels={
            "summit__started_on": _("Date"),
            "title": _("Title"),
            "category": _("Category"),
            "status": _("Status"),
            # Given whole: django-filter would build them once, in the language of the
            # process's start.
            "-date": _("Date (descending)"),
            "-title": _("Title (descending)"),
            "-category": _("Category (descending)"),
            "-status": _("Status (descending)"),
        },
        label=_("Sort by"),
        empty_label=_("Oldest summit first"),
    )

    class Meta:
        model = Commitment
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        """Every word in the title, the notes (in either language), the quote or its paragraph.

        Accents and capitals do not matter in the paragraph, whose folded text is
        stored; the title, notes and quote are matched as written, capitals aside.
        """
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(title_fr__icontains=word)
                | Q(notes__icontains=word)
                | Q(notes_fr__icontains=word)
                | Q(quote__icontains=word)
                | Q(paragraph__folded_text__contains=fold(word))
            )
        return queryset

    def filter_deadline(self, queryset, name, value):
        """Seen from today: overdue (passed without a verdict), passed, coming, none."""
        year = clock.today().year
        if value == "overdue":
            return queryset.overdue()
        if value == "passed":
            return queryset.filter(deadline_year__lt=year)
        if value == "coming":
            return queryset.filter(deadline_year__gte=year)
        return queryset.filter(deadline_year__isnull=True)

    def facet_counts(self):
        """{facet: {value: count}}: each facet counted with every other filter applied.

        A facet's own filter is left out of its count, so that its other values show how
        many commitments choosing them would give.
        """
        counts = {facet: {} for facet in FACETS}
        if not self.is_valid():
            return counts
        for facet, field in FACETS.items():
            queryset = self.queryset
            for name, value in self.form.cleaned_data.items():
                if name not in (facet, "sort"):
                    queryset = self.filters[name].filter(queryset, value)
            rows = queryset.order_by().values(field).annotate(n=Count("pk"))
            counts[facet] = {row[field]: row["n"] for row in rows if row[field] is not None}
        return counts

    def label_with_counts(self, counts):
        """Show each facet value's count in its select option: "Met (3)"."""
        for facet in FACETS:
            form_field = self.form.fields[facet]
            by_value = counts[facet]
            if facet in ("summit", "indicator"):
                form_field.label_from_instance = _counted_label(by_value)
            else:
                # The choices without their empty one: the field puts it back, once.
                form_field.choices = [
                    (value, f"{label} ({by_value.get(value, 0)})")
                    for value, label in form_field.choices
                    if value
                ]


def _counted_label(by_value):
    def label(instance):
        name = instance.local_name
        if isinstance(instance, Summit):
            name = f"{instance.local_name} {instance.year}"
        return f"{name} ({by_value.get(instance.slug, 0)})"

    return label
