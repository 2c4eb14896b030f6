"""What changed, who changed it, when; and putting an earlier version back.

The only module that reads django-simple-history's records directly, so that the rest of
the code does not depend on how the history is stored.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

IGNORED_FIELDS = {"version", "updated_at", "created_at"}


def mark(instance: Any, user, reason: str | None = None) -> None:
    """Name who makes the next save or delete of `instance` (and why) in its history."""
    instance._history_user = user
    if reason is not None:
        instance._change_reason = reason


def save_by(instance: Any, user, reason: str | None = None) -> None:
    """Validate and save `instance`, its history record naming `user` (and `reason`)."""
    mark(instance, user, reason)
    instance.full_clean()
    instance.save()


@dataclass
class Change:
    field: str
    label: str
    old: object
    new: object


@dataclass
class Entry:
    history_id: int
    at: datetime
    user: object
    kind: str  # "+" created, "~" changed, "-" deleted
    reason: str
    version: int | None
    record: object
    changes: list[Change] = field(default_factory=list)

    @property
    def kind_label(self):
        return self.record.get_history_type_display()


def entries(history: models.QuerySet) -> list[Entry]:
    """Newest first: each historical record with the fields it changed from the one before
    (the record before of the same row: `history` may hold several rows' records)."""
    records = list(history.select_related("history_user").order_by("history_date", "history_id"))
    result = []
    previous_by_id: dict[int, Any] = {}
    for record in records:
        previous = previous_by_id.get(record.id)
        entry = Entry(
            history_id=record.history_id,
            at=record.history_date,
            user=record.history_user,
            kind=record.history_type,
            reason=record.history_change_reason or "",
            version=getattr(record, "version", None),
            record=record,
        )
        if previous is not None and record.history_type != "-":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in IGNORED_FIELDS:
                    continue
                label = record.instance_type._meta.get_field(change.field).verbose_name
                entry.changes.append(Change(change.field, str(label), change.old, change.new))
        result.append(entry)
        previous_by_id[record.id] = record
    result.reverse()
    return result


@transaction.atomic
def restore(*, model: Any, pk: int, history_id: int, user, adjust=None) -> Any:
    """Make the version kept in history record `history_id` the current one again.

    The restore is itself a new version (recorded in the history), so nothing is lost:
    the version it replaces can be restored in turn. A deleted row is recreated.
    `adjust(instance)` may fix the restored row up before it is validated and saved.
    """
    record = model.history.get(id=pk, history_id=history_id)
    restored = record.instance
    current = model._default_manager.filter(pk=pk).first()
    restored.version = (current.version + 1) if current else (record.version + 1)
    if hasattr(restored, "updated_at"):
        restored.updated_at = timezone.now()
    mark(restored, user, f"restored from {record.history_date:%Y-%m-%d %H:%M:%S} UTC")
    if adjust is not None:
        adjust(restored)
    restored.full_clean(validate_unique=False, validate_constraints=False)
    restored.save()
    return restored


BASELINE_REASON = "state before the first recorded change"


def ensure_baseline(model: Any, pk: int) -> None:
    """Give a row loaded without history (fixtures, imports) a first record of its state,
    so that its first change can be shown as a difference. Call before changing it."""
    ensure_baselines(model, [pk])


def ensure_baselines(model: Any, pks: list[int]) -> None:
    """ensure_baseline for many rows, in three queries at most."""
    recorded = set(model.history.filter(id__in=pks).values_list("id", flat=True).distinct())
    missing = [pk for pk in pks if pk not in recorded]
    if not missing:
        return
    rows = list(model._default_manager.filter(pk__in=missing))
    for row in rows:
        row._history_date = getattr(row, "updated_at", None) or timezone.now()
    model.history.bulk_history_create(rows, default_change_reason=BASELINE_REASON)


def _checked_id(field, value):
    """``value`` read as ``field`` reads it, or 404 (not a ValueError, a server error)."""
    try:
        return field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        raise Http404 from None


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, whose history pages answer 404 for an address
    naming no possible row ("²", "abc"), where the original queries with it and fails."""

    def history_view(self, request, object_id, extra_context=None):
        _checked_id(self.model._meta.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _checked_id(self.model._meta.pk, unquote(object_id))
        _checked_id(models.BigIntegerField(), version_id)
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )
