import sys
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from imports.preview import Preview, build_preview
from imports.reading import read_upload
from imports.request import ImportRequest
from imports.services import save_preview
from summits.ingest import IngestError
from summits.models import Document, Summit
from summits.services import AlreadyLoaded, ImportConflict


class ProgressBar:
    """A one-line progress bar: redrawn in place on a terminal, drawn once when done
    otherwise (a log or a captured output gets one clean line)."""

    def __init__(self, stream, label: str, width: int = 30):
        self.stream, self.label, self.width = stream, label, width
        self.live = getattr(stream, "isatty", lambda: False)()

    def __call__(self, done: int, total: int) -> None:
        if not (self.live or done == total):
            return
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        end = "\n" if done == total else "\r"
        self.stream.write(f"{self.label} [{bar}] {done}/{total}", ending=end)
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Load a communiqué (.txt, .html or .pdf, French or English) into a summit, with its "
        "commitment candidates, in one transaction. The same text twice is refused; a "
        "corrected text (--replaces, or the same title in the same summit) becomes a new "
        "version and the editors' work (commitments, annotations) moves to it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--summit", required=True, help="Slug of the summit.")
        parser.add_argument("--title", default="", help="Default: the headline found.")
        parser.add_argument(
            "--kind", default=Document.Kind.COMMUNIQUE, choices=Document.Kind.values
        )
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            help="Publication date, YYYY-MM-DD (default: the summit's last day).",
        )
        parser.add_argument("--source-name", default="")
        parser.add_argument("--source-url", default="")
        parser.add_argument("--replaces", help="Slug of the document this text corrects.")
        parser.add_argument(
            "--translates", help="Slug of the same text in the other language (found if alike)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the preview and write nothing."
        )

    def handle(
        self,
        *args,
        path,
        summit,
        title,
        kind,
        date,
        source_name,
        source_url,
        replaces,
        translates,
        dry_run,
        **options,
    ):
        meeting = Summit.objects.filter(slug=summit).first()
        if meeting is None:
            known = ", ".join(
                Summit.objects.order_by("-started_on").values_list("slug", flat=True)[:8]
            )
            raise CommandError(f"No summit {summit!r}. Recent ones: {known}.")
        earlier = None
        if replaces:
            earlier = Document.objects.filter(slug=replaces).first()
            if earlier is None:
                raise CommandError(f"No document {replaces!r} to replace.")
        other = None
        if translates:
            other = Document.objects.filter(slug=translates).first()
            if other is None:
                raise CommandError(f"No document {translates!r} in another language.")
        published_on = date or meeting.ended_on
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}.") from error
        progress = ProgressBar(
            self.stderr if sys.stderr.isatty() else self.stdout, "Finding commitments"
        )
        try:
            source = read_upload(data, filename=path.name, max_bytes=settings.IMPORT_MAX_BYTES)
            request = ImportRequest(
                summit=meeting,
                title=title,
                kind=kind,
                published_on=published_on,
                source_name=source_name,
                source_url=source_url,
                replaces=earlier,
                translates=other,
            )
            preview = build_preview(source=source, request=request, progress=progress)
            self.report(preview)
            if preview.existing is not None:
                raise AlreadyLoaded(preview.existing)
            if dry_run:
                self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
                return
            imported = save_preview(preview)
        except AlreadyLoaded as error:
            raise CommandError(f"{error} ({error.document.get_absolute_url()})") from error
        except (IngestError, ImportConflict) as error:
            raise CommandError(f"{path}: {error}") from error
        document = imported.document
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {document.slug}: {preview.paragraph_count} paragraphs, "
                f"{imported.candidates} commitment candidates ({document.get_absolute_url()})."
            )
        )
        if imported.carried is not None:
            plan = imported.carried
            self.stdout.write(
                f"New version of {preview.replaces.slug}: "
                f"{len(plan.commitments.placed)} commitments and "
                f"{imported.moved} annotations moved, "
                f"{len(plan.commitments.orphaned) + imported.orphaned} flagged as orphans."
            )

    def report(self, preview: Preview) -> None:
        parsed, source = preview.parsed, preview.source
        self.stdout.write(
            f"{source.filename}: {source.format}, {parsed.encoding}, language {parsed.language}"
        )
        structure = (
            f"{preview.numbered_count} numbered ({preview.numbers}), "
            f"{preview.item_count} bullet items"
            if parsed.numbered
            else "unnumbered prose"
        )
        self.stdout.write(f"{preview.paragraph_count} paragraphs: {structure}")
        self.stdout.write(
            f"{len(preview.defects)} defects repaired, {len(parsed.removed)} "
            "lines kept out of the paragraphs"
        )
        for warning in (*parsed.warnings, *source.notes):
            self.stdout.write(self.style.WARNING(f"  {warning}"))
        self.stdout.write(f"{len(preview.found)} commitment candidates")
        if preview.existing is not None:
            self.stdout.write(self.style.WARNING(f"Already loaded as {preview.existing.slug}."))
        if preview.elsewhere is not None:
            self.stdout.write(
                self.style.WARNING(
                    f"Looks like a new version of {preview.elsewhere.document.slug}, a text "
                    "of another summit: choose that summit (--summit) to load it as one."
                )
            )
        if preview.changes is not None and preview.replaces is not None:
            changes = preview.changes
            kinds = [difference.kind for difference in changes.differences]
            self.stdout.write(
                f"Compared with {preview.replaces.slug}: {changes.identical + changes.equivalent} "
                f"paragraphs the same, {kinds.count('changed')} changed, "
                f"{kinds.count('added')} added, {kinds.count('removed')} removed"
            )
            for difference in changes.differences:
                label = difference.new_label or difference.old_label
                self.stdout.write(f"  ¶{label} {difference.kind}")
        if preview.language_version is not None:
            version = preview.language_version
            self.stdout.write(
                f"Other language version of {version.document.slug} "
                f"({version.document.language}): {len(version.alignment.pairs)} paragraphs "
                f"aligned by {version.alignment.by}"
            )
        if preview.carry is not None and preview.replaces is not None:
            plan = preview.carry
            self.stdout.write(
                f"Replaces {preview.replaces.slug}: "
                f"commitments {len(plan.commitments.kept)} move, "
                f"{len(plan.commitments.reworded)} change wording, "
                f"{len(plan.commitments.orphaned)} become orphans; "
                f"annotations {len(plan.annotations.kept)} move, "
                f"{len(plan.annotations.reworded)} change wording, "
                f"{len(plan.annotations.orphaned)} become orphans; "
                f"{len(preview.covered)} candidates already held by a moved commitment"
            )
