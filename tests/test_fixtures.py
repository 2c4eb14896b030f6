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


def test_sources_are_kept_byte_for_byte():
    shared = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("the original seeds are not beside the repository")
    originals = {path.read_bytes() for path in shared.glob("0*.txt")}
    copies = {path.read_bytes() for path in (FIXTURES / "sources").glob("*.txt")}
    assert copies == originals


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
