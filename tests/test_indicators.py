"""The indicators of the 2025 pledge: defined with their unit and source, creatable in
the admin without code, measurable like the others, linked to the words that state them."""

import json
import shutil
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from commitments.models import Ally, Indicator, Measurement
from commitments.progress import progress_for
from commitments.templatetags.tracker import headline
from fixtures.build import build, link_stated_indicators
from nato_tracker.settings import BASE_DIR

from .factories import make_admin, make_commitment

pytestmark = pytest.mark.django_db

PLEDGE_2025 = {
    "core-defence-expenditure-gdp": ("pct_gdp", "3.5"),
    "defence-security-related-gdp": ("pct_gdp", "1.5"),
    "defence-and-security-total-gdp": ("pct_gdp", "5"),
}


@pytest.fixture
def admin_client(client):
    client.force_login(make_admin(is_superuser=True))
    return client


def test_the_2025_pledge_indicators_are_seeded_with_unit_and_source():
    for slug, (unit, _value) in PLEDGE_2025.items():
        indicator = Indicator.objects.get(slug=slug)
        assert indicator.unit == unit
        assert indicator.source and indicator.description


def test_an_admin_creates_an_indicator_without_code(admin_client):
    url = reverse("admin:commitments_indicator_add")
    data = {
        "name": "Spending on critical infrastructure as a share of GDP",
        "slug": "Critical-Infrastructure-GDP",
        "unit": "pct_gdp",
        "description": "Protection of networks, ports and grids.",
        "source": "The allies' annual plans.",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(slug="critical-infrastructure-gdp")
    assert indicator.get_unit_display() == "% of GDP"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": ""}, "This field is required."),
        ({"unit": "furlongs"}, "Select a valid choice."),
        ({"name": "Defence expenditure as a share of GDP"}, "already exists"),
    ],
)
def test_the_indicator_form_refuses_what_cannot_be_measured(admin_client, change, message):
    data = {
        "name": "A new indicator",
        "slug": "a-new-indicator",
        "unit": "pct_gdp",
        "description": "",
        "source": "Somewhere.",
        **change,
    }
    count = Indicator.objects.count()
    response = admin_client.post(reverse("admin:commitments_indicator_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Indicator.objects.count() == count


def test_the_unit_of_an_indicator_with_figures_stays(admin_client):
    indicator = Indicator.objects.get(slug="defence-expenditure-gdp")
    url = reverse("admin:commitments_indicator_change", args=[indicator.pk])
    data = {
        "name": indicator.name,
        "slug": indicator.slug,
        "unit": "EUR",
        "description": indicator.description,
        "source": indicator.source,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "the unit cannot change" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.unit == "pct_gdp"


def test_a_2025_indicator_is_measured_like_the_others():
    core = Indicator.objects.get(slug="core-defence-expenditure-gdp")
    pledge = make_commitment(
        indicator=core,
        comparator="at_least",
        target_value=Decimal("3.5"),
        unit="pct_gdp",
        deadline_year=2035,
    )
    for iso3, value in [("POL", "4.10"), ("DEU", "2.40"), ("EST", "3.50")]:
        Measurement.objects.create(
            indicator=core,
            ally=Ally.objects.get(iso3=iso3),
            year=2025,
            value=Decimal(value),
            estimate=True,
            edition="2025-08",
            source="test figures",
        )
    progress = progress_for(pledge)
    latest = progress.latest
    assert (latest.meeting, latest.not_meeting, latest.with_data) == (2, 1, 3)
    assert headline(progress) == (
        "2 of the 3 allies with a figure at 3.5% or more in 2025, 29 without"
    )


def draft(**fields):
    return SimpleNamespace(fields=fields)


def test_the_builder_links_the_words_that_state_a_2025_target():
    indicators = [
        {"slug": slug, "unit": unit, "states": rule}
        for slug, unit, rule in [
            ("core", "pct_gdp", {"unit": "pct_gdp", "value": "3.5", "comparators": ["at_least"]}),
            ("related", "pct_gdp", {"unit": "pct_gdp", "value": "1.5", "comparators": ["up_to"]}),
            ("total", "pct_gdp", {"unit": "pct_gdp", "value": "5", "comparators": ["exactly"]}),
        ]
    ]
    core = draft(target_value=Decimal("3.50"), unit="pct_gdp", comparator="at_least")
    related = draft(target_value=Decimal("1.50"), unit="pct_gdp", comparator="up_to")
    total = draft(target_value=Decimal("5.00"), unit="pct_gdp", comparator="exactly")
    wrong_way = draft(target_value=Decimal("1.50"), unit="pct_gdp", comparator="at_least")
    budget = draft(target_value=Decimal("3.50"), unit="pct_defence_budget", comparator="at_least")
    editors = draft(
        target_value=Decimal("3.50"), unit="pct_gdp", comparator="at_least", _indicator="mine"
    )
    none = draft(title="no target")
    link_stated_indicators(
        {("doc", "1"): [core, related, total, wrong_way, budget, editors, none]}, indicators
    )
    assert core.fields["_indicator"] == "core"
    assert related.fields["_indicator"] == "related"
    assert total.fields["_indicator"] == "total"
    assert "_indicator" not in wrong_way.fields
    assert "_indicator" not in budget.fields
    assert editors.fields["_indicator"] == "mine"
    assert "_indicator" not in none.fields


HAGUE_TEXT = """Declaration written for a test

1. We commit to spend at least 3.5% of GDP each year on core defence requirements by 2035.

2. Allies will also spend up to 1.5% of GDP each year on resilience and the protection of networks.
"""


def test_a_text_stating_the_targets_is_linked_by_the_fixture_build(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(BASE_DIR / "fixtures" / "sources", sources)
    (sources / "the-hague-test.txt").write_text(HAGUE_TEXT, encoding="utf-8")
    with open(sources / "metadata.toml", "a", encoding="utf-8") as handle:
        handle.write(
            '\n[[document]]\nfile = "the-hague-test.txt"\nslug = "the-hague-test"\n'
            'summit = "the-hague-2025"\nkind = "declaration"\ntitle = "A test declaration"\n'
            "published_on = 2025-06-25\n"
        )
    records = json.loads(build(sources)["commitments.json"])
    linked = {
        r["fields"]["quote"][:40]: r["fields"]["indicator"]
        for r in records
        if r["model"] == "commitments.commitment"
        and r["fields"]["slug"].startswith("the-hague-test")
    }
    assert linked == {
        "We commit to spend at least 3.5% of GDP ": ["core-defence-expenditure-gdp"],
        "Allies will also spend up to 1.5% of GDP": ["defence-security-related-gdp"],
    }
