from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.forms import CommitmentChoiceField
from commitments.models import Category, Commitment
from summits import anchoring

from .models import Annotation


def commitment_choices():
    return (
        Commitment.objects.shown().select_related("summit").order_by("summit__started_on", "title")
    )


def split_tags(text: str) -> list[str]:
    return [tag.strip() for tag in text.replace(";", ",").split(",") if tag.strip()]


class AnnotationFieldsMixin(forms.Form):
    body = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text or Markdown; links are kept, HTML is not."),
    )
    tags = forms.MultipleChoiceField(
        label=_("Tags"),
        required=False,
        choices=[(tag, tag) for tag in Annotation.SUGGESTED_TAGS],
        widget=forms.CheckboxSelectMultiple,
    )
    other_tags = forms.CharField(
        label=_("Other tags"), required=False, help_text=_("Separated by commas.")
    )
    commitment = CommitmentChoiceField(
        label=_("Commitment"), queryset=None, required=False, empty_label=_("— none —")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = commitment_choices()

    def clean(self):
        cleaned = super().clean()
        tags = list(cleaned.get("tags") or [])
        for tag in split_tags(cleaned.get("other_tags", "")):
            if len(tag) > 40:
                self.add_error("other_tags", _("A tag has at most 40 characters."))
            elif tag not in tags:
                tags.append(tag)
        cleaned["all_tags"] = tags
        return cleaned

    @staticmethod
    def initial_for(annotation: Annotation) -> dict:
        suggested = [t for t in annotation.tags if t in Annotation.SUGGESTED_TAGS]
        other = [t for t in annotation.tags if t not in Annotation.SUGGESTED_TAGS]
        return {
            "body": annotation.body,
            "tags": suggested,
            "other_tags": ", ".join(other),
            "commitment": annotation.commitment_id,
            "version": annotation.version,
        }


class QuotedWordsMixin(forms.Form):
    """Words of a paragraph, as selected in the reader (or copied): they must be in it."""

    quote = forms.CharField(
        label=_("Words annotated"),
        widget=forms.Textarea(attrs={"rows": 2}),
        strip=False,
        help_text=_("Copy them exactly from the paragraph."),
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, paragraph, **kwargs):
        self.paragraph = paragraph
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        quote = (cleaned.get("quote") or "").strip()
        if not quote:
            return cleaned
        text = self.paragraph.text
        start = cleaned.get("start")
        if start is not None and text[start : start + len(quote)] == quote:
            span = (start, start + len(quote))
        else:
            span = anchoring.locate(text, quote, hint=start or 0)
        if span is None:
            self.add_error("quote", _("These words are not in the paragraph."))
        else:
            cleaned["span"] = span
        return cleaned


class AnnotationCreateForm(QuotedWordsMixin, AnnotationFieldsMixin):
    field_order = ["quote", "start", "body", "tags", "other_tags", "commitment"]


class MissedCommitmentForm(QuotedWordsMixin):
    """A commitment the extractor missed, quoted from the words an editor selected."""

    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the first words of the quote."),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("— as the words say —")), *Category.choices],
        required=False,
    )
    bound = forms.ChoiceField(
        label=_("Who is bound"),
        choices=[("", _("— as the words say —")), *Commitment.Bound.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quote"].label = _("Words of the commitment")


class AnnotationEditForm(AnnotationFieldsMixin):
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
