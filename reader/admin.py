from django.contrib import admin

from nato_tracker.history import HistoryAdmin

from .models import Annotation


@admin.register(Annotation)
class AnnotationAdmin(HistoryAdmin):
    list_display = ["__str__", "author", "orphan", "updated_at"]
    list_filter = ["orphan", "paragraph__document"]
    search_fields = ["body", "quote"]
    list_select_related = ["paragraph__document", "author"]
    raw_id_fields = ["paragraph", "commitment", "author"]
    readonly_fields = ["version", "created_at", "updated_at"]
