import pytest
from django.urls import reverse

from imports.carry import REASON_NEW_VERSION, apply_carry, plan_carry
from imports.services import correct_paragraph
from reader.models import Annotation
from summits.models import Paragraph
from tests.factories import make_annotation, make_document, make_paragraph, make_user

pytestmark = pytest.mark.django_db

VILNIUS = "/documents/vilnius-2023-communique/"
QUOTE = "investir au moins 2 % de notre produit intérieur brut"


@pytest.fixture
def p27():
    return Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")


@pytest.fixture
def editor(client):
    user = make_user("Editors")
    client.force_login(user)
    return user


def test_an_editor_annotates_a_span_without_javascript(client, editor, p27):
    url = reverse("reader:annotation_create", args=[p27.pk])
    assert 'name="quote"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "quote": QUOTE,
            "body": "Le cœur de l'engagement.",
            "tags": ["engagement", "chiffre"],
            "other_tags": "PIB, ",
            "commitment": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == p27.get_absolute_url()
    note = Annotation.objects.get(paragraph=p27)
    assert p27.text[note.start : note.end] == QUOTE == note.quote
    assert note.tags == ["engagement", "chiffre", "PIB"]
    assert note.author == editor and note.version == 1
    assert note.prefix and p27.text[: note.start].endswith(note.prefix)
    assert p27.text[note.end :].startswith(note.suffix)


