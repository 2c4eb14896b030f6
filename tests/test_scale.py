"""The scale data generator, and pages whose query count does not grow with the data."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench.scale import (
    READER_DOCUMENT_SLUG,
    ScaleDataError,
    Sizes,
    generate_scale_data,
)
from commitments.models import Commitment, Measurement
from reader.models import Annotation
from summits.models import Document, Paragraph, Summit
from summits.text import fold
from tests.test_search import search_queries

pytestmark = pytest.mark.django_db

SMALL = Sizes(
    summits=4,
    paragraphs=120,
    commitments=12,
    years=4,
    annotations=30,
    reader_paragraphs=30,
    reader_annotations=10,
)
LARGER = Sizes(
    summits=16,
    paragraphs=600,
    commitments=60,
    years=12,
    annotations=150,
    reader_paragraphs=90,
    reader_annotations=50,
)


def scale_rows():
    return {
        "summits": Summit.objects.filter(slug__startswith="scale-"),
        "paragraphs": Paragraph.objects.filter(document__slug__startswith="scale-"),
        "commitments": Commitment.objects.filter(slug__startswith="scale-"),
        "annotations": Annotation.objects.filter(author__username__startswith="scale-"),
    }


def digest():
    """A fingerprint of the generated content, primary keys left out."""
    rows = scale_rows()
    parts = [
        list(rows["summits"].order_by("slug").values_list("slug", "name", "started_on")),
        list(
            rows["paragraphs"]
            .order_by("document__slug", "position")
            .values_list("document__slug", "position", "text")
        ),
        list(rows["commitments"].order_by("slug").values_list("slug", "quote", "parent__slug")),
        list(
            rows["annotations"]
            .order_by("paragraph__document__slug", "paragraph__position", "start", "body")
            .values_list("paragraph__document__slug", "start", "end", "body")
        ),
        list(
            Measurement.objects.filter(source__startswith="Synthetic")
            .order_by("indicator__slug", "ally__iso3", "year", "edition")
            .values_list("indicator__slug", "ally__iso3", "year", "edition", "value")
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def generated(seed, sizes):
    """Generate in a savepoint rolled back afterwards; returns the content's digest."""
    with transaction.atomic():
        generate_scale_data(seed=seed, sizes=sizes)
        result = digest()
        transaction.set_rollback(True)
    return result


def test_it_builds_the_sizes_asked_for():
    report = generate_scale_data(seed=3, sizes=SMALL)
    rows = scale_rows()
    assert rows["summits"].count() == SMALL.summits == report.counts["summits"]
    assert rows["paragraphs"].count() == SMALL.paragraphs
    assert rows["commitments"].count() == SMALL.commitments
    assert rows["annotations"].count() == SMALL.annotations
    reader = Document.objects.get(slug=READER_DOCUMENT_SLUG)
    assert reader.paragraphs.count() == SMALL.reader_paragraphs
    assert Annotation.objects.filter(paragraph__document=reader).count() == 10
    first_year = Measurement.objects.filter(source__startswith="Synthetic").order_by("year")
    assert first_year.first().year == 2024 - SMALL.years + 1
    assert report.seconds > 0


def test_quotes_and_spans_are_the_words_of_their_paragraphs():
    generate_scale_data(seed=5, sizes=SMALL)
    rows = scale_rows()
    for commitment in rows["commitments"].select_related("paragraph"):
        text = commitment.paragraph.text
        assert text[commitment.quote_start : commitment.quote_end] == commitment.quote
    for annotation in rows["annotations"].select_related("paragraph"):
        text = annotation.paragraph.text
        assert text[annotation.start : annotation.end] == annotation.quote
        assert text[: annotation.start].endswith(annotation.prefix)
        assert text[annotation.end :].startswith(annotation.suffix)
    for paragraph in rows["paragraphs"]:
        assert paragraph.folded_text == fold(paragraph.text)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    assert generated(11, SMALL) == generated(11, SMALL)
    assert generated(11, SMALL) != generated(12, SMALL)


def test_it_refuses_a_second_run_and_impossible_sizes_and_writes_nothing():
    generate_scale_data(seed=1, sizes=SMALL)
    before = Summit.objects.count()
    with pytest.raises(ScaleDataError, match="already"):
        generate_scale_data(seed=2, sizes=SMALL)
    assert Summit.objects.count() == before
    with pytest.raises(ScaleDataError, match="at least one"):
        Sizes(summits=10, paragraphs=5, reader_paragraphs=1).check()
    with pytest.raises(ScaleDataError, match="one annotation per paragraph"):
        Sizes(reader_paragraphs=3, reader_annotations=4).check()


def test_the_command_reports_counts_and_time():
    out = StringIO()
    call_command(
        "generate_scale_data",
        "--seed=4",
        "--summits=3",
        "--paragraphs=60",
        "--commitments=5",
        "--years=2",
        "--annotations=8",
        "--reader-paragraphs=20",
        "--reader-annotations=5",
        stdout=out,
    )
    assert "paragraphs: 60" in out.getvalue()
    assert "Generated scale data (seed 4) in" in out.getvalue()
    with pytest.raises(CommandError, match="already"):
        call_command("generate_scale_data", "--seed=4", stdout=StringIO())


def page_urls():
    reader = Document.objects.select_related("summit").get(slug=READER_DOCUMENT_SLUG)
    measured = (
        Commitment.objects.filter(slug__startswith="scale-", indicator__isnull=False)
        .exclude(review="rejected")
        .order_by("pk")
        .first()
    )
    return {
        "home": "/",
        "timeline": "/summits/",
        "summit": reader.summit.get_absolute_url(),
        "reader": reader.get_absolute_url(),
        "browser": "/commitments/?category=defence_spending&status=in_progress&q=allies",
        "commitment": measured.get_absolute_url(),
        "ally": "/allies/fra/",
        "search": "/search/?q=défense",
        "search in a year": f"/search/?q=défense&year={reader.summit.year}",
        "search, two pages in": "/search/?q=engageons+OR+alliance&page=3",
        "csv export": "/commitments/export.csv",
        "json export": "/commitments/export.json",
    }


def query_counts(client, sizes):
    counts = {}
    with transaction.atomic():
        generate_scale_data(seed=7, sizes=sizes)
        for name, url in page_urls().items():
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
            assert response.status_code == 200, url
            counts[name] = len(captured.captured_queries)
        transaction.set_rollback(True)
    return counts


def test_every_page_runs_the_same_few_queries_whatever_the_size(client):
    small = query_counts(client, SMALL)
    larger = query_counts(client, LARGER)
    assert larger == small
    assert max(small.values()) <= 12, small
    # Search, exactly: the first search reads the list of texts to filter by, the next
    # ones find it in the cache (until texts are loaded).
    assert small["search"] == len(search_queries())
    assert small["search in a year"] == small["search, two pages in"] == len(search_queries()) - 1


def test_generated_paragraphs_are_in_the_search_index():
    generate_scale_data(seed=8, sizes=SMALL)
    paragraph = scale_rows()["paragraphs"].order_by("-pk").first()
    word = max(paragraph.text.split(), key=len).strip(".,;:()«»")
    found = Paragraph.objects.search(f'"{word}"', documents=[paragraph.document_id])
    assert paragraph.pk in {result.paragraph.pk for result in found[0:100]}
