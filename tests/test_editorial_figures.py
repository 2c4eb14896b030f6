"""Editorial figures are reviewed data: an editor's figure is marked as the editor's,
with its source, never outranks NATO's official figures, keeps a history and can be
withdrawn with a reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from commitments.models import Indicator, Measurement
from commitments.progress import latest_figures
from tests.factories import make_admin, make_user

pytestmark = pytest.mark.django_db

GDP = "defence-expenditure-gdp"
TWO_PCT = "/commitments/vilnius-2023-defence-spending-2-pct-gdp/"


def editor_figure(client, **changes):
    indicator = Indicator.objects.get(slug=GDP)
    data = {
        "indicator": indicator.pk,
        "ally": Measurement.objects.filter(ally__iso3="POL").first().ally_id,
        "year": 2024,
        "value": "0.50",
        "edition": "2026-11",
        "source": "A ministry's budget statement, read by an editor",
    }
    data.update(changes)
    return client.post(reverse("commitments:measurement_create"), data)


def counted(iso3, year):
    return latest_figures(Indicator.objects.get(slug=GDP))[(iso3, year)]


def test_a_made_up_edition_is_refused_and_writes_nothing(client, today):
    # The reported failure: an editor's figure under edition "9999-99" replaced NATO's
    # 4.12 for Poland on every public page.
    today("2026-12-01")
    client.force_login(make_user("Editors"))
    before = Measurement.objects.count()
    response = editor_figure(client, edition="9999-99", value="0.10")
    assert response.status_code == 200
    assert "is not an edition" in response.content.decode()
    assert Measurement.objects.count() == before
    assert counted("POL", 2024).value == Decimal("4.12")
    assert "0.10" not in client.get("/allies/pol/").content.decode()


@pytest.mark.parametrize("edition", ["2027-01", "2026-12"])
def test_an_edition_after_today_is_refused(client, today, edition):
    today("2026-11-30")
    client.force_login(make_user("Editors"))
    before = Measurement.objects.count()
    response = editor_figure(client, edition=edition)
    assert "is after today" in response.content.decode()
    assert Measurement.objects.count() == before


def test_an_editors_figure_never_outranks_nato_and_both_are_shown(client, today):
    today("2026-12-01")
    editor = make_user("Editors", first_name="Ada", last_name="Editor")
    client.force_login(editor)
    response = editor_figure(client, value="0.50", edition="2026-11")
    assert response.status_code == 302
    figure = Measurement.objects.get(origin=Measurement.Origin.EDITOR)
    assert figure.author == editor and figure.source.startswith("A ministry")
    # NATO's 2024-06 figure counts, although the editor's edition is newer.
    assert counted("POL", 2024).value == Decimal("4.12")
    assert counted("POL", 2024).is_official
    assert "4.12%" in client.get(TWO_PCT).content.decode()
    page = client.get(figure.get_absolute_url()).content.decode()
    assert "4.12%" in page and "0.50%" in page
    assert "editor's figure" in page and "not counted: NATO's figure counts" in page
    assert "Ada Editor" in page


def test_the_queryset_agrees_with_the_pages_on_what_counts(client, today):
    today("2026-12-01")
    client.force_login(make_user("Editors"))
    editor_figure(client, value="0.50", edition="2026-11")
    editor_figure(client, year=2021, value="2.22", edition="2022-03")
    rows = Measurement.objects.latest_editions().filter(indicator__slug=GDP, ally__iso3="POL")
    assert {(m.year, m.value, m.origin) for m in rows} == {
        (2023, Decimal("3.92"), "nato"),
        (2024, Decimal("4.12"), "nato"),
        (2021, Decimal("2.22"), "editor"),
    }


def test_an_editors_figure_counts_where_nato_has_none(client, today):
    today("2026-12-01")
    client.force_login(make_user("Editors"))
    editor_figure(client, year=2021, value="2.22", edition="2022-03")
    figure = counted("POL", 2021)
    assert figure.value == Decimal("2.22") and not figure.is_official
    page = client.get("/allies/pol/").content.decode()
    assert "2.22%" in page and "editor's" in page


def test_an_editors_figure_needs_a_source(client, today):
    today("2026-12-01")
    client.force_login(make_user("Editors"))
    before = Measurement.objects.count()
    response = editor_figure(client, source="  ")
    assert response.status_code == 200
    assert Measurement.objects.count() == before


def test_figures_keep_a_history(client, today):
    today("2026-12-01")
    editor = make_user("Editors")
    client.force_login(editor)
    editor_figure(client, year=2021, value="2.22", edition="2022-03")
    figure = Measurement.objects.get(origin=Measurement.Origin.EDITOR)
    records = list(figure.history.all())
    assert len(records) == 1 and records[0].history_user == editor
    assert records[0].value == Decimal("2.22")


def test_an_editor_withdraws_an_editors_figure_with_a_reason_kept_in_history(client, today):
    today("2026-12-01")
    editor = make_user("Editors")
    client.force_login(editor)
    editor_figure(client, year=2021, value="2.22", edition="2022-03")
    figure = Measurement.objects.get(origin=Measurement.Origin.EDITOR)
    url = reverse("commitments:figure_withdraw", args=[figure.pk])

    client.post(url, {"reason": ""})
    figure.refresh_from_db()
    assert not figure.withdrawn

    response = client.post(url, {"reason": "The ministry corrected its statement."})
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.withdrawn and figure.withdrawn_reason == "The ministry corrected its statement."
    assert (None if ("POL", 2021) not in latest_figures(figure.indicator) else 1) is None
    latest = figure.history.order_by("-history_date", "-history_id").first()
    assert latest.withdrawn and latest.history_user == editor
    assert latest.history_change_reason.startswith("withdrawn: The ministry")
    page = client.get(figure.get_absolute_url()).content.decode()
    assert "withdrawn" in page and "The ministry corrected its statement." in page
    assert "No figure counts" in page


def test_only_an_admin_withdraws_one_of_natos_figures(client):
    official = Measurement.objects.select_related("ally").get(
        indicator__slug=GDP, ally__iso3="POL", year=2024
    )
    url = reverse("commitments:figure_withdraw", args=[official.pk])
    client.force_login(make_user("Editors"))
    assert client.post(url, {"reason": "Wrong"}).status_code == 403
    client.force_login(make_user("Analysts"))
    assert client.post(url, {"reason": "Wrong"}).status_code == 403
    official.refresh_from_db()
    assert not official.withdrawn

    client.force_login(make_admin())
    client.post(url, {"reason": "NATO replaced the table."})
    official.refresh_from_db()
    assert official.withdrawn
    # The earlier edition's figure is not there for 2024: no figure counts.
    assert ("POL", 2024) not in latest_figures(official.indicator)


def test_the_figure_page_runs_the_queries_it_needs(client, django_assert_num_queries):
    url = reverse("commitments:figure_history", args=[GDP, "pol", 2024])
    # the indicator, the ally, its figures with their files and authors, their history
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
    assert "4.12%" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/figures/defence-expenditure-gdp/pol/1990/",
        "/figures/no-such-indicator/pol/2024/",
        "/figures/defence-expenditure-gdp/xyz/2024/",
        "/figures/defence-expenditure-gdp/europe_canada/2024/",
        "/releases/2099-01/file",
    ],
)
def test_unknown_figures_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("language", "value", "unit", "shown"),
    [
        ("en", Decimal("2.00"), "pct_gdp", "2.00%"),
        ("en", Decimal("1.9"), "pct_gdp", "1.90%"),
        ("en", Decimal("47.7"), "pct_defence_budget", "47.70%"),
        ("fr", Decimal("2"), "pct_gdp", "2,00\u00a0%"),
        ("fr", Decimal("1.90"), "pct_gdp", "1,90\u00a0%"),
        ("en", Decimal("35123.40"), "USD_million", "35,123.4"),
    ],
)
def test_shares_are_shown_with_two_decimals_as_nato_prints_them(language, value, unit, shown):
    from django.utils import translation

    from commitments.figures import figure

    with translation.override(language):
        assert figure(value, unit) == shown


def test_the_figures_export_says_whose_each_figure_is_and_which_counts(client, today):
    import csv
    import io

    today("2026-12-01")
    client.force_login(make_user("Editors"))
    editor_figure(client, value="0.50", edition="2026-11")
    client.logout()
    response = client.get("/measurements.csv", {"ally": "POL", "year": "2024"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["value"], r["edition"], r["origin"], r["counts"]) for r in rows] == [
        ("4.12", "2024-06", "nato", "yes"),
        ("0.50", "2026-11", "editor", "no"),
    ]


@pytest.mark.parametrize("edition", ["9999-99", "2024-13", "June 2024", "2099-01"])
def test_the_csv_importer_refuses_a_made_up_edition_too(tmp_path, today, edition):
    from django.core.management import CommandError, call_command

    today("2026-12-01")
    path = tmp_path / "figures.csv"
    path.write_text(f"iso3,year,value,estimate,edition,source\nPOL,2024,0.1,no,{edition},x\n")
    before = Measurement.objects.count()
    with pytest.raises(CommandError, match="(?i)Line 2: .*edition"):
        call_command("import_measurements", str(path), "--indicator", GDP)
    assert Measurement.objects.count() == before
