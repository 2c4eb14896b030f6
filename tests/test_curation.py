from datetime import date

import pytest
from django.urls import reverse

from commitments.models import Ally, Commitment, Indicator, Measurement, StatusChange
from summits.models import Document, Paragraph
from tests.factories import make_commitment, make_user

pytestmark = pytest.mark.django_db

VILNIUS = "vilnius-2023-communique"


@pytest.fixture
def editor(client):
    user = make_user("Editors", username="edith")
    client.force_login(user)
    return user


@pytest.fixture
def candidate():
    """A candidate in a paragraph of the Vilnius text, waiting for an editor's review."""
    paragraph = Paragraph.objects.get(document__slug=VILNIUS, label="5")
    return make_commitment(
        paragraph=paragraph,
        quote=paragraph.text[:60],
        review=Commitment.Review.CANDIDATE,
        slug="vilnius-test-candidate",
        title="Test candidate",
    )


def edit_data(commitment, **changes):
    data = {
        "review": commitment.review,
        "title": commitment.title,
        "category": commitment.category,
        "bound": commitment.bound,
        "bound_allies": [a.pk for a in commitment.bound_allies.all()],
        "indicator": commitment.indicator_id or "",
        "comparator": commitment.comparator,
        "target_value": commitment.target_value if commitment.target_value is not None else "",
        "unit": commitment.unit,
        "target_text": commitment.target_text,
        "deadline_year": commitment.deadline_year or "",
        "deadline_text": commitment.deadline_text,
        "recurring": "on" if commitment.recurring else "",
        "parent": commitment.parent.slug if commitment.parent_id else "",
        "relation": commitment.relation,
        "notes": commitment.notes,
        "version": commitment.version,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != "" or key == "title"}


def test_the_curation_page_lists_the_documents_candidates(
    client, editor, candidate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("commitments:curate", args=[VILNIUS]))
    html = response.content.decode()
    assert response.status_code == 200
    assert candidate.title in html
    assert html.count('value="confirmed"') >= 1


def test_an_editor_confirms_and_rejects_candidates(client, editor, candidate):
    url = reverse("commitments:review", args=[candidate.slug])
    response = client.post(url, {"review": "confirmed", "version": candidate.version})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/curate/{VILNIUS}/#c-{candidate.slug}")
    candidate.refresh_from_db()
    assert (candidate.review, candidate.version) == ("confirmed", 2)
    client.post(url, {"review": "rejected", "version": 2})
    candidate.refresh_from_db()
    assert candidate.review == "rejected"
    assert client.post(url, {"review": "maybe", "version": 3}).status_code == 400


