"""The import_communique command: the same import as the upload page, from a shell."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Commitment
from imports.management.commands.import_communique import Command
from summits.models import Document, Paragraph
from tests import communiques
from tests.factories import set_aside

pytestmark = pytest.mark.django_db


def run(path, *args):
    out = StringIO()
    call_command("import_communique", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def rows():
    return Document.objects.count(), Paragraph.objects.count(), Commitment.objects.count()


def test_it_loads_a_pdf_with_a_progress_bar(tmp_path):
    set_aside("vilnius-2023-communique")
    path = tmp_path / "vilnius.pdf"
    path.write_bytes(communiques.as_pdf())
    out = run(
        path, "--summit", "the-hague-2025", "--title", "Vilnius again", "--date", "2025-06-25"
    )
    assert "vilnius.pdf: pdf, pdf, language fr" in out
    assert "96 paragraphs: 90 numbered (1–90), 6 bullet items" in out
    assert "Finding commitments [##############################] 96/96" in out
    assert "Loaded the-hague-2025-communique: 96 paragraphs" in out
    document = Document.objects.get(slug="the-hague-2025-communique")
    assert document.title == "Vilnius again"
    assert document.paragraphs.filter(number__isnull=False).count() == 90
    assert Commitment.objects.filter(paragraph__document=document, review="candidate").exists()


def test_a_dry_run_reports_and_writes_nothing(tmp_path):
    path = tmp_path / "declaration.txt"
    path.write_text(communiques.ENGLISH, encoding="utf-8")
    before = rows()
    out = run(path, "--summit", "the-hague-2025", "--dry-run")
    assert "language en" in out and "Dry run: nothing was written." in out
    assert rows() == before


@pytest.mark.parametrize(
    ("content", "name", "args", "message"),
    [
        (b"1. Texte.", "a.txt", ["--summit", "atlantis-2099"], "No summit 'atlantis-2099'"),
        (b"", "empty.txt", ["--summit", "the-hague-2025"], "The file is empty."),
        (communiques.PNG, "x.txt", ["--summit", "the-hague-2025"], "PNG image"),
        (communiques.image_only_pdf(), "scan.pdf", ["--summit", "the-hague-2025"], "no text layer"),
        (b"1. A.", "a.txt", ["--summit", "the-hague-2025", "--replaces", "nope"], "No document"),
        (None, "missing.txt", ["--summit", "the-hague-2025"], "No such file"),
    ],
)
def test_bad_input_exits_with_a_clear_message_and_writes_nothing(
    tmp_path, content, name, args, message
):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = rows()
    with pytest.raises(CommandError, match=message):
        run(path, *args)
    assert rows() == before


def test_the_same_text_twice_is_refused_with_the_address_of_the_first(tmp_path):
    path = tmp_path / "vilnius.txt"
    path.write_bytes(communiques.as_utf8_bom_crlf())
    before = rows()
    with pytest.raises(CommandError, match="already loaded .*/documents/vilnius-2023-communique/"):
        run(path, "--summit", "vilnius-2023")
    assert rows() == before


def test_the_command_exits_non_zero_on_bad_input(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    stderr = StringIO()
    command = Command(stdout=StringIO(), stderr=stderr)
    with pytest.raises(SystemExit) as exit_info:
        command.run_from_argv(
            ["manage.py", "import_communique", str(path), "--summit", "the-hague-2025"]
        )
    assert exit_info.value.code == 1
    assert "The file is empty." in stderr.getvalue()


def test_a_german_text_is_refused_by_the_command_and_nothing_is_written(tmp_path):
    path = tmp_path / "erklaerung.txt"
    path.write_text(communiques.GERMAN, encoding="utf-8")
    before = rows()
    with pytest.raises(CommandError, match="seems to be in German: only French and English"):
        run(path, "--summit", "the-hague-2025")
    assert rows() == before
