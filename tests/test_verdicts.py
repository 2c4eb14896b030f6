"""Verdicts seen from a fixed today: deadlines and overdue commitments, the next summit,
the age of a status, scores by each target's stated rule, the corrected lineage."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from commitments import scoring
from commitments.models import Ally, AssessmentRule, Commitment, Measurement, StatusChange
from commitments.progress import progress_for
from commitments.services import record_status_change
from commitments.templatetags.verdicts import age, deadline_phrase

pytestmark = pytest.mark.django_db

WALES = "wales-2014-defence-investment-pledge"
SPENDING = "vilnius-2023-defence-spending-2-pct-gdp"
EQUIPMENT = "vilnius-2023-major-equipment-20-pct"
BERLIN = "vilnius-2023-cyber-defence-conference-berlin"
METHODOLOGY = 'href="/methodology/#'


def get(slug):
    return Commitment.objects.for_list().get(slug=slug)


def scores(slug):
    return {row.ally.iso3: row.score for row in progress_for(get(slug)).rows}


# Time -----------------------------------------------------------------------------------


def test_the_hague_is_next_only_before_it_is_held(client, today):
    today("2025-01-10")
    html = client.get("/").content.decode()
    assert '>next</span> <a href="/summits/the-hague-2025/">The Hague Summit 2025' in html
    today("2026-12-01")
    html = client.get("/").content.decode()
    assert "The Hague Summit 2025" not in html
    assert "No summit announced after the latest one." in html


def test_deadlines_passed_without_a_met_verdict_are_overdue_until_an_editor_decides(today):
    today("2026-12-01")
    overdue = set(Commitment.objects.confirmed().overdue().values_list("slug", flat=True))
    # Wales (2024) is partly met as of June 2024, before its deadline ended; the Berlin
    # conference (2023) was never rated; the southern reflection (2024) is in progress.
    assert {WALES, BERLIN, "vilnius-2023-southern-neighbourhood-reflection"} <= overdue
    # Met, or without a deadline: never overdue.
    assert "vilnius-2023-nato-ukraine-council" not in overdue
    assert SPENDING not in overdue
    # An editor's final verdict after the deadline year settles it.
    record_status_change(
        commitment=get(WALES),
        status=Commitment.Status.MISSED,
        as_of=date(2025, 1, 15),
        rationale="Nine allies below 2 % in the pledge's tenth year.",
        source_text="test",
    )
    assert not Commitment.objects.overdue().filter(slug=WALES).exists()
    # Seen from 2024, no deadline of 2024 has passed yet.
    today("2024-06-01")
    assert not Commitment.objects.overdue().filter(slug=WALES).exists()


def test_the_browser_filters_on_overdue_and_passed_or_coming_deadlines(client, today):
    today("2026-12-01")
    page = client.get("/commitments/", {"deadline": "overdue"})
    slugs = {c.slug for c in page.context["page"].object_list}
    assert {WALES, BERLIN} <= slugs and SPENDING not in slugs
    assert 'class="pill overdue"' in page.content.decode()
    coming = client.get("/commitments/", {"deadline": "coming"})
    assert {c.slug for c in coming.context["page"].object_list} == {"brussels-2021-net-zero-2050"}
    today("2023-01-01")
    coming = {c.slug for c in client.get("/commitments/", {"deadline": "coming"}).context["page"]}
    assert WALES in coming


def test_a_commitment_page_says_how_old_its_status_is_and_when_its_deadline_ended(client, today):
    today("2026-12-01")
    html = client.get(get(WALES).get_absolute_url()).content.decode()
    assert "as of 17 June 2024, 2\xa0years ago" in html
    assert "ended 2 year(s) ago" in html
    assert '<span class="pill overdue">Overdue</span>' in html
    assert "awaiting an editor’s verdict" in html


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2024, 6, 17), "2\xa0years ago"), (date(2026, 12, 1), "today"),
     (date(2026, 11, 20), "1\xa0week ago"), (date(2027, 1, 1), "in 1\xa0month")],
)  # fmt: skip
def test_ages_are_seen_from_today(today, day, text):
    today("2026-12-01")
    assert age(day) == text


def test_deadline_phrases_follow_today(today):
    pledge = get(WALES)
    today("2026-12-01")
    assert deadline_phrase(pledge) == "ended 2 year(s) ago"
    today("2024-03-01")
    assert deadline_phrase(pledge) == "ends this year"
    today("2020-03-01")
    assert deadline_phrase(pledge) == "ends in 4 year(s)"


# Scores ---------------------------------------------------------------------------------


def test_finland_and_sweden_are_not_scored_on_the_wales_pledge_made_before_they_joined(today):
    today("2026-12-01")
    wales = scores(WALES)
    assert wales["FIN"].value is None and wales["FIN"].reason == "joined_after"
    assert wales["SWE"].value is None and wales["SWE"].reason == "joined_after"
    # Finland was a member at Vilnius (July 2023), Sweden was not.
    vilnius = scores(SPENDING)
    assert vilnius["FIN"].value == 1
    assert vilnius["SWE"].reason == "joined_after"


def test_spain_missed_the_wales_pledge_once_its_deadline_passed_at_1_28_percent(today):
    today("2026-12-01")
    spain = scores(WALES)["ESP"]
    assert (spain.value, spain.status, spain.year) == (-1, "missed", 2024)
    # Seen from before the deadline year, the same figures are work in progress.
    today("2023-09-01")
    spain = scores(WALES)["ESP"]
    assert (spain.value, spain.status) == (0, "in_progress")


def test_belgium_and_canada_get_no_score_on_the_20_percent_guideline_from_one_figure(today):
    today("2026-12-01")
    equipment = scores(EQUIPMENT)
    for iso3 in ("BEL", "CAN"):  # 15.2 % and 18.6 % in 2024, the only year published
        assert equipment[iso3].value is None and equipment[iso3].reason == "one_figure"
    assert equipment["FIN"].value == 1  # one figure, but it meets the target
    # A second year rising by the rule's point a year gives 0.
    indicator = get(EQUIPMENT).indicator
    belgium = Ally.objects.get(iso3="BEL")
    Measurement.objects.create(
        indicator=indicator, ally=belgium, year=2023, value=Decimal("13.9"), edition="2024-06",
        source="test",
    )  # fmt: skip
    assert scores(EQUIPMENT)["BEL"].status == "partly_met"


def test_a_rise_of_0_04_points_does_not_flip_a_score(today):
    today("2026-12-01")
    canada = scores(SPENDING)["CAN"]  # 1.33 % in 2023, 1.37 % in 2024
    assert (canada.value, canada.status) == (-1, "missed")
    Measurement.objects.filter(ally__iso3="CAN", year=2024).update(value=Decimal("1.29"))
    assert scores(SPENDING)["CAN"].value == -1  # falling by 0.04: the same score
    Measurement.objects.filter(ally__iso3="CAN", year=2024).update(value=Decimal("1.45"))
    assert scores(SPENDING)["CAN"].status == "partly_met"  # 0.12 point: the rule's margin


def test_a_crossing_by_less_than_natos_published_precision_is_not_a_change(today):
    today("2026-12-01")
    commitment = get(SPENDING)
    rule = scoring.rule_for(commitment)
    assert rule.precision == Decimal("0.01")
    finland = Ally.objects.get(iso3="FIN")
    at_two = scoring.score(commitment, rule, [(2023, Decimal("2.004"))], ally=finland)
    just_below = scoring.score(commitment, rule, [(2023, Decimal("1.996"))], ally=finland)
    assert at_two.value == just_below.value == 1  # both published as 2.00 %
    below = scoring.score(commitment, rule, [(2023, Decimal("1.994"))], ally=finland)
    assert below.reason == "one_figure"  # published as 1.99 %


@pytest.mark.parametrize(
    ("value", "rounded"),
    [("1.996", "2.00"), ("1.994", "1.99"), ("2.005", "2.01"), ("15.2", "15.20")],
)
def test_figures_are_rounded_to_the_published_precision(value, rounded):
    assert scoring.rounded(Decimal(value), Decimal("0.01")) == Decimal(rounded)


def test_wales_and_vilnius_2_percent_count_once_in_an_allys_average(client, today):
    today("2026-12-01")
    response = client.get("/allies/esp/")
    counted = response.context["counted"]
    rows = {c.slug: row for c, _years, row in response.context["rows"]}
    assert rows[WALES].score.value == -1 and rows[SPENDING].score.value == -1
    assert get(SPENDING).pk in counted and get(WALES).pk not in counted
    assert response.context["average"] == -1  # one target, not two
    assert "counted once, with the later commitment" in response.content.decode()


def test_the_default_rule_reads_the_deadline_year_and_gives_no_partial_score():
    pledge = get(WALES)
    AssessmentRule.objects.filter(commitment=pledge).delete()
    rule = scoring.rule_for(get(WALES))
    assert not rule.stated and rule.partial_rise is None
    assert rule.assessed_year == AssessmentRule.AssessedYear.DEADLINE


def test_the_rule_is_shown_on_the_commitment_page_with_a_link_to_the_method(client, today):
    today("2026-12-01")
    html = client.get(get(WALES).get_absolute_url()).content.decode()
    assert "How this target is scored" in html
    assert "the figure for 2024, the deadline" in html
    assert "a rise of at least 0.1 a year since the first figure" in html
    assert "no score: a trend cannot be read from one figure" in html
    assert "figures compared at 0.01, as NATO publishes them" in html
    assert METHODOLOGY in html


def test_a_deadline_figure_not_yet_published_gives_a_provisional_score(today):
    today("2026-12-01")
    pledge = get(WALES)
    pledge.deadline_year = 2025
    spain = next(r for r in progress_for(pledge).rows if r.ally.iso3 == "ESP").score
    assert spain.provisional and (spain.value, spain.year) == (0, 2024)


# Corrections ----------------------------------------------------------------------------


def test_the_40_billion_pledge_follows_up_the_vilnius_support_not_the_cap():
    baseline = get("washington-2024-ukraine-40-billion-baseline")
    assert baseline.parent.slug == "vilnius-2023-ukraine-support-as-long-as-it-takes"
    assert baseline.relation == Commitment.Relation.FOLLOWS_UP
    assert get("vilnius-2023-cap-multi-year-programme") in Commitment.objects.headlines()


def test_the_nato_ukraine_council_was_met_at_its_inaugural_meeting_in_vilnius():
    council = get("vilnius-2023-nato-ukraine-council")
    change = StatusChange.objects.get(commitment=council)
    assert (change.status, change.as_of) == ("met", date(2023, 7, 12))
    assert change.source_paragraph.document.slug == "vilnius-2023-communique"
    assert change.source_paragraph.label == "2"
    assert "inaugurale du Conseil OTAN-Ukraine" in change.source_paragraph.text


# Pages that give verdicts link to the methodology -----------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/commitments/", f"/commitments/{SPENDING}/", "/allies/", "/allies/pol/",
     "/allies/compare/?allies=pol&allies=esp"],
)  # fmt: skip
def test_every_verdict_links_to_the_methodology(client, url, today):
    today("2026-12-01")
    assert METHODOLOGY in client.get(url).content.decode()


def test_the_methodology_states_the_definition_statuses_rules_and_policy(client):
    html = client.get(reverse("commitments:methodology")).content.decode()
    assert "discrete, specific, publicly expressed, collectively agreed statement of intent" in html
    for anchor in ("definition", "statuses", "overdue", "scores", "rules", "assessments",
                   "unknowns", "policy"):  # fmt: skip
        assert f'id="{anchor}"' in html
    assert html.count('class="card rule"') == AssessmentRule.objects.count() == 3
    assert "(mean + 1) ÷ 2" in html


def test_any_two_texts_compare_side_by_side_paragraph_by_paragraph(client):
    response = client.get(
        "/documents/compare/",
        {"a": "brussels-2021-preview-article", "b": "brussels-2021-new-chapter-article"},
    )
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows and all(left or right for left, right, _pieces in rows)
    assert any(pieces for _l, _r, pieces in rows)  # paired paragraphs get a word diff
    html = response.content.decode()
    assert "<del>" in html and "<ins>" in html
    # One text with itself, or none: the page asks for two.
    same = client.get("/documents/compare/", {"a": "vilnius-2023-communique"})
    assert same.context["second"] is None and "Choose two different texts." in (
        same.content.decode()
    )
    assert client.get("/documents/compare/", {"a": "nothing"}).status_code == 404
    reader = client.get("/documents/vilnius-2023-communique/").content.decode()
    assert "/documents/compare/?a=vilnius-2023-communique" in reader
