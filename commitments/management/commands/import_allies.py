from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commitments.progress_data import DataFileError, parse_allies
from commitments.services import import_allies


class Command(BaseCommand):
    help = "Create or update the allies from a CSV file (iso3,name_en,name_fr,joined)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            rows = parse_allies(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, DataFileError) as error:
            raise CommandError(f"{path}: {error}") from error
        created, updated = import_allies(rows=rows)
        self.stdout.write(self.style.SUCCESS(f"Allies: {created} created, {updated} updated."))
