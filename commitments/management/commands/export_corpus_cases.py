"""Write the editors' corrections of the extractor as development-corpus cases.

A commitment an editor added (from the reader, or by hand in the editorial file) is a
sentence the extractor missed: a case labelled C, with who is bound, the target and the
deadline the editor kept. A candidate an editor rejected is a sentence the extractor got
wrong: a case labelled N. Each case quotes the whole sentence its words are in, with
the sentence before it as context, in the format of bench/corpus/ (see
commitments.extraction.corpus); review them and add them to the corpus of their
language, in your own words where the text is not yours to copy.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commitments.extraction import LANGUAGES, split_sentences
from commitments.extraction.corpus import format_case
from commitments.models import Commitment


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """(context, sentence): the sentences of text holding text[start:end], the one before."""
    spans = split_sentences(text)
    inside = [i for i, (s, e) in enumerate(spans) if s < end and start < e] or [0]
    first, last = inside[0], inside[-1]
    sentence = text[spans[first][0] : spans[last][1]] if spans else text[start:end]
    context = text[spans[first - 1][0] : spans[first - 1][1]] if first > 0 else ""
    return context, sentence


class Command(BaseCommand):
    help = "Write the sentences editors added or rejected as development-corpus cases."

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=LANGUAGES, required=True)
        parser.add_argument("--document", help="only this document (slug)")
        parser.add_argument("--output", type=Path, help="a file (default: standard output)")

    def handle(self, *args, **options):
        commitments = (
            Commitment.objects.select_related("paragraph__document")
            .filter(paragraph__document__language=options["language"])
            .exclude(quote="")
            .order_by("paragraph__document__slug", "paragraph__position", "quote_start")
        )
        if options["document"]:
            commitments = commitments.filter(paragraph__document__slug=options["document"])
            if not commitments.exists():
                raise CommandError(f"No commitment in a document {options['document']!r}.")
        missed = commitments.filter(origin=Commitment.Origin.EDITOR).exclude(
            review=Commitment.Review.REJECTED
        )
        wrong = commitments.filter(
            origin=Commitment.Origin.EXTRACTOR, review=Commitment.Review.REJECTED
        )
        lines = ["## reported-missed"]
        for commitment in missed:
            context, sentence = _sentence(
                commitment.paragraph.text, commitment.quote_start, commitment.quote_end
            )
            quantity = None
            if commitment.target_value is not None and commitment.unit:
                quantity = (
                    commitment.comparator or "exactly",
                    commitment.target_value,
                    commitment.unit,
                )
            lines.append(
                f"# {commitment.paragraph.document.slug} {commitment.paragraph.display_label}: "
                f"{commitment.slug}"
            )
            lines.append(
                format_case(
                    commitment=True,
                    sentence=sentence,
                    context=context,
                    scope=commitment.bound,
                    quantity=quantity,
                    deadline=commitment.deadline_year,
                )
            )
        lines.append("## reported-wrong")
        for commitment in wrong:
            context, sentence = _sentence(
                commitment.paragraph.text, commitment.quote_start, commitment.quote_end
            )
            lines.append(
                f"# {commitment.paragraph.document.slug} {commitment.paragraph.display_label}: "
                f"{commitment.slug}"
            )
            lines.append(format_case(commitment=False, sentence=sentence, context=context))
        text = "\n".join(lines) + "\n"
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
        self.stderr.write(
            self.style.SUCCESS(
                f"{missed.count()} missed and {wrong.count()} wrong sentence(s) written as cases."
            )
        )
