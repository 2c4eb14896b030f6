"""Every document keeps the file it was read from, byte for byte, and offers it."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from summits.models import Document, Original
from tests import communiques
from tests.factories import make_admin
from tests.pdf import text_pdf

pytestmark = pytest.mark.django_db

DECLARATION = [
    "Testville Summit Declaration",
    "1. We, the leaders of the Alliance, met in Testville to open a new chapter of our "
    "common defence and to agree on the plans that will guide it.",
    "2. We commit to invest at least two percent of our output on defence every year, "
    "and more where our plans require it.",
    "3. We will meet again in Otherville next year.",
]


def upload(client, data: bytes, filename: str):
    client.force_login(make_admin())
    fields = {
        "summit": "",
        "new_summit_name": "Testville Summit",
        "new_summit_kind": "summit",
        "new_summit_city": "Testville",
        "new_summit_started_on": "2031-06-01",
        "new_summit_ended_on": "2031-06-02",
        "kind": "declaration",
        "published_on": "2031-06-02",
        "replaces": "",
        "text": "",
        "file": SimpleUploadedFile(filename, data),
    }
    preview = client.post(reverse("imports:upload"), fields)
    assert preview.status_code == 200, preview.content.decode()[:2000]
    return client.post(
        reverse("imports:confirm"), {"payload": preview.context["payload"], "confirm": ""}
    )


def test_the_seed_texts_keep_their_files_as_originals():
    vilnius = Original.objects.get(document__slug="vilnius-2023-communique")
    data = communiques.VILNIUS.read_bytes()
    assert bytes(vilnius.data) == data
    assert vilnius.sha256 == hashlib.sha256(data).hexdigest() == vilnius.document.sha256
    assert vilnius.filename == communiques.VILNIUS.name
    assert Original.objects.count() == Document.objects.count()


def test_the_reader_links_the_original_and_it_downloads_byte_for_byte(client):
    document = Document.objects.get(slug="vilnius-2023-communique")
    html = client.get(document.get_absolute_url()).content.decode()
    url = reverse("summits:original", args=[document.slug])
    assert f'href="{url}" download' in html
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == communiques.VILNIUS.read_bytes()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Checksum-SHA256"] == document.original.sha256


def test_a_document_without_its_file_has_no_link_and_no_download(client):
    document = Document.objects.get(slug="vilnius-2023-communique")
    Original.objects.filter(document=document).delete()
    assert "Original file" not in client.get(document.get_absolute_url()).content.decode()
    assert client.get(reverse("summits:original", args=[document.slug])).status_code == 404


@pytest.mark.parametrize(
    ("make", "filename", "fmt", "media_type"),
    [
        (lambda: text_pdf(DECLARATION), "testville.pdf", "pdf", "application/pdf"),
        (
            lambda: communiques.html_page(
                "\n".join(f"<p>{line}</p>" for line in DECLARATION[1:]),
                title=DECLARATION[0],
            ).encode("utf-8"),
            "testville.html",
            "html",
            "text/html; charset=utf-8",
        ),
        (
            lambda: "\r\n\r\n".join(DECLARATION).replace("Otherville", "Liège").encode("cp1252"),
            "testville.txt",
            "text",
            "text/plain; charset=windows-1252",
        ),
    ],
    ids=["pdf", "html", "cp1252-crlf"],
)
def test_an_upload_keeps_its_file_beside_the_text(client, make, filename, fmt, media_type):
    data = make()
    response = upload(client, data, filename)
    assert response.status_code == 302
    document = Document.objects.get(summit__slug="testville-2031")
    original = document.original
    assert (original.format, original.filename, original.size) == (fmt, filename, len(data))
    assert bytes(original.data) == data
    assert original.sha256 == hashlib.sha256(data).hexdigest()
    assert document.ingest_report["source"]["sha256"] == original.sha256
    download = client.get(reverse("summits:original", args=[document.slug]))
    assert download.content == data and download["Content-Type"] == media_type
    assert document.title == "Testville Summit Declaration"


def test_the_report_lists_what_the_web_page_reader_left_out(client):
    page = communiques.html_page(
        "\n".join(f"<p>{line}</p>" for line in DECLARATION[1:]), title=DECLARATION[0]
    )
    upload(client, page.encode(), "testville.html")
    report = Document.objects.get(summit__slug="testville-2031").ingest_report["source"]
    assert report["title"] == "Testville Summit Declaration"
    left = report["left_out"]
    for line in ("Accueil Monde Afrique Sport", "Nous utilisons des cookies.", "Accepter"):
        assert line in left
    assert "© 2023 Le Site. Tous droits réservés." in left
    assert report["left_out_count"] == len(left)
    assert not any("met in Testville" in line for line in left)
