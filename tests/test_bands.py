"""Unknown is not "no": every count keeps three bands (meets, does not meet, no figure),
and its label names the allies with a figure."""

import csv
import io
import json

import pytest
from django.utils import translation

from commitments.models import Commitment
from commitments.progress import YearCount, progress_for
from commitments.templatetags.tracker import bands_label, headline

pytestmark = pytest.mark.django_db

EQUIPMENT = "vilnius-2023-major-equipment-20-pct"
SPENDING = "vilnius-2023-defence-spending-2-pct-gdp"


def progress(slug):
    return progress_for(Commitment.objects.for_list().get(slug=slug))


def test_the_20_pct_headline_counts_only_the_nine_allies_with_a_figure():
    # It said "7 of 32 allies at 20% or more in 2024" with 9 figures: the 23 allies
    # without one were counted as missing the target.
    equipment = progress(EQUIPMENT)
    latest = equipment.latest
    assert (latest.members, latest.with_data, latest.meeting) == (32, 9, 7)
    assert (latest.not_meeting, latest.without_data) == (2, 23)
    label = headline(equipment)
    assert "7 of 32" not in label
    assert label == "7 of the 9 allies with a figure at 20% or more in 2024, 23 without"


def test_the_2_pct_headline_names_the_one_ally_without_a_figure():
    assert headline(progress(SPENDING)) == (
        "23 of the 31 allies with a figure at 2% or more in 2024, 1 without"
    )


def test_labels_in_french_with_their_plurals():
    with translation.override("fr"):
        assert headline(progress(EQUIPMENT)).replace("\u00a0", " ").replace("\u202f", " ") == (
            "7 des 9 alliés ayant un chiffre à 20 % ou plus en 2024, 23 sans chiffre"
        )
        assert bands_label(YearCount(2024, 32, 9, 7)) == (
            "7 atteignent la cible, 2 ne l’atteignent pas, 23 n’ont pas de chiffre"
        )
        assert bands_label(YearCount(2024, 3, 2, 1)) == (
            "1 atteint la cible, 1 ne l’atteint pas, 1 n’a pas de chiffre"
        )


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (YearCount(2024, 32, 9, 7), "7 meet the target, 2 do not, 23 have no figure"),
        (YearCount(2024, 3, 2, 1), "1 meets the target, 1 does not, 1 has no figure"),
        (YearCount(2024, 32, 32, 32), "32 meet the target, 0 do not, 0 have no figure"),
        (YearCount(2024, 32, 0, 0), "0 meet the target, 0 do not, 32 have no figure"),
    ],
)
def test_bands_label(count, label):
    assert bands_label(count) == label


def test_bands_widths_add_up_to_the_members():
    bands = YearCount(2024, 32, 9, 7).bands()
    assert [(band, allies) for band, allies, _width in bands] == [
        ("meets", 7),
        ("does_not_meet", 2),
        ("no_figure", 23),
    ]
    assert sum(width for _band, _allies, width in bands) == pytest.approx(100, abs=0.05)


def test_the_home_and_commitment_pages_show_the_three_bands(client):
    home = client.get("/").content.decode()
    assert "7 of the 9 allies with a figure at 20% or more in 2024, 23 without" in home
    assert "7 meet the target, 2 do not, 23 have no figure" in home
    assert 'class="band-no_figure"' in home
    page = client.get(f"/commitments/{EQUIPMENT}/").content.decode()
    assert "7 meet the target, 2 do not, 23 have no figure" in page
    assert "no figure: not counted as missing" in page
    assert 'class="col nofigure"' in page  # the chart's third band


def test_the_progress_export_carries_the_band(client):
    response = client.get(f"/commitments/{EQUIPMENT}/progress.csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    bands = {(row["ally"], row["year"]): row["band"] for row in rows}
    assert bands[("ALB", "2024")] == "meets"
    assert bands[("BEL", "2024")] == "does_not_meet"
    assert bands[("ALB", "2024")] in {"meets", "does_not_meet"}
    assert bands[("FRA", "2024")] == "no_figure"
    assert sum(band == "no_figure" for band in bands.values()) == 23
    data = json.loads(
        b"".join(client.get(f"/commitments/{EQUIPMENT}/progress.json").streaming_content)
    )
    assert {row["band"] for row in data} == {"meets", "does_not_meet", "no_figure"}
