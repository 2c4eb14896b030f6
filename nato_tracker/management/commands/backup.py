from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by `migrate` (content types, permissions) or not worth keeping (sessions, the
# login-attempt records of django-axes, the cache's load generation).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "nato_tracker.loadgeneration"]


class Command(BaseCommand):
    help = (
        "Export everything (texts, paragraphs, commitments, figures, annotations, users, "
        "groups, history) to one XML file that `restore` loads into an empty database. "
        "XML because Django's JSON output rounds times to the millisecond."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            format="xml",
            exclude=EXCLUDED,
            indent=1,
            output=str(path),
            verbosity=0,
        )
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path} ({size:,} bytes)."))
