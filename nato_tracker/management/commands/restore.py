from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nato_tracker.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Load a file written by `backup` into a freshly migrated database, all or nothing: "
        "the file is checked against its header first, every text against its SHA-256 after."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            header = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Restored {path}: {header['records']:,} records, all checked.")
        )
