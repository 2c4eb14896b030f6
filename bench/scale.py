"""Synthetic data at the scale of a full tracker, for measuring the pages.

A tracker of every communiqué and ministerial statement since 1949 holds about a
hundred times the seed data. `generate_scale_data` builds data of that size from the
real source paragraphs, recombined, so that texts, quotes and spans look like the real
ones: every commitment quotes a sentence the extractor finds in its paragraph, every
annotation quotes words of its paragraph, with their offsets. Everything is drawn from
one seeded random generator: the same seed and sizes give the same data.

All generated rows are marked: slugs start with ``scale-``, meetings and sources say
they are synthetic. The allies and the indicators of the seed data are reused.
"""

import hashlib
import random
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import reset_queries, transaction
from django.utils.text import slugify

from commitments.extraction import find_candidates
from commitments.models import Ally, Commitment, Indicator, Measurement, StatusChange
from fixtures.build import read_documents, read_metadata
from nato_tracker.cache import data_loaded
from reader.models import Annotation
from summits.models import Document, Paragraph, Summit
from summits.text import fold

PREFIX = "scale-"
READER_DOCUMENT_SLUG = "scale-annotated-communique"
BATCH = 2000
FIRST_DAY = date(1949, 4, 4)
LAST_DAY = date(2025, 6, 25)
LAST_YEAR = 2024

CITIES = [
    ("Brussels", "Belgium"),
    ("Paris", "France"),
    ("London", "United Kingdom"),
    ("Washington", "United States"),
    ("Rome", "Italy"),
    ("Lisbon", "Portugal"),
    ("Ottawa", "Canada"),
    ("Bonn", "Germany"),
    ("Berlin", "Germany"),
    ("Copenhagen", "Denmark"),
    ("Oslo", "Norway"),
    ("Reykjavik", "Iceland"),
    ("The Hague", "Netherlands"),
    ("Athens", "Greece"),
    ("Ankara", "Türkiye"),
    ("Istanbul", "Türkiye"),
    ("Madrid", "Spain"),
    ("Prague", "Czechia"),
    ("Riga", "Latvia"),
    ("Bucharest", "Romania"),
    ("Warsaw", "Poland"),
    ("Vilnius", "Lithuania"),
    ("Tallinn", "Estonia"),
    ("Sofia", "Bulgaria"),
    ("Budapest", "Hungary"),
    ("Bratislava", "Slovakia"),
    ("Helsinki", "Finland"),
    ("Stockholm", "Sweden"),
    ("Luxembourg", "Luxembourg"),
    ("Newport", "United Kingdom"),
]

INDICATOR_BY_CATEGORY = {
    "defence_spending": "defence-expenditure-gdp",
    "major_equipment": "major-equipment-share",
    "ukraine": "cap-funding",
}

EXTRA_INDICATORS = [
    {
        "slug": "defence-expenditure-eur",
        "name": "Defence expenditure in constant prices",
        "unit": Indicator.Unit.EUR,
        "description": "Each ally's defence expenditure, millions of euros, constant prices.",
    },
    {
        "slug": "equipment-expenditure-eur",
        "name": "Equipment expenditure in constant prices",
        "unit": Indicator.Unit.EUR,
        "description": "Each ally's equipment expenditure, millions of euros, constant prices.",
    },
]

NOTES = [
    "Same wording as at the previous summit; only the deadline moves.",
    "Compare with the target set at Wales in 2014.",
    "The French text says « au moins »; the English one, “at least”.",
    "No indicator measures this yet: follow the national plans.",
    "Raised at the next ministerial meeting, see the status history.",
    "Cited in the Secretary General's annual report.",
    "Wording softened from the draft circulated before the meeting.",
    "Read together with the paragraph on the defence industry.",
]
TAGS = ["spending", "wording", "deadline", "ukraine", "follow-up", "capabilities", "industry"]
STATUS_WEIGHTS = [
    (Commitment.Status.NOT_RATED, 25),
    (Commitment.Status.NOT_STARTED, 5),
    (Commitment.Status.IN_PROGRESS, 30),
    (Commitment.Status.MET, 15),
    (Commitment.Status.PARTLY_MET, 15),
    (Commitment.Status.MISSED, 5),
    (Commitment.Status.SUPERSEDED, 5),
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÝÉ«“])")


class ScaleDataError(ValueError):
    """Sizes that cannot be built, or data already there; the message says which."""


@dataclass(frozen=True)
class Sizes:
    summits: int = 300
    paragraphs: int = 100_000
    commitments: int = 5_000
    years: int = 30
    annotations: int = 20_000
    reader_paragraphs: int = 300
    reader_annotations: int = 200

    def check(self) -> None:
        if self.summits < 1:
            raise ScaleDataError("At least one summit is needed.")
        if self.reader_paragraphs < 1 or self.reader_paragraphs > self.paragraphs:
            raise ScaleDataError("The annotated document needs 1 to --paragraphs paragraphs.")
        if self.paragraphs - self.reader_paragraphs < self.summits - 1:
            raise ScaleDataError("Too few paragraphs: every summit needs at least one.")
        if self.reader_annotations > self.reader_paragraphs:
            raise ScaleDataError("At most one annotation per paragraph of the annotated text.")
        if self.reader_annotations > self.annotations:
            raise ScaleDataError("--reader-annotations cannot exceed --annotations.")
        if self.annotations > self.reader_annotations and self.paragraphs == self.reader_paragraphs:
            raise ScaleDataError("Annotations beyond the annotated text need other paragraphs.")
        if not 1 <= self.years <= LAST_YEAR - 1948:
            raise ScaleDataError(f"--years must be between 1 and {LAST_YEAR - 1948}.")
        if self.commitments < 0 or self.annotations < 0:
            raise ScaleDataError("Counts cannot be negative.")


@dataclass(frozen=True)
class SourceParagraph:
    text: str
    folded: str
    sentences: tuple[str, ...]
    candidates: tuple  # extraction.Candidate, offsets inside text


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    reader_url: str = ""


def source_paragraphs(source_dir: Path | None = None) -> tuple[SourceParagraph, ...]:
    """The real paragraphs of the source texts, with the extractor's candidates."""
    return _source_paragraphs(source_dir or Path(settings.FIXTURE_DIRS[0]) / "sources")


@lru_cache(maxsize=4)
def _source_paragraphs(source_dir: Path) -> tuple[SourceParagraph, ...]:
    metadata = read_metadata(source_dir)
    pool = []
    for document in read_documents(source_dir, metadata):
        year = document.meta["published_on"].year
        language = document.parsed.language
        for paragraph in document.parsed.paragraphs:
            text = paragraph.text
            if len(text) < 40:
                continue
            candidates = tuple(
                c
                for c in find_candidates(text, language, reference_year=year)
                if text[c.start : c.end] == c.quote
            )
            sentences = tuple(s for s in _SENTENCE.split(text) if len(s) > 20)
            pool.append(SourceParagraph(text, fold(text), sentences or (text,), candidates))
    return tuple(pool)


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return fold(text)


def _when(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def generated_exists() -> bool:
    return Summit.objects.filter(slug__startswith=PREFIX).exists()


@transaction.atomic
def generate_scale_data(*, seed: int, sizes: Sizes, source_dir: Path | None = None) -> Report:
    """Write the synthetic summits, texts, commitments, figures and annotations.

    All or nothing, in one transaction. Raises ScaleDataError for impossible sizes,
    when the seed data (allies, indicators) is missing, or when data was already
    generated in this database.
    """
    started = time.perf_counter()
    sizes.check()
    if generated_exists():
        raise ScaleDataError("Scale data is already in this database; use a fresh database.")
    allies = list(Ally.objects.order_by("iso3"))
    if not allies:
        raise ScaleDataError("No allies: load the seed data first (loaddata progress).")
    indicators = {indicator.slug: indicator for indicator in Indicator.objects.all()}
    missing = sorted(set(INDICATOR_BY_CATEGORY.values()) - set(indicators))
    if missing:
        raise ScaleDataError(f"Missing indicators {', '.join(missing)}: load the seed data first.")
    rng = random.Random(seed)
    pool = source_paragraphs(source_dir)
    report = Report()
    editors = _editors()
    summits = _summits(rng, sizes.summits, seed)
    report.counts["summits"] = len(summits)
    builder = _TextBuilder(rng, pool, sizes, summits, indicators, editors)
    builder.build()
    report.counts.update(builder.counts)
    report.counts["measurements"] = _measurements(rng, sizes.years, allies, indicators)
    data_loaded()
    report.seconds = time.perf_counter() - started
    report.reader_url = f"/documents/{READER_DOCUMENT_SLUG}/"
    return report


def _editors() -> list:
    User = get_user_model()
    editors = []
    for number in range(1, 6):
        user, created = User.objects.get_or_create(username=f"{PREFIX}editor-{number}")
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        editors.append(user)
    return editors


def _summits(rng: random.Random, count: int, seed: int) -> list[Summit]:
    span = (LAST_DAY - FIRST_DAY).days
    offsets = sorted(rng.sample(range(span), count))
    summits = []
    for offset in offsets:
        started = FIRST_DAY + timedelta(days=offset)
        city, country = rng.choice(CITIES)
        roll = rng.random()
        if roll < 0.25:
            kind, name = Summit.Kind.SUMMIT, f"{city} Summit"
        elif roll < 0.9:
            ministers = rng.choice(["Foreign", "Defence"])
            kind, name = Summit.Kind.MINISTERIAL, f"Meeting of {ministers} Ministers, {city}"
        else:
            kind, name = Summit.Kind.OTHER, f"North Atlantic Council, {city}"
        summits.append(
            Summit(
                slug=f"{PREFIX}{slugify(city)}-{started.isoformat()}",
                name=name,
                kind=kind,
                city=city,
                country=country,
                started_on=started,
                ended_on=started + timedelta(days=rng.choice([0, 1, 1, 2])),
                notes=f"Synthetic meeting, generated for scale measurements (seed {seed}).",
            )
        )
    return Summit.objects.bulk_create(summits, batch_size=BATCH)


class _TextBuilder:
    """Documents, paragraphs, commitments and annotations, one document at a time."""

    def __init__(self, rng, pool, sizes, summits, indicators, editors):
        self.rng = rng
        self.pool = pool
        self.measured = False  # whether a commitment with an indicator was made yet
        self.sizes = sizes
        self.summits = summits
        self.indicators = indicators
        self.editors = editors
        self.counts = {
            "documents": 0,
            "paragraphs": 0,
            "commitments": 0,
            "status changes": 0,
            "annotations": 0,
        }
        self.latest_by_category: dict[str, Commitment] = {}
        self.links: list[tuple[Commitment, Commitment, str]] = []
        self.hashes: set[str] = set()

    def plan(self) -> tuple[list[int], list[int], set[int], dict[int, int]]:
        """Paragraph counts per document, base paragraph per paragraph, where commitments
        go and how many annotations each paragraph gets."""
        sizes, rng = self.sizes, self.rng
        others = len(self.summits) - 1
        rest = sizes.paragraphs - sizes.reader_paragraphs
        weights = [rng.uniform(0.3, 1.7) for _ in range(others)]
        total = sum(weights) or 1
        counts = [max(1, int(rest * w / total)) for w in weights]
        index = 0
        while others and sum(counts) != rest:
            step = 1 if sum(counts) < rest else -1
            if step > 0 or counts[index % others] > 1:
                counts[index % others] += step
            index += 1
        counts.append(sizes.reader_paragraphs)  # the annotated text, at the latest meeting
        bases = [rng.randrange(len(self.pool)) for _ in range(sizes.paragraphs)]
        with_candidates = [i for i, b in enumerate(bases) if self.pool[b].candidates]
        if sizes.commitments > len(with_candidates):
            raise ScaleDataError(
                f"Only {len(with_candidates)} paragraphs carry a commitment; "
                f"ask for fewer commitments or more paragraphs."
            )
        committed = set(rng.sample(with_candidates, sizes.commitments))
        # The benchmark and its test need a measured commitment: one at least, whatever
        # the draw.
        measurable = [i for i in with_candidates if self._measurable(self.pool[bases[i]])]
        if measurable and not committed & set(measurable):
            committed.discard(min(committed))
            committed.add(rng.choice(measurable))
        reader_start = rest
        annotations: dict[int, int] = {}
        for i in rng.sample(range(sizes.reader_paragraphs), sizes.reader_annotations):
            annotations[reader_start + i] = 1
        for _ in range(sizes.annotations - sizes.reader_annotations):
            i = rng.randrange(rest)
            annotations[i] = annotations.get(i, 0) + 1
        return counts, bases, committed, annotations

    def build(self) -> None:
        counts, bases, committed, annotations = self.plan()
        cursor = 0
        for number, (summit, count) in enumerate(zip(self.summits, counts, strict=True)):
            reader = number == len(self.summits) - 1
            indices = range(cursor, cursor + count)
            self._document(summit, reader, indices, bases, committed, annotations)
            cursor += count
            reset_queries()  # with DEBUG on, the log of bulk inserts would hold every text
        for child, parent, relation in self.links:
            child.parent = parent
            child.relation = relation
        Commitment.objects.bulk_update(
            [child for child, _parent, _relation in self.links],
            ["parent", "relation"],
            batch_size=500,
        )

    def _texts(self, base: int) -> tuple[str, str]:
        source = self.pool[base]
        if self.rng.random() < 0.4:
            other = self.pool[self.rng.randrange(len(self.pool))]
            sentence = self.rng.choice(other.sentences)
            return f"{source.text} {sentence}", f"{source.folded} {_fold(sentence)}"
        return source.text, source.folded

    def _document(self, summit, reader, indices, bases, committed, annotations) -> None:
        texts = [self._texts(bases[i]) for i in indices]
        if summit.kind == Summit.Kind.SUMMIT:
            kind, title = Document.Kind.COMMUNIQUE, f"Communiqué du sommet de {summit.city}"
        elif summit.kind == Summit.Kind.MINISTERIAL:
            kind = Document.Kind.STATEMENT
            title = f"Déclaration de la réunion ministérielle de {summit.city}"
        else:
            kind = Document.Kind.NEWS_RELEASE
            title = f"Communiqué de presse du Conseil de l'Atlantique Nord, {summit.city}"
        heading = f"{title}\n{summit.started_on:%d/%m/%Y}"
        raw = heading + "\n\n" + "\n\n".join(f"{n}. {t}" for n, (t, _f) in enumerate(texts, 1))
        digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        while digest in self.hashes:
            raw += "\n"
            digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        self.hashes.add(digest)
        document = Document.objects.create(
            summit=summit,
            slug=READER_DOCUMENT_SLUG if reader else f"{summit.slug}-text",
            title=title,
            kind=kind,
            language=Document.Language.FRENCH,
            published_on=summit.ended_on,
            source_name="Synthetic text for scale measurements",
            raw_text=raw,
            encoding="utf-8",
            sha256=digest,
            headline=title,
            ingest_report={
                "numbered": True,
                "paragraphs": len(texts),
                "defects": 0,
                "removed": [],
                "warnings": [],
            },
            loaded_at=_when(summit.ended_on),
        )
        self.counts["documents"] += 1
        paragraphs = Paragraph.objects.bulk_create(
            (
                Paragraph(
                    document=document,
                    position=n,
                    number=n,
                    label=str(n),
                    text=text,
                    folded_text=folded,
                    line=2 * n + 1,
                )
                for n, (text, folded) in enumerate(texts, 1)
            ),
            batch_size=BATCH,
        )
        self.counts["paragraphs"] += len(paragraphs)
        by_paragraph = self._commitments(summit, paragraphs, indices, bases, committed)
        notes = []
        for paragraph, i in zip(paragraphs, indices, strict=True):
            for _ in range(annotations.get(i, 0)):
                notes.append(self._annotation(summit, paragraph, by_paragraph.get(paragraph.pk)))
        Annotation.objects.bulk_create(notes, batch_size=BATCH)
        self.counts["annotations"] += len(notes)

    @staticmethod
    def _measurable(source) -> bool:
        return any(c.category in INDICATOR_BY_CATEGORY for c in source.candidates)

    def _commitments(self, summit, paragraphs, indices, bases, committed) -> dict:
        rng = self.rng
        made = []
        changes = []
        for paragraph, i in zip(paragraphs, indices, strict=True):
            if i not in committed:
                continue
            candidates = self.pool[bases[i]].candidates
            measured = [c for c in candidates if c.category in INDICATOR_BY_CATEGORY]
            candidate = rng.choice(measured if measured and not self.measured else candidates)
            self.measured = self.measured or candidate.category in INDICATOR_BY_CATEGORY
            self.counts["commitments"] += 1
            number = self.counts["commitments"]
            fields = self._target_fields(candidate)
            roll = rng.random()
            review = (
                Commitment.Review.CONFIRMED
                if roll < 0.8
                else Commitment.Review.CANDIDATE
                if roll < 0.95
                else Commitment.Review.REJECTED
            )
            status = Commitment.Status.NOT_RATED
            if review == Commitment.Review.CONFIRMED:
                statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
                status = rng.choices(statuses, weights)[0]
            words = candidate.quote.split()
            commitment = Commitment(
                slug=f"{PREFIX}{number:05d}-{slugify(' '.join(words[:6]))[:60]}",
                title=" ".join(words[:14]) + (" …" if len(words) > 14 else ""),
                summit=summit,
                paragraph=paragraph,
                quote=candidate.quote,
                quote_start=candidate.start,
                quote_end=candidate.end,
                category=candidate.category,
                bound=candidate.bound,
                phrase=candidate.phrase[:200],
                confidence=round(candidate.confidence, 3),
                review=review,
                status=status,
                created_at=_when(summit.ended_on),
                updated_at=_when(summit.ended_on),
                **fields,
            )
            made.append(commitment)
            if review == Commitment.Review.CONFIRMED:
                earlier = self.latest_by_category.get(candidate.category)
                if earlier is not None and earlier.summit_id != summit.pk and rng.random() < 0.35:
                    relation = rng.choice(list(Commitment.Relation.values))
                    self.links.append((commitment, earlier, relation))
                self.latest_by_category[candidate.category] = commitment
            if status != Commitment.Status.NOT_RATED:
                as_of = min(summit.ended_on + timedelta(days=rng.randrange(30, 900)), LAST_DAY)
                changes.append(
                    StatusChange(
                        commitment=commitment,
                        status=status,
                        as_of=as_of,
                        rationale=f"Assessment {as_of.year}: {commitment.get_status_display()}.",
                        source_text="Synthetic assessment for scale measurements",
                        created_at=_when(as_of),
                    )
                )
        Commitment.objects.bulk_create(made, batch_size=BATCH)
        StatusChange.objects.bulk_create(changes, batch_size=BATCH)
        self.counts["status changes"] += len(changes)
        return {c.paragraph.pk: c for c in made}

    def _target_fields(self, candidate) -> dict:
        fields: dict = {}
        slug = INDICATOR_BY_CATEGORY.get(candidate.category)
        if slug:
            fields["indicator"] = self.indicators[slug]
        if candidate.quantities:
            quantity = candidate.quantities[0]
            if quantity.unit in Commitment.Unit.values and quantity.value is not None:
                fields.update(
                    comparator=quantity.comparator,
                    target_value=Decimal(quantity.value).quantize(Decimal("0.01")),
                    unit=quantity.unit,
                    target_text=quantity.text[:300],
                )
        for deadline in candidate.deadlines:
            if deadline.year and 1949 <= deadline.year <= 2100:
                fields.update(deadline_year=deadline.year, deadline_text=deadline.text[:200])
                break
        return fields

    def _annotation(self, summit, paragraph, commitment) -> Annotation:
        rng = self.rng
        words = [m.span() for m in re.finditer(r"\S+", paragraph.text)]
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randrange(2, 12))
        start, end = words[first][0], words[last][1]
        day = summit.ended_on + timedelta(days=rng.randrange(1, 400))
        return Annotation(
            paragraph=paragraph,
            author=rng.choice(self.editors),
            body=rng.choice(NOTES),
            quote=paragraph.text[start:end],
            start=start,
            end=end,
            prefix=paragraph.text[max(0, start - 32) : start],
            suffix=paragraph.text[end : end + 32],
            tags=sorted(rng.sample(TAGS, rng.randrange(0, 3))),
            commitment=commitment if commitment and rng.random() < 0.5 else None,
            created_at=_when(day),
            updated_at=_when(day),
        )


