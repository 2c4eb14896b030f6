"""Backups that restore byte for byte.

A backup is a text file of JSON lines. The first line is a header: the format, the
number of records per model and the SHA-256 of everything after the header. Each
following line is one record, as Django's serializers describe it (natural keys for
users, groups, permissions and content types), written with an encoder that keeps every
value exactly: texts as they are (trailing newlines included), times to the
microsecond, decimals as strings, files in base64.

`restore` reads the whole file and checks its header and digest before it writes
anything; then it loads every record in one transaction into a freshly migrated
database (where only the groups the migrations create may be present: they are
updated from the backup), checks the counts, and asks every model that can check its
own rows (a `restored_problems` class method: a text against its SHA-256, a file against
its own) to do so. Any problem rolls everything back.
"""

import datetime
import hashlib
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connections,
    router,
    transaction,
)

from nato_tracker.cache import data_loaded
from nato_tracker.roles import ROLES

FORMAT = "nato-tracker-backup"
VERSION = 1

# Rebuilt by `migrate` (content types, permissions) or not worth keeping (sessions, the
# login-attempt records of django-axes, the cache's load generation).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "nato_tracker.loadgeneration"]


class BackupError(Exception):
    """A file that is not a complete backup, or a database it cannot go into."""


class ExactEncoder(DjangoJSONEncoder):
    """Django's JSON encoder, without its rounding of times to the millisecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ExactSerializer(JSONLSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


def excluded(model) -> bool:
    return model._meta.app_label in EXCLUDED or model._meta.label_lower in EXCLUDED


def backed_up_models(using: str = DEFAULT_DB_ALIAS) -> list:
    """The models a backup holds, each after the models it refers to."""
    app_list = [
        (config, None) for config in apps.get_app_configs() if config.models_module is not None
    ]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if not model._meta.proxy
        and not excluded(model)
        and router.allow_migrate_model(using, model)
    ]


def write_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write every backed-up row to path; returns the header."""
    serializer = ExactSerializer()
    counts: Counter = Counter()
    digest = hashlib.sha256()
    path = Path(path)
    with tempfile.TemporaryFile("w+b", dir=path.parent) as body:
        for model in backed_up_models(using):
            rows = model._base_manager.using(using).order_by(model._meta.pk.name)
            for obj in rows.iterator(chunk_size=500):
                line = serializer.serialize(
                    [obj], use_natural_foreign_keys=True, use_natural_primary_keys=True
                ).encode("utf-8")
                digest.update(line)
                body.write(line)
                counts[model._meta.label_lower] += 1
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "records": sum(counts.values()),
            "counts": dict(counts),
            "sha256": digest.hexdigest(),
        }
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as out:
            out.write(json.dumps(header, sort_keys=True).encode("utf-8") + b"\n")
            body.seek(0)
            while chunk := body.read(1 << 20):
                out.write(chunk)
        os.replace(partial, path)
    return header


def read_header(path: Path) -> dict:
    """The backup's header, once its body is found whole and unaltered."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    with path.open("rb") as stream:
        first = stream.readline()
        if first.lstrip().startswith(b"<"):
            raise BackupError(
                f"{path} is an XML file, not a backup written by `backup` (backups are JSON "
                "lines since XML lost the trailing spaces and newlines of the texts)."
            )
        try:
            header = json.loads(first)
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise BackupError(f"{path} is not a backup written by `backup`: no backup header.")
        if header.get("version") != VERSION:
            raise BackupError(f"{path} is a backup of version {header.get('version')!r}, "
                              f"this tracker reads version {VERSION}.")  # fmt: skip
        digest = hashlib.sha256()
        counts: Counter = Counter()
        for number, line in enumerate(stream, start=2):
            digest.update(line)
            try:
                counts[json.loads(line)["model"]] += 1
            except (ValueError, KeyError, TypeError):
                raise BackupError(
                    f"{path} is truncated or damaged at line {number}: nothing was restored."
                ) from None
    if digest.hexdigest() != header.get("sha256") or dict(counts) != header.get("counts"):
        raise BackupError(
            f"{path} is truncated or altered: its records do not match the digest and counts "
            "of its header. Nothing was restored."
        )
    return header


def rows_present(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Models holding rows that a restore would mix with, as app_label.model names.

    The groups of the roles are created by the migrations: they are expected."""
    found = []
    for model in backed_up_models(using):
        rows = model._base_manager.using(using)
        if model._meta.label_lower == "auth.group":
            rows = rows.exclude(name__in=ROLES)
        if rows.exists():
            found.append(model._meta.label_lower)
    return found


def restore_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Load a backup into a freshly migrated database, all or nothing; the header."""
    header = read_header(path)
    present = rows_present(using)
    if present:
        raise BackupError(
            "The database is not empty (rows in " + ", ".join(present[:5]) + "): restore "
            "into a new database, after `migrate`."
        )
    connection = connections[using]
    loaded = set()
    try:
        with transaction.atomic(using=using):
            with connection.constraint_checks_disabled():
                deferred = []
                with Path(path).open("rb") as stream:
                    stream.readline()
                    for line in stream:
                        for record in PythonDeserializer(
                            [json.loads(line)], using=using, handle_forward_references=True
                        ):
                            record.save(using=using)
                            loaded.add(type(record.object))
                            if record.deferred_fields:
                                deferred.append(record)
                for record in deferred:
                    record.save_deferred_fields(using=using)
            connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
            reset_sequences(connection, loaded)
            check_restored(header, using)
            data_loaded()
    except (DeserializationError, DatabaseError, IntegrityError) as error:
        raise BackupError(f"{path} could not be restored, nothing was written: {error}") from None
    return header


def reset_sequences(connection, models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def check_restored(header: dict, using: str) -> None:
    """The rows as the header counts them, each checked by its model where it can."""
    for label, count in header["counts"].items():
        model = apps.get_model(label)
        found = model._base_manager.using(using).count()
        if found != count:
            raise BackupError(f"{label}: {found} rows after the restore, {count} in the backup.")
    problems = []
    for model in backed_up_models(using):
        check = getattr(model, "restored_problems", None)
        if check is not None:
            problems += check(model._base_manager.using(using))
    if problems:
        raise BackupError(
            f"{len(problems)} rows differ from their own fingerprint ("
            + "; ".join(problems[:3])
            + "): nothing was restored."
        )
