from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Ally, Commitment, Indicator, Measurement, StatusChange


@admin.register(Ally)
class AllyAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr", "iso3", "joined_on"]
    search_fields = ["name_en", "name_fr", "iso3"]
    ordering = ["name_en"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "unit"]
    search_fields = ["name", "slug"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "ally", "year", "value", "estimate", "edition"]
    list_filter = ["indicator", "year", "edition", "estimate"]
    search_fields = ["ally__name_en", "ally__name_fr", "ally__iso3", "source"]
    list_select_related = ["indicator", "ally"]
    autocomplete_fields = ["ally"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fk_name = "commitment"
    extra = 0
    fields = ["status", "as_of", "rationale", "source_text", "source_url", "author"]
    raw_id_fields = ["author"]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "summit", "category", "bound", "review", "status", "target_display"]
    list_filter = ["review", "status", "category", "bound", "summit", "indicator"]
    search_fields = ["title", "quote", "notes", "slug"]
    list_select_related = ["summit"]
    raw_id_fields = ["paragraph", "parent"]
    autocomplete_fields = ["bound_allies"]
    inlines = [StatusChangeInline]
    readonly_fields = ["phrase", "confidence", "version", "created_at", "updated_at"]

    @admin.display(description="target")
    def target_display(self, obj):
        return obj.target_text or "—"


@admin.register(StatusChange)
class StatusChangeAdmin(SimpleHistoryAdmin):
    list_display = ["commitment", "status", "as_of", "author"]
    list_filter = ["status"]
    search_fields = ["commitment__title", "rationale"]
    list_select_related = ["commitment", "author"]
    raw_id_fields = ["commitment", "source_paragraph", "author"]
