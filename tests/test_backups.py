"""Backups restore as the README says: `backup`, a new database, `migrate`, `restore`;
every text comes back byte for byte, and a damaged or foreign file writes nothing."""

import hashlib
import json
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from commitments.models import Commitment
from commitments.services import record_status_change
from reader.models import Annotation
from summits.ingest import sha256_text
from summits.models import Document, Original, Paragraph
from tests.factories import make_document, make_summit, make_user
from tests.test_production import manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_database(tmp_path):
    """The URL of a new, empty database beside the test one: `createdb` on PostgreSQL,
    a new file on SQLite (which `migrate` creates)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restored"
    server = ["-h", settings["HOST"], "-p", str(settings["PORT"]), "-U", settings["USER"]]
    subprocess.run(["dropdb", "--if-exists", *server, name], check=True)
    subprocess.run(["createdb", *server, name], check=True)
    yield f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    subprocess.run(["dropdb", "--if-exists", "--force", *server, name], check=True)


# Raw texts as received: the whitespace at their ends is part of them.
RAW_TEXTS = [
    "1. Nous renforcerons notre défense.\n",
    "  1. Des espaces avant et après.  \n\n",
    "1. Des fins de ligne Windows.\r\n2. Une autre.\r\n",
    "\ufeff1. Une marque d’ordre des octets, une tabulation\tet une fin\n",
    "1. Sans fin de ligne.",
]


def editors_work():
    summit = make_summit()
    for index, text in enumerate(RAW_TEXTS):
        document = make_document(
            summit=summit, slug=f"raw-{index}", raw_text=text, sha256=sha256_text(text)
        )
        data = text.encode("utf-16") + b"\x00\n"
        Original.objects.create(
            document=document, filename=f"raw-{index}.txt", format="text", size=len(data),
            sha256=hashlib.sha256(data).hexdigest(), data=data,
        )  # fmt: skip
    editor = make_user("Editors", username="editor")
    paragraph = Paragraph.objects.get(document__slug="vilnius-2023-communique", number=27)
    start = paragraph.text.index("au moins 2 %")
    Annotation.objects.create(
        paragraph=paragraph, author=editor, body="Un plancher, plus un objectif.\n",
        quote="au moins 2 %", start=start, end=start + len("au moins 2 %"), tags=["chiffre"],
    )  # fmt: skip
    record_status_change(
        commitment=Commitment.objects.get(slug="vilnius-2023-defence-spending-2-pct-gdp"),
        status="in_progress",
        as_of="2025-01-01",
        rationale="Test entry.",
        author=editor,
    )


def body(path) -> bytes:
    return path.read_bytes().split(b"\n", 1)[1]


def header(path) -> dict:
    return json.loads(path.read_bytes().split(b"\n", 1)[0])


def ok(result):
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_backup_createdb_migrate_restore_as_the_readme_says(tmp_path, new_database):
    """The README's commands, a damaged or foreign file refused on the way."""
    editors_work()
    texts = list(Document.objects.values_list("raw_text", flat=True))
    assert sum(text != text.strip() for text in texts) >= 4  # what the XML format lost
    backup = tmp_path / "tracker.backup"
    call_command("backup", str(backup), stdout=StringIO())
    written = header(backup)
    assert written["counts"]["summits.document"] == len(texts)
    assert written["counts"]["reader.historicalannotation"] >= 1
    assert written["records"] == sum(written["counts"].values()) > 300

    env = {"DATABASE_URL": new_database}
    ok(manage("migrate", "--noinput", env=env))
    # A text altered (its header recomputed to match) is found after loading and rolls
    # everything back: the database still takes the whole backup after.
    altered = tampered(backup, tmp_path)
    for path, message in {altered: "does not match its SHA-256"}.items():
        result = manage("restore", str(path), env=env)
        assert result.returncode != 0, path
        assert message in result.stderr, (path, result.stderr)
        assert "Traceback" not in result.stderr
    restored = ok(manage("restore", str(backup), env=env))
    assert f"{written['records']:,} records" in restored.stdout

    # The restored database backs up to the same records, byte for byte.
    again = tmp_path / "again.backup"
    ok(manage("backup", str(again), env=env))
    assert body(again) == body(backup)
    assert (header(again)["sha256"], header(again)["counts"]) == (
        written["sha256"],
        written["counts"],
    )
    # Texts hash as they did, and the database goes on: new rows get new keys.
    check = (
        "from summits.models import Document, Summit; from summits.ingest import sha256_text;"
        "docs = list(Document.objects.all());"
        "print(len(docs), sum(sha256_text(d.raw_text) == d.sha256 for d in docs));"
        "s = Summit.objects.create(slug='after', name='After', city='X',"
        " started_on='2030-01-01', ended_on='2030-01-02'); print(s.pk > 0)"
    )
    counted = ok(manage("shell", "--no-imports", "-c", check, env=env)).stdout.split()
    assert counted == [str(len(texts)), str(len(texts)), "True"]
    # A second restore is refused: the database now holds data.
    twice = manage("restore", str(backup), env=env)
    assert twice.returncode != 0
    assert "not empty" in twice.stderr


def tampered(backup, tmp_path):
    """The backup with one text changed and its header recomputed to match."""
    lines = backup.read_bytes().split(b"\n")
    head = json.loads(lines[0])
    for index, line in enumerate(lines[1:], start=1):
        record = json.loads(line) if line else None
        text = record["fields"].get("raw_text", "") if record else ""
        if record and record["model"] == "summits.document" and text != text.rstrip():
            record["fields"]["raw_text"] = text.rstrip()
            lines[index] = json.dumps(record, ensure_ascii=False).encode("utf-8")
            break
    rest = b"\n".join(lines[1:])
    head["sha256"] = hashlib.sha256(rest).hexdigest()
    path = tmp_path / "tampered.backup"
    path.write_bytes(json.dumps(head).encode("utf-8") + b"\n" + rest)
    return path


def damaged_and_foreign_files(backup, tmp_path):
    """Files restore must refuse, each with the words of its message."""
    data = backup.read_bytes()
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(data[: len(data) // 2])
    cut_at_a_line = tmp_path / "cut.backup"
    cut_at_a_line.write_bytes(data[: data.rindex(b"\n", 0, len(data) // 2) + 1])
    xml = tmp_path / "tracker.xml"
    xml.write_text('<?xml version="1.0" encoding="utf-8"?>\n<django-objects version="1.0">')
    foreign = tmp_path / "foreign.json"
    foreign.write_text('[{"model": "summits.summit", "pk": 1, "fields": {}}]\n')
    cases = {
        truncated: "truncated or damaged",
        cut_at_a_line: "truncated or altered",
        xml: "XML file",
        foreign: "not a backup written by `backup`",
        tmp_path / "missing.backup": "No backup at",
    }
    return cases


def test_a_damaged_or_foreign_file_is_refused_before_anything_is_read_into_the_database(
    tmp_path,
):
    backup = tmp_path / "tracker.backup"
    call_command("backup", str(backup), stdout=StringIO())
    for path, message in damaged_and_foreign_files(backup, tmp_path).items():
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(path))
        assert message in str(refused.value), path
    # A whole backup passes these checks, and is refused here for the rows present.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))
