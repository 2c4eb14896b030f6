from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from nato_tracker import params
from nato_tracker.languages import colon
from summits.models import Document, Paragraph, Summit

from .models import Assessment, AssessmentCycle, Commitment, Measurement, StatusChange


def commitment_label(commitment) -> str:
    """ "Vilnius Summit 2023: Spend at least 2%", the title in the reader's language (or
    the quote's first words), for a list's option."""
    return (
        f"{commitment.summit.local_name} {commitment.summit.year}{colon()} {commitment.plain_title}"
    )


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return commitment_label(obj)


# The most commitments a picker proposes at once (the lookup, the list under the box).
LOOKUP_LIMIT = 20


def find_commitments(words: str, queryset=None) -> list:
    """Up to LOOKUP_LIMIT + 1 shown commitments having every word in their title (either
    language), address or quote, the most recent first."""
    if not words.split():
        return []
    found = with_words(queryset if queryset is not None else Commitment.objects.shown(), words)
    found = found.for_list().order_by("-summit__started_on", "title", "pk")
    return list(found[: LOOKUP_LIMIT + 1])


def with_words(queryset, words: str):
    """The commitments having every word (eight at most) in their title (either
    language), address or quote, capitals aside."""
    for word in words.split()[:8]:
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(title_fr__icontains=word)
            | Q(slug__icontains=word)
            | Q(quote__icontains=word)
        )
    return queryset


class CommitmentLookupInput(forms.TextInput):
    """A text box for a commitment's address, with the list of commitments matching what
    was typed: filled by the lookup endpoint as one types (static/js/lookup.js); when the
    form comes back with several found, they are also shown as choices after the box
    (sent under the same name, after it: a choice made wins over the words typed)."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.options: list[tuple[str, str]] = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"]["list"] = f"{widget['attrs'].get('id', name)}-options"
        widget["attrs"]["data-lookup-url"] = reverse("commitments:lookup")
        return context

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        shown = self.options
        if not shown and value:  # the commitment chosen, named in full
            chosen = Commitment.objects.for_list().filter(slug=value).first()
            shown = [(chosen.slug, commitment_label(chosen))] if chosen else []
        options = format_html_join(
            "", '<option value="{}">{}</option>', ((slug, label) for slug, label in shown)
        )
        list_id = f"{(attrs or {}).get('id', name)}-options"
        found = ""
        if self.options:  # several found when the form was sent: one click chooses
            found = format_html(
                '<fieldset class="lookup-found"><legend>{}</legend>{}</fieldset>',
                _("Commitments found"),
                format_html_join(
                    "",
                    '<label><input type="radio" name="{}" value="{}"> {}</label>',
                    ((name, slug, label) for slug, label in self.options),
                ),
            )
        return format_html('{}<datalist id="{}">{}</datalist>{}', box, list_id, options, found)


class CommitmentLookupField(forms.Field):
    """A commitment, picked by its address (slug) or found by words of its title or
    quote: one commitment found is taken; several, and the form comes back with them
    listed under the box to choose from (at most LOOKUP_LIMIT); none is an error."""

    widget = CommitmentLookupInput
    default_error_messages = {
        "none": _("No commitment has these words or this address."),
        "several": _(
            "Several commitments match: choose one in the list below (or type more words)."
        ),
    }

    def __init__(self, *, queryset=None, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("Type words of its title, or its address; choose in the list."),
        )
        super().__init__(**kwargs)
        self.queryset = queryset

    def choices(self):
        return self.queryset if self.queryset is not None else Commitment.objects.shown()

    def prepare_value(self, value):
        if isinstance(value, Commitment):
            return value.slug
        if isinstance(value, int):
            return Commitment.objects.filter(pk=value).values_list("slug", flat=True).first() or ""
        return value

    def to_python(self, value):
        words = " ".join(str(value or "").split())
        if not words:
            return None
        exact = self.choices().for_list().filter(slug=words).first()
        if exact is not None:
            return exact
        found = find_commitments(words, self.choices())
        if len(found) == 1:
            return found[0]
        self.widget.options = [(c.slug, commitment_label(c)) for c in found[:LOOKUP_LIMIT]]
        raise ValidationError(self.error_messages["several" if found else "none"], code="lookup")


class CommitmentForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    parent = CommitmentLookupField(required=False)

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
