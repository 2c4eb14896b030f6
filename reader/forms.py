from dataclasses import dataclass

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from commitments.forms import CommitmentLookupField
from commitments.models import Category, Commitment
from summits import anchoring
from summits.models import Document

from .models import Annotation


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
    commitment = CommitmentLookupField(label=_("Commitment"), required=False)

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


def option_tags(choices) -> str:
    """<option>s for (value, label) pairs, none selected."""
    return format_html_join("", '<option value="{}">{}</option>', choices)


LANGUAGES = [("", _("Any language")), *Document.Language.choices]
# Beyond this many meetings, the meeting filter lists those of the year chosen only.
MEETINGS_LISTED = 400


@dataclass(frozen=True)
class SearchTexts:
    """Every text one can search in, newest meeting first, with what the filters check
    and list (cached with the texts: hundreds of meetings)."""

    texts: list[SearchText]
    years: frozenset[int]
    summits: frozenset[str]
    documents: frozenset[str]
    summit_options: str  # every meeting's <option>, or "" when there are too many
    year_options: str

    @classmethod
    def of(cls, texts: list[SearchText]) -> "SearchTexts":
        summits = {text.summit_slug: f"{text.summit_name} {text.year}" for text in texts}
        years = sorted({text.year for text in texts}, reverse=True)
        return cls(
            texts,
            frozenset(years),
            frozenset(summits),
            frozenset(text.slug for text in texts),
            option_tags(summits.items()) if len(summits) <= MEETINGS_LISTED else "",
            option_tags((year, year) for year in years),
        )


def _selected(options: str, value) -> str:
    """The <option>s with the one of `value` selected."""
    if value in (None, ""):
        return options
    tag = format_html('<option value="{}">', value)
    return mark_safe(options.replace(tag, tag[:-1] + " selected>", 1))  # noqa: S308


class SearchForm(forms.Form):
    """The search box and its filters: language, year, meeting, text. Together the
    filters name a set of texts; `in_documents` and `outside_documents` say which (ids),
    as whichever of the two is the shorter list (None: no filter)."""

    q = forms.CharField(label=_("Words to find"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False, choices=LANGUAGES)
    year = forms.IntegerField(label=_("Year"), required=False)
    summit = forms.CharField(label=_("Meeting"), required=False)
    document = forms.CharField(label=_("Text"), required=False)

    def __init__(self, data, *, texts: SearchTexts):
        super().__init__(data)
        self.texts = texts
        self.in_documents: list[int] | None = None
        self.outside_documents: list[int] | None = None

    def _one_of(self, name: str, values: frozenset):
        value = self.cleaned_data[name]
        if value not in (None, "") and value not in values:
            raise forms.ValidationError(
                forms.ChoiceField.default_error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return value

    def clean_year(self):
        return self._one_of("year", self.texts.years)

    def clean_summit(self):
        return self._one_of("summit", self.texts.summits)

    def clean_document(self):
        return self._one_of("document", self.texts.documents)

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("language", "year", "summit", "document")):
            return data
        everything = self.texts.texts
        chosen = [
            text
            for text in everything
            if data.get("language") in ("", None, text.language)
            and data.get("year") in (None, text.year)
            and data.get("summit") in ("", None, text.summit_slug)
            and data.get("document") in ("", None, text.slug)
        ]
        if len(chosen) < len(everything):
            chosen_ids = {text.pk for text in chosen}
            others = [text.pk for text in everything if text.pk not in chosen_ids]
            if len(chosen_ids) <= len(others):
                self.in_documents = sorted(chosen_ids)
            else:
                self.outside_documents = others
        return data

    def _chosen(self, name: str):
        return self.cleaned_data.get(name) if self.is_bound and self.is_valid() else None

    def options(self) -> dict[str, str]:
        """The <option>s of each filter, the one chosen selected: the meetings of the
        year chosen (or all), the texts of the meeting chosen (when it has several)."""
        year, summit, document = (self._chosen(n) for n in ("year", "summit", "document"))
        texts = self.texts.texts
        if year is None and (self.texts.summit_options or not summit):
            summits = self.texts.summit_options or format_html(
                "<option disabled>{}</option>", _("Choose a year to list its meetings")
            )
        else:
            summits = option_tags(
                {
                    t.summit_slug: f"{t.summit_name} {t.year}"
                    for t in texts
                    if t.year == year or t.summit_slug == summit
                }.items()
            )
        documents = [
            (t.slug, t.title)
            for t in texts
            if (summit and t.summit_slug == summit) or t.slug == document
        ]
        return {
            "language": _selected(option_tags(LANGUAGES), self._chosen("language")),
            "year": _selected(option_tags([("", _("Any year"))]) + self.texts.year_options, year),
            "summit": _selected(option_tags([("", _("Any meeting"))]) + summits, summit),
            "document": _selected(option_tags([("", _("Any text")), *documents]), document)
            if len(documents) > 1 or document
            else "",
        }