def _measurements(rng, years: int, allies, indicators) -> int:
    """Each ally's figures for every year it was a member, for several indicators, with an
    estimate in the year's edition and a revised figure in the next year's."""
    for spec in EXTRA_INDICATORS:
        indicators[spec["slug"]], _created = Indicator.objects.get_or_create(
            slug=spec["slug"], defaults={k: v for k, v in spec.items() if k != "slug"}
        )
    existing = set(
        Measurement.objects.filter(ally__isnull=False).values_list(
            "indicator_id", "ally_id", "year", "edition"
        )
    )
    shapes = {
        "defence-expenditure-gdp": (1.0, 3.5),
        "major-equipment-share": (8.0, 40.0),
        "defence-expenditure-eur": (500.0, 60000.0),
        "equipment-expenditure-eur": (100.0, 15000.0),
    }
    rows = []
    first_year = LAST_YEAR - years + 1
    for slug, (low, high) in shapes.items():
        indicator = indicators[slug]
        for ally in allies:
            value = rng.uniform(low, high)
            for year in range(first_year, LAST_YEAR + 1):
                value = min(high * 1.5, max(low / 2, value * rng.uniform(0.93, 1.08)))
                if not ally.was_member_in(year):
                    continue
                editions = [(f"{year}-06", True, value)]
                if year < LAST_YEAR:
                    editions.append((f"{year + 1}-06", False, value * rng.uniform(0.97, 1.03)))
                for edition, estimate, figure in editions:
                    if (indicator.pk, ally.pk, year, edition) in existing:
                        continue
                    rows.append(
                        Measurement(
                            indicator=indicator,
                            ally=ally,
                            year=year,
                            value=Decimal(f"{figure:.2f}"),
                            estimate=estimate,
                            edition=edition,
                            source=f"Synthetic figures for scale measurements, edition {edition}",
                        )
                    )
    Measurement.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
