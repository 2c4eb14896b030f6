import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fixtures.build import EditorialError, build


class Command(BaseCommand):
    help = (
        "Rebuild every JSON fixture in fixtures/ from the texts and data in fixtures/sources/. "
        "Load them with: manage.py loaddata summits progress commitments"
    )

    def add_arguments(self, parser):
        default = Path(settings.FIXTURE_DIRS[0])
        parser.add_argument("--sources", type=Path, default=default / "sources")
        parser.add_argument("--output", type=Path, default=default)
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if a committed fixture differs from a fresh build.",
        )

    def handle(self, *args, sources, output, check, **options):
        try:
            built = build(sources)
        except (EditorialError, OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        stale = []
        for name, text in built.items():
            path = output / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
        if check and stale:
            raise CommandError(f"Out of date, run build_fixtures: {', '.join(stale)}")
        for name, text in built.items():
            count = len(json.loads(text))
            state = ("rewritten" if not check else "stale") if name in stale else "unchanged"
            self.stdout.write(f"{name}: {count} records, {state}")
        self.stdout.write(self.style.SUCCESS("Fixtures are up to date with the sources."))
