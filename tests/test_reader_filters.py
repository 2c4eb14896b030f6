from datetime import date

import pytest
from django.utils import translation

from summits.models import Summit
from summits.templatetags.meetings import date_range, defect_label


@pytest.mark.parametrize(
    ("start", "end", "english", "french"),
    [
        (date(2021, 6, 14), date(2021, 6, 14), "14 June 2021", "14 juin 2021"),
        (date(2025, 6, 24), date(2025, 6, 25), "24–25 June 2025", "24–25 juin 2025"),
        (date(2022, 6, 28), date(2022, 7, 1), "28 June – 1 July 2022", "28 juin – 1 juillet 2022"),
        (
            date(2022, 12, 31),
            date(2023, 1, 1),
            "31 December 2022 – 1 January 2023",
            "31 décembre 2022 – 1 janvier 2023",
        ),
    ],
)
def test_summit_dates_read_as_a_range(start, end, english, french):
    summit = Summit(started_on=start, ended_on=end)
    with translation.override("en"):
        assert date_range(summit) == english
    with translation.override("fr"):
        assert date_range(summit) == french


def test_defect_kinds_have_readable_names_and_unknown_kinds_pass_through():
    with translation.override("en"):
        assert defect_label("cut") == "cut mid-sentence"
    assert defect_label("something_new") == "something_new"
