"""Meetings and documents in the Django admin. Paragraphs are corrected where their new
text is carried to what is built on it: the app that loads texts registers their admin."""

from django.contrib import admin

from nato_tracker.cache import ChangesLoadedData

from .models import Document, Paragraph, Summit


@admin.register(Summit)
class SummitAdmin(ChangesLoadedData, admin.ModelAdmin):
    list_display = ["name", "name_fr", "kind", "city", "started_on", "ended_on", "state"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "name_fr", "city", "city_fr", "country", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "started_on"


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    readonly_fields = ["position", "label", "text", "defects"]
    fields = tuple(readonly_fields)
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(ChangesLoadedData, admin.ModelAdmin):
    list_display = ["title", "summit", "kind", "provenance", "language", "published_on"]
    list_filter = ["kind", "provenance", "language", "summit"]
    search_fields = ["title", "headline", "source_name", "sha256"]
    list_select_related = ["summit"]
    readonly_fields = ["sha256", "encoding", "raw_text", "ingest_report", "loaded_by", "loaded_at"]
    inlines = [ParagraphInline]
