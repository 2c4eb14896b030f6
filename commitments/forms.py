from django import forms
from django.utils.translation import gettext_lazy as _

from summits.models import Document, Paragraph

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


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.summit.name} {obj.summit.year}: {obj.title}"


class ParagraphChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_label}: {obj.text[:90]}"


class StatusChangeForm(forms.ModelForm):
    """A dated status with its reason and sources. The source paragraph is chosen in a
    document: the paragraphs listed are those of the document chosen (by default the
    commitment's own); choosing another one and "Show its paragraphs" lists its own."""

    source_document = DocumentChoiceField(
        label=_("Source document"),
        queryset=Document.objects.without_text().select_related("summit"),
        required=False,
        empty_label=_("— none —"),
    )

    class Meta:
        model = StatusChange
        fields = [
            "status",
            "as_of",
            "rationale",
            "source_document",
            "source_paragraph",
            "source_url",
            "source_text",
        ]
        field_classes = {"source_paragraph": ParagraphChoiceField}
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            choice
            for choice in Commitment.Status.choices
            if choice[0] != Commitment.Status.NOT_RATED
        ]
        self.fields["source_document"].queryset = self.fields["source_document"].queryset.order_by(
            "-published_on", "pk"
        )
        document = commitment.paragraph.document_id
        if self.is_bound:
            document = self.data.get("source_document") or None
        else:
            document = self.initial.setdefault("source_document", document) or None
        paragraphs = Paragraph.objects.filter(document=document).defer("folded_text")
        self.fields["source_paragraph"].queryset = paragraphs.order_by("position")
        self.fields["source_paragraph"].label = _("Source paragraph")
        self.fields["source_paragraph"].empty_label = _("— none —")
        self.fields["source_paragraph"].help_text = _(
            "A paragraph of the source document chosen above."
        )

    def clean(self):
        cleaned = super().clean()
        paragraph = cleaned.get("source_paragraph")
        document = cleaned.get("source_document")
        if paragraph is not None and (document is None or paragraph.document_id != document.pk):
            self.add_error("source_paragraph", _("Choose a paragraph of the source document."))
        return cleaned


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["indicator", "ally", "year", "value", "estimate", "edition", "source"]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}
