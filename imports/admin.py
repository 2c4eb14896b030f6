"""Correcting a paragraph in the Django admin: the text gets a new version (kept in its
history) and the commitments and notes on it follow their quotes (services.correct_paragraph).
"""

from django.contrib import admin
from django.utils.translation import gettext as _

from nato_tracker.history import HistoryAdmin
from summits.models import Paragraph

from .services import correct_paragraph


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
class ParagraphAdmin(HistoryAdmin):
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
            # A corrected text: its commitments and notes follow their quotes, or are
            # kept as orphans.
            plan = correct_paragraph(paragraph=obj, text=obj.text, user=request.user)
            lost = len(plan.commitments.orphaned), len(plan.annotations.orphaned)
            if any(lost):
                self.message_user(
                    request,
                    _(
                        "%(commitments)d commitment(s) and %(annotations)d annotation(s) no "
                        "longer find their quote and are marked as orphans."
                    )
                    % {"commitments": lost[0], "annotations": lost[1]},
                    level="warning",
                )
        else:
            super().save_model(request, obj, form, change)
