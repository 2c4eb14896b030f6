from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments.models import Indicator
from commitments.progress_data import DataFileError, parse_measurements
from commitments.services import import_measurements


class Command(BaseCommand):
    help = (
        "Load progress figures from a CSV file (iso3,year,value,estimate,edition,source) "
        "for one indicator. A new edition loads beside the earlier ones; the same file "
        "loaded twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--indicator", required=True, help="Indicator slug.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, write nothing."
        )

    def handle(self, *args, path, indicator, dry_run, **options):
        try:
            target = Indicator.objects.get(slug=indicator)
        except Indicator.DoesNotExist as error:
            known = ", ".join(Indicator.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No indicator {indicator!r} (known: {known}).") from error
        try:
            rows = parse_measurements(path.read_text(encoding="utf-8"))
            with transaction.atomic():
                created, updated = import_measurements(indicator=target, rows=rows)
                if dry_run:
                    transaction.set_rollback(True)
        except (OSError, UnicodeDecodeError, DataFileError) as error:
            raise CommandError(f"{path}: {error}") from error
        verb = "Would load" if dry_run else "Loaded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(rows)} figures for {target.slug}: {created} new, {updated} updated."
            )
        )
