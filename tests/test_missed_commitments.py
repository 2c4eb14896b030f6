"""Candidates an editor can trust: the curation page shows why each was proposed and
sorts by confidence; an editor adds a commitment the extractor missed by selecting its
words in the reader; the editors' additions and rejections are exported as corpus cases."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from commitments.models import Commitment
from summits.models import Paragraph
from tests.factories import make_commitment, make_document, make_paragraph, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_user("Editors", username="edith")
    client.force_login(user)
    return user


@pytest.fixture
def paragraph():
    """A paragraph of a text of our own, with a sentence the extractor does not propose."""
    document = make_document(slug="test-declaration", language="fr")
    return make_paragraph(
        document=document,
        text=(
            "Nous continuons de soutenir la Moldavie. Les Alliés consacreront au moins 2 % du "
            "PIB à la défense d’ici 2030."
        ),
    )


MISSED = "Nous continuons de soutenir la Moldavie."


def test_the_curation_page_shows_why_and_sorts_by_confidence(
    client, editor, paragraph, django_assert_num_queries
):
    low = make_commitment(
        paragraph=paragraph,
        quote=paragraph.text[:20],
        slug="low",
        title="Low confidence",
        review=Commitment.Review.CANDIDATE,
        confidence=0.45,
        subject="Nous",
        verb="continuons",
        form=Commitment.Form.FUTURE,
    )
    high = make_commitment(
        paragraph=paragraph,
        quote=paragraph.text[41:],
        slug="high",
        title="High confidence",
        review=Commitment.Review.CANDIDATE,
        confidence=0.9,
        subject="Les Alliés",
        verb="consacreront",
        form=Commitment.Form.FUTURE,
        target_text="au moins 2 % du PIB",
        deadline_text="d’ici 2030",
        deadline_year=2030,
    )
    url = reverse("commitments:curate", args=[paragraph.document.slug])
    # session, user, user and group permissions (role check), document, its commitments
    # counted by review (the page's total, and its pager's), one page of them
    with django_assert_num_queries(7):
        response = client.get(url)
    html = response.content.decode()
    assert html.index(high.title) < html.index(low.title)
    for shown in ("Les Alliés", "consacreront", "future", "au moins 2 % du PIB", "d’ici 2030"):
        assert shown in html
    assert "0.90" in html
    in_text_order = client.get(url + "?order=text").content.decode()
    assert in_text_order.index(low.title) < in_text_order.index(high.title)


def test_an_editors_addition_says_so_on_the_curation_page(client, editor, paragraph):
    make_commitment(
        paragraph=paragraph, quote=MISSED, slug="added", origin=Commitment.Origin.EDITOR
    )
    html = client.get(reverse("commitments:curate", args=[paragraph.document.slug])).content
    assert "added by an editor" in html.decode()


def test_the_reader_offers_the_selection_as_a_missed_commitment_to_editors(
    client, editor, paragraph
):
    html = client.get(paragraph.document.get_absolute_url()).content.decode()
    url = reverse("reader:commitment_add", args=[paragraph.pk])
    assert f'data-commitment-url="{url}"' in html
    assert "data-commitment-label" in html


def test_analysts_get_no_commitment_button(client, paragraph):
    client.force_login(make_user("Analysts"))
    html = client.get(paragraph.document.get_absolute_url()).content.decode()
    assert "data-commitment-url" not in html


def test_an_editor_adds_the_selected_words_as_a_missed_commitment(client, editor, paragraph):
    url = reverse("reader:commitment_add", args=[paragraph.pk])
    form = client.get(url, {"quote": MISSED, "start": 0})
    assert form.status_code == 200
    assert MISSED in form.content.decode()
    response = client.post(url, {"quote": MISSED, "start": 0, "title": "", "category": ""})
    assert response.status_code == 302
    commitment = Commitment.objects.get(paragraph=paragraph)
    assert (commitment.quote, commitment.quote_start, commitment.quote_end) == (MISSED, 0, 40)
    assert commitment.review == Commitment.Review.CONFIRMED
    assert commitment.origin == Commitment.Origin.EDITOR
    assert commitment.category == "partnerships"  # read from the words: "la Moldavie"
    # The first words, in the field of the text's language (French here).
    assert commitment.title_fr.startswith("Nous continuons")
    assert commitment.title == ""
    assert commitment.history.first().history_user == editor


def test_a_missed_commitment_keeps_the_target_and_deadline_of_its_words(client, editor, paragraph):
    words = paragraph.text[41:]
    client.post(
        reverse("reader:commitment_add", args=[paragraph.pk]),
        {"quote": words, "start": 41, "title": "Spending", "bound": "each_ally"},
    )
    commitment = Commitment.objects.get(paragraph=paragraph)
    assert (commitment.comparator, str(commitment.target_value), commitment.unit) == (
        "at_least",
        "2.00",
        "pct_gdp",
    )
    assert (commitment.deadline_year, commitment.title, commitment.bound) == (
        2030,
        "Spending",
        "each_ally",
    )


def test_words_not_in_the_paragraph_are_refused_and_nothing_is_written(client, editor, paragraph):
    response = client.post(
        reverse("reader:commitment_add", args=[paragraph.pk]),
        {"quote": "Des mots qui ne sont pas là.", "start": 3},
    )
    assert response.status_code == 200
    assert "These words are not in the paragraph." in response.content.decode()
    assert not Commitment.objects.filter(paragraph=paragraph).exists()


def test_with_htmx_the_paragraph_comes_back_with_its_new_commitment(client, editor, paragraph):
    response = client.post(
        reverse("reader:commitment_add", args=[paragraph.pk]),
        {"quote": MISSED, "start": 0},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Retarget"] == f"#{paragraph.anchor}"
    assert re.search(r'<mark class="commitment">Nous continuons', response.content.decode())


def test_missed_and_rejected_sentences_are_exported_as_corpus_cases(paragraph):
    make_commitment(
        paragraph=paragraph,
        quote="soutenir la Moldavie",
        slug="added",
        origin=Commitment.Origin.EDITOR,
        bound="alliance",
    )
    words = paragraph.text[41:]
    make_commitment(
        paragraph=paragraph,
        quote=words,
        slug="wrong",
        review=Commitment.Review.REJECTED,
    )
    out = StringIO()
    call_command(
        "export_corpus_cases",
        "--language",
        "fr",
        "--document",
        paragraph.document.slug,
        stdout=out,
        stderr=StringIO(),
    )
    lines = [line for line in out.getvalue().splitlines() if not line.startswith("# ")]
    assert lines == [
        "## reported-missed",
        f"C alliance - - | {MISSED}",
        "## reported-wrong",
        f"N | {MISSED} ⟫ {words}",
    ]


def test_the_export_refuses_an_unknown_document():
    with pytest.raises(CommandError, match="No commitment"):
        call_command("export_corpus_cases", "--language", "fr", "--document", "nowhere")


def test_the_seed_fixtures_mark_the_commitments_editors_added_by_hand():
    added = Commitment.objects.filter(origin=Commitment.Origin.EDITOR)
    assert added.filter(slug="vilnius-2023-kfor-safe-environment").exists()
    assert not added.filter(slug="vilnius-2023-defence-spending-2-pct-gdp").exists()
    assert Paragraph.objects.exists()


def test_the_upload_preview_shows_the_reasons_of_each_candidate(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import make_admin
    from tests.test_import import UPLOAD, form_data

    client.force_login(make_admin())
    text = (
        "Testville Declaration\n\n1. We met in Testville.\n\n"
        "2. Allies agree to submit annual plans by 2031.\n\n"
        "3. The plans will be reviewed in 2032.\n"
    )
    fields = form_data()
    fields["file"] = SimpleUploadedFile("declaration.txt", text.encode())
    html = client.post(UPLOAD, fields).content.decode()
    assert "Allies agree to</strong>" in html
    assert "present of a commissive verb; subject" in html
    assert "future passive" in html
    assert "confidence 0." in html
