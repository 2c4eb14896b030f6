from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from summits import ingest
from summits.formats import Source
from summits.models import Document, Summit

from .reading import check_size, read_upload
from .request import ImportRequest, NewSummit


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
        queryset=Document.objects.current()
        .without_text()
        .select_related("summit")
        .order_by("-published_on"),
        required=False,
        empty_label=_("— none: a new document —"),
        help_text=_(
            "A corrected text becomes a new version; the old one is kept. A text loaded "
            "under the same title as a document of the same summit is taken as its new "
            "version."
        ),
    )
    translates = forms.ModelChoiceField(
        label=_("Same text in another language as"),
        queryset=Document.objects.current()
        .without_text()
        .select_related("summit")
        .order_by("-published_on"),
        required=False,
        empty_label=_("— found by its paragraphs, or none —"),
        help_text=_(
            "The English and the French text of one communiqué are two language versions of "
            "one work, aligned paragraph by paragraph. A text whose paragraphs align with a "
            "document of the same summit in the other language is taken as its version."
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
    data_read: bytes = b""  # the file's bytes (or the pasted text's), as received

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
                self.data_read = upload.read()
                self.source = read_upload(self.data_read, filename=upload.name, max_bytes=limit)
            elif pasted:
                self.data_read = pasted.encode("utf-8")
                self.source = read_upload(self.data_read, max_bytes=limit)
            else:
                self.add_error("file", _("Upload a file or paste the text."))
        except ingest.IngestError as error:
            self.add_error("file" if upload else "text", str(error))

    def import_request(self) -> ImportRequest:
        """Where the text goes and what it is, as the admin gave it."""
        data = self.cleaned_data
        new_summit = None
        if data.get("summit") is None:
            started = data["new_summit_started_on"]
            new_summit = NewSummit(
                name=data["new_summit_name"].strip(),
                kind=data["new_summit_kind"],
                city=data["new_summit_city"].strip(),
                country=data["new_summit_country"].strip(),
                started_on=started,
                ended_on=data.get("new_summit_ended_on") or started,
            )
        return ImportRequest(
            summit=data.get("summit"),
            new_summit=new_summit,
            title=data.get("title", "").strip(),
            kind=data["kind"],
            published_on=data["published_on"],
            source_name=data.get("source_name", "").strip(),
            source_url=data.get("source_url", ""),
            replaces=data.get("replaces"),
            translates=data.get("translates"),
        )
