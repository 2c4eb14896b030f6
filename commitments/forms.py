from urllib.parse import urlsplit

from django import forms
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from summits.models import Paragraph

from .models import Commitment, Measurement, StatusChange


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.summit.name} {obj.summit.year}: {obj.title}"


class CommitmentForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Commitment
        fields = [
            "review",
            "title",
            "category",
            "bound",
            "bound_allies",
            "indicator",
            "comparator",
            "target_value",
            "unit",
            "target_text",
            "deadline_year",
            "deadline_text",
            "recurring",
            "parent",
            "relation",
            "notes",
        ]
        field_classes = {"parent": CommitmentChoiceField}
        widgets = {
            "bound_allies": forms.SelectMultiple(attrs={"size": 8}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Commitment.objects.shown().select_related("summit")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("summit__started_on", "title")
        self.fields["parent"].label = _("Earlier commitment (lineage)")
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("parent") and not cleaned.get("relation"):
            self.add_error("relation", _("Say how it relates to the earlier commitment."))
        if cleaned.get("relation") and not cleaned.get("parent"):
            self.add_error("parent", _("Choose the earlier commitment."))
        return cleaned


class ReviewForm(forms.Form):
    review = forms.ChoiceField(choices=Commitment.Review.choices)
    version = forms.IntegerField()


def paragraph_from_link(link: str) -> Paragraph | None:
    """The paragraph a reader link points at: /documents/<slug>/#p27 (host optional)."""
    parts = urlsplit(link.strip())
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name != "reader:document" or not parts.fragment:
        return None
    for paragraph in Paragraph.objects.filter(document__slug=match.kwargs["slug"]).select_related(
        "document"
    ):
        if paragraph.anchor == parts.fragment:
            return paragraph
    return None


class StatusChangeForm(forms.ModelForm):
    source_link = forms.CharField(
        label=_("Source paragraph"),
        required=False,
        help_text=_(
            "Link to a paragraph in the reader, e.g. /documents/vilnius-2023-communique/#p27"
        ),
    )

    class Meta:
        model = StatusChange
        fields = ["status", "as_of", "rationale", "source_link", "source_url", "source_text"]
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            choice
            for choice in Commitment.Status.choices
            if choice[0] != Commitment.Status.NOT_RATED
        ]

    def clean_source_link(self):
        link = self.cleaned_data["source_link"]
        if not link:
            return None
        paragraph = paragraph_from_link(link)
        if paragraph is None:
            raise forms.ValidationError(_("This is not the link of a paragraph in the reader."))
        return paragraph


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["indicator", "ally", "year", "value", "estimate", "edition", "source"]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}