def test_an_htmx_post_returns_the_paragraph_with_its_new_highlight(
    client, editor, p27, django_assert_max_num_queries
):
    start = p27.text.index(QUOTE)
    with django_assert_max_num_queries(17):
        response = client.post(
            reverse("reader:annotation_create", args=[p27.pk]),
            {"quote": QUOTE, "start": start, "body": "Note", "tags": ["engagement"]},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#p27"
    html = response.content.decode()
    assert html.startswith('<section class="para" id="p27">')
    assert '<mark class="note"' in html and "engagement" in html


def test_the_offsets_sent_by_the_browser_pick_the_right_copy_of_a_quote(client, editor):
    paragraph = make_paragraph(text="2 % ici, et 2 % là.")
    client.post(
        reverse("reader:annotation_create", args=[paragraph.pk]),
        {"quote": "2 %", "start": 12, "body": "La seconde."},
    )
    assert Annotation.objects.get(paragraph=paragraph).start == 12


def test_words_that_are_not_in_the_paragraph_are_refused_and_nothing_is_saved(client, editor, p27):
    response = client.post(
        reverse("reader:annotation_create", args=[p27.pk]),
        {"quote": "trois pour cent", "body": "Note"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "These words are not in the paragraph." in response.content.decode()
    assert not Annotation.objects.exists()


def test_the_reader_highlights_notes_and_loads_them_when_asked(
    client, p27, django_assert_num_queries
):
    from tests.test_pages import QUERIES

    note = make_annotation(paragraph=p27, quote=QUOTE, body="**Important**", tags=["chiffre"])
    with django_assert_num_queries(len(QUERIES[VILNIUS])):
        html = client.get(VILNIUS).content.decode()
    # The words are marked, with the note in their title; the note itself is a link away.
    assert '<mark class="note"' in html and 'title="**Important**"' in html
    assert "<strong>Important</strong>" not in html and "chiffre" not in html
    url = reverse("reader:paragraph_notes", args=[p27.pk])
    assert f'href="?notes=all#{p27.anchor}" hx-get="{url}"' in html
    assert "htmx-2.0.11.min.js" in html  # for everyone, not only editors
    # htmx fetches the paragraph's notes: the paragraph and its notes, two queries.
    with django_assert_num_queries(2):
        notes = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert notes.startswith('<ul class="notes" id="notes-') and f'id="note-{note.pk}"' in notes
    assert "<strong>Important</strong>" in notes and "chiffre" in notes
    # Without JavaScript, the same text with every note.
    with django_assert_num_queries(len(QUERIES[VILNIUS])):
        everything = client.get(VILNIUS + "?notes=all").content.decode()
    assert "<strong>Important</strong>" in everything and "chiffre" in everything
    assert "notes-toggle" not in everything


def test_the_notes_of_an_unknown_paragraph_are_not_found(client):
    assert client.get(reverse("reader:paragraph_notes", args=[999999])).status_code == 404


def test_an_editor_changes_her_own_note_but_not_someone_elses(client, editor, p27):
    mine = make_annotation(paragraph=p27, quote=QUOTE, author=editor)
    theirs = make_annotation(paragraph=p27, quote="défense", author=make_user("Editors"))
    data = {"body": "Changed", "version": 1}
    response = client.post(reverse("reader:annotation_edit", args=[mine.pk]), data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.body, mine.version) == ("Changed", 2)
    assert client.post(reverse("reader:annotation_edit", args=[theirs.pk]), data).status_code == 403
    assert (
        client.post(reverse("reader:annotation_delete", args=[theirs.pk]), data).status_code == 403
    )
    theirs.refresh_from_db()
    assert theirs.body == "Une note."


def test_an_admin_edits_and_deletes_anyones_note(client, p27):
    note = make_annotation(paragraph=p27, quote=QUOTE)
    client.force_login(make_user("Admins"))
    client.post(
        reverse("reader:annotation_edit", args=[note.pk]), {"body": "Moderated", "version": 1}
    )
    assert Annotation.objects.get(pk=note.pk).body == "Moderated"
    client.post(reverse("reader:annotation_delete", args=[note.pk]), {"version": 2})
    assert not Annotation.objects.filter(pk=note.pk).exists()


def test_a_stale_edit_is_refused_with_both_versions_and_nothing_is_overwritten(client, editor, p27):
    note = make_annotation(paragraph=p27, quote=QUOTE, author=editor, body="Original")
    url = reverse("reader:annotation_edit", args=[note.pk])
    assert client.post(url, {"body": "First save", "version": 1}).status_code == 302
    response = client.post(url, {"body": "Stale save", "version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Stale save" in html and "First save" in html
    note.refresh_from_db()
    assert (note.body, note.version) == ("First save", 2)


def test_a_stale_delete_is_refused(client, editor, p27):
    note = make_annotation(paragraph=p27, quote=QUOTE, author=editor)
    client.post(reverse("reader:annotation_edit", args=[note.pk]), {"body": "New", "version": 1})
    response = client.post(reverse("reader:annotation_delete", args=[note.pk]), {"version": 1})
    assert response.status_code == 409
    assert Annotation.objects.filter(pk=note.pk).exists()


def test_a_corrected_paragraph_keeps_its_notes_and_orphans_those_whose_words_are_gone(client):
    paragraph = make_paragraph(text="Nous investirons 2 % du PIB d'ici 2024.")
    moved = make_annotation(paragraph=paragraph, quote="2 % du PIB")
    lost = make_annotation(paragraph=paragraph, quote="d'ici 2024")
    plan = correct_paragraph(
        paragraph=paragraph, text="Désormais, nous investirons 2 % du PIB chaque année."
    )
    assert [move.item for move in plan.annotations.orphaned] == [lost]
    moved.refresh_from_db()
    lost.refresh_from_db()
    assert paragraph.text[moved.start : moved.end] == "2 % du PIB" and not moved.orphan
    assert lost.orphan and lost.quote == "d'ici 2024" and lost.paragraph == paragraph
    html = client.get(paragraph.document.get_absolute_url()).content.decode()
    assert f'href="?notes=all#note-{lost.pk}">d&#x27;ici 2024' in html  # listed aside
    html = client.get(paragraph.document.get_absolute_url() + "?notes=all").content.decode()
    assert "orphan: quote not found" in html
    assert "d&#x27;ici 2024" in html  # shown, never dropped


def test_notes_move_to_a_new_version_of_a_document(p27):
    old = make_paragraph(text="Nous investirons 2 % du PIB d'ici 2024.", label="5", number=5)
    kept = make_annotation(paragraph=old, quote="2 % du PIB")
    renumbered = make_annotation(paragraph=old, quote="investirons")
    gone = make_annotation(paragraph=old, quote="d'ici 2024")
    document = make_document(slug="v2", raw_text="v2", summit=old.document.summit)
    same = make_paragraph(
        document=document, text="Nous consacrerons 2 % du PIB.", label="5", number=5
    )
    other = make_paragraph(
        document=document, position=2, text="Nous investirons.", label="6", number=6
    )
    plan = apply_carry(
        plan_carry(old.document, [same, other]), [same, other], reason=REASON_NEW_VERSION
    )
    assert {move.item.pk for move in plan.annotations.kept} == {kept.pk, renumbered.pk}
    assert [move.item.pk for move in plan.annotations.orphaned] == [gone.pk]
    kept.refresh_from_db()
    renumbered.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.paragraph, kept.quote) == (same, "2 % du PIB")
    assert (
        renumbered.paragraph == other
        and other.text[renumbered.start : renumbered.end] == "investirons"
    )
    assert gone.paragraph == same and gone.orphan and gone.version == 2


def test_history_shows_who_changed_what_and_an_admin_restores_an_earlier_version(client, p27):
    author = make_user("Editors", username="edith")
    note = make_annotation(paragraph=p27, quote=QUOTE, author=author, body="Première version")
    client.force_login(author)
    client.post(
        reverse("reader:annotation_edit", args=[note.pk]),
        {"body": "Seconde version", "version": 1},
    )
    history_url = reverse("reader:annotation_history", args=[note.pk])
    html = client.get(history_url).content.decode()
    assert "edith" in html and "Première version" in html and "Seconde version" in html
    assert "Restore this version" not in html  # editors do not restore
    first = note.history.order_by("history_id").first()
    restore_url = reverse("reader:annotation_restore", args=[note.pk, first.history_id])
    assert client.post(restore_url).status_code == 403

    client.force_login(make_user("Admins"))
    assert "Restore this version" in client.get(history_url).content.decode()
    assert client.post(restore_url).status_code == 302
    note.refresh_from_db()
    assert (note.body, note.version) == ("Première version", 3)
    assert note.history.count() == 3  # created, edited, restored: nothing lost


def test_a_deleted_note_can_be_restored_from_its_history(client, p27):
    note = make_annotation(paragraph=p27, quote=QUOTE, body="À garder")
    pk = note.pk
    client.force_login(make_user("Admins"))
    client.post(reverse("reader:annotation_delete", args=[pk]), {"version": 1})
    assert not Annotation.objects.filter(pk=pk).exists()
    created = Annotation.history.filter(id=pk, history_type="+").get()
    client.post(reverse("reader:annotation_restore", args=[pk, created.history_id]))
    assert Annotation.objects.get(pk=pk).body == "À garder"


def test_correcting_a_paragraph_in_the_admin_reanchors_its_notes(client):
    paragraph = make_paragraph(text="Nous investirons 2 % du PIB d'ici 2024.")
    note = make_annotation(paragraph=paragraph, quote="d'ici 2024")
    client.force_login(make_user("Admins"))
    url = reverse("admin:summits_paragraph_change", args=[paragraph.pk])
    response = client.post(
        url,
        {
            "document": paragraph.document_id,
            "position": 1,
            "number": 1,
            "label": "1",
            "text": "Nous investirons 2 % du PIB chaque année.",
            "defects": "[]",
            "line": 1,
        },
        follow=True,
    )
    assert "1 annotation(s) no longer find their quote" in response.content.decode()
    note.refresh_from_db()
    paragraph.refresh_from_db()
    assert note.orphan and paragraph.text.endswith("chaque année.")
    assert paragraph.folded_text.endswith("chaque annee.")
