"""Reads from a PostgreSQL replica, writes to the primary, when DATABASE_REPLICA_URL
is set (settings adds the "replica" database and installs PrimaryReplicaRouter).

A request reads from the replica only when all of these hold:

- ReplicaMiddleware let it: a GET, HEAD or OPTIONS, outside the admin (whoever edits
  there sees the primary), from a client that did not write in the last
  PRIMARY_PIN_SECONDS (the page after "Note saved" shows the note even when the
  replica lags; the middleware sets a cookie on the response of any request that wrote);
- nothing was written yet in this request (a read after a write reads the primary);
- no transaction is open on the primary (what an atomic block reads, it may be about
  to write, and it must see its own writes);
- the model is not one whose rows must be fresh (sessions, sign-in attempts).

Everything else (management commands, tests, the shell) reads from the primary:
outside a request the middleware has not allowed the replica.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.urls import reverse

REPLICA = "replica"
PIN_COOKIE = "tracker_primary"
# Always read from the primary.
PRIMARY_ONLY_APPS = {"sessions", "axes"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass
class _Reads:
    replica_allowed: bool = False
    wrote: bool = False


_reads: ContextVar[_Reads | None] = ContextVar("tracker_reads", default=None)


def reads_from_replica() -> bool:
    state = _reads.get()
    return (
        state is not None
        and state.replica_allowed
        and not state.wrote
        and not transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block
    )


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        return REPLICA if reads_from_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        state = _reads.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def _reading(state: _Reads, chunks):
    token = _reads.set(state)
    try:
        yield from chunks
    finally:
        _reads.reset(token)


class ReplicaMiddleware:
    """Says which requests may read from the replica, and pins a client that wrote to
    the primary for a while. Harmless without a replica (no router reads its state)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = _Reads(
            replica_allowed=request.method in SAFE_METHODS
            and not request.path.startswith(reverse("admin:index"))
            and PIN_COOKIE not in request.COOKIES
        )
        token = _reads.set(state)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if response.streaming and not response.is_async:
            # A streamed export reads as the server sends it, after this returns.
            response.streaming_content = _reading(state, response.streaming_content)
        if state.wrote:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.PRIMARY_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
