from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from summits import ingest
from summits.formats import Source
from summits.models import Document, Paragraph, Summit

from .importing import NewSummit, check_size, read_upload
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
        parents = Commitment.objects.exclude(review="rejected").select_related("summit")
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
    if match.view_name != "summits:document" or not parts.fragment:
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
            choice for choice in Commitment.Status.choices if choice[0] != "not_rated"
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


class ImportForm(forms.Form):
    """What an admin gives to load a communiqué: its meeting, what it is, and the text."""

    summit = forms.ModelChoiceField(
        label=_("Summit"),
        queryset=Summit.objects.order_by("-started_on"),
        required=False,
        empty_label=_("— a new summit (fill in below) —"),
    )
    new_summit_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    new_summit_kind = forms.ChoiceField(
        label=_("Kind"), choices=Summit.Kind.choices, initial=Summit.Kind.SUMMIT
    )
    new_summit_city = forms.CharField(label=_("City"), max_length=100, required=False)
    new_summit_country = forms.CharField(label=_("Country"), max_length=100, required=False)
    new_summit_started_on = forms.DateField(
        label=_("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    new_summit_ended_on = forms.DateField(
        label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the headline found in the text."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of document"), choices=Document.Kind.choices, initial="communique"
    )
    published_on = forms.DateField(
        label=_("Publication date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source_name = forms.CharField(label=_("Published by"), max_length=200, required=False)
    source_url = forms.URLField(label=_("Source address"), max_length=500, required=False)
    replaces = forms.ModelChoiceField(
        label=_("Corrected text of"),
        queryset=Document.objects.current().select_related("summit").order_by("-published_on"),
        required=False,
        empty_label=_("— none: a new document —"),
        help_text=_(
            "A corrected text becomes a new version; the old one is kept. A text loaded "
            "under the same title as a document of the same summit is taken as its new "
            "version."
        ),
    )

    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,.pdf"}),
    )
    text = forms.CharField(
        label=_("or paste the text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    source: Source | None = None

    def clean(self):
        data = super().clean()
        self._clean_summit(data)
        self._clean_text(data)
        return data

    def _clean_summit(self, data):
        if data.get("summit") is not None:
            return
        needed = ("new_summit_name", "new_summit_city", "new_summit_started_on")
        for name in needed:
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Needed for a new summit (or choose one above)."))
        started, ended = data.get("new_summit_started_on"), data.get("new_summit_ended_on")
        if started and ended and ended < started:
            self.add_error("new_summit_ended_on", _("The last day comes before the first."))
        city = data.get("new_summit_city")
        if started and city:
            same = Summit.objects.filter(city__iexact=city.strip(), started_on=started).first()
            if same is not None:
                self.add_error(
                    "summit",
                    _("“%(summit)s” in %(city)s on that day exists already: choose it.")
                    % {"summit": same.name, "city": same.city},
                )

    def _clean_text(self, data):
        upload, pasted = data.get("file"), data.get("text") or ""
        if upload and pasted.strip():
            self.add_error("text", _("Upload a file or paste a text, not both."))
            return
        limit = settings.IMPORT_MAX_BYTES
        try:
            if upload:
                check_size(upload.size, limit)  # before reading a file over the limit
                self.source = read_upload(upload.read(), filename=upload.name, max_bytes=limit)
            elif pasted:
                self.source = read_upload(pasted.encode("utf-8"), max_bytes=limit)
            else:
                self.add_error("file", _("Upload a file or paste the text."))
        except ingest.IngestError as error:
            self.add_error("file" if upload else "text", str(error))

    def new_summit(self) -> NewSummit | None:
        data = self.cleaned_data
        if data.get("summit") is not None:
            return None
        started = data["new_summit_started_on"]
        return NewSummit(
            name=data["new_summit_name"].strip(),
            kind=data["new_summit_kind"],
            city=data["new_summit_city"].strip(),
            country=data["new_summit_country"].strip(),
            started_on=started,
            ended_on=data.get("new_summit_ended_on") or started,
        )

    def payload_fields(self) -> dict:
        """The form's choices, as JSON, for the confirmation step."""
        data = self.cleaned_data
        summit = data.get("summit")
        new = self.new_summit()
        return {
            "summit": summit.pk if summit else None,
            "new_summit": None
            if new is None
            else {
                "name": new.name,
                "kind": new.kind,
                "city": new.city,
                "country": new.country,
                "started_on": new.started_on.isoformat(),
                "ended_on": new.ended_on.isoformat(),
            },
            "title": data.get("title", "").strip(),
            "kind": data["kind"],
            "published_on": data["published_on"].isoformat(),
            "source_name": data.get("source_name", "").strip(),
            "source_url": data.get("source_url", ""),
            "replaces": data["replaces"].pk if data.get("replaces") else None,
        }
