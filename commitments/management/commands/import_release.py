from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments.releases import ReleaseError
from commitments.releases.loading import plan_release, save_release
from commitments.releases.tables import TABLE_KINDS


class Command(BaseCommand):
    help = (
        'Load NATO\'s release "Defence Expenditure of NATO Countries (2014-20XX)" from '
        "its Excel workbook or its CSV equivalent: the shares of GDP, the equipment "
        "shares and the amounts in US dollars, per ally and for the aggregates, as one "
        "edition beside the earlier ones. Says per figure whether it is new, unchanged "
        "or revised; the file is kept byte for byte."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--edition", required=True, help="Month of the release, e.g. 2025-08.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and compare, write nothing."
        )
        parser.add_argument(
            "--show-revised", action="store_true", help="List every revised figure."
        )

    def handle(self, *args, path, edition, dry_run, show_revised, **options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error
        try:
            with transaction.atomic():
                plan = plan_release(data, filename=path.name, edition=edition)
                if not dry_run:
                    save_release(plan)
        except ReleaseError as error:
            raise CommandError(f"{path}: {error} Nothing was written.") from error
        for kind, counts in plan.counts_by_kind().items():
            table = plan.parsed.tables[kind]
            self.stdout.write(
                f"{TABLE_KINDS[kind].name} ({table.where}, {table.years[0]}-"
                f"{table.years[-1]}): {counts['new']} new, {counts['unchanged']} unchanged, "
                f"{counts['revised']} revised."
            )
        if show_revised:
            for planned in plan.planned:
                if planned.status == "revised" and planned.previous is not None:
                    figure = planned.figure
                    self.stdout.write(
                        f"  {TABLE_KINDS[figure.kind].indicator} {figure.code} {figure.year}: "
                        f"{planned.previous.value} ({planned.previous.edition}) -> {figure.value}"
                    )
        counts = plan.counts
        verb = "Would load" if dry_run else "Loaded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} edition {plan.edition} ({plan.title}) from {path.name}: "
                f"{len(plan.planned)} figures, {counts['new']} new, {counts['unchanged']} "
                f"unchanged, {counts['revised']} revised; SHA-256 {plan.sha256}."
            )
        )
