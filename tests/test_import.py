"""Loading a communiqué through the upload page: preview, confirmation, refusals."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Commitment
from reader.models import Annotation
from summits.models import Document, Paragraph, Summit
from tests import communiques
from tests.factories import make_admin, make_summit, set_aside

pytestmark = pytest.mark.django_db

UPLOAD = reverse("imports:upload")
CONFIRM = reverse("imports:confirm")


def counts():
    return (
        Summit.objects.count(),
        Document.objects.count(),
        Paragraph.objects.count(),
        Commitment.objects.count(),
        Annotation.objects.count(),
    )


@pytest.fixture
def admin_client(client):
    client.force_login(make_admin())
    return client


def form_data(**kw):
    data = {
        "summit": "",
        "new_summit_name": "Testville Summit",
        "new_summit_kind": "summit",
        "new_summit_city": "Testville",
        "new_summit_started_on": "2030-06-01",
        "new_summit_ended_on": "2030-06-02",
        "title": "",
        "kind": "declaration",
        "published_on": "2030-06-02",
        "source_name": "NATO",
        "source_url": "https://www.nato.int/",
        "replaces": "",
        "text": "",
    }
    data.update(kw)
    return data


def upload(client, data: bytes, filename="communique.txt", **kw):
    fields = form_data(**kw)
    fields["file"] = SimpleUploadedFile(filename, data)
    return client.post(UPLOAD, fields)


def payload(response) -> str:
    return response.context["payload"]


def test_anonymous_users_and_editors_cannot_load_communiques(client, django_user_model):
    assert client.get(UPLOAD)["Location"].startswith("/accounts/login/?next=")
    assert client.post(CONFIRM, {"payload": "x"})["Location"].startswith("/accounts/login/")
    assert not Document.objects.filter(title__startswith="Texte").exists()
    client.force_login(django_user_model.objects.create_user("editor", password="pw"))
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, form_data(text="1. Texte.")).status_code == 403


def test_admins_see_the_upload_form(admin_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = admin_client.get(UPLOAD + "?summit=vilnius-2023")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "up to 5 MB" in html
    assert response.context["form"].initial["summit"].slug == "vilnius-2023"


def test_the_preview_shows_what_the_import_will_do_and_writes_nothing(
    admin_client, django_assert_max_num_queries
):
    set_aside("vilnius-2023-communique")
    before = counts()
    with django_assert_max_num_queries(10):
        response = upload(admin_client, communiques.as_html(), "vilnius.html")
    assert response.status_code == 200
    assert counts() == before
    html = response.content.decode()
    preview = response.context["preview"]
    assert preview.numbered_count == 90
    assert preview.paragraph_count == 96
    assert preview.parsed.encoding == "utf-8"
    assert preview.parsed.language == "fr"
    assert ">96</strong>" in html and "90 numbered (1–90), 6 bullet items" in html
    assert "HTML page: its main text was kept" in html
    assert "<b>¶7</b> · repeated_text ×2" in html  # a repaired defect
    assert len(preview.found) > 20
    assert 'at least 2 % of GDP</span> <q lang="fr">au moins 2 % de notre produit' in html
    assert "Confirm the import" in html


def test_the_preview_tells_the_encoding_and_language_it_found(admin_client):
    text = communiques.ENGLISH.replace("Testville", "Liège").encode("cp1252")
    html = upload(admin_client, text, "declaration.txt").content.decode()
    assert "<dt>Encoding</dt><dd>cp1252</dd>" in html
    assert "<dt>Language</dt><dd>English</dd>" in html
    assert "The file is not UTF-8; it was read as Windows-1252." in html


def test_the_same_text_in_another_encoding_is_the_same_text(admin_client):
    response = upload(admin_client, communiques.as_cp1252(), "vilnius.txt")
    assert response.context["preview"].existing.slug == "vilnius-2023-communique"


def test_the_preview_flags_gaps_and_duplicate_numbers(admin_client):
    text = "1. We commit to act.\n\n2. Allies will act.\n\n2. Allies will act again.\n\n5. End.\n"
    response = upload(admin_client, text.encode(), "gaps.txt")
    html = response.content.decode()
    assert "Paragraphs 3 to 4 are missing." in html
    assert "Paragraph 2 appears 2 times (lines 3, 5)." in html


def confirm(client, response):
    return client.post(CONFIRM, {"payload": payload(response), "confirm": ""})


def test_confirming_loads_the_document_its_paragraphs_and_candidates(
    admin_client, django_assert_max_num_queries
):
    set_aside("vilnius-2023-communique")
    preview = upload(admin_client, communiques.as_pdf(), "vilnius.pdf")
    assert preview.status_code == 200
    found = len(preview.context["preview"].found)
    with django_assert_max_num_queries(40):
        response = confirm(admin_client, preview)
    document = Document.objects.get(summit__slug="testville-2030")
    assert response.status_code == 302
    assert response.url == document.get_absolute_url()
    assert document.slug == "testville-2030-declaration"
    assert (
        document.title
        == "OTAN : Voici les 90 points forts du communiqué final du sommet de Vilnius (officiel)"
    )
    assert document.encoding == "pdf"
    assert document.ingest_report["source"]["format"] == "pdf"
    assert document.paragraphs.filter(number__isnull=False).count() == 90
    assert document.loaded_by.username == "admin"
    candidates = Commitment.objects.filter(paragraph__document=document)
    assert candidates.count() == len(preview.context["preview"].found)
    assert set(candidates.values_list("review", flat=True)) == {"candidate"}
    assert Commitment.history.filter(paragraph__document=document).count() == found
    pledge = candidates.get(target_text__contains="au moins 2 %")
    assert (pledge.comparator, pledge.unit, pledge.summit.slug) == (
        "at_least",
        "pct_gdp",
        "testville-2030",
    )
    page = admin_client.get(response.url)
    assert (
        "paragraphs, " in page.content.decode()
        and "candidates for editors" in page.content.decode()
    )


def test_a_cancelled_preview_writes_nothing(admin_client):
    before = counts()
    preview = upload(admin_client, communiques.ENGLISH.encode(), "declaration.txt")
    response = admin_client.post(CONFIRM, {"payload": payload(preview), "cancel": ""})
    assert response.status_code == 302 and response.url == UPLOAD
    assert counts() == before


def test_an_altered_preview_is_refused(admin_client):
    preview = upload(admin_client, communiques.ENGLISH.encode(), "declaration.txt")
    before = counts()
    response = admin_client.post(CONFIRM, {"payload": payload(preview)[:-3] + "abc"})
    assert response.status_code == 400
    assert "expired or was altered" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.txt", "file is empty."),
        (b"   \n\t\n  ", "blank.txt", "only whitespace"),
        (communiques.zip_archive(), "communique.txt", "ZIP archive"),
        (communiques.PNG, "photo.txt", "PNG image"),
        (communiques.NEITHER_UTF8_NOR_CP1252, "odd.txt", "neither UTF-8 nor Windows-1252"),
        (communiques.scripts_only_html(), "page.html", "No text was found in the HTML page"),
        (communiques.image_only_pdf(), "scan.pdf", "has no text layer"),
        (b"PK", "communique.docx", "only .txt, .html and .pdf"),
    ],
)
def test_bad_uploads_get_a_clear_message_and_write_nothing(
    admin_client, django_assert_max_num_queries, data, filename, message
):
    before = counts()
    with django_assert_max_num_queries(8):
        response = upload(admin_client, data, filename)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before


def test_a_file_over_the_limit_is_refused(admin_client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    before = counts()
    response = upload(admin_client, b"1. Texte. " * 200, "big.txt")
    assert response.status_code == 400
    assert "The file is 2.0\xa0KB; the limit is 1000\xa0bytes." in response.content.decode()
    assert counts() == before
    response = admin_client.post(UPLOAD, form_data(text="1. Texte. " * 200))
    assert response.status_code == 400 and "the limit is" in response.content.decode()


def test_a_file_and_a_pasted_text_together_are_refused(admin_client):
    response = upload(admin_client, b"1. A.", "a.txt", text="1. B.")
    assert response.status_code == 400
    assert "not both" in response.content.decode()


def test_a_new_summit_needs_its_name_city_and_first_day(admin_client):
    response = admin_client.post(
        UPLOAD, form_data(new_summit_name="", new_summit_city="", text=communiques.ENGLISH)
    )
    assert response.status_code == 400
    assert response.content.decode().count("Needed for a new summit") == 2


def test_creating_a_summit_that_exists_is_refused(admin_client):
    response = admin_client.post(
        UPLOAD,
        form_data(
            new_summit_city="Vilnius",
            new_summit_started_on="2023-07-11",
            new_summit_ended_on="2023-07-12",
            text=communiques.ENGLISH,
        ),
    )
    assert response.status_code == 400
    assert "exists already: choose it" in response.content.decode()


def test_pasted_prose_is_accepted_with_a_warning(admin_client):
    preview = admin_client.post(UPLOAD, form_data(text=communiques.PROSE, summit=""))
    assert preview.status_code == 200
    assert "No paragraph structure found" in preview.content.decode()
    confirm(admin_client, preview)
    document = Document.objects.get(summit__slug="testville-2030")
    assert list(document.paragraphs.values_list("label", flat=True)) == ["§1"]


def test_the_same_text_twice_is_reported_as_already_loaded(
    admin_client, django_assert_max_num_queries
):
    vilnius = Document.objects.get(slug="vilnius-2023-communique")
    data = vilnius.raw_text.encode("utf-8")
    before = counts()
    preview = upload(admin_client, data, "vilnius.txt", summit=vilnius.summit.pk)
    html = preview.content.decode()
    assert "This text is already loaded" in html
    assert vilnius.get_absolute_url() in html
    assert "Confirm the import" not in html
    with django_assert_max_num_queries(25):
        response = confirm(admin_client, preview)
    assert response.status_code == 409
    assert vilnius.get_absolute_url() in response.content.decode()
    assert counts() == before


def test_an_upload_confirmed_twice_is_loaded_once(admin_client):
    preview = upload(admin_client, communiques.ENGLISH.encode(), "declaration.txt")
    assert confirm(admin_client, preview).status_code == 302
    before = counts()
    response = confirm(admin_client, preview)
    assert response.status_code == 409
    assert "already loaded" in response.content.decode()
    assert counts() == before


def test_a_confirmation_that_loses_the_race_is_told_and_writes_nothing(admin_client, monkeypatch):
    """The other admin's import committed between this one's check and its insert."""
    summit = make_summit(slug="testville-2030", city="Testville")
    preview = upload(
        admin_client, communiques.ENGLISH.encode(), "declaration.txt", summit=summit.pk
    )
    first = confirm(admin_client, preview)
    assert first.status_code == 302
    before = counts()
    from summits import services

    real = services.loaded_document
    calls = []

    def stale_check(text):
        calls.append(text)
        return None if len(calls) == 1 else real(text)

    monkeypatch.setattr(services, "loaded_document", stale_check)
    monkeypatch.setattr("imports.preview.recognise.matches", lambda paragraphs: [])
    monkeypatch.setattr("imports.services._unique_slug", lambda model, base, limit: base)
    # Nor does it see the other import's document as an earlier version of this one.
    monkeypatch.setattr("imports.preview.earlier_version", lambda request, **kw: None)
    response = confirm(admin_client, preview)
    assert response.status_code == 409
    assert "at the same moment" in response.content.decode()
    assert counts() == before


def test_a_german_text_is_refused_from_the_page_and_nothing_is_written(admin_client):
    before = counts()
    for response in (
        upload(admin_client, communiques.GERMAN.encode(), "erklaerung.txt"),
        admin_client.post(UPLOAD, form_data(text=communiques.GERMAN)),
    ):
        assert response.status_code == 400
        page = response.content.decode()
        assert "The text seems to be in German" in page
        assert "only French and English texts can be loaded" in page
        assert "payload" not in response.context
    assert counts() == before


def test_two_previews_of_the_same_new_summit_create_it_once(admin_client):
    """Two texts previewed for one new summit, confirmed one after the other: the
    second is refused at confirmation, rather than creating the summit again."""
    first = upload(admin_client, communiques.ENGLISH.encode(), "declaration.txt")
    other = communiques.ENGLISH.replace("Testville", "Testville, on its second day")
    second = upload(
        admin_client, other.replace("review the plan", "assess it").encode(), "other.txt"
    )
    assert first.status_code == second.status_code == 200
    assert confirm(admin_client, first).status_code == 302
    assert Summit.objects.filter(city="Testville").count() == 1
    before = counts()
    response = confirm(admin_client, second)
    assert response.status_code == 409
    assert "was created since the preview: nothing was written" in response.content.decode()
    assert counts() == before
    assert Summit.objects.filter(city="Testville").count() == 1
