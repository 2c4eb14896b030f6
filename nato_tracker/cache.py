"""What changes only when figures or texts are loaded, cached until the next load.

Reads: Django's default cache (local memory, or Redis when CACHE_URL is set: see
settings) and the load generation (nato_tracker.models.LoadGeneration).
Writes: cached values; a new generation when data is loaded (`data_loaded`).

Every key carries the generation. A service that loads texts or figures calls
`data_loaded()` inside its transaction, so the new generation commits with the data
and every process, whatever its cache (one local memory per process, or a shared
Redis), reads it on its next request; values under an older generation are never read
again and leave the cache by its own eviction. Nothing is invalidated by time.

In front of Django's cache, each process keeps the last values it read, unpickled
(LOCAL_ENTRIES of them): reading one back costs nothing. They are shared by the
requests of the process: never change a value `remember` returned.
"""

import hashlib
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.signals import request_finished, request_started

from .models import LoadGeneration

GENERATION_PK = 1
LOCAL_ENTRIES = 64
_MISSING = object()
_local: OrderedDict[str, Any] = OrderedDict()
_local_lock = threading.Lock()


# Within a request the generation is read once (a page may show several cached
# parts); outside requests (commands, tests' direct calls) it is read every time.
_request = threading.local()


def _request_started(**_kwargs) -> None:
    _request.active, _request.token = True, None


def _request_finished(**_kwargs) -> None:
    _request.active, _request.token = False, None


request_started.connect(_request_started, dispatch_uid="tracker-cache-request-started")
request_finished.connect(_request_finished, dispatch_uid="tracker-cache-request-finished")


def generation() -> str:
    """The current load generation (one query; once per request)."""
    if getattr(_request, "active", False) and _request.token is not None:
        return _request.token
    rows = LoadGeneration.objects.filter(pk=GENERATION_PK).values_list("token", flat=True)
    token: str = rows.first() or "none"
    if getattr(_request, "active", False):
        _request.token = token
    return token


def data_loaded() -> None:
    """Texts or figures changed: what was cached before is not read again. Call it in
    the transaction that changes them."""
    token = secrets.token_hex(16)
    LoadGeneration.objects.update_or_create(pk=GENERATION_PK, defaults={"token": token})
    if getattr(_request, "active", False):
        _request.token = token


def key(name: str, *parts: Any, at: str | None = None) -> str:
    """The cache key of `name` for these parts, in generation `at` (or the current)."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"tracker:{name}:{at or generation()}:{digest}"


def remember(name: str, *parts: Any, compute: Callable[[], Any]) -> Any:
    """The value cached under name and parts for the current generation, or compute()
    (stored, with no expiry: the next load makes it unreachable)."""
    cache_key = key(name, *parts)
    with _local_lock:
        value = _local.get(cache_key, _MISSING)
        if value is not _MISSING:
            _local.move_to_end(cache_key)
            return value
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(cache_key, value, timeout=None)
    with _local_lock:
        _local[cache_key] = value
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return value


def forget_local() -> None:
    """Empty this process's copies (tests, after emptying the shared cache)."""
    with _local_lock:
        _local.clear()


class ChangesLoadedData:
    """ModelAdmin mixin for models whose rows are cached until the next load (meetings,
    documents, allies, indicators, figures): an edit in the admin counts as a load."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        data_loaded()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        data_loaded()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        data_loaded()
