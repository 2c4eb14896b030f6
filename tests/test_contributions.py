"""Money pledged and delivered: contributions per ally and over time, their totals
against the pledge and its deadline, as of a set day."""

import re
from datetime import date
from decimal import Decimal

import pytest

from commitments.models import Ally, Commitment, Contribution, Indicator
from commitments.progress import progress_for
from commitments.tally import running, tally

pytestmark = pytest.mark.django_db

CAP = "vilnius-2023-cap-multi-year-programme"
BASELINE = "washington-2024-ukraine-40-billion-baseline"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def gift(kind, day, amount, qualifier="exactly", ally=None, cumulative=False, pk=None):
    return Contribution(
        pk=pk,
        kind=kind,
        made_on=date.fromisoformat(day),
        amount=Decimal(amount),
        qualifier=qualifier,
        ally=ally,
        cumulative=cumulative,
        source="test",
    )


def test_a_total_stated_by_a_text_stands_for_what_came_before_it():
    contributions = [
        gift("pledged", "2023-01-10", "100"),
        gift("pledged", "2023-07-11", "500", "more_than", cumulative=True),
        gift("pledged", "2023-09-01", "20"),
        gift("delivered", "2023-10-01", "30"),
    ]
    assert running(contributions, "pledged").value == Decimal("520")
    assert running(contributions, "pledged").qualifier == "more_than"
    assert running(contributions, "delivered").value == Decimal("30")
    assert running(contributions, "delivered").qualifier == "exactly"


@pytest.mark.parametrize(
    ("today", "pledged", "delivered", "days_left", "passed", "by_deadline", "later"),
    [
        # Before the second pledge: only what is dated on or before today counts.
        ("2024-08-01", "40", "0", 517, False, "0", 3),
        ("2025-06-30", "45", "10", 184, False, "10", 1),
        ("2025-12-31", "45", "10", 0, False, "10", 1),
        # After the deadline: the late delivery counts in the total, not by the deadline.
        ("2026-12-01", "45", "35", -335, True, "10", 0),
    ],
)
def test_totals_and_the_deadline_are_seen_from_today(
    today, pledged, delivered, days_left, passed, by_deadline, later
):
    contributions = [
        gift("pledged", "2024-07-11", "40", "at_least", cumulative=True, pk=1),
        gift("pledged", "2025-02-01", "5", pk=2),
        gift("delivered", "2025-03-01", "10", pk=3),
        gift("delivered", "2026-03-01", "25", pk=4),
    ]
    result = tally(
        contributions,
        today=date.fromisoformat(today),
        target=Decimal("40"),
        target_qualifier="at_least",
        deadline_year=2025,
    )
    assert result.pledged.value == Decimal(pledged)
    assert result.pledged.qualifier == "at_least"
    assert result.delivered.value == Decimal(delivered)
    assert result.days_left == days_left
    assert result.deadline_passed is passed
    assert result.delivered_by_deadline.value == Decimal(by_deadline)
    assert result.later == later
    assert len(result.lines) == 4


def test_the_cap_page_shows_what_the_text_states_and_no_doubled_word(client, today):
    today("2026-12-01")
    html = client.get(f"/commitments/{CAP}/").content.decode()
    text = text_of(html)
    # It read "No amount recorded yet recorded · 500 million euros pledged".
    assert "recorded yet recorded" not in text
    assert "Pledged more than 500 million euros" in text
    assert "Delivered none recorded yet" in text
    # The figure the text states, citing its paragraph, with its qualifier.
    assert "All contributors (total to date)" in text
    assert (
        'Communiqué du sommet de Vilnius, ¶13</a>: <q lang="fr">plus de 500 millions d’euros'
        in html
    )
    assert 'href="/documents/vilnius-2023-communique/#p13"' in html


def test_the_40_billion_pledge_shows_its_deadline_and_delivered_against_pledged(client, today):
    today("2026-12-01")
    indicator = Indicator.objects.get(slug="ukraine-military-assistance")
    for iso3, day, amount in [
        ("DEU", "2024-10-01", "7000000000"),
        ("NLD", "2025-05-01", "3500000000"),
    ]:
        Contribution.objects.create(
            indicator=indicator,
            ally=Ally.objects.get(iso3=iso3),
            kind="delivered",
            made_on=date.fromisoformat(day),
            amount=Decimal(amount),
            source="test figures",
        )
    text = text_of(client.get(f"/commitments/{BASELINE}/").content.decode())
    assert "Delivered 10.5 billion euros" in text
    assert "Pledged at least 40 billion euros" in text
    assert "The commitment at least 40 billion euros" in text
    assert "31 December 2025 · passed 335 days ago" in text
    assert "Delivered by the deadline: 10.5 billion euros" in text
    assert "Germany" in text and "Netherlands" in text
    progress = progress_for(Commitment.objects.for_list().get(slug=BASELINE))
    assert [c.name for c in progress.amount.contributors][:2] == ["All contributors", "Germany"]


def test_the_home_page_shows_delivered_and_pledged(client):
    text = text_of(client.get("/").content.decode())
    assert "No delivery recorded yet · more than 500 million euros pledged" in text
    assert "No delivery recorded yet · at least 40 billion euros pledged" in text


def test_a_contribution_must_count_money():
    contribution = gift("pledged", "2024-01-01", "5")
    contribution.indicator = Indicator.objects.get(slug="defence-expenditure-gdp")
    with pytest.raises(Exception, match="amount indicator"):
        contribution.full_clean()


def test_the_ally_page_lists_its_contributions(client):
    indicator = Indicator.objects.get(slug="cap-funding")
    Contribution.objects.create(
        indicator=indicator,
        ally=Ally.objects.get(iso3="NOR"),
        kind="pledged",
        qualifier="up_to",
        made_on=date(2024, 4, 2),
        amount=Decimal("75000000"),
        source="test ledger",
    )
    text = text_of(client.get("/allies/nor/").content.decode())
    assert "Money pledged and delivered" in text
    assert (
        "2 Apr 2024 Funding committed to the Comprehensive Assistance Package for Ukraine" in text
    )
    assert "pledged up to 75 million euros test ledger" in text
    assert "Money pledged and delivered" not in text_of(client.get("/allies/pol/").content.decode())


def test_the_contributions_export_carries_the_running_totals(client, today):
    import csv
    import io

    today("2026-12-01")
    indicator = Indicator.objects.get(slug="cap-funding")
    Contribution.objects.create(
        indicator=indicator,
        ally=Ally.objects.get(iso3="DEU"),
        kind="pledged",
        made_on=date(2024, 1, 5),
        amount=Decimal("20000000"),
        source="test ledger",
    )
    response = client.get(f"/commitments/{CAP}/progress.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["contributor"], r["qualifier"], r["amount"]) for r in rows] == [
        ("All contributors", "more_than", "500000000.00"),
        ("Germany", "exactly", "20000000.00"),
    ]
    last = rows[-1]
    assert (last["running_pledged"], last["running_pledged_qualifier"]) == (
        "520000000.00",
        "more_than",
    )
    assert rows[0]["paragraph"] == "vilnius-2023-communique 13"
    assert rows[0]["total_to_date"] == "yes"
