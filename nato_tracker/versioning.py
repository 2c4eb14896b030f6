"""Optimistic locking: a save based on a stale version is refused, never merged.

Annotations and commitments carry a `version` number shown in their edit forms. A save
first moves the stored version from the one the editor saw to the next one, in a single
conditional UPDATE; if another save got there first no row matches and VersionConflict
is raised with the current row, inside the caller's transaction, so nothing is written.
The UPDATE takes the row's write lock on PostgreSQL and the database's on SQLite, so
the check holds across processes and app servers. A view that catches the conflict
answers with `conflict_page`: both versions side by side, and a 409.
"""

from typing import Any

from django.db import models
from django.shortcuts import render
from django.utils import timezone

from . import history


class VersionConflict(Exception):
    def __init__(self, current: Any):
        self.current = current
        super().__init__(f"{current} was changed by someone else (now version {current.version})")


def claim_version[M: models.Model](model: type[M], *, pk: int, version: int) -> M:
    """Bump the row's version from `version`; return the row, fresh. Needs a transaction."""
    history.ensure_baseline(model, pk)
    claimed = model._default_manager.filter(pk=pk, version=version).update(
        version=version + 1, updated_at=timezone.now()
    )
    current = model._default_manager.get(pk=pk)
    if not claimed:
        raise VersionConflict(current)
    return current


def conflict_page(request, *, title, rows, current_url, history_url, status=409):
    """The page shown instead of a stale save: (label, yours, current) rows, nothing written."""
    return render(
        request,
        "conflict.html",
        {"title": title, "rows": rows, "current_url": current_url, "history_url": history_url},
        status=status,
    )
