from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments.progress_data import CONTRIBUTION_COLUMNS, DataFileError, parse_contributions
from commitments.services import import_contributions


class Command(BaseCommand):
    help = (
        "Load contributions (money pledged or delivered) from a CSV file with the columns "
        f"{','.join(CONTRIBUTION_COLUMNS)} (and optionally source_url, total_to_date, "
        "notes). Every row loads, or none: bad rows are listed with their line numbers."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, write nothing."
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            rows = parse_contributions(path.read_text(encoding="utf-8"))
            with transaction.atomic():
                counts = import_contributions(rows=rows)
                if dry_run:
                    transaction.set_rollback(True)
        except (OSError, UnicodeDecodeError, DataFileError, ValidationError) as error:
            raise CommandError(f"{path}: {error}") from error
        verb = "Would load" if dry_run else "Loaded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(rows)} contributions: {counts['new']} new, "
                f"{counts['changed']} changed, {counts['unchanged']} unchanged."
            )
        )