def test_an_editor_edits_a_candidate_including_its_lineage(client, editor, candidate):
    parent = Commitment.objects.get(slug="wales-2014-defence-investment-pledge")
    response = client.post(
        reverse("commitments:edit", args=[candidate.slug]),
        edit_data(
            candidate,
            title="Titre corrigé",
            category="cyber",
            comparator="at_least",
            target_value="2",
            unit="pct_gdp",
            deadline_year="2030",
            bound="named",
            bound_allies=[1, 2],
            parent=parent.slug,
            relation="reaffirms",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    candidate.refresh_from_db()
    assert candidate.title == "Titre corrigé" and candidate.parent == parent
    assert candidate.deadline_year == 2030 and candidate.bound_allies.count() == 2
    assert candidate.version == 2


def test_a_lineage_without_its_relation_is_refused(client, editor, candidate):
    parent = Commitment.objects.get(slug="wales-2014-defence-investment-pledge")
    response = client.post(
        reverse("commitments:edit", args=[candidate.slug]),
        edit_data(candidate, parent=parent.slug, relation=""),
    )
    assert response.status_code == 200
    assert "Say how it relates" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.parent is None and candidate.version == 1


def test_a_stale_commitment_edit_shows_both_versions_and_saves_nothing(client, editor, candidate):
    url = reverse("commitments:edit", args=[candidate.slug])
    assert client.post(url, edit_data(candidate, title="Saved first")).status_code == 302
    response = client.post(url, edit_data(candidate, title="Stale title"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Stale title" in html and "Saved first" in html
    candidate.refresh_from_db()
    assert (candidate.title, candidate.version) == ("Saved first", 2)


def test_a_stale_review_is_refused(client, editor, candidate):
    url = reverse("commitments:review", args=[candidate.slug])
    client.post(url, {"review": "confirmed", "version": 1})
    assert client.post(url, {"review": "rejected", "version": 1}).status_code == 409
    candidate.refresh_from_db()
    assert candidate.review == "confirmed"


def test_an_editor_records_a_status_change_with_a_source_paragraph(client, editor):
    pledge = Commitment.objects.get(slug="vilnius-2023-defence-spending-2-pct-gdp")
    url = reverse("commitments:status_create", args=[pledge.slug])
    assert 'name="rationale"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "status": "in_progress",
            "as_of": "2030-07-01",
            "rationale": "Plus d'alliés atteignent 2 %.",
            "source_document": pledge.paragraph.document_id,
            "source_paragraph": pledge.paragraph.document.paragraphs.get(label="27").pk,
        },
    )
    assert response.status_code == 302
    change = StatusChange.objects.get(commitment=pledge, as_of=date(2030, 7, 1))
    assert change.source_paragraph.label == "27" and change.author == editor
    pledge.refresh_from_db()
    assert pledge.status == "in_progress"
    assert pledge.history.first().history_user == editor


def test_the_status_form_lists_the_paragraphs_of_the_document_chosen(client, editor):
    pledge = Commitment.objects.get(slug="vilnius-2023-defence-spending-2-pct-gdp")
    url = reverse("commitments:status_create", args=[pledge.slug])
    own = client.get(url).context["form"].fields["source_paragraph"].queryset
    assert {p.document.slug for p in own} == {VILNIUS}
    washington = Document.objects.get(summit__slug="washington-2024")
    response = client.post(
        url, {"source_document": washington.pk, "rationale": "", "choose_document": ""}
    )
    form = response.context["form"]
    assert not form.is_bound and not form.errors  # nothing checked, nothing saved
    listed = form.fields["source_paragraph"].queryset
    assert listed.count() == washington.paragraphs.count()


def test_a_status_change_citing_a_paragraph_of_another_document_is_refused(client, editor):
    pledge = Commitment.objects.get(slug="vilnius-2023-defence-spending-2-pct-gdp")
    washington = Document.objects.get(summit__slug="washington-2024")
    before = StatusChange.objects.count()
    response = client.post(
        reverse("commitments:status_create", args=[pledge.slug]),
        {
            "status": "met",
            "as_of": "2030-07-01",
            "rationale": "x",
            "source_document": washington.pk,
            "source_paragraph": pledge.paragraph.pk,
        },
    )
    assert response.status_code == 200
    assert StatusChange.objects.count() == before
    assert response.context["form"].errors["source_paragraph"]


def test_an_editor_records_a_measurement(client, editor, today):
    today("2031-07-01")  # an edition cannot be after today
    response = client.post(
        reverse("commitments:measurement_create"),
        {
            "indicator": Indicator.objects.get(slug="defence-expenditure-gdp").pk,
            "ally": Ally.objects.get(iso3="FRA").pk,
            "year": 2022,
            "value": "2.10",
            "edition": "2022-06",
            "source": "NATO, Defence expenditure of NATO countries",
        },
    )
    assert response.status_code == 302
    # An editor's figure is marked as such (an edition after today is refused: see
    # test_editorial_figures).
    recorded = Measurement.objects.get(year=2022, edition="2022-06")
    assert recorded.origin == Measurement.Origin.EDITOR and recorded.author is not None


def test_commitment_history_lists_edits_and_statuses_and_an_admin_restores(client, candidate):
    editor = make_user("Editors", username="edith")
    client.force_login(editor)
    client.post(
        reverse("commitments:edit", args=[candidate.slug]), edit_data(candidate, title="Nouveau")
    )
    history_url = reverse("commitments:history", args=[candidate.slug])
    html = client.get(history_url).content.decode()
    assert "edith" in html and "Nouveau" in html and candidate.title in html
    original = candidate.history.order_by("history_id").first()
    restore_url = reverse("commitments:restore", args=[candidate.slug, original.history_id])
    assert client.post(restore_url).status_code == 403

    client.force_login(make_user("Admins"))
    assert client.get(restore_url).status_code == 200
    assert client.post(restore_url).status_code == 302
    restored = Commitment.objects.get(pk=candidate.pk)
    assert (restored.title, restored.version) == (candidate.title, 3)
