import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from summits.models import Summit

from .models import Category, Commitment, Indicator


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Text"))
    summit = django_filters.ModelChoiceFilter(
        queryset=Summit.objects.order_by("-started_on"), to_field_name="slug", label=_("Summit")
    )
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Category"))
    status = django_filters.ChoiceFilter(choices=Commitment.Status.choices, label=_("Status"))
    review = django_filters.ChoiceFilter(choices=Commitment.Review.choices, label=_("Review"))
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="slug", label=_("Indicator")
    )
    bound = django_filters.ChoiceFilter(choices=Commitment.Bound.choices, label=_("Who is bound"))

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
