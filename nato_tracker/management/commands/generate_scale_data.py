from django.core.management.base import BaseCommand, CommandError

from bench.scale import ScaleDataError, Sizes, generate_scale_data


class Command(BaseCommand):
    help = (
        "Add synthetic data at the scale of a full tracker (about 300 meetings since 1949, "
        "100 000 paragraphs recombined from the real sources, 5 000 commitments, 32 allies x "
        "30 years of figures, 20 000 annotations), for measuring the pages. Deterministic: "
        "the same --seed and sizes give the same data. Needs the seed data "
        "(loaddata summits progress commitments) and a database without generated data."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--seed", type=int, default=1949)
        parser.add_argument("--summits", type=int, default=defaults.summits)
        parser.add_argument("--paragraphs", type=int, default=defaults.paragraphs)
        parser.add_argument("--commitments", type=int, default=defaults.commitments)
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument("--annotations", type=int, default=defaults.annotations)
        parser.add_argument(
            "--reader-paragraphs",
            type=int,
            default=defaults.reader_paragraphs,
            help="Paragraphs of the annotated text at the latest meeting.",
        )
        parser.add_argument(
            "--reader-annotations",
            type=int,
            default=defaults.reader_annotations,
            help="Annotations on that text (at most one per paragraph).",
        )

    def handle(self, *args, seed, **options):
        sizes = Sizes(**{name: options[name] for name in Sizes.__dataclass_fields__})
        try:
            report = generate_scale_data(seed=seed, sizes=sizes)
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        for name, count in report.counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(f"annotated text: {report.reader_url}")
        self.stdout.write(
            self.style.SUCCESS(f"Generated scale data (seed {seed}) in {report.seconds:.1f} s.")
        )
