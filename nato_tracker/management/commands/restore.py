from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nato_tracker.cache import data_loaded

from .backup import EXCLUDED


def rows_present() -> list[str]:
    """Models holding rows that a restore would mix with, as app_label.model names."""
    found = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in EXCLUDED or label in EXCLUDED:
            continue
        if model._default_manager.exists():
            found.append(label)
    return found


class Command(BaseCommand):
    help = "Load a file written by `backup` into an empty, migrated database (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if not path.exists():
            raise CommandError(f"No backup at {path}.")
        present = rows_present()
        if present:
            raise CommandError(
                "The database is not empty (rows in "
                + ", ".join(present[:5])
                + "): restore into a new database, after `migrate`."
            )
        with transaction.atomic():
            call_command("loaddata", str(path), verbosity=0)
            data_loaded()
        self.stdout.write(self.style.SUCCESS(f"Restored {path}."))
