from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.forms import CommitmentChoiceField
from commitments.models import Commitment
from summits import anchoring
from summits.models import Document

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


class AnnotationCreateForm(AnnotationFieldsMixin):
    quote = forms.CharField(
        label=_("Words annotated"),
        widget=forms.Textarea(attrs={"rows": 2}),
        strip=False,
        help_text=_("Copy them exactly from the paragraph."),
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    field_order = ["quote", "start", "body", "tags", "other_tags", "commitment"]

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


class AnnotationEditForm(AnnotationFieldsMixin):
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


@dataclass(frozen=True)
class SearchText:
    """A text one can search in, with its meeting (the choices of the search filters)."""

    pk: int
    slug: str
    title: str
    language: str
    summit_slug: str
    summit_name: str
    year: int


class SearchForm(forms.Form):
    """The search box and its filters: language, year, meeting, text. Each filter names
    a set of texts; `in_documents` and `outside_documents` say which (ids), as whichever
    of the two is the shorter list."""

    q = forms.CharField(label=_("Words to find"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *Document.Language.choices],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    summit = forms.ChoiceField(label=_("Meeting"), required=False)
    document = forms.ChoiceField(label=_("Text"), required=False)

    def __init__(self, data, *, texts: list[SearchText]):
        super().__init__(data)
        self.texts = texts
        summits = {text.summit_slug: text for text in texts}
        self.fields["year"].choices = [("", _("Any year"))] + [
            (year, year) for year in sorted({text.year for text in texts}, reverse=True)
        ]
        self.fields["summit"].choices = [("", _("Any meeting"))] + [
            (slug, f"{text.summit_name} {text.year}") for slug, text in summits.items()
        ]
        self.fields["document"].choices = [("", _("Any text"))] + [
            (text.slug, text.title) for text in texts
        ]
        self.in_documents: list[int] | None = None
        self.outside_documents: list[int] | None = None

    def clean(self):
        data = super().clean()
        chosen = [
            text
            for text in self.texts
            if data.get("language") in ("", None, text.language)
            and data.get("year") in (None, text.year)
            and data.get("summit") in ("", None, text.summit_slug)
            and data.get("document") in ("", None, text.slug)
        ]
        if len(chosen) < len(self.texts):
            chosen_ids = {text.pk for text in chosen}
            others = [text.pk for text in self.texts if text.pk not in chosen_ids]
            if len(chosen_ids) <= len(others):
                self.in_documents = sorted(chosen_ids)
            else:
                self.outside_documents = others
        return data

    def _chosen(self, name: str):
        return self.cleaned_data.get(name) if self.is_bound and self.is_valid() else None

    def summit_options(self) -> list[tuple[str, str]]:
        """The meetings to choose from: those of the year chosen, if one is (and the
        meeting chosen)."""
        year, summit = self._chosen("year"), self._chosen("summit")
        options: dict[str, str] = {}
        for text in self.texts:
            if year in (None, text.year) or text.summit_slug == summit:
                options.setdefault(text.summit_slug, f"{text.summit_name} {text.year}")
        return list(options.items())

    def document_options(self) -> list[tuple[str, str]]:
        """The texts of the meeting chosen, when it has more than one (and the text
        chosen)."""
        summit, document = self._chosen("summit"), self._chosen("document")
        options = [
            (text.slug, text.title)
            for text in self.texts
            if (summit and text.summit_slug == summit) or text.slug == document
        ]
        return options if len(options) > 1 or document else []
