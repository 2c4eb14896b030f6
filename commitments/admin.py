from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nato_tracker.cache import ChangesLoadedData
from nato_tracker.history import HistoryAdmin

from . import services
from .models import (
    Ally,
    Commitment,
    Contribution,
    Indicator,
    Measurement,
    Release,
    StatusChange,
)
from .progress_data import (
    CONTRIBUTION_COLUMNS,
    CONTRIBUTION_OPTIONAL,
    DataFileError,
    parse_contributions,
)


@admin.register(Ally)
class AllyAdmin(ChangesLoadedData, admin.ModelAdmin):
    list_display = ["name_en", "name_fr", "iso3", "joined_on"]
    search_fields = ["name_en", "name_fr", "iso3"]
    ordering = ["name_en"]


class IndicatorForm(forms.ModelForm):
    """A new indicator, defined without code: its unit and its source are required, and
    the unit of an indicator that already has figures or contributions stays as it is."""

    class Meta:
        model = Indicator
        fields = ["name", "name_fr", "slug", "unit", "description", "description_fr", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = True

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()

    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        indicator = self.instance
        if indicator.pk and unit != indicator.unit:
            figures = indicator.measurements.count() + indicator.contributions.count()
            if figures:
                raise forms.ValidationError(
                    _(
                        "%(count)s figures or contributions are recorded in %(unit)s: the unit "
                        "cannot change. Create another indicator."
                    )
                    % {"count": figures, "unit": indicator.get_unit_display()}
                )
        return unit


@admin.register(Indicator)
class IndicatorAdmin(ChangesLoadedData, admin.ModelAdmin):
    form = IndicatorForm
    list_display = ["name", "name_fr", "slug", "unit", "source"]
    list_filter = ["unit"]
    search_fields = ["name", "name_fr", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Contribution)
class ContributionAdmin(ChangesLoadedData, HistoryAdmin):
    list_display = ["made_on", "contributor_display", "kind", "qualifier", "amount", "indicator"]
    list_filter = ["indicator", "kind", "cumulative", "ally"]
    search_fields = ["ally__name_en", "ally__name_fr", "contributor", "source", "stated_text"]
    list_select_related = ["indicator", "ally"]
    autocomplete_fields = ["ally"]
    raw_id_fields = ["paragraph"]
    date_hierarchy = "made_on"
    readonly_fields = ["created_at"]

    change_list_template = "commitments/contribution_change_list.html"

    @admin.display(description=gettext_lazy("contributor"))
    def contributor_display(self, obj):
        return obj.contributor_name

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="commitments_contribution_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Load contributions from a CSV file: a preview of every row (new, changed or
        unchanged) first; a file with bad rows is refused with their line numbers."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import contributions from CSV"),
            "columns": CONTRIBUTION_COLUMNS,
            "optional": CONTRIBUTION_OPTIONAL,
            "form": ContributionImportForm(),
        }
        if request.method == "POST" and "payload" in request.POST:
            try:
                text = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=6 * 3600)
                counts = services.import_contributions(
                    rows=parse_contributions(text), user=request.user
                )
            except (signing.BadSignature, DataFileError, ValidationError) as error:
                context["errors"] = _split_errors(error)
            else:
                messages.success(
                    request,
                    _("Contributions loaded: %(new)s new, %(changed)s changed, %(same)s unchanged.")
                    % {
                        "new": counts["new"],
                        "changed": counts["changed"],
                        "same": counts["unchanged"],
                    },
                )
                return redirect(reverse("admin:commitments_contribution_changelist"))
        elif request.method == "POST":
            form = ContributionImportForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                text = form.cleaned_data["text"]
                try:
                    context["plan"] = services.plan_contributions(parse_contributions(text))
                except DataFileError as error:
                    context["errors"] = _split_errors(error)
                else:
                    context["payload"] = signing.dumps(text, salt=IMPORT_SALT, compress=True)
        return TemplateResponse(request, "commitments/contribution_import.html", context)


IMPORT_SALT = "commitments.contribution-import"


def _split_errors(error) -> list[str]:
    """One message per bad line ("Line 3: …. Line 5: …." reads as a list)."""
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    parts = [part.strip() for part in text.replace(". Line ", ".\nLine ").split("\n")]
    return [part for part in parts if part]


class ContributionImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8, one contribution a line, with a header row."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2_000_000:
            raise forms.ValidationError(_("The file is over 2 MB."))
        try:
            self.cleaned_data["text"] = upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
        return upload


@admin.register(Measurement)
class MeasurementAdmin(ChangesLoadedData, HistoryAdmin):
    list_display = [
        "indicator", "ally", "aggregate", "year", "value", "estimate", "edition", "origin",
        "withdrawn",
    ]  # fmt: skip
    list_filter = ["indicator", "year", "edition", "origin", "withdrawn", "estimate"]
    search_fields = ["ally__name_en", "ally__name_fr", "ally__iso3", "source"]
    list_select_related = ["indicator", "ally"]
    autocomplete_fields = ["ally"]
    raw_id_fields = ["release", "author"]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """NATO's releases as loaded (from the page "Load NATO's figures" or the command
    import_release): read only, the file kept as it came."""

    list_display = ["edition", "title", "filename", "size", "loaded_at", "loaded_by"]
    fields = ("edition", "title", "filename", "format", "size", "sha256", "loaded_at", "loaded_by")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusChangeInline(admin.TabularInline):
    """The history of statuses, read only here: a status is recorded (and the current
    status follows it) through the status change admin or the commitment's page."""

    model = StatusChange
    fk_name = "commitment"
    extra = 0
    readonly_fields = ["status", "as_of", "rationale", "source_text", "source_url", "author"]
    fields = tuple(readonly_fields)
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdmin):
    list_display = ["title", "summit", "category", "bound", "review", "status", "target_display"]
    list_filter = ["review", "status", "category", "bound", "summit", "indicator"]
    search_fields = ["title", "title_fr", "quote", "notes", "notes_fr", "slug"]
    list_select_related = ["summit"]
    raw_id_fields = ["paragraph", "parent"]
    autocomplete_fields = ["bound_allies"]
    inlines = [StatusChangeInline]
    # The current status is the latest status change's: it is never edited by itself.
    readonly_fields = ["status", "phrase", "confidence", "version", "created_at", "updated_at"]

    @admin.display(description="target")
    def target_display(self, obj):
        return obj.target_text or "—"


@admin.register(StatusChange)
class StatusChangeAdmin(HistoryAdmin):
    list_display = ["commitment", "status", "as_of", "author"]
    list_filter = ["status"]
    search_fields = ["commitment__title", "rationale"]
    list_select_related = ["commitment", "author"]
    raw_id_fields = ["commitment", "source_paragraph", "author"]
    readonly_fields = ["created_at"]

    # Whatever the admin adds, changes or deletes, the commitment's current status
    # follows its latest status change, with a record in its history.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.sync_status(obj.commitment, user=request.user)

    def delete_model(self, request, obj):
        commitment = obj.commitment
        super().delete_model(request, obj)
        services.sync_status(commitment, user=request.user)

    def delete_queryset(self, request, queryset):
        commitments = {change.commitment for change in queryset.select_related("commitment")}
        super().delete_queryset(request, queryset)
        for commitment in commitments:
            services.sync_status(commitment, user=request.user)
