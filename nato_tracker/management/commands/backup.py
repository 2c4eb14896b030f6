from pathlib import Path

from django.core.management.base import BaseCommand

from nato_tracker.backups import write_backup


class Command(BaseCommand):
    help = (
        "Export everything (texts, paragraphs, commitments, figures, annotations, users, "
        "groups, history) to one file of JSON lines, with a header giving the number of "
        "records and their SHA-256, that `restore` loads into a freshly migrated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        header = write_backup(path)
        size = path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {path}: {header['records']:,} records, {size:,} bytes, "
                f"SHA-256 {header['sha256']}."
            )
        )
