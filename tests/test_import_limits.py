"""Imports within sane limits: the number of paragraphs and candidates, the processor
time of a PDF, a confirmation whose queries do not grow with the text; and every refusal
said on the page, with nothing written."""

import resource

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.reading import pdf_budget
from tests.factories import make_admin
from tests.pdf import stalling_pdf, text_pdf
from tests.test_import import CONFIRM, counts, form_data, payload, upload

pytestmark = pytest.mark.django_db

SECTORS = ["terrestre", "maritime", "aérien", "spatial", "cyber", "logistique", "médical"]


def numbered_text(paragraphs: int) -> str:
    """A communiqué of so many numbered paragraphs, each different, each with a
    commitment the extractor finds (so candidates grow with paragraphs)."""
    lines = []
    for n in range(1, paragraphs + 1):
        sector = SECTORS[n % len(SECTORS)]
        lines.append(
            f"{n}. Pour le domaine {sector} numéro {n}, nous nous engageons à consacrer "
            f"au moins {n % 9 + 1} % de nos budgets de défense au programme {n * 7919} "
            f"d’ici à {2030 + n % 20}."
        )
    return "\n\n".join(lines) + "\n"


@pytest.fixture
def admin_client(client):
    client.force_login(make_admin())
    return client


def test_the_text_builder_gives_one_paragraph_and_one_candidate_each(admin_client):
    response = upload(admin_client, numbered_text(12).encode())
    preview = response.context["preview"]
    assert preview.paragraph_count == 12
    assert len(preview.found) == 12


def test_too_many_paragraphs_are_refused_on_the_upload_page(admin_client, settings):
    settings.IMPORT_MAX_PARAGRAPHS = 10
    before = counts()
    response = upload(admin_client, numbered_text(12).encode())
    assert response.status_code == 400
    text = response.content.decode()
    assert "The text has 12 paragraphs; an import takes at most 10" in text
    assert "IMPORT_MAX_PARAGRAPHS" in text
    assert counts() == before


def test_too_many_candidates_are_refused_on_the_upload_page(admin_client, settings):
    settings.IMPORT_MAX_CANDIDATES = 5
    response = upload(admin_client, numbered_text(8).encode())
    assert response.status_code == 400
    assert "The text has 8 commitment candidates; an import takes at most 5" in (
        response.content.decode()
    )


def test_limits_lowered_between_preview_and_confirmation_are_told_on_the_page(
    admin_client, settings
):
    token = payload(upload(admin_client, numbered_text(8).encode()))
    settings.IMPORT_MAX_PARAGRAPHS = 4
    before = counts()
    response = admin_client.post(CONFIRM, {"payload": token})
    assert response.status_code == 409
    assert "The text has 8 paragraphs" in response.content.decode()
    assert counts() == before


def test_the_command_refuses_too_many_paragraphs_with_the_same_message(tmp_path, settings):
    settings.IMPORT_MAX_PARAGRAPHS = 3
    path = tmp_path / "long.txt"
    path.write_text(numbered_text(5), encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match="The text has 5 paragraphs; an import takes at most 3"):
        call_command("import_communique", str(path), "--summit", "vilnius-2023")
    assert counts() == before


def test_the_limit_reads_in_french(admin_client, settings):
    settings.IMPORT_MAX_PARAGRAPHS = 10
    fields = form_data()
    fields["text"] = numbered_text(12)
    response = admin_client.post("/import/", fields, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Le texte a 12 paragraphes" in response.content.decode()


FURNITURE = ["Partager sur Facebook", "Partager sur X", "Lire aussi", "Publicité"]


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        ("\n".join(FURNITURE).encode(), "furniture.txt"),
        (b"...\n\n- \n", "dots.txt"),
        (text_pdf(FURNITURE), "furniture.pdf"),
    ],
    ids=["web-furniture", "punctuation", "pdf-furniture"],
)
def test_an_upload_without_any_paragraph_gets_a_message_on_the_upload_page(
    admin_client, data, filename
):
    before = counts()
    response = upload(admin_client, data, filename)
    assert response.status_code == 400
    assert "No paragraph was found" in response.content.decode()
    assert response.templates[0].name == "imports/upload.html"
    assert counts() == before


@pytest.mark.parametrize(
    ("size", "seconds"),
    [
        (0, 0.5),
        (31 * 1024, 0.5 + 4 * 31 / 1024),
        (1024 * 1024, 4.5),
        (5 * 1024 * 1024, 5.0),
    ],
)
def test_a_pdf_budget_grows_with_its_size_up_to_the_ceiling(size, seconds):
    assert pdf_budget(size) == pytest.approx(seconds)


def test_a_small_pdf_made_to_stall_the_reader_costs_about_a_second_of_processor(admin_client):
    """A 30 kB file whose one page holds a million compressed text operators: before,
    it took the whole PDF_READ_SECONDS (5 s) of processor time before it was refused."""
    data = stalling_pdf(1_000_000)
    assert 25_000 < len(data) < 32_000
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    response = upload(admin_client, data, "crafted.pdf")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert response.status_code == 400
    assert "took longer than the time allowed" in response.content.decode()
    # The budget (0.62 s) and the child's own start (loading Python and pypdf).
    assert spent < 1.5


def _confirm_queries(client, paragraphs: int) -> int:
    city = f"Testville {paragraphs}"
    data = numbered_text(paragraphs).encode()
    token = payload(upload(client, data, new_summit_city=city, new_summit_name=city))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(CONFIRM, {"payload": token})
    assert response.status_code == 302
    return len(queries)


def test_confirming_costs_the_same_queries_for_30_or_300_paragraphs(admin_client):
    """Paragraphs, candidates and their history are written in bulk: no query per row.
    (A first import makes the row that tells caches the data changed: not counted.)"""
    _confirm_queries(admin_client, 3)
    small = _confirm_queries(admin_client, 30)
    large = _confirm_queries(admin_client, 300)
    assert small == large
