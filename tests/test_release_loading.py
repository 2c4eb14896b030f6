"""Loading NATO's release through the command: a NATO-shaped workbook (and its CSV)
built in the tests, editions side by side, revisions marked, every refusal writing
nothing."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Indicator, Measurement, Release
from commitments.progress import latest_figures
from tests import release_files

pytestmark = pytest.mark.django_db

GDP = "defence-expenditure-gdp"


@pytest.fixture(autouse=True)
def after_both_editions(today):
    today("2026-12-01")


def load(tmp_path, data, edition, name="release.xlsx", *options):
    path = tmp_path / name
    path.write_bytes(data)
    from io import StringIO

    out = StringIO()
    call_command("import_release", str(path), "--edition", edition, *options, stdout=out)
    return out.getvalue()


def counts():
    return (
        Measurement.objects.count(),
        Measurement.history.count(),
        Release.objects.count(),
        Indicator.objects.count(),
    )


def counted(slug, who, year):
    return latest_figures(Indicator.objects.get(slug=slug)).get((who, year))


def test_a_workbook_loads_as_one_edition_kept_byte_for_byte(tmp_path):
    data = release_files.workbook()
    before = Measurement.objects.count()
    out = load(tmp_path, data, "2025-06")
    release = Release.objects.get(edition="2025-06")
    assert bytes(release.data) == data and release.size == len(data)
    import hashlib

    assert release.sha256 == hashlib.sha256(data).hexdigest()
    assert release.title == "Defence Expenditure of NATO Countries (2014-2025)"
    assert release.format == "xlsx"
    loaded = Measurement.objects.filter(release=release)
    assert Measurement.objects.count() == before + loaded.count() == before + 837
    # Against the seed editions: 2023 and 2024 are unchanged, the rest is new.
    assert "share of GDP (sheet 'Table 3', row 5, 2014-2025): 335 new, 61 unchanged" in out
    assert "837 figures, 767 new, 70 unchanged, 0 revised" in out
    assert counted(GDP, "POL", 2025).estimate is True
    assert counted(GDP, "POL", 2024).estimate is False  # no longer an estimate
    assert counted(GDP, "POL", 2024).edition == "2025-06"
    # Every loaded figure has its history record.
    assert Measurement.history.filter(id__in=loaded.values("pk")).count() == 837


def test_aggregates_are_kept_as_alliance_wide_figures(tmp_path):
    load(tmp_path, release_files.workbook(), "2025-06")
    total = counted(GDP, None, 2014)
    assert total.ally is None and total.aggregate == "nato_total"
    assert total.value == Decimal("2.40")
    europe = counted(GDP, "europe_canada", 2014)
    assert europe.value == Decimal("1.50") and europe.ally is None


def test_the_csv_equivalent_gives_the_same_figures(tmp_path):
    load(tmp_path, release_files.workbook(), "2025-06")
    from_workbook = {
        (m.indicator_id, m.ally_id, m.aggregate, m.year, m.value, m.estimate)
        for m in Measurement.objects.filter(edition="2025-06")
    }
    Measurement.objects.filter(edition="2025-06").delete()
    Release.objects.all().delete()
    load(tmp_path, release_files.csv_file(delimiter=";", decimal=","), "2025-06", "r.csv")
    assert Release.objects.get().format == "csv"
    assert {
        (m.indicator_id, m.ally_id, m.aggregate, m.year, m.value, m.estimate)
        for m in Measurement.objects.filter(edition="2025-06")
    } == from_workbook


def test_a_second_edition_marks_revised_figures_and_the_pages_count_it(tmp_path, client):
    load(tmp_path, release_files.workbook(), "2025-06")
    revised = {("POL", 2024): Decimal("4.20"), ("BEL", 2023): Decimal("1.19")}
    out = load(
        tmp_path, release_files.workbook(gdp=revised), "2025-08", "second.xlsx", "--show-revised"
    )
    assert (
        "share of GDP (sheet 'Table 3', row 5, 2014-2025): 0 new, 394 unchanged, 2 revised" in out
    )
    assert "defence-expenditure-gdp POL 2024: 4.12 (2025-06) -> 4.20" in out
    assert "defence-expenditure-gdp BEL 2023: 1.21 (2025-06) -> 1.19" in out
    figure = counted(GDP, "POL", 2024)
    assert (figure.value, figure.edition) == (Decimal("4.20"), "2025-08")
    assert figure.revised_from.value == Decimal("4.12")
    page = client.get("/allies/pol/").content.decode()
    assert "4.20%" in page and "revised" in page
    history = client.get(figure.get_absolute_url()).content.decode()
    for shown in ("2025-08", "2025-06", "2024-06", "4.12% → 4.20%", "second.xlsx", "release.xlsx"):
        assert shown in history
    assert "unchanged" in client.get("/figures/defence-expenditure-gdp/pol/2023/").content.decode()


def test_the_two_percent_count_follows_the_newest_edition(tmp_path, client):
    two_pct = "/commitments/vilnius-2023-defence-spending-2-pct-gdp/"
    assert "23 of the 31 allies with a figure at 2% or more in 2024" in (
        client.get(two_pct).content.decode()
    )
    # The second edition takes Poland and Greece below 2 % in 2024 (test data).
    below = {("POL", 2024): Decimal("1.99"), ("GRC", 2024): Decimal("1.50")}
    load(tmp_path, release_files.workbook(gdp=below), "2025-08")
    page = client.get(two_pct).content.decode()
    assert "of the 31 allies with a figure at 2% or more in 2025" in page
    figures = latest_figures(Indicator.objects.get(slug=GDP))
    meeting = sum(
        1 for (iso3, year), m in figures.items() if iso3 and year == 2024 and m.value >= 2
    )
    assert meeting == 21


def test_a_dry_run_writes_nothing(tmp_path):
    before = counts()
    out = load(tmp_path, release_files.workbook(), "2025-06", "release.xlsx", "--dry-run")
    assert "Would load edition 2025-06" in out
    assert counts() == before


def test_a_missing_indicator_is_created_with_its_definition(tmp_path):
    Indicator.objects.filter(slug="defence-expenditure-usd").delete()
    load(tmp_path, release_files.workbook(), "2025-06")
    usd = Indicator.objects.get(slug="defence-expenditure-usd")
    assert usd.unit == "USD_million" and usd.name_fr.startswith("Dépenses de défense")
    assert usd.measurements.filter(ally__iso3="POL", year=2014).exists()


def test_an_editors_figure_gives_way_to_the_release(tmp_path, client):
    from tests.factories import make_user

    client.force_login(make_user("Editors"))
    poland = Measurement.objects.filter(ally__iso3="POL").first().ally_id
    client.post("/measurements/new/", {
        "indicator": Indicator.objects.get(slug=GDP).pk, "ally": poland, "year": 2025,
        "value": "9.99", "edition": "2026-11", "source": "An editor's reading of a budget",
    })  # fmt: skip
    assert counted(GDP, "POL", 2025).value == Decimal("9.99")
    load(tmp_path, release_files.workbook(), "2025-06")
    assert counted(GDP, "POL", 2025).value == Decimal("4.17")
    assert Measurement.objects.filter(origin="editor", value=Decimal("9.99")).exists()


@pytest.mark.parametrize(
    ("make", "edition", "message"),
    [
        (lambda: release_files.workbook(extra_rows=[["Narnia", *[1.5] * 12]]), "2025-06",
         r"sheet 'Table 3', row \d+: 'Narnia' is not the name of an ally"),
        (lambda: release_files.workbook(skip=["usd"]), "2025-06",
         "Missing table.*defence expenditure in us dollars"),
        (lambda: release_files.workbook(gdp={("FRA", 2019): "n/k"}), "2025-06",
         r"sheet 'Table 3', row \d+, 2019: 'n/k' is not a figure"),
        (lambda: b"PK\x03\x04 broken", "2025-06", "cannot be read as an Excel workbook"),
        (lambda: b"iso3,year,value\nPOL,2024,4.1\n", "2025-06",
         "No table with a header row of years"),
        (lambda: release_files.workbook(), "2024-06", "after the edition's year"),
        (lambda: release_files.workbook(), "9999-99", "9999-99 is not an edition"),
        (lambda: release_files.workbook(), "2027-01", "is after today"),
        (lambda: release_files.workbook(), "2024-03", "after the edition's year"),
    ],
)  # fmt: skip
def test_a_release_that_cannot_be_loaded_is_refused_and_nothing_is_written(
    tmp_path, make, edition, message
):
    before = counts()
    data = make()
    with pytest.raises(CommandError, match=message):
        load(tmp_path, data, edition, "release.xlsx" if data.startswith(b"PK") else "r.csv")
    assert counts() == before


def test_an_edition_is_loaded_once(tmp_path):
    data = release_files.workbook()
    load(tmp_path, data, "2025-06")
    before = counts()
    with pytest.raises(CommandError, match="Edition 2025-06 is already loaded, from release.xlsx"):
        load(tmp_path, release_files.workbook(gdp={("POL", 2024): 1}), "2025-06")
    with pytest.raises(CommandError, match="already loaded, as edition 2025-06"):
        load(tmp_path, data, "2025-08")
    assert counts() == before


def test_an_edition_loaded_from_the_trackers_own_csv_is_not_loaded_again(tmp_path):
    seed = Measurement.objects.filter(indicator__slug=GDP, edition="2024-06").first()
    Measurement.objects.filter(pk=seed.pk).update(edition="2025-06")
    before = counts()
    with pytest.raises(CommandError, match="Edition 2025-06 already has 1 official figures"):
        load(tmp_path, release_files.workbook(), "2025-06")
    assert counts() == before


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_release", str(tmp_path / "none.xlsx"), "--edition", "2025-06")
