import hashlib
from pathlib import Path

import pytest
from django.conf import settings

from commitments.models import Ally, Commitment, Indicator, Measurement
from fixtures.build import build
from summits.models import Document, Paragraph, Summit

FIXTURES = Path(settings.FIXTURE_DIRS[0])


def test_committed_fixtures_equal_a_fresh_build():
    built = build(FIXTURES / "sources")
    assert sorted(built) == ["commitments.json", "progress.json", "summits.json"]
    for name, text in built.items():
        assert (FIXTURES / name).read_text(encoding="utf-8") == text, f"{name} is stale"


# The SHA-256 of each of the five source texts as they were received.
ORIGINALS = {
    "2021-06-14-bruxelles-sommet-article-nouveau-chapitre.txt": (
        "3fe1f0e431f11d105fd0f6ad94141d7d9e977022c87f90602bad19791aa8465b"
    ),
    "2021-06-14-bruxelles-sommet-article-avant-sommet.txt": (
        "8f5aa3b36f258eec9cb2ee8d17995cebf24e84af3493c01db9a25bd7d02f628c"
    ),
    "2023-07-11-vilnius-communique.txt": (
        "46c6b31746aa16ba9b6e2b33ce2d00e900cdecad83d415dfe813d1f8ab390bdd"
    ),
    "2023-11-28-bruxelles-ministres-affaires-etrangeres.txt": (
        "c1d6b609151221087f324537add60eee4e14d67ea49226296be04f04e3c3bcf8"
    ),
    "2024-07-11-washington-communique-de-presse-cloture.txt": (
        "d4e2ff06a5144e15322002a4ea5f6588ec042c417050fcfbd9926b3c02fa21fe"
    ),
}


def test_sources_are_kept_byte_for_byte():
    copies = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (FIXTURES / "sources").glob("*.txt")
    }
    assert copies == ORIGINALS


@pytest.mark.django_db
def test_the_seed_holds_every_text_and_meeting():
    assert Document.objects.count() == 5
    assert set(Summit.objects.values_list("slug", flat=True)) >= {
        "bucharest-2008",
        "lisbon-2010",
        "wales-2014",
        "madrid-2022",
        "vilnius-2023",
        "washington-2024",
        "the-hague-2025",
        "brussels-2021",
        "brussels-foreign-ministers-2023",
    }
    vilnius = Document.objects.get(slug="vilnius-2023-communique")
    numbered = Paragraph.objects.filter(document=vilnius, number__isnull=False)
    assert sorted(numbered.values_list("number", flat=True)) == list(range(1, 91))
    items = Paragraph.objects.filter(document=vilnius, parent__number=34).order_by("position")
    assert [p.label for p in items] == [f"34 •{k}" for k in range(1, 7)]
    assert vilnius.raw_text == (
        FIXTURES / "sources" / "2023-07-11-vilnius-communique.txt"
    ).read_text(encoding="utf-8")


@pytest.mark.django_db
def test_the_seed_holds_allies_indicators_and_figures():
    assert Ally.objects.count() == 32
    assert Indicator.objects.filter(slug="defence-expenditure-gdp").exists()
    # 30 allies in 2023 and 31 in 2024: Iceland has no figure, Sweden joined in 2024.
    assert Measurement.objects.filter(indicator__slug="defence-expenditure-gdp").count() == 61
    assert not Measurement.objects.filter(ally__iso3="ISL").exists()
    assert Commitment.objects.confirmed().count() >= 20
