"""Assessment cycles: a published cycle of the Vilnius priority commitments, scored from
figures where there is an indicator and by editors elsewhere, with reasons, sources and
an override; its report, exports and the rules that keep it honest."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commitments import assessments as cycles
from commitments.models import Assessment, AssessmentCycle, Commitment
from nato_tracker.versioning import VersionConflict
from summits.models import Paragraph, Summit
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PRIORITIES = [
    "vilnius-2023-defence-spending-2-pct-gdp",  # each ally, scored from figures
    "vilnius-2023-nato-ukraine-council",  # the Alliance as a whole
    "vilnius-2023-defence-trade-barriers",  # each ally, no indicator
]


def open_vilnius(editor):
    commitments = list(Commitment.objects.filter(slug__in=PRIORITIES))
    return cycles.open_cycle(
        summit=Summit.objects.get(slug="vilnius-2023"),
        kind=AssessmentCycle.Kind.FINAL,
        starts_on=date(2023, 7, 12),
        ends_on=date(2024, 6, 30),
        title="Vilnius Summit final compliance report",
        commitments=commitments,
        user=editor,
    )


def decide(assessment, editor, score, rationale, override=""):
    return cycles.record_assessment(
        assessment=assessment,
        version=assessment.version,
        user=editor,
        score=score,
        rationale=rationale,
        override_reason=override,
    )


@pytest.fixture
def published(today):
    """The Vilnius cycle, every assessment decided, one override, then published."""
    today("2026-12-01")
    editor = make_user("Editors")
    cycle = open_vilnius(editor)
    council = cycle.assessments.get(commitment__slug="vilnius-2023-nato-ukraine-council")
    decide(council, editor, 1, "The Council met for the first time at the summit itself.")
    cycles.add_source(
        assessment=council,
        paragraph=Paragraph.objects.get(document__slug="vilnius-2023-communique", label="2"),
        text="Welcomes President Zelensky to the inaugural meeting",
    )
    for assessment in cycle.assessments.filter(commitment__slug=PRIORITIES[2]):
        decide(assessment, editor, 0, "Steps announced, barriers not yet removed.")
    poland = cycle.assessments.get(commitment__slug=PRIORITIES[0], ally__iso3="POL")
    decide(
        poland,
        editor,
        0,
        "Above the target, but by estimates that the next edition revised.",
        override="The June 2024 figure is an estimate; the editors hold the score back.",
    )
    for assessment in cycle.assessments.filter(commitment__slug=PRIORITIES[0]):
        if not assessment.is_decided:  # Iceland: no figure
            decide(assessment, editor, None, "No defence budget: Iceland has no armed forces.")
    cycles.add_source(
        assessment=poland, url="https://example.org/nato-figures", text="NATO, June 2024"
    )
    return cycles.publish_cycle(cycle=cycle, user=editor)


def test_opening_a_cycle_makes_one_assessment_per_ally_bound_and_fills_in_figures(today):
    today("2026-12-01")
    cycle = open_vilnius(make_user("Editors"))
    spending = cycle.assessments.filter(commitment__slug=PRIORITIES[0])
    # Members when Vilnius was agreed (Sweden joined in 2024): 31.
    assert spending.count() == 31 and not spending.filter(ally__iso3="SWE").exists()
    assert cycle.assessments.filter(commitment__slug=PRIORITIES[1], ally=None).count() == 1
    poland = spending.get(ally__iso3="POL")
    assert poland.automatic_score == poland.score == 1 and poland.is_automatic
    assert poland.automatic_reason.startswith("2024: 4.12%")
    spain = spending.get(ally__iso3="ESP")
    assert (spain.automatic_score, spain.is_decided) == (-1, True)
    iceland = spending.get(ally__iso3="ISL")
    assert iceland.automatic_score is None and not iceland.is_decided
    trade = cycle.assessments.filter(commitment__slug=PRIORITIES[2]).first()
    assert trade.automatic_score is None and not trade.is_decided


def test_figures_are_those_published_by_the_end_of_the_period(today):
    today("2026-12-01")
    cycle = cycles.open_cycle(
        summit=Summit.objects.get(slug="vilnius-2023"),
        kind=AssessmentCycle.Kind.INTERIM,
        starts_on=date(2023, 7, 12),
        ends_on=date(2024, 3, 31),  # before the June 2024 edition
        title="Interim",
        commitments=[Commitment.objects.get(slug=PRIORITIES[0])],
        user=None,
    )
    belgium = cycle.assessments.get(ally__iso3="BEL")
    assert belgium.automatic_reason.startswith("2023: 1.21%")


def test_an_override_needs_a_reason_and_a_published_cycle_is_final(published):
    editor = make_user("Editors")
    spain = published.assessments.get(commitment__slug=PRIORITIES[0], ally__iso3="ESP")
    with pytest.raises(ValidationError, match="published"):
        decide(spain, editor, 1, "Changed after publication")
    draft = open_vilnius(editor)
    spain = draft.assessments.get(commitment__slug=PRIORITIES[0], ally__iso3="ESP")
    with pytest.raises(ValidationError, match="say why"):
        decide(spain, editor, 0, "Spain rose a little.")
    stale = Assessment.objects.get(pk=spain.pk)
    decide(stale, editor, -1, "As the figures say.")
    with pytest.raises(VersionConflict):
        decide(stale, editor, -1, "A second save on the same version.")


def test_a_cycle_with_undecided_assessments_cannot_be_published(today):
    today("2026-12-01")
    cycle = open_vilnius(make_user("Editors"))
    with pytest.raises(ValidationError, match="still need"):
        cycles.publish_cycle(cycle=cycle, user=None)
    assert not AssessmentCycle.objects.get(pk=cycle.pk).is_published


def test_the_published_vilnius_report_gives_compliance_per_commitment_ally_and_overall(
    client, published
):
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    report = response.context["report"]
    by_slug = {c.slug: tally for c, tally, _items in report.by_commitment}
    assert by_slug["vilnius-2023-nato-ukraine-council"].percent == 100
    assert by_slug["vilnius-2023-defence-trade-barriers"].percent == 50
    spending = by_slug[PRIORITIES[0]]
    assert spending.unscored == 1  # Iceland
    assert spending.count(1) == 21  # 22 meeting the target in 2024, Poland held back
    overall = (1 + 0 + spending.mean) / 3
    assert report.overall.mean == pytest.approx(overall)
    assert report.overall.percent == round((overall + 1) * 50)
    allies = {ally.iso3: tally for ally, tally in report.by_ally}
    assert allies["POL"].scores == [0, 0] and allies["POL"].percent == 50
    html = response.content.decode()
    assert "changed from +1 (figures)" in html
    assert "The June 2024 figure is an estimate" in html
    assert "Welcomes President Zelensky to the inaugural meeting" in html
    assert 'href="/methodology/#assessments"' in html


def test_the_report_exports_as_csv_and_json(client, published):
    url = reverse("commitments:assessment_export", args=[published.slug, "csv"])
    text = b"".join(client.get(url).streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == published.assessments.count() == 31 + 1 + 31
    poland = next(r for r in rows if r["ally"] == "POL" and r["commitment"] == PRIORITIES[0])
    assert (poland["score"], poland["from_figures"]) == ("0", "no")
    assert poland["override_reason"].startswith("The June 2024 figure")
    assert "https://example.org/nato-figures" in poland["sources"]
    url = reverse("commitments:assessment_export", args=[published.slug, "json"])
    items = json.loads(b"".join(client.get(url).streaming_content))
    council = next(i for i in items if i["commitment"] == "vilnius-2023-nato-ukraine-council")
    assert council["ally"] is None and council["score"] == 1
    assert council["sources"][0].endswith("/documents/vilnius-2023-communique/#p2")


def test_drafts_are_hidden_from_readers_and_published_cycles_listed(client, today, published):
    draft = open_vilnius(make_user("Editors"))
    assert client.get(draft.get_absolute_url()).status_code == 404
    listing = client.get(reverse("commitments:assessments")).content.decode()
    assert published.title in listing and draft.get_absolute_url() not in listing
    client.force_login(make_user("Editors"))
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert (
        published.get_absolute_url()
        in client.get(reverse("commitments:assessments")).content.decode()
    )


def test_an_editor_opens_scores_and_publishes_a_cycle_through_the_pages(client, today):
    today("2026-12-01")
    client.force_login(make_user("Editors"))
    summit = Summit.objects.get(slug="vilnius-2023")
    form = client.post(
        reverse("commitments:assessment_create"), {"summit": summit.pk, "choose_summit": "1"}
    )
    council = Commitment.objects.get(slug="vilnius-2023-nato-ukraine-council")
    assert f'value="{council.pk}"' in form.content.decode()
    response = client.post(
        reverse("commitments:assessment_create"),
        {
            "summit": summit.pk,
            "kind": "interim",
            "title": "Vilnius interim",
            "starts_on": "2023-07-12",
            "ends_on": "2023-12-31",
            "commitments": [council.pk],
        },
    )
    cycle = AssessmentCycle.objects.get(title="Vilnius interim")
    assert response.status_code == 302 and response["Location"] == cycle.get_absolute_url()
    assessment = cycle.assessments.get()
    edit = reverse("commitments:assessment_edit", args=[cycle.slug, assessment.pk])
    bad = client.post(edit, {"score": "1", "version": assessment.version, "source_text": "x"})
    assert bad.status_code == 200 and "Give the address or the paragraph" in bad.content.decode()
    saved = client.post(
        edit,
        {
            "score": "1",
            "rationale": "Inaugural meeting held at the summit.",
            "version": assessment.version,
            "source_url": "https://example.org/nuc",
            "source_text": "Press release",
        },
    )
    assert saved.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).sources.count() == 1
    client.post(reverse("commitments:assessment_publish", args=[cycle.slug]))
    assert AssessmentCycle.objects.get(pk=cycle.pk).is_published


def test_the_commitment_page_shows_its_published_scores(client, published):
    html = client.get(
        Commitment.objects.get(slug="vilnius-2023-nato-ukraine-council").get_absolute_url()
    ).content.decode()
    assert "In published assessments" in html and published.title in html


def test_compliance_percentages_follow_the_g7_conversion():
    tally = cycles.Tally([1, 0, -1, 1])
    assert tally.mean == 0.25 and tally.percent == 62
    assert cycles.Tally().percent is None
