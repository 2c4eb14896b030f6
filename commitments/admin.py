from django import forms
from django.contrib import admin
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

    @admin.display(description=gettext_lazy("contributor"))
    def contributor_display(self, obj):
        return obj.contributor_name


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
