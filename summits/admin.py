from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Annotation, Document, Paragraph, Summit


@admin.register(Summit)
class SummitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "started_on", "ended_on", "state"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "city", "country", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "started_on"


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    fields = ["position", "label", "text", "defects"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "summit", "kind", "language", "published_on", "loaded_at"]
    list_filter = ["kind", "language", "summit"]
    search_fields = ["title", "headline", "source_name", "sha256"]
    list_select_related = ["summit"]
    readonly_fields = ["sha256", "encoding", "raw_text", "ingest_report", "loaded_by", "loaded_at"]
    inlines = [ParagraphInline]


class HasDefectsFilter(admin.SimpleListFilter):
    title = "defects"
    parameter_name = "defects"

    def lookups(self, request, model_admin):
        return [("yes", "With defects"), ("no", "Clean")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(defects=[])
        if self.value() == "no":
            return queryset.filter(defects=[])
        return queryset


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "label", "position", "short_text"]
    list_filter = [HasDefectsFilter, "document__summit", "document"]
    search_fields = ["text", "folded_text"]
    list_select_related = ["document"]
    raw_id_fields = ["parent"]
    readonly_fields = ["folded_text"]

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text[:120]

    def save_model(self, request, obj, form, change):
        if change and "text" in form.changed_data:
            # A corrected text: its annotations are re-anchored, or kept as orphans.
            orphans = services.correct_paragraph(paragraph=obj, text=obj.text, user=request.user)
            if orphans:
                self.message_user(
                    request,
                    f"{len(orphans)} annotation(s) no longer find their quote and are "
                    "marked as orphans.",
                    level="warning",
                )
        else:
            super().save_model(request, obj, form, change)


@admin.register(Annotation)
class AnnotationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "author", "orphan", "updated_at"]
    list_filter = ["orphan", "paragraph__document"]
    search_fields = ["body", "quote"]
    list_select_related = ["paragraph__document", "author"]
    raw_id_fields = ["paragraph", "commitment", "author"]
    readonly_fields = ["version", "created_at", "updated_at"]
