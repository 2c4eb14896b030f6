from decimal import Decimal

import pytest

from commitments.models import Commitment
from commitments.progress import progress_for

pytestmark = pytest.mark.django_db


def spending_pledge():
    return Commitment.objects.get(
        indicator__slug="defence-expenditure-gdp", summit__slug="vilnius-2023"
    )


def test_allies_meeting_two_percent_per_year_match_natos_announcements():
    progress = progress_for(spending_pledge())
    counts = {count.year: count for count in progress.counts}
    assert (counts[2023].meeting, counts[2023].members) == (11, 31)
    assert (counts[2024].meeting, counts[2024].members) == (23, 32)
    assert counts[2024].with_data == 31


def test_iceland_shows_no_data_and_sweden_was_not_a_member_in_2023():
    progress = progress_for(spending_pledge())
    rows = {row.ally.iso3: row for row in progress.rows}
    iceland_2024 = rows["ISL"].cells[progress.years.index(2024)]
    assert iceland_2024.member and iceland_2024.measurement is None and iceland_2024.meets is None
    sweden_2023 = rows["SWE"].cells[progress.years.index(2023)]
    assert not sweden_2023.member
    poland_2024 = rows["POL"].cells[progress.years.index(2024)]
    assert poland_2024.meets and poland_2024.value > Decimal("4")


def test_equipment_figures_missing_for_most_allies_are_no_data_not_zero():
    pledge = Commitment.objects.get(indicator__slug="major-equipment-share")
    progress = progress_for(pledge)
    cells = [row.cells[progress.years.index(2024)] for row in progress.rows]
    assert sum(cell.measurement is not None for cell in cells) == 9
    assert all(cell.value is None for cell in cells if cell.measurement is None)
    belgium = next(row for row in progress.rows if row.ally.iso3 == "BEL")
    assert belgium.cells[0].meets is False  # 15.2 % < 20 %


def test_a_later_edition_replaces_an_earlier_figure_for_the_same_year(
    django_assert_max_num_queries,
):
    pledge = spending_pledge()
    belgium = pledge.indicator.measurements.get(ally__iso3="BEL", year=2024)
    pledge.indicator.measurements.create(
        ally=belgium.ally,
        year=2024,
        value=Decimal("2.10"),
        estimate=True,
        edition="2025-06",
        source="later edition",
    )
    with django_assert_max_num_queries(4):  # the rule, the indicator, figures, allies
        progress = progress_for(pledge)
    counts = {count.year: count for count in progress.counts}
    assert counts[2024].meeting == 24


def test_an_allys_score_from_its_own_figures_is_its_row_of_the_full_table():
    """The ally page scores each commitment from the ally's figures alone (and the
    indicator's years from the database): the same score as its row among all allies."""
    from commitments.models import Ally, Measurement
    from commitments.progress import ally_score, indicator_years, latest_figures

    measured = Commitment.objects.filter(indicator__isnull=False, target_value__isnull=False)
    assert measured.count() >= 3
    for commitment in measured.select_related("indicator", "summit"):
        full = progress_for(commitment, allies=list(Ally.objects.order_by("name_en")))
        years = indicator_years([commitment.indicator_id]).get(commitment.indicator_id, [])
        of_allies = commitment.indicator.measurements.filter(ally__isnull=False)
        assert years == sorted(set(of_allies.values_list("year", flat=True)))
        for row in full.rows:
            own = Measurement.objects.filter(indicator=commitment.indicator, ally=row.ally)
            figures = latest_figures(commitment.indicator, own.select_related("ally"))
            assert ally_score(commitment, row.ally, figures) == row.score, (commitment, row.ally)
            if years == full.years:  # figures of allies, not only the Alliance's
                alone = progress_for(commitment, allies=[row.ally], figures=figures, years=years)
                assert alone.rows[0].cells == row.cells
