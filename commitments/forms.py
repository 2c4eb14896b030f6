from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from nato_tracker import params
from nato_tracker.languages import colon
from summits.models import Document, Paragraph, Summit

from .models import Assessment, AssessmentCycle, Commitment, Measurement, StatusChange


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.summit.local_name} {obj.summit.year}{colon()} {obj.plain_title}"


class CommitmentForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Commitment
        fields = [
            "review",
            "title",
            "title_fr",
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
            "notes_fr",
        ]
        field_classes = {"parent": CommitmentChoiceField}
        widgets = {
            "bound_allies": forms.SelectMultiple(attrs={"size": 8}),
            # Each language's field says its language (spelling, screen readers).
            "title": forms.TextInput(attrs={"lang": "en"}),
            "title_fr": forms.TextInput(attrs={"lang": "fr"}),
            "notes": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
            "notes_fr": forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Commitment.objects.shown().for_list()
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
        return f"{obj.summit.local_name} {obj.summit.year}{colon()} {obj.title}"


class ParagraphChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_label}{colon()} {Truncator(obj.text).words(14)}"


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
            document = params.row_id(self.data.get("source_document"))
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
    """An editor's figure: always marked as the editor's, with its source. NATO's own
    figures are loaded from its releases (import_release), never typed in."""

    class Meta:
        model = Measurement
        fields = ["indicator", "ally", "year", "value", "estimate", "edition", "source"]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "edition": _("Month of the source, e.g. 2025-06."),
            "source": _("Where the figure comes from: publication, page or address. Required."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.origin = Measurement.Origin.EDITOR
        self.fields["ally"].empty_label = _("— the Alliance as a whole —")

    def clean(self):
        cleaned = super().clean()
        # Checked with the model's constraints: no ally is the Alliance's total.
        self.instance.aggregate = "" if cleaned.get("ally") else Measurement.Aggregate.NATO_TOTAL
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is withdrawn"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MeasurementExportForm(forms.Form):
    """The parameters of the figures' export, checked before the first byte is sent."""

    indicator = forms.SlugField(label=_("Indicator"), required=False, max_length=100)
    ally = forms.CharField(label=_("Ally"), required=False, max_length=8)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=params.YEAR_MIN, max_value=params.YEAR_MAX
    )


# Assessment cycles -----------------------------------------------------------------------


class CycleForm(forms.Form):
    """Open a cycle: a summit, then its priority commitments ("Show its commitments"
    lists those of the summit chosen)."""

    summit = forms.ModelChoiceField(label=_("Summit"), queryset=Summit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=AssessmentCycle.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_on = forms.DateField(
        label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    commitments = forms.ModelMultipleChoiceField(
        label=_("Priority commitments"),
        queryset=Commitment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summit"].queryset = Summit.objects.order_by("-started_on")
        summit = params.row_id((self.data or self.initial).get("summit"))
        self.fields["commitments"].queryset = (
            Commitment.objects.confirmed().filter(summit=summit).order_by("paragraph__position")
            if summit is not None
            else Commitment.objects.none()
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on"):
            if cleaned["ends_on"] < cleaned["starts_on"]:
                self.add_error("ends_on", _("The period ends before it starts."))
        return cleaned


class AssessmentForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[("", _("— no score: not enough information —")), *Assessment.Score.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    rationale = forms.CharField(
        label=_("Reasoning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why this score: what was done in the period, and what was not."),
    )
    override_reason = forms.CharField(
        label=_("Why the score differs from the figures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    source_url = forms.URLField(label=_("Source address"), required=False, max_length=500)
    source_paragraph = ParagraphChoiceField(
        label=_("Source paragraph"), queryset=Paragraph.objects.none(), required=False,
        empty_label=_("— none —"),
    )  # fmt: skip
    source_text = forms.CharField(label=_("What the source says"), required=False, max_length=500)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_paragraph"].queryset = (
            Paragraph.objects.filter(document=assessment.commitment.paragraph.document_id)
            .defer("folded_text")
            .order_by("position")
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source_text") and not (
            cleaned.get("source_url") or cleaned.get("source_paragraph")
        ):
            self.add_error("source_url", _("Give the address or the paragraph of the source."))
        return cleaned
